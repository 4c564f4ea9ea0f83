"""`polemos extract`: events in articles, printed as a table or JSON Lines.

One record per event an article tells: its mentions (sentences telling it) merged by the
store's rules (polemos.merge_article), as `polemos ingest` would store them; `--mentions` prints
every mention instead.

Exit status: 0 when at least one article was read (bad inputs and records are reported on stderr,
one line each, and skipped); 2 when no input could be read at all (so one bad file exits 2).
"""
from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable, Iterator, Sequence

import typer

from polemos import errors
from polemos.api_python import extract_articles, extract_events
from polemos.cli import app
from polemos.errors import InputError, shown
from polemos.ingest import NotEnglish, RecordError, read_inputs
from polemos.ingest.language import LanguageTally
from polemos.ingest.published import parse_published
from polemos.models import Article, Event
from polemos.store.acled_csv import write_acled_csv

FORMATS = ("table", "jsonl", "acled-csv")


@app.command()
def extract(
    inputs: list[str] = typer.Argument(..., help="Files (.txt, .html, .jsonl, RSS/Atom .xml), directories, "
                                       "globs, http(s) URLs of pages or feeds, or - for stdin"),
    published: str = typer.Option(None, "--published", help="Publication date, YYYY-MM-DD; used where "
                                  "the input carries none (JSON Lines field, page metadata, feed date)"),
    fmt: str = typer.Option("table", "--format", help="table (readable), jsonl (one JSON record per line) "
                               "or acled-csv (ACLED's columns)"),
    mentions: bool = typer.Option(False, "--mentions", help="Every mention (each sentence telling an "
                                  "event), not merged into one record per event"),
) -> None:
    """Extract coded events from articles: one record per event, its mentions merged."""

    if fmt not in FORMATS:
        raise InputError(errors.BAD_FORMAT.format(value=fmt, choices=", ".join(FORMATS)))
    pub = parse_published(published) if published else None
    tally = {"articles": 0, "errors": 0, "undated": 0}
    languages = LanguageTally()

    def articles() -> Iterator[Article]:
        for item in read_inputs(inputs, published=pub):
            if isinstance(item, NotEnglish) and item.verdict is not None:   # said, counted, not an error
                languages.add(item.verdict)
                print(f"polemos: {shown(item.message)}", file=sys.stderr, flush=True)
                continue
            if isinstance(item, RecordError):
                tally["errors"] += 1
                print(f"polemos: {shown(item.message)}", file=sys.stderr, flush=True)
                continue
            tally["articles"] += 1
            if item.published is None and not tally["undated"]:
                print(f"polemos: {shown(errors.NO_PUBLISHED)}", file=sys.stderr, flush=True)
            tally["undated"] += item.published is None
            yield item

    # Read up to the first good article before loading the NLP model: when every input is bad,
    # the errors come at once and nothing heavy is loaded.
    stream = articles()
    first = next(stream, None)
    if first is None:
        if languages.summary():
            print(f"polemos: {shown(languages.summary())}", file=sys.stderr)
        if tally["errors"] > 1:
            print(f"polemos: {shown(errors.EXTRACT_ALL_FAILED.format(n=tally['errors']))}", file=sys.stderr)
        raise typer.Exit(2)
    read = itertools.chain([first], stream)
    results: Iterable[tuple[Article, Sequence[Event]]] = extract_articles(read) if mentions else extract_events(read)
    if fmt == "acled-csv":   # ACLED's column names and codes (store/acled_csv.py)
        write_acled_csv((e for _, events in results for e in events), sys.stdout)
    elif fmt == "jsonl":
        for _, events in results:
            for e in events:
                sys.stdout.write(e.model_dump_json() + "\n")
            sys.stdout.flush()
    else:
        print_tables(results, merged=not mentions)
    languages.read = tally["articles"]
    if languages.summary():
        print(f"polemos: {shown(languages.summary())}", file=sys.stderr)
    if tally["errors"]:
        print(f"polemos: {tally['errors']} input(s) or record(s) skipped (listed above); "
              f"{tally['articles']} article(s) read", file=sys.stderr)


# ---------------------------------------------------------------- the readable table


def _actor(a) -> str:
    if a is None:
        return ""
    label = a.name or a.text or ""
    code = " ".join(x for x in (a.country, a.sector) if x)
    return f"{label} ({code})" if code and label else label or code


def _date(e: Event) -> str:
    if not e.date:
        return f"? ({e.date_text})" if e.date_text else ""
    if e.date_end and e.date_end != e.date:
        return f"{e.date} – {e.date_end}"
    return e.date


def _place(e: Event) -> str:
    p = e.location
    if p is None:
        return ""
    name = p.name or p.text or ""
    return f"{name}, {p.country}" if p.country and name else name or (p.country or "")


def _counts(e: Event) -> str:
    parts = []
    for kind in ("killed", "injured", "displaced", "arrested"):
        c = getattr(e, kind)
        if c is None:
            continue
        n = c.best if c.best is not None else c.low if c.low is not None else c.high
        if n is None:
            continue
        mark = "+" if c.high is None and c.low is not None else ""
        who = f" {c.who}" if c.who else ""
        parts.append(f"{kind} {n}{mark}{who}")
    return "\n".join(parts)


def events_table(events: Sequence[Event], title: str | None = None):
    """A rich Table of events: what, status, who, when, where, how many, and the evidence (of a
    merged event, its first mention's, with how many more sentences tell it)."""
    from rich.table import Table  # noqa: PLC0415  (start-up cost: rich)

    table = Table(title=title, show_lines=True, expand=False, title_justify="left")
    for col, kw in (("type / mode", {"no_wrap": True}), ("status", {}), ("actors", {"max_width": 34}),
                    ("date", {"no_wrap": True}), ("place", {"max_width": 22}), ("counts", {"max_width": 26}),
                    ("evidence", {"max_width": 60})):
        table.add_column(col, **kw)
    for e in events:
        what = e.type + (f" / {e.mode}" if e.mode else "")
        if e.acled_sub_event_type:
            what += f"\n[dim]{e.acled_sub_event_type}[/dim]"
        actors = _actor(e.actor1)
        if e.actor2 is not None:
            actors += f"\n→ {_actor(e.actor2)}"
        ev = e.evidence.text
        ev = ev if len(ev) <= 160 else ev[:157] + "…"
        more = getattr(e, "n_mentions", 1) - 1
        if more > 0:
            ev += f"\n[dim](+{more} more mention{'s' if more > 1 else ''})[/dim]"
        table.add_row(what, e.status, actors, _date(e), _place(e), _counts(e), ev)
    return table


def print_tables(results: Iterable[tuple[Article, Sequence[Event]]], merged: bool | None = None) -> int:
    """One table per article on stdout; returns the number of events shown. Titled "N event(s)
    from M mention(s)" when `merged` (the events are merged records), "N mention(s)" when not,
    "N event(s)" when unsaid."""
    from rich.console import Console  # noqa: PLC0415  (start-up cost: rich)

    console = Console(soft_wrap=False)
    if not console.is_terminal:          # piped to a file or pager: do not squeeze to 80 columns
        console = Console(soft_wrap=False, width=max(console.width, 180))
    total = 0
    for art, events in results:
        head = art.title or art.source or art.id
        when = f", published {art.published}" if art.published else ""
        if not events:
            console.print(f"[bold]{head}[/bold]{when}: no events found")
            continue
        total += len(events)
        n = f"{len(events)} event(s)"
        if merged:
            n += f" from {sum(getattr(e, 'n_mentions', 1) for e in events)} mention(s)"
        elif merged is False:
            n = f"{len(events)} mention(s)"
        console.print(events_table(events, title=f"{head}{when} — {n}"))
    return total
