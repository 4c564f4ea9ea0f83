"""What a zone is and what a violation is (the records the CLI, API and dashboard share)."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import BaseModel


class Zone(BaseModel):
    """A ceasefire or de-escalation area: where (polygon and/or admin units), when, what is
    prohibited there, and optionally who is bound."""

    id: str                                   # slug of the name, stable: /zones/{id}
    name: str
    valid_from: dt.date
    valid_until: dt.date | None = None
    prohibit: list[str]                       # PLOVER types
    parties: list[str] = []                   # actor names/ISO-3 codes bound (empty: anyone)
    geometry: dict[str, Any] | None = None    # GeoJSON Polygon or MultiPolygon (WGS 84)
    admin_units: list[str] = []               # GeoNames admin codes (SY.07, SY.07.3381)
    countries: list[str] = []                 # ISO-3 codes the zone lies in
    # Admin1 units ("SYR/Idlib") whose gazetteer places lie wholly / partly inside the polygon:
    # an event placed only at such a unit's level is inside / "location uncertain".
    admin1_covered: list[str] = []
    admin1_partial: list[str] = []
    description: str | None = None
    source: str | None = None                 # the file it was read from


Certainty = Literal["inside", "location uncertain", "party uncertain"]


class Violation(BaseModel):
    """One prohibited event in a zone, with what a reader needs to judge it."""

    zone_id: str
    event_id: str
    certainty: Certainty
    reason: str                               # why inside / why uncertain, in words
    type: str
    mode: str | None = None
    date: str | None = None
    date_end: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    party: str | None = None                  # actor 1 as a party: "RUS MIL" (country, sector), else its name
    place: str | None = None
    places: list[str] = []                    # every place its mentions name (the villages)
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    country: str | None = None
    admin1: str | None = None
    killed: int | None = None
    injured: int | None = None
    displaced: int | None = None
    evidence: str
    document_ids: list[str] = []
    sources: list[str] = []
    n_sources: int = 1


def slug(name: str) -> str:
    """A zone's id from its name: lower-case words joined by hyphens."""
    s = re.sub(r"[^0-9a-z]+", "-", name.lower()).strip("-")
    return s[:80] or "zone"
