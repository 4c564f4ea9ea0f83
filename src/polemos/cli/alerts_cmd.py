"""`polemos alerts`: rules as YAML, checked against the store, fired once per new evidence."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from polemos import alerts, errors
from polemos.cli import app
from polemos.cli.zones_cmd import DbOpt, open_for_reading
from polemos.errors import InputError
from polemos.store import open_store

alerts_app = typer.Typer(no_args_is_help=True, help="Alert rules (YAML) and the alerts they fired.")
app.add_typer(alerts_app, name="alerts")


def since_time(value: str | None, now: dt.datetime) -> dt.datetime | None:
    """`--since 7d` / `12h` / `2026-01-31` as a UTC time."""
    if not value:
        return None
    try:
        return alerts.since_time(value, now)
    except ValueError:
        raise InputError(errors.ALERT_BAD_SINCE.format(value=value)) from None


@alerts_app.command("add")
def alerts_add(rules_file: Annotated[Path, typer.Argument(help="YAML: a list of rules, or `rules:` with one")],
               db: DbOpt = None) -> None:
    """Add (or replace, by name) the rules of a YAML file; all are checked before any is stored."""
    rules = alerts.load_rules(rules_file)
    with open_store(db) as store:
        done = alerts.add_rules(store, rules, str(rules_file))
    for name, status in done.items():
        typer.echo(f"rule {name!r} {status}")


@alerts_app.command("rules")
def alerts_rules(db: DbOpt = None) -> None:
    """The stored rules (as JSON Lines)."""
    with open_for_reading(db) as store:
        for r in alerts.list_rules(store):
            typer.echo(r.model_dump_json(exclude_defaults=True))


@alerts_app.command("list")
def alerts_list(since: Annotated[Optional[str], typer.Option("--since", help="7d, 12h, 30m or YYYY-MM-DD")] = None,
                rule: Annotated[Optional[str], typer.Option("--rule", help="only this rule's alerts")] = None,
                as_json: Annotated[bool, typer.Option("--json", help="one JSON object per line")] = False,
                db: DbOpt = None) -> None:
    """Alerts fired, newest first."""
    start = since_time(since, dt.datetime.now(dt.timezone.utc))
    with open_for_reading(db) as store:
        got = alerts.fired(store, rule=rule, since=start)
    for a in got:
        if as_json:
            typer.echo(json.dumps(a.model_dump(), ensure_ascii=False))
        else:
            typer.echo(f"{a.fired_at}  {a.summary}  [{len(a.events)} events]  {a.link}")
    if not got and not as_json:
        typer.echo("no alerts" + (f" since {since}" if since else ""))


@alerts_app.command("check")
def alerts_check(now: Annotated[Optional[str], typer.Option("--now", help="as of this day (YYYY-MM-DD)")] = None,
                 send: Annotated[bool, typer.Option("--send/--no-send", help="send on the rules' channels")] = True,
                 db: DbOpt = None) -> None:
    """Evaluate every rule against the store now; fire and send what is new."""
    at = None
    if now:
        try:
            at = dt.datetime.combine(dt.date.fromisoformat(now), dt.time(23, 59, 59), dt.timezone.utc)
        except ValueError:
            raise InputError(errors.ALERT_BAD_SINCE.format(value=now)) from None
    with open_store(db) as store:
        fired = alerts.evaluate(store, now=at, send=send)
    for a in fired:
        failed = {k: v for k, v in a.deliveries.items() if v != "sent"}
        typer.echo(f"{a.summary}  [{len(a.events)} events]  {a.link}" + (f"  (failed: {failed})" if failed else ""))
    typer.echo(f"{len(fired)} new alerts")
