"""Publication dates given by the user or an input record (`--published`, a JSON Lines field)."""
from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from polemos import errors
from polemos.errors import InputError

_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


def parse_published(value: str) -> dt.date:
    """YYYY-MM-DD (or an ISO timestamp), or any full date with a year ("10 Feb 2020",
    "Mon, 10 Feb 2020 08:00:00 GMT"); relative words and yearless dates are refused."""
    text = (value or "").strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    if _YEAR.search(text) and re.search(r"[a-zA-Z]", text):
        parsed = _dateparser().get_date_data(text)
        if parsed and parsed.date_obj is not None and parsed.period == "day":
            return parsed.date_obj.date()
    raise InputError(errors.BAD_DATE.format(value=value))


@functools.lru_cache(maxsize=1)
def _dateparser() -> Any:
    from dateparser.date import DateDataParser  # noqa: PLC0415  (start-up cost: only for dates in words)

    return DateDataParser(languages=["en"], settings={"RETURN_AS_TIMEZONE_AWARE": False,
                                                       "PREFER_DAY_OF_MONTH": "first",
                                                       "DATE_ORDER": "MDY"})
