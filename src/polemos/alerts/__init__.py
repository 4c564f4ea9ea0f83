"""Alerts (issue 14): rules as YAML, triggers (any, count, toll, escalation), channels (JSON
Lines log, webhook, SMTP e-mail), each alert fired once per new evidence.

    from polemos import alerts
    alerts.add_rules(store, alerts.load_rules("rules.yaml"), "rules.yaml")
    alerts.evaluate(store, now=datetime.now(timezone.utc))      # the new alerts, sent
"""
from __future__ import annotations

from polemos.alerts.evaluate import evaluate
from polemos.alerts.model import Alert, AlertEvent
from polemos.alerts.registry import add_rules, fired, list_rules
from polemos.alerts.rules import Rule, load_rules, parse_duration, since_time

__all__ = ["evaluate", "Alert", "AlertEvent", "Rule", "load_rules", "add_rules", "list_rules", "fired",
           "parse_duration", "since_time"]
