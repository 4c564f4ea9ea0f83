"""Which words state an event, of which PLOVER type and mode. The words live in
data/triggers.yaml; this module turns them into (1) a cheap regular expression that picks the
sentences worth parsing and (2) spaCy Matcher patterns run over the parsed sentences."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any, cast

import spacy
from spacy.attrs import LEMMA, LOWER, POS
from spacy.matcher import Matcher
from spacy.symbols import NOUN, PROPN, VERB
from spacy.tokens import Doc, Token

from polemos import datafiles
from polemos.extract.trigger_gates import Gates, Requirement
from polemos.extract.word_forms import noun_forms, verb_forms, words_of

# Quantity words that stand before the real object: "sent hundreds of troops".
QUANTITY_HEADS = datafiles.words("function_words", "quantity_heads")
_FORCE_COUNT_HEADS = datafiles.words("word_sets", "force_count_heads")


def load_data(name: str) -> dict:
    """A YAML file of polemos/data, parsed (once: polemos.datafiles)."""
    return datafiles.load_yaml(name)


@dataclass(frozen=True)
class TriggerEntry:
    index: int
    type: str
    mode: str | None
    objects: frozenset[str] | None
    casualty: bool
    only_conditional: bool
    preps: frozenset[str] | None = None
    subjects: frozenset[str] | None = None
    not_content: frozenset[str] | None = None


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


_NAME = re.compile(r"[\w,;:] [A-Z][a-z]")      # a capitalised word inside the sentence


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
            if t.lemma_.lower() in QUANTITY_HEADS or t.pos_ == "NUM" or t.lower_ in QUANTITY_HEADS:
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
        self.span_nouns = set(data.get("span_nouns", []))
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
        tok = spacy.blank("en").tokenizer      # the model's tokenizer, without loading the model
        # irregular forms the small model leaves unlemmatised ("retook" stays "retook")
        self._irregular: dict[str, set[str]] = {}
        for form, lemma in (data.get("irregular") or {}).items():
            self._irregular.setdefault(str(lemma).lower(), set()).add(str(form).lower())
        for i, e in enumerate(data["entries"]):
            self._add_entry(i, e, tok)
        self.responsibility = data.get("responsibility", {})
        self._gates = Gates(data)
        self._refers_back = frozenset(w.lower() for w in data.get("refers_back", []))
        self._person_titles = frozenset(f for w in data.get("person_titles", []) for f in noun_forms(w))
        self._context_window = int(data.get("context_window", 0))
        self._index_phrases()
        self._matcher: Matcher | None = None
        self._heads: dict[str, list[int]] = {}
        self._by_ids: dict[tuple[bool, int, int], list[TriggerEntry]] = {}

    def _add_entry(self, i: int, e: dict, tok: Any) -> None:
        """One entry of triggers.yaml: single words go to the per-token dictionaries, phrases and
        patterns to the Matcher."""
        entry = TriggerEntry(i, e["type"], e.get("mode"),
                             frozenset(e["objects"]) if e.get("objects") else None,
                             bool(e.get("casualty")), bool(e.get("only_conditional")),
                             frozenset(e["preps"]) if e.get("preps") else None,
                             frozenset(e["subjects"]) if e.get("subjects") else None,
                             frozenset(e["not_content"]) if e.get("not_content") else None)
        self.entries.append(entry)
        key = f"T{i}"
        single_verbs, single_nouns = [], []
        for v in e.get("verbs", []) or []:
            words = [t.text for t in tok(v)]
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
            if len(words) == 1:
                self.noun_lemmas.add(last)
                single_nouns.append(last)
                continue
            lead = [{"LOWER": w.lower()} for w in words[:-1]]
            pats = [lead + [{"LEMMA": last, "POS": {"IN": ["NOUN", "PROPN"]}}],
                    lead + [{"LOWER": last, "POS": {"IN": ["NOUN", "PROPN"]}}]]
            self._patterns.append((key, pats, len(words) - 1))
        # single words are looked up per token (a dictionary is much faster than matcher
        # predicates); the Matcher handles the multiword phrases
        for v in single_verbs:
            self._verb_lemmas.setdefault(v.lower(), []).append(entry)
            for f in verb_forms(v) | self._irregular.get(v.lower(), set()):
                self._verb_forms.setdefault(f, []).append(entry)
        for n in single_nouns:
            self._noun_words.setdefault(n, []).append(entry)
        for p in e.get("patterns", []) or []:
            self._patterns.append((key, [p], int(e.get("head", 0))))

    def _index_phrases(self) -> None:
        """The words each phrase entry needs, so a sentence runs only the Matchers it can match."""
        # one set of alternatives per required token
        self._phrase_reqs: list[Requirement] = []
        self._phrase_first: dict[str, list[int]] = {}
        for n, (_, pats, _) in enumerate(self._patterns):
            per_pat = [[alts for t in pat if t.get("OP") not in ("?", "*", "!")
                        for alts in [self._gates.token_forms(t)] if alts] for pat in pats]
            # alternatives of one entry (the noun phrase by lemma or by form) share their words
            req = tuple(frozenset().union(*alts) for alts in zip(*per_pat)) if len(per_pat) > 1 else \
                tuple(frozenset(a) for a in per_pat[0])
            self._phrase_reqs.append(req)
            for w in req[0] if req else {""}:        # "": a pattern of no particular word, always run
                self._phrase_first.setdefault(w, []).append(n)

    def is_light(self, tok: Token) -> bool:
        """A light verb ("staged", "carried out"), by lemma or by form."""
        return tok.lemma_.lower() in self.light_verbs or tok.lower_ in self._light_forms

    # ------------------------------------------------------------ the cheap filter
    def is_candidate(self, sentence: str) -> bool:
        """True when some entry could match in the sentence (no parsing needed): see `Gates` (trigger_gates.py)."""
        return self._gates.passes(sentence)

    def with_context(self, sentences: list[str], flags: list[bool], any_name: bool = False) -> list[bool]:
        """`flags` (the candidates among an article's sentences, in order) plus the sentences a
        candidate refers back to: "the minister said" names the minister named before, so the
        sentences just before it that name someone by title (`any_name`: or without) are parsed too."""
        out = list(flags)
        for i, sent in enumerate(sentences):
            if not flags[i] or self._refers_back.isdisjoint(words_of(sent)):
                continue
            for j in range(max(0, i - self._context_window), i):
                if not out[j] and (any_name or not self._person_titles.isdisjoint(words_of(sentences[j]))) \
                        and _NAME.search(sentences[j]):
                    out[j] = True
        return out

    def candidate_keys(self, sentence: str) -> set[str]:
        """The entries (by lemma or phrase) that could match in the sentence, weak ones included."""
        order = words_of(sentence)
        return self._gates.keys(set(order), order)

    # ------------------------------------------------------------ matching parsed sentences
    def _ensure_matchers(self, vocab) -> list[Matcher]:
        """One Matcher per phrase entry: a sentence runs only those whose words it holds (a
        Matcher's cost grows with its patterns; most sentences hold none of the phrases)."""
        if self._matcher is None or cast(Any, self._matcher).vocab is not vocab:   # (untyped in spaCy)
            self._matchers = []
            self._pat_heads: list[tuple[str, int]] = []
            for n, (key, pats, head) in enumerate(self._patterns):
                m = Matcher(vocab)
                m.add(f"{key}_{n}", pats)
                self._matchers.append(m)
                self._pat_heads.append((key, head))
            self._matcher = self._matchers[0] if self._matchers else Matcher(vocab)
        return self._matchers

    def _phrases_in(self, words: set[str]) -> list[int]:
        """The phrase entries (indexes into _patterns) whose every required word is in `words`."""
        out = set(self._phrase_first.get("", ()))
        for w in words:
            for n in self._phrase_first.get(w, ()):
                if n not in out and all(not alts.isdisjoint(words) for alts in self._phrase_reqs[n][1:]):
                    out.add(n)
        return sorted(out)

    def find(self, doc: Doc) -> list[Trigger]:
        """Trigger words of a parsed sentence, one per anchoring token (the longest, most
        specific entry whose conditions hold wins)."""
        matchers = self._ensure_matchers(doc.vocab)
        by_token: dict[int, list[tuple[int, int, int, TriggerEntry]]] = {}
        matches = [mt for n in self._phrases_in(set(words_of(doc.text))) for mt in matchers[n](doc)]
        for match_id, start, end in sorted(matches, key=lambda mt: (mt[1], mt[2])):
            pid = doc.vocab.strings[match_id]
            key, n = pid.split("_")
            head = self._pat_heads[int(n)][1]
            entry = self.entries[int(key[1:])]
            i = end - 1 if head < 0 else min(start + head, end - 1)   # head -1: the last word
            by_token.setdefault(i, []).append((start, end, end - start, entry))
        for i, (pos, lemma, lower) in enumerate(doc.to_array([POS, LEMMA, LOWER]).tolist()):
            if pos != VERB and pos != NOUN and pos != PROPN:
                continue
            found = self._single_words(pos == VERB, lemma, lower, doc)
            for entry in found:
                by_token.setdefault(i, []).append((i, i + 1, 1, entry))
        out: list[Trigger] = []
        covered: set[int] = set()
        for i in sorted(by_token, key=lambda i: -max(c[2] for c in by_token[i])):
            if i in covered:
                continue
            cands = sorted(by_token[i], key=lambda c: (-c[2], c[3].objects is None and c[3].preps is None
                                                       and c[3].subjects is None, c[3].index))
            tok = doc[i]
            for start, end, _, entry in cands:
                if entry.objects is not None and not self._object_ok(tok, entry.objects):
                    continue
                if entry.subjects is not None and not self._subject_ok(tok, entry.subjects):
                    continue
                if entry.not_content is not None and end - start > 1 and any(
                        e.type in entry.not_content for e in self.verb_entries(doc[end - 1])):
                    continue          # "ordered police to arrest them": the arrest is the event
                # the phrase may hang on the verb whose object the noun is ("opened a hearing into X");
                # not where the phrase tells the word's sense ("staged a strike against the reform")
                after = [c for c in tok.head.children if c.i > tok.i] \
                    if tok.dep_ in ("dobj", "obj") and entry.type != "ASSAULT" else []
                # or mark the clause the noun governs ("a call for the army to withdraw")
                after += [m for c in tok.children if c.dep_ in ("acl", "advcl") for m in c.children if m.dep_ == "mark"]
                if entry.preps is not None and not any(
                        c.dep_ in ("prep", "mark") and c.lower_ in entry.preps and
                        not any(p.ent_type_ in ("DATE", "TIME") for p in c.children) for c in [*tok.children, *after]):
                    continue          # "a strike on Monday" names no target
                out.append(Trigger(tok, start, end, entry, entry.type, entry.mode))
                covered.update(range(start, end))
                break
        return sorted(out, key=lambda t: t.token.i)

    def _single_words(self, verb: bool, lemma: int, lower: int, doc: Doc) -> list[TriggerEntry]:
        """The single-word entries of a verb or noun, by its lemma and lower-case form (the ids of
        the sentence's arrays: speed). Remembered per (kind, lemma, form): the entries never change."""
        key = (verb, lemma, lower)
        found = self._by_ids.get(key)
        if found is None:
            strings = doc.vocab.strings
            if verb:
                found = self._verb_lemmas.get(strings[lemma].lower()) or self._verb_forms.get(strings[lower], [])
            else:
                found = self._noun_words.get(strings[lemma].lower()) or self._noun_words.get(strings[lower], [])
            if len(self._by_ids) > 200_000:
                self._by_ids.clear()
            self._by_ids[key] = found
        return found

    def verb_entries(self, tok: Token) -> list[TriggerEntry]:
        """The single-verb entries a verb matches, their conditions checked ("suspend publication"
        is censorship): for a verb inside a phrase that another entry took."""
        found = self._verb_lemmas.get(tok.lemma_.lower()) or self._verb_forms.get(tok.lower_, [])
        return [e for e in found if (e.objects is None or self._object_ok(tok, e.objects))
                and (e.subjects is None or self._subject_ok(tok, e.subjects))
                and (e.preps is None or any(c.dep_ == "prep" and c.lower_ in e.preps for c in tok.children))]

    @staticmethod
    def _subject_ok(verb: Token, allowed: frozenset[str]) -> bool:
        """The verb's subject (or that of the verb it is coordinated with) is one of `allowed`, by
        its head or a modifier: "peacekeeping troops arrived", "hundreds of soldiers arrived"."""
        if verb.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("dobj", "obj"):
            verb = verb.head      # "police launched raids": the subject of the verb carrying the noun
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subj and verb.dep_ in ("conj", "xcomp"):
            subj = [c for c in verb.head.children if c.dep_ == "nsubj"]
        stack = list(subj)
        while stack:
            t = stack.pop()
            if t.lemma_.lower() in allowed or t.lower_ in allowed or any(
                    c.dep_ in ("compound", "amod") and (c.lemma_.lower() in allowed or c.lower_ in allowed)
                    for c in t.children):
                return True
            stack.extend(c for c in t.children if c.dep_ == "conj")
            if t.lemma_.lower() in _FORCE_COUNT_HEADS or t.pos_ == "NUM":
                stack.extend(g for p in t.children if p.dep_ == "prep" and p.lower_ == "of"
                             for g in p.children if g.dep_ == "pobj")
        return False

    @staticmethod
    def _object_ok(verb: Token, allowed: frozenset[str]) -> bool:
        for o in object_heads(verb):
            if o.lower_ in ("which", "that", "who") and verb.dep_ == "relcl":
                o = verb.head     # "the bomb, which was placed at the gate": the noun it stands for
            if o.lemma_.lower() in allowed or o.lower_ in allowed:
                return True
            if any(c.dep_ == "compound" and c.lemma_.lower() in allowed for c in o.children):
                return True
        return False


@functools.lru_cache(maxsize=1)
def default_lexicon() -> TriggerLexicon:
    return TriggerLexicon()
