"""Choosing one gazetteer entry per place name, using the whole document as context.

A name's candidates are scored by what a reader would use: how big and important the place is,
whether the words around it say what kind of place it is ("province", "village"), whether the
text places it inside another place ("Idlib's X"), which countries the story is about, and how
close it is to the other places in the story. Two passes: the first picks by the name alone and
gives the story's country focus; the second re-ranks every name with that focus.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from polemos.geo.distance import haversine_km
from polemos.geo.gazetteer import Candidate, Gazetteer
from polemos.geo.mention import Mention
from polemos.geo.ranker import (
    StoryContext,
    Weights,
    default_weights,
    index_kind,
    kind,
    static_features,
    story_features,
    top_town,
)
from polemos.models import Place, PlacePrecision


def precision_of(c: Candidate) -> PlacePrecision:
    if c.is_country or c.fcode == "CONT":     # a continent: coarser still, reported at the coarsest level
        return "country"
    if c.is_admin1:
        return "admin1"
    if c.is_admin2:
        return "admin2"
    return "place"


class Resolver:
    def __init__(self, gaz: Gazetteer, weights: Weights | None = None) -> None:
        self.gaz = gaz
        self.weights = weights or default_weights(index_kind(gaz.meta))
        # id(mention) -> [(candidate, features)] of its last scoring, when training the ranker
        self.record: dict[int, list[tuple[Candidate, dict[str, float]]]] | None = None

    def resolve(self, mentions: list[Mention]) -> list[tuple[Mention, Candidate | None]]:
        for m in mentions:
            m.candidates = _one_capital(m.candidates)
        first = self._first_pass(mentions)
        focus, a1_focus, votes = _story_focus(mentions, first)
        total = sum(focus.values()) or 1.0
        a1_total = sum(a1_focus.values()) or 1.0
        # passes 2 and 3: with the story's focus, admin context and the places around (pass 3
        # measures closeness to pass 2's choices, which are better than the first guesses)
        chosen: dict[int, Candidate | None] = dict(first)
        pool = _candidate_pool(mentions)
        for _ in range(2):
            prev = dict(chosen)
            for i, m in enumerate(mentions):
                if m.demonym or not m.candidates:
                    chosen[i] = first[i]
                    continue
                others = [c for j in range(len(mentions)) if j != i and (c := prev[j]) is not None
                          and not c.is_country and mentions[j].text != m.text]
                mates = [c for j, x in enumerate(mentions)
                         if j != i and m.group > 0 and x.group == m.group and (c := prev[j]) is not None]
                chosen[i] = self._best(m, i, mentions, first, focus, total, a1_focus, a1_total, votes, others, pool,
                                       _list_kind(mates))
        _owners_as_divisions(mentions, chosen)
        _context_as_divisions(mentions, chosen)
        out = self._fall_back_to_owners(mentions, chosen, focus, total)
        # one place per name in a story: where the text once says where a name lies ("Paris,
        # Idaho"), its other mentions are that place too
        placed = {m.text.lower(): c for m, c in out
                  if m.extra.get("container") and c is not None and not m.extra.get("fallback")}
        return [(m, placed.get(m.text.lower(), c) if m.owner is None and not m.demonym
                 and any(x.geonameid == placed[m.text.lower()].geonameid for x in m.candidates) else c)
                if m.text.lower() in placed else (m, c) for m, c in out]

    def _first_pass(self, mentions: list[Mention]) -> dict[int, Candidate | None]:
        """Pass 1: each name by itself (demonyms give their country)."""
        first: dict[int, Candidate | None] = {}
        for i, m in enumerate(mentions):
            if m.demonym:
                first[i] = self.gaz.country_place(m.demonym)
            elif m.candidates:
                top = top_town(m)
                first[i] = max(m.candidates, key=lambda c: self.weights.score(static_features(c, m, top)))
            else:
                first[i] = None
        return first

    def _fall_back_to_owners(self, mentions: list[Mention], chosen: dict[int, Candidate | None],
                             focus: dict[str, float], total: float) -> list[tuple[Mention, Candidate | None]]:
        """A name the text puts inside a place, with no entry there: that place (flagged)."""
        out = []
        for i, m in enumerate(mentions):
            c = chosen[i]
            owner = self._owner(m, chosen, mentions)
            # a report's admin context says where the place lies, even against the name's reading
            # abroad: "Benin (Ariha, Idleb)" is a village of Idlib the index lacks, not the country;
            # "Palma (Cabo Delgado)" is not Palma de Mallorca (so the index must know the context's
            # names as the report spells them: "Nord-Ouest" is only Haiti's)
            abroad = m.extra.get("parenthesis") and m.extra.get("context_firm") and c is not None \
                and owner is not None and c.cc != owner.cc
            if owner is not None and c is not None and not abroad \
                    and not _can_lie_in(c, owner, focus[owner.cc] / total, focus[c.cc] / total):
                owner = None      # "Liverpool's Egyptian striker", "Beijing's help in Seoul's efforts"
            if owner is not None and owner is not c and not owner.is_country:
                # "X (Tadmor, Homs)": a parenthesis names X's district after its main town, and a
                # district may reach further than a town's surroundings
                if c is None or not (_inside(c, owner) or m.extra.get("parenthesis") and _same_division(c, owner)):
                    c = owner
                    m.extra["fallback"] = True
            elif owner is not None and c is None:
                c = owner
                m.extra["fallback"] = True
            out.append((m, c))
        return out

    def _best(self, m: Mention, i: int, mentions: list[Mention], first: dict, focus: dict[str, float], total: float,
              a1_focus: dict[tuple[str, str], float], a1_total: float, votes: dict, others: list[Candidate],
              pool: dict[str, list[Candidate]] | None = None, list_kind: str | None = None) -> Candidate | None:
        cands = m.candidates
        if total >= 3 and not m.extra.get("context"):     # a report's admin context names real divisions
            # an alternate spelling of a place in a country the story never mentions
            own = votes.get(i, ("", 0.0))
            # (a continent lies in no country: "European" is Europe whatever the story's focus)
            cands = tuple(c for c in cands if c.main or c.is_country or c.fcode == "CONT"
                          or focus[c.cc] - (own[1] if own[0] == c.cc else 0.0) > 0)
        elif not m.extra.get("context"):
            cands = _home_spelling(m, i, cands, focus, votes)
        if not cands:
            return None
        seats = {(c.cc, c.admin1) for c in m.candidates if c.fclass == "P" and c.main}
        capitals = {c.cc for c in m.candidates if c.fcode == "PPLC" and c.main}
        countries = {c.cc for c in m.candidates if c.is_country and c.main}
        # distinct places around, by name, so one repeated name does not count many times
        around: dict[str, Candidate] = {}
        for o in others:
            around.setdefault(o.name, o)
        ctx = StoryContext(
            country_share={cc: n / total for cc, n in focus.items()},
            admin1_share={k: n / a1_total for k, n in a1_focus.items()}, focus_total=total,
            near=list(around.values())[:40], pool=pool or {}, list_kind=list_kind)
        if m.owner is not None:
            ctx.has_owner, ctx.owner = True, self._owner(m, first, mentions)
        top = top_town(m)
        best, best_s = None, -1e9
        record: list[tuple[Candidate, dict[str, float]]] | None = [] if self.record is not None else None
        for c in cands:
            f = static_features(c, m, top)
            if c.is_admin1 and ((c.cc, c.admin1) in seats or c.cc in capitals) and m.hint != "ADM1":
                f["division_of_seat_name"] = 1.0   # "Ankara", "Idlib", "Washington" alone: the city
            if c.cc in countries and not c.is_country and m.hint is None and (not c.main or c.is_admin1):
                f["part_of_country_name"] = 1.0    # "Mexico", "Kuwait" alone: the country
            if not c.main and len(m.text) <= 3 and m.text.isupper() and not (c.is_country or c.is_admin1):
                f["abbreviation_alternate"] = 1.0  # "SA" is not an abbreviation of Salvador
            story_features(c, m, ctx, f)
            s = self.weights.score(f)
            if record is not None:
                record.append((c, f))
            if s > best_s:
                best, best_s = c, s
        if self.record is not None and record is not None:
            self.record[id(m)] = record
        return best

    def _owner(self, m: Mention, chosen: dict[int, Candidate | None], mentions: list[Mention]) -> Candidate | None:
        if m.owner is None:
            return None
        for j, x in enumerate(mentions):
            if x is m.owner:
                return chosen.get(j)
        return None

def _home_spelling(m: Mention, i: int, cands: tuple[Candidate, ...], focus: dict[str, float],
                   votes: dict) -> tuple[Candidate, ...]:
    """A short report ("assassinated a commander in Nawa in western Daraa") means the place of the
    name's own spelling in a country its other places lie in, not a place abroad that goes by it
    as an alternate name (Naha, Japan)."""
    own = votes.get(i, ("", 0.0))
    told = {cc for cc, n in focus.items() if n - (own[1] if own[0] == cc else 0.0) > 0}
    if not any(c.main and c.cc in told and not c.is_country for c in cands):
        return cands
    return tuple(c for c in cands if c.main or c.cc in told or c.is_country or c.fcode == "CONT")


def _story_focus(mentions: list[Mention], first: dict[int, Candidate | None]
                 ) -> tuple[dict[str, float], dict[tuple[str, str], float], dict[int, tuple[str, float]]]:
    """The story's country and first-level-division focus from the first pass: one vote per
    distinct name, strong when the name is unambiguous (a country named, "Ontario"), weak when it
    is not (21 mentions of "London" must not outvote the story's Canada)."""
    focus: dict[str, float] = defaultdict(float)
    a1_focus: dict[tuple[str, str], float] = defaultdict(float)
    votes: dict[int, tuple[str, float]] = {}
    seen_names: set[str] = set()
    for i, m in enumerate(mentions):
        c = first[i]
        if c is None:
            continue
        ccs = {x.cc for x in m.candidates} if m.candidates else {c.cc}
        w = 2.0 if len(ccs) == 1 else 0.5
        votes[i] = (c.cc, w)
        key = m.text.lower()
        if key in seen_names:
            continue
        seen_names.add(key)
        focus[c.cc] += w
        if c.admin1 and not c.is_country:
            a1_focus[(c.cc, c.admin1)] += w
    return focus, a1_focus, votes


def _owners_as_divisions(mentions: list[Mention], chosen: dict[int, Candidate | None]) -> None:
    """"Idlib's Sheikh Ali, Atarib villages": the possessive names the division they lie in."""
    owners = {id(m.owner) for m in mentions if m.owner is not None}
    for i, m in enumerate(mentions):
        c = chosen[i]
        if id(m) in owners and c is not None and c.fclass == "P":
            adm = [x for x in m.candidates if x.is_admin1 and x.cc == c.cc and x.admin1 == c.admin1]
            if adm:
                chosen[i] = adm[0]


def _context_as_divisions(mentions: list[Mention], chosen: dict[int, Candidate | None]) -> None:
    """"X (Y, Z)", "X (Z)": an event report's parenthesis names divisions, the widest last (ACLED
    writes the second-level division, then the first-level one). Of a context name's readings,
    the division of that level in the same place wins over the town of the same name."""
    for i, m in enumerate(mentions):
        c, order = chosen[i], m.extra.get("context")
        if not order or c is None or c.fclass != "P":
            continue
        kinds = ("admin1", "admin2") if order == 1 else ("admin2",)
        for k in kinds:
            div = [x for x in m.candidates if x.cc == c.cc and x.admin1 == c.admin1
                   and (x.is_admin1 if k == "admin1" else x.is_admin2)]
            if div:
                chosen[i] = div[0]
                break


_POOL_CAP = 25          # most populous readings of a name considered for coherence


def _candidate_pool(mentions: list[Mention]) -> dict[str, list[Candidate]]:
    """Every reading of every distinct name in the story (countries aside)."""
    pool: dict[str, list[Candidate]] = {}
    for m in mentions:
        key = m.text.lower()
        if m.demonym or not m.candidates or key in pool:
            continue
        cs = [c for c in m.candidates if not c.is_country and c.fcode != "CONT"]
        pool[key] = sorted(cs, key=lambda c: -c.population)[:_POOL_CAP]
    return pool


def _list_kind(mates: list[Candidate]) -> str | None:
    """The kind of place every other name of a list is, when they are all countries or all
    first-level divisions."""
    kinds = {kind(c) for c in mates}
    return kinds.pop() if len(kinds) == 1 and "other" not in kinds else None


def _one_capital(cands: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """A country has one capital: of the readings of a name marked as the capital of the same
    country, the most populous is it (an index built from city lists marks every town called
    "Washington" in the United States as the capital), the others are ordinary towns."""
    caps: dict[str, Candidate] = {}
    for c in cands:
        if c.fcode == "PPLC" and (c.cc not in caps or c.population > caps[c.cc].population):
            caps[c.cc] = c
    if all(sum(c.fcode == "PPLC" and c.cc == cc for c in cands) == 1 for cc in caps):
        return cands
    return tuple(replace(c, fcode="PPL") if c.fcode == "PPLC" and caps[c.cc] is not c else c for c in cands)


def _can_lie_in(c: Candidate, owner: Candidate, owner_share: float, own_share: float) -> bool:
    """Whether the place chosen for a name could lie in the place a possessive before it names:
    not a country or a first-level division in a town, not a capital or a bigger town in a
    smaller one, not a place of the story's countries in a small reading of the owner from
    elsewhere ("St Patrick's Church in Navan": the owner is no parish of Dominica)."""
    if c.is_country or c.fcode == "CONT":
        return False
    if not c.main:
        return True       # a reading by an alternate name is weak evidence against the owner
    if c.is_admin1 and not owner.is_country:
        return False
    if c.fcode == "PPLC" and c.cc != owner.cc:
        return False
    if c.fclass == "P" and owner.fclass == "P" and c.population > owner.population:
        return False
    return not (c.cc != owner.cc and owner_share < 0.2 <= own_share and owner.population < 100_000)


def _inside(c: Candidate, owner: Candidate) -> bool:
    """Whether c can lie in owner (same division, or within 60 km of a town owner)."""
    if c.cc != owner.cc:
        return False
    if owner.is_admin1 or owner.is_admin2:
        return c.admin1 == owner.admin1 or haversine_km(c.lat, c.lon, owner.lat, owner.lon) < 100
    return haversine_km(c.lat, c.lon, owner.lat, owner.lon) < 60


def _same_division(c: Candidate, owner: Candidate) -> bool:
    """Whether c lies in the first-level division of owner (and in owner, when owner is a
    second-level division), within 150 km of it."""
    return c.cc == owner.cc and c.admin1 == owner.admin1 and (not owner.is_admin2 or not c.admin2
                                                              or c.admin2 == owner.admin2) \
        and haversine_km(c.lat, c.lon, owner.lat, owner.lon) < 150


def to_place(gaz: Gazetteer, m: Mention, c: Candidate) -> Place:
    precision: PlacePrecision = precision_of(c)
    if m.extra.get("near") and precision == "place":
        precision = "near"        # a site named after the town it is in or by
    if m.extra.get("fallback") and precision == "place":
        precision = "admin2"      # "X (Atarib, Aleppo)" with no X in the index: somewhere in Atarib's district
    return Place(text=m.text, name=c.name, geonameid=c.geonameid, lat=round(c.lat, 5),
                 lon=round(c.lon, 5), country=gaz.iso3(c.cc), admin1=gaz.admin1_name(c.cc, c.admin1),
                 admin2=gaz.admin2_name(c.cc, c.admin1, c.admin2), feature_code=c.fcode or None,
                 precision=precision)
