"""Placeholder geocoder with the stable interface; the geo stage replaces the internals."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Token

from polemos.models import Place
from polemos.nlp import ParsedText, Sentence


@dataclass
class Toponym:
    text: str
    start: int                      # into ParsedText.text
    end: int
    place: Place | None = None


class Geocoder:
    def __init__(self, index_path: Path | None = None) -> None:
        self.index_path = index_path

    def toponyms(self, parsed: ParsedText) -> list[Toponym]:
        return []

    def event_place(self, parsed: ParsedText, sentence: Sentence, trigger: Token,
                    toponyms: list[Toponym]) -> Place | None:
        return None


@functools.lru_cache(maxsize=4)
def get_geocoder(index_path: str | None = None) -> Geocoder:
    return Geocoder(Path(index_path) if index_path else None)
