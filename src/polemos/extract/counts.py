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

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from polemos import datafiles
from polemos.extract.casualty_links import CountLink, either_kind, link_quantity, separate_group
from polemos.extract.casualty_terms import (
    KINDS,
    NOUN_TEXT_SKIP_DEPS,
    casualty_terms,
    casualty_verb_kind,
    casualty_words,
    number_rules,
)
from polemos.extract.quantities import Quantity, find_quantities, is_further, words_to_number, writes_number
from polemos.extract.victims import (
    add_counts,
    add_further_groups,
    co_arguments,
    companion_of,
    conjuncts,
    coordinated_before,
    further_person,
    group_head,
    headline_item,
    is_attacker,
    is_combatant,
    listed_after,
    noun_text,
    single_person,
    singular_victims,
    tree_distance,
    verb_conjuncts,
    victims_who,
    without_attackers,
)
from polemos.models import Count

_PARTICIPANT_DEPS = datafiles.words("grammar", "participant_deps")
_NOT_HEAD_DEPS = datafiles.words("grammar", "not_head_noun_deps")

# the counting API in one place: what other modules read of numbers and casualty words
__all__ = ["KINDS", "CountSpan", "attackers_only", "casualty_terms", "casualty_verb_kind", "count_spans",
           "extract_counts", "find_quantities", "number_rules", "words_to_number", "writes_number"]


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


Candidate = tuple[CountLink, list[Quantity], list[Token]]     # (link, counted groups, single persons)


def count_spans(doc: Doc | Span, trigger: Token | None = None) -> dict[str, CountSpan]:
    """`extract_counts` with each count's token span (indices into `doc`, a Span's included)."""
    offset = 0
    if isinstance(doc, Span):            # work on a Doc of its own so indices start at 0
        offset, doc = doc.start, doc.as_doc()
        if trigger is not None:
            trigger = doc[trigger.i - offset] if 0 <= trigger.i - offset < len(doc) else None
    qs = find_quantities(doc)
    found, used = _linked_groups(qs)
    _add_singular_victims(found, used, doc, qs)
    # "was stabbed and later died": one victim, who died; the wounding is not a further injury
    if "killed" in found and "injured" in found:
        dead = {t.i for _, g, singles in found["killed"] if not g for t in singles}
        if all(not g and singles and {t.i for t in singles} <= dead for _, g, singles in found["injured"]):
            del found["injured"]
    _add_companions(found, used, qs)
    out: dict[str, CountSpan] = {}
    for kind, cands in found.items():
        span = _span_of(doc, _best(add_further_groups(cands, _another_event), trigger), offset)
        if span is not None:
            out[kind] = span
    return out


def _linked_groups(qs: list[Quantity]) -> tuple[dict[str, list[Candidate]], set[int]]:
    """Each quantity tied to a count word, with the groups conjoined to it ("seven Turkish
    soldiers and one civilian contractor"); the roots of the quantities used."""
    by_root = {q.root.i: q for q in qs}
    for q in qs:                     # "5 faction members": the group is the noun the compound names
        if q.noun is not None and q.noun.i == q.root.i:
            by_root.setdefault(group_head(q.root).i, q)
    found: dict[str, list[Candidate]] = {}
    used: set[int] = set()
    for q in qs:
        if q.root.i in used:
            continue
        link = link_quantity(q)
        if link is None or either_kind(link.cue):
            continue
        group = [q]
        singles: list[Token] = []
        head = group_head(q.root)
        if q.end < len(q.root.doc) and q.root.doc[q.end].text == ":":
            # "killed six: four soldiers and two civilians": the list after the colon parts the total
            used.update([q.root.i, head.i] + [c.i for c in conjuncts(head)])
            found.setdefault(link.kind, []).append((link, group, singles))
            continue
        for c in (coordinated_before(head) + conjuncts(head) + listed_after(head, link.cue)
                  + verb_conjuncts(q, link.cue) + co_arguments(head, link.cue)):
            other = by_root.get(c.i)
            if other is None:
                if single_person(c) or headline_item(c, link.cue):
                    singles.append(c)        # "14 civilians and a police officer"
                continue
            if other.root.i in used or any(other is x for x in group) or separate_group(other, link.kind, link.cue):
                continue
            group.append(other)
        # "40 people, 6 security personnel and 34 civilians": the parts of a total, not more
        if len(group) + len(singles) >= 3 and all(x.best is not None for x in group) \
                and sum(x.best or 0 for x in group[1:]) + len(singles) == group[0].best:
            used.update(x.root.i for x in group)
            group, singles = group[:1], []
        used.update(x.root.i for x in group)
        group = [_per_side(x) for x in group]
        found.setdefault(link.kind, []).append((link, group, singles))
    return {kind: _with_losses(_one_per_cue(cands)) for kind, cands in found.items()}, used


def _per_side(q: Quantity) -> Quantity:
    """"killing 4 from each side", "3 dead on either side": the figure of each of two sides."""
    doc = q.root.doc
    words: list[str] = []
    for t in doc[q.end:min(q.end + 7, len(doc))]:
        if t.is_punct or (t.like_num and t.i != q.root.i):
            break
        words.append(t.lower_)
    text = f" {' '.join(words)} "
    if not any(f" {p} " in text for p in casualty_terms()["per_side"]):
        return q
    low, best, high = (None if v is None else 2 * v for v in (q.low, q.best, q.high))
    return replace(q, low=low, best=best, high=high)


def _with_losses(cands: list[Candidate]) -> list[Candidate]:
    """"killing 18 jihadists and losing 5 of their own", "12 soldiers were killed, while the
    rebels lost 6 fighters": one side's losses beside the other's in the same clause pair are
    one fight's toll (summed); so is a group "also" killed after another ("killed 5 soldiers;
    3 rebels were also killed", "..., while 2 fighters were killed"), unless it names only the
    attackers."""
    losses = set(casualty_terms()["losses"]["verbs"])
    out = list(cands)
    for cand in cands:
        link = cand[0]
        also = (any(c.lower_ == "also" for c in link.cue.children) or _other_side_clause(link.cue)) \
            and not link.revised and not link.at_least and bool(cand[1])
        attackers = all(q.noun is not None and is_attacker(q.noun) for q in cand[1])
        if (link.cue.lemma_.lower() not in losses and not also) or not any(c is cand for c in out):
            continue
        other = next((n for n, c in enumerate(out) if c is not cand and not c[0].revised and not c[0].at_least
                      and (c[0].cue.lemma_.lower() not in losses or _both_lost(c[0].cue, link.cue)) and (
                          c[0].cue.i == link.cue.head.i or link.cue.i == c[0].cue.head.i
                          or (also and c[0].cue.i < link.cue.i and c[0].cue.i != link.cue.i))), None)
        if other is not None and attackers and not (_battle(out[other]) and _battle(cand)):
            continue                     # "killing 4 guards; 12 assailants were also killed": the victims' toll
        if other is not None:
            olink, ogroup, osingles = out[other]
            out[other] = (olink, ogroup + cand[1], osingles + cand[2])
            out = [c for c in out if c is not cand]
    return out


def _battle(cand: Candidate) -> bool:
    """Every victim of the candidate is an armed man of a side: the attackers are the other side."""
    return bool(cand[1] or cand[2]) and all(q.noun is not None and is_combatant(q.noun) for q in cand[1]) \
        and all(is_combatant(t) for t in cand[2])


def _both_lost(first: Token, second: Token) -> bool:
    """"the army lost 12 soldiers, while the rebels lost 9 fighters": each side's losses."""
    return second.head.i == first.i and second.i > first.i and _other_side_clause(second)


def _other_side_clause(verb: Token) -> bool:
    """"killing 4 soldiers, while 2 fighters were killed": a "while" clause of the same fight
    (one that names a place of its own, "while in Kaduna 2 were killed", is another event)."""
    return any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in verb.children) \
        and not _names_own_event(verb)


def _names_own_event(verb: Token) -> bool:
    """The clause names a place or an event of its own ("in Kaduna", "in the fighting on the
    front", "in a separate explosion")."""
    own = casualty_words("other_event_nouns")
    return any(c.dep_ == "prep" and any(
        o.dep_ == "pobj" and (o.ent_type_ in ("GPE", "LOC", "FAC") or o.lemma_.lower() in own) for o in c.subtree)
        for c in verb.children)


def _another_event(verb: Token) -> bool:
    """"..., while 4 others died in a separate explosion": a "while" clause of another event."""
    return any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in verb.children) \
        and _names_own_event(verb)


def _one_per_cue(cands: list[Candidate]) -> list[Candidate]:
    """Groups tied to one verb are one toll ("22 civilians, 2 officers, and 5 attackers were
    killed", parsed as two subjects), less the attackers named apart from the victims."""
    out: list[Candidate] = []
    for link, group, singles in cands:
        prev = next((n for n, c in enumerate(out) if c[0].cue.i == link.cue.i and not link.revised
                     and not link.at_least and not c[0].at_least and _argument(group) and _argument(c[1])), None)
        if prev is None:
            out.append((link, group, singles))
        else:
            plink, pgroup, psingles = out[prev]
            out[prev] = (plink, pgroup + group, psingles + singles)
    return [(link, *without_attackers(group, singles)) for link, group, singles in out]


def _argument(group: list[Quantity]) -> bool:
    """A counted group that is the verb's subject or object ("22 civilians"), not a bare figure
    hung on it ("36 were wounded, 4 by gunfire": 4 of the 36)."""
    return bool(group) and group[0].noun is not None and group[0].root.dep_ in _PARTICIPANT_DEPS


def _add_singular_victims(found: dict[str, list[Candidate]], used: set[int], doc: Doc, qs: list[Quantity]) -> None:
    """Victims named without a number ("a soldier was killed") where no figure counts them."""
    for kind, link, persons, counted in singular_victims(doc, qs):
        if kind not in found and not any(q.root.i in used for q in counted):
            found[kind] = [(link, counted, persons)]
        elif kind in found and not counted and all(
                g and is_further(g[0]) and g[0].start > max(t.i for t in persons) for _, g, _ in found[kind]):
            # "a soldier was killed and two others died": the named person, then the others
            found[kind] = [(link, [], persons)] + found[kind]
        elif kind in found and not counted and all(further_person(t) for t in persons):
            # "two fighters were killed, and a third died of his wounds": one more of the same toll
            last_link, last_group, last_singles = found[kind][-1]
            if not last_link.revised and (last_group or last_singles):
                found[kind][-1] = (last_link, last_group, last_singles + persons)


def _add_companions(found: dict[str, list[Candidate]], used: set[int], qs: list[Quantity]) -> None:
    """"was killed ..., along with two of his bodyguards": companions of the victims are victims too."""
    for q in qs:
        verb = companion_of(q)
        if q.root.i in used or verb is None or (q.noun is not None and is_attacker(q.noun)):
            continue                 # "26 people were killed, along with the 4 attackers": 26
        for cands in found.values():
            for n, (link, group, singles) in enumerate(cands):
                if link.cue.i == verb.i:
                    cands[n] = (link, group + [q], singles)
                    used.add(q.root.i)


def _best(cands: list[Candidate], trigger: Token | None) -> Candidate:
    """The figure of a kind the event reads: the nearest to its trigger; with no trigger to
    choose, a stated total ("bringing the toll to 25") supersedes the figures it adds up; a floor
    ("the dead included 4 children") yields to any full figure. A risen toll that governs the
    trigger states the event's total ("the toll rose to 141, with 11 X and 130 Y dying"), and so does
    one the trigger's clause governs when it adds to the same event ("two more died, bringing the
    toll to 7"; "killed 40, a toll that rose to 54")."""
    if trigger is not None and len(cands) > 1:
        cands = sorted(cands, key=lambda c: tree_distance(c[0].cue, trigger))
    # "two more died, bringing the toll to 7": more deaths of the same event; "strikes killed 20,
    # raising the toll to 1,200": the toll of a campaign, not of this event
    further = trigger is not None and any(c[0].cue.i == trigger.i and c[1] and is_further(c[1][0]) for c in cands)
    cands = sorted(cands, key=lambda c: (
        not (c[0].revised and (trigger is None or c[0].cue.is_ancestor(trigger) or (
            trigger.is_ancestor(c[0].cue) and (further or c[0].cue.dep_ == "relcl")))),
        c[0].at_least))
    return cands[0]


def _span_of(doc: Doc, cand: Candidate, offset: int) -> CountSpan | None:
    """The Count of one candidate and the tokens it was read from."""
    link, group, singles = cand
    # "killed a suspected bomber, a policeman and 3 civilians": the attackers named in any list of
    # the dead are left out of the victims' toll, however the list was found
    group, singles = without_attackers(group, singles)
    if not group:                    # "a soldier was killed": one per person named
        n = len(singles)
        first, last = min(t.left_edge.i for t in singles), max(t.i for t in singles) + 1
        return CountSpan(Count(low=n, best=n, high=n, who=" and ".join(noun_text(t) for t in singles),
                               text=doc[first:last].text), offset + first, offset + last)
    low, best, high = group[0].low, group[0].best, group[0].high
    for q in group[1:]:
        low, best, high = add_counts(low, q.low), add_counts(best, q.best), add_counts(high, q.high)
    n = len(singles)
    low, best, high = (None if v is None else v + n for v in (low, best, high))
    if low is None and high is None and best is None:
        return None
    start = min([x.start for x in group] + [x.noun.i for x in group if x.noun is not None]
                + [t.left_edge.i for t in singles])
    end = max(max(x.end for x in group), max((x.noun.i + 1 for x in group if x.noun is not None), default=0),
              max((t.i + 1 for t in singles), default=0))
    if link.revised:
        start = min(start, link.cue.i)
    elif link.cue.i == end:
        end += 1                     # "14 dead"
    who = victims_who(group)
    if singles:
        extra = " and ".join(" ".join(t.text for t in x.subtree if t.dep_ not in NOUN_TEXT_SKIP_DEPS
                                      and t.i <= x.i) for x in singles)
        who = f"{who} and {extra}" if who else extra
    count = Count(low=low, best=best, high=None if link.at_least else high, who=who, text=doc[start:end].text)
    if link.revised:
        count.revised = True  # type: ignore[attr-defined]  # Count allows extra fields
    return CountSpan(count, offset + start, offset + end)


def attackers_only(doc: Doc, span: CountSpan) -> bool:
    """Whether the persons a count's words name are all attackers ("12 assailants")."""
    nouns = [t for t in doc[span.start:span.end]
             if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in _NOT_HEAD_DEPS]
    return bool(nouns) and all(is_attacker(t) for t in nouns)
