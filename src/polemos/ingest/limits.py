"""The size limit on one article (hard inputs, issue 18): a text longer than this is refused with
one message naming the input, by the readers, the HTTP API and `watch`, before any parsing.

Why: extraction is linear in the text, but a multi-megabyte "article" is nearly always a dump, a
log or a mis-scraped page, and one of them would hold up a whole run. The default is far above
any news story (the longest evaluation articles are tens of kilobytes)."""
from __future__ import annotations

import os

from polemos import errors

DEFAULT_MAX_ARTICLE_CHARS = 2_000_000    # POLEMOS_MAX_ARTICLE_CHARS; 0 or less: no limit


def env_limit(name: str, default: float) -> float | None:
    """A limit set by environment variable `name` (unset or unreadable: `default`; 0 or less: no
    limit, None)."""
    raw = os.environ.get(name, "")
    try:
        value = float(raw) if raw.strip() else default
    except ValueError:
        value = default
    return value if value > 0 else None


def max_article_chars() -> int | None:
    """The limit in characters of text (None: no limit)."""
    value = env_limit("POLEMOS_MAX_ARTICLE_CHARS", DEFAULT_MAX_ARTICLE_CHARS)
    return int(value) if value is not None else None


def size_problem(text: str, name: str, limit: int | None = None) -> str | None:
    """The message refusing `text` as too large (naming `name`), or None when it fits."""
    limit = max_article_chars() if limit is None else limit
    if limit is None or len(text) <= limit:
        return None
    return errors.ARTICLE_TOO_LARGE.format(path=name, size=len(text), limit=limit)
