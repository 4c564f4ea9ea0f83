"""`polemos zones`: ceasefire / de-escalation zones and the violations inside them (issue 14)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from polemos import errors
from polemos.cli import app
from polemos.cli.store_cmd import option_date
from polemos.errors import InputError, StoreError
from polemos.store import open_store, resolve_url
from polemos.store.base import Store
from polemos.zones import add_zone, build_zone, find_violations, get_zone, list_zones
from polemos.zones.report import FORMATS, render

zones_app = typer.Typer(no_args_is_help=True, help="Ceasefire and de-escalation zones: add them, report violations.")
app.add_typer(zones_app, name="zones")

DbOpt = Annotated[Optional[str], typer.Option("--db", help="DuckDB file or postgresql:// URL (default: $POLEMOS_DB"
                                                         " or polemos.duckdb)")]


def open_for_reading(db: str | None) -> Store:
    """Read-only when the store exists and is current (so a running server keeps its lock)."""
    url = resolve_url(db)
    if "://" not in url and Path(url).is_file():
        try:
            return open_store(url, read_only=True)
        except StoreError:
            pass   # an older schema: opening for writing migrates it
    return open_store(url)


@zones_app.command("add")
def zones_add(
    geojson: Annotated[Optional[Path], typer.Argument(help="GeoJSON: (Multi)Polygon, Feature(Collection)")] = None,
    name: Annotated[str, typer.Option("--name", help="the zone's name (its id is made from it)")] = "",
    valid_from: Annotated[Optional[str], typer.Option("--from", help="first day it applies (YYYY-MM-DD)")] = None,
    valid_until: Annotated[Optional[str], typer.Option("--until", help="last day it applies (default: open)")] = None,
    prohibit: Annotated[str, typer.Option("--prohibit", help="PLOVER types it prohibits: ASSAULT,COERCE")] = "",
    parties: Annotated[Optional[str], typer.Option("--parties", help="actors bound by it (names or ISO-3)")] = None,
    admin: Annotated[Optional[str], typer.Option("--admin", help="GeoNames admin codes: SY.07,SY.09.123")] = None,
    replace: Annotated[bool, typer.Option("--replace", help="replace a stored zone of the same name")] = False,
    db: DbOpt = None,
) -> None:
    """Add a zone: an area (GeoJSON or admin units), a period and the event types it prohibits."""
    label = name or (geojson.stem if geojson else "")
    zone = build_zone(label, geojson, valid_from, valid_until, prohibit, parties, admin)   # checked before opening
    with open_store(db) as store:
        status = add_zone(store, zone, replace=replace)
    where = f"{len(zone.countries)} countries ({', '.join(zone.countries)})" if zone.countries else "no known country"
    typer.echo(f"zone {zone.name!r} {status} as {zone.id}: {zone.valid_from} to {zone.valid_until or 'open'},"
               f" prohibits {', '.join(zone.prohibit)}; {where};"
               f" wholly inside: {', '.join(zone.admin1_covered) or 'no division'}")


@zones_app.command("list")
def zones_list(db: DbOpt = None) -> None:
    """The stored zones."""
    with open_for_reading(db) as store:
        zones = list_zones(store)
    if not zones:
        typer.echo("no zones (add one with `polemos zones add`)")
    for z in zones:
        area = "polygon" if z.geometry else "admin units " + ",".join(z.admin_units)
        typer.echo(f"{z.id}\t{z.name}\t{z.valid_from}..{z.valid_until or ''}\t{','.join(z.prohibit)}\t{area}")


@zones_app.command("report")
def zones_report(
    zone: Annotated[str, typer.Argument(help="the zone's name or id")],
    since: Annotated[Optional[str], typer.Option("--from", help="violations on or after this day (YYYY-MM-DD)")] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="violations on or before this day")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, jsonl, geojson or csv")] = "table",
    out: Annotated[Optional[Path], typer.Option("--out", help="write to this file instead of standard output")] = None,
    db: DbOpt = None,
) -> None:
    """Violations in a zone: prohibited events inside it in its period (coarse placements: "location uncertain")."""
    if fmt not in FORMATS:
        raise InputError(errors.BAD_FORMAT.format(value=fmt, choices=", ".join(FORMATS)))
    start, end = option_date("--from", since), option_date("--until", until)
    with open_for_reading(db) as store:
        z = get_zone(store, zone)
        text = render(z, find_violations(store, z, since=start, until=end), fmt)
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        typer.echo(text, nl=False)
