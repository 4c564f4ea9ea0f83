"""CLI commands: `polemos serve` (HTTP API and dashboard) and `polemos keys create|list|revoke`."""
from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from polemos.cli import app
from polemos.store import existing_store

if TYPE_CHECKING:
    from polemos.api.settings import Settings

keys_app = typer.Typer(no_args_is_help=True, help="API keys for writes (POST /ingest, /extract).")
app.add_typer(keys_app, name="keys")

LOOPBACK = {"127.0.0.1", "::1", "localhost"}
DbOpt = Annotated[
    Optional[str],
    typer.Option("--db", help="DuckDB file or postgresql:// URL (default: $POLEMOS_DB or polemos.duckdb)"),
]
KeysOpt = Annotated[
    Optional[Path], typer.Option("--keys-file", help="where keys are kept (default: beside the DuckDB file)")
]


def _settings(db: str | None, keys_file: Path | None) -> Settings:
    from polemos.api.settings import Settings  # noqa: PLC0415  (start-up cost: polemos.api loads fastapi)

    return Settings(db=db, keys_file=keys_file) if db else Settings(keys_file=keys_file)


def _keys_file(settings: Settings) -> Path:
    assert settings.keys_file is not None  # Settings fills it in
    return settings.keys_file


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[
        str, typer.Option(help="interface to listen on; 0.0.0.0 exposes the API to the network")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    keys_file: KeysOpt = None,
    read_key_required: Annotated[
        bool, typer.Option("--read-key-required", help="reads need an API key too (or POLEMOS_API_READ_KEY_REQUIRED=1)")
    ] = False,
) -> None:
    """Serve the HTTP API (schema at /openapi.json) and the dashboard at /."""
    import uvicorn  # noqa: PLC0415  (start-up cost: fastapi)

    from polemos.api import create_app  # noqa: PLC0415  (start-up cost: fastapi)

    settings = _settings(db, keys_file)
    existing_store(settings.db)  # serving a typo would create an empty store and show nothing
    if read_key_required:
        settings.read_key_required = True
    if settings.allowed_hosts is None and host in LOOPBACK:
        settings.allowed_hosts = sorted(LOOPBACK | {"localhost"})
    application = create_app(settings)
    quiet_collector()
    typer.echo(f"polemos: serving {settings.db} on http://{host}:{port}/ (OpenAPI schema at /openapi.json)", err=True)
    uvicorn.run(application, host=host, port=port, log_level="warning")


def quiet_collector() -> None:
    """What the server holds from start-up (modules, the app, the store) lives as long as the
    process: frozen out of the garbage collector's passes, a full pass no longer walks it (each one
    paused every request for ~250 ms at 1,000,000 events). A page makes a few thousand short-lived
    objects: a larger first generation collects them in fewer passes (docs/benchmarks.md)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


@keys_app.command("create")
def keys_create(
    name: Annotated[str, typer.Option(help="a label to recognise the key by")] = "default",
    db: DbOpt = None,
    keys_file: KeysOpt = None,
    role: Annotated[
        str, typer.Option(help="reader (reads), editor (reviews, ingests) or admin (also manages keys)")
    ] = "editor",
) -> None:
    """Create a key and print it once; only its salted hash is kept."""
    from polemos.api.keys import KeyStore  # noqa: PLC0415  (start-up cost: fastapi)

    settings = _settings(db, keys_file)
    rec, key = KeyStore(_keys_file(settings)).create(name, role=role)
    typer.echo(key)
    typer.echo(
        f"polemos: {rec.role} key {rec.id} ({rec.name}) saved hashed in {settings.keys_file}; it is shown only now",
        err=True,
    )


@keys_app.command("list")
def keys_list(db: DbOpt = None, keys_file: KeysOpt = None) -> None:
    """List keys (id, name, created, revoked); secrets are never shown."""
    from polemos.api.keys import KeyStore  # noqa: PLC0415  (start-up cost: fastapi)

    for r in KeyStore(_keys_file(_settings(db, keys_file))).list():
        typer.echo(f"{r.id}\t{r.name}\t{r.role}\t{r.created}\t{'revoked ' + r.revoked if r.revoked else 'active'}")


@keys_app.command("revoke")
def keys_revoke(
    key_id: Annotated[str, typer.Argument(help="the key's id (from `polemos keys list`)")],
    db: DbOpt = None,
    keys_file: KeysOpt = None,
) -> None:
    """Revoke a key; a running server refuses it from the next request on."""
    from polemos.api.keys import KeyStore  # noqa: PLC0415  (start-up cost: fastapi)

    rec = KeyStore(_keys_file(_settings(db, keys_file))).revoke(key_id)
    typer.echo(f"polemos: key {rec.id} ({rec.name}) revoked", err=True)
