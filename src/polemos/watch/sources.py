"""The list of sources `polemos watch` polls: a text file (one URL per line) or an OPML file.

Text file: one feed (RSS/Atom) or page URL per line; blank lines and lines starting with `#`
are skipped, and so is anything after ` #` on a line. OPML: every <outline> with an `xmlUrl`
(a feed) or, for type="link", a `url` (a page). A bad file raises InputError naming it (and the
line), before anything is polled or stored.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from lxml import etree

from polemos import errors
from polemos.errors import InputError


@dataclass(frozen=True)
class Source:
    url: str
    kind: str = "any"        # "feed" (OPML xmlUrl: must be a feed) or "any" (a feed or a page)
    title: str | None = None


def read_sources(path: str | Path) -> list[Source]:
    """The sources named in a feeds file or OPML file, in order, without repeats."""
    p = Path(path)
    if not p.is_file():
        raise InputError(errors.WATCH_NO_FILE.format(path=p) if not p.exists()
                         else errors.WATCH_NOT_A_FILE.format(path=p))
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(errors.WATCH_UNREADABLE.format(path=p, reason=e.strerror or e)) from None
    head = data.lstrip()[:500].lower()
    found = _opml(data, p) if head.startswith(b"<") and b"<opml" in head else _lines(data, p)
    if not found:
        raise InputError(errors.WATCH_NO_SOURCES.format(path=p))
    unique: dict[str, Source] = {}
    for s in found:
        unique.setdefault(s.url, s)
    return list(unique.values())


def _lines(data: bytes, p: Path) -> list[Source]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(errors.FILE_NOT_UTF8.format(path=p, pos=e.start)) from None
    out = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if not is_http_url(line):
            raise InputError(errors.WATCH_BAD_LINE.format(path=p, line=n, value=line[:200]))
        out.append(Source(line))
    return out


def _opml(data: bytes, p: Path) -> list[Source]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise InputError(errors.WATCH_BAD_OPML.format(path=p, reason=str(e).splitlines()[0][:160])) from None
    out = []
    for el in root.iter("outline"):
        url = el.get("xmlUrl") or (el.get("url") if (el.get("type") or "").lower() == "link" else None)
        if url is None:
            continue                      # a folder of outlines
        url = url.strip()
        if not is_http_url(url):
            raise InputError(errors.WATCH_BAD_OPML_URL.format(path=p, line=el.sourceline, value=url[:200]))
        out.append(Source(url, kind="feed" if el.get("xmlUrl") else "any", title=el.get("title") or el.get("text")))
    return out


def is_http_url(value: str) -> bool:
    u = urlparse(value)
    return u.scheme in ("http", "https") and bool(u.hostname) and " " not in value
