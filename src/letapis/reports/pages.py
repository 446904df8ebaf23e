"""What the report pages of the application show: the hub's lists, numbers that link to their
persons, the words of the pages in the report's language.

The pages live in the application's shell (its header, menu and language switch); their words
come from ``data/report.yaml`` (``pages``), as the monitoring report's do, so that a Russian
report reads Russian even from an English interface. Numbers and persons are those of
:mod:`letapis.reports.stats`, computed as the user may see the registry; each number links to
:func:`~letapis.reports.views.stat_persons_view`, which lists exactly the persons behind it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from letapis import access
from letapis import language as lang_
from letapis.accounts.actor import Viewer
from letapis.registry.models import Event
from letapis.registry.queries import names_in
from letapis.reports import monitoring, stats
from letapis.vocab.codes import EventType

#: how many names a row of a table shows before "and N more"
NAMES_SHOWN = 8

#: the events a statement draft may be written about, newest first on the hub
STATEMENT_TYPES = (
    EventType.RELEASE,
    EventType.EXPULSION,
    EventType.DETENTION,
    EventType.SENTENCE,
    EventType.DEATH_IN_CUSTODY,
)


def word(key: str, lang: str, **values: Any) -> str:
    return monitoring.word(key, lang, **values)


def page_words(lang: str) -> dict[str, str]:
    """Every word of ``pages`` in ``lang`` (those with placeholders are filled by the views)."""
    found = {
        key: str(value[lang])
        for key, value in monitoring.words()["pages"].items()
        if isinstance(value, dict) and lang in value and isinstance(value[lang], str)
    }
    return {"count": word("count", lang), "name": word("name", lang), **found}


def language_names(lang: str) -> list[tuple[str, str]]:
    """(code, name in ``lang``) of the report languages."""
    return [(code, word(f"pages.lang_names.{code}", lang)) for code in lang_.LANGUAGES]


def default_period(today: date) -> tuple[date, date]:
    """The period a report shows when none is chosen: from the first day of the last month to today."""
    first_of_this = today.replace(day=1)
    return (first_of_this - timedelta(days=1)).replace(day=1), today


@dataclass
class LinkedNumber:
    """A number of a report with the link to its persons and the first of their names."""

    label: str
    count: int
    url: str
    person_ids: tuple[int, ...] = ()
    names: list[tuple[int, str]] = field(default_factory=list)

    more_text: str = ""  # "and 12 more", in the page's language

    @property
    def more(self) -> int:
        return max(0, len(self.person_ids) - len(self.names))


def stat_url(params: dict[str, str]) -> str:
    return reverse("reports:stat_persons") + "?" + urlencode(params)


def named(person_ids: tuple[int, ...] | list[int], lang: str, user: Viewer) -> list[tuple[int, str]]:
    """(id, name in ``lang``) of the persons, by name."""
    names = names_in(person_ids, lang, user)
    return sorted(names.items(), key=lambda pair: (pair[1].casefold(), pair[0]))


#: up to this many persons a list is sorted by the names as shown; beyond, by the registry's
#: display name, so that a page of a long list reads only its own names
SORT_SHOWN_UP_TO = 1000


def named_page(person_ids: tuple[int, ...], lang: str, user: Viewer, number: int, size: int) -> list[tuple[int, str]]:
    """One page of :func:`named` (the names of a long list are read for its page only)."""
    ids = list(dict.fromkeys(person_ids))
    if len(ids) <= SORT_SHOWN_UP_TO:
        return named(ids, lang, user)[(number - 1) * size : number * size]
    from letapis.registry.models import Person

    order: list[tuple[str, int]] = []
    for i in range(0, len(ids), 10_000):  # under SQLite's limit of query parameters
        chunk = Person.objects.filter(pk__in=ids[i : i + 10_000]).values_list("display_name", "id")
        order += [(name.casefold(), pk) for name, pk in chunk]
    page = [pk for _, pk in sorted(order)[(number - 1) * size : number * size]]
    names = names_in(page, lang, user)
    return [(pk, names[pk]) for pk in page]


def stats_context(
    day: date, lang: str, user: Viewer, held: stats.Stat, groups: dict[str, list[stats.Stat]], keep: dict[str, str]
) -> dict[str, Any]:
    """The statistics page: the total held and each group, every number linked to its persons,
    the first names of each group linked to their pages (one query of names for the page)."""
    base = {"on": day.isoformat(), **keep}
    shown: set[int] = set(held.person_ids[: NAMES_SHOWN * 6])
    for rows in groups.values():
        for stat in rows:
            shown.update(stat.person_ids[:NAMES_SHOWN])
    names = names_in(shown, lang, user)

    def linked(stat: stats.Stat, label: str, by: str, limit: int = NAMES_SHOWN) -> LinkedNumber:
        first = sorted(((p, names[p]) for p in stat.person_ids[:limit] if p in names), key=lambda x: x[1].casefold())
        url = stat_url({**base, "by": by, "code": stat.code})
        number = LinkedNumber(label, stat.count, url, stat.person_ids, first)
        if number.more:
            number.more_text = word("pages.and_more", lang, count=number.more)
        return number

    total = linked(held, word("pages.held_total", lang, date=lang_.format_date(day, lang)), "held", NAMES_SHOWN * 6)
    tables = [
        (word(f"by.{by}", lang), [linked(s, monitoring.stat_label(s, lang), by) for s in rows])
        for by, rows in groups.items()
    ]
    persons_list = reverse("web:persons") + "?" + urlencode({"status": "held", "on": day.isoformat()})
    return {
        "lang": lang,
        "w": page_words(lang),
        "day": day.isoformat(),
        "day_text": lang_.format_date(day, lang),
        "total": total,
        "groups": tables,
        "persons_list": persons_list,
    }


def find_number(params: QueryDict, lang: str, user: Viewer, parse_day: Callable[..., date]) -> LinkedNumber:
    """The number a list page is asked for (see
    :func:`~letapis.reports.views.stat_persons_view`), computed as the statistics page computes
    it; a :class:`~letapis.reports.views.BadParameter` when it is not one."""
    from letapis.reports.views import BadParameter

    by, code = params.get("by", ""), params.get("code", "")
    url = ""
    if by == "movement":
        start = parse_day(params.get("from"), lang=lang)
        end = parse_day(params.get("to"), lang=lang)
        moves = stats.movements(start, end, user)
        if code not in moves:
            raise BadParameter(word("pages.bad_group", lang))
        stat = moves[code]
        period = f"{lang_.format_date(start, lang)} – {lang_.format_date(end, lang)}"
        return LinkedNumber(f"{monitoring.stat_label(stat, lang)}, {period}", stat.count, url, stat.person_ids)
    day = parse_day(params.get("on"), timezone.localdate(), lang)
    when = word("pages.held_total", lang, date=lang_.format_date(day, lang))
    if by == "held":
        stat = stats.held_count(day, user)
        return LinkedNumber(when, stat.count, url, stat.person_ids)
    if by == "time_served":
        rows = stats.time_served_buckets(day, user)
    elif by in stats.BREAKDOWNS:
        rows = stats.breakdown(day, user, by)
    else:
        raise BadParameter(word("pages.bad_group", lang))
    found = next((s for s in rows if s.code == code), None)
    if found is None:  # a group with no one in it on that day: an empty list, not an error
        return LinkedNumber(f"{when} — {word(f'by.{by}', lang)}", 0, url)
    label = f"{when} — {word(f'by.{by}', lang)}: {monitoring.stat_label(found, lang)}"
    return LinkedNumber(label, found.count, url, found.person_ids)


def statement_events(user: Viewer, lang: str, limit: int = 12) -> list[tuple[int, str]]:
    """(id, "date — type (count)") of the latest events a statement may be written about, as
    ``user`` may see them."""
    events = access.visible_events(
        user, Event.objects.filter(type__in=STATEMENT_TYPES, parent__isnull=True, date_latest__isnull=False)
    ).order_by("-date_latest", "-id")[:limit]
    rows = []
    for event in events:
        when = lang_.format_partial(event.date, lang) if event.date else ""
        kind = lang_.vocab_label("event_types", event.type, lang)
        count = f" ({event.count})" if event.count else ""
        rows.append((event.pk, f"{when} — {kind}{count}"))
    return rows
