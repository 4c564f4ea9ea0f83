"""Cleaning scraped text while keeping a map back to the original offsets.

What goes: a headline repeated at the top (captures often carry it 2-3 times), any later exact
repeat of a long line, whole lines matching the boilerplate list in data/boilerplate.yaml
("Share this article", "Advertisement"), runs of spaces, non-breaking spaces and blank lines.
Page furniture inside a line goes too (data/boilerplate.yaml `inline_drop`: wiki "== Heading ==",
"[12]" references, "[Linked story title]", gallery widgets), and a line is cut into segments where
text was glued without a break (`breaks`: "...in Syria.The desert", a heading run into its first
sentence "Pending chargesProsecutors said", "ProbeBOSTON —"): each segment is then treated as a
line of its own, so the whole-line list can drop a "Caption ..." or "Read more: ..." segment.
What stays: every other character, in order; `offsets` maps each cleaned index back to the text
as given, so evidence spans found in the cleaned text point into the original.
"""
from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import yaml

# A repeat of a line this long anywhere is boilerplate (menus, captions, pull quotes); shorter
# lines ("—", "Reuters") may legitimately repeat.
_MIN_REPEAT_CHARS = 25
_SPACES = " \t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\f\v"
_INVISIBLE = "\u200b\u200c\u200d\ufeff\r"
_ENTITY = re.compile(r"&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
# A line the character loop below would change: an entity, an invisible or unusual space
# character, or a space at either end or doubled. Other lines are copied whole.
_NEEDS_WORK = re.compile("[&" + re.escape(_INVISIBLE + _SPACES.replace(" ", "")) + "]|  |^ | $")


@dataclass
class CleanText:
    text: str
    # offsets[i] is the index in the original text of cleaned character i (len = len(text) + 1)
    offsets: list[int]
    # ends[i] is where cleaned character i ends in the original (an entity "&amp;" is 5 long)
    ends: list[int] | None = None

    def to_original(self, i: int) -> int:
        return self.offsets[min(max(i, 0), len(self.offsets) - 1)]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """[start, end) in the cleaned text -> [start, end) in the original (end exclusive)."""
        if end <= start:
            o = self.to_original(start)
            return o, o
        last = min(max(end - 1, 0), len(self.text) - 1)
        return self.to_original(start), (self.ends[last] if self.ends else self.to_original(last) + 1)


@functools.lru_cache(maxsize=1)
def _boilerplate_data() -> dict:
    return yaml.safe_load(resources.files("polemos.data").joinpath("boilerplate.yaml").read_text("utf-8"))


@functools.lru_cache(maxsize=1)
def boilerplate_patterns() -> list[re.Pattern[str]]:
    return [re.compile(rf"(?:{p})", re.IGNORECASE) for p in _boilerplate_data()["lines"]]


@functools.lru_cache(maxsize=1)
def _inline_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], frozenset[str]]:
    """(furniture to drop inside a line, furniture to drop without a break, zero-width places
    where glued text breaks, words written in camel case that are names, not a heading glued to
    a sentence). Case-sensitive: capitals are the evidence of a glued boundary."""
    raw = _boilerplate_data()
    drop, silent, brk = ("|".join(f"(?:{p})" for p in raw[k]) for k in ("inline_drop", "inline_silent", "breaks"))
    return (re.compile(drop), re.compile(silent), re.compile(brk),
            frozenset(w.casefold() for w in raw.get("camel_case_names", [])))


_WORD_AT = re.compile(r"[\w'’-]+")


def _segments(start: int, line: str, silent_out: set[int]) -> list[tuple[int, str]]:
    """A line cut where furniture is dropped or glued text breaks: [(original start, text)].
    Original offsets of characters to leave out without a break are added to `silent_out`."""
    drop, silent, brk, names = _inline_res()
    for m in silent.finditer(line):
        silent_out.update(range(start + m.start(), start + m.end()))
    cuts: list[tuple[int, int]] = [(m.start(), m.end()) for m in drop.finditer(line)]
    for m in brk.finditer(line):
        i = m.start()
        if any(a <= i < b for a, b in cuts):
            continue
        w0 = i
        while w0 > 0 and (line[w0 - 1].isalnum() or line[w0 - 1] in "'’-"):
            w0 -= 1
        word = _WORD_AT.match(line, w0)
        if word is not None and word.group(0).casefold() in names:
            continue
        cuts.append((i, i))
    if not cuts:
        return [(start, line)]
    out: list[tuple[int, str]] = []
    pos = 0
    for a, b in sorted(cuts):
        if a >= pos:
            out.append((start + pos, line[pos:a]))
            pos = b
        else:
            pos = max(pos, b)
    out.append((start + pos, line[pos:]))
    return [seg for seg in out if seg[1].strip()]


def _norm_line(line: str) -> str:
    return " ".join(line.translate({ord(c): " " for c in _SPACES}).split()).casefold()


@functools.lru_cache(maxsize=1)
def _boilerplate_any() -> re.Pattern[str]:
    # one alternation: it fully matches a line exactly when one of the patterns does
    return re.compile("|".join(f"(?:{p.pattern})" for p in boilerplate_patterns()), re.IGNORECASE)


def _is_boilerplate(norm: str) -> bool:
    return _boilerplate_any().fullmatch(norm) is not None


@functools.lru_cache(maxsize=1)
def _link_list_res() -> tuple[re.Pattern[str], re.Pattern[str], int]:
    """(a line opening a list of links to other stories, a bulleted or numbered item, the most
    words an item without a bullet may have)."""
    raw = _boilerplate_data()
    heads = re.compile("|".join(f"(?:{p})" for p in raw["link_list_heads"]), re.IGNORECASE)
    return heads, re.compile(raw["link_item_bullet"]), int(raw["link_item_max_words"])


def _link_item(line: str, bullet: re.Pattern[str], max_words: int) -> bool:
    """A line of a list of links: bulleted or numbered, or a headline (no closing stop, short)."""
    text = line.strip()
    return bullet.match(text) is not None or (
        len(text.split()) <= max_words and not text.endswith((".", "!", "?", "\"", "\u201d", ":")))


def _drop_link_lists(lines: list[tuple[int, str]], keep: list[bool]) -> None:
    """A "Related:" / "TOP STORIES" line and the list of other stories' headlines under it go:
    every following item line, up to the first line of prose or the blank line after the list
    (a blank line followed by another bulleted item is inside the list)."""
    heads, bullet, max_words = _link_list_res()
    k = 0
    while k < len(lines):
        if not heads.fullmatch(_norm_line(lines[k][1])):
            k += 1
            continue
        keep[k] = False
        k += 1
        items = 0
        while k < len(lines):
            line = lines[k][1]
            if not line.strip():
                nxt = next((ln for _, ln in lines[k + 1:] if ln.strip()), "")
                if items and not bullet.match(nxt.strip()):
                    break                  # the blank line after the list (bulleted items may be spaced)
            elif _link_item(line, bullet, max_words):
                keep[k] = False
                items += 1
            else:
                break                      # prose: the story goes on
            k += 1


def _kept_lines(lines: list[tuple[int, str]]) -> list[bool]:
    """Which lines stay: not boilerplate, not the headline repeated, not a long line seen before,
    not a list of links to other stories."""
    keep = [True] * len(lines)
    _drop_link_lists(lines, keep)
    seen: set[str] = set()
    first: str | None = None
    at_top = True                      # still among the leading headline lines
    for k, (_, line) in enumerate(lines):
        norm = _norm_line(line)
        if not norm:
            continue
        if _is_boilerplate(norm):
            keep[k] = False
            continue
        if at_top and first is not None and norm == first:
            keep[k] = False            # the headline again
            continue
        if first is None:
            first = norm
        elif norm != first:
            at_top = False
        if norm in seen and len(norm) >= _MIN_REPEAT_CHARS:
            keep[k] = False
            continue
        seen.add(norm)
    return keep


def _line_chars(line: str, start: int, wide: dict[int, int]) -> list[tuple[str, int]]:
    """A line's characters with their original offsets: entities decoded (`wide` records the
    span each covers), invisible characters dropped, spaces normalised and not repeated."""
    line_chars: list[tuple[str, int]] = []
    skip_to = 0
    for j, ch in enumerate(line):
        if j < skip_to:
            continue
        if ch == "&":
            # an HTML entity left by a scraper ("&amp;", "&#8217;"): its character, mapped to the "&"
            m = _ENTITY.match(line, j)
            if m and len(html.unescape(m.group(0))) == 1:
                ch, skip_to = html.unescape(m.group(0)), m.end()
                wide[start + j] = start + m.end()
        if ch in _INVISIBLE:
            continue
        if ch in _SPACES:
            ch = " "
        if ch == " " and (not line_chars or line_chars[-1][0] == " "):
            continue               # leading or repeated space
        line_chars.append((ch, start + j))
    while line_chars and line_chars[-1][0] == " ":
        line_chars.pop()
    return line_chars


def clean_text(original: str) -> CleanText:
    """Drop boilerplate lines and normalise whitespace; keep the offset map."""
    # 1. Lines with their start offsets; decide which to keep.
    lines: list[tuple[int, str]] = []
    silent: set[int] = set()           # original offsets cut out of a line without a break
    pos = 0
    for line in original.split("\n"):
        lines.extend(_segments(pos, line, silent) if line.strip() else [(pos, line)])
        pos += len(line) + 1
    keep = _kept_lines(lines)

    # 2. Characters of kept lines (with their newline), then whitespace normalisation. Lines are
    # joined as strings, their offsets as ranges (speed: most lines are copied whole).
    pieces: list[str] = []
    offs: list[int] = []
    blank = False                      # a blank line since the last emitted line
    wide: dict[int, int] = {}          # original start -> original end, for entities
    line_offs: Sequence[int]
    for k, (start, line) in enumerate(lines):
        if not keep[k]:
            continue
        if line and not silent and not _NEEDS_WORK.search(line):
            # most lines: nothing to drop or replace, so each character maps to its own offset
            piece, line_offs = line, range(start, start + len(line))
        else:
            line_chars = _line_chars(line, start, wide) if line else []
            if silent:
                line_chars = [(c, o) for c, o in line_chars if o not in silent]
            piece, line_offs = "".join(c for c, _ in line_chars), [o for _, o in line_chars]
        if not piece:
            blank = True
            continue
        if pieces:
            # one newline between lines, two (a paragraph break) where blank lines were
            n = 2 if blank else 1
            pieces.append("\n" * n)
            offs.extend([max(start - 1, 0)] * n)
        blank = False
        pieces.append(piece)
        offs.extend(line_offs)
    text = "".join(pieces)
    stripped = text.rstrip("\n")
    if len(stripped) < len(text):      # (an entity may decode to a newline at the very end)
        text, offs = stripped, offs[:len(stripped)]
    ends = [wide.get(o, o + 1) for o in offs] if wide else [o + 1 for o in offs]
    end = ends[-1] if ends else 0
    return CleanText(text, offs + [end], ends)
