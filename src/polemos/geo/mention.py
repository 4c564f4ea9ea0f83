"""A place name found in a text, with its gazetteer candidates and what the words around say."""
from __future__ import annotations

from dataclasses import dataclass, field

from polemos.geo.gazetteer import Candidate


@dataclass
class Mention:
    """A place name found in the text; `candidates` are its gazetteer entries (maybe none)."""

    start: int
    end: int
    text: str
    candidates: tuple[Candidate, ...] = ()
    hint: str | None = None             # feature hint from words around it (ADM1, ADM2, PPL...)
    demonym: str | None = None          # ISO-2 country when the word is a demonym ("Syrian")
    owner: "Mention | None" = None      # "Idlib's X": the place X lies in
    ner: str | None = None
    sentence: int = 0
    strong: bool = False                # the text itself says it is a place (NER or cue words)
    group: int = -1                     # mentions listed together ("A, B and C villages")
    extra: dict = field(default_factory=dict)
