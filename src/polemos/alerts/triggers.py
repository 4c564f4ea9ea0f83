"""Which events a rule matches and when its trigger fires, per place. Pure functions over
events already read from the store (evaluate.py does the reading and the bookkeeping)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from polemos.alerts.rules import Rule, parse_duration
from polemos.store.base import StoredEvent
from polemos.zones.model import Zone
from polemos.zones.violations import zone_certainty


@dataclass
class Firing:
    """A trigger condition met at one place: the events behind it and its figures."""

    place: str
    events: list[StoredEvent]
    measure: dict[str, Any] = field(default_factory=dict)
    summary: str = ""


def window_days(rule: Rule) -> int:
    return max(1, parse_duration(rule.trigger.window).days or 1)


def lookback_start(rule: Rule, today: dt.date) -> dt.date:
    """The earliest day the rule needs (window plus an escalation's baseline)."""
    days = window_days(rule)
    if rule.trigger.kind == "escalation":
        days += 7 * rule.trigger.baseline_weeks
    return today - dt.timedelta(days=days - 1)


def _day(ev: StoredEvent) -> dt.date | None:
    return dt.date.fromisoformat(ev.date[:10]) if ev.date else None


def killed(ev: StoredEvent) -> int:
    return ev.killed.best or 0 if ev.killed else 0


def matches(rule: Rule, ev: StoredEvent, zones: list[Zone]) -> bool:
    """The rule's filter (the date window is the caller's)."""
    f = rule.filter
    loc = ev.location
    if f.types and ev.type not in f.types:
        return False
    if f.statuses and ev.status not in f.statuses:
        return False
    if f.modes and (ev.mode or "") not in f.modes:
        return False
    if f.countries and (loc is None or loc.country not in f.countries):
        return False
    if f.admin_units and (loc is None or (loc.admin1 or "").lower() not in {a.lower() for a in f.admin_units}):
        return False
    if f.min_killed is not None and killed(ev) < f.min_killed:
        return False
    if f.actors:
        said = " ".join(x for a in (ev.actor1, ev.actor2) if a for x in (a.text, a.name, a.country) if x).lower()
        if not any(a.lower() in said for a in f.actors):
            return False
    return not zones or any(zone_certainty(z, ev) == "inside" for z in zones)


def place_key(rule: Rule, ev: StoredEvent) -> str | None:
    loc = ev.location
    by = rule.trigger.by
    if by == "all":
        return "all"
    if loc is None or not loc.country:
        return None
    if by == "country" or (by == "admin1" and not loc.admin1):
        return loc.country
    if by == "admin1":
        return f"{loc.country}/{loc.admin1}"
    return f"{loc.country}/{loc.name or loc.text}"


def firings(rule: Rule, events: list[StoredEvent], today: dt.date) -> list[Firing]:
    """Every (place, events) for which the trigger holds on `today`."""
    t = rule.trigger
    days = window_days(rule)
    start = today - dt.timedelta(days=days - 1)
    recent = [e for e in events if (d := _day(e)) is not None and start <= d <= today]
    if t.kind == "any":
        return [Firing(place=place_key(rule, e) or "unknown", events=[e], measure={"killed": killed(e)},
                       summary=f"{e.type} on {e.date}" + (f", {killed(e)} killed" if killed(e) else ""))
                for e in recent]
    groups: dict[str, list[StoredEvent]] = {}
    for e in recent:
        key = place_key(rule, e)
        if key:
            groups.setdefault(key, []).append(e)
    out = []
    for key, evs in sorted(groups.items()):
        n, k = len(evs), sum(killed(e) for e in evs)
        if t.kind == "count" and n >= (t.threshold or 0):
            out.append(Firing(key, evs, {"window": t.window, "count": n, "killed": k},
                              f"{n} events in {t.window} at {key} (threshold {t.threshold})"))
        elif t.kind == "toll" and k >= (t.threshold or 0):
            out.append(Firing(key, evs, {"window": t.window, "count": n, "killed": k},
                              f"{k} killed in {t.window} at {key} (threshold {t.threshold})"))
        elif t.kind == "escalation":
            fired = _escalation(rule, key, evs, events, start)
            if fired:
                out.append(fired)
    return out


def _escalation(rule: Rule, key: str, evs: list[StoredEvent], events: list[StoredEvent],
                start: dt.date) -> Firing | None:
    """The window's measure against the same place's weekly mean over the baseline weeks before."""
    t = rule.trigger
    days = window_days(rule)
    base_start = start - dt.timedelta(days=7 * t.baseline_weeks)
    before = [e for e in events if place_key(rule, e) == key and (d := _day(e)) is not None and base_start <= d < start]

    def measure(xs: list[StoredEvent]) -> int:
        return len(xs) if t.measure == "count" else sum(killed(e) for e in xs)

    now, base_total = measure(evs), measure(before)
    expected = base_total / t.baseline_weeks * days / 7      # the baseline scaled to the window's length
    if now < t.minimum or now < t.factor * expected:
        return None
    word = "events" if t.measure == "count" else "killed"
    return Firing(key, evs, {"window": t.window, t.measure: now, "baseline_weeks": t.baseline_weeks,
                             "baseline_per_window": round(expected, 2), "factor": t.factor},
                  f"escalation at {key}: {now} {word} in {t.window} against {expected:.1f} expected "
                  f"from the {t.baseline_weeks} weeks before")
