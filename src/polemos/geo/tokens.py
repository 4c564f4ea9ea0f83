"""Splitting a sentence into word tokens and runs of capitalised words (place-name candidates)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from polemos.casing import is_title_case
from polemos.geo.lexicon import country_aliases, geo_words, not_places
from polemos.nlp import Sentence

# a word may start with an ayn mark ("‘Ayishah"); "U.S." is one word
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[‘ʿ`]?[^\W\d_][\w'’‘`ʿʾ\-]*[\w]|[^\W\d_]|\d[\d,.]*|[^\w\s]")
# lower-case words that may sit inside a place name ("Deir ez-Zor", "Newcastle upon Tyne")
CONNECTORS = geo_words("name_connectors")
# "US-led", "Turkey-backed", "Sunni-dominated": an adjective, not a name
ADJ_COMPOUND = re.compile(r"-(led|backed|based|dominated|held|controlled|born|run|allied|funded|"
                          r"supported|made|owned|linked|affiliated|aligned|bound|protected|occupied|"
                          r"administered)$", re.I)
POSSESSIVE = re.compile(r"['’]s$")
_CONTRACTION = re.compile(r"['’](m|d|ll|re|ve|t)$", re.I)
_GLUED_ARTICLE = re.compile(r"^(al|el|ad|an|as|ar|at|az|ash|esh|ez|es|ed|en|er|et|ul|ud|ur|us|ut|uz)[-‐][A-Z]")


@dataclass
class Tok:
    text: str
    start: int
    end: int
    possessive: bool = False

    @property
    def cap(self) -> bool:
        t = self.text.lstrip("‘ʿ`")
        if t[:1].isupper():
            return True
        # "al-Bab", "ad-Dana": an article glued to a capitalised name
        return bool(_GLUED_ARTICLE.match(t))


def as_parsed(sent: Sentence) -> str:
    """The sentence in the case the parser read it: a headline in title case ("Gunmen Kill Five
    in Attack on Village Near Jos") is one long run of capitals, where no place name stands out;
    in sentence case only the names keep theirs (polemos.casing). Same length, same offsets."""
    # (speed) the cheap test first: Doc.text is rebuilt from the tokens on each call
    if sent.doc is not None and is_title_case(sent.text) and len(sent.doc.text) == len(sent.text):
        return sent.doc.text
    return sent.text


def tokens(text: str, offset: int) -> list[Tok]:
    out = []
    for m in _TOKEN.finditer(text):
        t = m.group()
        tok = Tok(t, offset + m.start(), offset + m.end())
        if t[-1] == "s" and len(t) > 2 and POSSESSIVE.search(t):     # (the cheap tests first)
            tok = Tok(t[:-2], tok.start, tok.end - 2, possessive=True)
        out.append(tok)
    return out


def phrases(toks: list[Tok]) -> list[tuple[int, int]]:
    """Runs of capitalised tokens (with name-internal connectors): [i, j) token ranges."""
    out = []
    i = 0
    n = len(toks)
    while i < n:
        if not toks[i].cap or not toks[i].text.lstrip("‘ʿ`")[:1].isalpha():
            i += 1
            continue
        if toks[i].text.lower() in not_places() or is_stop(toks, i) or ADJ_COMPOUND.search(toks[i].text):
            i += 1      # "In Hilla, ...": a capitalised function word starts no name
            continue
        j = i + 1
        while j < n and not toks[j - 1].possessive:
            if toks[j].text.lower() in not_places() or ADJ_COMPOUND.search(toks[j].text):
                break
            if toks[j].cap and toks[j].text.lstrip("‘ʿ`")[:1].isalpha():
                j += 1
            elif (toks[j].text in CONNECTORS and j + 1 < n and toks[j + 1].cap
                  and not toks[j].possessive):
                j += 2
            else:
                break
        out.append((i, j))
        i = j
    return out


def is_stop(toks: list[Tok], i: int) -> bool:
    """A function word ("In", "us"); "US" in capitals amid lower-case words is the country."""
    t = toks[i].text
    if _CONTRACTION.search(t):
        return True          # "I'm", "He'll"
    if t.lower() not in STOP_WORDS:
        return False
    if t.isupper() and t in country_aliases():
        around = [x.text for x in toks[max(0, i - 3):i + 4] if x is not toks[i] and x.text[:1].isalpha()]
        return all(x.isupper() for x in around)      # a headline in capitals: the pronoun
    return True


