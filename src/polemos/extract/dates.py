"""Event dates resolved against the publication date (placeholder; the dates stage fills this in).

Contract:
    parse_published(value: str) -> date                    raises InputError on garbage
    resolve_date(doc, trigger, published) -> DateResult    the date of the event the trigger states
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from polemos import errors
from polemos.errors import InputError


@dataclass
class DateResult:
    date: dt.date | None = None
    date_end: dt.date | None = None
    precision: str = "unknown"       # day, week, month, year, range, unknown
    text: str | None = None          # the words the date was read from


def parse_published(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise InputError(errors.BAD_DATE.format(value=value)) from None


def resolve_date(doc: Doc, trigger: Token | None, published: dt.date | None) -> DateResult:
    return DateResult()
