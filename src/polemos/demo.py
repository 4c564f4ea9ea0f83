"""`make demo` / `python -m polemos.demo`: extract events from the illustrative sample articles,
store them in the embedded DuckDB default when the store is available, print what was found, and
say what to try next. Offline: nothing here touches the network.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import time
from pathlib import Path

from rich.console import Console

from polemos import errors
from polemos.api_python import ingest, merge_article
from polemos.cli.extract_cmd import print_tables
from polemos.errors import shown
from polemos.ingest import RecordError, read_inputs
from polemos.store import resolve_url

# The plain-text sample carries no date of its own ("Sunday", "today" need one); the other
# samples bring theirs (page metadata, JSON Lines field, feed entry date).
TEXT_SAMPLE_PUBLISHED = dt.date(2024, 3, 12)


def samples_dir() -> Path:
    env = os.environ.get("POLEMOS_SAMPLES")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "samples"


def main(argv: list[str] | None = None) -> int:
    console = Console(soft_wrap=True)
    src = samples_dir()
    if not src.is_dir():
        print(f"polemos: {shown(errors.DEMO_NO_SAMPLES.format(path=src))}", file=sys.stderr)
        return 2
    console.print(f"[bold]Polemos demo[/bold]: events in the illustrative sample articles of {src} "
                  f"(invented stories about real places; see samples/README.md)\n")
    t0 = time.perf_counter()
    articles = []
    for item in read_inputs([str(src)], published=TEXT_SAMPLE_PUBLISHED):
        if isinstance(item, RecordError):
            print(f"polemos: {shown(item.message)}", file=sys.stderr)
        else:
            articles.append(item)
    db = resolve_url(None)
    # extracted and stored as `polemos ingest` does (the store merges across articles); each
    # article's mentions merged on their own, as `polemos extract` prints them
    done = ingest(articles, db, skip_stored=False, keep_mentions=True)
    by_id = {a.id: a for a in articles}
    events = [(by_id[got.id], merge_article(by_id[got.id], got.mentions or [])) for got in done.articles]
    secs = time.perf_counter() - t0
    n_events = print_tables(events, merged=True)
    console.print(f"\n{len(articles)} articles, {n_events} events in {secs:.1f} s (including loading the model)")
    console.print(f"\nStored in {db}: {done.count('added')} added, {done.count('replaced')} replaced, "
                  f"{done.count('unchanged')} unchanged; the store holds {done.store_events} events "
                  f"from {done.store_articles} articles")
    console.print("\n[bold]Try next[/bold]")
    if shutil.which("polemos") is None:    # `make demo` runs from the venv without activating it
        venv = os.path.relpath(Path(sys.executable).parent)
        console.print(f"  (first put the command on your PATH: [cyan]source {venv}/activate[/cyan])")
    _print_tries(console, src, db)
    return 0


def _print_tries(console: Console, src: Path, db: str) -> None:
    rel = os.path.relpath(src)
    at = src if rel.startswith("..") else Path(rel)
    tries = [
        ("one article, readable", f"polemos extract {at / 'market-shelling.txt'} --published 2024-03-12"),
        (
            "the same as JSON Lines",
            f"polemos extract {at / 'market-shelling.txt'} --published 2024-03-12 --format jsonl",
        ),
        ("a batch, each article with its own date", f"polemos extract {at / 'wire.jsonl'}"),
        ("an HTML page (date from its metadata)", f"polemos extract {at / 'border-talks.html'}"),
        ("an RSS feed file (offline) or a feed URL", f"polemos extract {at / 'feed.xml'}"),
        ("your own article", "polemos extract path/to/article.txt --published YYYY-MM-DD"),
        ("query the stored events", f"polemos events --db {db}"),
        ("counts by type and country", f"polemos stats --db {db}"),
        ("the map and dashboard", f"polemos serve --db {db}"),
    ]
    width = max(len(c) for _, c in tries)
    for what, cmd in tries:
        console.print(f"  [cyan]{cmd.ljust(width)}[/cyan]  # {what}", highlight=False, crop=False)


if __name__ == "__main__":
    sys.exit(main())
