"""Dates in long articles (issue 12): background keeps its own date, and relative dates are read
against the right anchor.

- "He is not charged with taking part in the April 15, 2013, attack": a date inside an event
  noun's own phrase names which event is meant (background); it dates that event and leaves the
  story's time frame where it was (`dates_the_noun_only`).
- "three days after April 15, 2013" is April 18; "two days later" counts from the story's time
  frame; "three days after the bombing" counts from the date the story gave that bombing
  (`offset_date`).
- "By June" in a story with no publication date but a dated frame ("21 July 1972") is June of the
  frame's year (`month_in_frame`); weekday names are left alone (they need a publication date).
"""
from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Token

from polemos import datafiles
from polemos.extract.dates import DateResult, interpret, resolve_date, story_time
from polemos.extract.story import StoryState

_GRAMMAR = datafiles.load_yaml("grammar.yaml")
_ATTACK_NOUNS = frozenset(_GRAMMAR["date_offset_attack_nouns"])
_BOMB_NOUNS = frozenset(_GRAMMAR["date_offset_bomb_nouns"])
_NUMBERS = {w: int(n) for w, n in datafiles.load_yaml("numbers.yaml")["units"].items() if int(n) <= 31}
_OFFSET = re.compile(r"\b(\d{1,2}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r")\s+"
                     r"(day|week)s?\s+(after|before|later|earlier)\b(?:\s+(?:the\s+)?([\w-]+))?", re.IGNORECASE)
_MONTH = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_BACKGROUND_DAYS = 31        # a date this long before publication is background, not the news
_SPEECH = frozenset(datafiles.load_yaml("status.yaml")["speech_verbs"]) - {"warn", "claim", "allege"}
_WHILE_PREPS = frozenset(_GRAMMAR["date_within_preps"])   # the event lies within the dated one
_FUTURE_MODALS = frozenset(_GRAMMAR["date_future_modals"])


def dates_the_noun_only(trigger: Token, dr: DateResult) -> bool:
    """The date was read from inside an event noun's own phrase ("the April 15, 2013, attack",
    "Sunday's bombing"): it names a known event, and the story's time frame does not move to it."""
    if dr.inherited or not dr.text or trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    return dr.text in trigger.doc[trigger.left_edge.i:trigger.i].text


def frame_after(previous: DateResult | None, dr: DateResult, published: dt.date | None) -> DateResult | None:
    """The story's time frame after an event dated `dr` (dates.story_time), except that a story
    told in the days of its publication does not move back into its background: "The March 3,
    2015, bombing killed four people" in a story of May 2016 keeps the story in May 2016."""
    if published is not None and dr.date is not None and not dr.inherited and previous is not None \
            and previous.date is not None:
        old = published - dt.timedelta(days=_BACKGROUND_DAYS)
        if dr.date < old <= previous.date:
            return previous
    return story_time(previous, dr, published)


def dates_another_noun(trigger: Token, dr: DateResult) -> bool:
    """The date was read from inside another noun's phrase than the event's ("He is not charged
    over the April 15, 2013, attack": the date is the attack's, not the charge's)."""
    if dr.inherited or not dr.text:
        return False
    for n in trigger.sent if trigger.doc.has_annotation("SENT_START") else trigger.doc:
        if n.head.i == trigger.i and n.dep_ in ("dobj", "obj", "nsubjpass") or trigger.left_edge.i <= n.i < trigger.i:
            continue          # "carried out the May 22 concert bombing": the event's own noun phrase
        if n.ent_type_ in ("DATE", "TIME"):
            continue          # "on Friday evening", "Sunday morning": the time expression itself
        if n.dep_ == "pobj" and n.head.lower_ in _WHILE_PREPS:
            continue          # "attacked polling units during Saturday's by-election": the same day
        if n.pos_ in ("NOUN", "PROPN") and n.i != trigger.i and n.left_edge.i < n.i and \
                not n.left_edge.i <= trigger.i <= n.right_edge.i and dr.text in trigger.doc[n.left_edge.i:n.i].text:
            return True
    return False


def offset_date(trigger: Token, dr: DateResult, state: StoryState) -> DateResult | None:
    """A date counted in days or weeks from an anchor the sentence names (None: no such count)."""
    sent = trigger.sent if trigger.doc.has_annotation("SENT_START") else trigger.doc[:]
    m = _OFFSET.search(sent.text)
    if m is None:
        return None
    n = m.group(1).lower()
    days = (int(n) if n.isdigit() else _NUMBERS[n]) * (7 if m.group(2).lower() == "week" else 1)
    sign = 1 if m.group(3).lower() in ("after", "later") else -1
    base: dt.date | None = None
    own = dr.date is not None and not dr.inherited
    anchor_word = (m.group(4) or "").lower()
    if own and dr.precision == "day" and dr.text and (
            _OFFSET.search(dr.text) or anchor_word and dr.text.lower().startswith(anchor_word)):
        base = dr.date                                  # "three days after April 15, 2013"
    elif m.group(3).lower() in ("later", "earlier") and not own:
        frame = state.story_date                        # "two days later"
        base = frame.date if frame is not None and frame.precision == "day" else None
    elif anchor_word and not own:
        base = _event_date(anchor_word, state)   # "three days after the bombing"
    if base is None:
        return None
    return DateResult(base + dt.timedelta(days=sign * days), None, "day", m.group(0))


def _event_date(noun: str, state: StoryState) -> dt.date | None:
    """The day the story gave the event this noun refers to: the latest one told with that word
    and a date of its own, else (for a word for an attack) the latest attack with one."""
    own = [(lemmas, ev) for lemmas, ev in state.events if ev.date and ev.date_text and ev.date_precision == "day"]
    lemma = noun[:-1] if noun.endswith("s") and noun[:-1] in _ATTACK_NOUNS else noun
    for lemmas, ev in reversed(own):
        if lemma in lemmas:
            return dt.date.fromisoformat(ev.date or "")
    if lemma in _ATTACK_NOUNS:
        attacks = [ev for _, ev in own if ev.type == "ASSAULT"]
        bombs = [ev for ev in attacks if ev.mode in ("explosives", "suicide-attack")] if lemma in _BOMB_NOUNS else []
        for ev in reversed(bombs or attacks):
            return dt.date.fromisoformat(ev.date or "")
    return None


def month_in_frame(dr: DateResult, published: dt.date | None, state: StoryState) -> DateResult | None:
    """A month (and day) with no year, in a story with no publication date: read in the year of
    the story's time frame (the latest such date on or before the frame)."""
    frame = state.story_date
    if published is not None or dr.date is not None or not dr.text or frame is None or frame.date is None:
        return None
    if _MONTH.search(dr.text) is None or _YEAR.search(dr.text):
        return None
    res = interpret(dr.text, frame.date)
    return res if res.date is not None else None


def first_frame(doc: Doc, published: dt.date | None) -> DateResult | None:
    """The day a sentence with no event names, when it is a past day (the story's time frame)."""
    if not any(t.ent_type_ == "DATE" for t in doc):
        return None
    dr = resolve_date(doc, None, published)
    if dr.date is None or dr.inherited or dr.precision != "day" or (published is not None and dr.date > published):
        return None
    return dr


_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_FULL_DATE = re.compile(rf"\b(?:\d{{1,2}} {_MONTHS},? \d{{4}}|{_MONTHS} \d{{1,2}},? \d{{4}})\b")


def text_frame(text: str, published: dt.date | None) -> DateResult | None:
    """The same for a sentence left unparsed (no event word): a full date written out in it."""
    m = _FULL_DATE.search(text)
    if m is None:
        return None
    dr = interpret(m.group(0), published)
    if dr.date is None or dr.precision != "day" or (published is not None and dr.date > published):
        return None
    return dr


def said_on(trigger: Token, dr: DateResult) -> bool:
    """The date is the day something was said about the event, not the day it happened: "The death
    toll from a bombing ... has risen to 14, officials said Sunday", "gunmen stormed a polling unit,
    police said in a statement on Sunday". The date hangs on a verb of saying whose reported clause
    (ccomp) holds the event, and that clause tells a past act (not "said it would retaliate", whose
    threat is made that day). Such an event takes the story's time frame instead, or no date."""
    if dr.inherited or not dr.text:
        return False
    doc = trigger.doc
    at = doc.text.find(dr.text, trigger.sent.start_char if doc.has_annotation("SENT_START") else 0)
    span = doc.char_span(at, at + len(dr.text), alignment_mode="expand") if at >= 0 else None
    if span is None:
        return False
    verb = span.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.lemma_.lower() not in _SPEECH or verb.i == trigger.i:
        return False
    cur = trigger
    while cur.head.i != cur.i and cur.head.i != verb.i:
        cur = cur.head
    if cur.head.i != verb.i or cur.dep_ != "ccomp":
        return False
    # a past act reported ("has risen", "stormed", "were killed"), not a threat or plan made that day
    return cur.tag_ in ("VBD", "VBN") and not any(c.dep_ == "aux" and c.lower_ in _FUTURE_MODALS for c in cur.children)
