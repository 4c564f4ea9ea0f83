"""Finding a zone's violations: prohibited events that occurred inside it during its period.

Candidates come from the store's public queries (bounding box, type, date window), then one
vectorised point-in-polygon test on a prepared shapely geometry. An event placed only at the
level of a country or a division the zone covers in part is "location uncertain": listed, and
never counted as inside."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import shapely

from polemos.store.base import EventFilter, Store, StoredEvent
from polemos.zones.geojson import to_shape
from polemos.zones.model import Certainty, Violation, Zone
from polemos.zones.registry import list_zones

Verdict = tuple[Certainty, str] | None
COARSE = ("country", "admin1")


def _period(zone: Zone, since: dt.date | None, until: dt.date | None) -> tuple[dt.date, dt.date | None] | None:
    start = max(zone.valid_from, since) if since else zone.valid_from
    ends = [d for d in (zone.valid_until, until) if d is not None]
    end = min(ends) if ends else None
    return None if end is not None and end < start else (start, end)


def _keys(ev: StoredEvent) -> tuple[str | None, str | None]:
    loc = ev.location
    if loc is None or not loc.country or not loc.admin1:
        return None, None
    k1 = f"{loc.country}/{loc.admin1}"
    return k1, (f"{k1}/{loc.admin2}" if loc.admin2 else None)


def _by_units(zone: Zone, ev: StoredEvent) -> Verdict:
    """A coarse placement judged against the divisions the zone covers wholly or in part."""
    loc = ev.location
    assert loc is not None
    k1, k2 = _keys(ev)
    if loc.precision == "country" or not k1:
        if loc.country in zone.countries:
            return "location uncertain", f"placed only at country level ({loc.country}), which the zone covers in part"
        return None
    if k1 in zone.admin1_covered or (k2 and k2 in zone.admin1_covered):
        return "inside", f"{loc.admin1} lies wholly inside the zone"
    if loc.precision in ("admin1", "admin2") and k1 in zone.admin1_partial:
        why = f"placed only at {loc.precision} level ({loc.admin1}), which the zone covers in part"
        return "location uncertain", why
    return None


def _judge(zone: Zone, ev: StoredEvent, in_polygon: bool | None) -> Verdict:
    """Inside / uncertain / not a violation (None) for one event of a prohibited type."""
    loc = ev.location
    if loc is None:
        return None
    if loc.precision in ("country", "admin1") or in_polygon is None:
        verdict = _by_units(zone, ev)
        if verdict or in_polygon is None or loc.precision == "country":
            return verdict
        return ("location uncertain", f"placed at the centre of {loc.admin1}, which the zone covers in part") \
            if in_polygon else None
    if not in_polygon:
        return None
    return "inside", f"{loc.name or loc.text} ({loc.precision}) lies inside the zone"


def _party(zone: Zone, ev: StoredEvent) -> bool | None:
    """True when actor 1 is a bound party, None when actor 1 is unknown, False otherwise."""
    if not zone.parties:
        return True
    a = ev.actor1
    if a is None or not (a.text or a.name or a.country):
        return None
    said = " ".join(x for x in (a.text, a.name, a.country) if x).lower()
    return any(p.lower() in said for p in zone.parties)


def _record(zone: Zone, ev: StoredEvent, certainty: Certainty, reason: str) -> Violation:
    loc = ev.location

    def best(c: object) -> int | None:
        return getattr(c, "best", None)

    def who(a: object) -> str | None:
        return (getattr(a, "name", None) or getattr(a, "text", None)) if a is not None else None

    a1 = ev.actor1
    party = " ".join(x for x in (a1.country, a1.sector) if x) if a1 and a1.country else who(a1)
    return Violation(
        zone_id=zone.id, event_id=ev.id, certainty=certainty, reason=reason, type=ev.type, mode=ev.mode,
        date=ev.date, date_end=ev.date_end, actor1=who(ev.actor1), actor2=who(ev.actor2), party=party,
        place=(loc.name or loc.text) if loc else None,
        places=list(dict.fromkeys(p.name or p.text or "" for p in ev.places if p.name or p.text)),
        lat=loc.lat if loc else None, lon=loc.lon if loc else None, precision=loc.precision if loc else None,
        country=loc.country if loc else None, admin1=loc.admin1 if loc else None,
        killed=best(ev.killed), injured=best(ev.injured), displaced=best(ev.displaced),
        evidence=ev.evidence.text, document_ids=ev.document_ids, sources=ev.sources, n_sources=ev.n_sources)


def _coarse_outside(store: Store, flt: EventFilter, seen: set[str]) -> list[StoredEvent]:
    """Events placed at a country or division centroid outside the zone's bounding box. The map
    points (no JSON parsed) find them; centroids are few distinct points, so the events are read
    with one tiny bounding box per point rather than one query per event."""
    spots = {(round(pt[1], 4), round(pt[2], 4)) for pt in store.event_points(flt)
             if pt[6] in COARSE and pt[0] not in seen}

    def coarse(e: StoredEvent) -> bool:
        return e.id not in seen and e.location is not None and e.location.precision in COARSE

    if len(spots) > 200:   # scattered: one scan of the country is cheaper
        return [e for e in store.query_events(flt) if coarse(e)]
    out: list[StoredEvent] = []
    for lat, lon in sorted(spots):
        box = (lon - 1e-4, lat - 1e-4, lon + 1e-4, lat + 1e-4)
        out.extend(e for e in store.query_events(flt.model_copy(update={"bbox": box})) if coarse(e))
    return out


def _candidates(store: Store, zone: Zone, flt: EventFilter) -> list[tuple[StoredEvent, bool | None]]:
    """(event, inside the polygon?) for the zone's area; None where the zone has no polygon."""
    out: list[tuple[StoredEvent, bool | None]] = []
    seen: set[str] = set()
    if zone.geometry:
        geom = to_shape(zone.geometry)
        shapely.prepare(geom)
        evs = [e for e in store.query_events(flt.model_copy(update={"bbox": geom.bounds}))
               if e.location and e.location.lat is not None and e.location.lon is not None]
        lons = np.array([e.location.lon for e in evs if e.location], dtype=np.float64)
        lats = np.array([e.location.lat for e in evs if e.location], dtype=np.float64)
        hits = shapely.contains_xy(geom, lons, lats) if evs else []
        out = [(e, bool(h)) for e, h in zip(evs, hits)]
        seen = {e.id for e in evs}
    for country in zone.countries:
        cflt = flt.model_copy(update={"country": country})
        if zone.geometry:
            evs = _coarse_outside(store, cflt, seen)
        else:
            evs = [e for e in store.query_events(cflt) if e.id not in seen]
        seen |= {e.id for e in evs}
        out.extend((e, None if not zone.geometry else False) for e in evs)
    return out


def find_violations(store: Store, zone: Zone, since: dt.date | None = None,
                    until: dt.date | None = None) -> list[Violation]:
    """The zone's violations (inside or location uncertain), by date then event id."""
    period = _period(zone, since, until)
    if period is None:
        return []
    found: list[Violation] = []
    for t in zone.prohibit:
        flt = EventFilter(type=t, status="occurred", since=period[0], until=period[1])
        for ev, in_poly in _candidates(store, zone, flt):
            verdict = _judge(zone, ev, in_poly)
            party = _party(zone, ev) if verdict else False
            if verdict is None or party is False:
                continue
            certainty, reason = verdict
            if party is None and certainty == "inside":
                certainty = "party uncertain"
                reason += "; the actor is not named, so whether a bound party acted is unknown"
            found.append(_record(zone, ev, certainty, reason))
    found.sort(key=lambda v: (v.date or "9999", v.event_id))
    return found


def zone_certainty(zone: Zone, ev: StoredEvent) -> Certainty | None:
    """Where one event stands against a zone's area alone (no period, type or party test):
    "inside", "location uncertain" or None (outside)."""
    loc = ev.location
    in_poly: bool | None = None
    if zone.geometry and loc is not None and loc.lat is not None and loc.lon is not None:
        geom = to_shape(zone.geometry)
        in_poly = bool(shapely.contains_xy(geom, loc.lon, loc.lat))
    elif zone.geometry:
        in_poly = False
    verdict = _judge(zone, ev, in_poly)
    return verdict[0] if verdict else None


ZONE_BOOST = 2.0   # a violation inside a watched zone is what the zone's analysts review first


def queue_boost(store: Store) -> Callable[[StoredEvent], tuple[float, str] | None]:
    """A review-queue term (polemos.review.queue.Boost): an event of a type a stored zone
    prohibits, inside it (or possibly inside: location uncertain), gets ZONE_BOOST points."""
    zones = list_zones(store)

    def boost(ev: StoredEvent) -> tuple[float, str] | None:
        for z in zones:
            if ev.type in z.prohibit and zone_certainty(z, ev) is not None:
                return ZONE_BOOST, f"in watched zone: {z.name}"
        return None
    return boost
