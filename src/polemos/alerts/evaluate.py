"""`alerts.evaluate(store, now=...)`: run every stored rule against the store now, fire what is
new, send it. `polemos alerts check` and `polemos watch` (after each poll) call it.

Once per new evidence: an alert remembers the events (and the toll of each) behind it; the same
rule at the same place fires again only for an event it has not reported, or for one whose toll
was revised upward since — never because the same event was merged again."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
from urllib.parse import urlencode

from polemos.alerts import channels, registry
from polemos.alerts.model import Alert, AlertEvent
from polemos.alerts.rules import Rule
from polemos.alerts.triggers import Firing, firings, killed, lookback_start, matches, window_days
from polemos.store.base import EventFilter, Store, StoredEvent
from polemos.zones.model import Zone, slug
from polemos.zones.registry import find_zone

DEFAULT_DASHBOARD = "http://127.0.0.1:8000/"


def _dashboard(rule: Rule) -> str:
    base = rule.dashboard or os.environ.get("POLEMOS_DASHBOARD_URL") or DEFAULT_DASHBOARD
    return base if base.endswith("/") else base + "/"


def _events(store: Store, rule: Rule, start: dt.date, today: dt.date, zones: list[Zone]) -> list[StoredEvent]:
    """The rule's events whose date window meets [start, today] (one query per type/country)."""
    types: list[str | None] = list(rule.filter.types) or [None]
    countries: list[str | None] = list(rule.filter.countries) or [None]
    out: dict[str, StoredEvent] = {}
    for t in types:
        for c in countries:
            for ev in store.query_events(EventFilter(type=t, country=c, since=start, until=today)):
                if ev.id not in out and matches(rule, ev, zones):
                    out[ev.id] = ev
    return list(out.values())


def _seen(previous: list[Alert]) -> dict[str, dict[str, int]]:
    """place -> {event id: the highest toll already reported}."""
    seen: dict[str, dict[str, int]] = {}
    for a in previous:
        got = seen.setdefault(a.place, {})
        for e in a.events:
            got[e.id] = max(got.get(e.id, -1), e.killed or 0)
    return seen


def _is_new(f: Firing, seen: dict[str, dict[str, int]]) -> bool:
    known = seen.get(f.place, {})
    return any(e.id not in known or killed(e) > known[e.id] for e in f.events)


def _alert(rule: Rule, f: Firing, today: dt.date) -> Alert:
    base = _dashboard(rule)
    evidence = sorted(f"{e.id}:{killed(e)}" for e in f.events)
    aid = "al_" + hashlib.sha256("|".join([rule.name, f.place, *evidence]).encode()).hexdigest()[:16]
    start = today - dt.timedelta(days=window_days(rule) - 1)
    params = {"since": start.isoformat(), "until": today.isoformat()}
    if len(rule.filter.types) == 1:
        params["type"] = rule.filter.types[0]
    if f.place != "all" and f.place != "unknown":
        params["country"] = f.place.split("/")[0]
    if len(f.events) == 1:
        params["event"] = f.events[0].id
    evs = [AlertEvent(id=e.id, type=e.type, mode=e.mode, date=e.date,
                      place=(e.location.name or e.location.text) if e.location else None,
                      country=e.location.country if e.location else None,
                      admin1=e.location.admin1 if e.location else None, killed=e.killed.best if e.killed else None,
                      displaced=e.displaced.best if e.displaced else None,
                      actor1=(e.actor1.name or e.actor1.text) if e.actor1 else None, evidence=e.evidence.text,
                      sources=e.sources, link=f"{base}?{urlencode({'event': e.id})}") for e in f.events]
    fired = dt.datetime.now(dt.timezone.utc)   # when it fired, whatever day the rule was evaluated as of
    return Alert(id=aid, rule=rule.name, fired_at=fired.isoformat(timespec="seconds"), kind=rule.trigger.kind,
                 place=f.place, summary=f"{rule.name}: {f.summary}", measure=f.measure, events=evs,
                 link=f"{base}?{urlencode(params)}")


def evaluate(store: Store, now: dt.datetime | None = None, send: bool = True,
             rules: list[Rule] | None = None) -> list[Alert]:
    """Evaluate the stored rules (or `rules`) at `now` (default: the current UTC time); record
    and send every new alert; return them."""
    now = now or dt.datetime.now(dt.timezone.utc)
    today = now.date()
    new: list[Alert] = []
    for rule in rules if rules is not None else registry.list_rules(store):
        zones = [z for z in (find_zone(store, slug(n)) for n in rule.filter.zones) if z is not None]
        if rule.filter.zones and not zones:
            continue   # its zone was removed: nothing can match
        events = _events(store, rule, lookback_start(rule, today), today, zones)
        seen = _seen(registry.fired(store, rule=rule.name))
        for f in firings(rule, events, today):
            if not _is_new(f, seen):
                continue
            alert = _alert(rule, f, today)
            registry.record(store, alert)          # recorded first: a crash never sends twice
            if send:
                alert.deliveries = channels.deliver(alert, rule)
                registry.record(store, alert)
            for e in f.events:
                seen.setdefault(f.place, {})[e.id] = killed(e)
            new.append(alert)
    return new
