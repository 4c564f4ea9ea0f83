"""Sectors a noun phrase's modifiers settle over its head, and acronyms a story spells out
(issue 12, fifth pass; docs/actor-chains.md). Read once per phrase or once per document."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from polemos import datafiles

# "the Independent National Electoral Commission (INEC)": an acronym in brackets after a name
_ACRONYM_RE = re.compile(r"\(([A-Z]{2,7})\)")
_LINK_WORDS = datafiles.words("grammar", "acronym_link_words")
_KEY = "polemos_acronyms"


def spelled_acronyms(doc: Doc) -> dict[str, Token]:
    """Acronym -> head token of the name the story spells it out with, once per document:
    "the ruling All Progressives Congress (APC)" lets a later "the APC" be coded as that name."""
    cached = doc.user_data.get(_KEY)
    if cached is not None:
        return cached
    out: dict[str, Token] = {}
    for m in _ACRONYM_RE.finditer(doc.text):
        acr = m.group(1)
        span = doc.char_span(m.start(), m.start() + 1, alignment_mode="expand")
        if span is None or span.start == 0 or acr in out:
            continue
        last = doc[span.start - 1]
        initials: list[str] = []
        i = last.i
        while i >= 0 and len(initials) < len(acr):
            t = doc[i]
            if t.lower_ in _LINK_WORDS and i != last.i:
                i -= 1
                continue
            if not t.text[:1].isupper():
                break
            initials.insert(0, t.text[0])
            i -= 1
        if "".join(initials) == acr:
            out[acr] = last
    doc.user_data[_KEY] = out
    return out


def modifier_over_head(head: Token, head_sector: str | None, agent_nouns: dict[str, str],
                       modifier_sectors: dict[str, str], ambiguous: set[str]) -> str | None:
    """A modifier that says who the head's people are, where the head alone does not:
    "police officers" are police, "army officers" soldiers ("officer" is both); "rebel forces",
    "resistance forces" are rebels; "the opposition government", "the opposition National
    Unity Government" is the opposition (a parallel government, not the state's); "the ruling
    Georgian Dream" is a party. None when no modifier settles it."""
    head_low = head.lemma_.lower()
    low: list[str] = []
    if head_low in ambiguous or head_low in ("force", "forces"):
        low = [c.lemma_.lower() for c in head.children if c.dep_ in ("compound", "amod") and c.i < head.i]
    if head_low in ambiguous:
        found = next((agent_nouns[w] for w in low if w in agent_nouns and agent_nouns[w] != head_sector), None)
        if found is not None:
            return found
    if head_low in ("force", "forces"):
        found = next((modifier_sectors[w] for w in low if modifier_sectors.get(w) not in (None, "UAF", "CVL")),
                     None)
        if found is not None:
            return found
    if head_sector not in ("GOV", "PTY") and head.pos_ != "PROPN":
        return None     # (speed: the rules below are about governments, parties and names)
    before = [t for left in head.lefts for t in left.subtree]
    opposition = any(t.lower_ == "opposition" for t in before) or (
        head.dep_ == "appos" and head.head.lower_ == "opposition")   # "the main opposition X Party"
    if head_sector in ("GOV", "PTY") and opposition:
        return "OPP"
    first = min((t.i for t in before), default=head.i)
    ruling = any(t.lower_ == "ruling" for t in before) or (first > 0 and head.doc[first - 1].lower_ == "ruling")
    if head.pos_ == "PROPN" and ruling and head_sector not in ("MIL", "REB"):
        return "PTY"
    return None
