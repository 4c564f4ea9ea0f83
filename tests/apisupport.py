"""Sample articles and hand-coded mentions for the API and dashboard tests.

The mentions are test data written for these texts (evidence offsets are computed from the text,
never typed in), so the API tests do not depend on how well extraction does."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from polemos.models import Actor, Article, Count, Event, Evidence, Place

ARTICLES = {
    "atarib-strike": (
        "Syria: airstrikes hit Atarib", "2020-02-10", "Example Wire",
        "ATARIB, Syria — Residents were still searching the rubble on Monday. "
        "Russian warplanes struck the town of Atarib on Sunday, killing 17 civilians, a monitoring group said. "
        "Turkish officials said talks with the Russian delegation would continue.",
        [dict(type="ASSAULT", mode="aerial", sentence="Russian warplanes struck the town of Atarib",
              a1=("Russian warplanes", "Russia", "RUS", "MIL"), a2=("civilians", None, "SYR", "CVL"),
              date="2020-02-09", place=("Atarib", "Al Atarib", "SYR", 36.139, 36.825, "Aleppo"), killed=17)],
    ),
    "kyiv-protest": (
        "Thousands rally in Kyiv", "2021-03-20", "Daily Example",
        "Thousands of people protested in Kyiv on Saturday against a new tax law. "
        "Police said the march was peaceful.",
        [dict(type="PROTEST", sentence="Thousands of people protested in Kyiv on Saturday",
              a1=("Thousands of people", None, "UKR", "CVL"), a2=None,
              date="2021-03-20", place=("Kyiv", "Kyiv", "UKR", 50.4501, 30.5234, "Kyiv City"))],
    ),
    "bamako-arrests": (
        "Arrests in Bamako", "2021-06-02", "Sahel Example",
        "Security forces arrested 12 opposition activists in Bamako on Tuesday, their party said. "
        "The government has not commented.",
        [dict(type="COERCE", mode="arrest", sentence="Security forces arrested 12 opposition activists in Bamako",
              a1=("Security forces", None, "MLI", "COP"), a2=("opposition activists", None, "MLI", "OPP"),
              date="2021-06-01", place=("Bamako", "Bamako", "MLI", 12.6392, -8.0029, "Bamako"), arrested=12)],
    ),
    "ankara-talks": (
        "Talks in Ankara", "2020-02-10", "Example Wire",
        "Turkish and Russian delegations met in Ankara on Monday to discuss the situation in Idlib. "
        "Foreign Minister Mevlut Cavusoglu said no consensus had been reached. "
        "<b>Unverified</b> reports & rumours were dismissed.",
        [dict(type="CONSULT", sentence="Turkish and Russian delegations met in Ankara on Monday",
              a1=("Turkish delegation", "Turkey", "TUR", "GOV"), a2=("Russian delegation", "Russia", "RUS", "GOV"),
              date="2020-02-10", place=("Ankara", "Ankara", "TUR", 39.9199, 32.8543, "Ankara")),
         dict(type="REJECT", status="occurred", sentence="<b>Unverified</b> reports & rumours were dismissed",
              a1=None, a2=None, date="2020-02-10", place=None)],
    ),
}


def _mention(doc_id: str, text: str, i: int, spec: dict) -> Event:
    start = text.index(spec["sentence"])
    actor = lambda a: None if a is None else Actor(text=a[0], name=a[1], country=a[2], sector=a[3])  # noqa: E731
    place = spec.get("place")
    return Event(
        id=f"{doc_id}-m{i}", document_id=doc_id, type=spec["type"], mode=spec.get("mode"),
        status=spec.get("status", "occurred"), actor1=actor(spec.get("a1")), actor2=actor(spec.get("a2")),
        date=spec.get("date"), date_precision="day" if spec.get("date") else "unknown",
        location=None if place is None else Place(text=place[0], name=place[1], country=place[2], lat=place[3],
                                                  lon=place[4], admin1=place[5], precision="place"),
        killed=Count(low=spec["killed"], best=spec["killed"], high=spec["killed"]) if spec.get("killed") else None,
        arrested=Count(best=spec["arrested"]) if spec.get("arrested") else None,
        evidence=Evidence(text=spec["sentence"], start=start, end=start + len(spec["sentence"])),
        confidence=0.8,
    )


def sample_articles() -> list[tuple[Article, list[Event]]]:
    out = []
    for doc_id, (title, published, source, text, specs) in ARTICLES.items():
        art = Article(id=doc_id, title=title, text=text, published=dt.date.fromisoformat(published),
                      source=source, language="en")
        out.append((art, [_mention(doc_id, text, i, s) for i, s in enumerate(specs)]))
    return out


def build_sample_store(path: Path | str):
    """A real store (DuckDB file or PostgreSQL URL) holding the sample articles."""
    from polemos.store import open_store

    store = open_store(str(path))
    for art, mentions in sample_articles():
        store.add_article(art, mentions)
    return store


def make_client(tmp: Path, db: str | None = None, **settings_kw):
    """(TestClient, store, api key) over a real store of the sample articles: a DuckDB file in
    `tmp` unless `db` names another store (e.g. a PostgreSQL URL)."""
    from fastapi.testclient import TestClient

    from polemos.api import Settings, create_app
    from polemos.api.keys import KeyStore

    db = db or str(tmp / "api.duckdb")
    store = build_sample_store(db)
    settings = Settings(db=str(db), keys_file=tmp / "keys.json", **settings_kw)
    _, key = KeyStore(settings.keys_file).create("tests")
    return TestClient(create_app(settings, store=store)), store, key
