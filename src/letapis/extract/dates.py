"""Dates in en/be/ru text: absolute ("On 13 December", "13 снежня 2025", "13 декабря 2025 г.",
"2025-12-13", "13.12.2025") and relative ("учора", "вчера", "yesterday", "the following day",
"напярэдадні"), each resolved against the document date (or the date mentioned before it)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from letapis.extract.lexicons import LANGUAGES, fold, load
from letapis.extract.model import Span

__all__ = ["DateMention", "document_date", "find_dates", "head_length", "month_dateline", "resolve_year"]


@dataclass(frozen=True)
class DateMention:
    span: Span
    text: str
    date: date | None
    #: the year was written (not inferred from the document date)
    explicit_year: bool


@cache
def _month_pattern(lang: str) -> tuple[re.Pattern[str], dict[str, int]]:
    months: dict[str, int] = {}
    for number, forms in load(lang)["months"].items():
        for form in forms:
            months[fold(form)] = int(number)
    alternatives = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    if lang == "en":
        pattern = (
            rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{alternatives})\.?(?:,?\s+(?P<y1>\d{{4}}))?"
            rf"|(?P<m2>{alternatives})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>\d{{4}}))?"
        )
    else:
        pattern = (
            rf"(?P<d1>\d{{1,2}})\s+(?P<m1>{alternatives})(?:\s+(?P<y1>\d{{4}})(?:\s*(?:г\.|года|году|гады|год))?)?"
        )
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)"), months


_NUMERIC = re.compile(
    r"(?<![\w.])(?:(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})|(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\.(?P<y2>\d{4}))(?![\w])"
)


@cache
def _relative(lang: str) -> list[tuple[re.Pattern[str], int, str]]:
    out = []
    for entry in load(lang).get("relative_dates", []):
        out.append((re.compile(r"(?<!\w)(?:" + fold(entry["pattern"]) + r")(?!\w)"), int(entry["days"]), entry["from"]))
    return out


@cache
def _weekdays(lang: str) -> tuple[re.Pattern[str], dict[str, int]] | None:
    days: dict[str, int] = {}
    for number, forms in (load(lang).get("weekdays") or {}).items():
        for form in forms:
            days[fold(form)] = int(number)
    if len(days) == 0:
        return None
    alternatives = "|".join(sorted(map(re.escape, days), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), days


def resolve_year(day: int, month: int, reference: date | None) -> date | None:
    """The date of ``day``/``month`` in the year that puts it at most ~2 months after the reference
    (a statement of January speaks of December of the year before)."""
    if reference is None:
        return None
    for year in (reference.year, reference.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if candidate <= reference + timedelta(days=62):
            return candidate
    return None


def _make(year: int | None, month: int, day: int, reference: date | None) -> date | None:
    if year is None:
        return resolve_year(day, month, reference)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str, folded: str, lang: str, reference: date | None) -> list[DateMention]:
    """Every date mention of ``text`` (``folded`` is :func:`fold` of it), in text order, resolved
    against ``reference`` (the document date) or, for "the following day", the date before."""
    found: list[tuple[int, int, int | None, int, int, bool]] = []  # start, end, year, month, day, explicit
    langs = [lang] + [other for other in LANGUAGES if other != lang]
    taken: list[tuple[int, int]] = []
    for match in _NUMERIC.finditer(folded):
        if match.group("y") is not None:
            y, m, d = int(match.group("y")), int(match.group("m")), int(match.group("d"))
        else:
            y, m, d = int(match.group("y2")), int(match.group("m2")), int(match.group("d2"))
        found.append((match.start(), match.end(), y, m, d, True))
        taken.append((match.start(), match.end()))
    for language in langs[:1] if lang != "en" else ["en"]:
        pattern, months = _month_pattern(language)
        for match in pattern.finditer(folded):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            groups = match.groupdict()
            d = int(groups["d1"] or groups["d2"])
            m = months[groups["m1"] or groups["m2"]]
            year_text = groups.get("y1") or groups.get("y2")
            found.append(
                (match.start(), match.end(), None if year_text is None else int(year_text), m, d, year_text is not None)
            )
    found.sort()
    out: list[DateMention] = []
    for start, end, year, month, day, explicit in found:
        out.append(DateMention(Span(start, end), text[start:end], _make(year, month, day, reference), explicit))
    relatives: list[DateMention] = []
    for pattern, days, origin in _relative(lang):
        for match in pattern.finditer(folded):
            previous = [mention for mention in out if mention.span.end <= match.start() and mention.date is not None]
            base = reference if origin == "doc" or len(previous) == 0 else previous[-1].date
            when = None if base is None else base + timedelta(days=days)
            relatives.append(
                DateMention(Span(match.start(), match.end()), text[match.start() : match.end()], when, False)
            )
    weekdays = _weekdays(lang)
    if weekdays is not None and reference is not None:
        pattern, days_of = weekdays
        for match in pattern.finditer(folded):
            back = (reference.weekday() - days_of[match.group()]) % 7  # the last such day, up to the document's
            relatives.append(
                DateMention(
                    Span(match.start(), match.end()),
                    text[match.start() : match.end()],
                    reference - timedelta(days=back),
                    False,
                )
            )
    kept: list[DateMention] = []  # "the day before yesterday" is one date, not three
    for mention in sorted(relatives, key=lambda m: m.span.start - m.span.end):
        if not any(k.span.start < mention.span.end and mention.span.start < k.span.end for k in kept + out):
            kept.append(mention)
    return sorted(out + kept, key=lambda mention: mention.span.start)


def month_dateline(text: str, folded: str, lang: str) -> date | None:
    """The last day of the month a dateline of a month and a year gives on the text's first line
    ("May 2023", "Студзень 2012", "Февраль 2025"), to resolve the year of a day and month."""
    end = text.find("\n")
    line = folded[: len(text) if end < 0 else end].strip()
    _, months = _month_pattern(lang)
    m = re.fullmatch(r"([^\W\d_]+)\s+(\d{4})", line)
    if m is None or m.group(1) not in months:
        return None
    month, year = months[m.group(1)], int(m.group(2))
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def _limit(text: str) -> int:
    first_line_end = text.find("\n")
    return max(300, first_line_end if first_line_end >= 0 else 0)


def head_length(text: str) -> int:
    """How much of the top of ``text`` holds every date :func:`document_date` may choose (its
    start within the limit, and room for the date itself)."""
    return _limit(text) + 40


def document_date(mentions: list[DateMention], text: str) -> DateMention | None:
    """The date of the document: the first date with a written year near its top (the first line
    or the first 300 characters)."""
    limit = _limit(text)
    for mention in mentions:
        if mention.span.start > limit:
            break
        if mention.explicit_year and mention.date is not None:
            return mention
    return None
