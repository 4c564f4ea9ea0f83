"""`polemos extract`: events in articles, printed as a table or JSON Lines."""
from __future__ import annotations

from pathlib import Path

import typer

from polemos.cli import app


@app.command()
def extract(
    inputs: list[str] = typer.Argument(..., help="Text, HTML or JSON Lines files"),
    published: str = typer.Option(None, "--published", help="Publication date, YYYY-MM-DD"),
    fmt: str = typer.Option("table", "--format", help="table or jsonl"),
) -> None:
    """Extract coded events from articles."""
    from polemos import extract_articles
    from polemos.extract.dates import parse_published
    from polemos.ingest import RecordError, read_inputs

    pub = parse_published(published) if published else None
    arts = (a for a in read_inputs(inputs, published=pub) if not isinstance(a, RecordError))
    for _, events in extract_articles(arts):
        for e in events:
            print(e.model_dump_json())
