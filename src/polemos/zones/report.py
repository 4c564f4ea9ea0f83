"""A zone report in the formats `polemos zones report --format` offers."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter, defaultdict
from typing import Any

from polemos.zones.model import Violation, Zone

FORMATS = ("table", "jsonl", "geojson", "csv")
CSV_FIELDS = ("date", "date_end", "type", "mode", "certainty", "killed", "injured", "displaced", "actor1",
              "party", "actor2", "place", "places", "precision", "lat", "lon", "event_id", "reason", "evidence",
              "document_ids")


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        return "; ".join(str(x) for x in v)
    return str(v)


def render(zone: Zone, violations: list[Violation], fmt: str) -> str:
    if fmt == "jsonl":
        return "".join(v.model_dump_json() + "\n" for v in violations)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(CSV_FIELDS)
        for v in violations:
            d = v.model_dump()
            w.writerow([_cell(d[f]) for f in CSV_FIELDS])
        return buf.getvalue()
    if fmt == "geojson":
        feats = [{"type": "Feature", "id": v.event_id,
                  "geometry": ({"type": "Point", "coordinates": [v.lon, v.lat]}
                               if v.lat is not None and v.lon is not None else None),
                  "properties": v.model_dump(exclude={"lat", "lon"})} for v in violations]
        if zone.geometry:
            feats.insert(0, {"type": "Feature", "id": zone.id, "geometry": zone.geometry,
                             "properties": {"zone": zone.name, "valid_from": str(zone.valid_from),
                                            "valid_until": str(zone.valid_until) if zone.valid_until else None,
                                            "prohibit": zone.prohibit}})
        return json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False) + "\n"
    return _table(zone, violations)


def _table(zone: Zone, violations: list[Violation]) -> str:
    until = zone.valid_until or "open"
    lines = [f"{zone.name}: {zone.valid_from} to {until}, prohibits {', '.join(zone.prohibit)}"
             + (f", binds {', '.join(zone.parties)}" if zone.parties else "")]
    counts = Counter(v.certainty for v in violations)
    lines.append(f"{counts['inside']} violations inside, {counts['location uncertain']} with location uncertain"
                 + (f", {counts['party uncertain']} with party uncertain" if counts["party uncertain"] else ""))
    for v in violations:
        figures = ", ".join(f"{k} {n:,}" for k, n in (("killed", v.killed), ("injured", v.injured),
                                                    ("displaced", v.displaced)) if n is not None)
        where = v.place or "?"
        if v.places and v.places != [v.place]:
            where += f" ({', '.join(v.places)})"
        date = v.date or "undated" if not v.date_end or v.date_end == v.date else f"{v.date}..{v.date_end}"
        lines.append(f"{date}  {v.type}{'/' + v.mode if v.mode else ''}  [{v.certainty}]  {where}"
                     + (f"  {figures}" if figures else "") + (f"  by {v.actor1}" if v.actor1 else "")
                     + f"  {v.event_id}")
        lines.append(f"    {v.reason}")
        lines.append(f"    \"{v.evidence}\"")
    return "\n".join(lines) + "\n"


def summary(violations: list[Violation]) -> dict[str, Any]:
    """Violations by week and by actor, with killed and displaced (the zone page's tables)."""
    weeks: dict[str, dict[str, Any]] = defaultdict(lambda: {"events": 0, "killed": 0, "displaced": 0, "uncertain": 0})
    actors: dict[str, dict[str, Any]] = defaultdict(lambda: {"events": 0, "killed": 0, "displaced": 0})
    for v in violations:
        week = _week(v.date)
        row = weeks[week]
        if v.certainty == "location uncertain":
            row["uncertain"] += 1
            continue
        for target in (row, actors[v.party or "unknown"]):
            target["events"] += 1
            target["killed"] += v.killed or 0
            target["displaced"] += v.displaced or 0
    return {"by_week": [{"week": k, **r} for k, r in sorted(weeks.items())],
            "by_actor": [{"actor": k, **r} for k, r in sorted(actors.items(), key=lambda kv: -kv[1]["events"])]}


def _week(date: str | None) -> str:
    if not date:
        return "undated"
    d = dt.date.fromisoformat(date[:10])
    return (d - dt.timedelta(days=d.weekday())).isoformat()
