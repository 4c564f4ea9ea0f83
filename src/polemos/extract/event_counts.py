"""Counts attached to events. counts.py reads the killed / injured / displaced / arrested figures
of a sentence; this module decides which event keeps each one (the event word that governs the
count, of a type that can have such victims), lets a toll told later in its own sentence revise
the story's latest attack, and reads a headline's bare toll ("7 bodies found") as an attack. It
is separate because ownership of figures is one decision, made after events are built and
tested on its own (tests/test_counts_pipeline.py)."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from polemos import datafiles
from polemos.extract.casualty_terms import casualty_terms, casualty_verb_kind
from polemos.extract.counts import CountSpan, attackers_only, count_spans, extract_counts
from polemos.extract.groups import EventGroup
from polemos.extract.resources import Resources
from polemos.extract.revisions import CountRevision
from polemos.extract.story import StoryState
from polemos.extract.tolls import casualty_verb
from polemos.models import Count, Event

_COUNT_KINDS = datafiles.word_list("ontology", "count_kinds")


class CountAttachment:
    """Gives each count to its event and revises tolls."""

    def __init__(self, res: Resources) -> None:
        self.res = res

    def own_counts(self, doc: Doc,
                   stated: list[tuple[EventGroup, Event, dict[str, CountSpan]]]) -> Iterator[CountRevision]:
        """Counts are read per sentence; each is kept only by the event it describes
        (`count_owners` in ontology.yaml): the nearest event word above it in the tree, of a type
        that can have such victims, else the nearest such event in the sentence."""
        kept: list[tuple[Event, CountSpan]] = []
        for _, ev, spans in stated:
            for kind in _COUNT_KINDS:
                if getattr(ev, kind) is None:
                    continue
                owner = self._count_owner(doc, kind, spans[kind], stated)
                if owner is not ev:
                    yield CountRevision(ev, kind, None)
                elif kind == "killed":
                    kept.append((ev, spans[kind]))
        # "the attack killed four soldiers, and the ministry said 12 assailants were also killed":
        # the attackers' deaths told beside the victims' are not a toll of their own ("all 3
        # gunmen were killed by soldiers" names who killed them: an event of its own)
        if any(not attackers_only(doc, span) for _, span in kept):
            for ev, span in kept:
                if attackers_only(doc, span) and ev.actor1 is None:
                    yield CountRevision(ev, "killed", None)

    def later_toll(self, doc: Doc, state: StoryState) -> Iterator[CountRevision]:
        """"A bomb killed 4 people. The death toll rose to 14.": a toll told in a sentence of its
        own (no event word) revises the story's latest attack, when it is higher."""
        prev = next((ev for _, ev in reversed(state.events) if ev.type == "ASSAULT" and ev.status == "occurred"), None)
        if prev is None:
            return
        tolls = [t for t in doc if t.lemma_.lower() in self.res.lexicon.toll_nouns]
        if any(self._other_toll(t) for t in tolls):
            return                # "the death toll from the 2015 earthquake", "the war's toll"
        toll = bool(tolls)
        counts = extract_counts(doc)
        for kind, c in counts.items():
            if kind not in ("killed", "injured") or c.best is None or not (toll or getattr(c, "revised", False)):
                continue
            old = getattr(prev, kind)
            if old is None or old.best is None or c.best > old.best:
                yield CountRevision(prev, kind, c, "later toll")
        if not toll and state.events[-1][1] is prev:
            yield from self._toll_told_after(doc, prev, counts)

    def _toll_told_after(self, doc: Doc, prev: Event, counts: dict[str, Count]) -> Iterator[CountRevision]:
        """"Clashes broke out on the front. The monitor documented the death of 7 soldiers.": the
        dead told in the next sentence with no event word of its own (a noun, "lost N", "those
        killed were N") are the toll of the attack just told, when it has none. A sentence with a
        verb of killing tells its own event (or one dropped as habitual or denied), and a toll of a
        period ("since March", "this year") is no event's."""
        if not counts or casualty_verb(doc) or self._period(doc):
            return
        for kind, c in counts.items():
            if kind in ("killed", "injured") and c.best is not None and getattr(prev, kind) is None:
                yield CountRevision(prev, kind, c, "toll told after")

    @staticmethod
    def _period(doc: Doc) -> bool:
        """The sentence speaks of a period or a war ("since March", "so far", "the war"); "since
        dawn" is the day's fighting."""
        terms = casualty_terms()["toll"]
        same = set(terms["since_same_event"])
        words = f" {' '.join(t.lemma_.lower() for t in doc if not _since_today(t, same))} "
        return any(f" {w} " in words for w in terms["period"])

    def _other_toll(self, toll: Token) -> bool:
        """A toll said to be of something else than the attack told before: a named possessor
        ("the war's toll"), or "from"/"of"/"in" a war, a disaster or a dated event."""
        other = set(self.res.lexicon.conflict_nouns) | set(casualty_terms()["not_violence"])
        for c in toll.children:
            if c.dep_ == "poss" and c.lower_ not in ("its", "their"):
                return True
            if c.dep_ == "prep" and c.lower_ in ("from", "of", "in"):
                for o in c.children:
                    if o.dep_ == "pobj" and (o.lemma_.lower() in other or o.pos_ == "PROPN" or any(
                            x.like_num or x.ent_type_ == "DATE" for x in o.subtree)):
                        return True
        return False

    def event_spans(self, doc: Doc, g: EventGroup, type_: str) -> dict[str, CountSpan]:
        """Step "counts": the figures of the sentence an event of this type reads, by kind, with
        their token spans. Separate figures are chosen by nearness to the event's own casualty
        verb where it has one ("opened fire ..., killing at least 25 ..., all 4 attackers were
        killed": the 25)."""
        if not self.may_own_counts(type_):
            return {}      # (speed) count ownership would drop them all
        near = next((m.token for m in g.members if m.entry.casualty and m.token.pos_ == "VERB"), g.anchor)
        return count_spans(doc, near)

    def may_own_counts(self, type_: str) -> bool:
        """Whether an event of this type can keep any count (`count_owners`); counts are read
        only for those (a kind with no owners listed can go to any event)."""
        kinds = _COUNT_KINDS
        return any(k not in self.res.ontology.count_owners or type_ in self.res.ontology.count_owners[k] for k in kinds)

    def _owns(self, kind: str, ev: Event) -> bool:
        modes = self.res.ontology.count_owners.get(kind, {}).get(ev.type)
        return modes is not None and (not modes or ev.mode in modes)

    def _count_owner(self, doc: Doc, kind: str, span: CountSpan,
                     stated: list[tuple[EventGroup, Event, dict[str, CountSpan]]]) -> Event | None:
        if kind not in self.res.ontology.count_owners:
            return next((ev for _, ev, _ in stated if getattr(ev, kind) is not None), None)
        toks = list(doc[span.start:span.end])
        if not toks:
            # the count has no words of its own: keep it on the events that may carry it
            return next((ev for _, ev, _ in stated if self._owns(kind, ev) and getattr(ev, kind) is not None), None)
        span_i = {t.i for t in toks}
        root = next((t for t in toks if t.head.i not in span_i or t.head == t), toks[0])
        at: dict[int, Event] = {}
        for g, ev, _ in stated:
            for t in [m.token for m in g.members] + ([g.anchor] if g.anchor is not None else []):
                at.setdefault(t.i, ev)
        for t in toks:     # "among eight killed": the count's own words hold the event's verb
            hit = at.get(t.i)
            if hit is not None and self._owns(kind, hit):
                return hit
        governed = False
        victim_nouns = set(casualty_terms()["victim_event_nouns"])
        path = [root, *root.ancestors]
        passing = False
        for n, t in enumerate(path):
            hit = at.get(t.i)
            if hit is None:
                # "to protest the killing of a student": the toll of a killing told in passing is
                # no other event's (an attack "resulting in the death of 2 people" keeps it)
                passing = passing or (n > 0 and path[n - 1].lower_ == "of" and t.pos_ == "NOUN"
                                      and t.lemma_.lower() in victim_nouns)
                continue
            governed = True
            if self._owns(kind, hit) and not (passing and hit.type != "ASSAULT"):
                return hit          # "police arrested 150 protesters": the arrest
            if n <= 1 and casualty_verb_kind(t) is not None:
                return None         # "to denounce an attack that killed 40": the killing is told inside that event
        if governed:
            return None            # only a demand, a threat ... governs it: none of theirs
        owners = [(abs(g.anchor.i - root.i) if g.anchor is not None else 99, ev)
                  for g, ev, _ in stated if self._owns(kind, ev)]
        return min(owners, key=lambda x: x[0])[1] if owners else None


def _since_today(tok: Token, same: set[str]) -> bool:
    """"since" of "since dawn", "since Thursday": a time of the last day or days."""
    return tok.lower_ == "since" and any(x.lemma_.lower() in same for x in tok.subtree)
