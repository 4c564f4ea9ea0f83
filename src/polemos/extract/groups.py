"""Event words into events: the trigger words of a sentence that state one event are grouped
under the one that governs the others ("17 were killed when warplanes struck" is one attack;
"threatened to shell" is one threat), and each group gets the verb that states it (its anchor;
a noun only mentioned states no event). It is separate because it decides how many events a
sentence holds, before any of them is coded."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from polemos import datafiles
from polemos.extract.actors import is_date_word
from polemos.extract.resources import Resources
from polemos.extract.scenes import bomb_scenes, victims_scene
from polemos.extract.senses import other_sense, shared_subject_same_act
from polemos.extract.status import cues
from polemos.extract.tolls import casualty_verb, states_toll, toll_trigger
from polemos.extract.triggers import Trigger, TriggerEntry
from polemos.extract.visits import imagined, not_a_request, travel_without_destination

_DATE_PREPS = datafiles.word_list("function_words", "date_preps")
_SENSE_OBJECTS = {k: frozenset(v) for k, v in datafiles.load_yaml("triggers.yaml")["sense_objects"].items()}
_SENSE_COMPOUNDS = {k: frozenset(v) for k, v in datafiles.load_yaml("triggers.yaml")["sense_compounds"].items()}
_CAUSE_PREPS = frozenset({"of", "from"})
# a question ends in one "?" after a word ("Why do I have to sign?"); "credit. ??" and "power.?" are
# curly quotes lost in an encoding, not a question
_QUESTION = re.compile(r"[^\W_]\s?\?$")
_DECLARING_VERBS = datafiles.words("function_words", "declaring_verbs")
_DEMONSTRATIVES = datafiles.word_list("function_words", "demonstratives")
_NOUN_MODIFIER_DEPS = datafiles.word_list("grammar", "noun_modifier_deps")
_PARTICIPANT_DEPS = datafiles.word_list("grammar", "participant_deps")

# Relations through which one event word explains another of the same event: "17 were killed
# when warplanes struck", "an attack ... killed", "advancing ..., seizing towns".
_SAME_EVENT_DEPS = datafiles.words("grammar", "same_event_deps")
# Relations through which a statement carries its content: "threatened to shell", "accused X of attacking".
_CONTENT_DEPS = datafiles.words("grammar", "content_deps")
_CONTENT_PREPS = datafiles.words("function_words", "content_preps")
# Types an actor states in words (a threat, a demand, an accusation): what they are about is their
# content, not an event that happened.
SPEECH_TYPES = datafiles.words("ontology", "speech_types")
# Relations through which a demand noun carries its content clause ("a call for troops to leave").
_CLAUSE_DEPS = datafiles.words("grammar", "clause_deps")


# The entry of a demand stated by "must"/"should" under a verb of saying (no trigger word needed).
_OBLIGATION = TriggerEntry(index=-1, type="REQUEST", mode=None, objects=None, casualty=False, only_conditional=False)


@dataclass
class EventGroup:
    """Event words of one sentence that state one event; `root` governs the others."""

    root: Trigger
    members: list[Trigger] = field(default_factory=list)
    anchor: Token | None = None      # the verb that carries the event


class EventGrouping:
    """The step that groups a sentence's event words into events."""

    def __init__(self, res: Resources) -> None:
        self.res = res

    def groups(self, doc: Doc, headline: bool = False) -> list[EventGroup]:
        trigs = [t for t in self.res.lexicon.find(doc)
                 if self._usable_word(t, headline) or (headline and _headline_passive(t))]
        if not any(w.lower_ in cues()["condition_marks"] for w in doc):
            # "has taken steps to enhance freedoms": words that only threaten under a condition are
            # nothing without one, and must not swallow the event they govern
            trigs = [t for t in trigs if not t.entry.only_conditional]
        trigs += self._obligations(doc, {t.token.i for t in trigs})
        trigs += bomb_scenes(doc, {t.token.i for t in trigs})     # "At the X bomb, the victims were" (scenes.py)
        if headline and not any(t.type == "ASSAULT" for t in trigs):
            trigs += toll_trigger(doc)
        # "fired tear gas at", "carried out airstrikes": a light verb gives way to its event noun
        nouns_at = {t.token.i for t in trigs if t.is_noun}
        trigs = [t for t in trigs if t.is_noun or t.end - t.start > 1 or not self.res.lexicon.is_light(t.token)
                 or not any(c.dep_ in ("dobj", "obj") and c.i in nouns_at for c in t.token.children)]
        # "denied that its troops fired": the denied event is kept (status denied), not a REJECT
        deny = cues()["deny_verbs"]
        trigs = [t for t in trigs if not (t.token.lemma_.lower() in deny and any(
            o.token.i != t.token.i and t.token.is_ancestor(o.token) for o in trigs))]
        by_i = {t.token.i: t for t in trigs}
        parent: dict[int, int] = {}
        for t in trigs:
            gov = self._governor(t, by_i)
            if gov is not None:
                parent[t.token.i] = gov.token.i

        def root_of(i: int) -> int:
            seen = set()
            while i in parent and i not in seen:
                seen.add(i)
                i = parent[i]
            return i

        groups: dict[int, EventGroup] = {}
        for t in trigs:
            r = root_of(t.token.i)
            g = groups.setdefault(r, EventGroup(root=by_i[r]))
            g.members.append(t)
        out = []
        for g in groups.values():
            g.members.sort(key=lambda m: (m is not g.root, m.token.i))
            # a verb trigger used as the light verb of a noun trigger gives way to the noun
            # ("struck a deal" is an agreement)
            g.anchor = self._anchor(g, headline)
            if g.anchor is None:
                continue
            out.append(g)
        return sorted(out, key=lambda g: g.root.token.i)

    def _obligations(self, doc: Doc, taken: set[int]) -> list[Trigger]:
        """"Russia said Sudan must return the helicopter": what a speaker says someone must do is a
        demand, whatever the verb."""
        c = cues()
        out = []
        for tok in doc:
            if tok.i in taken or tok.pos_ != "VERB" or tok.dep_ not in ("ccomp",):
                continue
            if tok.head.lemma_.lower() not in c["speech_verbs"] | _DECLARING_VERBS:
                continue
            if any(a.dep_ == "aux" and a.lower_ in c["obligation_modals"] for a in tok.children):
                out.append(Trigger(tok, tok.i, tok.i + 1, _OBLIGATION, "REQUEST", None))
        return out

    def _usable_word(self, t: Trigger, headline: bool = False) -> bool:
        tok = t.token
        if _other_sense(t):
            return False          # "accepted responsibility for", "attack the virus", "a heart attack"
        if travel_without_destination(tok, t.type) or not_a_request(tok, t.type) or imagined(tok):
            return False          # "police arrived and cordoned off", "asked if", "the prospect of attacks"
        if other_sense(tok, t.type):
            return False          # "acquitted of killing", "warned police of his fears" (senses.py)
        if tok.pos_ in ("VERB", "AUX") and _QUESTION.search(tok.sent.text.rstrip(" \"'”’")):
            return False          # a question asks, it tells no event: "Why do I have to sign?"
        quiet = self.res.lexicon.non_events.get(tok.lemma_.lower())
        if quiet and any(c.dep_ == "xcomp" and c.lemma_.lower() in quiet for c in tok.children):
            return False          # "declined to comment"
        if t.entry.casualty and any(c.dep_ == "nsubj" and c.lemma_.lower() in self.res.lexicon.conflict_nouns
                                    for c in tok.children):
            return False          # "the war has killed 500,000 people": a running toll
        if tok.dep_ == "csubj" and tok.tag_ == "VBG" and tok.head.lemma_ == "be" and t.type != "ASSAULT" \
                and (tok.left_edge.i == 0 or tok.doc[tok.left_edge.i - 1].text != ","):
            return False          # "lifting the sanctions is out of the question": an act named, not done
        if tok.dep_ in ("amod", "compound") and tok.head.pos_ in ("NOUN", "PROPN") and not (
                tok.dep_ == "compound" and tok.head.lemma_.lower() in self.res.lexicon.toll_nouns) \
                and not (_headline_verb(t) and (headline or not any(w.pos_ in ("VERB", "AUX") for w in tok.doc))):
            return False          # "the visiting delegation", "attack helicopters" (not "the blast death toll")
        if tok.dep_ == "acl" and tok.tag_ == "VBN" and not t.entry.casualty and not _predicate_as_participle(tok) \
                and not (
                t.type == "ASSAULT" and any(c.dep_ == "agent" or c.ent_type_ in ("DATE", "TIME") or
                                            any(g.ent_type_ in ("DATE", "TIME") for g in c.children)
                                            for c in tok.children)):
            # "a cease-fire brokered by ...": a description, not a new event; but violence told
            # with its own time or perpetrator is ("a citizen kidnapped last Tuesday by a commando")
            return False
        if tok.pos_ == "VERB" and self.res.lexicon.is_light(tok):
            if any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in self.res.event_nouns for c in tok.children):
                return False
        return True

    def _governor(self, t: Trigger, by_i: dict[int, Trigger]) -> Trigger | None:
        """The event word this one belongs to, if any."""
        tok = t.token
        path: list[str] = []
        cur = tok
        for _ in range(4):
            if cur.head == cur:
                return None
            path.append(cur.dep_)
            cur = cur.head
            g = by_i.get(cur.i)
            if g is None and self.res.lexicon.is_light(cur):
                # "staged demonstrations to demand ...", "carried out airstrikes, killing dozens":
                # the light verb stands for its event noun
                g = next((by_i[c.i] for c in cur.children if c.dep_ in ("dobj", "obj") and c.i in by_i), None)
                if g is not None and g.token.i == tok.i:
                    g = None
            if g is None:
                continue
            deps = set(path)
            if t.type in self.res.ontology.purpose_of.get(g.type, ()) and deps <= {"advcl", "xcomp", "acl"} and \
                    any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
                return g          # "staged demonstrations to demand reforms": the purpose of the protest
            # the path must not pass through a participant ("the junta, which seized power, suspended ...")
            through_actor = any(x.pos_ in ("NOUN", "PROPN", "PRON") and x.dep_ in _PARTICIPANT_DEPS
                                and x.i not in by_i for x in path_between(tok, cur))
            if g.type == t.type and not through_actor and (
                    deps <= _SAME_EVENT_DEPS or (deps <= {"conj"} and (t.entry.casualty or g.entry.casualty
                                                                        or shared_subject_same_act(tok)))):
                return g
            preps_on_path = {x.lower_ for x in tok.ancestors if x.dep_ == "prep" and g.token.is_ancestor(x)}
            infinitive = deps == {"advcl"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
            if (g.type in SPEECH_TYPES and (deps <= _CONTENT_DEPS or infinitive) and g.token.pos_ == "VERB"
                    and preps_on_path <= _CONTENT_PREPS):
                return g          # the content of a statement: "threatened to shell"
            if g.type == "REQUEST" and g.is_noun and deps <= _CLAUSE_DEPS and any(
                    (c.dep_ == "mark" and c.lower_ in ("that", "for")) or (c.dep_ == "aux" and c.lower_ == "to")
                    for c in tok.children):
                return g          # what a stated demand asks for: "its demand that Israel ease ..."
            break
        if t.entry.casualty and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            # "killed seven soldiers ... and injured over a dozen people": a casualty verb with no
            # subject of its own counts victims of the attack above it
            cur = tok
            for _ in range(6):
                if cur.head == cur:
                    break
                cur = cur.head
                g = by_i.get(cur.i)
                if g is not None and g.type == t.type:
                    return g
        return None

    def _anchor(self, g: EventGroup, headline: bool = False) -> Token | None:
        """The verb that states the event; None when a noun is only mentioned, not stated."""
        if not g.root.is_noun:
            return g.root.token
        verbs = [m.token for m in g.members if not m.is_noun]
        n = g.root.token
        head = n.head
        if n.dep_ in ("dobj", "obj", "nsubjpass") and self.res.lexicon.is_light(head):
            return head           # "carried out an attack", "the attack was carried out with grenades"
        if n.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ in ("dobj", "obj") and \
                head.head.lemma_.lower() in self.res.lexicon.span_nouns and self.res.lexicon.is_light(head.head.head):
            return head.head.head  # "launched ten days of war games", "held a series of talks"
        if n.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in self.res.lexicon.occurrence_verbs:
            return head
        if n.dep_ in ("nsubj", "attr") and head.lemma_.lower() == "be" and any(c.dep_ == "expl" for c in head.children):
            return head           # "there was an explosion"
        if victims_scene(n):
            return n              # "In the market attack, the dead included four children" (scenes.py)
        if self._dated(n):
            return n              # "Sunday's airstrikes", "the talks on Feb. 8"
        claim = self._claimed(n)
        if claim is not None:
            return claim          # "the ELN claimed responsibility for the attack on a pipeline"
        if n.dep_ == "pobj" and self.res.lexicon.engage_verbs.get(head.head.lemma_.lower()) == head.lower_:
            return head.head      # "were engaged in ethnic cleansing", "resorted to heavy firing"
        if headline and n.dep_ == "ROOT":
            return n              # a headline made of the event noun: "Clashes in southern Aleppo"
        if headline and _headline_verb(g.root):
            return n              # "Protesters torch police station", "Gang kidnaps ...": a verb read as a noun
        if headline and not casualty_verb(n.doc) and states_toll(n):
            return n              # "Two soldiers dead in NPA attack": the toll of the attack it names
        if n.dep_ == "nsubj" and head.pos_ == "VERB" and g.root.type == "ASSAULT" and not casualty_verb(n.doc) \
                and states_toll(head):
            return head           # "the attack caused at least 84 deaths", "the blast left 12 dead"
        if n.dep_ == "pobj" and head.lower_ in self.res.lexicon.temporal_preps and \
                not any(c.lower_ == "the" for c in n.children):
            return n              # "during demonstrations", "after clashes" ("after the meeting" refers back)
        if n.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in self.res.lexicon.toll_nouns:
            return n              # "the death toll from the airstrikes"
        if n.dep_ == "compound" and head.lemma_.lower() in self.res.lexicon.toll_nouns:
            return n              # "Mogadishu blast death toll rises to five"
        return verbs[0] if verbs else None   # "an attack which killed 12": the verb states it

    def _claimed(self, n: Token) -> Token | None:
        """The verb of a claim of responsibility for this event noun ("claimed responsibility for
        the murder of X", "took responsibility for Sunday's bombing"): a claimed attack happened.
        None when the claim is denied ("no group has claimed ..."), and for a bare "the attack",
        which refers to one told before (the claim then names its perpetrator: claims.py)."""
        resp = self.res.lexicon.responsibility
        verbs = set(resp.get("verbs", [])) | set(resp.get("take_verbs", []))
        head = n.head
        if n.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() == "responsibility":
            verb = head.head.head
        elif n.dep_ in ("dobj", "obj"):
            verb = head
        else:
            return None
        if verb.lemma_.lower() not in verbs or verb.pos_ != "VERB":
            return None
        if any(c.lower_ in _DEMONSTRATIVES for c in n.children) and not any(
                c.dep_ in _NOUN_MODIFIER_DEPS for c in n.children):
            return None           # "claimed responsibility for the attack": the attack told before
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if any(c.dep_ == "neg" for c in verb.children) or subj is not None and (
                subj.lower_ in ("nobody", "none") or any(c.lower_ in ("no", "none") for c in subj.children)):
            return None
        return verb

    @staticmethod
    def _dated(n: Token) -> bool:
        for c in n.children:
            if c.dep_ in ("poss", "npadvmod", "compound") and is_date_word(c):
                return True
            if c.dep_ == "prep" and c.lower_ in _DATE_PREPS:
                if any(p.dep_ == "pobj" and p.ent_type_ == "DATE" for p in c.children):
                    return True
        return False


def path_between(tok: Token, gov: Token) -> list[Token]:
    """The tokens on the way up the tree from `tok` to `gov`, both excluded."""
    out, t = [], tok.head
    while t != gov and t.head != t:
        out.append(t)
        t = t.head
    return out


def _other_sense(t: Trigger) -> bool:
    """The event word is in another sense, told by its object or cause (data: sense_objects,
    sense_compounds): "accepted responsibility", "attack the virus", "died of the disease"."""
    tok = t.token
    objs = _SENSE_OBJECTS.get(t.type, frozenset())
    comps = _SENSE_COMPOUNDS.get(t.type, frozenset())
    for c in tok.children:
        if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in objs:
            return True
        if (t.entry.casualty or t.is_noun) and c.dep_ == "prep" and c.lower_ in _CAUSE_PREPS and any(
                g.dep_ == "pobj" and (g.lemma_.lower() in objs or g.lower_ in objs or _compounded(g, comps))
                for g in c.children):
            return True           # "died of the disease", "died of a heart attack"
    return t.is_noun and _compounded(tok, comps)


def _compounded(tok: Token, comps: frozenset[str]) -> bool:
    return any(c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in comps for c in tok.children)


def _headline_verb(t: Trigger) -> bool:
    """A phrase entry's word with no verb before it ("Protesters torch police station"; "Russian
    aircraft pound rebel-held Idlib, monitor says"): the small parser reads a present-tense headline
    verb as a noun. Only for headlines (the caller says), or for a line with no verb at all."""
    return t.end - t.start > 1 and not any(w.pos_ in ("VERB", "AUX") for w in t.token.doc[:t.start])


def _headline_passive(t: Trigger) -> bool:
    """A headline's passive told without its auxiliary ("Journalist detained by security forces",
    "Soldiers accused of raping women"): the participle hangs on the headline's head noun, and any
    other verb of the line is its own complement."""
    tok = t.token
    return tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.dep_ == "ROOT" and tok.head.pos_ in ("NOUN", "PROPN") \
        and tok.head.i < tok.i and not any(w.pos_ in ("VERB", "AUX") and w.i != tok.i and not tok.is_ancestor(w)
                                           for w in tok.doc)


def _predicate_as_participle(tok: Token) -> bool:
    """The sentence's verb read as a participle on the root noun ("Kurdish-led forces handed over several
    villages ..."): a participle with a direct object is active, so it is the predicate, not a modifier."""
    return tok.head.dep_ == "ROOT" and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i < tok.i \
        and any(c.dep_ in ("dobj", "obj") for c in tok.children)
