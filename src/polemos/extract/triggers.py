"""Which words state an event, of which PLOVER type and mode. The words live in
data/triggers.yaml; this module turns them into (1) a cheap regular expression that picks the
sentences worth parsing and (2) spaCy Matcher patterns run over the parsed sentences."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources

import yaml
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

# Quantity words that stand before the real object: "sent hundreds of troops".
_QUANTITY_HEADS = {"hundred", "hundreds", "dozen", "dozens", "thousand", "thousands", "score", "scores",
                   "number", "group", "convoy", "ton", "tonne", "batch", "shipment", "million", "millions",
                   "some", "more", "several", "lot", "lots", "wave", "team", "column", "contingent", "part",
                   "kg", "tons", "worth"}


def load_data(name: str) -> dict:
    """A YAML file of polemos/data, parsed."""
    return yaml.safe_load(resources.files("polemos.data").joinpath(name).read_text("utf-8"))


@dataclass(frozen=True)
class TriggerEntry:
    index: int
    type: str
    mode: str | None
    objects: frozenset[str] | None
    casualty: bool
    only_conditional: bool
    preps: frozenset[str] | None = None


@dataclass
class Trigger:
    """One event word in a sentence: `token` anchors it (the verb, or the head noun)."""

    token: Token
    start: int                      # token span of the matched words, within the sentence doc
    end: int
    entry: TriggerEntry
    type: str
    mode: str | None
    extra_tokens: list[Token] = field(default_factory=list)

    @property
    def is_noun(self) -> bool:
        return self.token.pos_ in ("NOUN", "PROPN")

    @property
    def text(self) -> str:
        return self.token.doc[self.start:self.end].text


def _stem(word: str) -> str:
    """The part of a lemma every inflected form starts with ("strike" -> "strik")."""
    w = word.lower()
    if w.endswith("e") and len(w) > 4:
        return w[:-1]
    if w.endswith("y") and len(w) > 4 and w[-2] not in "aeiou":
        return w[:-1]
    return w          # short words stay whole ("ally" must not become "all")


def verb_forms(lemma: str) -> set[str]:
    """Regular inflections of a verb ("stage" -> staged, stages, staging), for tokens the
    lemmatizer gets wrong ("staged" -> "stag")."""
    w = lemma.lower()
    out = {w, w + "s", w + "ed", w + "ing"}
    if w.endswith("e"):
        out |= {w + "d", w[:-1] + "ing"}
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        out |= {w[:-1] + "ies", w[:-1] + "ied"}
    if w.endswith(("s", "sh", "ch", "x", "z")):
        out.add(w + "es")
    if len(w) >= 3 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
        out |= {w + w[-1] + "ed", w + w[-1] + "ing"}     # "ban" -> banned, banning
    return out


def object_heads(verb: Token) -> list[Token]:
    """The object of a verb (or the passive subject), looking through "hundreds of X" and
    coordination ("vehicles and troops")."""
    objs = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    for prt in (c for c in verb.children if c.dep_ == "dative"):
        objs.append(prt)
    out: list[Token] = []
    for o in objs:
        stack = [o]
        while stack:
            t = stack.pop()
            out.append(t)
            stack.extend(c for c in t.children if c.dep_ == "conj")
            if t.lemma_.lower() in _QUANTITY_HEADS or t.pos_ == "NUM" or t.lower_ in _QUANTITY_HEADS:
                for p in t.children:
                    if p.dep_ == "prep" and p.lower_ == "of":
                        stack.extend(c for c in p.children if c.dep_ == "pobj")
    return out


class TriggerLexicon:
    """The trigger lexicon, compiled once."""

    def __init__(self, data: dict | None = None) -> None:
        data = data or load_data("triggers.yaml")
        self.light_verbs = set(data.get("light_verbs", []))
        self._light_forms = {f for v in self.light_verbs for f in verb_forms(v)}
        self.occurrence_verbs = set(data.get("occurrence_verbs", []))
        self.toll_nouns = set(data.get("toll_nouns", []))
        self.temporal_preps = set(data.get("temporal_preps", []))
        self.conflict_nouns = set(data.get("conflict_nouns", []))
        self.non_events: dict[str, set[str]] = {k: set(v) for k, v in (data.get("non_events") or {}).items()}
        self.engage_verbs: dict[str, str] = dict(data.get("engage_verbs", {}))
        self.entries: list[TriggerEntry] = []
        self._verb_lemmas: dict[str, list[TriggerEntry]] = {}
        self._verb_forms: dict[str, list[TriggerEntry]] = {}
        self._noun_words: dict[str, list[TriggerEntry]] = {}
        self._patterns: list[tuple[str, list[list[dict]], int]] = []   # (key, patterns, head)
        self.noun_lemmas: set[str] = set()
        self.casualty_lemmas: set[str] = set()
        stems: set[str] = set()
        from polemos.nlp import load_sentencizer

        tok = load_sentencizer().tokenizer
        for i, e in enumerate(data["entries"]):
            entry = TriggerEntry(i, e["type"], e.get("mode"),
                                 frozenset(e["objects"]) if e.get("objects") else None,
                                 bool(e.get("casualty")), bool(e.get("only_conditional")),
                                 frozenset(e["preps"]) if e.get("preps") else None)
            self.entries.append(entry)
            key = f"T{i}"
            single_verbs, single_nouns = [], []
            for v in e.get("verbs", []) or []:
                words = [t.text for t in tok(v)]
                stems.add(_stem(words[0]))
                if entry.casualty:
                    self.casualty_lemmas.add(words[0])
                if len(words) == 1:
                    single_verbs.append(words[0])
                    continue
                pat = [{"LEMMA": words[0], "POS": {"IN": ["VERB"]}}] + [{"LOWER": w.lower()} for w in words[1:]]
                self._patterns.append((key, [pat], 0))
            for n in e.get("nouns", []) or []:
                words = [t.text for t in tok(n)]
                last = words[-1].lower()
                stems.add(_stem(words[0]) if len(words) > 1 else _stem(last))
                if len(words) == 1:
                    self.noun_lemmas.add(last)
                    single_nouns.append(last)
                    continue
                pats = [[{"LOWER": w.lower()} for w in words[:-1]] + [{"LEMMA": last, "POS": {"IN": ["NOUN", "PROPN"]}}],
                        [{"LOWER": w.lower()} for w in words[:-1]] + [{"LOWER": last, "POS": {"IN": ["NOUN", "PROPN"]}}]]
                self._patterns.append((key, pats, len(words) - 1))
            # single words are looked up per token (a dictionary is much faster than matcher
            # predicates); the Matcher handles the multiword phrases
            for v in single_verbs:
                self._verb_lemmas.setdefault(v.lower(), []).append(entry)
                for f in verb_forms(v):
                    self._verb_forms.setdefault(f, []).append(entry)
                    stems.add(f)          # "allied", "shelled" pass the sentence filter
            for n in single_nouns:
                self._noun_words.setdefault(n, []).append(entry)
            for p in e.get("patterns", []) or []:
                self._patterns.append((key, [p], int(e.get("head", 0))))
                for t in p:   # the pattern's lemmas pass the filter
                    val = t.get("LEMMA")
                    for w in (val.get("IN", []) if isinstance(val, dict) else [val] if val else []):
                        if len(str(w)) >= 4:
                            stems.add(_stem(str(w)))
        stems.update(w.lower() for w in data.get("irregular", []))
        self.responsibility = data.get("responsibility", {})
        stems.update(_stem(w) for w in self.responsibility.get("verbs", []))
        stems.add("behind")
        alternation = "|".join(sorted((re.escape(s) for s in stems), key=len, reverse=True))
        self._filter = re.compile(rf"\b(?:{alternation})[a-z]{{0,5}}\b", re.IGNORECASE)
        self._matcher: Matcher | None = None
        self._heads: dict[str, list[int]] = {}

    def is_light(self, tok: Token) -> bool:
        """A light verb ("staged", "carried out"), by lemma or by form."""
        return tok.lemma_.lower() in self.light_verbs or tok.lower_ in self._light_forms

    # ------------------------------------------------------------ the cheap filter
    def is_candidate(self, sentence: str) -> bool:
        """True when the sentence holds a word that may state an event (no parsing needed)."""
        return self._filter.search(sentence) is not None

    # ------------------------------------------------------------ matching parsed sentences
    def _ensure_matcher(self, vocab) -> Matcher:
        if self._matcher is None or self._matcher.vocab is not vocab:
            m = Matcher(vocab)
            self._pat_heads: list[tuple[str, int]] = []
            for n, (key, pats, head) in enumerate(self._patterns):
                pid = f"{key}_{n}"
                m.add(pid, pats)
                self._pat_heads.append((key, head))
            self._matcher = m
        return self._matcher

    def find(self, doc: Doc) -> list[Trigger]:
        """Trigger words of a parsed sentence, one per anchoring token (the longest, most
        specific entry whose conditions hold wins)."""
        m = self._ensure_matcher(doc.vocab)
        by_token: dict[int, list[tuple[int, int, int, TriggerEntry]]] = {}
        for match_id, start, end in m(doc):
            pid = doc.vocab.strings[match_id]
            key, n = pid.split("_")
            head = self._pat_heads[int(n)][1]
            entry = self.entries[int(key[1:])]
            i = end - 1 if head < 0 else min(start + head, end - 1)   # head -1: the last word
            by_token.setdefault(i, []).append((start, end, end - start, entry))
        for tok in doc:
            if tok.pos_ == "VERB":
                found = self._verb_lemmas.get(tok.lemma_.lower()) or self._verb_forms.get(tok.lower_, [])
            elif tok.pos_ in ("NOUN", "PROPN"):
                found = self._noun_words.get(tok.lemma_.lower()) or self._noun_words.get(tok.lower_, [])
            else:
                continue
            for entry in found:
                by_token.setdefault(tok.i, []).append((tok.i, tok.i + 1, 1, entry))
        out: list[Trigger] = []
        covered: set[int] = set()
        for i in sorted(by_token, key=lambda i: -max(c[2] for c in by_token[i])):
            if i in covered:
                continue
            cands = sorted(by_token[i], key=lambda c: (-c[2], c[3].objects is None and c[3].preps is None, c[3].index))
            tok = doc[i]
            for start, end, _, entry in cands:
                if entry.objects is not None and not self._object_ok(tok, entry.objects):
                    continue
                if entry.preps is not None and not any(
                        c.dep_ == "prep" and c.lower_ in entry.preps and
                        not any(p.ent_type_ in ("DATE", "TIME") for p in c.children) for c in tok.children):
                    continue          # "a strike on Monday" names no target
                out.append(Trigger(tok, start, end, entry, entry.type, entry.mode))
                covered.update(range(start, end))
                break
        return sorted(out, key=lambda t: t.token.i)

    @staticmethod
    def _object_ok(verb: Token, allowed: frozenset[str]) -> bool:
        for o in object_heads(verb):
            if o.lemma_.lower() in allowed or o.lower_ in allowed:
                return True
            if any(c.dep_ == "compound" and c.lemma_.lower() in allowed for c in o.children):
                return True
        return False


@functools.lru_cache(maxsize=1)
def default_lexicon() -> TriggerLexicon:
    return TriggerLexicon()
