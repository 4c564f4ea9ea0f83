"""Zones (issue 14): ceasefire and de-escalation areas and the violations inside them.

    from polemos.zones import build_zone, add_zone, get_zone, find_violations
    zone = build_zone("Idlib", "samples/zones/idlib-deescalation.geojson", "2018-09-17", prohibit="ASSAULT")
    add_zone(store, zone); find_violations(store, get_zone(store, "Idlib"), since=date(2020, 1, 1))
"""
from __future__ import annotations

from polemos.zones.model import Violation, Zone
from polemos.zones.registry import add_zone, build_zone, find_zone, get_zone, list_zones
from polemos.zones.violations import find_violations, queue_boost

__all__ = ["Zone", "Violation", "build_zone", "add_zone", "get_zone", "find_zone", "list_zones", "find_violations",
           "queue_boost"]
