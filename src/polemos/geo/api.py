"""The geocoder the pipeline calls: toponyms of a parsed text, and the place of one event.

    geocoder = get_geocoder()                  # default index (built on first use), or a path
    tops = geocoder.toponyms(parsed)
    place = geocoder.event_place(parsed, sentence, trigger_token, tops)

The index is chosen by, in order: the `index_path` argument, $POLEMOS_GAZETTEER, the index
`polemos gazetteer build|download` wrote to the user cache directory, and the default index (built
there from PyPI package data on first use, ~15 s).
"""
from __future__ import annotations

import functools
import os
import threading
from pathlib import Path
from types import ModuleType

from spacy.tokens import Token

from polemos.geo import link
from polemos.geo.build import build_default_index
from polemos.geo.gazetteer import Gazetteer, default_cache_dir, user_index_path
from polemos.geo.resolve import Resolver, to_place
from polemos.geo.toponym import Toponym
from polemos.geo.toponyms import Recognizer
from polemos.models import Place
from polemos.nlp import ParsedText, Sentence

fcntl: ModuleType | None
try:
    import fcntl
except ImportError:       # not POSIX
    fcntl = None

DEFAULT_INDEX_NAME = "gazetteer-default-v5.sqlite"   # bump when the build changes
_build_lock = threading.Lock()


def default_index_path() -> Path:
    return default_cache_dir() / DEFAULT_INDEX_NAME


def resolve_index_path(index_path: Path | str | None = None) -> Path:
    """The index to use: the argument, $POLEMOS_GAZETTEER, the user's built index, the default."""
    if index_path:
        return Path(index_path)
    if os.environ.get("POLEMOS_GAZETTEER"):
        return Path(os.environ["POLEMOS_GAZETTEER"])
    if user_index_path().is_file():
        return user_index_path()
    return ensure_default_index()


def ensure_default_index() -> Path:
    """The default index, built now if it is not there yet."""
    path = default_index_path()
    if not path.is_file():
        with _build_lock:
            path.parent.mkdir(parents=True, exist_ok=True)
            # one build even when several processes (Dask workers) start at once
            with open(path.with_suffix(".lock"), "w") as lock:
                if fcntl is not None:     # not POSIX: the temp-file-and-rename build is still safe
                    fcntl.flock(lock, fcntl.LOCK_EX)
                if path.is_file():
                    return path
                build_default_index(path)
                # default indexes of earlier versions are never read again
                for old in path.parent.glob("gazetteer-default-v*.sqlite"):
                    if old != path:
                        old.unlink(missing_ok=True)
    return path


class Geocoder:
    def __init__(self, index_path: Path | None = None) -> None:
        self.index_path = resolve_index_path(index_path)
        self.gazetteer = Gazetteer(self.index_path)
        self.recognizer = Recognizer(self.gazetteer)
        self.resolver = Resolver(self.gazetteer)

    def toponyms(self, parsed: ParsedText) -> list[Toponym]:
        mentions = self.recognizer.find(parsed)
        resolved = self.resolver.resolve(mentions)
        out: list[Toponym] = []
        by_mention: dict[int, Toponym] = {}
        for m, c in resolved:
            # a street named after a town ("Hertford Road") is not in it: its reading only helped
            # place the names around it (the resolver's context)
            hidden = m.extra.get("street") or m.extra.get("generic_inner")
            place = to_place(self.gazetteer, m, c) if c is not None and not hidden else None
            t = Toponym(text=m.text, start=m.start, end=m.end, place=place,
                        demonym=m.demonym is not None, fallback=bool(m.extra.get("fallback")),
                        context=bool(m.extra.get("context")))
            by_mention[id(m)] = t
            out.append(t)
        for m, _ in resolved:
            if m.owner is not None:
                by_mention[id(m)].owner = by_mention.get(id(m.owner))
        return out

    def event_place(self, parsed: ParsedText, sentence: Sentence, trigger: Token,
                    toponyms: list[Toponym]) -> Place | None:
        return link.event_place(parsed, sentence, trigger, toponyms)


@functools.lru_cache(maxsize=4)
def get_geocoder(index_path: str | None = None) -> Geocoder:
    return Geocoder(Path(index_path) if index_path else None)
