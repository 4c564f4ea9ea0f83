"""Casualty and other counts in one parsed sentence: killed, injured, displaced, arrested.

Contract: extract_counts(sentence_doc, trigger_token) -> dict with keys among
"killed", "injured", "displaced", "arrested" mapping to polemos.models.Count.

How: find every quantity (digits, number words, vague words like "dozens", with modifiers like
"at least"), then tie it to a count word through the dependency tree: the object or passive
subject of "kill", the subject of "die"/"flee", "17 dead", "the death toll rose to 26". A number
that the tree does not tie to such a word is not a count (dates, ages, "hundreds of vehicles").
Conjoined victim groups are summed ("seven soldiers and one contractor" = 8); subsets ("including
five children") are not. The word lists live in data/numbers.yaml and data/casualty_terms.yaml.
A count read from a rising toll carries `revised=True` (an extra field of Count): it supersedes
earlier figures for the same event.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from polemos import datafiles
from polemos.models import Count

_AGE_PHRASES = datafiles.word_list("function_words", "age_phrases")
_CASUALTY_TERM_PARTS = datafiles.word_list("grammar", "casualty_term_parts")
_COUNT_MODIFIER_DEPS = datafiles.word_list("grammar", "count_modifier_deps")
_DESCRIBING_DEPS = datafiles.word_list("grammar", "describing_deps")
_NOT_NUMBER_WORDS = datafiles.word_list("function_words", "not_number_words")
_NOUN_TEXT_SKIP_DEPS = datafiles.word_list("grammar", "noun_text_skip_deps")
_NUMBER_MULTIPLIERS = datafiles.word_list("function_words", "number_multipliers")
_POSSESSIVE_DETERMINERS = datafiles.words("function_words", "possessive_determiners")
_QUANTITY_MODIFIER_DEPS = datafiles.word_list("grammar", "quantity_modifier_deps")
_QUANTITY_POS = datafiles.word_list("grammar", "quantity_pos")
_VICTIM_TEXT_SKIP_DEPS = datafiles.word_list("grammar", "victim_text_skip_deps")

KINDS = datafiles.word_list("ontology", "count_kinds")
# Entity types of numbers that are never counts of people.
_NOT_COUNT_ENTS = datafiles.words("grammar", "not_count_entities")
_SUBSET_PREPS = {"including", "excluding"}   # "12 people, including 5 children"
_RANGE_WORDS = datafiles.words("function_words", "range_words")
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+(\.\d+)?$")


def _load(name: str) -> dict:
    return datafiles.load_yaml(name)


@functools.lru_cache(maxsize=1)
def number_rules() -> dict:
    return _load("numbers.yaml")


@functools.lru_cache(maxsize=1)
def casualty_terms() -> dict:
    return _load("casualty_terms.yaml")


@functools.lru_cache(maxsize=None)
def _words(name: str) -> frozenset[str]:
    """A word list of casualty_terms.yaml as a set (not_people, person_nouns)."""
    return frozenset(casualty_terms()[name])


# ---------------------------------------------------------------- numbers


def words_to_number(words: list[str]) -> int | None:
    """["two", "hundred"] -> 200, ["1.5", "million"] -> 1500000, ["a", "dozen"] -> 12."""
    rules = number_rules()
    units, mults = rules["units"], rules["multipliers"]
    total, current, seen = 0.0, 0.0, False
    for raw in words:
        w = raw.lower().strip()
        if w in ("and", "-", ""):
            continue
        parts = w.split("-") if "-" in w and not _DIGITS.match(w) else [w]   # "twenty-five"
        for p in parts:
            if _DIGITS.match(p):
                current += float(p.replace(",", ""))
            elif p in ("dozen", "score"):
                current = (current or 1) * units[p]
            elif p in units:
                current += units[p]
            elif p in mults:
                current = (current or 1) * mults[p]
                if mults[p] >= 1000:
                    total, current = total + current, 0.0
            else:
                return None
            seen = True
    return int(round(total + current)) if seen else None


def writes_number(text: str | None) -> bool:
    """The words write a number ("73 people", "seven soldiers"), not only a vague one ("dozens")."""
    units, mults = number_rules()["units"], number_rules()["multipliers"]
    for w in re.findall(r"[\w,.+-]+", (text or "").lower()):
        w = w.strip(",.+")
        if _DIGITS.match(w) or (w not in _NOT_NUMBER_WORDS
                                and all(p in units or p in mults for p in w.split("-"))):
            return True
    return False


@dataclass
class Quantity:
    tokens: list[Token]              # the number words, with their modifiers
    low: int | None
    best: int | None
    high: int | None
    root: Token                      # the phrase's syntactic head (the noun for "17 people")
    noun: Token | None               # the counted noun, if any

    @property
    def start(self) -> int:
        return self.tokens[0].i

    @property
    def end(self) -> int:
        return self.tokens[-1].i + 1


def _is_numberish(tok: Token) -> bool:
    low = tok.lower_
    rules = number_rules()
    if _DIGITS.match(low):
        return True
    parts = low.split("-")
    return all(p in rules["units"] or p in rules["multipliers"] for p in parts) and low not in ("a", "an", "m")


def _match_before(doc: Doc, i: int, phrases: dict) -> tuple[str, int] | None:
    """The longest phrase of `phrases` that ends right before token i: (phrase, its start)."""
    best = None
    # quoted modifiers count too: '"at least" six'
    j = i
    while j > 0 and doc[j - 1].is_quote:
        j -= 1
    for n in (4, 3, 2, 1):
        if j - n < 0:
            continue
        toks = [t for t in doc[max(j - n - 2, 0):j] if not t.is_quote][-n:]
        if len(toks) < n:
            continue
        text = " ".join(t.lower_ for t in toks)
        if text in phrases:
            best = (text, toks[0].i - (doc[0].i if len(doc) else 0))
            break
    return best


@functools.lru_cache(maxsize=1)
def _vague_first_words() -> frozenset[str]:
    return frozenset(str(k).split()[0] for k in number_rules()["vague"])


def _vague_at(doc: Doc, i: int) -> tuple[int, int] | None:
    """A vague quantity starting at token i: (value, end index)."""
    if doc[i].lower_ not in _vague_first_words():    # called on every token: most start none
        return None
    vague = number_rules()["vague"]
    for n in (4, 3, 2, 1):
        if i + n > len(doc):
            continue
        text = " ".join(t.lower_ for t in doc[i:i + n])
        if text in vague:
            return int(vague[text]), i + n
    return None


def find_quantities(doc: Doc | Span) -> list[Quantity]:
    """Every number-like phrase of the sentence with its low/best/high, before any linking."""
    rules = number_rules()
    out: list[Quantity] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if _not_a_count(doc, i) or (tok.lower_ == "both" and any(t.lower_ == "and" for t in doc[i + 1:i + 7])):
            i += 1                       # "both soldiers and civilians": a pair of groups, not 2
            continue
        value: int | None = None
        end = i
        vague = _vague_at(doc, i)
        exact = True
        if vague:
            value, end = vague
            exact = False
        elif _is_numberish(tok) or (tok.lower_ in ("a", "an") and i + 1 < len(doc)
                                     and doc[i + 1].lower_ in _NUMBER_MULTIPLIERS):
            j = i
            while j < len(doc) and (_is_numberish(doc[j]) or doc[j].lower_ in ("a", "an") and j == i
                                    or (doc[j].lower_ == "and" and j + 1 < len(doc) and _is_numberish(doc[j + 1])
                                        and j > i and doc[j - 1].lower_ in ("hundred", "thousand"))
                                    or _split_compound(doc, j, i)):
                j += 1
            value = words_to_number([t.text for t in doc[i:j]])
            end = j
        if value is None or end <= i:
            i += 1
            continue
        plus = exact and end < len(doc) and doc[end].text == "+" and end > i
        if plus:
            end += 1                     # "43+ people": at least 43
        words = doc[i:end]
        # Years and clock times read as plain numbers are not counts.
        if len(words) == 1 and words[0].like_num and words[0].text.isdigit() and 1900 <= value <= 2100:
            i = end
            continue
        start = i
        low: int | None = value
        best: int | None = value
        high: int | None = None if not exact else value
        mod = _match_before(doc, start, rules["modifiers"])
        if mod:
            kind = rules["modifiers"][mod[0]]
            start = mod[1]
            if kind == "lower_incl":
                low, best, high = value, value, None
            elif kind == "lower_excl":
                low, best, high = value + 1, value + 1, None
            elif kind == "upper_incl":
                low, best, high = None, value, value
            elif kind == "upper_excl":
                low, best, high = None, value - 1, value - 1
            else:
                low, best, high = None, value, None
        if plus:
            low, best, high = value, value, None
        # a range: "six to nine", "20-25" (not "from 20 to 26", a change)
        between = i > 0 and doc[i - 1].lower_ == "between"
        if end + 1 < len(doc) and _is_numberish(doc[end + 1]) and (
                (doc[end].lower_ in ("to", "-", "or") and not (i > 0 and doc[i - 1].lower_ == "from"))
                or (between and doc[end].lower_ == "and")):
            if between:
                start = i - 1
            j = end + 1
            while j < len(doc) and _is_numberish(doc[j]):
                j += 1
            upper = words_to_number([t.text for t in doc[end + 1:j]])
            if upper is not None and best is not None and upper > best:
                low, best, high = (low if low is not None else best), (low if low is not None else best), upper
                words = doc[i:j]
                end = j
        toks = list(doc[start:end])
        num_toks = list(words)
        root = _phrase_root(num_toks)
        while root.head.i >= end and root.head.text in ("#", "@") and root.head.head.i != root.head.i:
            root = root.head             # "20 #Taliban terrorists": the hashtag sign sits in between
        noun: Token | None = None
        if root.dep_ in _QUANTITY_MODIFIER_DEPS and root.head.i >= end and root.head.pos_ in ("NOUN", "PROPN") \
                and not any(t.lower_ in ("a", "an", "the") for t in doc[end:root.head.i]):
            # (not past an article: "rose to 141 a few days later" does not count days)
            noun = root.head
            root = noun
        elif end < len(doc) and doc[end].pos_ in ("NOUN", "PROPN") and doc[end].tag_ in ("NNS", "NNPS"):
            # the parser sometimes hangs "over a dozen" off the verb; the plural noun right after
            # it is still what it counts ("over a dozen people were injured")
            noun = root = doc[end]
        else:
            # "dozens of towns", "hundreds of thousands of people"
            k = end
            if k < len(doc) and doc[k].lower_ == "of":
                for t in doc[k + 1:min(k + 6, len(doc))]:
                    if t.pos_ in ("NOUN", "PROPN", "PRON"):
                        noun = t
                        break
                    if t.pos_ not in _QUANTITY_POS:
                        break
        out.append(Quantity(toks, low, best, high, root, noun))
        i = end
    return out


def _split_compound(doc: Doc | Span, j: int, i: int) -> bool:
    """The hyphen of a number word the tokenizer split ("Forty", "-", "Six"), not a range ("20-25")."""
    units = number_rules()["units"]
    if doc[j].text != "-" or j <= i or j + 1 >= len(doc):
        return False
    tens, unit = units.get(doc[j - 1].lower_), units.get(doc[j + 1].lower_)
    return tens in (20, 30, 40, 50, 60, 70, 80, 90) and unit is not None and 1 <= unit <= 9


def _not_a_count(doc: Doc | Span, i: int) -> bool:
    tok = doc[i]
    if _is_age(doc, i) or (i > 0 and doc[i - 1].lower_ == "no"):      # "no one was hurt"
        return True
    if tok.ent_type_ in _NOT_COUNT_ENTS:
        # the tagger sometimes calls a bare number a DATE ("police detained 40"): trust it only
        # when the entity has words other than numbers ("Feb. 3", "3 p.m.")
        ent = [t for t in doc if t.ent_iob_ != "O" and t.ent_type_ == tok.ent_type_ and _same_ent(t, tok)]
        if all(t.like_num or t.text in ("#", "@") for t in ent):
            return False                 # "20 #Taliban": a hashtag sign read as money
        if any(t.lemma_.lower() in _words("person_nouns") or _adj_kind(t) or _verb_kind(t, "transitive")
               for t in ent):
            return False                 # a title-case headline read as a date: "Forty-Six Insurgents Killed"
        # ("wounded another 65": "another" does not make a date)
        return tok.ent_type_ != "DATE" or any(not t.like_num and t.lower_ not in _RANGE_WORDS | _FURTHER for t in ent)
    return False


def _same_ent(a: Token, b: Token) -> bool:
    for e in a.doc.ents:
        if e.start <= b.i < e.end:
            return e.start <= a.i < e.end
    return False


def _is_age(doc: Doc | Span, i: int) -> bool:
    """"a 12-year-old", "aged 30", "30 years old"."""
    prev = doc[i - 1].lower_ if i > 0 else ""
    if i + 1 >= len(doc) or not doc[i + 1].lower_.startswith(("-", "year")):
        return prev in ("aged", "age")      # (the common case, without building the phrase)
    nxt = " ".join(t.lower_ for t in doc[i + 1:i + 4])
    return nxt.startswith(_AGE_PHRASES) or prev in ("aged", "age")


def _phrase_root(toks: list[Token]) -> Token:
    ids = {t.i for t in toks}
    for t in toks:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return toks[-1]


# ---------------------------------------------------------------- linking


@dataclass
class _Link:
    kind: str
    cue: Token
    revised: bool = False
    group: list[Quantity] = field(default_factory=list)
    at_least: bool = False           # "the dead included 4 children": 4 is a floor, not the toll


@functools.lru_cache(maxsize=1)
def _lexicon() -> dict[str, dict[str, set[str]]]:
    terms = casualty_terms()
    return {k: {part: set(terms[k][part]) for part in _CASUALTY_TERM_PARTS}
            for k in KINDS}


def _to_death(tok: Token) -> bool:
    """"shot to death", "stabbed to death", "beaten to death"."""
    return any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lemma_.lower() == "death" for g in c.children)
               for c in tok.children)


def _verb_kind(tok: Token, part: str) -> str | None:
    lex = _lexicon()
    lemma = tok.lemma_.lower()
    if part == "transitive" and tok.pos_ == "VERB" and (_to_death(tok) or any(
            c.dep_ == "advmod" and c.lower_ in ("fatally", "mortally") for c in tok.children)):
        return "killed"                  # "stabbed to death", "fatally shot"
    phrasal = lemma + " " + " ".join(c.lower_ for c in tok.children if c.dep_ in ("prt", "oprd", "acomp"))
    for k in KINDS:
        if lemma in lex[k][part] or phrasal.strip() in lex[k][part]:
            return k
    return None


def casualty_verb_kind(tok: Token) -> str | None:
    """The kind of count a verb states ("killed", "died", "wounded"), if any."""
    return _verb_kind(tok, "transitive") or _verb_kind(tok, "intransitive")


def _adj_kind(tok: Token) -> str | None:
    if tok.pos_ not in ("ADJ", "NOUN") and tok.tag_ != "VBN" and not (tok.tag_ == "NNP" and tok.is_title):
        return None                      # "killed" in "gunmen killed 12" is not "12 killed"; "Dead" in a headline is
    for k in KINDS:
        if tok.lower_ in _lexicon()[k]["adjectives"]:
            return k
    return None


def _noun_kind(tok: Token) -> str | None:
    for k in KINDS:
        if tok.lemma_.lower() in _lexicon()[k]["nouns"] or tok.lower_ in _lexicon()[k]["nouns"]:
            return k
    return None


def _passive(verb: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children)


def _elliptical_passive(verb: Token) -> bool:
    """"12 were killed and 80 others wounded": a bare participle conjoined to a passive verb."""
    # also "leaving 2 dead and 48 others wounded"
    return verb.dep_ == "conj" and (_passive(verb.head) or verb.head.lemma_.lower() == "leave") \
        and not any(c.dep_ in ("aux",) for c in verb.children)


def _has_object(verb: Token) -> bool:
    return any(c.dep_ in ("dobj", "obj") for c in verb.children)


def _toll_link(q: Quantity) -> _Link | None:
    """"the death toll has risen to 26", "the toll stands at 26", "a death toll of 26"."""
    terms = casualty_terms()["toll"]
    h = q.root
    verb: Token | None = None
    if h.dep_ == "pobj" and h.head.i in {t.i for t in q.tokens}:
        verb = h.head.head               # "the death toll was over 100"
    elif h.dep_ == "pobj" and h.head.lower_ in ("to", "at", "of"):
        prep = h.head
        if prep.head.lemma_.lower() in terms["nouns"] and prep.lower_ == "of":
            toll = prep.head
            kind = _toll_kind(toll, terms)
            return _Link(kind, toll, False) if kind else None
        verb = prep.head
    elif h.dep_ in ("dobj", "attr") and h.head.pos_ in ("VERB", "AUX"):
        verb = h.head
    elif q.start > 0 and h.doc[q.start - 1].lower_ in ("to", "at") and h.doc[q.start - 1].dep_ == "prep":
        verb = h.doc[q.start - 1].head   # "rose to 141 a few days later", the number parsed into the time phrase
    if verb is None:
        return None
    for s in verb.children:
        # "the toll rose to 26", and "raising the death toll to 1,200"
        if s.dep_ in ("nsubj", "nsubjpass", "dobj") and s.lemma_.lower() in terms["nouns"]:
            kind = _toll_kind(s, terms)
            if kind:
                return _Link(kind, verb, verb.lemma_.lower() in terms["revision_verbs"])
    return None


def _toll_kind(toll: Token, terms: dict) -> str | None:
    words = {t.lemma_.lower() for t in toll.subtree} | {t.lower_ for t in toll.subtree}
    for kind, cues in terms["kinds"].items():
        if words & set(cues):
            return kind
    return "killed" if toll.lemma_.lower() == "toll" else None


def _link(q: Quantity) -> _Link | None:
    """The count word this quantity is tied to, or None."""
    h = q.root
    doc = h.doc
    nxt = doc[q.end] if q.end < len(doc) else None
    if nxt is not None and nxt.head.i in {t.i for t in q.tokens} and nxt.dep_ in ("amod", "acl") and _adj_kind(nxt):
        return _Link(_adj_kind(nxt), nxt)   # "18 dead in Iraq attacks", the number hung on a later noun
    if q.noun is not None and q.noun.lemma_.lower() in _words("not_people"):
        return None
    if h.dep_ == "quantmod" and q.noun is not None and q.end < len(doc) and doc[q.end].lower_ == "of" \
            and q.noun.dep_ in ("nsubj", "nsubjpass") and q.noun.head.pos_ == "VERB":
        # "1 of 4 children injured has died" (parsed as modifiers of "children"): the part is the
        # subject of the clause's verb; the participle on the group describes the 4
        verb = q.noun.head
        k = _verb_kind(verb, "intransitive") if q.noun.dep_ == "nsubj" and not _passive(verb) \
            else _verb_kind(verb, "transitive")
        return _Link(k, verb) if k else None
    # A noun that is itself the count: "17 deaths", "20 arrests".
    if q.noun is not None:
        k = _noun_kind(q.noun)
        if k:
            return _Link(k, q.noun)
    toll = _toll_link(q)
    if toll:
        return toll
    lives = casualty_terms()["lives"]
    # "claimed 7 lives", "claimed 7 civilians' lives"
    if q.noun is not None and q.noun.lemma_.lower() in lives["nouns"] and q.noun.head.lemma_.lower() in lives["verbs"]:
        return _Link("killed", q.noun.head)
    if h.dep_ == "poss" and h.head.lemma_.lower() in lives["nouns"] and h.head.head.lemma_.lower() in lives["verbs"]:
        return _Link("killed", h.head.head)
    # "claimed the lives of 7 civilians"
    if h.dep_ == "pobj" and h.head.lower_ == "of" and h.head.head.lemma_.lower() in lives["nouns"] \
            and h.head.head.head.lemma_.lower() in lives["verbs"]:
        return _Link("killed", h.head.head.head)
    # "the death of 2 people", "the wounding of 5 others", a headline's "Killing of 22 in ..."
    if h.dep_ == "pobj" and h.head.lower_ == "of" and (h.head.head.pos_ == "NOUN" or h.head.head.tag_ == "VBG"):
        k = _noun_kind(h.head.head)
        if k:
            return _Link(k, h.head.head)
    # a mis-attached modifier noun: "55 Iraqi soldiers and tribal fighters" (soldiers as nmod)
    while h.dep_ in ("nmod", "compound") and h.head.pos_ in ("NOUN", "PROPN") and h.head.i > h.i:
        h = h.head
    if h.lemma_.lower() in lives["nouns"] and h.head.lemma_.lower() in lives["verbs"]:
        return _Link("killed", h.head)       # "claimed 7 civilians lives"
    # Subsets are not added: "12 people, including five children".
    if h.dep_ == "pobj" and h.head.lower_ in _SUBSET_PREPS:
        return None
    # "17 dead", "12 people injured", "five civilians killed in ...". A word after the noun says
    # what happened to them; one before it only describes them ("four displaced persons killed").
    # In "scores of insurgents killed" the participle hangs on the counted noun, not on "scores".
    # ... but in "1 of 4 children injured has died" the participle describes the 4, not the 1
    partitive = q.noun is not None and q.noun.i > q.end and any(_is_numberish(t) for t in h.doc[q.end:q.noun.i])
    kids = list(h.children) + (list(q.noun.children) if q.noun is not None and q.noun.i != h.i and not partitive else [])
    for c in sorted(kids, key=lambda c: (c.i < h.i, c.i)):
        if c.dep_ in _DESCRIBING_DEPS and (_adj_kind(c) or (c.pos_ == "VERB" and _verb_kind(c, "transitive"))):
            # "five people killed" is passive; "five gunmen killed 12 villagers" is not
            if c.pos_ == "VERB" and (_has_object(c) or c.tag_ != "VBN"):
                continue
            if c.dep_ == "relcl" and not any(x.dep_ == "nsubjpass" for x in c.children):
                continue
            return _Link(_adj_kind(c) or _verb_kind(c, "transitive"), c)
    head = h.head
    dep = h.dep_
    if dep == "pobj" and head.i in {t.i for t in q.tokens} and head.dep_ in ("prep", "advmod", "quantmod"):
        # "wounded over 300": the parser made the modifier a preposition of the verb
        head, dep = head.head, ("dobj" if not _has_object(head.head) else head.dep_)
    if dep == "conj":
        # "... and another 29 were injured": a conjunct that is the subject of its own clause
        doc = h.doc
        # skip a subset phrase: "and over 100 more including 35 children injured"
        skip = {x.i for c in h.children if c.dep_ == "prep" and c.lower_ in _SUBSET_PREPS for x in c.subtree}
        for t in doc[h.i + 1:min(h.i + 4 + len(skip), len(doc))]:
            if t.i in skip and not (t.tag_ == "VBN" and t.dep_ == "acl"):
                continue             # the subset phrase, but not the participle hung on its noun
            if t.pos_ == "VERB":
                bare = t.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in t.children)
                k = _verb_kind(t, "transitive") if _passive(t) or bare else _verb_kind(t, "intransitive")
                return _Link(k, t) if k else None
            if t.pos_ not in ("AUX", "ADV", "PART") and t.lower_ not in ("more", "others", "other"):
                break
        return None      # otherwise handled through the first conjunct
    if dep in ("dobj", "obj", "nsubjpass") and head.pos_ == "VERB":
        # "forced 20,000 people to flee", "3,000 families were forced to flee": the object of a
        # verb of causing is the subject of the casualty verb it governs
        for c in head.children:
            if c.dep_ == "xcomp" and c.i > h.i and c.pos_ == "VERB":
                k = _verb_kind(c, "intransitive")
                if k:
                    return _Link(k, c)
    if dep in ("dobj", "obj"):
        k = _verb_kind(head, "transitive")
        if k:
            return _Link(k, head)
        # "left 30 dead", "left 5 people wounded"
        if head.lemma_.lower() == "leave":
            for c in head.children:
                if c.i > h.i and _adj_kind(c):
                    return _Link(_adj_kind(c), c)
            for c in h.children:
                if _adj_kind(c):
                    return _Link(_adj_kind(c), c)
    if dep in ("nsubjpass",):
        k = _verb_kind(head, "transitive")
        if k:
            return _Link(k, head)
    if dep in ("nsubj",):
        k = _verb_kind(head, "intransitive")
        if k:
            return _Link(k, head)
        # "30 wounded" in "12 were killed and 30 wounded": a bare number as subject of an
        # object-less participle is its victims, not its agent.
        k = _verb_kind(head, "transitive")
        if k and not _has_object(head) and (q.noun is None or _passive(head) or _elliptical_passive(head)
                                            or _further_group(q, head) or _headline_participle(head)):
            return _Link(k, head)
        k = _adj_kind(head)
        if k:
            return _Link(k, head)
    if dep == "nsubjpass":
        # "three officers were shot and injured": the shared subject of a conjoined participle
        for c in head.children:
            if c.dep_ == "conj" and c.tag_ == "VBN" and not any(x.dep_.startswith("nsubj") for x in c.children):
                k = _verb_kind(c, "transitive")
                if k:
                    return _Link(k, c)
    if dep in ("nsubj", "nsubjpass", "nummod") and head.pos_ in ("VERB", "AUX"):
        # "dozens reported killed", "20 feared dead", "three believed dead"
        for c in head.children:
            if c.dep_ in ("xcomp", "oprd", "ccomp") and c.i > h.i and (_adj_kind(c) or (c.tag_ == "VBN" and _verb_kind(c, "transitive"))):
                return _Link(_adj_kind(c) or _verb_kind(c, "transitive"), c)
        # "17 people are dead"
        for c in head.children:
            if c.dep_ in ("acomp", "attr") and _adj_kind(c):
                return _Link(_adj_kind(c), c)
    if dep in _COUNT_MODIFIER_DEPS and _adj_kind(head):
        return _Link(_adj_kind(head), head)
    if dep in ("nsubj",) and head.lemma_.lower() in lives["subject_verbs"] and any(
            c.dep_ in ("dobj", "obj") and c.lemma_.lower() in lives["nouns"] for c in head.children):
        return _Link("killed", head)         # "12 soldiers lost their lives"
    hurt = casualty_terms()["injury_phrases"]
    if dep in ("nsubj",) and head.lemma_.lower() in hurt["verbs"] and any(
            c.dep_ in ("dobj", "obj") and c.lemma_.lower() in hurt["nouns"] for c in head.children):
        return _Link("injured", head)        # "12 people sustained injuries"
    if dep in ("dobj", "obj") and head.lemma_.lower() in casualty_terms()["group_verbs"]:
        # "the dead included four children": a part of the toll, so a floor for it
        for s in head.children:
            if s.dep_ in ("nsubj", "nsubjpass") and (_adj_kind(s) or _noun_kind(s)):
                return _Link(_adj_kind(s) or _noun_kind(s), head, at_least=True)
    return _surface_link(q)


def _headline_participle(verb: Token) -> bool:
    """"six Albanians killed", "Officer killed": a casualty verb with no object and no auxiliary
    (tagged as a past tense) is a headline's passive participle: its subject is the victim."""
    return verb.tag_ in ("VBD", "VBN") and not any(c.dep_ in ("aux", "auxpass", "agent") for c in verb.children) \
        and not any(c.dep_ == "conj" and _has_object(c) for c in verb.children)


def _further_group(q: Quantity, verb: Token) -> bool:
    """"... and 48 other people wounded": a bare participle (no object, no auxiliary) after a
    conjunction whose subject is a further group of victims ("other", "more") is elliptical passive."""
    return verb.dep_ == "conj" and q.noun is not None and verb.tag_ in ("VBD", "VBN") \
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children) \
        and any(c.lower_ in ("other", "more", "another") for c in q.noun.children)


def _title_verb_kind(tok: Token) -> str | None:
    """A headline in title case tags "Kills", "Wounds" as proper nouns: read the verb from its form."""
    if not (tok.tag_ in ("NNP", "NNPS", "NNS") and tok.is_title):
        return None                      # ("Blast Kills 3": "Kills" may be tagged a plural noun)
    low = tok.lower_
    for form in (low, low[:-1] if low.endswith("s") else None, low[:-2] if low.endswith("es") else None):
        for k in KINDS:
            if form and form in _lexicon()[k]["transitive"]:
                return k
    return None


def _surface_link(q: Quantity) -> _Link | None:
    """Word-order fallbacks for parses that lose the number ("kills 35 and injures 27", where
    the parser makes "27" punctuation; "claimed 7 civilians lives" with "lives" read as a verb)."""
    doc = q.root.doc
    prev = doc[q.start - 1] if q.start > 0 else None
    lives = casualty_terms()["lives"]
    if prev is not None and prev.pos_ in ("VERB", "AUX") and not _passive(prev) and prev.tag_ != "VBN" \
            or prev is not None and prev.tag_ in ("NNP", "NNPS", "NNS") and prev.is_title:
        k = _verb_kind(prev, "transitive") or _title_verb_kind(prev)
        if k and (q.noun is None or q.noun.lemma_.lower() not in _words("not_people")):
            return _Link(k, prev)            # "injures 27": an active casualty verb, then the number
    after = q.noun.i + 1 if q.noun is not None and q.noun.i >= q.end else q.end
    if after < len(doc) and doc[after].lower_ in ("lives", "life") and prev is not None \
            and prev.lemma_.lower() in lives["verbs"]:
        return _Link("killed", prev)         # "claimed 7 civilians lives"
    return None


def _separate(other: Quantity, kind: str) -> bool:
    """A conjunct that is not part of the same victim group: not people, a count of another kind
    ("84 deaths and 90 injuries"), or the subject of a clause of its own ("and another 29 were
    injured", which the parser sometimes hangs on the first group)."""
    if other.noun is not None and other.noun.lemma_.lower() in _words("not_people"):
        return True
    if other.noun is not None and _noun_kind(other.noun) not in (None, kind):
        return True
    nxt = other.root.doc[other.root.i + 1] if other.root.i + 1 < len(other.root.doc) else None
    if nxt is None:
        return False
    return nxt.pos_ == "AUX" or (nxt.pos_ == "VERB" and nxt.head.i != other.root.i)   # not "contractor working"


def _single_person(tok: Token) -> bool:
    """A conjoined singular person noun with no number: "and a police officer", "their driver"."""
    return (tok.tag_ == "NN" and tok.pos_ == "NOUN" and not any(c.dep_ == "nummod" for c in tok.children)
            and tok.lemma_.lower() not in _words("not_people") and _noun_kind(tok) is None
            and any(c.dep_ in ("det", "poss") for c in tok.children))


_PERSON_PRONOUNS = datafiles.words("function_words", "personal_pronouns")


def _noun_text(t: Token) -> str:
    return " ".join(x.text for x in t.subtree
                    if x.i == t.i or x.i < t.i and x.dep_ not in _NOUN_TEXT_SKIP_DEPS)


def _one_person(t: Token) -> bool:
    """A singular noun that names one person: "a soldier", "the village head", "he", a PERSON."""
    if t.lower_ in _PERSON_PRONOUNS:
        return True
    if t.pos_ == "PROPN":      # a PERSON, or a headline's capitalised "Officer"
        return t.ent_type_ == "PERSON" or (t.tag_ == "NNP" and t.lower_ in _words("person_nouns")) or (
            t.tag_ == "NNP" and any(c.dep_ in ("compound", "appos") and c.tag_ == "NN"
                                    and c.lemma_.lower() in _words("person_nouns")
                                    for c in t.children))      # "banker ramiro castillo love", "ossa, the candidate"
    return t.tag_ == "NN" and t.lemma_.lower() in _words("person_nouns")


def _indefinite(t: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children) or any(
        c.dep_ == "nummod" for c in t.children)


def _list_after_comma(head: Token) -> list[Token]:
    """"a suspected bomber, a soldier, 4 paramilitaries and 4 civilians": the parser hangs the
    rest of the list on the first item as an apposition. An indefinite item cannot be renamed
    by another indefinite one ("the attacker, a 28-year-old man" is one person), so it is a list."""
    if not _indefinite(head):
        return []
    out: list[Token] = []
    for c in head.children:
        if c.dep_ == "appos" and _indefinite(c):
            out += [c] + _conjuncts(c)
    return out


def _singular_victims(doc: Doc, qs: list[Quantity]) -> list[tuple[str, _Link, list[Token], list[Quantity]]]:
    """Victims named without a number: "a soldier was killed", "gunmen kill doctor, his
    associate" = 1 and 2. Only when every conjoined victim is one person (a plural leaves the
    number unknown)."""
    in_q = {t.i for q in qs for t in q.tokens} | {q.noun.i for q in qs if q.noun is not None}
    by_root = {q.root.i: q for q in qs}
    out = []
    event_nouns = set(casualty_terms()["victim_event_nouns"])
    for noun in doc:
        # "the murder of Justice Carlos Valencia", "the assassination of the mayor": one dead
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in event_nouns:
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss" and c.i not in in_q), None)
        if owner is not None and owner.lower_ not in _PERSON_PRONOUNS | _POSSESSIVE_DETERMINERS \
                and all(t.i not in by_root and _one_person(t) for t in [owner] + _conjuncts(owner)):
            out.append(("killed", _Link("killed", noun), [owner] + _conjuncts(owner), []))   # "Pizarro's murder"
            continue
        for prep in noun.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            heads = [c for c in prep.children if c.dep_ == "pobj" and c.i not in in_q]
            for head in heads:
                group = [head] + _conjuncts(head)
                if all(t.i not in by_root and _one_person(t) for t in group):
                    out.append(("killed", _Link("killed", noun), group, []))
    for verb in doc:
        if verb.pos_ != "VERB":
            continue
        k = _verb_kind(verb, "transitive")
        roles = ("dobj", "nsubjpass") if k else ()
        if k and not _has_object(verb) and (verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children)
                                            or _headline_participle(verb)):
            roles = ("nsubjpass", "nsubj")       # a headline's bare participle: "Officer killed"
        if not k:
            k = _verb_kind(verb, "intransitive")
            roles = ("nsubj",) if k else ()
        if not k or k == "displaced":
            continue                     # one person fleeing is not a displacement
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            continue                     # "an attempt to assassinate the minister": not a death
        heads = [c for c in verb.children if c.dep_ in roles]
        if not heads and roles == ("nsubj",) and verb.dep_ == "conj" and verb.head.pos_ == "VERB":
            # "a policeman was stabbed and later died": the subject the two verbs share
            heads = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if k and verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.dep_ == "ROOT" and not _has_object(verb):
            heads.append(verb.head)              # a headline: "Terrorist killed in raid"
        for head in heads:
            group = [head] + _conjuncts(head) + _list_after_comma(head)
            if head.i in in_q:
                continue                         # a number of its own: linked already
            # "killed a suspected bomber, a soldier, 4 paramilitaries and 4 civilians"
            counted = [by_root[t.i] for t in group if t.i in by_root]
            persons = [t for t in group if t.i not in by_root]
            if not all(_one_person(t) for t in persons):
                continue
            out.append((k, _Link(k, verb), persons, counted))
            break
    return out


def _conjuncts(h: Token) -> list[Token]:
    out = []
    for c in h.children:
        if c.dep_ == "conj":
            out.append(c)
            out.extend(_conjuncts(c))
    return out


def _who(qs: list[Quantity]) -> str | None:
    parts = []
    for q in qs:
        if q.noun is None:
            continue
        words = [t for t in q.noun.subtree
                 if t.i <= q.noun.i and t.i not in {x.i for x in q.tokens}
                 and t.dep_ not in _VICTIM_TEXT_SKIP_DEPS
                 and not t.like_num]
        words = [t for t in words if t.i >= (q.end if q.end <= q.noun.i else 0)]
        if q.noun.pos_ == "PRON" or q.noun.lemma_.lower() in casualty_terms()["lives"]["nouns"] or any(
                _adj_kind(q.noun) == k or _noun_kind(q.noun) == k for k in KINDS):
            continue
        text = " ".join(t.text for t in words)
        if text and text not in parts:
            parts.append(text)
    return " and ".join(parts) or None


def _companion_of(q: Quantity) -> Token | None:
    """The verb of "along with N ..." / "together with N ..." when the quantity is that N."""
    h = q.root
    if h.dep_ != "pobj" or h.head.lower_ != "with":
        return None
    w = h.head
    if w.head.lower_ == "along":
        return w.head.head
    if any(c.lower_ in ("together", "along") for c in w.children) or (w.i > 0 and w.nbor(-1).lower_ in ("together", "along")):
        return w.head
    return None


_FURTHER = datafiles.words("function_words", "further_words")


def _further(q: Quantity) -> bool:
    """"two others", "three more people", "another 5": a group on top of one named before."""
    if q.noun is not None and (q.noun.lower_ in _FURTHER or any(c.lower_ in _FURTHER for c in q.noun.children)):
        return True
    doc = q.root.doc
    return any(t.lower_ in _FURTHER for t in doc[max(q.start - 1, 0):min(q.end + 1, len(doc))])


def _add_further_groups(cands: list) -> list:
    """Figures of one kind in one sentence where a later one is "N others"/"N more" ("a soldier
    was killed and two others died later") count one group on top of the other: summed."""
    if len(cands) < 2:
        return cands
    out = [cands[0]]
    for link, group, singles in cands[1:]:
        plink, pgroup, psingles = out[-1]
        if group and _further(group[0]) and not link.revised and not plink.revised \
                and not link.at_least and group[0].start > max((q.start for q in pgroup), default=-1):
            out[-1] = (plink, pgroup + group, psingles + singles)
        else:
            out.append((link, group, singles))
    return out


def _sum(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


def _tree_distance(a: Token, b: Token) -> int:
    up_a = [a] + list(a.ancestors)
    up_b = [b] + list(b.ancestors)
    ids_b = {t.i: n for n, t in enumerate(up_b)}
    for n, t in enumerate(up_a):
        if t.i in ids_b:
            return n + ids_b[t.i]
    return len(up_a) + len(up_b)


@dataclass(frozen=True)
class CountSpan:
    """A count with the tokens it was read from: [start, end) into the Doc it was read in, so
    which event owns it is an index lookup (the same figure may be written twice)."""

    count: Count
    start: int
    end: int


def extract_counts(doc: Doc | Span, trigger: Token | None = None) -> dict[str, Count]:
    """Counts of killed, injured, displaced and arrested people stated in one sentence. Where
    several figures of one kind are stated separately, the one nearest the trigger wins."""
    return {kind: c.count for kind, c in count_spans(doc, trigger).items()}


def count_spans(doc: Doc | Span, trigger: Token | None = None) -> dict[str, CountSpan]:
    """`extract_counts` with each count's token span (indices into `doc`, a Span's included)."""
    offset = 0
    if isinstance(doc, Span):            # work on a Doc of its own so indices start at 0
        offset, doc = doc.start, doc.as_doc()
        if trigger is not None:
            trigger = doc[trigger.i - offset] if 0 <= trigger.i - offset < len(doc) else None
    qs = find_quantities(doc)
    by_root = {q.root.i: q for q in qs}
    found: dict[str, list[tuple[_Link, list[Quantity], list[Token]]]] = {}
    used: set[int] = set()
    for q in qs:
        if q.root.i in used:
            continue
        link = _link(q)
        if link is None:
            continue
        group = [q]
        singles: list[Token] = []
        # Conjoined victim groups: "seven Turkish soldiers and one civilian contractor".
        for c in _conjuncts(q.root):
            other = by_root.get(c.i)
            if other is None:
                if _single_person(c):
                    singles.append(c)        # "14 civilians and a police officer"
                continue
            if other.root.i in used or _separate(other, link.kind):
                continue
            group.append(other)
        # "40 people, 6 security personnel and 34 civilians": the parts of a total, not more
        if len(group) + len(singles) >= 3 and all(x.best is not None for x in group) \
                and sum(x.best for x in group[1:]) + len(singles) == group[0].best:
            used.update(x.root.i for x in group)
            group, singles = group[:1], []
        used.update(x.root.i for x in group)
        found.setdefault(link.kind, []).append((link, group, singles))
    for kind, link, persons, counted in _singular_victims(doc, qs):
        if kind not in found and not any(q.root.i in used for q in counted):
            found[kind] = [(link, counted, persons)]
        elif kind in found and not counted and all(
                g and _further(g[0]) and g[0].start > max(t.i for t in persons) for _, g, _ in found[kind]):
            # "a soldier was killed and two others died": the named person, then the others
            found[kind] = [(link, [], persons)] + found[kind]
    # "was stabbed and later died": one victim, who died; the wounding is not a further injury
    if "killed" in found and "injured" in found:
        dead = {t.i for _, g, singles in found["killed"] if not g for t in singles}
        if all(not g and singles and {t.i for t in singles} <= dead for _, g, singles in found["injured"]):
            del found["injured"]
    # "was killed ..., along with two of his bodyguards": companions of the victims are victims too
    for q in qs:
        verb = _companion_of(q)
        if q.root.i in used or verb is None:
            continue
        for cands in found.values():
            for n, (link, group, singles) in enumerate(cands):
                if link.cue.i == verb.i:
                    cands[n] = (link, group + [q], singles)
                    used.add(q.root.i)
    out: dict[str, CountSpan] = {}
    for kind, cands in found.items():
        cands = _add_further_groups(cands)
        if trigger is not None and len(cands) > 1:
            cands = sorted(cands, key=lambda c: _tree_distance(c[0].cue, trigger))
        # with no trigger to choose, a stated total ("bringing the toll to 25") supersedes the
        # figures it adds up; a floor ("the dead included 4 children") yields to any full figure.
        # A risen toll that governs the trigger states the event's total ("the toll rose to 141,
        # with 11 X and 130 Y dying")
        cands = sorted(cands, key=lambda c: (
            not (c[0].revised and (trigger is None or c[0].cue.is_ancestor(trigger))), c[0].at_least))
        link, group, singles = cands[0]
        if not group:                    # "a soldier was killed": one per person named
            n = len(singles)
            first, last = min(t.left_edge.i for t in singles), max(t.i for t in singles) + 1
            out[kind] = CountSpan(Count(low=n, best=n, high=n, who=" and ".join(_noun_text(t) for t in singles),
                                        text=doc[first:last].text), offset + first, offset + last)
            continue
        low, best, high = group[0].low, group[0].best, group[0].high
        for q in group[1:]:
            low, best, high = _sum(low, q.low), _sum(best, q.best), _sum(high, q.high)
        n = len(singles)
        low, best, high = (None if v is None else v + n for v in (low, best, high))
        if low is None and high is None and best is None:
            continue
        start = min([x.start for x in group] + [x.noun.i for x in group if x.noun is not None]
                    + [t.left_edge.i for t in singles])
        end = max(max(x.end for x in group), max((x.noun.i + 1 for x in group if x.noun is not None), default=0),
                  max((t.i + 1 for t in singles), default=0))
        if link.revised:
            start = min(start, link.cue.i)
        elif link.cue.i == end:
            end += 1                     # "14 dead"
        span = doc[start:end]
        who = _who(group)
        if singles:
            extra = " and ".join(" ".join(t.text for t in x.subtree if t.dep_ not in _NOUN_TEXT_SKIP_DEPS
                                          and t.i <= x.i) for x in singles)
            who = f"{who} and {extra}" if who else extra
        if link.at_least:
            high = None
        count = Count(low=low, best=best, high=high, who=who, text=span.text)
        if link.revised:
            count.revised = True  # type: ignore[attr-defined]  (Count allows extra fields)
        out[kind] = CountSpan(count, offset + start, offset + end)
    return out
