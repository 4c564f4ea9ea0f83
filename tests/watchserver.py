"""A real local HTTP server for the watch tests and benchmark: feeds and article pages on
127.0.0.1 (port 0), whose answers a test changes between polls, honouring ETag/Last-Modified
(304), and able to answer 500, stall (timeout), serve junk or stream a huge body."""
from __future__ import annotations

import html
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0                  # seconds before answering (a timeout test)
    stream_bytes: int = 0               # stream this many bytes, chunked, without Content-Length
    headers: dict[str, str] | None = None


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                with server.lock:
                    server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                    r = server.routes.get(self.path)
                if r is None:
                    self._send(404, b"not found", "text/plain")
                    return
                if r.delay:
                    time.sleep(r.delay)
                if r.status == 200 and ((r.etag and self.headers.get("If-None-Match") == r.etag) or
                                        (r.last_modified and self.headers.get("If-Modified-Since") == r.last_modified)):
                    self._send(304, b"", None, r)
                    return
                if r.stream_bytes:
                    self._stream(r)
                    return
                self._send(r.status, r.body, r.content_type, r)

            def _send(self, status: int, body: bytes, ctype: str | None, r: Route | None = None) -> None:
                self.send_response(status)
                if ctype:
                    self.send_header("Content-Type", ctype)
                if r is not None and r.etag:
                    self.send_header("ETag", r.etag)
                if r is not None and r.last_modified:
                    self.send_header("Last-Modified", r.last_modified)
                for k, v in ((r.headers or {}) if r is not None else {}).items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body:
                    try:
                        self.wfile.write(body)
                    except (BrokenPipeError, ConnectionResetError):
                        pass

            def _stream(self, r: Route) -> None:
                self.send_response(200)
                self.send_header("Content-Type", r.content_type)
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                chunk = b"<item>" + b"x" * 65536 + b"</item>"
                sent = 0
                try:
                    while sent < r.stream_bytes:
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                        sent += len(chunk)
                    self.wfile.write(b"0\r\n\r\n")
                except (BrokenPipeError, ConnectionResetError):
                    pass
                with server.lock:
                    server.streamed = sent

        self.streamed = 0
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits(self, path: str) -> list[dict[str, str]]:
        with self.lock:
            return [h for p, h in self.requests if p == path]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def page_html(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head><title>{html.escape(title)}</title></head><body>"
            f"<article><h1>{html.escape(title)}</h1>{body}</article></body></html>").encode()


def rss(title: str, items: list[dict[str, str]]) -> bytes:
    """RSS 2.0 with items {guid, title, link, summary, pubDate}."""
    parts = [f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{html.escape(title)}</title>'
             "<link>http://127.0.0.1/</link><description>test feed</description>"]
    for it in items:
        parts.append("<item>" + "".join(f"<{k}>{html.escape(v)}</{k}>" for k, v in it.items()) + "</item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode()
