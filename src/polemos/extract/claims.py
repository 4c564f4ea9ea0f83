"""Claims of responsibility and identified attackers: "The PKK claimed responsibility", "X is
suspected to be behind the attack", "the attacker was identified as X". A later sentence names
the perpetrator of attacks told before without one; this module finds the one named and gives
it to those attacks. It is separate because it revises earlier events rather than stating a
new one."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Token

from polemos import datafiles
from polemos.extract.actors import Coded
from polemos.extract.context import Remember
from polemos.extract.participants import Participants
from polemos.extract.resources import Resources
from polemos.extract.revisions import PerpetratorRevision
from polemos.extract.story import StoryState
from polemos.models import Actor, Article, Event

# entity types of a group no dictionary lists that may claim an attack ("" : no entity type)
_CLAIMANT_ENTITIES = datafiles.words("grammar", "claimant_entities")


class Claims:
    """Reads claims of responsibility."""

    def __init__(self, res: Resources, participants: Participants) -> None:
        self.res = res
        self.participants = participants

    def claims(self, doc: Doc, article: Article, state: StoryState,
               events: list[Event]) -> Iterator[PerpetratorRevision | Remember]:
        """"The PKK claimed responsibility", "X is suspected to be behind the attack", "the
        government blamed X for the attack", "X was responsible for the bombing": the one named is
        the perpetrator of the attacks told before without a named perpetrator (an unnamed
        "gunman", "militants" or "suicide bomber" included; a state's forces are never replaced)."""
        claimant = self._claimant(doc)
        identified = claimant is None
        if identified:
            claimant = self._identified(doc)
        if claimant is None:
            return
        resp = self.res.lexicon.responsibility
        if claimant.lemma_.lower() in resp.get("speaker_nouns", []):
            # "a spokesman for the Baloch Nationalist Army": the group, not its speaker
            claimant = next((p for c in claimant.children if c.dep_ == "prep" and c.lower_ in ("for", "of")
                             for p in c.children if p.dep_ == "pobj"), claimant)
        described = claimant
        claimant = _name_of(claimant)
        coded = self.participants.code_tok(claimant, state, article.published, "ASSAULT")
        called = _self_named(described)
        if called is not None and not (coded and coded[0].actor.name):
            # "a militant faction calling itself X claimed ...": X, an armed group (what the
            # description says it is, else REB)
            kind = self.participants.code_tok(described, state, article.published, "ASSAULT")
            sector = kind[0].actor.sector if kind and kind[0].actor.sector in ("REB", "CRM") else "REB"
            actor = Actor(text=called, name=called, sector=sector)
        elif coded and (coded[0].actor.name or coded[0].actor.country):
            actor = coded[0].actor
        elif identified and claimant.pos_ == "PROPN":
            # "the attacker was identified as X": the attacker's name, the sector we had
            text = _span_text(self.res.coder.np_tokens(claimant))
            actor = Actor(text=text, name=text, sector=None)
        elif _is_name(claimant) and claimant.ent_type_ in _CLAIMANT_ENTITIES:
            # a group no dictionary lists that claims an attack is the armed group that did it
            text = _span_text(self.res.coder.np_tokens(claimant))
            actor = Actor(text=text, name=text, sector="REB")
        else:
            return
        if called is not None and not identified and actor.name:
            # "The group vowed more attacks": the claimant is who "the group" means next (a name
            # the tagger found is remembered already: `StoryContext.people_named`)
            m = self.participants.story.memory_of(Coded(actor, claimant, False, False))
            if m is not None:
                yield Remember(m)
        for ev in reversed(events):
            if ev.type != "ASSAULT":
                continue
            a = ev.actor1
            if a is not None and a.name is not None and a.name == actor.name:
                continue          # the attack the claim itself tells ("claimed the bombing"): told before too
            if a is not None and a.name is not None:
                break             # an attack by a group already named: older attacks are not this one's
            if a is None or a.sector in ("UAF", "UNK", "REB", "CRM", "CVL", None):
                new = actor.model_copy()
                if new.country is None and not identified and ev.location is not None and ev.location.country:
                    new.country = ev.location.country   # a group with no known home: where it attacks
                if identified:
                    new.sector = a.sector if a is not None else None
                    new.country = a.country if a is not None else None
                yield PerpetratorRevision(ev, new, "identified attacker" if identified else "claim of responsibility")

    def _identified(self, doc: Doc) -> Token | None:
        """"The attacker was identified as X", "the gunman, identified as X,", "a suicide bomber
        named X", "The attacker, 28-year-old X,": X."""
        resp = self.res.lexicon.responsibility
        attackers = resp.get("attacker_nouns", [])
        for tok in doc:
            if tok.lemma_.lower() in attackers and tok.pos_ == "NOUN":
                name = next((c for c in tok.children if c.dep_ == "appos" and _is_name(c)
                             and c.ent_type_ in ("PERSON", "")), None)
                if name is not None:       # "The suspect, 23-year-old Mark Conditt of Austin,"
                    return name
            if tok.lemma_.lower() not in resp.get("identify_verbs", []) or tok.tag_ != "VBN":
                continue
            who = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            if who is None and tok.dep_ == "acl":
                who = tok.head
            if who is None or who.lemma_.lower() not in attackers:
                continue
            name = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "as"
                         for p in c.children if p.dep_ == "pobj"), None)
            if name is None:               # "a suicide bomber named Salman Abedi"
                name = next((c for c in tok.children if c.dep_ in ("oprd", "dobj", "attr") and _is_name(c)), None)
            if name is not None:
                return name
        return None

    def _claimant(self, doc: Doc) -> Token | None:
        resp = self.res.lexicon.responsibility
        objects = set(resp.get("objects", []))
        attackers = set(resp.get("attacker_nouns", [])) | set(resp.get("group_attacker_nouns", []))
        affiliation = resp.get("affiliation_verbs") or {}
        words = _as_sets(resp)
        for tok in doc:
            settled, who = _token_claimant(tok, words, objects, attackers, affiliation)
            if settled:
                return who
        return None


_SETS: list[tuple[dict, dict]] = []


def _as_sets(resp: dict) -> dict:
    """`resp` with its word lists as sets (the same answers to `in`, asked of every token of a
    sentence; speed), made once per lexicon."""
    if not _SETS or _SETS[0][0] is not resp:
        _SETS[:] = [(resp, {k: frozenset(v) if isinstance(v, list) else v for k, v in resp.items()})]
    return _SETS[0][1]


def _pobj(tok: Token, preps: Iterable[str]) -> Token | None:
    return next((p for c in tok.children if c.dep_ == "prep" and c.lower_ in preps
                 for p in c.children if p.dep_ == "pobj"), None)


def _about_attack(tok: Token, preps: tuple[str, ...], objects: set[str]) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in preps and any(
        p.dep_ == "pobj" and p.lemma_.lower() in objects for p in c.children) for c in tok.children)


def _token_claimant(tok: Token, resp: dict, objects: set[str], attackers: set[str],
                    affiliation: dict) -> tuple[bool, Token | None]:
    """Whether this word settles who claimed the attack, and who (None: "behind" the attack with
    no subject up to the root: no one, and the search stops)."""
    lemma = tok.lemma_.lower()
    if lemma in resp.get("verbs", []) and any(
            c.dep_ in ("dobj", "obj", "nsubjpass") and c.lemma_.lower() in objects | {"it"}
            for c in tok.children):
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None:      # "It was claimed by the Pakistani Taliban"
            subj = next((p for c in tok.children if c.dep_ == "agent"
                         for p in c.children if p.dep_ == "pobj"), None)
        negated = any(c.dep_ == "neg" for c in tok.children) or (
            subj is not None and any(c.lower_ in ("no", "none") for c in subj.children))
        if subj is not None and not negated and subj.lower_ not in ("nobody", "none"):
            return True, subj   # "No group has claimed responsibility" names no one
    elif lemma in resp.get("carry_verbs", []) and tok.dep_ == "ccomp" and \
            tok.head.lemma_.lower() in resp.get("claim_speech_verbs", []) and any(
            c.dep_ in ("dobj", "obj") and c.lemma_.lower() in objects for c in tok.children) and any(
            c.dep_ == "nsubj" and c.lower_ in ("it", "they", "we") for c in tok.children):
        subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if subj is not None and not any(c.dep_ == "neg" for c in (*tok.children, *tok.head.children)):
            return True, subj     # "Al-Shabaab said it carried out the attack": a claim in other words
    elif lemma in resp.get("blame_verbs", []) and _about_attack(tok, ("for",), objects):
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "obj")), None)
        if obj is not None:
            return True, obj
    elif lemma in resp.get("blame_verbs", []) and any(
            c.dep_ == "nsubjpass" and c.lemma_.lower() in objects for c in tok.children):
        on = _pobj(tok, ("on",))
        if on is not None:        # "the attack was blamed on the BIFF"
            return True, on
    elif lemma in resp.get("take_verbs", []) and any(
            c.dep_ in ("dobj", "obj") and c.lemma_.lower() == "responsibility" for c in tok.children):
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is not None and not any(c.dep_ == "neg" for c in tok.children) \
                and not any(c.lower_ in ("no", "none") for c in subj.children):
            return True, subj           # "Jaish al-Adl took responsibility for the attack"
    elif lemma in resp.get("member_nouns", []) and tok.dep_ == "attr" and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in attackers for c in tok.head.children):
        group = _pobj(tok, ("of",))
        if group is not None:     # "The shooter was a member of Hamas"
            return True, group
    elif lemma in affiliation and (tok.dep_ in ("acl", "relcl") and tok.head.lemma_.lower() in attackers
                                   or any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in attackers
                                          for c in tok.children)):
        group = _pobj(tok, affiliation[lemma])
        if group is not None:     # "militants belonging to X", "a gunman affiliated with X"
            return True, group
    elif lemma in resp.get("responsible_words", []) and tok.dep_ == "acomp" and _about_attack(tok, ("for",), objects):
        subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return True, subj
    elif lemma in resp.get("suspect_verbs", []) and tok.tag_ == "VBN" and not any(
            c.dep_ in ("xcomp", "prep", "ccomp") for c in tok.children):
        subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if subj is not None:  # "the Islamic State is suspected"
            return True, subj
    elif tok.lower_ == "behind" and tok.dep_ == "prep" and any(
            p.dep_ == "pobj" and p.lemma_.lower() in objects for p in tok.children):
        return _subject_above(tok)
    return False, None


def _subject_above(tok: Token) -> tuple[bool, Token | None]:
    """"X is suspected to be behind the attack": the subject of the nearest verb above (up to
    three); settled with no one when the root has none."""
    v = tok.head
    for _ in range(3):
        s = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if s is not None or v.head == v:
            return True, s
        v = v.head
    return False, None


def _is_name(tok: Token) -> bool:
    """A proper name, an acronym ("the BLA", often tagged a common noun), or a common noun a
    proper name qualifies ("the Ansar al-Furqan group")."""
    return tok.pos_ == "PROPN" or tok.pos_ == "NOUN" and (
        tok.is_upper and len(tok) >= 2 or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children))


def _self_named(tok: Token) -> str | None:
    """"a faction calling itself Hizb-ul-Ahrar", "a group that calls itself X": the name it gives
    itself (the run of name words from the object of "call itself" on)."""
    for c in tok.children:
        if c.dep_ in ("acl", "relcl") and c.lemma_.lower() == "call" and any(
                k.lower_ in ("itself", "themselves") for k in c.children):
            named = next((k for k in c.children if k.dep_ in ("oprd", "dobj", "attr") and k.pos_ == "PROPN"), None)
            if named is None:
                return None
            doc = tok.doc
            start = end = named.i
            itself = max(k.i for k in c.children if k.lower_ in ("itself", "themselves"))
            while start - 1 > itself and (doc[start - 1].pos_ == "PROPN" or doc[start - 1].text[:1].isupper()
                                          or not doc[start - 1].whitespace_):
                start -= 1       # "Katiba Sahel", "Jaish-ul-Hind": the whole name, not its last word
            while end + 1 < len(doc) and doc[end + 1].ent_type_ != "DATE" and (
                    doc[end + 1].pos_ == "PROPN" or doc[end + 1].text == "-" and not doc[end].whitespace_):
                end += 1
            return doc[start: end + 1].text.strip("- ")
    return None


def _name_of(tok: Token) -> Token:
    """"an Islamic terrorist group Jamaah Ansharut Daulah": the name set beside a common noun."""
    if tok.pos_ == "NOUN":
        named = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if named is not None:
            return named
    return tok


def _span_text(span: list[Token]) -> str:
    """A noun phrase as written, its determiner aside ("Jund al-Haqq", not "Jund al - Haqq")."""
    words = [t for t in span if t.dep_ != "det"]
    if not words:
        return ""
    doc = words[0].doc
    return doc[words[0].i:words[-1].i + 1].text
