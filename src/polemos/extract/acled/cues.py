"""Which ACLED cues (data/acled/cues.yaml) a text holds: the weapon, the target, who was hurt."""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from polemos.extract.triggers import load_data

_WORD = re.compile(r"\w+")


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
        self.toks = _WORD.findall(text)       # (the runs of word characters: as splitting on _NON_WORD)
        self.set = frozenset(self.toks)

    @functools.cached_property
    def sorted(self) -> list[str]:
        return sorted(self.set)

    @functools.cached_property
    def joined(self) -> str:
        return " " + " ".join(self.toks) + " "

    def has(self, cue: _Cue) -> bool:
        if not self.set.isdisjoint(cue.words):
            return True
        if any(first in self.set and any(p in self.joined for p in ps) for first, ps in cue.phrases):
            return True
        return any(self._has_stem(stem) for stem in cue.stems)

    def _has_stem(self, stem: str) -> bool:
        i = bisect.bisect_left(self.sorted, stem)
        return i < len(self.sorted) and self.sorted[i].startswith(stem)

    def cues(self, index: "_CueIndex") -> set[str]:
        """The names of the cues of `index` that `has` would find, by lookup from the text's words
        (speed: a text holds few of the cues' words, so most cues are never looked at)."""
        found: set[str] = set()
        # (the text's words looked up in the index: intersecting with a dict walks all its keys)
        for w in [w for w in self.set if w in index.by_word]:
            found |= index.by_word[w]
        for first in [w for w in self.set if w in index.by_first]:
            found.update(name for name, ps in index.by_first[first]
                         if name not in found and any(p in self.joined for p in ps))
        if index.stems:
            srt = self.sorted
            n = len(srt)
            for name, stem in index.stems:
                if name not in found:
                    i = bisect.bisect_left(srt, stem)
                    if i < n and srt[i].startswith(stem):
                        found.add(name)
        return found


@dataclass(frozen=True)
class _CueIndex:
    """Every cue's entries by word: word -> cue names, phrase's first word -> (cue name, its
    phrases), and (cue name, stem) pairs."""

    by_word: dict[str, frozenset[str]]
    by_first: dict[str, tuple[tuple[str, tuple[str, ...]], ...]]
    stems: tuple[tuple[str, str], ...]


def _cue_index(cues: dict[str, _Cue]) -> _CueIndex:
    by_word: dict[str, set[str]] = {}
    by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for name, cue in cues.items():
        for w in cue.words:
            by_word.setdefault(w, set()).add(name)
        for first, ps in cue.phrases:
            by_first.setdefault(first, []).append((name, ps))
    return _CueIndex({w: frozenset(n) for w, n in by_word.items()},
                     {f: tuple(v) for f, v in by_first.items()},
                     tuple((name, stem) for name, cue in cues.items() for stem in cue.stems))


@functools.lru_cache(maxsize=1)
def _cue_indexes() -> tuple[_CueIndex, _CueIndex]:
    """The index of the entries matched on the lower-cased text, and of those matched as written."""
    pats = cue_patterns()
    return _cue_index({n: ci for n, (ci, _) in pats.items()}), _cue_index({n: cs for n, (_, cs) in pats.items()})


@functools.lru_cache(maxsize=512)   # an article's text is read once for all its events
def cues_in(text: str) -> frozenset[str]:
    """The names of the cues that occur in `text` (whole words; a plural counts; see cues.yaml)."""
    low, asis = _Words((text or "").lower()), _Words(text or "")
    by_low, by_asis = _cue_indexes()
    return frozenset(low.cues(by_low) | asis.cues(by_asis))


@functools.lru_cache(maxsize=1)
def _marks() -> str | None:
    """The background marks of cues.yaml as one regex alternation, longest first (None: none)."""
    marks = load_data("acled/cues.yaml").get("background_marks") or []
    if not marks:
        return None
    return "|".join(re.escape(m).replace(r"\ ", r"\s+") for m in sorted(marks, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _background_re() -> re.Pattern[str] | None:
    alts = _marks()
    return re.compile(rf"\b(?:{alts})\s+(?:[\w'’-]+\s+){{0,3}}$", re.IGNORECASE) if alts else None


@functools.lru_cache(maxsize=1)
def _setting_re() -> re.Pattern[str] | None:
    alts = _marks()
    return re.compile(rf"\b(?:{alts})\b", re.IGNORECASE) if alts else None


def setting_start(trigger: str | None, sentence: str) -> int | None:
    """Where a clause of setting begins after the event word ("marched to demand security after
    gunmen killed 150 people": at "after"), or None: harm told there is another event's."""
    pat = _setting_re()
    word = (trigger or "").split(" / ")[0].strip()
    at = sentence.find(word) if word else -1
    if pat is None or at < 0:
        return None
    m = pat.search(sentence, at + len(word))
    return m.start() if m else None


@functools.lru_cache(maxsize=1)
def setting_harm_cues() -> frozenset[str]:
    """The cues of harm (cues.yaml `setting_harm`) that count only where told in the event's own clause."""
    return frozenset(load_data("acled/cues.yaml").get("setting_harm") or ())


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


@functools.lru_cache(maxsize=1)
def target_cues() -> dict[str, str]:
    """Cues of the target's own words (actor2): name -> the cue that must occur in them."""
    return dict(load_data("acled/cues.yaml").get("target_cues") or {})


@functools.lru_cache(maxsize=1)
def _trigger_cue_res() -> tuple[tuple[str, re.Pattern[str]], ...]:
    data = load_data("acled/cues.yaml").get("trigger_cues") or {}
    return tuple((name, re.compile(r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in
                                                      sorted(entries, key=len, reverse=True)) + r")\b", re.IGNORECASE))
                 for name, entries in data.items() if entries)


def trigger_cues(trigger: str | None) -> frozenset[str]:
    """Cues read in the event's own trigger words only (cues.yaml `trigger_cues`): "drove al-Shabaab
    from the town" is a place retaken, where "from the town" elsewhere in the sentence says nothing."""
    if not trigger:
        return frozenset()
    return frozenset(name for name, rx in _trigger_cue_res() if rx.search(trigger))
