"""Event lists as JSON pages, GeoJSON, CSV and compact map points."""
from __future__ import annotations

import csv
import io
from typing import Any

from polemos.models import Evidence, StoredEvent

MEDIA = {"json": "application/json", "geojson": "application/geo+json", "csv": "text/csv; charset=utf-8",
         "points": "application/json"}
FORMATS = tuple(MEDIA)


def negotiate(fmt: str | None, accept: str | None) -> str | None:
    """`format=` wins over `Accept:`; None means the format named is unknown."""
    if fmt:
        fmt = fmt.strip().lower()
        return fmt if fmt in MEDIA else None
    accept = (accept or "").lower()
    if "application/geo+json" in accept:
        return "geojson"
    if "text/csv" in accept:
        return "csv"
    return "json"


def _best(c: Any) -> int | None:
    return None if c is None else c.best if c.best is not None else c.low


def event_summary(e: StoredEvent) -> dict[str, Any]:
    """The flat properties an analyst scans in a table, a GeoJSON feature or a CSV row."""
    a1, a2, loc = e.actor1, e.actor2, e.location
    return {
        "id": e.id, "type": e.type, "mode": e.mode, "status": e.status,
        "date": e.date, "date_end": e.date_end, "date_precision": e.date_precision,
        "actor1": a1.name or a1.text if a1 else None, "actor1_country": a1.country if a1 else None,
        "actor1_sector": a1.sector if a1 else None,
        "actor2": a2.name or a2.text if a2 else None, "actor2_country": a2.country if a2 else None,
        "actor2_sector": a2.sector if a2 else None,
        "place": (loc.name or loc.text) if loc else None, "country": loc.country if loc else None,
        "admin1": loc.admin1 if loc else None, "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "place_precision": loc.precision if loc else None, "geonameid": loc.geonameid if loc else None,
        "killed": _best(e.killed), "killed_low": e.killed.low if e.killed else None,
        "killed_high": e.killed.high if e.killed else None,
        "injured": _best(e.injured), "displaced": _best(e.displaced), "arrested": _best(e.arrested),
        "acled_event_type": e.acled_event_type, "acled_sub_event_type": e.acled_sub_event_type,
        "n_mentions": e.n_mentions, "n_sources": e.n_sources, "sources": ";".join(e.sources),
        "document_ids": ";".join(e.document_ids), "confidence": e.confidence,
        "evidence": e.evidence.text,
        "coded_by": e.coded_by, "reviewed_at": e.reviewed_at, "reviewed_by": e.reviewed_by,   # polemos.review
    }


CSV_COLUMNS = list(event_summary(StoredEvent(id="x", type="ASSAULT",
                                             evidence=Evidence(text="", start=0, end=0))).keys())


def _cell(v: Any) -> Any:
    # Spreadsheets run cells that start with = + - @ as formulas: quote them (CSV injection).
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + v
    return v


def to_csv(events: list[StoredEvent]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    w.writeheader()
    for e in events:
        w.writerow({k: _cell(v) for k, v in event_summary(e).items()})
    return buf.getvalue()


def to_geojson(events: list[StoredEvent], total: int) -> dict[str, Any]:
    features = []
    for e in events:
        p = event_summary(e)
        geom = None
        if p["lat"] is not None and p["lon"] is not None:
            geom = {"type": "Point", "coordinates": [p["lon"], p["lat"]]}
        features.append({"type": "Feature", "id": e.id, "geometry": geom, "properties": p})
    return {"type": "FeatureCollection", "features": features, "total": total}


POINT_FIELDS = ["id", "lat", "lon", "type", "date", "killed", "precision"]


def to_points(events: list[StoredEvent]) -> list[list[Any]]:
    """The map's payload: one short row per located event (about 70 bytes), so the client can
    cluster thousands of them without downloading full records."""
    rows = []
    for e in events:
        loc = e.location
        if loc is None or loc.lat is None or loc.lon is None:
            continue
        rows.append([e.id, round(loc.lat, 5), round(loc.lon, 5), e.type, e.date, _best(e.killed), loc.precision])
    return rows
