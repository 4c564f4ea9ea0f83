"""How two places relate: the same, one containing the other, close, or far apart."""
from __future__ import annotations

import math
from typing import Literal

from polemos.models import Place

Relation = Literal["same", "near", "contains", "within", "far", "unknown"]

# Coarseness of a place: 0 a point (town, village), 1 a district, 2 a province, 3 a country.
_LEVEL = {"place": 0, "near": 0, "admin2": 1, "admin1": 2, "country": 3}
_FEATURE_LEVEL = {"ADM2": 1, "ADM1": 2, "PCLI": 3, "PCL": 3, "PCLD": 3, "PCLS": 3}
NEAR_KM = 15.0        # two villages this close may be one strike reported from either
CONTAINS_KM = 120.0   # a province centroid to a point inside it (when admin codes are missing)


def level(p: Place) -> int:
    if p.precision in _LEVEL:
        return _LEVEL[p.precision]
    if p.feature_code in _FEATURE_LEVEL:
        return _FEATURE_LEVEL[p.feature_code]
    if p.lat is None and p.admin1 is None and p.country is not None:
        return 3
    return 0


def distance_km(a: Place, b: Place) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def _name(p: Place) -> str | None:
    n = p.name or p.text
    return n.strip().lower() if n else None


def _known(p: Place | None) -> bool:
    return p is not None and (p.country is not None or p.lat is not None or _name(p) is not None)


def same_named(a: Place, b: Place) -> bool:
    if a.geonameid is not None and b.geonameid is not None:
        return a.geonameid == b.geonameid
    return _name(a) is not None and _name(a) == _name(b) and level(a) == level(b)


def relation(a: Place | None, b: Place | None) -> Relation:
    """`contains`: a is coarser and b lies inside it; `within`: the reverse."""
    if not _known(a) or not _known(b):
        return "unknown"
    assert a is not None and b is not None
    if a.country and b.country and a.country != b.country:
        return "far"
    if a.precision == "document" or b.precision == "document":
        return "unknown"   # the article's main place, not this event's own: no evidence either way
    if same_named(a, b):
        return "same"
    la, lb = level(a), level(b)
    d = distance_km(a, b)
    if la == lb:
        if la == 3:
            return "same" if a.country and a.country == b.country else "unknown"
        if la > 0:  # two districts/provinces: the same one or different ones
            code_a, code_b = (a.admin1, b.admin1) if la == 2 else (a.admin2, b.admin2)
            if code_a and code_b:
                return "same" if code_a == code_b else "far"
            return "same" if d is not None and d <= 30 else "far"
        return "near" if d is not None and d <= NEAR_KM else "far"
    coarse, fine = (a, b) if la > lb else (b, a)
    lc = max(la, lb)
    inside: bool
    if lc == 3:
        inside = coarse.country is not None and coarse.country == fine.country
    elif lc == 2 and coarse.admin1 and fine.admin1:
        inside = coarse.admin1 == fine.admin1
    elif lc == 1 and coarse.admin2 and fine.admin2:
        inside = coarse.admin2 == fine.admin2
    else:
        inside = d is not None and d <= (CONTAINS_KM if lc == 2 else CONTAINS_KM / 2)
    if not inside:
        return "far"
    return "contains" if coarse is a else "within"
