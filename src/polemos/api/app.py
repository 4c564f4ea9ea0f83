"""The FastAPI application: routers per resource, the dashboard at `/`, errors as one line."""
from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from polemos import errors
from polemos.api.filters import BadParam
from polemos.api.keys import KeyStore
from polemos.api.schemas import error_body
from polemos.api.security import BodyLimit, Timeout
from polemos.api.settings import Settings
from polemos.errors import InputError, PolemosError, StoreError
from polemos.store import open_store
from polemos.version import __version__

STATIC = Path(__file__).parent / "static"
T = TypeVar("T")


class StoreAccess:
    """One store shared by the worker threads. Calls are serialised: an embedded DuckDB
    connection must not be used by two threads at once, and the store's own caching is not
    assumed to be thread-safe."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self._lock = threading.Lock()

    def __call__(self, fn: Callable[..., T], *args: Any) -> T:
        with self._lock:
            return fn(*args)


# What a pattern means, said to a person rather than as the regular expression.
_PATTERN_REASONS = {
    "country": errors.API_NOT_ISO3, "since": errors.API_NOT_DATE, "until": errors.API_NOT_DATE,
    "bbox": errors.API_BBOX_FORMAT,
    "actor": errors.API_SEARCH_CHARS, "text": errors.API_SEARCH_CHARS, "acled_event_type": errors.API_SEARCH_CHARS,
}
_ID_REASON = errors.API_NOT_ID


def _one_line_validation(exc: RequestValidationError) -> str:
    first = exc.errors()[0] if exc.errors() else {}
    loc = [str(p) for p in first.get("loc", ()) if p not in ("query", "path", "body", "header")]
    name = ".".join(loc) or "request"
    reason = first.get("msg", "invalid")
    if first.get("type") == "string_pattern_mismatch":
        reason = _PATTERN_REASONS.get(name, _ID_REASON)
    value = first.get("input")
    if isinstance(value, str) and len(value) > 40:
        value = value[:40] + "..."
    if isinstance(value, (dict, list)) or value is None:
        return f"{name}: {reason}"
    return errors.API_BAD_PARAM.format(name=name, value=value, reason=reason)


def _error_answer(status: int) -> Callable[[Request, Exception], Awaitable[JSONResponse]]:
    """A handler for Polemos's own errors: their message is the answer, `status` its code."""
    async def handler(_: Request, exc: Exception) -> JSONResponse:
        return JSONResponse(error_body(exc), status_code=status)
    return handler


def _allowed(request: Request) -> str:
    """Every method some route serves at this path (the Allow header of a 405)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        regex, more = getattr(route, "path_regex", None), getattr(route, "methods", None)
        if regex is not None and more and regex.match(request.url.path):
            methods |= set(more)
    return ", ".join(sorted(methods))


def create_app(settings: Settings | None = None, store: Any = None) -> FastAPI:
    """`store`: an open Store (tests pass one); by default `settings.db` is opened."""
    settings = settings or Settings()
    if store is None:

        store = open_store(settings.db)
    app = FastAPI(
        # FastAPI's /docs and /redoc pages load their scripts from a CDN; Polemos stays offline,
        # so the schema is served as JSON only (/openapi.json).
        docs_url=None, redoc_url=None,
        title="Polemos",
        version=__version__,
        description="Conflict and political events coded from news (PLOVER), with the evidence "
                    "sentence behind each. Reads are open on localhost unless "
                    "POLEMOS_API_READ_KEY_REQUIRED is set; POST routes need an API key "
                    "(`polemos keys create`).",
    )
    app.state.settings = settings
    app.state.store = StoreAccess(store)
    assert settings.keys_file is not None   # Settings fills it in
    app.state.keys = KeyStore(settings.keys_file)
    app.state.extract_lock = threading.Lock()

    # Starlette picks the handler by the exception's class hierarchy, so the order is free.
    for error, status in ((BadParam, 422), (InputError, 422), (StoreError, 503), (PolemosError, 500)):
        app.add_exception_handler(error, _error_answer(status))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(error_body(_one_line_validation(exc)), status_code=422)

    @app.exception_handler(StarletteHTTPException)   # FastAPI's own and the router's 404/405
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail: object = exc.detail
        if exc.status_code == 400 and "parsing the body" in str(detail):
            detail = "request body: not valid JSON (send an object like {\"text\": \"...\"})"
        headers = exc.headers
        if exc.status_code == 405:   # Starlette names only the first route's methods; a path may have more
            headers = {**(headers or {}), "Allow": _allowed(request)}
        return JSONResponse(error_body(detail), status_code=exc.status_code, headers=headers)

    from polemos.api.routers import (  # noqa: PLC0415  (the routers import this package)
        alerts,
        documents,
        events,
        extract,
        health,
        review,
        stats,
        zones,
    )

    for module in (events, documents, stats, extract, health, zones, alerts):
        app.include_router(module.router)
    app.include_router(review.router)   # polemos.review: corrections, history, queue, keys

    # The dashboard: its page at `/`, its bundle under /static (a mount at `/` would swallow
    # the API's 405 answers).
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")

    @app.get("/", include_in_schema=False)
    def _dashboard() -> Response:
        index = STATIC / "index.html"
        if not index.is_file():
            return HTMLResponse("<p>The dashboard is not built: run <code>make web</code>.</p>", status_code=503)
        return FileResponse(index, media_type="text/html")

    # Outermost first: the body limit must act before anything reads the body.
    app.add_middleware(Timeout, seconds=settings.timeout_s)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    if settings.allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.allowed_hosts)
    return app
