"""Writing events out: table, CSV, JSON Lines, Parquet, GeoJSON and PLOVER-style JSON Lines."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from polemos.models import Evidence, StoredEvent

FORMATS = ("table", "csv", "jsonl", "parquet", "geojson", "plover")
BINARY = {"parquet"}


def _actor(a: Any, attr: str) -> Any:
    return getattr(a, attr) if a is not None else None


def _count(c: Any) -> int | None:
    return c.best if c is not None else None


def flat(e: StoredEvent) -> dict[str, Any]:
    """One row per event with plain columns (CSV, Parquet, GeoJSON properties)."""
    loc = e.location
    return {
        "id": e.id, "type": e.type, "mode": e.mode, "status": e.status,
        "date": e.date, "date_end": e.date_end, "date_precision": e.date_precision,
        "actor1": _actor(e.actor1, "name") or _actor(e.actor1, "text"),
        "actor1_country": _actor(e.actor1, "country"), "actor1_sector": _actor(e.actor1, "sector"),
        "actor2": _actor(e.actor2, "name") or _actor(e.actor2, "text"),
        "actor2_country": _actor(e.actor2, "country"), "actor2_sector": _actor(e.actor2, "sector"),
        "place": (loc.name or loc.text) if loc else None, "country": loc.country if loc else None,
        "admin1": loc.admin1 if loc else None, "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None, "geonameid": loc.geonameid if loc else None,
        "place_precision": loc.precision if loc else None,
        "killed": _count(e.killed), "injured": _count(e.injured), "displaced": _count(e.displaced),
        "arrested": _count(e.arrested), "acled_event_type": e.acled_event_type,
        "acled_sub_event_type": e.acled_sub_event_type,
        "n_mentions": e.n_mentions, "n_sources": e.n_sources, "sources": ";".join(e.sources),
        "part_of": e.part_of, "parts": ";".join(e.parts), "evidence": e.evidence.text,
        "coded_by": e.coded_by, "reviewed_at": e.reviewed_at, "reviewed_by": e.reviewed_by,   # polemos.review
    }


def plover(e: StoredEvent) -> dict[str, Any]:
    """A PLOVER-style record: event, mode, context, actor/recipient with codes, place, counts."""
    loc = e.location
    return {
        "id": e.id, "date": e.date, "date_end": e.date_end, "event": e.type, "mode": e.mode,
        "context": e.status,
        "actor": _actor(e.actor1, "name") or _actor(e.actor1, "text"),
        "actor_country": _actor(e.actor1, "country"), "actor_sector": _actor(e.actor1, "sector"),
        "recipient": _actor(e.actor2, "name") or _actor(e.actor2, "text"),
        "recipient_country": _actor(e.actor2, "country"), "recipient_sector": _actor(e.actor2, "sector"),
        "location": None if loc is None else {
            "placename": loc.name or loc.text, "geonameid": loc.geonameid, "lat": loc.lat, "lon": loc.lon,
            "country": loc.country, "admin1": loc.admin1, "precision": loc.precision},
        "fatalities": _count(e.killed), "injuries": _count(e.injured), "displaced": _count(e.displaced),
        "arrests": _count(e.arrested), "text": e.evidence.text, "sources": e.sources,
        "n_sources": e.n_sources, "part_of": e.part_of,
        "coded_by": e.coded_by, "reviewed_at": e.reviewed_at, "reviewed_by": e.reviewed_by,   # polemos.review
    }


def geojson(events: Iterable[StoredEvent]) -> dict[str, Any]:
    feats = []
    for e in events:
        row = flat(e)
        geom = None if row["lat"] is None or row["lon"] is None else \
            {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
        feats.append({"type": "Feature", "id": e.id, "geometry": geom, "properties": row})
    return {"type": "FeatureCollection", "features": feats}


def write(events: list[StoredEvent], fmt: str, out: TextIO | None = None, path: Path | None = None) -> None:
    """Write events in `fmt` to `path` (required for parquet) or the text stream `out`."""
    if fmt == "parquet":
        import pyarrow as pa  # noqa: PLC0415  (start-up cost: pyarrow)
        import pyarrow.parquet as pq  # noqa: PLC0415  (start-up cost: pyarrow)

        assert path is not None
        rows = [flat(e) for e in events]
        cols = list(flat_columns())
        table = pa.table({c: [r[c] for r in rows] for c in cols}, schema=_parquet_schema())
        pq.write_table(table, str(path))
        return
    buf = io.StringIO()
    if fmt == "jsonl":
        for e in events:
            buf.write(e.model_dump_json(exclude={"mentions"}) + "\n")
    elif fmt == "plover":
        for e in events:
            buf.write(json.dumps(plover(e), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        w = csv.DictWriter(buf, fieldnames=list(flat_columns()))
        w.writeheader()
        for e in events:
            w.writerow(flat(e))
    elif fmt == "geojson":
        buf.write(json.dumps(geojson(events), ensure_ascii=False) + "\n")
    else:
        raise ValueError(fmt)
    if path is not None:
        path.write_text(buf.getvalue(), encoding="utf-8")
    else:
        assert out is not None
        out.write(buf.getvalue())


_INT = {"killed", "injured", "displaced", "arrested", "n_mentions", "n_sources", "geonameid"}
_FLOAT = {"lat", "lon"}


def flat_columns() -> list[str]:

    return list(flat(StoredEvent(id="", type="ASSAULT", evidence=Evidence(text="", start=0, end=0))))


def _parquet_schema() -> Any:
    import pyarrow as pa  # noqa: PLC0415  (start-up cost: pyarrow)

    return pa.schema([(c, pa.int64() if c in _INT else pa.float64() if c in _FLOAT else pa.string())
                      for c in flat_columns()])
