"""Language identification with langdetect, seeded so the same text always gets the same answer.

Short texts are not judged (langdetect guesses wildly under a few dozen words), and a text is only
called non-English when the detector is confident: a wrong rejection loses an article.
"""
from __future__ import annotations

import functools
import re

MIN_LETTERS = 120          # below this many letters, no decision
MIN_CONFIDENCE = 0.80      # a non-English verdict needs this probability
_SAMPLE_CHARS = 3000       # the start of the text says enough and keeps this fast


@functools.lru_cache(maxsize=1)
def _factory():
    from langdetect import DetectorFactory, detector_factory

    DetectorFactory.seed = 0             # langdetect is random otherwise
    detector_factory.init_factory()      # loads the language profiles once
    return detector_factory._factory


def detect_language(text: str) -> str | None:
    """ISO 639-1 code ("en"), or None when the text is too short to judge."""
    sample = text[:_SAMPLE_CHARS]
    if len(re.findall(r"[^\W\d_]", sample)) < MIN_LETTERS:
        return None
    from langdetect.lang_detect_exception import LangDetectException

    factory = _factory()
    try:
        det = factory.create()
        det.append(sample)
        langs = det.get_probabilities()
    except LangDetectException:
        return None
    if not langs:
        return None
    top = langs[0]
    if top.lang != "en" and top.prob < MIN_CONFIDENCE:
        return "en" if any(l.lang == "en" for l in langs) else None
    return top.lang
