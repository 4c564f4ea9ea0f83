"""Streets in event linking: a street the index cannot place lies in the last town the story named
(i12-fields' rules, moved out of link.py to keep it small)."""
from __future__ import annotations

from polemos.geo.lexicon import geo_words
from polemos.geo.tokens import Tok
from polemos.geo.toponym import Toponym
from polemos.models import Place

_STREET_FIRST = geo_words("street_prefixes")
_STREET_LAST = geo_words("street_suffixes")


def is_street(toks: list[Tok], i: int, j: int) -> bool:
    """The capitalised phrase toks[i:j] names a street ("Haifa Street", "Oxford St", "Rue de Lyon")."""
    return j - i >= 2 and (toks[i].text.lower() in _STREET_FIRST or toks[j - 1].text.lower() in _STREET_LAST)


def street_place(locative: list[tuple[float, bool, str | None, Toponym]], toponyms: list[Toponym]) -> Place | None:
    """A street the index lacks, ranked about as high as the best locative name, when no town of the
    sentence is ranked as high ("At Oxford Street, the busiest bus station in Northern Ireland"; not
    "in Calle del Correo, Madrid": Madrid is the town)."""
    best = locative[0][0]
    street = next((x[3] for x in locative if x[0] >= best - 1.0 and x[3].place is None and is_street_name(x[3].text)),
                  None)
    if street is None or any(x[0] >= best - 1.0 and x[3].place is not None and x[3].place.precision in ("place", "near")
                             for x in locative):
        return None
    town = street_town(street, [x[3] for x in locative], toponyms)
    return on_street(street, town) if town is not None else None


def is_street_name(name: str) -> bool:
    """"Oxford St", "Deerpark Road", "Rue Victor Hugo", "Calle del Correo": a street's name."""
    words = name.split()
    return len(words) >= 2 and (words[0].lower() in _STREET_FIRST or words[-1].lower().rstrip(".") in _STREET_LAST)


def street_town(street: Toponym, locative: list[Toponym], toponyms: list[Toponym]) -> Place | None:
    """The town a street the index cannot place lies in: the last town the story named before it
    ("bombs in north Belfast. At Oxford St, the busiest bus station in Northern Ireland, ...";
    "a bakery on the central street Rue Victor Hugo" after "Police in the city of Lyon"), within
    the division or country the sentence names around the street, if it names one."""
    within = next((t.place for t in locative if t.place is not None), None)
    for t in reversed([t for t in toponyms if t.start < street.start]):
        p = t.place
        if p is None or t.demonym or t.fallback or t.context or p.precision != "place":
            continue
        if within is not None and (p.country != within.country or within.precision in ("admin1", "admin2")
                                   and p.admin1 != within.admin1):
            continue
        return p
    return None


def on_street(street: Toponym, town: Place) -> Place:
    """A street of a town, at the town's point: its own name ("Deerpark Road, Belfast"), so that two
    streets of one town stay two places (merge.places: "near", not "same")."""
    p = town.model_copy()
    p.text = street.text
    p.name = f"{street.text}, {town.name}"
    p.geonameid = None
    p.feature_code = None
    return p
