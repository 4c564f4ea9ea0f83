"""URLs and feed URLs, fetched over real HTTP from a server on 127.0.0.1 started by the test."""
from __future__ import annotations

import datetime as dt
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from polemos.ingest import RecordError, read_inputs

EN = ("Artillery shells struck a crowded market in the city of Kharkiv on Sunday, killing eleven civilians "
      "and wounding over a dozen people, the regional governor said. Rescue workers were still searching "
      "the rubble on Monday.")


def page(title: str, body: str, date: str | None = None) -> bytes:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    return (f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body><nav>Home | World</nav>"
            f"<article><h1>{title}</h1><p>{body}</p></article></body></html>").encode("utf-8")


@pytest.fixture(scope="module")
def server():
    routes: dict[str, tuple[int, str, bytes]] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            status, ctype, body = routes.get(self.path, (404, "text/plain", b"not found"))
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):  # keep test output quiet
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    routes["/story"] = (200, "text/html; charset=utf-8", page("Market shelled", EN, "2024-03-11T09:00:00Z"))
    routes["/a1"] = (200, "text/html; charset=utf-8", page("Full story one", EN + " The full page text."))
    routes["/feed"] = (200, "application/rss+xml", f"""<?xml version="1.0"?><rss version="2.0"><channel>
        <title>Local Wire</title>
        <item><title>Story one</title><link>{base}/a1</link><guid>one</guid>
          <pubDate>Tue, 12 Mar 2024 10:00:00 GMT</pubDate><description>Short summary only.</description></item>
        <item><title>Story two</title><link>{base}/gone</link><guid>two</guid>
          <pubDate>Wed, 13 Mar 2024 10:00:00 GMT</pubDate><description><![CDATA[<p>{EN}</p>]]></description></item>
        </channel></rss>""".encode("utf-8"))
    routes["/plain"] = (200, "text/plain; charset=utf-8", EN.encode("utf-8"))
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield base
    httpd.shutdown()
    httpd.server_close()


def test_page_url(server):
    [art] = list(read_inputs([f"{server}/story"]))
    assert art.url == f"{server}/story" and art.title == "Market shelled"
    assert art.published == dt.date(2024, 3, 11) and "killing eleven civilians" in art.text


def test_plain_text_url(server):
    [art] = list(read_inputs([f"{server}/plain"], published=dt.date(2024, 3, 12)))
    assert art.text == EN and art.published == dt.date(2024, 3, 12)


def test_feed_url_fetches_entry_pages(server):
    items = list(read_inputs([f"{server}/feed"]))
    one, two = items
    # the entry page was fetched (the user gave a feed URL): its full text, the feed's date
    assert "The full page text." in one.text and one.published == dt.date(2024, 3, 12)
    # a page that cannot be fetched falls back to the entry's own text
    assert "killing eleven civilians" in two.text and two.published == dt.date(2024, 3, 13)
    assert one.id != two.id
    assert [a.id for a in read_inputs([f"{server}/feed"])] == [one.id, two.id]      # stable ids


def test_missing_page_is_one_clear_error(server):
    [err] = list(read_inputs([f"{server}/nothing-here"]))
    assert isinstance(err, RecordError)
    assert err.message == f"{server}/nothing-here: cannot fetch (HTTP 404)"


def test_unreachable_url_is_one_clear_error():
    with socket.socket() as s:               # a port that nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    [err] = list(read_inputs([f"http://127.0.0.1:{port}/story"]))
    assert isinstance(err, RecordError)
    assert err.message.startswith(f"http://127.0.0.1:{port}/story: cannot fetch (")
