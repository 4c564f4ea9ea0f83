"""CLI commands on the event store: ingest, events, stats, show, db check."""
from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import typer

from polemos import errors
from polemos.api_python import ingest as polemos_ingest
from polemos.cli import app
from polemos.cli.review_cmd import print_review_stats
from polemos.errors import InputError, shown
from polemos.ingest import NotEnglish, RecordError, read_inputs
from polemos.merge.dates import window
from polemos.models import Article, EventType, Status, StoredEvent
from polemos.store import EventFilter, existing_store, open_store, resolve_url
from polemos.store import cursor as cursors
from polemos.store.acled_csv import write_acled_csv

DB_HELP = "Store: a DuckDB file or postgresql://... (default $POLEMOS_DB or ./polemos.duckdb)"
db_app = typer.Typer(no_args_is_help=True, help="Store maintenance.")
app.add_typer(db_app, name="db")


def option_date(opt: str, value: str | None) -> dt.date | None:
    """A YYYY-MM-DD option's value (InputError naming the option otherwise)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(errors.OPTION_NOT_DATE.format(opt=opt, value=value)) from None


def _choice(opt: str, value: str | None, literal: object) -> None:
    """An option that must name one of a Literal's values (case-insensitive for types)."""
    allowed = get_args(literal)
    if value is not None and value.upper() not in allowed and value not in allowed:
        raise InputError(errors.BAD_CHOICE.format(opt=opt, value=value, choices=", ".join(allowed)))


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        w, s, e, n = (float(x) for x in value.split(","))
    except ValueError:
        raise InputError(errors.BAD_BBOX.format(value=value)) from None
    if not (-180 <= w < e <= 180 and -90 <= s < n <= 90):
        raise InputError(errors.BAD_BBOX.format(value=value))
    return w, s, e, n


@app.command()
def ingest(
    inputs: list[str] = typer.Argument(..., help="Files, globs, JSON Lines, HTML, feeds or URLs"),
    db: str = typer.Option(None, "--db", help=DB_HELP),
    published: str = typer.Option(None, "--published", help="Publication date for inputs without one"),
    progress: bool = typer.Option(None, "--progress/--no-progress", help="Progress bar (default: on a terminal)"),
) -> None:
    """Read articles, extract events and merge them into the store (idempotent, resumable)."""
    from polemos.extract.dates import parse_published  # noqa: PLC0415  (start-up cost: dateparser)

    pub = parse_published(published) if published else None
    n_bad = 0
    url = resolve_url(db)
    new_file = "://" not in url and not Path(url).exists()

    def readable() -> Iterator[Article | NotEnglish]:
        nonlocal n_bad
        for item in read_inputs(inputs, published=pub):
            if isinstance(item, NotEnglish):   # issue 18: said, counted, stored unread with its language
                print(f"polemos: {shown(item.message)}", file=sys.stderr)
                yield item
            elif isinstance(item, RecordError):
                n_bad += 1
                msg = shown(item.message)
                print(f"polemos: {msg}" if item.message.startswith(item.source) else f"polemos: {item.source}: {msg}",
                      file=sys.stderr)
            else:
                yield item

    done = polemos_ingest(readable(), url, progress=progress)
    if new_file and done.store_articles == 0:   # nothing read: leave no empty store behind
        for p in (Path(url), Path(url + ".wal")):
            p.unlink(missing_ok=True)
    print(f"{len(done.read)} articles: {done.count('added')} added, {done.count('replaced')} replaced, "
          f"{done.count('unchanged')} unchanged; the store holds {done.store_events} events from "
          f"{done.store_mentions} mentions in {done.store_articles} articles")
    if done.languages.summary():
        print(done.languages.summary())
    if n_bad:
        raise InputError(errors.INGEST_UNREADABLE.format(n=n_bad))


@app.command()
def events(
    db: str = typer.Option(None, "--db", help=DB_HELP),
    country: str = typer.Option(None, "--country", help="ISO-3 code of the event's country"),
    type_: str = typer.Option(None, "--type", help="PLOVER type, e.g. ASSAULT"),
    since: str = typer.Option(None, "--since", help="YYYY-MM-DD"),
    until: str = typer.Option(None, "--until", help="YYYY-MM-DD"),
    actor: str = typer.Option(None, "--actor", help="Text in an actor's name or its ISO-3 code"),
    bbox: str = typer.Option(None, "--bbox", help="W,S,E,N"),
    status: str = typer.Option(None, "--status", help="occurred, planned, threatened, denied, hypothetical"),
    text: str = typer.Option(None, "--text", help="Text in the evidence"),
    top_level: bool = typer.Option(False, "--top-level", help="Leave out local events a total covers"),
    reviewed: bool = typer.Option(None, "--reviewed/--unreviewed", help="Only events a person reviewed / not yet"),
    limit: int = typer.Option(None, "--limit"),
    cursor: str = typer.Option(None, "--cursor", help="Start after this cursor (printed after a full page)"),
    fmt: str = typer.Option("table", "--format", help="table, csv, jsonl, parquet, geojson, plover or acled-csv"),
    out: Path = typer.Option(None, "--out", help="Write to this file instead of standard output"),
) -> None:
    """List merged events; filters compose."""
    from polemos.store.export import BINARY, FORMATS, write  # noqa: PLC0415  (start-up cost: pyarrow)

    if fmt not in FORMATS + ("acled-csv",):
        raise InputError(errors.BAD_FORMAT.format(value=fmt, choices=", ".join(FORMATS + ("acled-csv",))))
    _choice("--type", type_, EventType)
    _choice("--status", status, Status)
    if fmt in BINARY and out is None:
        raise InputError(errors.FORMAT_NEEDS_OUT.format(fmt=fmt))
    flt = EventFilter(country=country, type=type_, since=option_date("--since", since),
                      until=option_date("--until", until), actor=actor, bbox=_bbox(bbox), status=status, text=text,
                      top_level=top_level or None, limit=limit, reviewed=reviewed, cursor=cursor)
    if cursor:
        cursors.decode(cursor)      # a bad cursor: one line, exit 2, before the store is opened
    with open_store(existing_store(db), read_only=_exists(db)) as store:
        evs = store.query_events(flt)
    if limit and len(evs) == limit:
        w = window(evs[-1])
        print(f"next page: --cursor {cursors.encode(w[0] if w else None, evs[-1].id)}", file=sys.stderr)
    if fmt == "table":
        _table(evs)
    elif fmt == "acled-csv":   # ACLED's column names and codes (store/acled_csv.py)
        with (out.open("w", encoding="utf-8", newline="") if out else contextlib.nullcontext(sys.stdout)) as f:
            n = write_acled_csv(evs, f)
        if out is not None:
            print(f"{n} events written to {out}", file=sys.stderr)
    else:
        write(evs, fmt, out=sys.stdout, path=out)
        if out is not None:
            print(f"{len(evs)} events written to {out}", file=sys.stderr)


def _exists(db: str | None) -> bool:
    """Open read-only when the DuckDB file exists (so reading never blocks on or alters it)."""
    url = resolve_url(db)
    return "://" not in url and Path(url).exists()


def _table(evs: list[StoredEvent]) -> None:
    from rich.console import Console  # noqa: PLC0415  (start-up cost: `polemos --help` stays fast)
    from rich.table import Table  # noqa: PLC0415

    t = Table(show_lines=False)
    for col in ("id", "date", "type", "actor1", "actor2", "place", "killed", "sources", "total"):
        t.add_column(col, no_wrap=col in ("id", "date", "type"))
    for e in evs:
        loc = e.location
        a1 = (e.actor1.name or e.actor1.text or e.actor1.country) if e.actor1 else ""
        a2 = (e.actor2.name or e.actor2.text or e.actor2.country) if e.actor2 else ""
        t.add_row(e.id, e.date or "", e.type, a1 or "", a2 or "",
                  ((loc.name or loc.text or "") + (f" ({loc.country})" if loc.country else "")) if loc else "",
                  str(e.killed.best) if e.killed and e.killed.best is not None else "",
                  str(e.n_sources), ("of " + e.part_of) if e.part_of else (f"{len(e.parts)} parts" if e.parts else ""))
    Console(width=None if sys.stdout.isatty() else 200).print(t)
    print(f"{len(evs)} events")


@app.command()
def stats(
    db: str = typer.Option(None, "--db", help=DB_HELP),
    by: str = typer.Option("week", "--by", help="week, month, day or none"),
    country: str = typer.Option(None, "--country"),
    type_: str = typer.Option(None, "--type"),
    since: str = typer.Option(None, "--since"),
    until: str = typer.Option(None, "--until"),
    review: bool = typer.Option(False, "--review", help="How often reviewers changed each field and event type"),
) -> None:
    """Event counts by type, country and week (totals are not counted twice)."""
    if review:
        return print_review_stats(db)
    from rich.console import Console  # noqa: PLC0415  (start-up cost: `polemos --help` stays fast)
    from rich.table import Table  # noqa: PLC0415


    _choice("--type", type_, EventType)
    if by not in ("week", "month", "day", "none"):
        raise InputError(errors.STATS_BAD_BY.format(value=by))
    flt = EventFilter(country=country, type=type_, since=option_date("--since", since),
                      until=option_date("--until", until))
    with open_store(existing_store(db), read_only=_exists(db)) as store:
        rows = store.stats(flt, by=by)
        size = store.summary()
        langs = store.article_languages()
    print(f"{size['events']} events ({size['totals']} totals over local events) from {size['mentions']} "
          f"mentions in {size['articles']} articles from {size['sources']} sources")
    if langs:   # issue 18: articles kept unread, by language
        print(f"{sum(langs.values())} of the articles are not in English, kept unread "
              f"({', '.join(f'{k} {v}' for k, v in langs.items())})")
    t = Table()
    for col in (by, "type", "country", "events", "killed"):
        t.add_column(col)
    for r in rows:
        t.add_row(r["period"] or "", r["type"], r["country"] or "", str(r["events"]), str(r["killed"]))
    Console().print(t)


@app.command()
def show(
    event_id: str = typer.Argument(..., help="An event id (see `polemos events`)"),
    db: str = typer.Option(None, "--db", help=DB_HELP),
    fmt: str = typer.Option("text", "--format", help="text or json"),
) -> None:
    """One event: its fields, its mentions and the evidence sentences."""

    with open_store(existing_store(db), read_only=_exists(db)) as store:
        ev = store.get_event(event_id)
        if ev is None:
            raise InputError(errors.EVENT_NOT_FOUND.format(event_id=event_id, db=resolve_url(db)))
        arts = {d: store.get_article(d) for d in ev.document_ids}
    if fmt == "json":
        print(ev.model_dump_json(indent=2))
        return
    loc = ev.location
    print(f"{ev.id}  {ev.type}{'/' + ev.mode if ev.mode else ''}  {ev.status}")
    print(f"  date:    {ev.date or '?'}{' to ' + ev.date_end if ev.date_end else ''} ({ev.date_precision})")
    for n, a in (("actor1", ev.actor1), ("actor2", ev.actor2)):
        if a is not None:
            print(f"  {n}:  {a.name or a.text} [{a.country or '?'} {a.sector or ''}]".rstrip())
    if loc is not None:
        print(f"  place:   {loc.name or loc.text} ({loc.country or '?'}; {loc.precision or '?'})"
              + (f" {loc.lat:.3f},{loc.lon:.3f}" if loc.lat is not None and loc.lon is not None else ""))
    for kind in ("killed", "injured", "displaced", "arrested"):
        c = getattr(ev, kind)
        if c is not None and c.best is not None:
            hist = [h["value"] for h in ev.count_history if h["kind"] == kind]
            print(f"  {kind}:  {c.best}" + (f"  (reported: {', '.join(map(str, hist))})" if len(hist) > 1 else ""))
    print(f"  sources: {ev.n_sources} ({', '.join(ev.sources)})")
    if ev.part_of:
        print(f"  part of: {ev.part_of}")
    if ev.parts:
        print(f"  parts:   {', '.join(ev.parts)}")
    print(f"  mentions ({ev.n_mentions}):")
    for m in ev.mentions:
        art = arts.get(m.document_id or "")
        head = f"{m.document_id}" + (f" [{art.source}]" if art and art.source else "") + (
            f" {art.published}" if art and art.published else "")
        print(f"    - {head}: \"{m.evidence.text}\"")


@db_app.command("migrate")
def db_migrate(db: str = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Upgrade the store's schema to this version of Polemos (a newer store is refused, untouched)."""

    with open_store(db) as store:
        v = store.schema_version()
    print(f"{resolve_url(db)}: schema version {v}")


@db_app.command("check")
def db_check(db: str = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Check the store's integrity (links, counts, hashes, schema version)."""

    with open_store(existing_store(db), read_only=_exists(db)) as store:
        problems = store.check()
        size = store.summary()
    if problems:
        for p in problems:
            print(f"polemos: {resolve_url(db)}: {p}", file=sys.stderr)
        raise typer.Exit(1)
    print(f"{resolve_url(db)}: consistent ({size['articles']} articles, {size['mentions']} mentions, "
          f"{size['events']} events)")


@db_app.command("optimize")
def db_optimize(db: str = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Store the events in listing order (date, id), so pages, cursor pages and map points read
    only the part of the table they need (after a bulk load of old events; one transaction)."""

    with open_store(existing_store(db)) as opened:
        store: Any = opened           # the SQL store's layout calls (the review overlay passes them on)
        before = store.disorder()
        if before:
            store.order_events()
        after = store.disorder()
    print(f"{resolve_url(db)}: events in listing order ({before} out of order before, {after} now)")
