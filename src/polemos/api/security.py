"""Who may read and write, how big a request may be, how long it may run."""
from __future__ import annotations

import asyncio

from fastapi import HTTPException, Request, Security
from fastapi.responses import JSONResponse
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from polemos import errors
from polemos.api.keys import KeyRecord
from polemos.api.schemas import error_body


def _presented_key(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    return request.headers.get("x-api-key") or None


def _check(request: Request) -> KeyRecord:
    key = _presented_key(request)
    if key is None:
        raise HTTPException(401, errors.API_KEY_MISSING, headers={"WWW-Authenticate": "Bearer"})
    rec = request.app.state.keys.verify(key)
    if rec is None:
        raise HTTPException(403, errors.API_KEY_INVALID)
    return rec


# Declared so the OpenAPI schema shows which routes need a key and how to send it.
_header_scheme = APIKeyHeader(name="X-API-Key", auto_error=False,
                              description="a key from `polemos keys create`")
_bearer_scheme = HTTPBearer(auto_error=False, description="the same key as a bearer token")


def require_write_key(
    request: Request,
    _h: str | None = Security(_header_scheme),
    _b: HTTPAuthorizationCredentials | None = Security(_bearer_scheme),
) -> KeyRecord:
    """Dependency of every route that changes the store (or costs real CPU, like /extract)."""
    return require_role(request, "editor")


def require_role(request: Request, role: str) -> KeyRecord:
    """The presented key, when its role is `role` or above (reader < editor < admin); else 403."""
    rec = _check(request)
    if not rec.can(role):
        raise HTTPException(403, errors.REVIEW_ROLE.format(role=role, have=rec.role))
    return rec


async def require_read_key(request: Request) -> None:
    """Reads are open unless the POLEMOS_API_READ_KEY_REQUIRED setting closes them. Async: an open
    read costs no trip to the thread pool (FastAPI runs a plain function there); the key check
    (it reads the keys file) still runs in one."""
    if request.app.state.settings.read_key_required:
        await run_in_threadpool(_check, request)


class BodyLimit:
    """Refuses bodies over the limit with 413 before they are read into memory: by the
    Content-Length header when sent, and by counting chunks when it is not."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        for k, v in scope.get("headers", []):
            if k == b"content-length":
                try:
                    size = int(v)
                except ValueError:
                    size = -1
                if size < 0 or size > self.limit:
                    return await self._refuse(scope, receive, send, size)
        seen, refused = 0, False

        async def counted() -> Message:
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    # Answer now and tell the app the client is gone; whatever it then tries to
                    # send is dropped (an exception here would be turned into a 400 by FastAPI).
                    refused = True
                    await self._refuse(scope, receive, send, seen)
                    return {"type": "http.disconnect"}
            return msg

        async def guarded_send(msg: Message) -> None:
            if not refused:
                await send(msg)

        await self.app(scope, counted, guarded_send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, size: int) -> None:
        shown = f"at least {size}" if size >= 0 else "an unreadable number of"
        msg = errors.API_BODY_TOO_LARGE.format(size=shown, limit=self.limit)
        await JSONResponse(error_body(msg), status_code=413)(scope, receive, send)


class Timeout:
    """Answers 503 when a request runs past the limit. The worker thread of a sync route cannot be
    killed, so the request is abandoned (whatever it sends later is dropped) rather than awaited:
    the client gets its answer on time. Extraction itself is bounded by the body size limit."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app, self.seconds = app, seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.seconds <= 0:
            return await self.app(scope, receive, send)
        started = abandoned = False

        async def tracked(msg: Message) -> None:
            nonlocal started
            if abandoned:
                return
            started = True
            await send(msg)

        task = asyncio.ensure_future(self.app(scope, receive, tracked))
        done, _ = await asyncio.wait({task}, timeout=self.seconds)
        if task in done or started:
            return await task
        abandoned = True
        task.add_done_callback(lambda t: t.cancelled() or t.exception())   # retrieve, do not log
        task.cancel()
        msg = errors.API_TIMEOUT.format(seconds=self.seconds)
        await JSONResponse(error_body(msg), status_code=503)(scope, receive, send)
