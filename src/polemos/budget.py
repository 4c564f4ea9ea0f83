"""A time budget per article: past it, Polemos keeps the events found so far, says which article
ran over and why, and goes on with the next one.

Why: one pathological page (a flattened table, a scraped log) must not hold up a whole `ingest`,
`watch` or batch shard. Extraction cost is linear in the text (over-long sentences are cut,
polemos.nlp_split), so an ordinary article takes a small fraction of a second and the default
budget is only ever met by inputs of hundreds of thousands of characters.
"""
from __future__ import annotations

import sys
import time

from polemos import errors
from polemos.ingest.limits import env_limit

DEFAULT_SECONDS = 60.0     # POLEMOS_ARTICLE_SECONDS; 0 or less: no budget


def article_seconds() -> float | None:
    """The budget in seconds from POLEMOS_ARTICLE_SECONDS (None: unbounded)."""
    return env_limit("POLEMOS_ARTICLE_SECONDS", DEFAULT_SECONDS)


class ArticleBudget:
    """Started when an article's sentences are coded; `over(i)` before sentence i says whether
    to stop (and, the first time, warns on stderr naming the article and where it stopped)."""

    def __init__(self, name: str, n_sentences: int, n_chars: int, seconds: float | None = None) -> None:
        self.name = name
        self.n_sentences = n_sentences
        self.n_chars = n_chars
        self.seconds = article_seconds() if seconds is None else seconds
        self.start = time.monotonic()
        self.stopped_at: int | None = None

    def over(self, i: int, n_events: int) -> bool:
        if self.seconds is None or time.monotonic() - self.start <= self.seconds:
            return False
        if self.stopped_at is None:
            self.stopped_at = i
            print("polemos: " + errors.shown(errors.ARTICLE_OVER_BUDGET.format(
                name=self.name, seconds=self.seconds, done=i, total=self.n_sentences,
                chars=self.n_chars, events=n_events)), file=sys.stderr, flush=True)
        return True
