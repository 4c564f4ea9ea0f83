"""Events built for the zone and alert tests (test data, stored through the store's own writes)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from polemos.models import Actor, Article, Count, Event, Evidence, Place

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_ZONE = ROOT / "samples/zones/idlib-deescalation.geojson"

# (name, lat, lon, admin1) of real places; which lie inside the sample zone is the test's question.
IDLIB = ("Idlib", 35.9306, 36.6339, "Idlib")
ATARIB = ("Al Atarib", 36.1391, 36.8250, "Aleppo")
JISR = ("Jisr ash Shughur", 35.8126, 36.3177, "Idlib")
DAMASCUS = ("Damascus", 33.5102, 36.2913, "Damascus")
ALEPPO = ("Aleppo", 36.2021, 37.1343, "Aleppo")


def event(eid: str, type_: str, date: str, place: tuple | None, precision: str = "place", killed: int | None = None,
          actor: tuple[str, str | None, str | None] | None = ("Russian warplanes", "Russia", "RUS"),
          country: str = "SYR", status: str = "occurred", doc: str | None = None, mode: str | None = None) -> Event:
    text = f"Test report {eid}: {type_} at {place[0] if place else country} on {date}."
    loc = None
    if place is not None:
        loc = Place(text=place[0], name=place[0], lat=place[1], lon=place[2], country=country, admin1=place[3],
                    precision=precision)  # type: ignore[arg-type]
    elif precision == "country":
        loc = Place(text="Syria", name="Syria", lat=35.0, lon=38.0, country=country, precision="country")
    return Event(id=eid, document_id=doc or f"doc-{eid}", type=type_, mode=mode, status=status,  # type: ignore[arg-type]
                 actor1=Actor(text=actor[0], name=actor[1], country=actor[2]) if actor else None,
                 date=date, date_precision="day", location=loc,
                 killed=Count(best=killed, low=killed, high=killed) if killed is not None else None,
                 evidence=Evidence(text=text, start=0, end=len(text)), confidence=0.8)


def article(doc_id: str, published: str, ev: Event) -> tuple[Article, list[Event]]:
    """An article whose one sentence is the event's evidence (for merging through add_article)."""
    ev = ev.model_copy(update={"document_id": doc_id, "id": f"{doc_id}-m0"})
    return Article(id=doc_id, text=ev.evidence.text, published=dt.date.fromisoformat(published),
                   source=f"source-{doc_id}", language="en"), [ev]
