"""Over-long "sentences" cut into clause-sized pieces before parsing.

Why: a scraped table or casualty roundup flattened into one sentence ("Troops shelled the village
and killed 3 civilians, Troops shelled ...", thousands of clauses) makes every per-event step
that looks over its whole sentence (counts, dates, places) cost events x sentence length: the
square of the text. News sentences are short (the longest in every evaluation set is about 1,300
characters), so only a sentence far beyond that, `MAX_SENTENCE_CHARS`, is cut; ordinary text is
never touched. A cut falls at the strongest boundary near the start of the remaining text (a
semicolon or a list separator, else a comma, else a coordinating conjunction, else a space), so a
piece is about a clause long and each piece is a sentence of its own, with exact offsets.
"""
from __future__ import annotations

import os
import re

MAX_SENTENCE_CHARS = 2000   # longer sentences are cut (POLEMOS_MAX_SENTENCE_CHARS)
PIECE_MIN = 40              # a piece is at least this long (a cut before it would leave a fragment)
PIECE_MAX = 400             # and at most this long (a hard cut at a space when no boundary is near)

# Boundaries, strongest first; each match's end is where the next piece starts.
_BOUNDARIES = (
    re.compile(r"[;|\u2022\u00b7]\s+|\s[\u2013\u2014-]\s+"),        # ; | • · and dashes between items
    re.compile(r",\s+"),
    re.compile(r"\s+(?=(?:and|but|while|whereas|or)\s)"),          # before the conjunction
    re.compile(r"\s+"),
)


def max_sentence_chars() -> int:
    """The length above which a sentence is cut (env POLEMOS_MAX_SENTENCE_CHARS, >= 2 x PIECE_MAX)."""
    try:
        value = int(os.environ.get("POLEMOS_MAX_SENTENCE_CHARS", MAX_SENTENCE_CHARS))
    except ValueError:
        return MAX_SENTENCE_CHARS
    return max(value, 2 * PIECE_MAX)


def _cut(text: str, pos: int, end: int) -> int:
    """Where the piece starting at `pos` ends: the first strongest boundary in its window."""
    lo, hi = pos + PIECE_MIN, min(pos + PIECE_MAX, end)
    for pattern in _BOUNDARIES:
        m = pattern.search(text, lo, hi)
        if m is not None:
            return m.end()
    return hi                                     # one unbroken token: cut anyway


def split_long(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """[start, end) spans of `text[start:end]` in pieces: the whole span when it is not longer
    than the threshold, else clause-sized pieces with surrounding spaces trimmed."""
    end = len(text) if end is None else end
    if end - start <= max_sentence_chars():
        return [(start, end)]
    out: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        stop = end if end - pos <= PIECE_MAX else _cut(text, pos, end)
        a, b = pos, stop
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
        pos = stop
    return out


# A run of thousands of characters without a space ("((((...", a base64 blob) makes spaCy's
# tokenizer strip prefixes and suffixes one at a time, each by a regex over the rest of the run:
# the square of its length (10,000 brackets took 36 s). Such a run is no word: for tokenizing,
# a space replaces one character in every LONG_RUN, which keeps every offset; ordinary text (URLs
# included) has no run this long and is passed as it is.
LONG_RUN = 500
_LONG_RUN = re.compile(r"\S{%d,}" % LONG_RUN)


def breakable(text: str) -> str:
    """`text` with a space every LONG_RUN characters inside runs that have none (same length)."""
    if _LONG_RUN.search(text) is None:
        return text
    chars = list(text)
    for m in _LONG_RUN.finditer(text):
        for i in range(m.start() + LONG_RUN - 1, m.end(), LONG_RUN):
            chars[i] = " "
    return "".join(chars)
