"""The one loader of polemos/data: YAML files parsed once per process, and the word lists they
hold as frozensets (membership) or tuples (where order ranks). Every module that reads a word
list, lexicon or crosswalk from polemos/data goes through here, so no file is parsed twice.
The values are shared: callers must not change them."""
from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml


@functools.lru_cache(maxsize=None)
def read_text(name: str) -> str:
    """A file of polemos/data as text."""
    return resources.files("polemos.data").joinpath(name).read_text("utf-8")


@functools.lru_cache(maxsize=None)
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The tab-separated rows of a table in polemos/data ("geo/demonyms.tsv"); # lines are comments."""
    return tuple(tuple(line.split("\t")) for line in read_text(name).splitlines() if line and not line.startswith("#"))


@functools.lru_cache(maxsize=None)
def lines(name: str) -> frozenset[str]:
    """The words of a one-word-per-line list in polemos/data, lower case; # lines are comments."""
    return frozenset(x.strip().lower() for x in read_text(name).splitlines() if x.strip() and not x.startswith("#"))


@functools.lru_cache(maxsize=None)
def load_yaml(name: str) -> Any:
    """A YAML file of polemos/data ("ontology.yaml"), parsed once."""
    return yaml.safe_load(read_text(name))


@functools.lru_cache(maxsize=None)
def words(file: str, key: str) -> frozenset[str]:
    """A word list of polemos/data/<file>.yaml as a set."""
    return frozenset(load_yaml(f"{file}.yaml")[key])


@functools.lru_cache(maxsize=None)
def word_list(file: str, key: str) -> tuple[str, ...]:
    """A word list of polemos/data/<file>.yaml in its order."""
    return tuple(load_yaml(f"{file}.yaml")[key])
