"""Language identification with langdetect, seeded so the same text always gets the same answer.

Short texts are not judged (langdetect guesses wildly under a few dozen words), and a text is only
called non-English when the detector is confident: a wrong rejection loses an article.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources

from polemos import errors

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


# ------------------------------------------------------------ the verdict every front end asks for
# (hard inputs, issue 18): a non-English article is named with its language and counted, never
# read as "no events". A short text mostly in another script (Arabic, Cyrillic, CJK ...) is judged
# too: its script alone says it is not English.
SHORT_MIN_LETTERS = 20      # a short text is judged by its script from this many letters
OTHER_SCRIPT_SHARE = 0.5    # ... when at least this share of its letters are not Latin


@dataclass(frozen=True)
class LanguageVerdict:
    """What Polemos does with a text: `english` True means it is read (English, mixed with
    English, or too short to judge); `code` is the ISO 639-1 code found (None: undecided)."""

    code: str | None
    english: bool

    @property
    def name(self) -> str:
        return language_name(self.code)

    def notice(self, path: str) -> str:
        """The one-line notice for a skipped article ("ar.txt: Arabic; Polemos reads English only: skipped")."""
        return errors.NOT_ENGLISH_SKIPPED.format(path=path, language=self.name)


@functools.lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    text = resources.files("polemos.data").joinpath("language_names.tsv").read_text("utf-8")
    rows = (ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))
    return {code.strip(): name.strip() for code, name in rows}


def language_name(code: str | None) -> str:
    """"Arabic" for "ar"; the code itself when unknown; "an undetermined language" for None."""
    if code is None:
        return "an undetermined language"
    return _names().get(code, code)


def _other_script_share(text: str) -> tuple[int, float]:
    """(letters, share of them outside the Latin script) in `text`."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0, 0.0
    other = sum(1 for c in letters if ord(c) >= 0x370 and not 0x1E00 <= ord(c) <= 0x1EFF)
    return len(letters), other / len(letters)


def _guess(sample: str) -> str | None:
    """langdetect's first guess, whatever its confidence."""
    from langdetect.lang_detect_exception import LangDetectException  # noqa: PLC0415  (start-up cost: langdetect)

    try:
        det = _factory().create()
        det.append(sample)
        langs = det.get_probabilities()
    except LangDetectException:
        return None
    return langs[0].lang if langs else None


def language_verdict(text: str) -> LanguageVerdict:
    """Whether Polemos reads `text`, and the language found (see LanguageVerdict)."""
    code = detect_language(text)
    if code is None:
        sample = text[:_SAMPLE_CHARS]
        n, share = _other_script_share(sample)
        if n >= SHORT_MIN_LETTERS and share >= OTHER_SCRIPT_SHARE:
            guess = _guess(sample)
            return LanguageVerdict(guess, guess == "en")
        return LanguageVerdict(None, True)
    return LanguageVerdict(code, code == "en")


@dataclass
class LanguageTally:
    """Articles read and skipped as not English in one run, for its summary line."""

    read: int = 0
    skipped: Counter = field(default_factory=Counter)

    def add(self, verdict: LanguageVerdict) -> None:
        if verdict.english:
            self.read += 1
        else:
            self.skipped[verdict.code or "und"] += 1

    def summary(self) -> str | None:
        """"N article(s) read, K skipped as not English (ar 3, tr 2)", or None when none was skipped."""
        if not self.skipped:
            return None
        langs = ", ".join(f"{c} {n}" for c, n in sorted(self.skipped.items(), key=lambda x: (-x[1], x[0])))
        return errors.SKIPPED_NOT_ENGLISH.format(read=self.read, skipped=sum(self.skipped.values()), languages=langs)
