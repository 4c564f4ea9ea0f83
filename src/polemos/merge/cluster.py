"""Whether a mention joins an event, and the merged record an event's mentions make."""
from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from polemos import datafiles
from polemos.merge import actors, dates, places
from polemos.merge.keys import mention_position
from polemos.models import Article, Count, Event, Place, StoredEvent

COUNT_KINDS = ("killed", "injured", "displaced", "arrested")
_DATE_POINTS = {"same": 3.0, "overlap": 2.0, "adjacent": 1.0, "unknown": 0.5}
_PLACE_POINTS = {"same": 3.0, "near": 2.0, "contains": 1.5, "within": 1.5, "unknown": 0.5}
_INDEFINITE = datafiles.words("function_words", "indefinite_determiners")
_SENTENCE_END = re.compile(r"[.!?][\"'’”)]*\s*$")
_DATE_RANK = {"day": 0, "range": 1, "week": 2, "month": 3, "year": 4, "unknown": 5}


@dataclass(frozen=True)
class ArticleInfo:
    """What merging needs to know about the article a mention came from."""

    id: str
    source: str | None = None      # outlet; independent sources are distinct outlets
    published: dt.date | None = None


def event_id_for(mention_key: str) -> str:
    """Stable id of an event founded by this mention (so re-runs give the same ids)."""
    return "ev_" + hashlib.sha1(mention_key.encode()).hexdigest()[:16]


def best_count(c: Count | None) -> int | None:
    if c is None:
        return None
    return c.best if c.best is not None else (c.low if c.low is not None else c.high)


def counts_conflict(a: Event, b: Event) -> bool:
    return any(best_count(getattr(a, k)) is not None and best_count(getattr(b, k)) is not None
               and best_count(getattr(a, k)) != best_count(getattr(b, k)) for k in COUNT_KINDS)


def _document_place(m: Event, ev: StoredEvent) -> bool:
    return any(p is not None and p.precision == "document" for p in (m.location, ev.location))


def bare_mention(m: Event) -> bool:
    """A definite mention with nothing of its own ("called the explosion an attack", "Saturday's
    attack"): no place, figure or attacker stated (its date, if any, must be the event's: see
    match_score), the event word after "the"/"this"/a possessive, which refer back to an event
    the story told (i12-events)."""
    if not (m.actor1 is None and m.killed is None and m.injured is None
            and (m.location is None or m.location.precision == "document") and m.trigger):
        return False
    word = re.escape(m.trigger.split(" / ")[0].strip())
    return re.search(rf"(?i)\b(?:the|this|that|these|those|its|their)\s+(?:[\w-]+\s+){{0,3}}{word}\b|['’]s\s+{word}\b",
                     m.evidence.text) is not None


def same_toll(a: Event, b: Event) -> bool:
    """The same number killed (or, with none killed, injured) given by both, above zero."""
    for k in ("killed", "injured"):
        x, y = best_count(getattr(a, k)), best_count(getattr(b, k))
        if x is not None or y is not None:
            return x == y and bool(x)
    return False


def merge_order(mentions: list[Event]) -> list[int]:
    """The order in which one article's mentions are merged: specific ones first (dated, with
    actors and a place of their own), headlines last, so a vague one can join the event its own
    story's body reports, and its lead just before them (mark_lead). Ties keep the article's order.
    (Mark headlines first: mark_headline.)"""
    def vagueness(i: int) -> tuple[bool, bool, bool, int, bool, int]:
        m = mentions[i]
        return (bool(m.extra.get("headline")), bool(m.extra.get("lead")), m.date is None,
                (m.actor1 is None) + (m.actor2 is None), m.location is None or m.location.precision == "document", i)

    return sorted(range(len(mentions)), key=vagueness)


def _published_close(m: Event, ev: StoredEvent, published: dt.date | None) -> bool:
    """An undated report fits a dated one published around it (or two undated ones published
    within a few days of each other)."""
    wm, we = dates.window(m), dates.window(ev)
    ev_pub = dt.date.fromisoformat(ev.first_published) if ev.first_published else None
    if wm is None and we is not None and published is not None:
        return we[0] - dt.timedelta(days=1) <= published <= we[1] + dt.timedelta(days=3)
    if we is None and wm is not None and ev_pub is not None:
        return wm[0] - dt.timedelta(days=1) <= ev_pub <= wm[1] + dt.timedelta(days=3)
    if wm is None and we is None and published is not None and ev_pub is not None:
        return abs((published - ev_pub).days) <= 3
    return False


_PLACE_RANK = {"same": 0, "near": 1, "contains": 2, "within": 2, "unknown": 3, "far": 4}


def _place_relation(m: Event, ev: StoredEvent) -> str:
    """The closest relation between the mention's place and any place the event's mentions name
    (an event reported at "Atarib" by one outlet and "Sheikh Ali" by another is at either)."""
    own: list[Place | None] = [*ev.places] or [ev.location]
    return min((places.relation(m.location, p) for p in own), key=_PLACE_RANK.__getitem__)


def _revision_place(m: Event, ev: StoredEvent) -> bool:
    """A different figure revises the event only when given for the same place as the event's
    own (one of its places at the level of its location: a village, not the province a
    count-less report placed it in)."""
    if ev.location is None or m.location is None:
        return False
    lvl = places.level(ev.location)
    own = [p for p in (ev.places or [ev.location]) if places.level(p) == lvl] or [ev.location]
    return any(places.relation(m.location, p) == "same" for p in own)


def _unplaced_fits(m: Event, ev: StoredEvent, agree: float, published: dt.date | None) -> bool:
    """An undated report with no place of its own (or none on the event) from another story, published
    around it: its known fields must say more than the type: both parties agree (one surely, the
    other by country at least), or one party surely and the same figure."""
    if agree >= 1.5:
        return True
    same_figure = any(best_count(getattr(m, k)) is not None and best_count(getattr(m, k)) == best_count(getattr(ev, k))
                      for k in COUNT_KINDS)
    ev_pub = dt.date.fromisoformat(ev.first_published) if ev.first_published else None
    next_day = published is not None and ev_pub is not None and abs((published - ev_pub).days) <= 1
    return agree >= 1 and (same_figure or next_day and not counts_conflict(m, ev))


def new_victim(m: Event, ev: StoredEvent) -> bool:
    """Whether the mention's dead and the event's are both introduced as new referents ("a man was
    killed in the market" ... "later, a man was shot dead at his door"): two victims, two killings."""
    a, b = m.killed, ev.killed
    if not (a and b and a.text and b.text):
        return False
    return a.text.split()[0].lower() in _INDEFINITE and b.text.split()[0].lower() in _INDEFINITE


def summary(m: Event) -> bool:
    """A headline or the story's lead sentence: they sum up the story's main event (mark_lead)."""
    return bool(m.extra.get("headline") or m.extra.get("lead"))


def lead_date_fits(m: Event, ev: StoredEvent, published: dt.date | None) -> bool:
    """A lead's date is often the report's ("the toll has risen to 14, officials said Sunday"):
    it fits a body event told up to three days before it, never one after it or after publication."""
    wm, we = dates.window(m), dates.window(ev)
    if wm is None or we is None or wm[0] != wm[1]:
        return False
    return we[1] <= wm[0] <= we[1] + dt.timedelta(days=3) and (published is None or wm[0] <= published)


def match_score(m: Event, ev: StoredEvent, published: dt.date | None = None) -> float | None:
    """How well mention `m` fits event `ev` (None: it is a different event)."""
    if m.type != ev.type or m.status != ev.status:
        return None
    agree = actors.agreement(m, ev)
    if agree is None:
        return None
    dr = dates.relation(m, ev)
    pr = _place_relation(m, ev)
    same_article = m.document_id is not None and m.document_id in ev.document_ids
    if m.extra.get("headline") and not same_article:
        return None  # a headline sums up its own story; it is no evidence about another's
    headline = same_article and summary(m)
    if headline and dr == "far" and m.extra.get("lead") and lead_date_fits(m, ev, published):
        dr = "unknown"   # the lead dated by its saying: it retells the body's earlier event
    if same_article and pr == "far" and _document_place(m, ev):
        pr = "unknown"   # a place only inherited from the article says nothing against its own story's
    if headline and pr == "far" and m.location and ev.location and m.location.country == ev.location.country:
        pr = "unknown"   # a headline's place is loose ("Idlib village"); its country still counts
    if dr == "far" or pr == "far":
        return None
    if same_article and not headline and new_victim(m, ev):
        return None  # one story introducing a victim twice tells two deaths
    if headline and dr in ("unknown", "same", "overlap"):
        # a headline sums up its own story: it joins the story's event of its type, preferably
        # one whose figures agree (its own figure counts only where the body gives none)
        return _DATE_POINTS[dr] + _PLACE_POINTS[pr] + agree - (1.0 if counts_conflict(m, ev) else 0.0)
    if counts_conflict(m, ev) and not _revision_place(m, ev):
        return None  # different figures: a revision only at the same place; else a total or another event
    if pr == "near" and same_article:
        return None  # one story naming two villages reports two strikes
    if dr == "adjacent" and pr not in ("same", "near"):
        return None
    if dr == "adjacent" and same_article and m.mode and ev.mode and m.mode != ev.mode:
        return None  # one story: arrests on Sunday and raids on Monday are two operations (i12-events3)
    if same_article and bare_mention(m) and dr in ("unknown", "same") and pr != "far":
        return 0.25 + agree   # "Macron called the explosion an attack": its story's event named again
    if same_article and m.mode and ev.mode and m.mode != ev.mode and m.type != "ASSAULT":
        # one story's strike and rally are two protests, its curfew and arrests two acts (in one
        # sentence or two), whoever called or ordered them; an attack's weapons vary within one
        # telling ("airstrikes ... while clashes erupt"), so attacks are left to the other fields
        return None
    if dr == "unknown":
        if same_article:
            if pr not in ("same", "near") and agree < 1:
                return None  # undated, unplaced, no sure actor: nothing but the type in common
        elif not (_published_close(m, ev, published)
                  and (pr in ("same", "contains", "within") and agree >= 0.5 or pr == "near" and agree >= 1
                       or pr == "unknown" and _unplaced_fits(m, ev, agree, published))):
            # undated reports from different stories: the same place, or a place and the
            # region holding it ("in Basilan" / "in S. Philippines"), with actors that agree
            return None
    if pr == "unknown" and agree < 1 and not (same_article and dr == "same" and same_toll(m, ev)):
        # nothing but type and day in common: too weak (GDELT's failure the other way); but one
        # story telling the same day's attack again with the same toll tells it twice (i12-events)
        return None
    bonus = 0.5 if m.mode and m.mode == ev.mode else 0.0  # modes are too noisy to veto a match
    return _DATE_POINTS[dr] + _PLACE_POINTS[pr] + agree + bonus


def mark_headline(m: Event, article: Article) -> Event:
    """The mention with extra["headline"] set when its evidence is the article's headline (its
    title, or a short first line standing apart from the body)."""
    head = (article.title or "").strip()
    first, _, rest = article.text.lstrip().partition("\n")
    if not head and len(first) <= 200 and (rest.startswith("\n") or rest.lstrip().startswith(first.strip())) \
            and not _SENTENCE_END.search(first):
        head = first.strip()   # (a first line ending as a sentence ends is the lead paragraph, no headline)
    if head and m.evidence.text.strip() and m.evidence.text.strip() in head:
        return m.model_copy(update={"extra": {**m.extra, "headline": True}})
    return m


def mark_lead(mentions: list[Event]) -> list[Event]:
    """The mentions with extra["lead"] set when they retell their headline: of the story's first body
    sentence telling an event, those of a type its headline tells too, when the body tells events in
    more than one sentence ("Four killed as gunmen attack polling units" / "At least four people were
    killed when gunmen attacked polling units during Saturday's vote"). Like the headline, such a
    lead sums up the story: it joins the body's event of its type (match_score)."""
    head = {m.type for m in mentions if m.extra.get("headline")}
    body = [m.evidence.start for m in mentions if not m.extra.get("headline")]
    if not head or len(set(body)) < 2:
        return mentions
    first = min(body)
    return [m.model_copy(update={"extra": {**m.extra, "lead": True}})
            if m.evidence.start == first and m.type in head and not m.extra.get("headline")
            and not _sums_up(m, [b for b in mentions if b.evidence.start != first and not b.extra.get("headline")])
            else m for m in mentions]


def _sums_up(m: Event, body: list[Event]) -> bool:
    """Whether the lead's toll is the sum of two or more tolls the body gives for its type ("airstrikes
    killed 20 in the province" over 12 in one village and 8 in another): a total, no retelling."""
    for kind in ("killed", "injured"):
        total = best_count(getattr(m, kind))
        parts = [v for b in body if b.type == m.type and (v := best_count(getattr(b, kind)))][:12]
        if total and any(sum(c) == total for n in range(2, min(len(parts), 4) + 1)
                         for c in itertools.combinations(parts, n)):
            return True
    return False


def _place_key(e: Event) -> tuple[int, int]:
    p = e.location
    if p is None:
        return (9, 1)
    if p.precision == "document":  # inherited from the article: any place of the event's own is better
        return (8, 0 if p.lat is not None else 1)
    if summary(e):  # headlines and leads name places loosely ("Idlib village", "northwestern Pakistan")
        return (7, places.level(p) * 2 + (0 if p.lat is not None else 1))
    return (places.level(p), 0 if p.lat is not None else 1)


def _counts(mentions: list[tuple[str, Event, ArticleInfo]], fields: dict[str, Any]) -> list[dict[str, Any]]:
    """Set each count in `fields` to the highest figure reported (from the stories' bodies; a
    headline's only when no body gives one); returns every figure reported, oldest first."""
    history: list[dict[str, Any]] = []
    body = [t for t in mentions if not t[1].extra.get("headline")]
    for kind in COUNT_KINDS:
        best: Count | None = None
        # figures from the stories' bodies; a headline's only when no body gives one
        reported = [t for t in body if best_count(getattr(t[1], kind)) is not None] or mentions
        for key, e, art in reported:
            c = getattr(e, kind)
            v = best_count(c)
            if v is None:
                continue
            history.append(
                {
                    "kind": kind,
                    "value": v,
                    "mention": key,
                    "article": art.id,
                    "published": art.published.isoformat() if art.published else None,
                    "text": c.text if c else None,
                }
            )
            if best is None or v >= (best_count(best) or 0):
                best = c
        fields[kind] = best
    return history


def _named_places(evs: list[Event]) -> list[Place]:
    """The places the mentions name themselves (not inherited, not headlines), each once."""
    named: dict[str, Place] = {}
    for e in evs:
        p = e.location
        if p is not None and p.precision != "document" and not e.extra.get("headline"):
            named.setdefault(f"{p.geonameid}|{p.name}|{p.lat}|{p.lon}", p)
    return list(named.values())


def combine(event_id: str, mentions: list[tuple[str, Event, ArticleInfo]], part_of: str | None = None) -> StoredEvent:
    """The merged record of one event. `mentions` are (key, mention, article), oldest first.

    Date: the most precise window. Place: the finest place. Counts: the highest figure reported
    (tolls are revised upward; a lower figure in a later story is nearly always a stale repeat),
    with every reported figure kept in `count_history`."""
    if not mentions:
        raise ValueError("an event needs at least one mention")
    evs = [m for _, m, _ in mentions]
    first = next((e for e in evs if not summary(e)), evs[0])
    # a date the body states beats a headline's or lead's (often the report's day)
    by_date = min(evs, key=lambda e: (e.date is None, summary(e), _DATE_RANK.get(e.date_precision, 5)))
    by_place = min(evs, key=_place_key)
    fields: dict[str, Any] = first.model_dump(exclude={"id", "extra"})
    fields.update(
        date=by_date.date,
        date_end=by_date.date_end,
        date_precision=by_date.date_precision,
        date_text=by_date.date_text,
        location=by_place.location,
    )
    for slot in ("actor1", "actor2", "mode", "trigger", "acled_event_type", "acled_sub_event_type", "reported_by"):
        if fields.get(slot) is None:
            for e in evs:
                if getattr(e, slot) is not None:
                    fields[slot] = getattr(e, slot)
                    break
    history = _counts(mentions, fields)
    fields["confidence"] = max(e.confidence for e in evs)
    if all(e.extra.get("headline") for e in evs):  # known only from headlines: stays one
        fields["extra"] = {"headline": True}
    doc_ids = list(dict.fromkeys(a.id for _, _, a in mentions))
    pubs = [a.published for _, _, a in mentions if a.published is not None]
    sources = list(dict.fromkeys(a.source or a.id for _, _, a in mentions))
    return StoredEvent(
        id=event_id,
        **fields,
        n_mentions=len(mentions),
        n_sources=len(sources),
        sources=sources,
        document_ids=doc_ids,
        part_of=part_of,
        count_history=history,
        first_published=min(pubs).isoformat() if pubs else None,
        places=_named_places(evs),
    )


Member = tuple[str, Event, ArticleInfo]


def merge_matching_events(
    now: dict[str, StoredEvent],
    members: dict[str, list[Member]],
    changed: set[str],
    load: Callable[[list[str]], None] | None = None,
    index: Any = None,
) -> dict[str, str]:
    """Events that now match each other become one (after a batch of mentions was merged).

    A revision can make two events match: "15 killed in Atarib" and "17 killed in Sheikh Ali"
    are kept apart until a third story revises Atarib to 17. The match must hold both ways and
    the two must share no article (a story naming them separately reports two events). `now`
    holds the current events, `members` their (key, mention, article) lists oldest first
    (`load(ids)` fills missing ones); both are updated in place: the kept event (more mentions,
    then the smaller id) takes the other's members, the absorbed one is left with none.
    Returns {absorbed id: kept id}. `index` (merge/index.CandidateIndex over `now`, issue 17):
    only the events its `near` gives are compared (a superset of those that can match), and it
    is kept up to date here."""
    absorbed: dict[str, str] = {}
    queue = sorted(changed)
    by_doc: dict[str, set[str]] = {}     # issue 18: events sharing an article are skipped by index
    for fid, f in (now.items() if index is None else ()):
        for d in f.document_ids:
            by_doc.setdefault(d, set()).add(fid)
    while queue:
        eid = queue.pop(0)
        if eid in absorbed or eid not in now:
            continue
        e = now[eid]
        shared = set().union(*(by_doc.get(d, ()) for d in e.document_ids))
        pool = now.keys() if index is None else index.near(e) & now.keys()
        for fid in sorted(pool - shared):
            f = now[fid]
            if fid == eid or fid in absorbed or set(e.document_ids) & set(f.document_ids):
                continue
            if (
                match_score(e, f, _date(e.first_published)) is None
                or match_score(f, e, _date(f.first_published)) is None
            ):
                continue
            keep, drop = sorted((eid, fid), key=lambda i: (-now[i].n_mentions, i))
            need = [i for i in (keep, drop) if i not in members]
            if need and load is not None:
                load(need)
            members[keep] = sorted(members.get(keep, []) + members.get(drop, []), key=member_order)
            members[drop] = []
            for d in now[drop].document_ids:
                by_doc.get(d, set()).discard(drop)
            now[keep] = combine(keep, members[keep])
            del now[drop]
            if index is not None:
                index.put(keep, now[keep])
                index.drop(drop)
            else:
                for d in now[keep].document_ids:
                    by_doc.setdefault(d, set()).add(keep)
            absorbed[drop] = keep
            queue.append(keep)
            break
    return absorbed


def member_order(t: Member) -> tuple:
    """An event's mentions in the order the store keeps them: publication (unknown last),
    article, position in the article (the number ending the mention key)."""
    key, _, art = t
    return (art.published is None, art.published or dt.date.min, art.id, mention_position(key))


def _date(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None
