"""Where alerts go: a JSON Lines log, a webhook (POST JSON, retried with backoff) and e-mail
over SMTP. A channel that fails is reported in the alert's `deliveries`; others still run."""
from __future__ import annotations

import json
import logging
import os
import smtplib
import time
from email.message import EmailMessage
from pathlib import Path

import httpx

from polemos import errors
from polemos.alerts.model import Alert
from polemos.alerts.rules import Channels, Email, Rule, Webhook

log = logging.getLogger("polemos.alerts")


def write_log(alert: Alert, path: str) -> None:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    with p.open("a", encoding="utf-8") as f:
        f.write(alert.model_dump_json(exclude={"deliveries"}) + "\n")


def post_webhook(alert: Alert, hook: Webhook, rule: str) -> None:
    """POST the alert as JSON; 5xx, 429, timeouts and refused connections are retried with
    exponential backoff; any other 4xx is final."""
    body = alert.model_dump_json(exclude={"deliveries"})
    detail = ""
    for attempt in range(hook.tries):
        if attempt:
            time.sleep(hook.backoff_s * 2 ** (attempt - 1))
        try:
            r = httpx.post(hook.url, content=body, timeout=hook.timeout_s,
                           headers={"Content-Type": "application/json", "User-Agent": "polemos-alerts",
                                    "X-Polemos-Alert": alert.id})
        except httpx.HTTPError as e:
            detail = type(e).__name__
            continue
        if r.is_success:
            return
        detail = f"HTTP {r.status_code}"
        if r.status_code < 500 and r.status_code != 429:
            break
    raise RuntimeError(errors.ALERT_WEBHOOK_FAILED.format(rule=rule, url=hook.url, tries=attempt + 1, detail=detail))


def email_text(alert: Alert) -> str:
    lines = [alert.summary, f"rule: {alert.rule}", f"dashboard: {alert.link}", ""]
    for e in alert.events:
        lines.append(f"- {e.date or 'undated'} {e.type} at {e.place or '?'}"
                     + (f", {e.killed} killed" if e.killed else "") + f" ({e.link})")
        lines.append(f"  \"{e.evidence}\"" + (f" ({', '.join(e.sources)})" if e.sources else ""))
    return "\n".join(lines) + "\n"


def send_email(alert: Alert, mail: Email, rule: str) -> None:
    msg = EmailMessage()
    msg["Subject"] = f"[polemos] {alert.summary}"[:200]
    msg["From"] = mail.sender
    msg["To"] = ", ".join(mail.to)
    msg["X-Polemos-Alert"] = alert.id
    msg.set_content(email_text(alert))
    try:
        with smtplib.SMTP(mail.host, mail.port, timeout=mail.timeout_s) as smtp:
            if mail.starttls:
                smtp.starttls()
            if mail.username:
                smtp.login(mail.username, os.environ.get(mail.password_env or "", ""))
            smtp.send_message(msg)
    except (OSError, smtplib.SMTPException) as e:
        raise RuntimeError(errors.ALERT_SMTP_FAILED.format(rule=rule, to=", ".join(mail.to), host=mail.host,
                                                           port=mail.port, detail=str(e) or type(e).__name__)) from e


def deliver(alert: Alert, rule: Rule) -> dict[str, str]:
    """Send on every channel the rule names; {channel: "sent" | the error}."""
    ch: Channels = rule.channels
    out: dict[str, str] = {}
    steps = [("log", ch.log and (lambda: write_log(alert, ch.log or ""))),
             ("webhook", ch.webhook and (lambda: post_webhook(alert, ch.webhook, rule.name))),  # type: ignore[arg-type]
             ("email", ch.email and (lambda: send_email(alert, ch.email, rule.name)))]  # type: ignore[arg-type]
    for name, step in steps:
        if not step:
            continue
        try:
            step()
            out[name] = "sent"
        except (OSError, RuntimeError) as e:
            log.warning("%s", e)
            out[name] = str(e)
    return out


def as_json(alert: Alert) -> str:
    return json.dumps(alert.model_dump(), ensure_ascii=False)
