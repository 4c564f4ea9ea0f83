"""From articles to Event records: clean → parse candidate sentences → triggers → actors →
status → date, counts, place → ACLED crosswalk → Event. Finding (triggers, roles) is kept apart
from writing (Event records); every word list is data (see polemos/data/)."""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from spacy.tokens import Doc, Token

from polemos.extract.acled import acled_type
from polemos.extract.actors import ActorCoder, Coded, default_coder, is_date_word, roles
from polemos.extract.status import StatusResult, reporter, status_of
from polemos.extract.triggers import Trigger, TriggerEntry, TriggerLexicon, default_lexicon, load_data
from polemos.models import Actor, Article, Evidence, Event

# Relations through which one event word explains another of the same event: "17 were killed
# when warplanes struck", "an attack ... killed", "advancing ..., seizing towns".
_SAME_EVENT_DEPS = {"advcl", "xcomp", "nsubj", "nsubjpass", "csubj", "pobj", "prep", "relcl", "acl", "dobj", "pcomp", "agent"}
# Relations through which a statement carries its content: "threatened to shell", "accused X of attacking".
_CONTENT_DEPS = {"xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj"}
_CONTENT_PREPS = {"of", "for", "to", "on", "with", "against", "about", "into", "that"}
_VERBAL = {"THREATEN", "REQUEST", "AGREE", "REJECT", "ACCUSE", "SUPPORT"}
_MODE_RANK = ["suicide-attack", "drone", "aerial", "heavy-weapons", "explosives", "firearms", "abduct",
              "assassinate", "ground"]
_LOCATIVE = {"in", "into", "near", "across", "throughout", "inside", "around", "outside"}
# GeoNames feature codes of capitals and seats of government: trusted even when the story never
# names their country ("in Tel Aviv").
_MAJOR_PLACES = {"PPLC", "PPLA", "PPLA2", "PPLG", "ADM1", "ADM2", "PCLI"}
_SPEAKER_PRONOUNS = {"it", "they", "we"}
_ANAPHORIC_DETS = {"the", "these", "those", "this", "that"}
_END_PUNCT = tuple(".!?\"”’)'")


# The entry of a demand stated by "must"/"should" under a verb of saying (no trigger word needed).
_OBLIGATION = TriggerEntry(index=-1, type="REQUEST", mode=None, objects=None, casualty=False, only_conditional=False)


@dataclass
class _Group:
    """Event words of one sentence that state one event; `root` governs the others."""

    root: Trigger
    members: list[Trigger] = field(default_factory=list)
    anchor: Token | None = None      # the verb that carries the event


@dataclass
class _DocState:
    """What earlier sentences told us: actors (for "the minister", "he") and events (for "the
    airstrikes"), and the country the story is about."""

    story_country: str | None = None
    countries: set[str] = field(default_factory=set)     # every country the text names
    memory: list[tuple[set[str], Coded]] = field(default_factory=list)
    events: list[tuple[set[str], Event]] = field(default_factory=list)
    story_date: "DateResult | None" = None                  # the story's time frame so far (dates.story_time)


class Extractor:
    """The extraction core, with lexicons, dictionaries and the NLP pipeline loaded once."""

    def __init__(self, lexicon: TriggerLexicon, coder: ActorCoder, ontology: dict, geocoder=None) -> None:
        self.lexicon = lexicon
        self.coder = coder
        self.ontology = ontology
        self.types = ontology["types"]
        self.mode_cues: dict[str, dict[str, list[str]]] = ontology["mode_cues"]
        self.aircraft_words: list[str] = ontology.get("aircraft_words", [])
        self.threat_types = set(ontology["threat_when_conditional"])
        self.intransitive = set(ontology["intransitive"])
        self.symmetric = set(ontology["symmetric"])
        self.reciprocal = set(ontology["reciprocal_triggers"])
        self.prepare_verbs = set(ontology["mobilize_when_prepared"])
        trig_data = load_data("triggers.yaml")
        self.target_preps = trig_data["target_preps"]
        self.place_target_preps = set(trig_data.get("place_target_preps", []))
        self.place_target_path = set(trig_data.get("place_target_path", []))
        self.place_target_skip = set(trig_data.get("place_target_skip", []))
        self.proposal_nouns = set(trig_data.get("proposal_nouns", []))
        self.proposal_author_preps = set(trig_data.get("proposal_author_preps", []))
        self.event_nouns = lexicon.noun_lemmas | lexicon.toll_nouns
        self.negated_as: dict[str, str] = ontology["negated_as"]
        self.threat_when_promised = set(ontology["threat_when_promised"])
        self.purpose_of: dict[str, set[str]] = {k: set(v) for k, v in ontology["purpose_of"].items()}
        self.threat_when_announced = set(ontology["threat_when_announced"])
        self.pledge_when_announced = set(ontology["pledge_when_announced"])
        self.count_owners: dict[str, dict[str, list]] = ontology.get("count_owners", {})
        self._geocoder = geocoder
        self._geo_failed = False

    @classmethod
    @functools.lru_cache(maxsize=1)
    def default(cls) -> "Extractor":
        return cls(default_lexicon(), default_coder(), load_data("ontology.yaml"))

    # ------------------------------------------------------------ the stream
    def extract_stream(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[tuple[Article, list[Event]]]:
        """(article, events) for each article; sentences of a whole batch are parsed together."""
        from polemos.ingest import clean_text
        from polemos.nlp import parse_texts

        it = iter(articles)
        while True:
            chunk = list(islice(it, max(1, batch_size)))
            if not chunk:
                return
            cleans = [clean_text(a.text) for a in chunk]
            names, proper = self.coder.proper_names
            parsed = parse_texts([c.text for c in cleans], self._is_candidate, names=names, proper=proper,
                                 context=self.lexicon.with_context)
            for art, clean, p in zip(chunk, cleans, parsed):
                yield art, self.article_events(art, clean, p)

    def _is_candidate(self, sentence: str) -> bool:
        """The trigger filter, or a number with a casualty word: a toll told on its own ("The
        death toll rose to 14", "7 bodies found") may revise or state an attack."""
        return self.lexicon.is_candidate(sentence) or (
            _casualty_re().search(sentence) is not None and _number_re().search(sentence) is not None)

    def _geo(self):
        if self._geocoder is None and not self._geo_failed:
            try:
                from polemos.geo import get_geocoder

                self._geocoder = get_geocoder()
            except Exception as e:   # the gazetteer is optional for extraction: say so once
                self._geo_failed = True
                print(f"polemos: places not resolved ({e})", file=sys.stderr)
        return self._geocoder

    # ------------------------------------------------------------ one article
    def article_events(self, article: Article, clean, parsed) -> list[Event]:
        geo = self._geo()
        toponyms = geo.toponyms(parsed) if geo is not None else []
        state = _DocState(story_country=self._story_country(parsed, toponyms),
                          countries={iso for s in parsed.sentences for _, iso in self.coder.countries_in(s.text)})
        out: list[Event] = []
        for sent in parsed.sentences:
            if sent.doc is None:
                continue
            headline = not sent.text.rstrip().endswith(_END_PUNCT)
            stated: list[tuple[_Group, Event]] = []
            for group in self._groups(sent.doc, headline):
                ev = self._event(article, clean, parsed, sent, group, state, toponyms, headline)
                if ev is not None:
                    stated.append((group, ev))
                    out.append(ev)
                    state.events.append(({m.token.lemma_.lower() for m in group.members}, ev))
            self._own_counts(sent.doc, stated)
            if not stated:
                self._later_toll(sent.doc, state)
            self._claims(sent.doc, article, state, out)
            # people named here are who "he" and "the minister" refer to in later sentences
            self._remember_people(sent.doc, article, state)
        return out

    def _claims(self, doc: Doc, article: Article, state: _DocState, events: list[Event]) -> None:
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
        resp = self.lexicon.responsibility
        if claimant.lemma_.lower() in resp.get("speaker_nouns", []):
            # "a spokesman for the Baloch Nationalist Army": the group, not its speaker
            claimant = next((p for c in claimant.children if c.dep_ == "prep" and c.lower_ in ("for", "of")
                             for p in c.children if p.dep_ == "pobj"), claimant)
        coded = self._code_tok(claimant, state, article.published, "ASSAULT")
        if coded and (coded[0].actor.name or coded[0].actor.country):
            actor = coded[0].actor
        elif identified and claimant.pos_ == "PROPN":
            # "the attacker was identified as X": the attacker's name, the sector we had
            span = self.coder.np_tokens(claimant)
            text = " ".join(t.text for t in span if t.dep_ != "det")
            actor = Actor(text=text, name=text, sector=None)
        elif claimant.pos_ == "PROPN" and claimant.ent_type_ in ("ORG", "NORP", "PERSON", "GPE", ""):
            # a group no dictionary lists that claims an attack is the armed group that did it
            span = self.coder.np_tokens(claimant)
            text = " ".join(t.text for t in span if t.dep_ != "det")
            actor = Actor(text=text, name=text, sector="REB")
        else:
            return
        for ev in reversed(events):
            if ev.type != "ASSAULT":
                continue
            a = ev.actor1
            if a is not None and a.name is not None:
                break             # an attack by a group already named: older attacks are not this one's
            if a is None or a.sector in ("UAF", "UNK", "REB", "CRM", "CVL", None):
                new = actor.model_copy()
                if identified:
                    new.sector = a.sector if a is not None else None
                    new.country = a.country if a is not None else None
                ev.actor1 = new
                ev.extra["actor1_from"] = "identified attacker" if identified else "claim of responsibility"

    def _identified(self, doc: Doc) -> Token | None:
        """"The attacker was identified as X", "the gunman, identified as X,": X."""
        resp = self.lexicon.responsibility
        for tok in doc:
            if tok.lemma_.lower() not in resp.get("identify_verbs", []) or tok.tag_ != "VBN":
                continue
            who = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            if who is None and tok.dep_ == "acl":
                who = tok.head
            if who is None or who.lemma_.lower() not in resp.get("attacker_nouns", []):
                continue
            name = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "as"
                         for p in c.children if p.dep_ == "pobj"), None)
            if name is not None:
                return name
        return None

    def _claimant(self, doc: Doc) -> Token | None:
        resp = self.lexicon.responsibility
        objects = set(resp.get("objects", []))

        def about_attack(tok: Token, preps: tuple[str, ...]) -> bool:
            return any(c.dep_ == "prep" and c.lower_ in preps and any(
                p.dep_ == "pobj" and p.lemma_.lower() in objects for p in c.children) for c in tok.children)

        for tok in doc:
            lemma = tok.lemma_.lower()
            if lemma in resp.get("verbs", []) and any(
                    c.dep_ in ("dobj", "obj", "nsubjpass") and c.lemma_.lower() in objects | {"it"} for c in tok.children):
                subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                if subj is None:      # "It was claimed by the Pakistani Taliban"
                    subj = next((p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)
                negated = any(c.dep_ == "neg" for c in tok.children) or (
                    subj is not None and any(c.lower_ in ("no", "none") for c in subj.children))
                if subj is not None and not negated and subj.lower_ not in ("nobody", "none"):
                    return subj   # "No group has claimed responsibility" names no one
            elif lemma in resp.get("blame_verbs", []) and about_attack(tok, ("for",)):
                obj = next((c for c in tok.children if c.dep_ in ("dobj", "obj")), None)
                if obj is not None:
                    return obj
            elif lemma in resp.get("responsible_words", []) and tok.dep_ == "acomp" and about_attack(tok, ("for",)):
                subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
                if subj is not None:
                    return subj
            elif lemma in resp.get("suspect_verbs", []) and tok.tag_ == "VBN" and not any(
                    c.dep_ in ("xcomp", "prep", "ccomp") for c in tok.children):
                subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
                if subj is not None:  # "the Islamic State is suspected"
                    return subj
            elif tok.lower_ == "behind" and tok.dep_ == "prep" and any(
                    p.dep_ == "pobj" and p.lemma_.lower() in objects for p in tok.children):
                v = tok.head
                for _ in range(3):      # "X is suspected to be behind the attack"
                    s = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                    if s is not None or v.head == v:
                        return s
                    v = v.head
        return None

    # ------------------------------------------------------------ counts to their events
    def _own_counts(self, doc: Doc, stated: list[tuple[_Group, Event]]) -> None:
        """Counts are read per sentence; each is kept only by the event it describes
        (`count_owners` in ontology.yaml): the nearest event word above it in the tree, of a type
        that can have such victims, else the nearest such event in the sentence."""
        for _, ev in stated:
            for kind in ("killed", "injured", "displaced", "arrested"):
                count = getattr(ev, kind)
                if count is None:
                    continue
                owner = self._count_owner(doc, kind, count.text, stated)
                if owner is not ev:
                    setattr(ev, kind, None)

    def _later_toll(self, doc: Doc, state: _DocState) -> None:
        """"A bomb killed 4 people. The death toll rose to 14.": a toll told in a sentence of its
        own (no event word) revises the story's latest attack, when it is higher."""
        from polemos.extract.counts import extract_counts

        prev = next((ev for _, ev in reversed(state.events) if ev.type == "ASSAULT" and ev.status == "occurred"), None)
        if prev is None:
            return
        tolls = [t for t in doc if t.lemma_.lower() in self.lexicon.toll_nouns]
        if any(self._other_toll(t) for t in tolls):
            return                # "the death toll from the 2015 earthquake", "the war's toll"
        toll = bool(tolls)
        for kind, c in extract_counts(doc).items():
            if kind not in ("killed", "injured") or c.best is None or not (toll or getattr(c, "revised", False)):
                continue
            old = getattr(prev, kind)
            if old is None or old.best is None or c.best > old.best:
                setattr(prev, kind, c)
                prev.extra[f"{kind}_from"] = "later toll"

    def _other_toll(self, toll: Token) -> bool:
        """A toll said to be of something else than the attack told before: a named possessor
        ("the war's toll"), or "from"/"of"/"in" a war, a disaster or a dated event."""
        from polemos.extract.counts import casualty_terms

        other = set(self.lexicon.conflict_nouns) | set(casualty_terms()["not_violence"])
        for c in toll.children:
            if c.dep_ == "poss" and c.lower_ not in ("its", "their"):
                return True
            if c.dep_ == "prep" and c.lower_ in ("from", "of", "in"):
                for o in c.children:
                    if o.dep_ == "pobj" and (o.lemma_.lower() in other or o.pos_ == "PROPN" or any(
                            x.like_num or x.ent_type_ == "DATE" for x in o.subtree)):
                        return True
        return False

    def _may_own_counts(self, type_: str) -> bool:
        """Whether an event of this type can keep any count (`count_owners`); counts are read
        only for those (a kind with no owners listed can go to any event)."""
        kinds = ("killed", "injured", "displaced", "arrested")
        return any(k not in self.count_owners or type_ in self.count_owners[k] for k in kinds)

    def _owns(self, kind: str, ev: Event) -> bool:
        modes = self.count_owners.get(kind, {}).get(ev.type)
        return modes is not None and (not modes or ev.mode in modes)

    def _count_owner(self, doc: Doc, kind: str, text: str | None, stated: list[tuple[_Group, Event]]) -> Event | None:
        from polemos.extract.counts import casualty_terms

        if kind not in self.count_owners:
            return next((ev for _, ev in stated if getattr(ev, kind) is not None), None)
        start = doc.text.find(text) if text else -1
        toks = [t for t in doc if start <= t.idx < start + len(text or "")] if start >= 0 else []
        if not toks:
            # the count's words are not found: keep it on the events that may carry it
            return next((ev for _, ev in stated if self._owns(kind, ev) and getattr(ev, kind) is not None), None)
        span_i = {t.i for t in toks}
        root = next((t for t in toks if t.head.i not in span_i or t.head == t), toks[0])
        at: dict[int, Event] = {}
        for g, ev in stated:
            for t in [m.token for m in g.members] + ([g.anchor] if g.anchor is not None else []):
                at.setdefault(t.i, ev)
        for t in toks:     # "among eight killed": the count's own words hold the event's verb
            ev = at.get(t.i)
            if ev is not None and self._owns(kind, ev):
                return ev
        governed = False
        victim_nouns = set(casualty_terms()["victim_event_nouns"])
        path = [root, *root.ancestors]
        passing = False
        for n, t in enumerate(path):
            ev = at.get(t.i)
            if ev is None:
                # "to protest the killing of a student": the toll of a killing told in passing is
                # no other event's (an attack "resulting in the death of 2 people" keeps it)
                passing = passing or (n > 0 and path[n - 1].lower_ == "of" and t.pos_ == "NOUN"
                                      and t.lemma_.lower() in victim_nouns)
                continue
            governed = True
            if self._owns(kind, ev) and not (passing and ev.type != "ASSAULT"):
                return ev          # "police arrested 150 protesters": the arrest
        if governed:
            return None            # only a demand, a threat ... governs it: none of theirs
        owners = [(abs(g.anchor.i - root.i) if g.anchor is not None else 99, ev) for g, ev in stated if self._owns(kind, ev)]
        return min(owners, key=lambda x: x[0])[1] if owners else None

    # ------------------------------------------------------------ story context
    def _story_country(self, parsed, toponyms) -> str | None:
        """The country the story's events happen in: places named after "in"/"near" or as
        possessors ("Syria's Idlib province") count most; resolved place names count too."""
        score: Counter[str] = Counter()
        for sent in parsed.sentences:
            for _, iso in self.coder.countries_in(sent.text):
                score[iso] += 0.1
            if sent.doc is None:
                continue
            for tok in sent.doc:
                if tok.dep_ == "poss" and tok.head.pos_ in ("NOUN", "PROPN") and tok.text in self.coder._names:
                    score[self.coder._names[tok.text]] += 2
                if tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE:
                    for t in tok.subtree:
                        if t.text in self.coder._names or t.text in self.coder._capitals:
                            score[self.coder._names.get(t.text) or self.coder._capitals[t.text]] += 2
        named = set(score)
        for t in toponyms:
            if t.place is not None and t.place.country and not getattr(t, "demonym", False):
                # a place in a country the text never names is likely a namesake elsewhere
                score[t.place.country] += 1 if (t.place.country in named or not named) else 0.05
        return score.most_common(1)[0][0] if score else None

    def _remember_people(self, doc: Doc, article: Article, state: _DocState) -> None:
        for ent in doc.ents:
            if ent.label_ in ("PERSON", "ORG", "NORP", "GPE"):
                for c in self.coder.code(ent.root, article.published):
                    if c.actor.country or c.actor.sector:
                        self._remember(state, c)

    def _remember(self, state: _DocState, c: Coded) -> None:
        if c.head is None:
            return
        words = {t.lemma_.lower() for t in self.coder.np_tokens(c.head)} | {c.head.lower_}
        state.memory.append((words, c))

    def _recall(self, state: _DocState, tok: Token) -> Coded | None:
        """Who "he", "the minister", "the spokesman" is: the latest actor so described."""
        low = tok.lower_
        for words, c in reversed(state.memory):
            if low in ("he", "she", "him", "her"):
                if c.person:
                    return c
            elif tok.lemma_.lower() in words and c.actor.country and c.head != tok:
                return c
        return None

    # ------------------------------------------------------------ grouping event words
    def _groups(self, doc: Doc, headline: bool = False) -> list[_Group]:
        trigs = [t for t in self.lexicon.find(doc) if self._usable_word(t)]
        trigs += self._obligations(doc, {t.token.i for t in trigs})
        if headline and not any(t.type == "ASSAULT" for t in trigs):
            trigs += _toll_trigger(doc)
        # "fired tear gas at", "carried out airstrikes": a light verb gives way to its event noun
        nouns_at = {t.token.i for t in trigs if t.is_noun}
        trigs = [t for t in trigs if t.is_noun or t.end - t.start > 1 or not self.lexicon.is_light(t.token)
                 or not any(c.dep_ in ("dobj", "obj") and c.i in nouns_at for c in t.token.children)]
        # "denied that its troops fired": the denied event is kept (status denied), not a REJECT
        from polemos.extract.status import cues

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

        groups: dict[int, _Group] = {}
        for t in trigs:
            r = root_of(t.token.i)
            g = groups.setdefault(r, _Group(root=by_i[r]))
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
        from polemos.extract.status import cues

        c = cues()
        out = []
        for tok in doc:
            if tok.i in taken or tok.pos_ != "VERB" or tok.dep_ not in ("ccomp",):
                continue
            if tok.head.lemma_.lower() not in c["speech_verbs"] | {"declare", "conclude", "insist", "demand"}:
                continue
            if any(a.dep_ == "aux" and a.lower_ in c["obligation_modals"] for a in tok.children):
                out.append(Trigger(tok, tok.i, tok.i + 1, _OBLIGATION, "REQUEST", None))
        return out

    def _usable_word(self, t: Trigger) -> bool:
        tok = t.token
        quiet = self.lexicon.non_events.get(tok.lemma_.lower())
        if quiet and any(c.dep_ == "xcomp" and c.lemma_.lower() in quiet for c in tok.children):
            return False          # "declined to comment"
        if t.entry.casualty and any(c.dep_ == "nsubj" and c.lemma_.lower() in self.lexicon.conflict_nouns
                                    for c in tok.children):
            return False          # "the war has killed 500,000 people": a running toll
        if tok.dep_ in ("amod", "compound") and tok.head.pos_ in ("NOUN", "PROPN") and not (
                tok.dep_ == "compound" and tok.head.lemma_.lower() in self.lexicon.toll_nouns):
            return False          # "the visiting delegation", "attack helicopters" (not "the blast death toll")
        if tok.dep_ == "acl" and tok.tag_ == "VBN" and not t.entry.casualty and not (
                t.type == "ASSAULT" and any(c.dep_ == "agent" or c.ent_type_ in ("DATE", "TIME") or
                                            any(g.ent_type_ in ("DATE", "TIME") for g in c.children)
                                            for c in tok.children)):
            # "a cease-fire brokered by ...": a description, not a new event; but violence told
            # with its own time or perpetrator is ("a citizen kidnapped last Tuesday by a commando")
            return False
        if tok.pos_ == "VERB" and self.lexicon.is_light(tok):
            if any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in self.event_nouns for c in tok.children):
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
            if g is None and self.lexicon.is_light(cur):
                # "staged demonstrations to demand ...", "carried out airstrikes, killing dozens":
                # the light verb stands for its event noun
                g = next((by_i[c.i] for c in cur.children if c.dep_ in ("dobj", "obj") and c.i in by_i), None)
                if g is not None and g.token.i == tok.i:
                    g = None
            if g is None:
                continue
            deps = set(path)
            if t.type in self.purpose_of.get(g.type, ()) and deps <= {"advcl", "xcomp", "acl"} and \
                    any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
                return g          # "staged demonstrations to demand reforms": the purpose of the protest
            # the path must not pass through a participant ("the junta, which seized power, suspended ...")
            through_actor = any(x.pos_ in ("NOUN", "PROPN", "PRON") and x.dep_ in ("nsubj", "nsubjpass", "dobj", "obj")
                                and x.i not in by_i for x in _between(tok, cur))
            if g.type == t.type and not through_actor and (
                    deps <= _SAME_EVENT_DEPS or (deps <= {"conj"} and (t.entry.casualty or g.entry.casualty))):
                return g
            preps_on_path = {x.lower_ for x in tok.ancestors if x.dep_ == "prep" and g.token.is_ancestor(x)}
            infinitive = deps == {"advcl"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
            if g.type in _VERBAL and (deps <= _CONTENT_DEPS or infinitive) and g.token.pos_ == "VERB" and preps_on_path <= _CONTENT_PREPS:
                return g          # the content of a statement: "threatened to shell"
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

    def _anchor(self, g: _Group, headline: bool = False) -> Token | None:
        """The verb that states the event; None when a noun is only mentioned, not stated."""
        if not g.root.is_noun:
            return g.root.token
        verbs = [m.token for m in g.members if not m.is_noun]
        n = g.root.token
        head = n.head
        if n.dep_ in ("dobj", "obj", "nsubjpass") and self.lexicon.is_light(head):
            return head           # "carried out an attack", "the attack was carried out with grenades"
        if n.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in self.lexicon.occurrence_verbs:
            return head
        if n.dep_ in ("nsubj", "attr") and head.lemma_.lower() == "be" and any(c.dep_ == "expl" for c in head.children):
            return head           # "there was an explosion"
        if self._dated(n):
            return n              # "Sunday's airstrikes", "the talks on Feb. 8"
        if n.dep_ == "pobj" and self.lexicon.engage_verbs.get(head.head.lemma_.lower()) == head.lower_:
            return head.head      # "were engaged in ethnic cleansing", "resorted to heavy firing"
        if headline and n.dep_ == "ROOT":
            return n              # a headline made of the event noun: "Clashes in southern Aleppo"
        if headline and not _casualty_verb(n.doc) and _states_toll(n):
            return n              # "Two soldiers dead in NPA attack": the toll of the attack it names
        if n.dep_ == "nsubj" and head.pos_ == "VERB" and g.root.type == "ASSAULT" and not _casualty_verb(n.doc) \
                and _states_toll(head):
            return head           # "the attack caused at least 84 deaths", "the blast left 12 dead"
        if n.dep_ == "pobj" and head.lower_ in self.lexicon.temporal_preps and \
                not any(c.lower_ == "the" for c in n.children):
            return n              # "during demonstrations", "after clashes" ("after the meeting" refers back)
        if n.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in self.lexicon.toll_nouns:
            return n              # "the death toll from the airstrikes"
        if n.dep_ == "compound" and head.lemma_.lower() in self.lexicon.toll_nouns:
            return n              # "Mogadishu blast death toll rises to five"
        return verbs[0] if verbs else None   # "an attack which killed 12": the verb states it

    @staticmethod
    def _dated(n: Token) -> bool:
        for c in n.children:
            if c.dep_ in ("poss", "npadvmod", "compound") and is_date_word(c):
                return True
            if c.dep_ == "prep" and c.lower_ in ("on", "in", "at", "during"):
                if any(p.dep_ == "pobj" and p.ent_type_ == "DATE" for p in c.children):
                    return True
        return False

    # ------------------------------------------------------------ one event
    def _settle_type(self, g: _Group, st: StatusResult, headline: bool) -> tuple[str, bool] | None:
        """The event's type and status once mood and context are read (PLOVER's coding of threats,
        offers, pledges, refusals and demands); None when the words state no event. Updates
        `st.status`; returns (type, is_a_demand_stated_with_must)."""
        root, anchor = g.root, g.anchor
        type_ = root.type
        only_conditional = root.entry.only_conditional
        if st.conditional and (type_ in self.threat_types or only_conditional):
            type_, st.status = "THREATEN", "occurred"
        elif st.conditional and not root.is_noun and type_ in self.pledge_when_announced | {"CONSULT"}:
            type_, st.status = "AGREE", "occurred"       # "they would meet him if ...": a conditional offer
        elif only_conditional:
            return None
        if st.in_condition:
            return None           # "if talks fail": the condition states no event
        if st.offer:
            # "ready to withdraw": an offer; "prepared to impose martial law": a threat
            type_ = "THREATEN" if type_ in self.threat_when_promised else "AGREE"
            st.status = "occurred"
        elif st.unreal:
            return None           # "it is not possible to talk"
        if st.announced and type_ in self.threat_when_announced:
            type_, st.status = "THREATEN", "occurred"    # "said it would boycott the talks"
        elif st.announced and type_ in self.pledge_when_announced:
            type_, st.status = "AGREE", "occurred"       # "said it will release the prisoners"
        if st.status == "denied" and type_ in self.negated_as and anchor.pos_ in ("VERB", "AUX"):
            type_, st.status = self.negated_as[type_], "occurred"   # "will not accept": a rejection
        if type_ == "AGREE" and any(m.type in self.threat_when_promised and m.token.dep_ in ("xcomp", "advcl")
                                    and m.token.head == root.token for m in g.members[1:]):
            type_ = "THREATEN"    # "vowed to fight on": a promise of force is a threat
        if type_ == "ASSAULT" and anchor.dep_ == "xcomp" and anchor.head.lemma_.lower() in self.prepare_verbs:
            type_, st.status = "MOBILIZE", "occurred"    # "the army prepared to resume shelling"
        obligation = st.obligation and st.status not in ("denied",)
        if obligation:
            type_, st.status = "REQUEST", "occurred"     # "Y must withdraw", said by X
        if st.status == "hypothetical" and (root.is_noun or not verbs_finite(anchor)):
            return None           # only "X could strike" (a finite verb with a modal) is kept as hypothetical
        if (not headline and not self.types[type_]["verbal"] and anchor.pos_ in ("VERB", "AUX")
                and _generic_present(anchor) and not _states_toll(anchor)):
            return None           # "so many civilians die": a state of affairs, not an event
        return type_, obligation

    def _event(self, article, clean, parsed, sent, g: _Group, state: _DocState, toponyms, headline: bool) -> Event | None:
        root, anchor = g.root, g.anchor
        trig_tok = root.token
        type_ = root.type
        st = status_of(trig_tok, anchor)
        settled = self._settle_type(g, st, headline)
        if settled is None:
            return None
        type_, obligation = settled
        published = article.published
        # -------- actors
        r1: list[Token] = []
        r2: list[Token] = []
        victims: list[Token] = []
        for m in g.members:
            a = anchor if (m is root and root.is_noun) else m.token
            rr = roles(a, m.token, m.type, self.event_nouns, self.target_preps)
            (victims if m.entry.casualty else r2).extend(rr.actor2)
            r1.extend(rr.actor1)
        if obligation:
            r2, r1 = r1, []       # the one who must act is the target of the demand
        if type_ in self.intransitive and not r1 and r2:
            r1, r2 = r2, []       # "troops were deployed to Goma": the ones deployed act
        a1 = self._code_first(r1, state, published, type_)
        if a1 is None:
            for m in g.members:
                if m.is_noun:
                    cs = [c for c in self.coder.code(m.token, published, type_)
                          if c.explicit_country or self._named_by_modifier(m.token)]
                    if cs:
                        for c in cs:      # "a Russian missile strike": Russia's forces; "government airstrikes"
                            c.actor.sector = c.actor.sector or (
                                "MIL" if type_ in self.coder.state_force_types else "GOV")
                        a1 = cs
                        break
        named_attacker = a1 is not None   # the sentence itself names who acted
        antecedent = self._antecedent(g, state) if a1 is None else None
        if antecedent is not None and antecedent.actor1 is not None:
            a1 = [Coded(antecedent.actor1.model_copy(), None, False, True)]
        if type_ != "ASSAULT":
            victims = []          # "threatened to shell towns where 100 were killed": the towns are the target
        a2 = self._code_first(victims, state, published, type_, victim=True) or \
            (None if type_ in self.intransitive else self._code_first(r2, state, published, type_, target=True))
        sides = {c.actor.country for c in a1 or []}
        if a1 and len(a1) > 1 and (type_ in self.symmetric or trig_tok.lemma_.lower() in self.reciprocal) and \
                (a2 is None or (len(sides) > 1 and a2[0].actor.country not in sides)):
            a2 = [a1[1]]          # "Armenia and Azerbaijan resumed talks in Tbilisi": the two sides
        if a2 is None and type_ in _VERBAL:
            # "demanded that Hamas renounce ...", "offered to hand over to Britain": the one the
            # statement is about is named in what was said
            a2 = self._content_target(anchor, a1, state, published)
        if a2 is None and type_ in _VERBAL:
            # "condemned the Israeli strike": the target is whoever did what is condemned
            for m in g.members[1:]:
                if m.is_noun:
                    cs = [c for c in self.coder.code(m.token, published, None) if c.explicit_country]
                    if cs:
                        for c in cs:
                            c.actor.sector = c.actor.sector or "GOV"   # "the Israeli strike": Israel
                        a2 = cs
                        break
        if a2 is None or (a2 and a2[0].head is not None and a2[0].head.lemma_.lower() in self.proposal_nouns):
            a2 = self._proposal_author(g, state, published) or a2
        if a2 is None and type_ == "CONSULT":
            a2 = self._with_partner(trig_tok, state, published, type_)
        if a2 is None and type_ == "THREATEN" and st.conditional:
            # "Turkey would take measures if the regime continues": the threat is aimed at the
            # subject of the condition
            cond = [s for v in (anchor, anchor.head) for c in v.children if c.dep_ == "advcl"
                    and any(m.lower_ in ("if", "unless") for m in c.children if m.dep_ == "mark")
                    for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
            a2 = self._code_first(cond, state, published, None, target=True)
        # -------- attribution
        rep_tok = reporter(trig_tok)
        rep = self._code_tok(rep_tok, state, published, None) if rep_tok is not None else None
        if rep and a1 and any(rep[0].head == c.head for c in a1):
            rep = None
        actor1 = a1[0].actor if a1 else None
        actor2 = a2[0].actor if a2 else None
        reported_by = rep[0].actor if rep else None
        if actor1 is None and reported_by is not None and (
                type_ in _VERBAL or any(t.lower_ in _SPEAKER_PRONOUNS for t in r1[:1])):
            actor1 = reported_by  # "the air force said it shot down 14 drones": the speaker acted
        if reported_by is not None and reported_by.country:
            for a in (actor1, actor2):
                # "the ministry said its forces captured": the speaker's forces
                if a is not None and a is not reported_by and (a.text or "").lower().split()[:1] in (["its"], ["their"], ["our"]):
                    a.country = reported_by.country
        if (actor1 is None and actor2 is not None and reported_by is not None and type_ in self.symmetric
                and reported_by.sector == "GOV" and reported_by.country and reported_by.country != actor2.country):
            actor1 = reported_by  # "no consensus with the Russian delegation at the talks, the (Turkish) minister said"
        # -------- place, date, counts
        place = None
        geo = self._geocoder
        if geo is not None:
            try:
                place = geo.event_place(parsed, sent, trig_tok, toponyms)
            except Exception as e:   # a geocoder bug must not lose the event
                print(f"polemos: {article.id}: place not resolved ({e})", file=sys.stderr)
        from polemos.extract.counts import extract_counts
        from polemos.extract.dates import DateResult, resolve_date, story_time

        dr = resolve_date(sent.doc, trig_tok, published, previous=state.story_date)
        if (dr.date is None or dr.inherited) and antecedent is not None and antecedent.date:
            # "The strikes hit a market": the date of the strikes told before
            dr = DateResult(date=dt.date.fromisoformat(antecedent.date),
                            date_end=dt.date.fromisoformat(antecedent.date_end) if antecedent.date_end else None,
                            precision=antecedent.date_precision, text=antecedent.date_text)
        # the story's time frame moves with each dated event, in document order
        state.story_date = story_time(state.story_date, dr, published)
        # separate figures are chosen by nearness to the event's own casualty verb where it has one
        # ("opened fire ..., killing at least 25 ..., all 4 attackers were killed": the 25)
        counts = extract_counts(sent.doc, next((m.token for m in g.members if m.entry.casualty
                                                and m.token.pos_ == "VERB"), anchor)) \
            if self._may_own_counts(type_) else {}   # (speed) _own_counts would drop them all
        # the event's country: one the sentence names as its place, else the gazetteer's (trusted when
        # the story names that country, or none at all), else the story's
        place_country = place.country if place is not None and place.country else None
        if place_country and state.countries and place_country not in state.countries and \
                (place.feature_code or "") not in _MAJOR_PLACES:
            place_country = None  # a village abroad sharing the name of one in the story
        ev_country = self._sentence_country(sent.doc) or place_country or state.story_country
        others = {a.country for a in (actor1, actor2) if a is not None and a.country}
        for a in (actor1, actor2):
            if a is not None and ev_country and "ethnic" in (a.text or "").lower().split():
                a.country = ev_country    # "ethnic Albanians in Serbia" live in Serbia
            if a is None or a.country is not None:
                continue
            if a.sector in ("CVL", "REB", "OPP", "UAF") or (a is actor2 and a.sector in ("MIL", "COP")):
                a.country = ev_country     # people (and the forces) of the place the event happened in
            elif self._context_word(a):
                # "the regime", "the government": the story's state, never the other side's
                for iso in (ev_country, state.story_country):
                    if iso and iso not in others:
                        a.country = iso
                        break
            elif a.sector in ("GOV", "JUD", "LEG", "COP", "PTY", "MIL") and state.story_country \
                    and state.story_country not in others and not _pair(a.text):
                # "President Dos Santos", "the parliament", "the police": officials of the country
                # the story is about (never the other side's)
                a.country = state.story_country
        if type_ == "ASSAULT" and actor2 is None and (counts.get("killed") or counts.get("injured")
                                                       or any(m.entry.casualty for m in g.members)
                                                       or any(t.lemma_.lower() in self.lexicon.toll_nouns for t in sent.doc)):
            actor2 = Actor(text=None, country=ev_country, sector=self.coder.default_victim_sector)
        if actor2 is None and type_ not in self.place_target_skip:
            actor2 = self._place_target(anchor, g, place)
        mode = self._mode(g, type_, a1)
        if mode is None and type_ == "ASSAULT":
            # "the attack took place at 0200": the attack told before, with its weapon
            ante = antecedent or self._antecedent(g, state)
            if ante is not None and ante.type == type_ and ante.mode:
                mode = ante.mode
        if type_ == "ASSAULT" and mode is None and all(m.entry.casualty for m in g.members) and not named_attacker:
            # "A bomb exploded at a bank. Two people were injured.": victims told with no attack
            # of their own are the victims of the story's latest attack (its weapon, its attacker);
            # not when the sentence names who killed them ("the army murdered six priests")
            prev = next((ev for _, ev in reversed(state.events) if ev.type == "ASSAULT"), None)
            # (victims of another day are another attack's: "bombs have exploded in recent months
            # ... a banker was murdered on 25 August")
            other_day = dr.date is not None and not dr.inherited and prev is not None and \
                prev.date is not None and dr.date.isoformat() != prev.date
            if prev is not None and prev.status == "occurred" and prev.mode is not None and not other_day:
                mode = prev.mode
                if actor1 is None and prev.actor1 is not None:
                    actor1 = prev.actor1.model_copy()
        acled = acled_type(type_, mode, st.status, actor1, actor2, [m.token.lemma_.lower() for m in g.members])
        # -------- the record
        o_start = clean.to_original(sent.start)
        o_end = clean.to_original(sent.end - 1) + 1
        trig_off = clean.to_original(sent.start + trig_tok.idx)
        eid = hashlib.sha1(f"{article.id}|{o_start}|{o_end}|{type_}|{trig_off}".encode()).hexdigest()[:16]
        conf = 0.4 + 0.2 * (actor1 is not None) + 0.1 * (actor2 is not None) + 0.1 * (anchor.pos_ in ("VERB", "AUX")) \
            + 0.1 * (dr.date is not None) - 0.1 * _clause_depth(anchor)
        ev = Event(
            id=eid, document_id=article.id, type=type_, mode=mode, status=st.status,
            actor1=actor1, actor2=actor2,
            date=dr.date.isoformat() if dr.date else None,
            date_end=dr.date_end.isoformat() if dr.date_end else None,
            date_precision=dr.precision or "unknown", date_text=dr.text, location=place,
            killed=counts.get("killed"), injured=counts.get("injured"),
            displaced=counts.get("displaced"), arrested=counts.get("arrested"),
            acled_event_type=acled[0], acled_sub_event_type=acled[1], reported_by=reported_by,
            trigger=" / ".join(m.text for m in g.members),
            evidence=Evidence(text=article.text[o_start:o_end], start=o_start, end=o_end),
            confidence=round(min(conf, 0.95), 2),
        )
        for c in (a1 or []) + (a2 or []) + (rep or []):
            if c.actor.country:
                self._remember(state, c)
        return ev

    def _named_by_modifier(self, n: Token) -> bool:
        """An event noun whose modifier names who did it ("government airstrikes", "rebel attack")."""
        return any(c.dep_ in ("compound", "amod") and (c.lemma_.lower() in self.coder.agent_nouns
                                                       or c.lower_ in self.coder.modifier_sectors)
                   for c in n.children)

    def _context_word(self, a: Actor) -> bool:
        """The actor is named by a word only the story resolves ("the regime", "rebels")."""
        words = (a.text or "").lower().split()
        return bool(words) and (words[-1] in self.coder.context_rules or words[-1].rstrip("s") in self.coder.context_rules)

    def _code_tok(self, tok: Token, state: _DocState, when, type_: str | None) -> list[Coded] | None:
        if self.coder.is_pronoun(tok) or tok.lemma_.lower() in ("minister", "president", "spokesman", "official",
                                                                 "envoy", "leader", "premier") and not any(
                c.dep_ in ("compound", "amod", "poss") for c in tok.children):
            c = self._recall(state, tok)
            if c is None:
                return (self.coder.code(tok, when, type_) or None) if not self.coder.is_pronoun(tok) else None
            actor = c.actor.model_copy()
            actor.text = tok.text if not self.coder.is_pronoun(tok) else actor.text
            if type_ in self.coder.state_force_types and actor.sector == "GOV" and not c.person:
                actor.sector = "MIL"
            return [Coded(actor, c.head, c.person, True)]
        cs = self.coder.code(tok, when, type_)
        return cs or None

    def _code_first(self, toks: list[Token], state, when, type_, victim: bool = False, target: bool = False) -> list[Coded] | None:
        for t in toks:
            cs = self._code_tok(t, state, when, type_ if not (victim or target) else None)
            if cs:
                return cs
        return None

    def _antecedent(self, g: _Group, state: _DocState) -> Event | None:
        """The earlier event "the airstrikes" (a definite event noun with no actor of its own) refers
        to: the latest one named by the same word, else the latest of that type ("the attack" after
        "jihadists killed 15 soldiers")."""
        nouns = [m.token for m in g.members if m.is_noun]
        # "The strikes hit a market": the subject names the earlier event
        nouns += [c for c in g.root.token.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"]
        for n in nouns:
            if not any(c.lower_ in _ANAPHORIC_DETS for c in n.children):
                continue
            lemma = n.lemma_.lower()
            for lemmas, ev in reversed(state.events):
                if any(x.endswith(lemma) for x in lemmas) and ev.type == g.root.type and ev.actor1 is not None:
                    return ev     # "the strikes" after "airstrikes"
            if n.i in {m.token.i for m in g.members}:
                for _, ev in reversed(state.events):
                    if ev.type == g.root.type:
                        return ev
        return None

    def _content_target(self, anchor: Token, a1, state, when) -> list[Coded] | None:
        mine = {c.actor.country for c in a1 or []}
        for clause in (c for c in anchor.children if c.dep_ in ("ccomp", "xcomp")):
            cands = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            cands += [c for c in clause.children if c.dep_ in ("dobj", "dative")]
            cands += [p for c in clause.children if c.dep_ == "prep" and c.lower_ in ("to", "with", "for", "against", "on")
                      for p in c.children if p.dep_ == "pobj"]
            for t in cands:
                cs = self._code_tok(t, state, when, None)
                if cs and (cs[0].actor.country is None or cs[0].actor.country not in mine or not mine):
                    return cs
        return None

    def _proposal_author(self, g: _Group, state, when) -> list[Coded] | None:
        """"rejected calls by Belarus's rulers": the one who made the call answered."""
        for m in g.members:
            for o in m.token.children:
                if o.dep_ not in ("dobj", "obj", "nsubjpass", "pobj", "prep"):
                    continue
                if o.dep_ == "prep":     # "conceded to demands from UNITA"
                    o = next((p for p in o.children if p.dep_ == "pobj"), None)
                    if o is None:
                        continue
                if o.lemma_.lower() not in self.proposal_nouns:
                    continue
                authors = [p for c in o.children if c.dep_ == "prep" and c.lower_ in self.proposal_author_preps
                           for p in c.children if p.dep_ == "pobj"]
                authors += [c for c in o.children if c.dep_ == "poss"]
                cs = self._code_first(authors, state, when, None, target=True)
                if cs:
                    return cs
                cs = [c for c in self.coder.code(o, when, None) if c.explicit_country]
                if cs:               # "a Senegalese peace plan": Senegal's
                    for c in cs:
                        c.actor.sector = c.actor.sector or "GOV"
                    return cs
        return None

    def _place_target(self, anchor: Token, g: _Group, place) -> Actor | None:
        """"refused to deploy peacekeepers in Iraq": with no one named as target, the country the
        event is done in, to or from (a country, a capital, or the gazetteer's place)."""
        starts = [anchor] + [m.token for m in g.members if m.token != anchor]
        for start in starts:
            for t in start.subtree:
                if t.dep_ != "pobj" or t.head.lower_ not in self.place_target_preps:
                    continue
                if any(x.dep_ not in self.place_target_path for x in [t, *_between(t, start)]):
                    continue      # in a clause of its own ("talks that began in Doha")
                words = self.coder.np_tokens(t)
                text = " ".join(w.text for w in words if w.dep_ != "det")
                found = self.coder.countries_in(text)
                iso = found[0][1] if found else None
                if iso is not None:
                    return Actor(text=text, country=iso, sector="GOV")
                if place is not None and place.country and place.text and place.text in text:
                    iso = place.country
                if iso:
                    return Actor(text=text, country=iso, sector=None)
        return None

    def _with_partner(self, n: Token, state, when, type_) -> list[Coded] | None:
        """Talks named without a partner take the "with X" of the phrase they sit in
        ("no consensus with the Russian delegation at the talks")."""
        t = n
        for _ in range(4):
            if t.head == t:
                break
            if t.dep_ == "pobj" and t.head.lower_ == "with" and t != n:
                return self._code_first([t], state, when, type_)
            t = t.head
            for p in t.children:
                if p.dep_ == "prep" and p.lower_ == "with":
                    objs = [o for o in p.children if o.dep_ == "pobj"]
                    if objs:
                        return self._code_first(objs, state, when, type_)
        return None

    def _sentence_country(self, doc: Doc) -> str | None:
        """A country the sentence places events in ("in Syria's Idlib province", "in Yemen")."""
        for tok in doc:
            if tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE:
                for t in tok.subtree:
                    iso = self.coder._names.get(t.text) or self.coder._capitals.get(t.text)
                    if iso:
                        return iso
        return None

    def _mode(self, g: _Group, type_: str, a1: list[Coded] | None) -> str | None:
        words: list[str] = []
        if a1 and a1[0].head is not None:
            words += [t.lemma_.lower() for t in self.coder.np_tokens(a1[0].head)]
        elif a1 and a1[0].actor.text:
            words += a1[0].actor.text.lower().split()
        modes = [m.mode for m in g.members if m.mode and m.type == type_]
        if modes:
            mode = sorted(modes, key=lambda x: _MODE_RANK.index(x) if x in _MODE_RANK else 99)[0]
            # the attacker as coded, or as written when it was not coded ("their planes")
            actor = " " + " ".join(words + [t.lemma_.lower() for m in g.members for c in m.token.children
                                            if c.dep_ in ("nsubj", "agent") for t in c.subtree]) + " "
            if mode == "explosives" and any(f" {w} " in actor for w in self.aircraft_words):
                return "aerial"   # "their planes bombed a refugee camp": an air strike
            return mode
        cues = self.mode_cues.get(type_)
        if not cues:
            return None
        for m in g.members:
            for c in m.token.children:
                if c.dep_ in ("dobj", "compound", "amod", "prep", "agent", "advcl"):
                    # "killed when a powerful bomb went off": the weapon of the clause that explains it
                    words += [t.lemma_.lower() for t in c.subtree]
            words.append(m.token.lemma_.lower())
        if g.anchor is not None and all(g.anchor != m.token for m in g.members):
            # "the attack was carried out with grenades": the weapon the light verb names
            words += [t.lemma_.lower() for c in g.anchor.children if c.dep_ == "prep" and c.lower_ == "with"
                      for t in c.subtree]
        text = " " + " ".join(words) + " "
        for mode, cue_words in cues.items():
            if any(f" {w} " in text for w in cue_words):
                return mode
        return None


def _between(tok: Token, gov: Token) -> list[Token]:
    """The tokens on the way up the tree from `tok` to `gov`, both excluded."""
    out, t = [], tok.head
    while t != gov and t.head != t:
        out.append(t)
        t = t.head
    return out


def _pair(text: str | None) -> bool:
    """"the two sides", "both delegations": two parties, not one country's officials."""
    low = (text or "").lower().split()
    return bool(low) and any(w in ("two", "both", "sides", "parties") for w in low)


def _clause_depth(tok: Token) -> int:
    """How many clauses down from the main one the event is stated (the complement of a verb of
    saying does not count): main events are more certain than those in purpose or relative clauses."""
    from polemos.extract.status import cues

    speech = cues()["speech_verbs"]
    depth, t = 0, tok
    for _ in range(10):
        if t.head == t:
            break
        if t.dep_ in ("advcl", "xcomp", "relcl", "acl", "pcomp", "conj", "prep", "pobj") or \
                (t.dep_ in ("ccomp", "parataxis") and t.head.lemma_.lower() not in speech):
            depth += 1
        t = t.head
    return min(depth, 4)


def verbs_finite(tok: Token) -> bool:
    """A finite verb with a modal ("could attack"), not an infinitive or a participle."""
    return tok.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.tag_ == "MD" for c in tok.children)


@functools.lru_cache(maxsize=1)
def _casualty_re() -> re.Pattern:
    """The casualty words of casualty_terms.yaml (killed/injured nouns and adjectives, toll nouns)."""
    from polemos.extract.counts import casualty_terms

    t = casualty_terms()
    words = set(t["toll"]["nouns"]) - {"number", "count"}
    for kind in ("killed", "injured"):
        words |= set(t[kind]["nouns"]) | set(t[kind]["adjectives"]) | set(t["toll"]["kinds"][kind])
    forms = words | {w + "s" for w in words} | {w[:-1] + "ies" for w in words if w.endswith("y")}
    alt = "|".join(sorted(map(re.escape, forms), key=len, reverse=True))
    return re.compile(rf"\b(?:{alt})\b", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _number_re() -> re.Pattern:
    from polemos.extract.counts import number_rules

    words = [w for w in number_rules()["units"] if len(w) > 2 and w != "both"]
    alt = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"\d|\b(?:{alt})\b", re.IGNORECASE)


# The entry of a headline that states a toll with no event word ("7 bodies found", "3 dead, 5 hurt").
_TOLL = TriggerEntry(index=-2, type="ASSAULT", mode=None, objects=None, casualty=True, only_conditional=False)


def _toll_trigger(doc: Doc) -> list[Trigger]:
    """A headline's stated toll as its event word: the head of the killed (else injured) count's
    words, unless the headline names a non-violent cause ("3 dead in road crash") or a toll."""
    from polemos.extract.counts import casualty_terms, extract_counts, writes_number

    terms = casualty_terms()
    if any(t.lemma_.lower() in terms["not_violence"] or t.lemma_.lower() in terms["toll"]["nouns"] for t in doc):
        return []                        # nor a running tally ("Syria death toll tops 136,000")
    counts = extract_counts(doc)
    for kind in ("killed", "injured"):
        c = counts.get(kind)
        if c is None or not writes_number(c.text):
            continue
        start = doc.text.find(c.text or "")
        toks = [t for t in doc if start <= t.idx < start + len(c.text)] if start >= 0 else []
        if not toks:
            continue
        ids = {t.i for t in toks}
        tok = next((t for t in toks if t.head.i not in ids or t.head == t), toks[0])
        return [Trigger(tok, tok.i, tok.i + 1, _TOLL, "ASSAULT", None)]
    return []


def _casualty_verb(doc: Doc) -> bool:
    """A verb of killing or wounding in the sentence: it states the toll and its event (the noun
    rules for tolls stated without one would only add a second event). A participle describing
    a noun ("bodies of three men executed") states none."""
    from polemos.extract.counts import casualty_verb_kind

    return any(t.pos_ == "VERB" and t.dep_ != "acl" and casualty_verb_kind(t) in ("killed", "injured") for t in doc)


def _states_toll(verb: Token) -> bool:
    """"Twin blasts kill 73 people": a present-tense verb with a stated number of victims is the
    news style of one event, not a state of affairs ("so many civilians die" states no number)."""
    from polemos.extract.counts import casualty_terms, extract_counts, writes_number

    terms = casualty_terms()
    near = [t for c in verb.children for t in [c, *c.children]]
    if any(t.lower_ in terms["habitual"] for t in near) or any(
            t.lemma_.lower() in terms["habitual_units"] and any(d.lower_ == "a" for d in t.children) for t in near):
        return False              # "landmines kill 5,000 people a year": a habit, not an event
    counts = extract_counts(verb.doc, verb)
    return any(writes_number(c.text) for k, c in counts.items() if k in ("killed", "injured"))


def _generic_present(verb: Token) -> bool:
    """Simple present tense with no auxiliary of time: "civilians die", "acts are prohibited"."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ in ("VBZ", "VBP") and not auxes:
        return True
    if verb.tag_ == "VBN" and auxes and all(a.tag_ in ("VBZ", "VBP") and a.lemma_ == "be" for a in auxes):
        return True
    return False
