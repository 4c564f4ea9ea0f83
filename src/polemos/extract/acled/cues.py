"""Which ACLED cues (data/acled/cues.yaml) a text holds: the weapon, the target, who was hurt."""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from polemos.extract.triggers import load_data

_NON_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class _Cue:
    """One cue's entries, ready for lookup: single words (with their plurals), word stems, and
    phrases (space-joined words; a phrase that is a stem matches any continuation)."""

    words: frozenset[str]
    stems: tuple[str, ...]
    phrases: tuple[tuple[str, tuple[str, ...]], ...]   # (first word, its phrases)


def _cue(entries: list[str]) -> _Cue:
    words: set[str] = set()
    stems: list[str] = []
    phrases: dict[str, list[str]] = {}
    for e in entries:
        stem = e.endswith("*")
        parts = e.rstrip("*").replace("-", " ").split()
        if len(parts) == 1 and not stem:
            words |= {parts[0], parts[0] + "s", parts[0] + "es"}
        elif len(parts) == 1:
            stems.append(parts[0])
        else:
            p = " " + " ".join(parts)
            phrases.setdefault(parts[0], []).extend([p] if stem else [p + " ", p + "s ", p + "es "])
    return _Cue(frozenset(words), tuple(stems), tuple((w, tuple(ps)) for w, ps in phrases.items()))


@functools.lru_cache(maxsize=1)
def cue_patterns() -> dict[str, tuple[_Cue, _Cue]]:
    """Each cue name with its entries matched on the lower-cased text, and those matched as
    written (entries starting with `=`: lower-case "march", not the month)."""
    data = load_data("acled/cues.yaml")["cues"]
    return {name: (_cue([str(e).lower() for e in entries if not str(e).startswith("=")]),
                   _cue([str(e)[1:] for e in entries if str(e).startswith("=")]))
            for name, entries in data.items()}


class _Words:
    """A text as words: the set, the sorted list (for stems) and the space-joined string."""

    def __init__(self, text: str) -> None:
        toks = _NON_WORD.sub(" ", text).split()
        self.set = frozenset(toks)
        self.sorted = sorted(self.set)
        self.joined = " " + " ".join(toks) + " "

    def has(self, cue: _Cue) -> bool:
        if not self.set.isdisjoint(cue.words):
            return True
        if any(first in self.set and any(p in self.joined for p in ps) for first, ps in cue.phrases):
            return True
        for stem in cue.stems:
            i = bisect.bisect_left(self.sorted, stem)
            if i < len(self.sorted) and self.sorted[i].startswith(stem):
                return True
        return False


@functools.lru_cache(maxsize=512)   # an article's text is read once for all its events
def cues_in(text: str) -> frozenset[str]:
    """The names of the cues that occur in `text` (whole words; a plural counts; see cues.yaml)."""
    low, asis = _Words((text or "").lower()), _Words(text or "")
    return frozenset(name for name, (ci, cs) in cue_patterns().items() if low.has(ci) or asis.has(cs))


@functools.lru_cache(maxsize=1)
def _background_re() -> re.Pattern[str] | None:
    marks = load_data("acled/cues.yaml").get("background_marks") or []
    if not marks:
        return None
    alts = "|".join(re.escape(m).replace(r"\ ", r"\s+") for m in sorted(marks, key=len, reverse=True))
    return re.compile(rf"\b(?:{alts})\s+(?:[\w'’-]+\s+){{0,3}}$", re.IGNORECASE)


def background_mention(trigger: str | None, sentence: str) -> bool:
    """The event word is named after a background mark ("amid protests", "following the clashes"):
    told as the cause or setting of the sentence's own event, not as that event."""
    pat = _background_re()
    word = (trigger or "").split(" / ")[0].strip()
    if pat is None or not word:
        return False
    at = sentence.find(word)
    return at > 0 and pat.search(sentence[:at]) is not None


@functools.lru_cache(maxsize=1)
def implied_cues() -> dict[str, frozenset[str]]:
    """Cue -> the cues it brings with it (cues.yaml `implies`)."""
    return {k: frozenset(v) for k, v in (load_data("acled/cues.yaml").get("implies") or {}).items()}


@functools.lru_cache(maxsize=1)
def _fatality_note() -> re.Pattern[str] | None:
    pattern = load_data("acled/cues.yaml").get("fatality_note")
    return re.compile(pattern, re.IGNORECASE) if pattern else None


@functools.lru_cache(maxsize=512)
def note_fatalities(text: str) -> int:
    """The toll an ACLED-style report states on its own ("... in Yangon. 18 fatalities."): the
    largest such figure in `text` (0: none stated, or "0 fatalities")."""
    pat = _fatality_note()
    return max((int(m.group(1)) for m in pat.finditer(text or "")), default=0) if pat else 0


@functools.lru_cache(maxsize=1)
def story_cues() -> dict[str, str]:
    """Cues of the whole report: name -> the sentence cue that must occur in the article."""
    return dict(load_data("acled/cues.yaml").get("story_cues") or {})
