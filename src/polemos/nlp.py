"""Splitting articles into sentences cheaply, and parsing only
the sentences that can hold an event (the trigger lexicon decides), in batches.

Why: the parser and NER are most of the cost; news articles have many sentences with no event
(quotes, background), so a cheap lexical filter first makes the whole run faster than parsing all.
"""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from typing import Any

import spacy
from spacy.attrs import IDX, IS_PUNCT, LENGTH, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from polemos.casing import is_all_caps, parser_input, recase  # noqa: F401 - recase, is_all_caps: public here too
from polemos.nlp_model import (  # noqa: F401 - the model's loaders, public here too
    MODEL_PACKAGE,
    AttributeLookup,
    LemmaCache,
    load_nlp,
    load_stock_nlp,
)
from polemos.nlp_split import breakable, split_long


@functools.lru_cache(maxsize=1)
def load_sentencizer() -> Language:
    """A rule-based splitter: no model, fast, good enough to pick candidate sentences. It shares
    the model's vocabulary (the tokenizers are the same), so a word met while splitting is not
    looked up again, at cost, when its sentence is parsed."""
    nlp = spacy.blank("en", vocab=load_nlp().vocab)
    nlp.add_pipe("sentencizer")
    return nlp


# Sentences per nlp.pipe batch: a batch of Extractor.extract_stream's 32 articles holds ~250
# candidates; one batch of them costs ~5 % less CPU than four of 64 (docs/benchmarks.md).
PARSE_BATCH = 256


@dataclass
class Sentence:
    """A sentence of the cleaned text: [start, end) into the cleaned text; `doc` once parsed."""

    start: int
    end: int
    text: str
    doc: Doc | None = None
    candidate: bool = False
    piece: bool = False            # a clause of an over-long sentence cut by nlp_split (not a headline)


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
_DATELINE = re.compile(r"^[A-Z][A-Z .'\u2019-]{2,}(?:,\s*[A-Z][\w .'\u2019-]*?)?"
                       r"\s*(?:\([A-Za-z. ]+\))?\s*[\u2014\u2013-]{1,2}\s+")


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
        for a, b in _sentence_bounds(splitter, block):
            raw = block[a:b]
            s = raw.strip()
            if not s:
                continue
            s_start = start + a + (len(raw) - len(raw.lstrip()))
            m = _DATELINE.match(s)
            if m and m.end() < len(s):
                s, s_start = s[m.end():], s_start + m.end()
            out += _pieces(text, s_start, s)
    return out


def _pieces(text: str, start: int, s: str) -> list[Sentence]:
    """The sentence, or the clause-sized pieces of an over-long one (nlp_split)."""
    spans = split_long(text, start, start + len(s))
    return [Sentence(start=a, end=b, text=text[a:b], piece=len(spans) > 1) for a, b in spans]


def _sentence_bounds(splitter: Language, block: str) -> list[tuple[int, int]]:
    """[start, end) character offsets of the sentences spaCy's sentencizer finds in `block`, each
    as its Span.text would cut it. The same rule (a sentence ends after a token in its punctuation
    list; the next token that is no punctuation starts the next), read from token arrays instead
    of token objects: a third of the splitting time."""
    # same length: offsets hold (nlp_split). The model's own tokenizer, the same rules as the
    # splitter's (tests/test_nlp.py), so that its cache serves the candidates' parse after.
    doc = load_nlp().tokenizer(breakable(block))
    if not len(doc):
        return []
    punct = _punct_hashes(splitter)
    rows = doc.to_array([ORTH, IS_PUNCT, IDX, LENGTH]).tolist()
    starts = [0]
    seen_period = False
    for i, (orth, is_punct, _, _) in enumerate(rows):
        in_chars = orth in punct
        if seen_period and not is_punct and not in_chars:
            starts.append(i)
            seen_period = False
        elif in_chars:
            seen_period = True
    ends = starts[1:] + [len(rows)]
    return [(rows[a][2], rows[b - 1][2] + rows[b - 1][3]) for a, b in zip(starts, ends)]


@functools.lru_cache(maxsize=4)
def _punct_hashes(splitter: Language) -> frozenset[int]:
    sentencizer: Any = splitter.get_pipe("sentencizer")
    return frozenset(splitter.vocab.strings.add(c) for c in sentencizer.punct_chars)


def parse_texts(texts: list[str], is_candidate, batch_size: int = PARSE_BATCH,
                names: re.Pattern[str] | None = None, proper: dict[str, str] | None = None,
                context=None, keep=None) -> list[ParsedText]:
    """Split each text, mark candidate sentences with `is_candidate(sentence_text)` (and, given
    `context(sentence_texts, flags) -> flags`, the sentences the candidates need beside them), and
    run the full pipeline over all candidates of all texts in one batched `nlp.pipe` stream.
    Sentences in capitals only or in title case are parsed in ordinary case (`casing.parser_input`,
    with the known `names`).

    Given `keep(sentences) -> flags` (one article's sentences, the candidates parsed without the
    entity recogniser), only the candidates it keeps get entities; the others are left unparsed.
    Why: the recogniser is over half of the pipeline's cost, and a candidate whose tags and tree
    hold no event word can yield no event (the recogniser comes last and reads no other
    component's output, so a kept sentence's annotations are those of the full pipeline)."""
    results = [ParsedText(text=t, sentences=split_sentences(t)) for t in texts]
    todo = []
    every = os.environ.get("POLEMOS_PARSE_ALL", "") not in ("", "0")   # measure what the filter costs
    for r in results:
        flags = [every or bool(is_candidate(s.text)) for s in r.sentences]
        if context is not None:
            flags = context([s.text for s in r.sentences], flags)
        todo += [s for s, f in zip(r.sentences, flags) if f]
    for s in todo:
        s.candidate = True
    nlp = load_nlp()
    # a line break inside a sentence (hard-wrapped text) is parsed as a space: the same length, so
    # token offsets still index the sentence, and phrases ("destroyed\nby a bomb") stay whole
    flat = [s.text.replace("\n", " ") for s in todo]
    inputs = (parser_input(breakable(t), names, proper) for t in flat)
    staged = keep is not None and not every and nlp.pipe_names[-1:] == ["ner"]
    for sent, doc in zip(todo, nlp.pipe(inputs, batch_size=batch_size, disable=["ner"] if staged else [])):
        sent.doc = doc
    if staged:
        _entities(nlp, results, keep, batch_size)
    return results


def _entities(nlp: Language, results: list[ParsedText], keep, batch_size: int) -> None:
    """The recogniser over the candidates `keep` keeps, in one batched stream; the others unparsed."""
    kept: list[tuple[Sentence, Doc]] = []
    for r in results:
        for s, k in zip(r.sentences, keep(r.sentences)):
            if s.doc is None:
                continue
            if k:
                kept.append((s, s.doc))
            else:
                s.doc, s.candidate = None, False
    others = [name for name in nlp.pipe_names if name != "ner"]
    for (sent, _), doc in zip(kept, nlp.pipe((d for _, d in kept), batch_size=batch_size, disable=others)):
        sent.doc = doc
