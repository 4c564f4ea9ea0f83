"""Event dates resolved against the publication date, on real sentences parsed by the model."""
from __future__ import annotations

import datetime as dt

import pytest

from polemos.errors import InputError
from polemos.extract.dates import DateResult, interpret, parse_published, resolve_date, story_time
from polemos.nlp import load_nlp

MON = dt.date(2020, 2, 10)           # a Monday


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def resolve(nlp, sentence: str, trigger: str | None, pub: dt.date | None = MON) -> DateResult:
    doc = nlp(sentence)
    tok = next(t for t in doc if t.text == trigger) if trigger else None
    return resolve_date(doc, tok, pub)


def iso(r: DateResult) -> tuple:
    return (r.date.isoformat() if r.date else None, r.date_end.isoformat() if r.date_end else None, r.precision)


@pytest.mark.parametrize("sentence, trigger, expected", [
    ("Turkish and Russian delegations have resumed meetings on Feb. 10 to resolve the dispute.", "meetings",
     ("2020-02-10", None, "day")),
    ("There has been no consensus at the talks on Feb. 8, the minister said.", "talks", ("2020-02-08", None, "day")),
    # possessive weekdays; a weekday is the latest such day on or before publication
    ("Two parties exchanged their proposals in Saturday's talks.", "exchanged", ("2020-02-08", None, "day")),
    ("The death toll from Sunday's Russian airstrikes has risen to 26.", "airstrikes", ("2020-02-09", None, "day")),
    ("On Monday, the White Helmets said the airstrikes also killed nine civilians.", "killed",
     ("2020-02-10", None, "day")),
    ("Gunmen stormed a police station on Wednesday night.", "stormed", ("2020-02-05", None, "day")),
    # future tense keeps its future date
    ("U.S. envoy James Jeffrey will pay a visit to Turkey on Feb. 12 for discussions.", "visit",
     ("2020-02-12", None, "day")),
    ("The ministers will meet on Thursday.", "meet", ("2020-02-13", None, "day")),
    ("The leaders are to meet next week.", "meet", ("2020-02-10", "2020-02-17", "week")),
    # today / yesterday / ranges
    ("Protesters gathered in the capital today.", "gathered", ("2020-02-10", None, "day")),
    ("Police arrested 12 protesters yesterday.", "arrested", ("2020-02-09", None, "day")),
    ("Guerrillas attacked the post at 0600 this morning.", "attacked", ("2020-02-10", None, "day")),
    ("A bomb exploded at about 2300 last night in the capital.", "exploded", ("2020-02-09", None, "day")),
    ("Turkey sent hundreds of vehicles into Idlib province in the past week.", "sent",
     ("2020-02-03", "2020-02-10", "week")),
    ("Rebels seized the town three days ago.", "seized", ("2020-02-07", None, "day")),
    ("Clashes broke out last month.", "broke", ("2020-01-01", "2020-01-31", "month")),
    ("Clashes continued over the weekend.", "continued", ("2020-02-08", "2020-02-09", "range")),
    ("Clashes raged between Feb. 3 and Feb. 5 in the north.", "raged", ("2020-02-03", "2020-02-05", "range")),
    ("Talks were held on Feb. 3-5 in Geneva.", "held", ("2020-02-03", "2020-02-05", "range")),
    ("The summit ran from 30 January to 2 February.", "ran", ("2020-01-30", "2020-02-02", "range")),
    # months and years
    ("In September 2018, Turkey and Russia agreed to turn the province into a de-escalation zone.", "agreed",
     ("2018-09-01", "2018-09-30", "month")),
    ("The civil war broke out in 2011.", "broke", ("2011-01-01", "2011-12-31", "year")),
    # a yearless date takes the year that puts it at or before publication
    ("Rebels seized the town in March.", "seized", ("2019-03-01", "2019-03-31", "month")),
    ("Troops withdrew on Dec. 28.", "withdrew", ("2019-12-28", None, "day")),
    ("The bombing took place on 2020-02-08 near the border.", "bombing", ("2020-02-08", None, "day")),
    # day or month first: the reading on or before publication (on or after it when planned)
    ("Four people were killed on 8/2/2020 in the north.", "killed", ("2020-02-08", None, "day")),
    ("Four people were killed on 2/8/2020 in the north.", "killed", ("2020-02-08", None, "day")),
    ("The talks will resume on 2/12/2020 in Geneva.", "resume", ("2020-02-12", None, "day")),
    ("The talks will resume on 12/2/2020 in Geneva.", "resume", ("2020-02-12", None, "day")),
])
def test_resolved_against_a_monday_publication(nlp, sentence, trigger, expected):
    assert iso(resolve(nlp, sentence, trigger)) == expected


def test_same_weekday_as_publication_is_that_day(nlp):
    assert resolve(nlp, "On Monday, police detained two men.", "detained").date == MON
    assert resolve(nlp, "Police detained two men last Monday.", "detained").date == dt.date(2020, 2, 3)


def test_the_date_attached_to_the_trigger_wins(nlp):
    s = ("Earlier, it was reported that 17 people had been killed when warplanes struck villages on Sunday, "
         "the agency said on Feb. 10.")
    assert resolve(nlp, s, "struck").date == dt.date(2020, 2, 9)
    s = "The death toll from Sunday's airstrikes has risen to 26, according to the agency on Feb. 10."
    assert resolve(nlp, s, "airstrikes").date == dt.date(2020, 2, 9)


def test_without_publication_relative_dates_stay_unresolved(nlp):
    r = resolve(nlp, "The death toll from Sunday's airstrikes has risen to 26.", "airstrikes", pub=None)
    assert r.date is None and r.precision == "unknown" and r.text == "Sunday"
    r = resolve(nlp, "Rebels seized the town on Feb. 8.", "seized", pub=None)
    assert r.date is None and r.text == "Feb. 8"
    # absolute dates still resolve
    r = resolve(nlp, "Rebels seized the town on Feb. 8, 2020.", "seized", pub=None)
    assert iso(r) == ("2020-02-08", None, "day")
    r = resolve(nlp, "In September 2018, Turkey and Russia agreed on a zone.", "agreed", pub=None)
    assert r.precision == "month"


def test_no_date_in_the_sentence(nlp):
    r = resolve(nlp, "The war, which has lasted nine years, continues.", "continues")
    assert r.date is None and r.text is None


def test_year_rollover():
    jan = dt.date(2021, 1, 3)
    assert interpret("Dec. 30", jan).date == dt.date(2020, 12, 30)
    assert interpret("Jan. 2", jan).date == dt.date(2021, 1, 2)
    # a future visit in the new year, seen from December
    assert interpret("Jan. 5", dt.date(2020, 12, 20), future=True).date == dt.date(2021, 1, 5)


@pytest.mark.parametrize("value, expected", [
    ("2020-02-10", dt.date(2020, 2, 10)),
    ("2020-02-10T08:30:00Z", dt.date(2020, 2, 10)),
    ("10 Feb 2020", dt.date(2020, 2, 10)),
    ("Mon, 10 Feb 2020 08:00:00 GMT", dt.date(2020, 2, 10)),
])
def test_parse_published_accepts_full_dates(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["yesterday", "2020-13-01", "Feb 10", "soon", ""])
def test_parse_published_refuses_garbage(value):
    with pytest.raises(InputError, match="--published"):
        parse_published(value)


def test_a_dateless_sentence_takes_the_story_time_frame(nlp):
    first = resolve(nlp, "Russian warplanes struck Atarib on Sunday.", "struck")
    frame = story_time(None, first, MON)
    r = resolve_date(nlp("Nine civilians died in the strikes."), None, MON, previous=frame)
    assert r.date == dt.date(2020, 2, 9) and r.inherited and r.text is None
    # a future clause does not inherit the past
    doc = nlp("The ministers will meet to discuss the strikes.")
    assert resolve_date(doc, next(t for t in doc if t.text == "meet"), MON, previous=frame).date is None
    # a sentence with its own date keeps it
    assert resolve(nlp, "Police arrested 12 protesters yesterday.", "arrested").date == dt.date(2020, 2, 9)


def test_background_and_future_dates_do_not_move_the_frame(nlp):
    frame = story_time(None, resolve(nlp, "Warplanes struck Atarib on Sunday.", "struck"), MON)
    for s, trig in (("The civil war broke out in 2011.", "broke"),
                    ("In September 2018, Turkey and Russia agreed on a zone.", "agreed"),
                    ("The envoy will visit Ankara on Feb. 12.", "visit")):
        assert story_time(frame, resolve(nlp, s, trig), MON) is frame
    newer = resolve(nlp, "On Feb. 3, an attack killed seven soldiers.", "attack")
    assert story_time(frame, newer, MON) is newer


def test_days_counted_from_the_story_time_frame(nlp):
    frame = story_time(None, resolve(nlp, "Guerrillas attacked the town on Feb. 3.", "attacked"), MON)
    doc = nlp("The army counterattacked the following day.")
    r = resolve_date(doc, next(t for t in doc if t.text == "counterattacked"), MON, previous=frame)
    assert r.date == dt.date(2020, 2, 4) and not r.inherited
    doc = nlp("Police had received a warning the day before.")
    assert resolve_date(doc, next(t for t in doc if t.text == "received"), MON, previous=frame).date == dt.date(2020, 2, 2)
    # without a frame, from publication
    assert resolve(nlp, "Police had received a warning the day before.", "received").date == dt.date(2020, 2, 9)


def test_a_time_of_day_alone_is_the_dateline_day(nlp):
    # wire stories leave out "today" before a clock time; the day is the dateline's
    r = resolve(nlp, "The judge was shot dead at 0740 outside the courthouse.", "shot")
    assert iso(r) == ("2020-02-10", None, "day") and r.inherited
    r = resolve(nlp, "The bomb went off at 3:15 p.m. near the market.", "went")
    assert iso(r) == ("2020-02-10", None, "day")
    # the story's own time frame wins over the dateline
    frame = DateResult(dt.date(2020, 2, 8), None, "day", "Saturday")
    doc = nlp("The bomb went off at 3:15 p.m. near the market.")
    assert resolve_date(doc, doc[2], MON, previous=frame).date == dt.date(2020, 2, 8)
    # a future clause is not dated by its clock time
    assert resolve(nlp, "The minister will speak at 1500 in the capital.", "speak").date is None


def test_a_four_digit_clock_time_is_not_a_year(nlp):
    r = resolve(nlp, "THE AMBUSH OCCURRED AT 2130 (0330 GMT) ON THE COAST ROAD.", "AMBUSH")
    assert iso(r) == ("2020-02-10", None, "day")


def test_a_date_wrapped_across_lines_keeps_its_year(nlp):
    r = resolve(nlp, "THE MASSACRE TOOK PLACE ON 12 APRIL\n1985 IN THE VILLAGE.", "MASSACRE")
    assert iso(r) == ("1985-04-12", None, "day")


def test_a_duration_is_not_a_time_of_day(nlp):
    assert resolve(nlp, "The bomb went off 15 minutes after the warning.", "went").date is None
