"""Cleaning scraped text while keeping a map back to the original offsets."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class CleanText:
    text: str
    # offsets[i] is the index in the original text of cleaned character i (len = len(text) + 1)
    offsets: list[int]

    def to_original(self, i: int) -> int:
        return self.offsets[min(max(i, 0), len(self.offsets) - 1)]


def clean_text(original: str) -> CleanText:
    """Identity placeholder; the ingest stage drops repeated headlines and other boilerplate."""
    return CleanText(original, list(range(len(original) + 1)))
