"""Event dates resolved against the publication date, with a precision.

Contract:
    parse_published(value: str) -> date                    raises InputError on garbage (ingest.published)
    resolve_date(doc, trigger, published) -> DateResult    the date of the event the trigger states

Rules a reader of any news story applies (each has a test in tests/test_dates.py):
  - a weekday is the most recent such day on or before publication ("Sunday" in a Monday story is
    the day before; "on Monday" in a Monday story is that day); in a future-tense clause it is the
    next such day on or after publication;
  - "today"/"tonight" = publication day, "yesterday" = the day before, "tomorrow" the day after;
  - "last week", "in the past week", "this week" = the range [publication - 7 days, publication];
    "last month"/"last year" = that calendar month/year; "N days ago" = that day;
  - "In September 2018" = the month (a range, precision month); "in 2011" = the year;
  - a date without a year ("Feb. 8") takes the year that puts it on or shortly before publication
    (up to a week after is still this year: papers date stories late), or, in a future-tense clause,
    the first such date on or after publication ("will visit on Feb. 12");
  - with no publication date, relative dates stay unresolved (their words are kept) and absolute ones
    ("Feb. 8, 2020", "September 2018") still resolve;
  - "between Feb. 3 and Feb. 5", "Feb. 3-5" = a range; "the previous day"/"the next day" count from
    the story's time frame;
  - a sentence with no date of its own may take the story's time frame (`previous=`, kept by
    `story_time`): the last day- or week-precise past date stated before it.
Of all date expressions in the sentence the one closest to the trigger in the dependency tree wins.
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from polemos import datafiles
from polemos.ingest.published import parse_published as parse_published  # re-exported: callers import it here

_CLOCK_TIME_APPROXIMATORS = datafiles.word_list("function_words", "clock_time_approximators")
_CLOCK_TIME_APPROXIMATORS_ORDERED = datafiles.word_list("function_words", "clock_time_approximators_ordered")
_CLOCK_TIME_SUFFIXES = datafiles.word_list("function_words", "clock_time_suffixes")
_CLOCK_TIME_PREPS = datafiles.word_list("function_words", "clock_time_preps")
_DATE_LEAD_WORDS = datafiles.word_list("function_words", "date_lead_words")
_FUTURE_PLAN_VERBS = datafiles.word_list("function_words", "future_plan_verbs")
_POINT_IN_TIME_WORDS = datafiles.word_list("function_words", "point_in_time_words")
_PRESENT_DAY_PARTS = datafiles.word_list("function_words", "present_day_parts")
_RANGE_LINKS = datafiles.words("function_words", "range_links")
_RELATIVE_DAYS = datafiles.word_list("function_words", "relative_days")


@dataclass
class DateResult:
    date: dt.date | None = None
    date_end: dt.date | None = None
    precision: str = "unknown"       # day, week, month, year, range, unknown
    text: str | None = None          # the words the date was read from
    inherited: bool = False          # taken from the story's time frame, not from this sentence


WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_NUM_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
              "seven": 7, "eight": 8, "nine": 9, "ten": 10}
# Grace after publication for a yearless date in a past-tense clause (stories are often dated late).
_GRACE_DAYS = 7
_FUTURE_AUX = datafiles.words("function_words", "future_auxiliaries")
_FUTURE_WORDS = {"next", "coming", "upcoming"}
_DAY_PARTS = datafiles.word_list("function_words", "day_parts")


@functools.lru_cache(maxsize=1)
def _dateparser():
    # imported here: dateparser takes a second to import and most sentences need no date parsed
    # (the same settings as ingest.published, which parses the dates users give)
    from dateparser.date import DateDataParser  # noqa: PLC0415

    return DateDataParser(languages=["en"], settings={"RETURN_AS_TIMEZONE_AWARE": False,
                                                       "PREFER_DAY_OF_MONTH": "first",
                                                       "DATE_ORDER": "MDY"})


# ---------------------------------------------------------------- finding expressions


def _expressions(doc: Doc | Span) -> list[Span]:
    """Date expressions: spaCy's DATE entities, plus weekday/today/yesterday words it missed."""
    spans: list[Span] = [e for e in doc.ents if e.label_ == "DATE" or (
        e.label_ == "TIME" and any(w in e.text.lower() for w in _DAY_PARTS))]   # "early this morning"
    covered = {t.i for e in spans for t in e}
    base = doc[0].i if len(doc) else 0
    for t in doc:
        low = t.lower_
        if t.i in covered:
            continue
        if re.fullmatch(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}", low) or low in WEEKDAYS or low in _RELATIVE_DAYS or (
                low in _MONTHS and len(low) > 2 and t.pos_ == "PROPN"):
            start, end = t.i, t.i + 1
            nxt = t.nbor(1) if t.i < doc[-1].i else None
            if low in _MONTHS and nxt is not None and nxt.like_num:
                end += 1
            spans.append(doc[start - base:end - base] if isinstance(doc, Span) else doc[start:end])
    spans = [_with_wrapped_year(doc, s) for s in spans if not _clock_time(doc, s)]
    return sorted(spans, key=lambda s: s.start)


# "at 0815", "at 1835 (0035 GMT)", "2200 hours": a 24-hour clock time, which a year-like number
# must not be read as (wire stories write times as four digits).
_HHMM = re.compile(r"([01]\d|2[0-3])[0-5]\d")
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*(a\.?m\b|p\.?m\b|o'clock)|\b([01]\d|2[0-3])[0-5]\d\b")


def _clock_time(doc: Doc | Span, expr: Span) -> bool:
    """An expression that is only a four-digit 24-hour time after "at" or before "hours"/"GMT"."""
    words = [t for t in expr if not t.is_punct and t.lower_ not in _CLOCK_TIME_APPROXIMATORS_ORDERED]
    if len(words) != 1 or not _HHMM.fullmatch(words[0].text):
        return False
    base = doc[0].i if len(doc) else 0
    i = words[0].i - base
    before = doc[i - 1].lower_ if i > 0 else ""
    after = " ".join(t.lower_ for t in doc[i + 1:i + 4])
    return before in _CLOCK_TIME_PREPS or \
        after.startswith(_CLOCK_TIME_SUFFIXES) and ("gmt" in after or "hour" in after or "local" in after)


def _with_wrapped_year(doc: Doc | Span, expr: Span) -> Span:
    """"24 MARCH\n1980": a hard-wrapped line break between a day-month and its year."""
    if _YEAR.search(expr.text) or not any(t.lower_ in _MONTHS for t in expr):
        return expr
    base = doc[0].i if len(doc) else 0
    j = expr.end - base if isinstance(doc, Span) else expr.end
    while j < len(doc) and (doc[j].is_space or doc[j].text == ","):
        j += 1
    if j < len(doc) and _YEAR.fullmatch(doc[j].text):
        start = expr.start - base if isinstance(doc, Span) else expr.start
        return doc[start:j + 1]
    return expr


def _clock_times(doc: Doc | Span) -> list[Span]:
    """Times of day with no day named: "at 0815", "at 2:30 p.m.", "at 10 a.m." (TIME entities
    with a digit, and four-digit times after "at")."""
    out = [e for e in doc.ents if e.label_ == "TIME" and _CLOCK.search(e.text.lower())
           and not any(w in e.text.lower() for w in _DAY_PARTS)]      # not "15 minutes", a duration
    seen = {t.i for e in out for t in e}
    for t in doc:
        if t.i not in seen and _HHMM.fullmatch(t.text) and t.i > (doc[0].i if len(doc) else 0) \
                and t.nbor(-1).lower_ in _CLOCK_TIME_APPROXIMATORS:
            out.append(t.doc[t.i:t.i + 1])
    return out


def _future(trigger: Token | None, expr: Span) -> bool:
    """A future-tense clause: "will pay a visit on Feb. 12", "next week", "the coming days"."""
    if any(t.lower_ in _FUTURE_WORDS for t in expr):
        return True
    tok: Token | None = trigger if trigger is not None else expr.root
    steps = 0
    while tok is not None and steps < 4:
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUX for c in tok.children):
            return True
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and tok.head.lemma_ in _FUTURE_PLAN_VERBS:
            return True
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("xcomp", "aux", "conj"):
            break
        tok = tok.head if tok.head.i != tok.i else None
        steps += 1
    return False


def _clause_head(tok: Token) -> Token:
    """The verb heading the clause of `tok`, through coordination ("kidnapped ... and killed") and
    from an event noun to the verb it is the subject of ("the raid took place on Wednesday")."""
    for _ in range(6):
        if tok.dep_ in ("conj", "nsubj", "nsubjpass") and tok.head.i != tok.i:
            tok = tok.head
        else:
            break
    return tok


def _within(tok: Token, head: Token) -> bool:
    """`tok` lies in the subtree of `head`."""
    return head.left_edge.i <= tok.i <= head.right_edge.i and (tok.i == head.i or head in tok.ancestors)


def _tree_distance(a: Token, b: Token) -> int:
    up_a = [a] + list(a.ancestors)
    up_b = {t.i: n for n, t in enumerate([b] + list(b.ancestors))}
    for n, t in enumerate(up_a):
        if t.i in up_b:
            return n + up_b[t.i]
    return 99


# ---------------------------------------------------------------- interpreting one expression


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _pick_year(month: int, day: int | None, pub: dt.date, future: bool) -> int:
    """The year for a yearless date: on/shortly before publication, or next on/after it."""
    def at(y: int) -> dt.date:
        d = min(day or 1, calendar.monthrange(y, month)[1])
        return dt.date(y, month, d)

    if future:
        for y in (pub.year - 1, pub.year, pub.year + 1):
            last = at(y) if day else _month_range(y, month)[1]
            if last >= pub - dt.timedelta(days=1):
                return y
        return pub.year + 1
    for y in (pub.year + 1, pub.year, pub.year - 1):
        if at(y) <= pub + dt.timedelta(days=_GRACE_DAYS):
            return y
    return pub.year - 1


# whole words: "Saturday afternoon" holds "day after", "Sunday before dawn" "day before"
_DAY_BEFORE = re.compile(r"\b(?:(previous|preceding) day|day before|(a|one) day earlier)\b")
_DAY_AFTER = re.compile(r"\b(?:(next|following) day|day after|(a|one) day later)\b")


def _not_a_month(words: list[str], i: int, text: str) -> bool:
    """"Sunday's march", "may": written in lower case and beside no number, the word is a protest or
    a modal, not the month; "27 march 1989" (lower-cased wire copy) keeps its month."""
    if words[i] not in ("march", "may") or words[i] not in text:
        return False
    near = words[max(i - 1, 0):i] + words[i + 1:i + 2]
    return not any(w.isdigit() for w in near)


def interpret(text: str, pub: dt.date | None, future: bool = False, frame: DateResult | None = None) -> DateResult:
    """One date expression -> DateResult (date None when it cannot be resolved). `frame` is the
    story's time frame, the anchor of "the previous day" and "the next day"."""
    low = re.sub(r"(\d)\s*[-–]\s*(\d)", r"\1 - \2", text.lower())      # "Feb. 3-5"
    words = re.sub(r"[’']s\b", "", low).replace(",", " ").replace(".", " ").split()
    words = [w for i, w in enumerate(words) if w not in _DATE_LEAD_WORDS and not _not_a_month(words, i, text)]
    res = DateResult(text=text)
    if not words:
        return res
    joined = " ".join(words)
    has_year = bool(_YEAR.search(joined))

    # Days counted from the story's time frame (else from publication).
    anchor = frame.date if frame is not None and frame.date is not None and frame.precision == "day" else pub
    if anchor is not None and _DAY_BEFORE.search(joined):
        return DateResult(anchor - dt.timedelta(days=1), None, "day", text)
    if anchor is not None and _DAY_AFTER.search(joined):
        return DateResult(anchor + dt.timedelta(days=1), None, "day", text)

    # Relative expressions need the publication date.
    if pub is not None:
        relative = _relative_day(words, joined, has_year, pub, future, text) or _relative_period(joined, pub, text)
        if relative is not None:
            return relative

    # A bare year: "in 2011", "the 2018 agreement".
    m = re.fullmatch(r"(1[5-9]\d\d|20\d\d)", joined)
    if m:
        y = int(m.group(1))
        return DateResult(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", text)

    # Absolute dates: month names with a day and/or a year.
    months = [w for w in words if w in _MONTHS]
    if not months:
        return _numeric(text, pub, future) if re.search(r"\d", joined) else res
    return _with_month(text, words, months, joined, has_year, pub, future)


def _relative_day(words: list[str], joined: str, has_year: bool, pub: dt.date, future: bool,
                  text: str) -> DateResult | None:
    """"today", "last night", "tomorrow", a weekday: a day counted from publication."""
    padded = f" {joined} "
    if any(f" {w} " in padded for w in _PRESENT_DAY_PARTS):
        return DateResult(pub, None, "day", text)
    if any(f" {w} " in padded for w in ("yesterday", "last night")):
        return DateResult(pub - dt.timedelta(days=1), None, "day", text)
    if " tomorrow " in padded:
        return DateResult(pub + dt.timedelta(days=1), None, "day", text)
    wd = [w for w in words if w in WEEKDAYS]
    if wd and not has_year and not any(w in _MONTHS for w in words if w not in WEEKDAYS):
        target = WEEKDAYS[wd[0]]
        if future or "next" in words:
            delta = (target - pub.weekday()) % 7
            if "next" in words and delta == 0:
                delta = 7
            return DateResult(pub + dt.timedelta(days=delta), None, "day", text)
        delta = (pub.weekday() - target) % 7
        if "last" in words and delta == 0:
            delta = 7
        return DateResult(pub - dt.timedelta(days=delta), None, "day", text)
    return None


def _relative_period(joined: str, pub: dt.date, text: str) -> DateResult | None:
    """"last week", "this month", "last year", "the weekend", "three days ago"."""
    if re.fullmatch(r"(last|past|this|previous) (week|seven days|7 days)", joined) or joined == "week":
        return DateResult(pub - dt.timedelta(days=7), pub, "week", text)
    if re.fullmatch(r"(this|earlier this) week", joined):
        return DateResult(pub - dt.timedelta(days=pub.weekday()), pub, "week", text)
    if re.fullmatch(r"(next|coming|upcoming) (week|days|few days)", joined):
        return DateResult(pub, pub + dt.timedelta(days=7), "week", text)
    if re.fullmatch(r"(last|past|previous) month", joined):
        first = pub.replace(day=1) - dt.timedelta(days=1)
        return DateResult(*_month_range(first.year, first.month), "month", text)
    if re.fullmatch(r"this month|earlier this month", joined):
        return DateResult(pub.replace(day=1), pub, "month", text)
    if re.fullmatch(r"(last|past|previous) year", joined):
        return DateResult(dt.date(pub.year - 1, 1, 1), dt.date(pub.year - 1, 12, 31), "year", text)
    if re.fullmatch(r"this year|earlier this year", joined):
        return DateResult(dt.date(pub.year, 1, 1), pub, "year", text)
    if joined == "weekend" or joined in ("last weekend", "this weekend"):
        sat = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
        return DateResult(sat, sat + dt.timedelta(days=1), "range", text)
    m = re.fullmatch(r"(\w+) (day|days|week|weeks|month|months|year|years) ago", joined)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else _NUM_WORDS.get(m.group(1))
        if n:
            unit = m.group(2).rstrip("s")
            days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n
            prec = {"day": "day", "week": "week", "month": "month", "year": "year"}[unit]
            return DateResult(pub - dt.timedelta(days=days), None, prec, text)
    return None


def _with_month(text: str, words: list[str], months: list[str], joined: str, has_year: bool,
                pub: dt.date | None, future: bool) -> DateResult:
    """A date with a month name: a day, a month, a range of days ("Feb. 3-5")."""
    res = DateResult(text=text)
    month = _MONTHS[months[0]]
    nums = [int(w.rstrip("stndrh")) for w in words if re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", w)]
    day = next((n for n in nums if 1 <= n <= 31), None)
    year_m = _YEAR.search(joined)
    if has_year and year_m is not None:
        year = int(year_m.group(1))
    elif pub is not None:
        year = _pick_year(month, day, pub, future)
    else:
        return res
    if day is None:
        return DateResult(*_month_range(year, month), "month", text)
    try:
        start = dt.date(year, month, day)
    except ValueError:
        return res
    # "between Feb. 3 and Feb. 5", "Feb. 3-5", "from 3 to 5 March": a window of days
    window = [n for n in nums if 1 <= n <= 31]
    if len(window) >= 2 and (set(words) & _RANGE_LINKS or re.search(r"\d\s*[-–]\s*\d", text)):
        month2 = _MONTHS[months[-1]] if len(months) > 1 else month
        try:
            end = dt.date(year if month2 >= month else year + 1, month2, window[1])
        except ValueError:
            end = None
        if end is not None and end > start:
            return DateResult(start, end, "range", text)
    return DateResult(start, None, "day", text)


def _numeric(text: str, pub: dt.date | None, future: bool = False) -> DateResult:
    """All-digit dates ("2020-02-08", "08/02/2020") through dateparser; only full dates, so a
    count or a clock time is never read as a day."""
    if not re.search(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}", text):
        return DateResult(text=text)
    day = _day_or_month_first(text, pub, future)
    if day is not None:
        return DateResult(day, None, "day", text)
    parsed = _dateparser().get_date_data(text.strip())
    if parsed and parsed.date_obj is not None and parsed.period == "day":
        return DateResult(parsed.date_obj.date(), None, "day", text)
    return DateResult(text=text)


def _day_or_month_first(text: str, pub: dt.date | None, future: bool = False) -> dt.date | None:
    """"6/02/2015", "10/8/2012": day-first in most of the world, month-first in the US. With the
    publication date known, the reading on or before it (a report tells what has happened; on or
    after it for what is planned), and the nearer of two such, is the one meant; None where the
    order is not in doubt."""
    m = re.fullmatch(r"\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*", text)
    if m is None or pub is None:
        return None
    a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if a == b or a > 12 or b > 12:
        return None                   # only one reading, or the same one: dateparser's
    readings = []
    for month, day in ((a, b), (b, a)):
        try:
            readings.append(dt.date(year, month, day))
        except ValueError:
            pass
    side = [d for d in readings if (d >= pub - dt.timedelta(days=1) if future else d <= pub + dt.timedelta(days=1))]
    return min(side or readings, key=lambda d: abs((pub - d).days))


# ---------------------------------------------------------------- the contract


def resolve_date(doc: Doc | Span, trigger: Token | None, published: dt.date | None, *,
                 previous: DateResult | None = None) -> DateResult:
    """The date of the event `trigger` states, from the date expression nearest it in the tree.

    `previous` is the story's time frame so far (see `story_time`): a sentence that states no date
    of its own and is not about the future takes it ("On Sunday, warplanes struck Atarib. Nine
    civilians died." - both on Sunday), marked `inherited`."""
    exprs = _expressions(doc)
    if not exprs:
        return _inherit(doc, trigger, previous) or _time_of_day(doc, trigger, published)
    anchor = trigger if trigger is not None else (doc.root if isinstance(doc, Span) else next(iter(doc.sents)).root)
    clause = _clause_head(anchor)
    # a date inside the event's own clause before one of the clause that reports it: "The army said
    # Thursday that rebels ambushed a convoy on Tuesday", "announced today that gunmen on 28 April
    # kidnapped ... and killed ..." (the day of the saying is not the day of the deed)
    ranked = sorted(exprs, key=lambda e: (not _within(e.root, clause), _tree_distance(e.root, anchor),
                                          abs(e.root.i - anchor.i)))
    fallback: DateResult | None = None
    for expr in ranked:
        res = interpret(" ".join(expr.text.split()), published, future=_future(trigger, expr), frame=previous)
        if res.date is not None:
            return res
        if fallback is None and _looks_like_point(expr):
            fallback = res
    return fallback or _time_of_day(doc, trigger, published)


def _time_of_day(doc: Doc | Span, trigger: Token | None, published: dt.date | None) -> DateResult:
    """"The mayor was killed at 0815": a time of day with no day named and no time frame told
    before is the day of the dateline (wire stories leave out "today" before a clock time)."""
    times = _clock_times(doc)
    if published is None or not times:
        return DateResult()
    if _future(trigger, times[0]):
        return DateResult()
    return DateResult(published, None, "day", times[0].text, inherited=True)   # a default: earlier events win


def _inherit(doc: Doc | Span, trigger: Token | None, previous: DateResult | None) -> DateResult | None:
    """The story's time frame for a sentence with no date of its own (None when there is none)."""
    if previous is None or previous.date is None:
        return None
    anchor = trigger if trigger is not None else (doc.root if isinstance(doc, Span) else next(iter(doc.sents)).root)
    if _future(trigger, doc[anchor.i - (doc.start if isinstance(doc, Span) else 0):][:1]):
        return DateResult()              # "will meet": not in the story's past time frame
    return DateResult(previous.date, previous.date_end, previous.precision, None, inherited=True)


def story_time(previous: DateResult | None, current: DateResult, published: dt.date | None) -> DateResult | None:
    """The story's time frame after a sentence: the last day- or week-precise date a sentence
    stated for something that happened (on or before publication). Background years and months
    ("in 2011", "In September 2018") and future dates do not move it."""
    if current.inherited or current.date is None or current.precision not in ("day", "week", "range"):
        return previous
    if published is not None and current.date > published:
        return previous
    return current


def _looks_like_point(expr: Span) -> bool:
    """Words that name a date (kept as text when unresolved), not a duration ("nine years")."""
    low = expr.text.lower()
    if re.fullmatch(r"(the )?(\w+ )?(\w+ )?(days?|weeks?|months?|years?|decades?)", low):
        return False                     # a duration: "nine years", "the past few months"
    return any(w in low for w in list(WEEKDAYS) + list(_POINT_IN_TIME_WORDS)
               + [m for m in _MONTHS if len(m) > 2]) and not re.search(r"\b(for|over|nearly|almost)\b", low)
