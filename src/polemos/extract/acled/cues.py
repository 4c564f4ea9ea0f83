"""Which ACLED cues (data/acled/cues.yaml) a text holds: the weapon, the target, who was hurt."""
from __future__ import annotations

import functools
import re

from polemos.extract.triggers import load_data


def _entry_pattern(entry: str) -> str:
    """One cue entry as a regular expression: whole words, a plural allowed, `*` a stem; an
    entry starting with `=` matches only as written (lower-case "march", not the month)."""
    exact = entry.startswith("=")
    stem = entry.endswith("*")
    words = entry.lstrip("=").rstrip("*").split()
    body = r"[\s\-]+".join(re.escape(w).replace(r"\-", r"[\s\-]?") for w in words)
    pat = rf"\b{body}" + (r"\w*" if stem else r"(?:s|es)?\b")
    return pat if exact else f"(?i:{pat})"


@functools.lru_cache(maxsize=1)
def cue_patterns() -> dict[str, re.Pattern[str]]:
    """Each cue name with one compiled pattern (any of its entries)."""
    data = load_data("acled/cues.yaml")["cues"]
    return {name: re.compile("|".join(_entry_pattern(str(e)) for e in entries)) for name, entries in data.items()}


def cues_in(text: str) -> frozenset[str]:
    """The names of the cues that occur in `text`."""
    return frozenset(name for name, pat in cue_patterns().items() if pat.search(text or ""))


@functools.lru_cache(maxsize=1)
def story_cues() -> dict[str, str]:
    """Cues of the whole report: name -> the sentence cue that must occur in the article."""
    return dict(load_data("acled/cues.yaml").get("story_cues") or {})
