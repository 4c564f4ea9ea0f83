"""Victims counted without a number ("a soldier was killed": one per person named), conjoined
victim groups, companions ("along with two of his bodyguards") and further groups ("two others")."""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from polemos import datafiles
from polemos.extract.casualty_links import CountLink, has_object, headline_participle
from polemos.extract.casualty_terms import (
    KINDS,
    NOUN_TEXT_SKIP_DEPS,
    POSSESSIVE_DETERMINERS,
    VICTIM_TEXT_SKIP_DEPS,
    adj_kind,
    casualty_terms,
    casualty_words,
    noun_kind,
    verb_kind,
)
from polemos.extract.quantities import Quantity, is_further


def single_person(tok: Token) -> bool:
    """A conjoined singular person noun with no number: "and a police officer", "their driver"."""
    return (tok.tag_ == "NN" and tok.pos_ == "NOUN" and not any(c.dep_ == "nummod" for c in tok.children)
            and tok.lemma_.lower() not in casualty_words("not_people") and noun_kind(tok) is None
            and any(c.dep_ in ("det", "poss") for c in tok.children))


_PERSON_PRONOUNS = datafiles.words("function_words", "personal_pronouns")
_PART_PREPS = datafiles.words("function_words", "part_preps")   # "5 of them", "among them 6 women"
_PARTICIPANT_DEPS = datafiles.words("grammar", "participant_deps")
_FURTHER_WORDS = datafiles.words("function_words", "further_words")


def noun_text(t: Token) -> str:
    return " ".join(x.text for x in t.subtree
                    if x.i == t.i or x.i < t.i and x.dep_ not in NOUN_TEXT_SKIP_DEPS)


def _one_person(t: Token) -> bool:
    """A singular noun that names one person: "a soldier", "the village head", "he", a PERSON."""
    if t.lower_ in _PERSON_PRONOUNS:
        return True
    if t.pos_ == "PROPN":      # a PERSON, or a headline's capitalised "Officer"
        if t.ent_type_ == "NORP" and _indefinite(t):
            return True        # "shot a Canadian", "a Briton was killed"
        return t.ent_type_ == "PERSON" or (t.tag_ == "NNP" and t.lower_ in casualty_words("person_nouns")) or (
            t.tag_ == "NNP" and any(c.dep_ in ("compound", "appos") and c.tag_ == "NN"
                                    and c.lemma_.lower() in casualty_words("person_nouns")
                                    for c in t.children))      # "banker ramiro castillo love", "ossa, the candidate"
    return (t.tag_ == "NN" and t.lemma_.lower() in casualty_words("person_nouns")) or further_person(t)


_NOT_PERSON_ENTS = datafiles.words("grammar", "not_person_entities")


def _named_beside_person(t: Token, group: list[Token]) -> bool:
    """"Marcos and his driver were killed": a name the tagger left untyped, listed with a person
    noun among the dead, is a person too (a place or group name is typed and stays out)."""
    return t.pos_ == "PROPN" and t.ent_type_ not in _NOT_PERSON_ENTS and not any(
        c.dep_ == "compound" for c in t.children if c.ent_type_ in _NOT_PERSON_ENTS) and any(
        x.i != t.i and x.pos_ == "NOUN" and _one_person(x) for x in group)


def further_person(t: Token) -> bool:
    """"a third", "a fourth": one more person of a group counted before ("a third died later")."""
    return t.lower_ in casualty_words("further_ordinals") \
        and any(c.dep_ == "det" and c.lower_ in ("a", "another") for c in t.children) \
        and not any(c.dep_ == "prep" for c in t.children)


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
            out += [c] + conjuncts(c)
    return out


def singular_victims(doc: Doc, qs: list[Quantity]) -> list[tuple[str, CountLink, list[Token], list[Quantity]]]:
    """Victims named without a number: "a soldier was killed", "gunmen kill doctor, his
    associate" = 1 and 2. Only when every conjoined victim is one person (a plural leaves the
    number unknown)."""
    in_q = {t.i for q in qs for t in q.tokens} | {q.noun.i for q in qs if q.noun is not None}
    by_root = {q.root.i: q for q in qs}
    out: list[tuple[str, CountLink, list[Token], list[Quantity]]] = []
    event_nouns = set(casualty_terms()["victim_event_nouns"])
    for noun in doc:
        # "the murder of Justice Carlos Valencia", "the assassination of the mayor": one dead
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in event_nouns:
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss" and c.i not in in_q), None)
        if owner is not None and owner.lower_ not in _PERSON_PRONOUNS | POSSESSIVE_DETERMINERS \
                and all(t.i not in by_root and _one_person(t) for t in [owner] + conjuncts(owner)):
            out.append(("killed", CountLink("killed", noun), [owner] + conjuncts(owner), []))   # "Pizarro's murder"
            continue
        for prep in noun.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            heads = [c for c in prep.children if c.dep_ == "pobj" and c.i not in in_q]
            for head in heads:
                group = [head] + conjuncts(head)
                if all(t.i not in by_root and _one_person(t) for t in group):
                    out.append(("killed", CountLink("killed", noun), group, []))
    for verb in doc:
        if verb.pos_ != "VERB":
            continue
        k = verb_kind(verb, "transitive")
        roles: tuple[str, ...] = ("dobj", "nsubjpass") if k else ()
        if k and not has_object(verb) and (verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children)
                                            or headline_participle(verb)):
            roles = ("nsubjpass", "nsubj")       # a headline's bare participle: "Officer killed"
        if not k:
            k = verb_kind(verb, "intransitive")
            roles = ("nsubj",) if k else ()
        if not k or k == "displaced":
            continue                     # one person fleeing is not a displacement
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            continue                     # "an attempt to assassinate the minister": not a death
        heads = [c for c in verb.children if c.dep_ in roles]
        if not heads and roles == ("nsubj",) and verb.dep_ == "conj" and verb.head.pos_ == "VERB":
            # "a policeman was stabbed and later died": the subject the two verbs share
            heads = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if k and verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.dep_ == "ROOT" and not has_object(verb):
            heads.append(verb.head)              # a headline: "Terrorist killed in raid"
        for head in heads:
            group = [head] + conjuncts(head) + _list_after_comma(head)
            if head.i in in_q:
                continue                         # a number of its own: linked already
            # "killed a suspected bomber, a soldier, 4 paramilitaries and 4 civilians"
            counted = [by_root[t.i] for t in group if t.i in by_root]
            persons = [t for t in group if t.i not in by_root]
            # ("killing themselves and 12 shoppers": the attackers beside the victims are left out later)
            if not all(_one_person(t) or _named_beside_person(t, persons)
                       or (is_attacker(t) and (counted or any(not is_attacker(x) for x in persons)))
                       for t in persons):
                continue
            out.append((k, CountLink(k, verb), persons, counted))
            break
    return out


def conjuncts(h: Token) -> list[Token]:
    out = []
    for c in h.children:
        if c.dep_ == "conj":
            out.append(c)
            out.extend(conjuncts(c))
    return out


def victims_who(qs: list[Quantity]) -> str | None:
    parts = []
    for q in qs:
        if q.noun is None:
            continue
        words = [t for t in q.noun.subtree
                 if t.i <= q.noun.i and t.i not in {x.i for x in q.tokens}
                 and t.dep_ not in VICTIM_TEXT_SKIP_DEPS
                 and not t.like_num]
        words = [t for t in words if t.i >= (q.end if q.end <= q.noun.i else 0)]
        if q.noun.pos_ == "PRON" or q.noun.lemma_.lower() in casualty_terms()["lives"]["nouns"] or any(
                adj_kind(q.noun) == k or noun_kind(q.noun) == k for k in KINDS):
            continue
        text = " ".join(t.text for t in words)
        if text and text not in parts:
            parts.append(text)
    return " and ".join(parts) or None


def companion_of(q: Quantity) -> Token | None:
    """The verb of "along with N ..." / "together with N ..." when the quantity is that N."""
    h = q.root
    if h.dep_ != "pobj" or h.head.lower_ != "with":
        return None
    w = h.head
    if w.head.lower_ == "along":
        return w.head.head
    if any(c.lower_ in ("together", "along") for c in w.children) or (
            w.i > 0 and w.nbor(-1).lower_ in ("together", "along")):
        return w.head
    return None


def add_further_groups(cands: list, apart: Callable[[Token], bool] | None = None) -> list:
    """Figures of one kind in one sentence where a later one is "N others"/"N more" ("a soldier
    was killed and two others died later") count one group on top of the other: summed, unless
    `apart` says the later one's verb tells another event."""
    if len(cands) < 2:
        return cands
    out = [cands[0]]
    for link, group, singles in cands[1:]:
        plink, pgroup, psingles = out[-1]
        if group and is_further(group[0]) and not link.revised and not plink.revised \
                and not (apart is not None and apart(link.cue)) \
                and not link.at_least and group[0].start > max((q.start for q in pgroup), default=-1):
            out[-1] = (plink, pgroup + group, psingles + singles)
        else:
            out.append((link, group, singles))
    return out


def add_counts(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


def tree_distance(a: Token, b: Token) -> int:
    up_a = [a] + list(a.ancestors)
    up_b = [b] + list(b.ancestors)
    ids_b = {t.i: n for n, t in enumerate(up_b)}
    for n, t in enumerate(up_a):
        if t.i in ids_b:
            return n + ids_b[t.i]
    return len(up_a) + len(up_b)




def group_head(tok: Token) -> Token:
    """The noun a counted compound belongs to: "5 faction members" counts members."""
    while tok.dep_ in ("compound", "nmod") and tok.head.i > tok.i and tok.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head
    return tok


def verb_conjuncts(q: Quantity, cue: Token) -> list[Token]:
    """"killed 6 from HTS and 3 regime soldiers": the parser may hang a later victim group on the
    verb as its conjunct; a noun or number conjoined to the verb that has no verb of its own is
    one more object of it."""
    if q.root.dep_ not in _PARTICIPANT_DEPS or q.root.head.i != cue.i or cue.pos_ != "VERB":
        return []
    doc = cue.doc
    # ("nine were killed in the first blast and four in the second": a gapped clause, same verb)
    return [c for c in cue.children if c.dep_ == "conj" and c.i > q.root.i and c.pos_ in ("NOUN", "PROPN", "NUM")
            and not any(x.dep_.startswith("nsubj") for x in c.children)
            and not any(_states_kind(x) for x in [*c.subtree, *doc[c.right_edge.i + 1:c.right_edge.i + 2]])]


def _states_kind(t: Token) -> bool:
    """A word that states what happened to a group ("30 wounded"): it is a clause of its own."""
    return adj_kind(t) is not None or (
        t.pos_ == "VERB" and (verb_kind(t, "transitive") or verb_kind(t, "intransitive")) is not None)


def is_attacker(tok: Token) -> bool:
    """A noun naming the attackers of the event ("the bomber", "3 suicide bombers")."""
    return tok.lemma_.lower() in casualty_words("attacker_nouns") or tok.lower_ in casualty_words("attacker_nouns")


def is_combatant(tok: Token) -> bool:
    """An armed man of a side in a fight ("soldiers", "fighters", "members")."""
    return tok.lemma_.lower() in casualty_words("combatant_nouns") or tok.lower_ in casualty_words("combatant_nouns")


def without_attackers(group: list[Quantity], singles: list[Token]) -> tuple[list[Quantity], list[Token]]:
    """A list of dead that names the attackers apart from the victims ("26 people and the
    bomber", "32 people and 3 suicide bombers") counts the victims; a list of attackers only
    stays as it is ("all 4 attackers were killed")."""
    keep_g = [q for q in group if q.noun is None or not is_attacker(q.noun)]
    keep_s = [t for t in singles if not is_attacker(t)]
    if not keep_g and not keep_s:
        return group, singles
    if all(q.noun is not None and is_combatant(q.noun) for q in group) and all(is_combatant(t) for t in singles):
        return group, singles        # a battle: "3 SDF fighters and 5 gunmen" are both sides' dead
    if not keep_g:        # the victims are all single persons: "a guard and the bomber"
        return [], keep_s
    return keep_g, keep_s


_ASIDE_MARKS = frozenset(("--", "—", "–", "("))


def listed_after(head: Token, cue: Token) -> list[Token]:
    """"22 civilians, 2 police officers, and 5 attackers": the parser hangs the next counted
    group of a list on the first as an apposition ("5 of them children" is a part, not more). A
    subject's list ends at its verb ("1 officer was killed, 2 others ... injured")."""
    out: list[Token] = []
    doc = head.doc
    for c in head.children:
        if head.i < cue.i < c.i:
            continue
        opening = doc[c.left_edge.i - 1] if c.left_edge.i > 0 else None
        if c.dep_ == "appos" and opening is not None and opening.text in _ASIDE_MARKS:
            # "six priests -- five Spaniards and one Salvadoran -- and two women": the aside parts
            # the group before it; what follows the closing mark is one more group
            close = next((t.i for t in doc[c.i + 1:] if t.text in _ASIDE_MARKS or t.text == ")"), len(doc))
            out += [x for x in conjuncts(c) if x.i > close]
            continue
        if headline_item(c, cue):
            out.append(c)                # "2 rebels, soldier killed"
            continue
        if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN") and any(x.dep_ == "nummod" for x in c.children) \
                and not any(x.lower_ in _PART_PREPS for x in head.doc[head.i + 1:c.i + 1]) \
                and not any(x.dep_ == "prep" and x.lower_ in _PART_PREPS for x in c.children):
            out += [c] + conjuncts(c)
    return out


def headline_item(tok: Token, cue: Token) -> bool:
    """"2 rebels, soldier killed": a bare person noun last in a headline's list, the casualty
    participle hung on it."""
    return tok.dep_ == "appos" and cue.head.i == tok.i and cue.dep_ == "acl" and _one_person(tok)


def coordinated_before(head: Token) -> list[Token]:
    """"a woman and her three children": the persons conjoined before a counted group."""
    top = head
    while top.dep_ == "conj" and top.head.pos_ in ("NOUN", "PROPN") and top.head.i < top.i:
        top = top.head
    if top is head or (top.dep_ == "pobj" and top.head.lower_ in _PART_PREPS) \
            or any(c.lower_ in _FURTHER_WORDS for c in head.children):
        return []                # "18 people including 8 civilians and 10 soldiers and another 27"
    return [t for t in [top, *conjuncts(top)] if t.i < head.i and single_person(t)]


def co_arguments(head: Token, cue: Token) -> list[Token]:
    """"15 police personnel and a driver were killed", parsed as two subjects of the verb."""
    if head.head.i != cue.i or head.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return []
    # ("killed 4 people, among them a child": a part of the 4, not one more)
    return [c for c in cue.children if c.dep_ == head.dep_ and c.i > head.i
            and not any(x.lower_ in _PART_PREPS and (x.lower_ != "of" or x.nbor(1).lower_ in ("them", "whom"))
                        for x in head.doc[head.i + 1:c.i])]
