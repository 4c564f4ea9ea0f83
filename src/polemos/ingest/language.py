"""Language identification with langdetect, seeded so the same text always gets the same answer.

Short texts are not judged (langdetect guesses wildly under a few dozen words), and a text is only
called non-English when the detector is confident: a wrong rejection loses an article.
"""
from __future__ import annotations

import functools
import re
from importlib import resources

MIN_LETTERS = 120          # below this many letters, no decision
MIN_CONFIDENCE = 0.80      # a non-English verdict needs this probability
_SAMPLE_CHARS = 3000       # the start of the text says enough and keeps this fast
# Share of words from data/english_function_words.txt above which a text is English without
# asking langdetect (about 7% of batch CPU): English news runs at 0.2-0.3, other Latin-script
# languages near 0.
ENGLISH_SHARE = 0.15


@functools.lru_cache(maxsize=1)
def _factory():
    from langdetect import DetectorFactory, detector_factory  # noqa: PLC0415  (start-up cost: langdetect)

    DetectorFactory.seed = 0             # langdetect is random otherwise
    detector_factory.init_factory()      # loads the language profiles once
    return detector_factory._factory


@functools.lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:

    lines = resources.files("polemos.data").joinpath("english_function_words.txt").read_text("utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def english_share(text: str) -> float:
    """The share of `text`'s words that are common English function words."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if not words:
        return 0.0
    fw = _function_words()
    return sum(w in fw for w in words) / len(words)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code ("en"), or None when the text is too short to judge."""
    sample = text[:_SAMPLE_CHARS]
    if len(re.findall(r"[^\W\d_]", sample)) < MIN_LETTERS:
        return None
    if english_share(sample) >= ENGLISH_SHARE:
        return "en"
    from langdetect.lang_detect_exception import LangDetectException  # noqa: PLC0415  (start-up cost: langdetect)

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
        return "en" if any(lang.lang == "en" for lang in langs) else None
    return top.lang
