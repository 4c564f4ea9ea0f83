"""The ACLED coding of one event: ordered rules (data/acled_crosswalk.yaml) over the event's PLOVER
type, mode, status, actors and counts and the cues of its sentence (data/acled/cues.yaml)."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from polemos.extract.acled.cues import (
    cues_in,
    implied_cues,
    note_fatalities,
    setting_harm_cues,
    setting_start,
    story_cues,
    target_cues,
    trigger_cues,
)
from polemos.extract.triggers import load_data
from polemos.models import Actor, Count, Event, Place


@dataclass(frozen=True)
class AcledCoding:
    """What ACLED records for an event (None where ACLED records no event of this kind)."""

    event_type: str | None = None
    sub_event_type: str | None = None
    disorder_type: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: str | None = None
    geo_precision: int | None = None
    time_precision: int | None = None


@functools.lru_cache(maxsize=1)
def crosswalk() -> dict:
    """The rules, checked: every output is an ACLED sub-event type, every cue is defined."""
    data = load_data("acled_crosswalk.yaml")
    subs = {s: t for t, ss in data["event_types"].items() for s in ss}
    cue_names = set(load_data("acled/cues.yaml")["cues"]) | set(story_cues()) | set(target_cues())
    for r in data["rules"]:
        if r["out"] is not None and r["out"] not in subs:
            raise ValueError(f"acled_crosswalk.yaml: {r['out']} is not an ACLED sub-event type")
        unknown = set(r) - set(data["rule_keys"])
        missing = {c for k in ("any", "all", "none") for c in r.get(k) or []} - cue_names
        if unknown or missing:
            raise ValueError(f"acled_crosswalk.yaml: rule {r}: unknown {sorted(unknown | missing)}")
    for s in data["main_event_precedence"]:
        if s not in subs:
            raise ValueError(f"acled_crosswalk.yaml: main_event_precedence: {s} is not an ACLED sub-event type")
    data["sub_to_type"] = subs
    return data


@functools.lru_cache(maxsize=1)
def actor_codes() -> dict:
    """data/acled/actors.yaml: inter codes, the unknown attacker, precision codes."""
    return _actors()


@functools.lru_cache(maxsize=1)
def _actors() -> dict:
    return load_data("acled/actors.yaml")


def inter_code(actor: Actor | None, event_country: str | None) -> int:
    """ACLED inter code 1-8 of an actor (0: no actor): its own words first, then its sector;
    state forces outside their own country are external forces."""
    if actor is None:
        return 0
    cfg = _actors()
    words = f" {(actor.text or '')} {(actor.name or '')} ".lower()
    for row in cfg["by_words"]:
        if any(w in words for w in row["words"]):
            return int(row["inter"])
    code = int(cfg["by_sector"].get(actor.sector or "", 7 if actor.text is None else 3))
    if code == 1 and actor.sector in ("MIL", "COP") and actor.country and event_country \
            and actor.country != event_country:
        return int(cfg["foreign_state_forces"])
    return code


def _event_country(place: Place | None) -> str | None:
    """The event's country for telling foreign forces, trusted only where the gazetteer's name is
    the name written (a near-miss match, "Boni" read as "Bonnée", may be in another country)."""
    if place is None or not place.country:
        return None
    if place.name and place.text and place.name.lower() != place.text.lower():
        return None
    return place.country


def _hurt(killed: Count | None, injured: Count | None, cues: frozenset[str]) -> bool:
    n = sum((c.best if c.best is not None else (c.low or 0)) for c in (killed, injured) if c is not None)
    return n > 0 or "lethal" in cues


def _matches(r: dict, type_: str, mode: str | None, status: str, inters: tuple[int, int],
             cues: frozenset[str], hurt: bool) -> bool:
    if r.get("types") is not None and type_ not in r["types"]:
        return False
    if r.get("modes") is not None and mode not in r["modes"]:
        return False
    if mode is not None and mode in (r.get("not_modes") or ()):
        return False
    if status not in (r.get("status") or ["occurred"]):
        return False
    if r.get("any") is not None and not cues.intersection(r["any"]):
        return False
    if any(c not in cues for c in r.get("all") or []) or cues.intersection(r.get("none") or []):
        return False
    if r.get("a1_inter") is not None and inters[0] not in r["a1_inter"]:
        return False
    if r.get("a2_inter") is not None and inters[1] not in r["a2_inter"]:
        return False
    return r.get("hurt") is None or r["hurt"] == hurt


def sub_event_type(type_: str, mode: str | None, status: str, inters: tuple[int, int],
                   cues: frozenset[str], hurt: bool) -> str | None:
    """The first rule that holds gives the sub-event type (None: ACLED records no event)."""
    for r in crosswalk()["rules"]:
        if _matches(r, type_, mode, status, inters, cues, hurt):
            return r["out"]
    return None


def acled_type(type_: str, mode: str | None, status: str, actor1: Actor | None, actor2: Actor | None,
               triggers: list[str]) -> tuple[str | None, str | None]:
    """(event type, sub-event type) from the event alone, its trigger words as the only text
    (the pipeline recodes each event with its sentence: code_article_events)."""
    inters = (inter_code(actor1, None), inter_code(actor2, None))
    cues = cues_in(" ".join(triggers))
    sub = sub_event_type(type_, mode, status, inters, cues, "lethal" in cues)
    return (crosswalk()["sub_to_type"][sub], sub) if sub else (None, None)


def geo_precision(place: Place | None) -> int | None:
    if place is None or place.precision is None:
        return None
    return _actors()["geo_precision"].get(place.precision)


def time_precision(precision: str | None, date: str | None, date_end: str | None) -> int | None:
    if date is None:
        return None
    cfg = _actors()
    if precision == "range":
        try:
            days = (dt.date.fromisoformat(date_end or date) - dt.date.fromisoformat(date)).days
        except ValueError:
            return 3
        return 2 if days <= cfg["range_week_days"] else 3
    return cfg["time_precision"].get(precision or "unknown", 3)


def _target_cues(event: Event, sentence_text: str) -> frozenset[str]:
    """Cues of the target's own words (cues.yaml `target_cues`): actor2 and the victims the counts
    name; with neither, the sentence without the attacker's words (an armed attacker's own name,
    "gunmen", says nothing of whom they shot). Only attacks are told apart by their target."""
    if event.type != "ASSAULT":
        return frozenset()
    words = [event.actor2.text if event.actor2 is not None else None,
             event.killed.who if event.killed is not None else None,
             event.injured.who if event.injured is not None else None]
    text = " ".join(w for w in words if w)
    if not text:
        a1 = event.actor1.text if event.actor1 is not None else None
        text = sentence_text.replace(a1, " ") if a1 else sentence_text
    own = cues_in(text)
    return frozenset(name for name, cue in target_cues().items() if cue in own)


def _sentence_cues(event: Event, sentence_text: str, article_text: str) -> frozenset[str]:
    cues = cues_in(f"{sentence_text} {event.trigger or ''}") | trigger_cues(event.trigger)
    cut = setting_start(event.trigger, sentence_text) if cues & setting_harm_cues() else None
    if cut is not None:
        # harm told only in a clause of setting after the event word is another event's
        own = cues_in(f"{sentence_text[:cut]} {event.trigger or ''}")
        cues = cues - (setting_harm_cues() - own)
    for cue, more in implied_cues().items():
        if cue in cues:
            cues = cues | more
    cues = cues | _target_cues(event, sentence_text)
    story = cues_in(article_text) if article_text and article_text != sentence_text else cues
    cues = cues | {name for name, cue in story_cues().items() if cue in story}
    if note_fatalities(article_text or sentence_text):
        cues = cues | {"lethal"}      # the report's own toll: someone was killed
    # force used on a crowd in a story about a demonstration: the crowd is the demonstration's
    if "protest" not in cues and "intervention" in cues and event.type in ("COERCE", "ASSAULT") \
            and "protest" in story:
        cues = cues | {"protest"}
    return cues


def code_acled(event: Event, sentence_text: str, article_text: str = "") -> AcledCoding:
    """The ACLED coding of `event`, told in `sentence_text` of a report `article_text`."""
    inters = (inter_code(event.actor1, _event_country(event.location)),
              inter_code(event.actor2, _event_country(event.location)))
    cues = _sentence_cues(event, sentence_text, article_text)
    sub = sub_event_type(event.type, event.mode, event.status, inters, cues,
                         _hurt(event.killed, event.injured, cues))
    if sub is None:
        return AcledCoding()
    cw = crosswalk()
    etype = cw["sub_to_type"][sub]
    i1, i2 = inters
    side = cw["side_inter"].get(etype)
    if side is not None:
        # the crowd's side: the protest's own actor, or the side the state's force was used on
        if event.type == "PROTEST":
            i1 = side
        elif i1 in (1, 8) and i2 not in (1, 8):
            i2 = side
        elif i1 not in (1, 2, 3, 4, 8):
            i1 = side
    if sub in _actors()["single_actor_sub_events"]:
        i1, i2 = (i1 or i2), 0
    unknown = _actors()["unknown_attacker"]
    if i1 == 0 and i2 and etype in unknown["event_types"]:
        i1 = int(unknown["inter"])   # "a roadside bomb killed four soldiers": an unidentified armed group
    elif i1 == 0 and i2:
        i1, i2 = i2, 0
    interaction = (min(i1, i2) * 10 + max(i1, i2)) if i1 and i2 else (i1 * 10 if i1 else None)
    dis = cw["disorder_type"]
    ct = cw["civilian_targeting"]
    civ = etype in ct["always"] or (etype in ct["when_target_civilian"] and i2 == 7)
    return AcledCoding(
        event_type=etype, sub_event_type=sub,
        disorder_type=dis["by_sub_event"].get(sub) or dis["by_event"][etype],
        inter1=i1 or None, inter2=i2 or None, interaction=interaction,
        civilian_targeting="Civilian targeting" if civ else None,
        geo_precision=geo_precision(event.location),
        time_precision=time_precision(event.date_precision, event.date, event.date_end))


def apply_coding(event: Event, coding: AcledCoding) -> Event:
    """Write `coding` into the event's ACLED fields (in place; returns the event)."""
    event.acled_event_type = coding.event_type
    event.acled_sub_event_type = coding.sub_event_type
    event.disorder_type = coding.disorder_type
    event.inter1 = coding.inter1
    event.inter2 = coding.inter2
    event.interaction = coding.interaction
    event.civilian_targeting = coding.civilian_targeting
    event.acled_geo_precision = coding.geo_precision
    event.acled_time_precision = coding.time_precision
    return event
