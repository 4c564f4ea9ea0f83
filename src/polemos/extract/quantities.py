"""Quantities in a parsed sentence: digits, number words, vague words ("dozens"), with their
modifiers ("at least", "more than"); which numbers are not counts of people (dates, ages)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from polemos import datafiles
from polemos.extract.casualty_terms import (
    AGE_PHRASES,
    DIGITS,
    NOT_COUNT_ENTS,
    NOT_NUMBER_WORDS,
    NUMBER_MULTIPLIERS,
    QUANTITY_MODIFIER_DEPS,
    QUANTITY_POS,
    RANGE_WORDS,
    adj_kind,
    casualty_words,
    number_rules,
    verb_kind,
)


def words_to_number(words: list[str]) -> int | None:
    """["two", "hundred"] -> 200, ["1.5", "million"] -> 1500000, ["a", "dozen"] -> 12."""
    rules = number_rules()
    units, mults = rules["units"], rules["multipliers"]
    total, current, seen = 0.0, 0.0, False
    for raw in words:
        w = raw.lower().strip()
        if w in ("and", "-", ""):
            continue
        parts = w.split("-") if "-" in w and not DIGITS.match(w) else [w]   # "twenty-five"
        for p in parts:
            if DIGITS.match(p):
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
        if DIGITS.match(w) or (w not in NOT_NUMBER_WORDS
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


def is_numberish(tok: Token) -> bool:
    low = tok.lower_
    rules = number_rules()
    if DIGITS.match(low):
        return True
    parts = low.split("-")
    return all(p in rules["units"] or p in rules["multipliers"] for p in parts) and low not in ("a", "an", "m")


def _match_before(doc: Doc | Span, i: int, phrases: dict) -> tuple[str, int] | None:
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


def _vague_at(doc: Doc | Span, i: int) -> tuple[int, int] | None:
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


Bounds = tuple[int | None, int | None, int | None]      # low, best, high


def find_quantities(doc: Doc | Span) -> list[Quantity]:
    """Every number-like phrase of the sentence with its low/best/high, before any linking."""
    out: list[Quantity] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if _not_a_count(doc, i) or (tok.lower_ == "both" and any(t.lower_ == "and" for t in doc[i + 1:i + 7])):
            i += 1                       # "both soldiers and civilians": a pair of groups, not 2
            continue
        found = _number_at(doc, i)
        if found is None:
            i += 1
            continue
        value, end, exact = found
        plus = exact and end < len(doc) and doc[end].text == "+" and end > i
        if plus:
            end += 1                     # "43+ people": at least 43
        words = doc[i:end]
        # Years and clock times read as plain numbers are not counts.
        if len(words) == 1 and words[0].like_num and words[0].text.isdigit() and 1900 <= value <= 2100:
            i = end
            continue
        start, bounds = _modified(doc, i, value, exact)
        if plus:
            bounds = (value, value, None)
        start, end, words, bounds = _range(doc, i, start, end, words, bounds)
        root, noun = _counted_noun(doc, _phrase_root(list(words)), end)
        out.append(Quantity(list(doc[start:end]), *bounds, root, noun))
        i = end
    return out


def _number_at(doc: Doc | Span, i: int) -> tuple[int, int, bool] | None:
    """The number starting at token i: (value, end, exact); a vague one ("dozens") is not exact."""
    vague = _vague_at(doc, i)
    if vague:
        return (vague[0], vague[1], False) if vague[1] > i else None
    tok = doc[i]
    value: int | None = None
    end = i
    if is_numberish(tok) or (tok.lower_ in ("a", "an") and i + 1 < len(doc)
                             and doc[i + 1].lower_ in NUMBER_MULTIPLIERS):
        j = i
        while j < len(doc) and (is_numberish(doc[j]) or doc[j].lower_ in ("a", "an") and j == i
                                or (doc[j].lower_ == "and" and j + 1 < len(doc) and is_numberish(doc[j + 1])
                                    and j > i and doc[j - 1].lower_ in ("hundred", "thousand"))
                                or _split_compound(doc, j, i)):
            j += 1
        value = words_to_number([t.text for t in doc[i:j]])
        end = j
    if value is None or end <= i:
        return None
    return value, end, True


def _modified(doc: Doc | Span, i: int, value: int, exact: bool) -> tuple[int, Bounds]:
    """The bounds a modifier before the number sets ("at least", "more than", "nearly"), and where
    the phrase starts."""
    rules = number_rules()
    mod = _match_before(doc, i, rules["modifiers"])
    if not mod:
        return i, (value, value, None if not exact else value)
    kind = rules["modifiers"][mod[0]]
    if kind == "lower_incl":
        return mod[1], (value, value, None)
    if kind == "lower_excl":
        return mod[1], (value + 1, value + 1, None)
    if kind == "upper_incl":
        return mod[1], (None, value, value)
    if kind == "upper_excl":
        return mod[1], (None, value - 1, value - 1)
    return mod[1], (None, value, None)


def _range(doc: Doc | Span, i: int, start: int, end: int, words: Span,
           bounds: Bounds) -> tuple[int, int, Span, Bounds]:
    """A range: "six to nine", "20-25", "between 20 and 25" (not "from 20 to 26", a change)."""
    low, best, _ = bounds
    between = i > 0 and doc[i - 1].lower_ == "between"
    if end + 1 < len(doc) and is_numberish(doc[end + 1]) and (
            (doc[end].lower_ in ("to", "-", "or") and not (i > 0 and doc[i - 1].lower_ == "from"))
            or (between and doc[end].lower_ == "and")):
        if between:
            start = i - 1
        j = end + 1
        while j < len(doc) and is_numberish(doc[j]):
            j += 1
        upper = words_to_number([t.text for t in doc[end + 1:j]])
        if upper is not None and best is not None and upper > best:
            floor = low if low is not None else best
            return start, j, doc[i:j], (floor, floor, upper)
    return start, end, words, bounds


def _counted_noun(doc: Doc | Span, root: Token, end: int) -> tuple[Token, Token | None]:
    """The noun the number counts, and the phrase's root (that noun when there is one)."""
    while root.head.i >= end and root.head.text in ("#", "@") and root.head.head.i != root.head.i:
        root = root.head             # "20 #Taliban terrorists": the hashtag sign sits in between
    if root.dep_ in QUANTITY_MODIFIER_DEPS and root.head.i >= end and root.head.pos_ in ("NOUN", "PROPN") \
            and not any(t.lower_ in ("a", "an", "the") for t in doc[end:root.head.i]):
        # (not past an article: "rose to 141 a few days later" does not count days)
        return root.head, root.head
    if end < len(doc) and doc[end].pos_ in ("NOUN", "PROPN") and doc[end].tag_ in ("NNS", "NNPS"):
        # the parser sometimes hangs "over a dozen" off the verb; the plural noun right after
        # it is still what it counts ("over a dozen people were injured")
        return doc[end], doc[end]
    # "dozens of towns", "hundreds of thousands of people"
    if end < len(doc) and doc[end].lower_ == "of":
        for t in doc[end + 1:min(end + 6, len(doc))]:
            if t.pos_ in ("NOUN", "PROPN", "PRON"):
                return root, t
            if t.pos_ not in QUANTITY_POS:
                break
    return root, None


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
    if tok.ent_type_ in NOT_COUNT_ENTS:
        # the tagger sometimes calls a bare number a DATE ("police detained 40"): trust it only
        # when the entity has words other than numbers ("Feb. 3", "3 p.m.")
        ent = _ent_tokens(doc, tok)
        if all(t.like_num or t.text in ("#", "@") for t in ent):
            return False                 # "20 #Taliban": a hashtag sign read as money
        if any(t.lemma_.lower() in casualty_words("person_nouns") or adj_kind(t) or verb_kind(t, "transitive")
               for t in ent):
            return False                 # a title-case headline read as a date: "Forty-Six Insurgents Killed"
        # ("wounded another 65": "another" does not make a date)
        return tok.ent_type_ != "DATE" or any(not t.like_num and t.lower_ not in RANGE_WORDS | _FURTHER for t in ent)
    return False


def _ent_tokens(doc: Doc | Span, tok: Token) -> list[Token]:
    """The tokens of `doc` inside the entity holding `tok` (of its type), in order: the entity is
    found once, not once per token of the sentence (speed)."""
    e = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    if e is None:
        return []
    lo, hi = (doc.start, doc.end) if isinstance(doc, Span) else (0, len(doc))
    return [t for t in tok.doc[max(e.start, lo):min(e.end, hi)] if t.ent_iob_ != "O" and t.ent_type_ == tok.ent_type_]


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
    return nxt.startswith(AGE_PHRASES) or prev in ("aged", "age")


def _phrase_root(toks: list[Token]) -> Token:
    ids = {t.i for t in toks}
    for t in toks:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return toks[-1]


# ---------------------------------------------------------------- linking


_FURTHER = datafiles.words("function_words", "further_words")


def is_further(q: Quantity) -> bool:
    """"two others", "three more people", "another 5": a group on top of one named before."""
    if q.noun is not None and (q.noun.lower_ in _FURTHER or any(c.lower_ in _FURTHER for c in q.noun.children)):
        return True
    doc = q.root.doc
    if q.end + 2 < len(doc) and doc[q.end].lower_ == "of" and doc[q.end + 1].lower_ == "the" \
            and adj_kind(doc[q.end + 2]) == "injured":
        return True                  # "one of the wounded later died": a death on top of the toll
    return any(t.lower_ in _FURTHER for t in doc[max(q.start - 1, 0):min(q.end + 1, len(doc))])


