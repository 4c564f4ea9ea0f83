"""Reading a zone's area from GeoJSON, with one clear error per fault (unclosed ring,
self-intersection, not GeoJSON): a bad file never reaches the store."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.validation import explain_validity

from polemos import errors
from polemos.errors import InputError


def read_geojson(path: str | Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """(geometry as GeoJSON MultiPolygon or Polygon, the first feature's properties)."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(errors.ZONE_FILE_UNREADABLE.format(path=p, detail=type(e).__name__ + ": " + str(e))) from e
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as e:
        raise InputError(errors.ZONE_NOT_GEOJSON.format(path=p, detail=f"line {e.lineno}: {e.msg}")) from e
    if not isinstance(doc, dict) or "type" not in doc:
        raise InputError(errors.ZONE_NOT_GEOJSON.format(path=p, detail="no top-level object with a \"type\""))
    geoms, props = _collect(p, doc)
    if not geoms:
        raise InputError(errors.ZONE_NO_POLYGON.format(path=p, found=doc.get("type")))
    polys: list[Polygon] = []
    for where, g in geoms:
        polys.extend(_polygons(p, where, g))
    merged = polys[0] if len(polys) == 1 else shapely.union_all(polys)
    return mapping(merged), props


def _collect(p: Path, doc: dict[str, Any]) -> tuple[list[tuple[str, dict[str, Any]]], dict[str, Any]]:
    """The Polygon/MultiPolygon geometries of a FeatureCollection, Feature or bare geometry."""
    kind = doc.get("type")
    if kind == "FeatureCollection":
        feats = doc.get("features")
        if not isinstance(feats, list):
            raise InputError(errors.ZONE_NOT_GEOJSON.format(path=p, detail="\"features\" is not a list"))
        out: list[tuple[str, dict[str, Any]]] = []
        props: dict[str, Any] = {}
        for i, f in enumerate(feats):
            if not isinstance(f, dict) or not isinstance(f.get("geometry"), dict):
                raise InputError(errors.ZONE_NOT_GEOJSON.format(path=p, detail=f"feature {i} has no geometry"))
            if f["geometry"].get("type") in ("Polygon", "MultiPolygon"):
                out.append((f"feature {i}", f["geometry"]))
                props = props or dict(f.get("properties") or {})
        return out, props
    if kind == "Feature":
        g = doc.get("geometry")
        if not isinstance(g, dict):
            raise InputError(errors.ZONE_NOT_GEOJSON.format(path=p, detail="the feature has no geometry"))
        return ([("the feature", g)] if g.get("type") in ("Polygon", "MultiPolygon") else []), \
            dict(doc.get("properties") or {})
    if kind in ("Polygon", "MultiPolygon"):
        return [("the geometry", doc)], {}
    return [], {}


def _ring(p: Path, where: str, i: int, ring: Any) -> list[tuple[float, float]]:
    if not isinstance(ring, list) or not all(isinstance(pt, list) and len(pt) >= 2 for pt in ring):
        raise InputError(errors.ZONE_BAD_GEOMETRY.format(path=p, where=where,
                                                         detail=f"ring {i}: not a list of [lon, lat]"))
    try:
        pts = [(float(pt[0]), float(pt[1])) for pt in ring]
    except (TypeError, ValueError) as e:
        raise InputError(errors.ZONE_BAD_GEOMETRY.format(path=p, where=where, detail=f"ring {i}: {e}")) from e
    if len(pts) < 4:
        raise InputError(errors.ZONE_BAD_GEOMETRY.format(path=p, where=where,
                                                         detail=f"ring {i} has {len(pts)} points (a ring needs 4)"))
    if pts[0] != pts[-1]:
        raise InputError(errors.ZONE_BAD_GEOMETRY.format(path=p, where=where, detail=errors.ZONE_UNCLOSED_RING.format(
            ring=i, first=list(pts[0]), last=list(pts[-1]))))
    bad = [pt for pt in pts if not (-180 <= pt[0] <= 180 and -90 <= pt[1] <= 90)]
    if bad:
        raise InputError(errors.ZONE_BAD_GEOMETRY.format(path=p, where=where,
                                                         detail=f"ring {i}: {list(bad[0])} is not [lon, lat]"))
    return pts


def _polygons(p: Path, where: str, g: dict[str, Any]) -> list[Polygon]:
    coords = g.get("coordinates")
    parts = [coords] if g["type"] == "Polygon" else coords
    if not isinstance(parts, list) or not parts:
        raise InputError(errors.ZONE_BAD_GEOMETRY.format(path=p, where=where, detail="no coordinates"))
    out = []
    for j, rings in enumerate(parts):
        label = where if g["type"] == "Polygon" else f"{where}, polygon {j}"
        if not isinstance(rings, list) or not rings:
            raise InputError(errors.ZONE_BAD_GEOMETRY.format(path=p, where=label, detail="no rings"))
        checked = [_ring(p, label, i, r) for i, r in enumerate(rings)]
        poly = Polygon(checked[0], checked[1:])
        if not poly.is_valid:
            raise InputError(errors.ZONE_BAD_GEOMETRY.format(
                path=p, where=label, detail=errors.ZONE_INVALID_GEOMETRY.format(reason=explain_validity(poly))))
        out.append(poly)
    return out


def to_shape(geometry: dict[str, Any]) -> Polygon | MultiPolygon:
    return shape(geometry)
