"""One lookup key per place name, so that transliteration variants meet.

"Kafr Nūrān", "Kfar Nouran" and "kafr-nuran" all give "kafr nuran"; "Shaykh ‘Alī" and
"Sheikh Ali" give "shaykh ali"; "Al Atārib" and "Atarib" give "atarib". Both the gazetteer's
names and the words in an article go through `name_key`, so the rules only have to be consistent,
not linguistically exact.
"""
from __future__ import annotations

import functools
import re
import unicodedata

from polemos.datafiles import load_yaml as load_data

_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bb\u02bc\u02bf\u02be`´'ʿʾ]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"([a-z])\1+")


@functools.lru_cache(maxsize=100_000)      # (speed) the same words are folded again and again
def fold(text: str) -> str:
    """Lower case ASCII with diacritics removed (ı and ø handled, which NFKD keeps)."""
    text = text.replace("ı", "i").replace("ø", "o").replace("Ø", "O").replace("ß", "ss")
    text = text.replace("đ", "d").replace("Đ", "D").replace("ł", "l").replace("Ł", "L")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@functools.lru_cache(maxsize=1)
def _variants() -> tuple[frozenset[str], dict[str, str]]:
    """Arabic articles and whole-word spellings (polemos/data/geo/transliteration.yaml)."""
    d = load_data("geo/transliteration.yaml")
    return frozenset(d["articles"]), {str(k): str(v) for k, v in d["word_variants"].items()}


@functools.lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """The lookup key of a place name; '' when the name has no Latin letters."""
    s = _APOSTROPHES.sub("", fold(name))
    s = s.replace("-", " ")
    s = _NON_ALNUM.sub(" ", s)
    words = s.split()
    if not words:
        return ""
    articles, variants = _variants()
    out: list[str] = []
    for w in words:
        if w in articles:
            continue
        w = variants.get(w, w)
        w = w.replace("ou", "u").replace("ee", "i").replace("oo", "u")
        w = _DOUBLE.sub(r"\1", w)
        out.append(w)
    if not out:   # a name that is only an article ("El")
        out = words
    return " ".join(out)


_TA_MARBUTA = re.compile(r"(?<=[a-z]{3})(?:eh|a)$")


def ending_variant(key: str) -> str | None:
    """The same key with the Arabic feminine ending of its last word written "-ah", as GeoNames
    writes it: "latamina" -> "lataminah", "hasakeh" -> "hasakah" (news drop the "h" or write "eh");
    None when the last word has no such ending. Only this way round: "Salah" is no "Sala"."""
    m = _TA_MARBUTA.search(key)
    return key[:m.start()] + "ah" if m is not None else None


def is_latin_name(name: str) -> bool:
    """True when the name is written (mostly) in Latin script: the only names English news uses."""
    letters = [c for c in name if c.isalpha()]
    if not letters:
        return False
    latin = sum(1 for c in letters if ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF)
    return latin / len(letters) > 0.8
