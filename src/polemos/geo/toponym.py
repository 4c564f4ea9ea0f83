"""The geocoder's answer for one place name in a text (what the extractor and link.py read)."""
from __future__ import annotations

from dataclasses import dataclass, field

from polemos.models import Place


@dataclass(eq=False)
class Toponym:
    text: str
    start: int                      # into ParsedText.text
    end: int
    place: Place | None = None
    demonym: bool = False           # an adjective naming a country ("Syrian")
    fallback: bool = False          # placed at the division that contains it (name not in index)
    context: bool = False           # admin context of another name ("X (Y, Z)": Y and Z)
    owner: Toponym | None = field(default=None, repr=False)   # "Idlib's X": Idlib
