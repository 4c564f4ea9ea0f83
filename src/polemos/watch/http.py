"""HTTP for `polemos watch`: conditional GET, a per-host rate limit, a User-Agent naming Polemos,
timeouts (per read and for the whole answer) and a size limit read as the body streams in, so a
huge answer is refused after `max_bytes` instead of being held in memory whole."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urlparse

import httpx

from polemos import __version__, errors

USER_AGENT = f"Polemos/{__version__} (feed watcher; +https://github.com/polemos)"


@dataclass
class FetchOptions:
    timeout: float = 20.0              # seconds per connect/read, and 3x that for a whole answer
    max_bytes: int = 10_000_000        # a larger answer is refused
    host_interval: float = 1.0         # seconds between two requests to the same host


@dataclass
class Fetched:
    url: str
    status: int                        # HTTP status (304: not modified)
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    retry_after: float | None = None   # seconds, from a 429/503 Retry-After


class FetchError(Exception):
    """A request that got no usable answer; the message names the URL and the reason."""


class HostLimiter:
    """At most one request per `interval` seconds to each host (thread-safe)."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.next_at: dict[str, float] = {}
        self.lock = threading.Lock()

    def wait(self, url: str) -> None:
        if self.interval <= 0:
            return
        host = (urlparse(url).hostname or "").lower()
        with self.lock:
            now = time.monotonic()
            at = max(now, self.next_at.get(host, 0.0))
            self.next_at[host] = at + self.interval
        if at > now:
            time.sleep(at - now)


class Fetcher:
    def __init__(self, opts: FetchOptions | None = None) -> None:
        self.opts = opts or FetchOptions()
        self.limiter = HostLimiter(self.opts.host_interval)
        self.client = httpx.Client(follow_redirects=True, timeout=httpx.Timeout(self.opts.timeout),
                                   headers={"User-Agent": USER_AGENT})

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """One GET (conditional when validators are given); raises FetchError when no answer came."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self.limiter.wait(url)
        try:
            with self.client.stream("GET", url, headers=headers) as resp:
                body = b"" if resp.status_code == 304 else self._read(resp, url)
        except httpx.TimeoutException:
            reason = f"timed out after {self.opts.timeout:g} s"
            raise FetchError(errors.URL_UNREACHABLE.format(url=url, reason=reason)) from None
        except httpx.HTTPError as e:
            reason = (str(e).strip() or type(e).__name__).splitlines()[0][:160]
            raise FetchError(errors.URL_UNREACHABLE.format(url=url, reason=reason)) from None
        h = resp.headers
        return Fetched(url=url, status=resp.status_code, body=body, content_type=h.get("content-type", "").lower(),
                       etag=h.get("etag"), last_modified=h.get("last-modified"),
                       retry_after=retry_after(h.get("retry-after")))

    def _read(self, resp: httpx.Response, url: str) -> bytes:
        limit = self.opts.max_bytes
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(errors.WATCH_TOO_LARGE.format(url=url, size=f"{int(declared)} bytes", limit=limit))
        deadline = time.monotonic() + 3 * self.opts.timeout
        buf = bytearray()
        for chunk in resp.iter_bytes():      # decoded: a compressed bomb is stopped too
            buf += chunk
            if len(buf) > limit:
                raise FetchError(errors.WATCH_TOO_LARGE.format(url=url, size=f"more than {limit} bytes", limit=limit))
            if time.monotonic() > deadline:
                raise FetchError(errors.URL_UNREACHABLE.format(
                    url=url, reason=f"the answer took longer than {3 * self.opts.timeout:g} s"))
        return bytes(buf)


def retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (a number of seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def decode_html(body: bytes, content_type: str) -> str:
    """A page's text: the declared charset, else UTF-8, else Windows-1252 (never fails)."""
    charset = content_type.split("charset=", 1)[1].split(";")[0].strip(' "\'') if "charset=" in content_type else ""
    for enc in (charset, "utf-8"):
        if enc:
            try:
                return body.decode(enc)
            except (LookupError, UnicodeDecodeError):
                continue
    return body.decode("cp1252", errors="replace")
