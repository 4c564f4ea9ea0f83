"""The `polemos` command: a thin layer over the Python API. One module per command group;
each registers its commands on `app` (so a stage's owner edits only its own module)."""
from __future__ import annotations

import sys

import typer

from polemos.errors import PolemosError, shown

app = typer.Typer(no_args_is_help=True, add_completion=False,
                  help="Polemos: news in, coded conflict and political events out.")



@app.callback()
def _root() -> None:
    """Polemos: news in, coded conflict and political events out."""


# Each module registers its commands on `app` when imported.
from polemos.cli import (  # noqa: E402,F401
    alerts_cmd,
    batch_cmd,
    eval_cmd,
    extract_cmd,
    geo_cmd,
    review_cmd,
    serve_cmd,
    store_cmd,
    watch_cmd,
    zones_cmd,
)


def main() -> None:
    try:
        # without standalone mode click returns (not raises) the code of `typer.Exit(code)`
        rc = app(standalone_mode=False)
    except PolemosError as e:
        print(f"polemos: {shown(e)}", file=sys.stderr)
        sys.exit(e.exit_code)
    except typer.Abort:
        print("polemos: aborted", file=sys.stderr)
        sys.exit(130)
    except Exception as e:  # click usage errors carry their own exit code
        import click  # noqa: PLC0415  (only on a usage error)
        from typer._click.exceptions import ClickException as TyperClickException  # noqa: PLC0415, PLC2701  (typer vendors click; only on a usage error)

        if isinstance(e, (click.exceptions.ClickException, TyperClickException)):
            e.show()
            sys.exit(e.exit_code)
        if isinstance(e, (click.exceptions.Exit, typer.Exit)):
            sys.exit(e.exit_code)
        raise
    if isinstance(rc, int) and not isinstance(rc, bool) and rc:
        sys.exit(rc)
