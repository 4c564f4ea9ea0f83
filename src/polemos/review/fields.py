"""A reviewer's value for a field, checked and put in the shape the event model stores.

Values come from the CLI (`killed=12`, `location=170063`, `actor1=Hamas`), JSON bodies (numbers,
objects) and the dashboard; each becomes what `StoredEvent` holds (a count object, a place...).
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from pydantic import TypeAdapter, ValidationError

from polemos import errors
from polemos.errors import InputError
from polemos.models import Actor, Count, DatePrecision, EventType, Place, Status
from polemos.review.state import EDITABLE

COUNTS = ("killed", "injured", "displaced", "arrested")


def _bad(name: str, value: Any, reason: str) -> InputError:
    return InputError(errors.REVIEW_BAD_VALUE.format(name=name, value=value, reason=reason))


def _maybe_json(value: Any) -> Any:
    if isinstance(value, str) and value.strip()[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _count(name: str, value: Any) -> Any:
    if isinstance(value, dict):
        return Count.model_validate(value).model_dump(exclude_none=True)
    try:
        n = int(str(value).strip())
    except ValueError:
        raise _bad(name, value, "expected a whole number (or none)") from None
    if n < 0:
        raise _bad(name, value, "a count cannot be negative")
    return {"low": n, "best": n, "high": n, "text": "set by a reviewer"}


def _actor(value: Any) -> Any:
    if isinstance(value, dict):
        return Actor.model_validate(value).model_dump(exclude_none=True)
    text = str(value).strip()
    return {"text": text, "name": text}


def _gazetteer() -> Any:
    # polemos.geo loads spaCy (a second or so): only when a place is looked up, not for every review
    from polemos.geo import get_geocoder  # noqa: PLC0415

    return get_geocoder().gazetteer


def _precision(c: Any) -> str:
    from polemos.geo.resolve import precision_of  # noqa: PLC0415  (see _gazetteer)

    return precision_of(c)


def place_from_gazetteer(geonameid: int) -> dict[str, Any] | None:
    """The Place of a GeoNames id from the installed gazetteer (None when it is not there)."""
    gaz = _gazetteer()
    c = gaz.get(geonameid)
    if c is None:
        return None
    p = Place(text=c.name, name=c.name, geonameid=c.geonameid, lat=round(c.lat, 5), lon=round(c.lon, 5),
              country=gaz.iso3(c.cc), admin1=gaz.admin1_name(c.cc, c.admin1),
              admin2=gaz.admin2_name(c.cc, c.admin1, c.admin2), feature_code=c.fcode or None,
              precision=_precision(c))   # type: ignore[arg-type]
    return p.model_dump(exclude_none=True)


def search_places(q: str, limit: int = 10) -> list[dict[str, Any]]:
    """Gazetteer places going by this name, most populous first (the dashboard's place picker)."""
    gaz = _gazetteer()
    found = sorted(gaz.lookup(q), key=lambda c: (-c.population, c.geonameid))[:limit]
    return [{"geonameid": c.geonameid, "name": c.name, "country": gaz.iso3(c.cc),
             "admin1": gaz.admin1_name(c.cc, c.admin1), "lat": round(c.lat, 5), "lon": round(c.lon, 5),
             "precision": _precision(c), "population": c.population} for c in found]


def _place(name: str, value: Any) -> Any:
    if isinstance(value, dict):
        if value.get("geonameid") is not None and value.get("lat") is None:
            return _place(name, value["geonameid"])
        p = Place.model_validate(value)
        if p.lat is not None and not (-90 <= p.lat <= 90 and -180 <= (p.lon or 0) <= 180):
            raise _bad(name, value, "latitude or longitude out of range")
        return p.model_dump(exclude_none=True)
    s = str(value).strip()
    if "," in s:                      # a point clicked on the map: lat,lon
        try:
            lat, lon = (float(x) for x in s.split(","))
        except ValueError:
            raise _bad(name, value, "expected a GeoNames id or lat,lon") from None
        return _place(name, {"lat": lat, "lon": lon, "precision": "place", "text": f"{lat:.4f}, {lon:.4f}"})
    if not s.isdigit() or len(s) > 12:
        raise _bad(name, value, "expected a GeoNames id or lat,lon")
    got = place_from_gazetteer(int(s))
    if got is None:
        raise InputError(errors.REVIEW_NO_PLACE.format(value=s))
    return got


def _date(name: str, value: Any) -> Any:
    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise _bad(name, value, "expected a date YYYY-MM-DD") from None


def _literal(name: str, value: Any, literal: Any, upper: bool = False) -> Any:
    v = str(value).strip()
    v = v.upper() if upper else v.lower()
    try:
        return TypeAdapter(literal).validate_python(v)
    except ValidationError:
        raise _bad(name, value, "expected one of " + ", ".join(literal.__args__)) from None


def normalize(name: str, value: Any) -> Any:
    """The stored form of a reviewer's value for `name` (None clears the field)."""
    if name not in EDITABLE:
        raise InputError(errors.REVIEW_BAD_FIELD.format(name=name, fields=", ".join(EDITABLE)))
    value = _maybe_json(value)
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "none", "null")):
        if name in ("type", "status", "date_precision"):
            raise _bad(name, value, "this field cannot be empty")
        return None
    try:
        if name in COUNTS:
            return _count(name, value)
        if name in ("actor1", "actor2"):
            return _actor(value)
        if name == "location":
            return _place(name, value)
        if name in ("date", "date_end"):
            return _date(name, value)
    except ValidationError as e:
        raise _bad(name, value, e.errors()[0].get("msg", "invalid")) from None
    if name == "type":
        return _literal(name, value, EventType, upper=True)
    if name == "status":
        return _literal(name, value, Status)
    if name == "date_precision":
        return _literal(name, value, DatePrecision)
    return str(value).strip()
