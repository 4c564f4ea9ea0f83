"""`polemos eval ...`: score Polemos against annotated data. Each kind of gold data is one
subcommand; other stages may register theirs on `eval_app` (e.g. `eval geoparse` in geo_cmd)."""
from __future__ import annotations

import typer

from polemos.cli import app

eval_app = typer.Typer(no_args_is_help=True, help="Score Polemos against annotated data.")
app.add_typer(eval_app, name="eval")
