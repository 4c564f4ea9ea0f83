"""Who took part in an event beyond the roles its words give: pronouns and titles recalled from
the story ("the minister"), the target named inside what was said ("demanded that Hamas
renounce"), the author of a proposal answered, the country an event is done in, the partner of
talks, and the country of an actor named by a word only the story resolves ("the regime"). It
is separate from the event builder because these lookups are about actors, not events."""
from __future__ import annotations

from spacy.tokens import Token

from polemos import datafiles
from polemos.extract.actors import Coded
from polemos.extract.groups import EventGroup, path_between
from polemos.extract.resources import Resources
from polemos.extract.story import StoryContext, StoryState
from polemos.models import Actor

_PROPOSAL_NOUN_DEPS = datafiles.word_list("grammar", "proposal_noun_deps")
_RECALLED_TITLES = datafiles.word_list("function_words", "recalled_titles")
_TARGET_PREPS = datafiles.word_list("function_words", "target_preps")


class Participants:
    """Codes an event's actors from the story and the sentence."""

    def __init__(self, res: Resources, story: StoryContext) -> None:
        self.res = res
        self.story = story

    def named_by_modifier(self, n: Token) -> bool:
        """An event noun whose modifier names who did it ("government airstrikes", "rebel attack")."""
        return any(c.dep_ in ("compound", "amod") and (c.lemma_.lower() in self.res.coder.agent_nouns
                                                       or c.lower_ in self.res.coder.modifier_sectors)
                   for c in n.children)

    def context_word(self, a: Actor) -> bool:
        """The actor is named by a word only the story resolves ("the regime", "rebels")."""
        words = (a.text or "").lower().split()
        rules = self.res.coder.context_rules
        return bool(words) and (words[-1] in rules or words[-1].rstrip("s") in rules)

    def code_tok(self, tok: Token, state: StoryState, when, type_: str | None) -> list[Coded] | None:
        if self.res.coder.is_pronoun(tok) or self.story.is_anaphor(tok) or tok.lemma_.lower() in _RECALLED_TITLES \
                and not any(c.dep_ in ("compound", "amod", "poss") for c in tok.children):
            c = self.story.recall(state, tok, when)
            if c is None or not (c.actor.country or c.actor.sector):
                # a person we cannot code is no one we can name: never an older person instead
                return (self.res.coder.code(tok, when, type_) or None) if not self.res.coder.is_pronoun(tok) else None
            actor = c.actor.model_copy()
            actor.text = tok.text if not self.res.coder.is_pronoun(tok) else actor.text
            if type_ in self.res.coder.state_force_types and actor.sector == "GOV" and not c.person:
                actor.sector = "MIL"
            return [Coded(actor, c.head, c.person, True)]
        cs = self.res.coder.code(tok, when, type_)
        if not any(c.actor.sector for c in cs) and tok.lemma_.lower() in self.res.coder.generic_heads:
            owner = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
            if owner is not None:
                # "its supporters", "their members": the body's people, coded as the body
                return self.code_tok(owner, state, when, type_)
        owner = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
        if owner is not None and cs and cs[0].actor.sector == "GOV":
            # "the opposition government's foreign ministry": a body of the opposition is
            # theirs, not the state's
            held = self.code_tok(owner, state, when, None)
            if held and held[0].actor.sector == "OPP":
                actor = held[0].actor.model_copy(update={"text": cs[0].actor.text})
                return [Coded(actor, tok, False, held[0].explicit_country)]
        learned = self.story.named_before(state, tok, cs)
        if learned is not None:
            return [learned]
        self.story.titled_before(state, tok, cs)
        self.story.origin_before(state, tok, cs)
        return cs or None

    def code_first(self, toks: list[Token], state, when, type_, victim: bool = False,
                   target: bool = False) -> list[Coded] | None:
        for t in toks:
            cs = self.code_tok(t, state, when, type_ if not (victim or target) else None)
            if cs:
                return cs
        return None

    def content_target(self, anchor: Token, a1, state, when) -> list[Coded] | None:
        mine = {c.actor.country for c in a1 or []}
        for clause in (c for c in anchor.children if c.dep_ in ("ccomp", "xcomp")):
            cands = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            cands += [c for c in clause.children if c.dep_ in ("dobj", "dative")]
            cands += [p for c in clause.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS
                      for p in c.children if p.dep_ == "pobj"]
            for t in cands:
                cs = self.code_tok(t, state, when, None)
                if cs and (cs[0].actor.country is None or cs[0].actor.country not in mine or not mine):
                    return cs
        return None

    def proposal_author(self, g: EventGroup, state, when) -> list[Coded] | None:
        """"rejected calls by Belarus's rulers": the one who made the call answered."""
        for m in g.members:
            for o in m.token.children:
                if o.dep_ not in _PROPOSAL_NOUN_DEPS:
                    continue
                if o.dep_ == "prep":     # "conceded to demands from UNITA"
                    pobj = next((p for p in o.children if p.dep_ == "pobj"), None)
                    if pobj is None:
                        continue
                    o = pobj
                if o.lemma_.lower() not in self.res.targets.proposal_nouns:
                    continue
                author_preps = self.res.targets.proposal_author_preps
                authors = [p for c in o.children if c.dep_ == "prep" and c.lower_ in author_preps
                           for p in c.children if p.dep_ == "pobj"]
                authors += [c for c in o.children if c.dep_ == "poss"]
                cs = self.code_first(authors, state, when, None, target=True)
                if cs:
                    return cs
                cs = [c for c in self.res.coder.code(o, when, None) if c.explicit_country]
                if cs:               # "a Senegalese peace plan": Senegal's
                    for c in cs:
                        c.actor.sector = c.actor.sector or "GOV"
                    return cs
        return None

    def place_target(self, anchor: Token, g: EventGroup, place) -> Actor | None:
        """"refused to deploy peacekeepers in Iraq": with no one named as target, the country the
        event is done in, to or from (a country, a capital, or the gazetteer's place)."""
        starts = [anchor] + [m.token for m in g.members if m.token != anchor]
        for start in starts:
            for t in start.subtree:
                if t.dep_ != "pobj" or t.head.lower_ not in self.res.targets.place_target_preps:
                    continue
                if any(x.dep_ not in self.res.targets.place_target_path for x in [t, *path_between(t, start)]):
                    continue      # in a clause of its own ("talks that began in Doha")
                words = self.res.coder.np_tokens(t)
                text = " ".join(w.text for w in words if w.dep_ != "det")
                found = self.res.coder.countries_in(text)
                iso = found[0][1] if found else None
                if iso is not None:
                    return Actor(text=text, country=iso, sector="GOV")
                if place is not None and place.country and place.text and place.text in text:
                    iso = place.country
                if iso:
                    return Actor(text=text, country=iso, sector=None)
        return None

    def with_partner(self, n: Token, state, when, type_) -> list[Coded] | None:
        """Talks named without a partner take the "with X" of the phrase they sit in
        ("no consensus with the Russian delegation at the talks")."""
        t = n
        for _ in range(4):
            if t.head == t:
                break
            if t.dep_ == "pobj" and t.head.lower_ == "with" and t != n:
                return self.code_first([t], state, when, type_)
            t = t.head
            for p in t.children:
                if p.dep_ == "prep" and p.lower_ == "with":
                    objs = [o for o in p.children if o.dep_ == "pobj"]
                    if objs:
                        return self.code_first(objs, state, when, type_)
        return None
