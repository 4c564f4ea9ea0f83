"""Attaching an event to the place it happened in.

In order of trust:
1. a toponym of the event's sentence tied to the trigger through a locative preposition
   ("struck ... in X", "near X", "into X province") or as the object of a motion verb
   ("visited Jordan"); toponyms naming an actor ("Turkey sent troops", "Turkish soldiers") or a
   topic ("talks on Idlib", "the situation in Idlib" under "regarding") do not count;
2. the place attached to another word for the same kind of event elsewhere in the story
   ("resumed meetings" ... "the talks in Ankara");
3. a weaker toponym of the sentence;
4. the story's main place, with precision "document" — never a silent country centroid.
"""
from __future__ import annotations

import re
from collections import defaultdict

from spacy.tokens import Token

from polemos.geo.lexicon import (
    event_families,
    facility_words,
    geo_weights,
    geo_words,
    place_nouns,
    place_verbs,
    subcity_nouns,
)
from polemos.geo.report_place import participle_head, reference_role, report_precision
from polemos.geo.streets import is_street_name, on_street, street_place, street_town
from polemos.geo.toponym import Toponym
from polemos.models import Place
from polemos.nlp import ParsedText, Sentence

_LOCATIVE = geo_weights("prep_weights")
# a place under these is what the event is about, not where it happened ("talks on Idlib")
_TOPICAL_DIRECT = geo_words("topical_direct")
_TOPICAL_CHAIN = geo_words("topical_chain")
_NEAR = geo_words("near_words")
_ACTOR_DEPS = geo_words("actor_deps")
_SMALL_NOUNS = geo_words("small_place_nouns")
# between a target and the name that only says where it lies: "captured X in Y province", also past
# the rest of a list of targets ("shelled X and Al-Bara in the Y area", "X, Z and W in Y")
_CONTAINER_GAP = re.compile(r"^(?:(?:\s*,|\s+and)\s+[A-Z][\w'’-]*(?:[\s-]+[A-Z][\w'’-]*){0,3})*"
                            r"(?:\s+[A-Za-z]+)?\s+in\s+(?:the\s+)?(?:[a-z-]+\s+)?#?$")
_SPECIFIC = geo_weights("precision_weights")
_CHAIN_DEPS = geo_words("name_chain_deps")
_MODIFIER_DEPS = geo_words("modifier_deps")
_SETTLEMENT = geo_words("settlement_nouns")


# what follows a dateline's place name: ", State" or "(Agency)", then a dash
_DATELINE = re.compile(r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})?\s*(?:\([^()\n]{1,40}\))?\s*(?:—|–|--?)\s")


def _path(a: Token, b: Token) -> tuple[int, list[Token]]:
    """Edges between two tokens of one parse tree and the tokens on the way up from b."""
    anc_a = [a] + list(a.ancestors)
    pos_a = {t.i: k for k, t in enumerate(anc_a)}
    up: list[Token] = []
    for k, t in enumerate([b] + list(b.ancestors)):
        if t.i in pos_a:
            return pos_a[t.i] + k, up
        up.append(t)
    return 99, up


def _prep_of(root: Token) -> Token | None:
    """The preposition governing a toponym, walking up through the nouns it modifies."""
    tok = root
    for _ in range(4):
        head = tok.head
        if head is tok:
            return None
        if head.dep_ in ("prep", "agent") or head.pos_ == "ADP":
            return head
        if tok.dep_ in _CHAIN_DEPS or head.pos_ == "PROPN":
            tok = head
            continue
        return None
    return None


def main_place(toponyms: list[Toponym], text: str = "", lead: tuple[tuple[int, int], ...] = ()) -> Place | None:
    """The story's main place: the most mentioned resolved name, sub-national places weighing
    a little more than countries (a story about Idlib names Syria too). The wire dateline's place
    ("BOSTON —", "KABUL, Afghanistan (AP) —") counts as four more mentions (it says where the story
    was filed, which a later "citizen of Kyrgyzstan" or "his native Kyrgyzstan" does not), unless
    the story names towns or divisions of another country and none of the dateline's (filed in
    Panama City about San Miguel and San Salvador); a place the headline or the lead sentence names (the sentence
    spans `lead`) counts as two more: the lead says where the news happened, later paragraphs add
    background and comparisons."""
    counts: defaultdict[int, float] = defaultdict(float)
    first: dict[int, Place] = {}
    in_lead: set[int] = set()
    placed = [t for t in toponyms if t.place is not None and t.place.geonameid is not None and not t.demonym
              and not t.fallback]
    for t in placed:
        p = t.place
        assert p is not None and p.geonameid is not None
        counts[p.geonameid] += 2 + (1 if p.precision != "country" else 0)   # 1 and 1.5, doubled
        if is_dateline(t, text) and _filed_at_home(t, [o for o in placed if o.start >= _dateline_end(t, text)]):
            counts[p.geonameid] += 12      # (it stands before the lead, and says as much)
        if p.geonameid not in in_lead and any(a <= t.start < b for a, b in lead):
            in_lead.add(p.geonameid)
            counts[p.geonameid] += 6
        first.setdefault(p.geonameid, p)
    if not counts:
        return None
    # a story about Belfast names Northern Ireland too: half a division's weight goes to each town
    # in it the story names
    towns = [g for g, p in first.items() if p.precision == "place"]
    for g, p in list(first.items()):
        if p.precision in ("admin1", "admin2"):
            for town in towns:
                q = first[town]
                inside = q.country == p.country and q.admin1 == p.admin1
                if inside and (p.precision == "admin1" or q.admin2 == p.admin2):
                    counts[town] += counts[g] / 2
    order = list(first)
    gid = max(counts, key=lambda g: (counts[g], -order.index(g)))
    return first[gid]


def _dateline_end(t: Toponym, text: str) -> int:
    m = _DATELINE.match(text, t.end)
    return m.end() if m is not None else t.end


def _filed_at_home(dateline: Toponym, placed: list[Toponym]) -> bool:
    """The story (after its dateline: "PANAMA CITY, Panama —" says nothing more) names another
    place in the dateline's country, or no town or division abroad."""
    country = dateline.place.country if dateline.place is not None else None
    others = [o.place for o in placed if o is not dateline and o.place is not None]
    return any(o.country == country for o in others) or not any(
        o.country != country and o.precision != "country" for o in others)


def lead_spans(parsed: ParsedText) -> tuple[tuple[int, int], ...]:
    """The headline and lead sentence (the first two sentences; a dateline between them is not in
    either)."""
    return tuple((x.start, x.end) for x in parsed.sentences[:2])


def is_dateline(t: Toponym, text: str) -> bool:
    """A name in capitals near the top, followed by a dash (after a state or an agency, if any):
    "BOSTON —", "COLUMBIA, Ky. (WBKO) -", "MOGADISHU, Somalia (Reuters) --"."""
    name = text[t.start:t.end]
    return t.start < 300 and name.isupper() and len(name) > 2 and \
        _DATELINE.match(text, t.end) is not None


def _place_noun(t: Toponym, root: Token, sentence: Sentence, others: list[Toponym]) -> tuple[float, Token]:
    """"the Idlib governorate", "the West Bank town of Tulkarm": the place noun carries the
    relation to the event (the returned token); a name that only contains the place the noun
    names scores lower ("Kabul's potholed streets": the possessive place owns the noun, no actor)."""
    nouns = place_nouns()
    small = t.place is None or t.place.precision in ("place", "near", "admin2")
    score = 0.0
    if root.dep_ in _MODIFIER_DEPS and root.head.lower_ in nouns:
        noun = root.head
        has_of = any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
        if has_of and not small and noun.lower_ in _SMALL_NOUNS:
            score -= 1.5      # "the West Bank town of Tulkarm": West Bank only contains it
        elif has_of and t.place is not None and t.place.precision == "place" and noun.lower_ in subcity_nouns() \
                and not _of_division(t, noun, sentence, others):
            score -= 1.5      # "the south Baghdad neighbourhood of Al-Bayaa": Baghdad contains it
            # (not "Mudiyah district of Abyan": a division of a province is named after its town)
        return score, noun
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in nouns:
        noun = root.head.head
        named = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.pos_ == "PROPN"]
        city = noun.lower_ in subcity_nouns() and any(
            o.place is not None and o.place.precision == "place" and o.start <= sentence.start + c.idx < o.end
            for o in others for c in named)
        if named and not (noun.lower_ in _SMALL_NOUNS and not small) and not city:
            score -= 1.5      # "the Mohammad Agha district of Logar": Logar only contains it
        return score, noun
    return score, root


def _of_division(t: Toponym, noun: Token, sentence: Sentence, others: list[Toponym]) -> bool:
    """The name after "<noun> of" is a province, district or country t's place lies in ("Mudiyah
    district of Abyan")."""
    objs = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    p = t.place
    for o in others:
        q = o.place
        if q is None or p is None or q.precision not in ("admin1", "admin2", "country") or q.country != p.country:
            continue
        if (q.precision == "country" or q.admin1 == p.admin1) and any(o.start <= sentence.start + g.idx < o.end
                                                                        for g in objs):
            return True
    return False


def _score(t: Toponym, sentence: Sentence, trigger: Token,
           others: list[Toponym] | None = None) -> tuple[float, bool, str | None]:
    """(score, locative?, preposition) of one toponym as the place of the trigger's event."""
    # a name the gazetteer does not know ranks between a town and a division
    score = _SPECIFIC.get(t.place.precision or "place", 0.0) if t.place is not None else 0.35
    score -= 0.5 if t.fallback else 0.0
    doc = sentence.doc
    if doc is None or trigger.doc is not doc:
        return score, False, None
    span = doc.char_span(t.start - sentence.start, t.end - sentence.start, alignment_mode="expand")
    if span is None:
        return -9.0, False, None
    root = span.root
    if root.dep_ in ("compound", "amod") and t.place is not None and t.place.precision == "country":
        head = root.head.lower_
        k = span.start - 1
        while k >= 0 and doc[k].pos_ in ("DET", "ADJ", "NUM"):
            k -= 1                         # "on the edge of the northern Gaza Strip soldiers shot"
        after_prep = k >= 0 and doc[k].pos_ == "ADP"   # (a misparse: "captured in Afghanistan sobs")
        if not after_prep and head not in event_families() and head not in place_nouns() \
                and head not in facility_words() and head not in _SETTLEMENT:
            return -9.0, False, None       # "kidnapped a US citizen": a nationality, never the place
        return score - 3.0, False, None    # "near a U.S. patrol": the country names an actor
    nouns = place_nouns()
    delta, root = _place_noun(t, root, sentence, others or [])
    score += delta
    dist, up = _path(trigger, root)
    score -= 0.35 * min(dist, 10)
    role = reference_role(sentence.text, t.start - sentence.start)
    if role == "event":
        return score + _LOCATIVE["near"], True, "near"    # "ambushed 20 km east of Palmyra"
    if role == "container":
        score -= 2.0       # "in Tarmiyah district north of Baghdad": Baghdad only locates Tarmiyah
    prep = _prep_of(root)
    p = prep.lower_ if prep is not None else None
    bonus = _object_or_origin(root, trigger, prep, up, nouns)
    if bonus:
        return score + bonus, bonus > 0, p
    if any(x.dep_ in ("nsubj", "nsubjpass") and x.head.i == trigger.i for x in up):
        score -= 1.5       # "Lindh, from a family in Marin County, was captured": about the actor
    if prep is None:
        p = None
    if p == "on" and prep is not None and _attack_on(prep):
        return score + 1.5, True, p      # "attacks on the towns of Aqrab"
    if prep is not None and p == "of" and prep.head.lower_ in _NEAR:
        score -= 1.0       # "Taji, just north of Baghdad": Baghdad is only the reference point
    if prep is not None and p in ("in", "of", "near") and prep.head.i != trigger.i \
            and prep.head.lower_ not in facility_words() and (prep.head.lower_ in nouns or prep.head.pos_ == "PROPN"):
        score -= 1.0       # "the Aziziyah district in the city of Aleppo": Aleppo contains the place
    # ("talks regarding the situation in Idlib"; not "a camp for soldiers in Corsica")
    topical = p in _TOPICAL_DIRECT or any(x.lower_ in _TOPICAL_CHAIN and (x.lower_ != "for" or x.head.i == trigger.i)
                                          for x in up)
    if topical:
        return score - 2.5, False, p
    if prep is not None and p == "by" and prep.dep_ == "agent":
        return score - 3.0, False, p       # "captured by Israel": the actor
    if p in _LOCATIVE:
        return score + _LOCATIVE[p], _LOCATIVE[p] >= 1.0, p
    takes_place = trigger.lemma_.lower() in place_verbs()
    target = root
    if root.dep_ == "appos" or root.dep_ == "compound" and root.head.lower_ in nouns:
        target = root.head                 # "captured the capital, Brazzaville", "the capital Brazzaville"
    if takes_place and target.head.i == trigger.i and target.dep_ in ("dobj", "nsubjpass"):
        return score + 1.5, True, None     # "visited Jordan", "entered Idlib", "Jaffna was captured"
    if root.dep_ == "poss" and root.head.head.i == trigger.i and root.head.dep_ in ("dobj", "nsubjpass"):
        return score, False, None          # "patrolled Jerusalem's streets": the place owns the target
    head_of_list = root
    while head_of_list.dep_ == "conj" and head_of_list.head.i != head_of_list.i:
        head_of_list = head_of_list.head      # "Turkey and Russia agreed": Russia is a subject too
    if p is None and head_of_list is not root and head_of_list.dep_ in _ACTOR_DEPS:
        return score - 3.0, False, None
    if p is None and root.dep_ == "nsubjpass" and root.head.i == trigger.i:
        return score - 0.5, False, None    # "Jaffna was captured": the place is the target
    if p is None and root.dep_ in _ACTOR_DEPS:
        return score - 3.0, False, None
    if p is None and root.dep_ == "compound":
        return score - 1.0, False, None    # "a Manhattan gallery", "the Idlib offensive"
    if p is None and root.dep_ == "dobj" and root.head.i == trigger.i and trigger.lemma_.lower() in place_verbs():
        return score + 1.5, True, None     # "visited Jordan", "entered Idlib"
    if p is not None:
        return score - 0.5, False, p       # "envoy for Syria", "aid to"
    return score, False, None


def _object_or_origin(root: Token, trigger: Token, prep: Token | None, up: list[Token],
                      nouns: frozenset[str]) -> float:
    """+1.5 when a place noun holding the name is the event word's object ("shelled the outskirts
    of X", "stormed the town of X"); -1.5 when the name is reached through "from" ("shelled X from
    their positions in Y": Y is where an attack was fired from); else 0."""
    if root.lower_ in nouns and root.dep_ == "dobj" and root.head.i == trigger.i:
        return 1.5
    if prep is not None and event_families().get(trigger.lower_) == "attack" \
            and any(x.dep_ == "prep" and x.lower_ == "from" and x.i != prep.i for x in up):
        return -1.5       # (an attack happens where it lands; "expelled from X" happens at X)
    return 0.0


def _attack_on(prep: Token) -> bool:
    """"attacks on X", "launched airstrikes on X": the target of an attack is where it happened."""
    fams = event_families()
    head = prep.head
    if fams.get(head.lower_) == "attack":
        return True
    # the parser often hangs "on" from the verb: "launched an assault on X"
    return head.pos_ == "VERB" and any(c.dep_ == "dobj" and fams.get(c.lower_) == "attack"
                                       for c in head.children)


def _same_event_place(parsed: ParsedText, sentence: Sentence, trigger: Token,
                      toponyms: list[Toponym]) -> Toponym | None:
    """A place attached elsewhere in the story to a word for the same kind of event."""
    fams = event_families()
    words = {trigger.lower_, trigger.lemma_.lower()}
    if sentence.doc is not None:
        words |= {t.lower_ for t in sentence.doc if t.pos_ in ("NOUN", "VERB")}
    kinds = {fams[w] for w in words if w in fams}
    if not kinds:
        return None
    for t in toponyms:
        if t.place is None or t.demonym or sentence.start <= t.start < sentence.end:
            continue
        before = parsed.text[max(0, t.start - 40):t.start].lower()
        m = re.search(r"([a-z]+)\s+(?:([a-z]+)\s+)?(?:in|at)\s+(?:the\s+)?$", before)
        if m and (fams.get(m.group(1)) in kinds or fams.get(m.group(2) or "") in kinds):
            # "in Syria's northwestern Idlib province": the place inside, not its country
            owned = [x for x in toponyms if x.owner is t and x.place is not None and not x.fallback]
            return owned[0] if owned else t
    return None


def rank(sentence: Sentence, trigger: Token, toponyms: list[Toponym]) -> list[tuple[float, bool, str | None, Toponym]]:
    """The sentence's toponyms (resolved or not, demonyms left out) as places of the trigger's
    event, best first: (score, locative, preposition, toponym)."""
    in_sent = [t for t in toponyms if sentence.start <= t.start < sentence.end and not t.demonym
               and (t.place is None or t.place.lat is not None)]
    # "X (Y district, Z province)": Y and Z only say where X lies, when X is placed
    if any(not t.context and t.place is not None for t in in_sent):
        in_sent = [t for t in in_sent if not t.context]
    # "Idlib's Atarib": the owned place is where it happened — if we could place it at all
    owners = {id(t.owner) for t in in_sent if t.owner is not None and t.place is not None}
    scored = []
    for t in in_sent:
        s, locative, prep = _score(t, sentence, trigger, in_sent)
        if id(t) in owners:
            s -= 2.0      # "Idlib's X": X is where it happened; Idlib only contains it
        scored.append((s, locative, prep, t))
    # a building we cannot map ("the Victoria Hotel") ranks below the town it stands in
    scored = [(s - (1.0 if t.place is None and t.text.split()[-1].lower() in facility_words() else 0.0),
               loc, prep, t) for s, loc, prep, t in scored]
    # "in Lucciana, in upper Corsica": a division or country named beside a smaller place
    # in it is only its container
    small = [t for s, loc, _, t in scored if loc and (t.place is None or t.place.precision in ("place", "near"))]
    out = []
    for s, loc, prep, t in scored:
        p = t.place
        if loc and p is not None and p.precision in ("admin1", "admin2", "country") and any(
                a.place is None or a.place.country == p.country
                and (p.precision == "country" or a.place.admin1 == p.admin1)
                for a in small if a is not t):
            s -= 1.0
        out.append((s, loc, prep, t))
    # "captured Lubumbashi in Shaba province", "enter Al-Bab City in east Aleppo": the name right
    # after the target and "in" only says where the target lies
    targets = [t for s, loc, prep, t in out if loc and (prep is None or prep == "on")]   # ("strikes on X")
    for k, (s, loc, prep, t) in enumerate(out):
        if prep == "in" and any(a is not t and a.end <= t.start
                                and _CONTAINER_GAP.match(sentence.text[a.end - sentence.start:t.start - sentence.start])
                                for a in targets):
            out[k] = (s - 1.0, loc, prep, t)
    out.sort(key=lambda x: -x[0])
    return out


def event_toponym(sentence: Sentence, trigger: Token, toponyms: list[Toponym]) -> Toponym | None:
    """The place name of the sentence the event is attached to, resolved or not (what the
    event-location evaluation scores)."""
    scored = rank(sentence, trigger, toponyms)
    best = next((x for x in scored if x[1]), None)
    if best is None and scored and scored[0][0] > -3.0:
        best = scored[0]
    return best[3] if best is not None else None


def event_place(parsed: ParsedText, sentence: Sentence, trigger: Token,
                toponyms: list[Toponym]) -> Place | None:
    scored = rank(sentence, trigger, toponyms)
    head = participle_head(trigger)
    if head is not None:      # "stormed X in Y LGA, kidnapping dozens": X, where the clause's verb put it
        by_head = rank(sentence, head, toponyms)
        if max((x[0] for x in by_head if x[1]), default=-99.0) > max((x[0] for x in scored if x[1]), default=-99.0):
            scored = by_head
    locative = [x for x in scored if x[1]]
    resolved = [x for x in scored if x[3].place is not None]
    if locative:
        top = locative[0]
        town = street_place(locative, toponyms)
        if town is not None:
            return town
        if top[3].place is not None:
            return _copy(top[3].place, top[2], parsed.text, top[3].start, top[3].end)
        # the event happened in a place we could not resolve ("in Ibbin village"): a resolved
        # locative name just as close ("in Ibbin, Idlib province"), else the story's main
        # place marked "document" — not another sentence's place
        alt = next((x for x in locative if x[3].place is not None and x[0] >= top[0] - 1.0), None)
        if alt is not None:
            return _copy(alt[3].place, alt[2], parsed.text, alt[3].start, alt[3].end)
    else:
        street = next((x[3] for x in scored if x[0] > -3.0 and x[3].place is None and is_street_name(x[3].text)), None)
        town = street_town(street, [], toponyms) if street is not None else None
        if town is not None and street is not None:          # "targeted a bakery on Rue Victor Hugo"
            return on_street(street, town)
        same = _same_event_place(parsed, sentence, trigger, toponyms)
        if same is not None and same.place is not None:
            return _copy(same.place, None)
        if resolved and resolved[0][0] > -3.0:
            return _copy(resolved[0][3].place, resolved[0][2], parsed.text, resolved[0][3].start,
                         resolved[0][3].end)
    doc_place = main_place(toponyms, parsed.text, lead_spans(parsed))
    if doc_place is None:
        return None
    p = doc_place.model_copy()
    p.text = None
    p.precision = "document"
    return p


def _copy(place: Place | None, prep: str | None, text: str = "", start: int = 0, end: int = 0) -> Place | None:
    """The event's place; "near X", "15 km north of X", "the outskirts of X": X at precision "near";
    "X district", "the countryside of X" read as the town X: "admin2"."""
    if place is None:
        return None
    p = place.model_copy()
    p.precision = report_precision(p.precision, prep in _NEAR, text, start, end)
    return p
