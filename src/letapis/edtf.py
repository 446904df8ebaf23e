"""Partial dates as a small, documented subset of EDTF (Extended Date/Time Format, ISO 8601-2).

Monitors often know only "November 2020" or "in 2021" or "some time before the release". A
:class:`PartialDate` keeps the text as written and the earliest and latest day it can mean, so
that queries can compare days.

Accepted forms (``?`` uncertain and ``~`` approximate may follow any of the first three; they are
kept in the text and do not change the bounds):

==========================  ==================================  =====================
text                        meaning                             earliest … latest
==========================  ==================================  =====================
``2021``                    some day in 2021                    2021-01-01 … 2021-12-31
``2021-11``                 some day in November 2021           2021-11-01 … 2021-11-30
``2021-11-05``              that day                            2021-11-05 … 2021-11-05
``2021-11/2022-02``         some day between (an EDTF range)    2021-11-01 … 2022-02-28
``[..2025-12-12]``          on or before that day               unknown … 2025-12-12
``[2025-12-12..]``          on or after that day                2025-12-12 … unknown
==========================  ==================================  =====================

An unknown bound is ``None``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_SIMPLE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([?~%]?)$")


class InvalidDate(ValueError):
    """The text is not one of the accepted partial-date forms."""


@dataclass(frozen=True)
class PartialDate:
    """A date known to a day, a month, a year, or only as a bound."""

    text: str
    earliest: date | None
    latest: date | None

    def __str__(self) -> str:
        return self.text

    @property
    def is_exact(self) -> bool:
        return self.earliest is not None and self.earliest == self.latest


def _bounds(part: str, whole: str) -> tuple[date, date]:
    match = _SIMPLE.match(part)
    if match is None:
        raise InvalidDate(f"{whole!r} is not a date: use YYYY, YYYY-MM, YYYY-MM-DD, A/B or [..YYYY-MM-DD]")
    year = int(match.group(1))
    month_text, day_text = match.group(2), match.group(3)
    try:
        if month_text is None:
            return date(year, 1, 1), date(year, 12, 31)
        month = int(month_text)
        if day_text is None:
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1), date(year, month, last)
        day = date(year, month, int(day_text))
        return day, day
    except ValueError as exc:
        raise InvalidDate(f"{whole!r} is not a real date: {exc}") from exc


def parse(text: str) -> PartialDate:
    """Parse a partial date; raise :class:`InvalidDate` with a readable message."""
    raw = text.strip()
    if raw == "":
        raise InvalidDate("the date is empty")
    if raw.startswith("[") and raw.endswith("]"):
        inner = raw[1:-1]
        if inner.startswith(".."):
            return PartialDate(raw, None, _bounds(inner[2:], raw)[1])
        if inner.endswith(".."):
            return PartialDate(raw, _bounds(inner[:-2], raw)[0], None)
        raise InvalidDate(f"{raw!r}: only [..DATE] and [DATE..] are accepted in brackets")
    if "/" in raw:
        start, _, end = raw.partition("/")
        earliest = _bounds(start, raw)[0]
        latest = _bounds(end, raw)[1]
        if latest < earliest:
            raise InvalidDate(f"{raw!r}: the range ends before it starts")
        return PartialDate(raw, earliest, latest)
    earliest, latest = _bounds(raw, raw)
    return PartialDate(raw, earliest, latest)


def parse_optional(text: str | None) -> PartialDate | None:
    """``None`` for an empty (or blank) text, else :func:`parse`: the one reading of an optional
    partial date, for the services, the admin, the importer and the follow-up rules alike."""
    if text is None or text.strip() == "":
        return None
    return parse(text)


def from_date(day: date) -> PartialDate:
    """The partial date of an exact day."""
    return PartialDate(day.isoformat(), day, day)
