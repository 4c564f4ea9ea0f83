"""Word lists the geoparser reads from polemos/data/geo (data, not code)."""
from __future__ import annotations

import functools

from polemos import datafiles
from polemos.geo.normalize import fold


def _rows(name: str) -> tuple[tuple[str, ...], ...]:
    return datafiles.rows(f"geo/{name}")


@functools.lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """'syrian' -> 'SY' (folded, lower case)."""
    return {fold(r[0]): r[1] for r in _rows("demonyms.tsv")}


@functools.lru_cache(maxsize=1)
def place_words() -> dict[tuple[str, str], str]:
    """(word, role) -> feature hint; role 'after' ("Idlib province") or 'of' ("town of X")."""
    return {(r[0], r[1]): r[2] for r in _rows("place_words.tsv")}


@functools.lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    """Words before a person's name ("President", "Minister"): a place name never follows them."""
    return frozenset(r[0].lower() for r in _rows("titles.tsv"))


@functools.lru_cache(maxsize=1)
def event_families() -> dict[str, str]:
    """'talks' -> 'meet': words that name the same kind of event."""
    return {r[0]: r[1] for r in _rows("event_families.tsv")}


def _lines(name: str) -> frozenset[str]:
    return datafiles.lines(f"geo/{name}")


@functools.lru_cache(maxsize=1)
def place_nouns() -> frozenset[str]:
    """Nouns that stand for a place ("town", "governorate")."""
    return _lines("place_nouns.txt")


@functools.lru_cache(maxsize=1)
def not_places() -> frozenset[str]:
    """Capitalised words never meant as places (months, weekdays)."""
    return _lines("not_places.txt")


@functools.lru_cache(maxsize=1)
def place_verbs() -> frozenset[str]:
    """Verbs whose direct object is a place ("visited Jordan")."""
    return _lines("place_verbs.txt")


@functools.lru_cache(maxsize=1)
def directions() -> frozenset[str]:
    """Words that may sit between a preposition and a place ("in southern Kobane")."""
    return _lines("directions.txt")


@functools.lru_cache(maxsize=1)
def facility_words() -> frozenset[str]:
    """Last words of building and site names ("Hotel", "Airport")."""
    return _lines("facility_words.txt")


@functools.lru_cache(maxsize=1)
def country_aliases() -> frozenset[str]:
    """Other names of countries as written ("US", "U.K.", "Britain")."""
    return frozenset(r[0] for r in _rows("country_aliases.tsv"))


@functools.lru_cache(maxsize=1)
def name_words() -> frozenset[str]:
    """Words inside many names that name no place alone ("Union", "Estate", "University")."""
    return _lines("name_words.txt")


@functools.lru_cache(maxsize=1)
def subcity_nouns() -> frozenset[str]:
    """Parts of a city ("the Baghdad neighbourhood of X": X lies inside Baghdad)."""
    return _lines("subcity_nouns.txt")


@functools.lru_cache(maxsize=1)
def _function_words() -> dict:
    return datafiles.load_yaml("geo/function_words.yaml")


@functools.lru_cache(maxsize=None)
def geo_words(name: str) -> frozenset[str]:
    """A word set of data/geo/function_words.yaml ("name_connectors", "locatives", ...)."""
    return frozenset(str(w) for w in _function_words()[name])


@functools.lru_cache(maxsize=None)
def geo_weights(name: str) -> dict[str, float]:
    """A word -> weight table of data/geo/function_words.yaml ("prep_weights", ...)."""
    return {str(k): float(v) for k, v in _function_words()[name].items()}


@functools.lru_cache(maxsize=None)
def geo_table(name: str) -> dict[str, str]:
    """A word -> word table of data/geo/function_words.yaml ("seat_features")."""
    return {str(k): str(v) for k, v in _function_words()[name].items()}
