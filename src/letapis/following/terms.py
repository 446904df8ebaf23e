"""The expected end of a term: plain functions over plain data, no queries.

:mod:`letapis.following.refresh` reads, for one person and one audience tier, the cases, the
term changes and the held periods that tier sees, builds the dataclasses below and calls
:func:`term_of`; the result goes into a :class:`~letapis.following.models.FollowUp` row. The
rules (docs/following.md#terms):

* **Which case.** A person is followed in *held periods*: runs of consecutive "held" status
  spans (a detention, then the sentence, then transfers). The term being served is that of the
  latest custodial case whose verdict falls within the latest held period — a re-arrest after a
  release starts afresh, the earlier term was served or ended with the release. When the person
  is held and no verdict falls within the period (the detention's day is known only as "on or
  before …"), the latest custodial case whose verdict falls within no earlier held period is
  taken. Several custodial verdicts within one held period: the first is the base term, each
  later one counts as added to it (a new sentence while held).
* **Custodial.** A regime with ``custodial: true`` in ``sentence_regimes.yaml`` has an end;
  a case with no regime recorded but a term in months counts as deprivation of liberty (the
  registry records political prisoners' sentences; a fine or a suspended sentence says so).
  A term without months (life imprisonment, the death penalty) has no end.
* **The end.** The term counts from the verdict's day moved back by the credit for custody
  before the verdict (day for day: from the detention), the months of the term are added to
  that day, then the later changes. The end is the day the term runs out: the release is due
  on it. It never falls before the verdict (a credit longer than the term: free at the verdict).
* **Credit.** Custody starts on the first day of the held period (the detention), the days
  from it to the verdict (the verdict's day not included: it counts to the term) are credited
  at the regime's ``custody_credit`` (days of punishment per day of custody; day for day when
  omitted), rounded down to whole days.
* **Partial dates.** The verdict's and the detention's earliest and latest days give the
  earliest and the latest end (the computation at each corner; the end never falls before the
  verdict's earliest day).
* **Changes.** A term change of the case (``added``, ``reduced``, ``amnesty``) moves the end
  by its months and days, in the order of their dates.

A regime change (a colony turned into a prison regime, a transfer) changes no end.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from letapis import edtf
from letapis.vocab import vocabulary
from letapis.vocab.codes import Status

# ---------------------------------------------------------------------------------------------
# Inputs


@dataclass(frozen=True)
class ChangeInput:
    """A later change of a case's term as the tier sees it."""

    kind: str  # added | reduced | amnesty
    months: int = 0
    days: int = 0
    date: str = ""
    change_id: int = 0


@dataclass(frozen=True)
class CaseInput:
    """A criminal case as the computation needs it."""

    case_id: int
    kind: str
    months: int | None
    date: str
    changes: tuple[ChangeInput, ...] = ()

    @property
    def verdict(self) -> edtf.PartialDate | None:
        return parse_date(self.date)


@dataclass(frozen=True)
class HeldPeriod:
    """A run of consecutive held spans: from ``start`` (the first span's ``since``; the
    deciding event's earliest day is ``start_earliest``) to ``end`` (exclusive; ``None``: still
    held)."""

    start: date
    end: date | None = None
    start_earliest: date | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Term:
    """The term being served: its case, the custody start and the expected end as a range, with
    the steps of the computation (language-neutral data: :func:`reasoning` renders them)."""

    case_id: int
    custody_start: date | None
    end_earliest: date | None
    end_latest: date | None
    steps: list[dict[str, Any]] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Vocabulary and dates


def parse_date(text: str) -> edtf.PartialDate | None:
    """A partial date, or ``None`` when the text is empty or not a date."""
    try:
        return edtf.parse_optional(text)
    except edtf.InvalidDate:
        return None


@cache
def _regimes() -> dict[str, dict[str, Any]]:
    return {term.code: dict(term.extra) for term in vocabulary("sentence_regimes")}


def is_custodial(kind: str) -> bool:
    """Whether a sentence of this regime deprives of liberty (no regime recorded: yes)."""
    if kind == "":
        return True
    return bool(_regimes().get(kind, {}).get("custodial", False))


def credit_rate(kind: str) -> float:
    """Days of this punishment served by one day in custody before the verdict (default 1)."""
    return float(_regimes().get(kind, {}).get("custody_credit", 1) or 1)


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` (negative: back), on the same day of the month or the last
    day of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _bounds(when: edtf.PartialDate) -> tuple[date, date] | None:
    earliest = when.earliest if when.earliest is not None else when.latest
    latest = when.latest if when.latest is not None else when.earliest
    if earliest is None or latest is None:
        return None
    return earliest, latest


# ---------------------------------------------------------------------------------------------
# Held periods and the case being served


def held_periods(spans: Iterable[tuple[str, date, date, date | None]], open_end: date) -> list[HeldPeriod]:
    """The held periods of (status, since, until, earliest day of the deciding event) spans of
    one person in one tier, in order: consecutive held spans joined."""
    periods: list[HeldPeriod] = []
    for status, since, until, earliest in sorted(spans, key=lambda s: s[1]):
        if status != Status.HELD:
            continue
        end = None if until >= open_end else until
        if periods and periods[-1].end == since:
            last = periods[-1]
            periods[-1] = HeldPeriod(last.start, end, last.start_earliest)
        else:
            periods.append(HeldPeriod(since, end, earliest if earliest is not None and earliest <= since else since))
    return periods


def _verdict_day(case: CaseInput) -> date | None:
    verdict = case.verdict
    if verdict is None:
        return None
    bounds = _bounds(verdict)
    return None if bounds is None else bounds[1]


def cases_served(
    cases: Sequence[CaseInput], periods: Sequence[HeldPeriod]
) -> tuple[list[CaseInput], HeldPeriod | None]:
    """The custodial cases of the term being served, the base first (see the module's rules),
    and the held period they are served in."""
    if not periods:
        return [], None
    current = periods[-1]
    dated = [(day, c) for c in cases if is_custodial(c.kind) and (day := _verdict_day(c)) is not None]
    dated.sort(key=lambda pair: (pair[0], pair[1].case_id))
    within = [c for day, c in dated if current.covers(day)]
    if within:
        return within, current
    if current.end is None:  # held, and no verdict within: one no earlier period accounts for
        loose = [c for day, c in dated if day < current.start and not any(p.covers(day) for p in periods[:-1])]
        if loose:
            return [loose[-1]], current
    return [], current


# ---------------------------------------------------------------------------------------------
# The end


def _moved(day: date, sign: int, months: int, days: int) -> date:
    return add_months(day, sign * months) + timedelta(days=sign * days)


def _change_key(change: ChangeInput) -> tuple[date, int]:
    when = parse_date(change.date)
    bounds = None if when is None else _bounds(when)
    return (date.max if bounds is None else bounds[1], change.change_id)


def term_of(cases: Sequence[CaseInput], periods: Sequence[HeldPeriod]) -> Term | None:
    """The term being served by a person with these cases and held periods (one tier's view),
    or ``None`` when no custodial case is being served."""
    served, period = cases_served(cases, periods)
    if not served:
        return None
    base, later = served[0], served[1:]
    case_id = served[-1].case_id
    verdict = base.verdict
    bounds = None if verdict is None else _bounds(verdict)
    # custody counts when the verdict falls within the held period (not for a verdict before a
    # detention known only as "on or before …": no custody is known to precede it)
    counted = period is not None and bounds is not None and period.covers(bounds[1])
    custody = period.start if counted and period is not None else None
    custody_earliest = (period.start_earliest or period.start) if counted and period is not None else None
    steps: list[dict[str, Any]] = [
        {"step": "term", "months": base.months, "from": base.date, "case": base.case_id, "kind": base.kind}
    ]
    if base.months is None or bounds is None:
        return Term(case_id, custody, None, None, steps)
    rate = credit_rate(base.kind)
    ends: list[date] = []
    custody_days: list[int] = []
    credits: list[int] = []
    for v in bounds:
        for c in (custody_earliest, custody) if custody is not None else (None,):
            days = 0 if c is None else max(0, (v - c).days)
            credited = int(days * rate)
            custody_days.append(days)
            credits.append(credited)
            ends.append(max(v, add_months(v - timedelta(days=credited), base.months)))
    if custody is not None and custody_earliest is not None and max(credits) > 0:
        steps.append(
            {
                "step": "credit",
                "days": min(custody_days),
                "days_max": max(custody_days),
                "rate": rate,
                "credited": min(credits),
                "credited_max": max(credits),
                "since": custody.isoformat() if custody_earliest == custody else f"{custody_earliest}/{custody}",
            }
        )
    moves: list[tuple[tuple[date, int], dict[str, Any], int, int, int]] = []
    for case in served:
        for change in case.changes:
            sign = 1 if change.kind == "added" else -1
            step = {"step": change.kind, "months": change.months, "days": change.days, "date": change.date}
            moves.append((_change_key(change), step, sign, change.months, change.days))
    for case in later:
        day = _verdict_day(case) or date.max
        step = {"step": "added", "months": case.months or 0, "days": 0, "date": case.date, "case": case.case_id}
        moves.append(((day, case.case_id), step, 1, case.months or 0, 0))
    moves.sort(key=lambda m: m[0])
    earliest, latest = min(ends), max(ends)
    for _key, step, sign, months, days in moves:
        steps.append(step)
        earliest = _moved(earliest, sign, months, days)
        latest = _moved(latest, sign, months, days)
    # never before a verdict of the term (a reduction, a credit longer than the term)
    for case in served:
        verdict_bounds = _bounds(case.verdict) if case.verdict is not None else None
        if verdict_bounds is not None:
            earliest, latest = max(earliest, verdict_bounds[0]), max(latest, verdict_bounds[1])
    steps.append({"step": "end", "earliest": earliest.isoformat(), "latest": latest.isoformat()})
    return Term(case_id, custody, earliest, latest, steps)


# ---------------------------------------------------------------------------------------------
# Saying it in en, be, ru

MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "be": [
        "студзень",
        "люты",
        "сакавік",
        "красавік",
        "травень",
        "чэрвень",
        "ліпень",
        "жнівень",
        "верасень",
        "кастрычнік",
        "лістапад",
        "снежань",
    ],
    "ru": [
        "январь",
        "февраль",
        "март",
        "апрель",
        "май",
        "июнь",
        "июль",
        "август",
        "сентябрь",
        "октябрь",
        "ноябрь",
        "декабрь",
    ],
}
#: The month after a day number (25 March, 25 сакавіка, 25 марта).
MONTHS_OF = {
    "en": MONTHS["en"],
    "be": [
        "студзеня",
        "лютага",
        "сакавіка",
        "красавіка",
        "траўня",
        "чэрвеня",
        "ліпеня",
        "жніўня",
        "верасня",
        "кастрычніка",
        "лістапада",
        "снежня",
    ],
    "ru": [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
}

#: one, few, many forms of a unit (en: one, other, other).
UNITS = {
    "en": {"year": ("year", "years", "years"), "month": ("month", "months", "months"), "day": ("day", "days", "days")},
    "be": {"year": ("год", "гады", "гадоў"), "month": ("месяц", "месяцы", "месяцаў"), "day": ("дзень", "дні", "дзён")},
    "ru": {"year": ("год", "года", "лет"), "month": ("месяц", "месяца", "месяцев"), "day": ("день", "дня", "дней")},
}

PHRASES = {
    "en": {
        "from": "from",
        "credit": "pre-trial credit",
        "custody": "in custody since",
        "rate": "at {rate} per day",
        "added": "added",
        "new_sentence": "new sentence",
        "reduced": "term reduced",
        "amnesty": "amnesty",
        "no_end": "no end date",
        "life": "a term without an end",
        "between": "between {a} and {b}",
    },
    "be": {
        "from": "з",
        "credit": "залік папярэдняга зняволення",
        "custody": "пад вартай з",
        "rate": "па {rate} за дзень",
        "added": "дададзены тэрмін",
        "new_sentence": "новы прысуд",
        "reduced": "тэрмін скарочаны",
        "amnesty": "амністыя",
        "no_end": "без даты заканчэння",
        "life": "тэрмін без заканчэння",
        "between": "паміж {a} і {b}",
    },
    "ru": {
        "from": "с",
        "credit": "зачёт предварительного заключения",
        "custody": "под стражей с",
        "rate": "по {rate} за день",
        "added": "добавлен срок",
        "new_sentence": "новый приговор",
        "reduced": "срок сокращён",
        "amnesty": "амнистия",
        "no_end": "без даты окончания",
        "life": "срок без окончания",
        "between": "между {a} и {b}",
    },
}


def _lang(language: str) -> str:
    code = (language or "en").split("-")[0].lower()
    return code if code in MONTHS else "en"


def _plural(n: int, unit: str, lang: str) -> str:
    one, few, many = UNITS[lang][unit]
    if lang == "en":
        return f"{n} {one if n == 1 else few}"
    if n % 10 == 1 and n % 100 != 11:
        form = one
    elif 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        form = few
    else:
        form = many
    return f"{n} {form}"


def duration(months: int, days: int = 0, language: str = "en") -> str:
    """8 years 3 months; 8 гадоў 3 месяцы; 8 лет 3 месяца."""
    lang = _lang(language)
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(_plural(years, "year", lang))
    if rest:
        parts.append(_plural(rest, "month", lang))
    if days or not parts:
        parts.append(_plural(days, "day", lang))
    return " ".join(parts)


def format_day(day: date, language: str = "en") -> str:
    lang = _lang(language)
    return f"{day.day} {MONTHS_OF[lang][day.month - 1]} {day.year}"


def _month(day: date, lang: str) -> str:
    return f"{MONTHS[lang][day.month - 1]} {day.year}"


def display_range(earliest: date | None, latest: date | None, language: str = "en") -> str:
    """A day range as a partial date: a day, a month (March 2029) when the range is one whole
    month, days of one month (24–25 March 2029), a year, or the two ends."""
    lang = _lang(language)
    if earliest is None and latest is None:
        return ""
    if earliest is None or latest is None:
        only = earliest or latest
        return "" if only is None else format_day(only, lang)
    if earliest == latest:
        return format_day(earliest, lang)
    last_of_month = calendar.monthrange(latest.year, latest.month)[1]
    if (earliest.year, earliest.month) == (latest.year, latest.month):
        if earliest.day == 1 and latest.day == last_of_month:
            return _month(earliest, lang)
        return f"{earliest.day}–{latest.day} {MONTHS_OF[lang][latest.month - 1]} {latest.year}"
    if earliest == date(earliest.year, 1, 1) and latest == date(earliest.year, 12, 31):
        return str(earliest.year)
    if earliest.day == 1 and latest.day == last_of_month:
        if earliest.year == latest.year:
            return f"{MONTHS[lang][earliest.month - 1]} – {_month(latest, lang)}"
        return f"{_month(earliest, lang)} – {_month(latest, lang)}"
    return PHRASES[lang]["between"].format(a=format_day(earliest, lang), b=format_day(latest, lang))


def display_date(text: str, language: str = "en", *, after_preposition: bool = False) -> str:
    """A partial date as written (EDTF) shown in ``language``: 25 March 2021, July 2022 (after
    a preposition a month alone takes the genitive in be and ru: з лістапада 2023, с ноября 2023)."""
    when = parse_date(text)
    if when is None:
        return text
    shown = display_range(when.earliest, when.latest, language)
    lang = _lang(language)
    first = when.earliest
    if after_preposition and lang != "en" and first is not None and shown == _month(first, lang):
        return f"{MONTHS_OF[lang][first.month - 1]} {first.year}"
    return shown


def display_end(earliest: date | None, latest: date | None, language: str = "en") -> str:
    """The expected end as a partial date."""
    return display_range(earliest, latest, language)


def _credit_months(days: int, lang: str) -> str:
    if days < 60:
        return _plural(days, "day", lang)
    return _plural(round(days / 30.4375), "month", lang)


def reasoning(steps: Sequence[dict[str, Any]], language: str = "en") -> str:
    """The computation said in one sentence: "8 years from 8 February 2023, pre-trial credit 22
    months (in custody since 25 March 2021) → 25 March 2029"."""
    lang = _lang(language)
    say = PHRASES[lang]
    parts: list[str] = []
    end = ""
    for step in steps:
        kind = step.get("step")
        if kind == "term":
            months = step.get("months")
            if months is None:
                parts.append(say["life"])
            else:
                parts.append(
                    f"{duration(int(months), 0, lang)} {say['from']} "
                    + display_date(step.get("from", ""), lang, after_preposition=True)
                )
        elif kind == "credit":
            low = int(step.get("credited", step.get("days", 0)))
            high = int(step.get("credited_max", low))
            amount, most = _credit_months(low, lang), _credit_months(high, lang)
            if most != amount:
                same_unit = (low < 60) == (high < 60)
                amount = f"{amount.split(' ')[0]}–{most}" if same_unit else f"{amount} – {most}"
            since = display_date(str(step.get("since", "")), lang, after_preposition=True)
            rate = float(step.get("rate", 1))
            number = f"{rate:g}" if lang == "en" else f"{rate:g}".replace(".", ",")
            rate_text = "" if rate == 1 else ", " + say["rate"].format(rate=number)
            parts.append(f"{say['credit']} {amount} ({say['custody']} {since}{rate_text})")
        elif kind in ("added", "reduced", "amnesty"):
            sign = "+" if kind == "added" else "−"
            label = say["new_sentence"] if step.get("case") else say[kind]
            when = display_date(str(step.get("date", "")), lang)
            amount = duration(int(step.get("months", 0)), int(step.get("days", 0)), lang)
            parts.append(f"{sign}{amount} ({label}{', ' + when if when else ''})")
        elif kind == "end":
            end = display_end(date.fromisoformat(step["earliest"]), date.fromisoformat(step["latest"]), lang)
    sentence = ", ".join(parts)
    if end:
        sentence += f" → {end}"
    elif parts and steps and steps[0].get("months") is not None:
        sentence += f" → {say['no_end']}"
    return sentence
