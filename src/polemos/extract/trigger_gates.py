"""The sentence filter of the trigger lexicon (`Gates`): which sentences are worth parsing,
judged on their lower-case words, from the same data as the matcher."""
from __future__ import annotations

import re

from polemos import datafiles
from polemos.extract.word_forms import noun_forms, verb_forms, words_of

Requirement = tuple[frozenset[str], ...]
Gate = tuple[str, Requirement, Requirement]     # (key, words anywhere, words in a row)


class Gates:
    """The sentence filter, from the same data as the matcher: each word form of an entry opens a
    gate when the entry's other conditions can hold too (the phrase's other words; one of its
    `objects`; one of its `preps`), judged on the sentence's lower-case words alone. A sentence
    with no open gate cannot yield an event and is not parsed. Besides trigger words: demands
    stated with "must" under a verb of saying, and claims of responsibility (they name the
    perpetrator of an earlier attack). Weak trigger words (`weak_triggers`), whose usual sense in
    general news is another word, open their gate only in the form that makes them the event
    word: inflected as a verb ("backed", not the adverb "back"), or in lower case ("a march", not
    the month "March"). A phrase of several words ("give in", "call on", "military operation")
    opens its gate only with its words in a row, as the matcher matches them (adjacent tokens):
    "gave" and "in" apart in a sentence cannot match "give in"."""

    def __init__(self, data: dict) -> None:
        irregular = {str(k).lower(): str(v).lower() for k, v in (data.get("irregular") or {}).items()}
        self._irregular: dict[str, set[str]] = {}
        for form, lemma in irregular.items():
            self._irregular.setdefault(lemma, set()).add(form)
        self.weak: dict[str, str] = {str(k).lower(): v for k, v in (data.get("weak_triggers") or {}).items()}
        self._lowercase: dict[str, set[str]] = {}      # weak keys that must be written in lower case
        self._gates: dict[str, list[Gate]] = {}
        status = datafiles.load_yaml("status.yaml")
        conditions = {w for m in status.get("condition_marks", []) for w in words_of(m)}
        for i, e in enumerate(data["entries"]):
            extra: list[set[str]] = []
            if e.get("objects"):
                extra.append({f for o in e["objects"] for w in words_of(str(o)) for f in self._nforms(w)})
            if e.get("preps"):
                extra.append({w for p in e["preps"] for w in words_of(str(p))})
            if e.get("subjects"):
                extra.append({f for o in e["subjects"] for w in words_of(str(o)) for f in self._nforms(w)})
            if e.get("only_conditional"):     # "would take measures if ...": no condition, no event
                extra.append(conditions)
            for v in e.get("verbs") or []:
                ws = words_of(v)
                self._add(self._vforms(ws[0]), ws[0] if len(ws) == 1 else v.lower(), [{w} for w in ws[1:]] + extra,
                          [self._vforms(ws[0]), *({w} for w in ws[1:])])
            for n in e.get("nouns") or []:
                ws = words_of(n)
                self._add(self._nforms(ws[-1]), ws[-1] if len(ws) == 1 else n.lower(), [{w} for w in ws[:-1]] + extra,
                          [*({w} for w in ws[:-1]), self._nforms(ws[-1])])
            for p in e.get("patterns") or []:
                sets = [alts for t in p if t.get("OP") not in ("?", "*", "!") for alts in [self.token_forms(t)] if alts]
                if sets:
                    self._add(sets[0], f"pattern {i}", sets[1:] + extra)
        # "Russia said Sudan must return the helicopter": a demand (groups.EventGrouping._obligations)
        saying = {f for v in [*status.get("speech_verbs", []), "declare", "conclude", "insist", "demand"]
                  for f in self._vforms(v)}
        self._add(set(status.get("obligation_modals", [])), "obligation", [saying])
        # claims of responsibility (claims.Claims._claims)
        resp = data.get("responsibility", {})
        objects = {f for o in resp.get("objects", []) for w in words_of(o) for f in self._nforms(w)}
        attackers = {f for o in resp.get("attacker_nouns", []) for w in words_of(o) for f in self._nforms(w)}
        for v in resp.get("verbs", []):
            self._add(self._vforms(v), "claim", [objects])
        for v in resp.get("blame_verbs", []):
            self._add(self._vforms(v), "claim", [{"for", "on"}, objects])
        for v in resp.get("take_verbs", []):        # "took responsibility for the attack"
            self._add(self._vforms(v), "claim", [{"responsibility"}])
        groups = {f for o in resp.get("group_attacker_nouns", []) for w in words_of(o) for f in self._nforms(w)}
        for n in resp.get("member_nouns", []):      # "the shooter was a member of Hamas"
            self._add(self._nforms(n), "claim", [{"of"}, attackers | groups])
        for v, preps in (resp.get("affiliation_verbs") or {}).items():   # "militants belonging to X"
            self._add(self._vforms(v), "claim", [set(preps), attackers | groups])
        for w in resp.get("responsible_words", []):
            self._add({w}, "claim", [{"for"}, objects])
        for v in resp.get("suspect_verbs", []):     # "the Islamic State is suspected"
            self._add(self._participles(v), "claim", [])
        for v in resp.get("identify_verbs", []):    # "the gunman, identified as X"
            self._add(self._participles(v), "claim", [{"as"}, attackers])
        self._add({"behind"}, "claim", [objects])

    def _vforms(self, lemma: str) -> set[str]:
        return verb_forms(lemma) | self._irregular.get(lemma.lower(), set())

    def _participles(self, lemma: str) -> set[str]:
        return {f for f in verb_forms(lemma) if f.endswith("ed")} | self._irregular.get(lemma.lower(), set())

    def _nforms(self, noun: str) -> set[str]:
        return noun_forms(noun) | self._irregular.get(noun.lower(), set())

    def token_forms(self, t: dict) -> set[str]:
        """The words a Matcher token pattern can match (empty: it constrains no word)."""
        out: set[str] = set()
        for attr in ("LEMMA", "LOWER"):
            val = t.get(attr)
            for w in (val.get("IN", []) if isinstance(val, dict) else [val] if val else []):
                ws = words_of(str(w))
                if not ws:
                    continue
                out |= (self._vforms(ws[0]) | self._nforms(ws[0])) if attr == "LEMMA" and len(ws) == 1 else set(ws)
        return out

    def _add(self, forms: set[str], key: str, reqs: list[set[str]], row: list[set[str]] | None = None) -> None:
        req: Requirement = tuple(frozenset(r) for r in reqs if r)
        seq: Requirement = tuple(frozenset(r) for r in row) if row and len(row) > 1 else ()
        how = self.weak.get(key)
        if how == "inflected":      # the bare form (and its -s) is another word: "back", "press"
            forms = {f for f in forms if f not in (key, key + "s", key + "es")}
        elif how == "lowercase":
            self._lowercase.setdefault(key, set()).update(forms)
        for f in forms:
            self._gates.setdefault(f, []).append((key, req, seq))

    def keys(self, words: set[str], in_order: list[str] | None = None) -> set[str]:
        """The keys whose gates the words open; given the words `in_order`, a phrase's gate only
        with its words in a row."""
        out: set[str] = set()
        for w in words:
            for key, req, seq in self._gates.get(w, ()):
                if key not in out and all(not r.isdisjoint(words) for r in req) and (
                        not seq or in_order is None or _in_a_row(seq, in_order)):
                    out.add(key)
        return out

    def passes(self, sentence: str) -> bool:
        order = words_of(sentence)
        keys = self.keys(set(order), order)
        if not keys <= self._lowercase.keys():
            return True
        return any(self._lowercase_use(sentence, k) for k in keys)

    def _lowercase_use(self, sentence: str, key: str) -> bool:
        """The word written in lower case, or first in the sentence, or in a sentence in capitals
        or title case (a headline): capitalised inside ordinary text it names something else."""
        words = re.findall(r"[A-Za-z]+", sentence)
        forms = self._lowercase[key]
        if any(w in forms for w in words) or (words and words[0].lower() in forms):
            return True
        return sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _in_a_row(seq: Requirement, words: list[str]) -> bool:
    """Some word of seq[0] followed at once by one of seq[1], and so on."""
    n = len(seq)
    return any(all(words[i + k] in seq[k] for k in range(n)) for i in range(len(words) - n + 1)
               if words[i] in seq[0])
