"""Geoparsing: find place names, resolve them to GeoNames entries, and place each event.

The contract the extractor relies on (owned by the geo stage; keep it stable):

    geocoder = get_geocoder()                      # cached; default bundled index unless configured
    tops = geocoder.toponyms(parsed)               # parsed: polemos.nlp.ParsedText (cleaned text)
    place = geocoder.event_place(parsed, sentence, trigger_token, tops)   # -> Place | None

`Toponym.start/end` are offsets into `parsed.text` (the cleaned text); the extractor maps them
back to the original text.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from polemos.geo.api import Geocoder, Toponym, get_geocoder

__all__ = ["Geocoder", "Toponym", "get_geocoder"]


def __getattr__(name: str) -> Any:
    # the geocoder loads spaCy (seconds): imported when first asked for, so that the index tools
    # (polemos.geo.build, `polemos gazetteer ...`) start fast
    if name in __all__:
        from polemos.geo import api  # noqa: PLC0415

        return getattr(api, name)
    raise AttributeError(name)
