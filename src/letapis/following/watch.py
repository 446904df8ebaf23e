"""Watch lists: who is due for release, overdue, silent, or has a birthday soon.

Where a monitor's week starts. Each list is derived for the caller's audience tier
(:func:`letapis.access.tier_for`) from two per-tier caches and nothing else: the status
spans ("held on D", :mod:`letapis.registry.spans`) and the follow-up rows (expected end of term,
place now, last contact, :class:`letapis.following.models.FollowUp`), both computed only from the
records that tier reads. So a confidential added sentence, transfer, letter or detention changes
nothing the public or the team sees in any list, count or export, and a person the caller may
not see (:func:`letapis.access.visible_persons`) is in none.

The definitions (docs/following.md#watch; ``D`` the day asked, default today):

* **due** within N days (30 and 90 offered): held on D, ``end_latest >= D`` and
  ``end_earliest <= D + N`` — the term may end in the window;
* **overdue**: held on D and ``end_latest < D`` — the term has ended by its latest reckoning and
  no release is recorded (with N: overdue by more than N days);
* **silent** for N days (``SILENT_DAYS``, ``LETAPIS_SILENT_DAYS``, default 60): held on D and
  ``max(last contact, held since) < D - N`` — no letter, visit or court appearance recorded for
  more than N days, counted from the start of the status span covering D (the latest detention,
  sentence or transfer: news of the person too). A person without a follow-up row has no
  contact recorded. The rows' ``held_since`` is the start of the spell in custody
  (:func:`letapis.registry.status.since_of`), as everywhere;
* **birthdays** within N days: held on D, a public and publishable person (for every audience:
  a list for letter campaigns is public by nature), born on a full day (``YYYY-MM-DD``; a year or
  a month alone is no birthday), whose birthday falls in ``D … D + N``. One born on 29 February
  has it on 28 February in other years.

Each list is a lazy sequence (:class:`WatchRows`, like
:class:`letapis.registry.queries.HeldRows`): ``len()`` counts in the database, a slice reads only
its persons. Every row carries the facts it rests on — the event that decides the list (the
sentence for the term, the last contact, the detention), the events behind the held status, the
term and the place — each with the source sentences that support it
(:func:`letapis.registry.queries.claims_supporting`).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypedDict

from django.conf import settings
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, Greatest, Length
from django.urls import reverse
from django.utils import timezone

from letapis import access, spreadsheets
from letapis.accounts.actor import Viewer
from letapis.following.models import FollowUp
from letapis.registry.models import BirthMonthDay, Confidentiality, Event, Person, StatusSpan
from letapis.registry.queries import LazyRows, SourceRef, claims_supporting
from letapis.registry.status import HELD, status_since

DUE = "due"
OVERDUE = "overdue"
SILENT = "silent"
BIRTHDAYS = "birthdays"
#: The lists, in the order the panel shows them.
LISTS = (DUE, OVERDUE, SILENT, BIRTHDAYS)
#: The most days a list looks ahead or back (ten years).
MAX_DAYS = 3650


@dataclass(frozen=True)
class ListSpec:
    """What a list offers: the choices of N the pages show and what N means."""

    code: str
    choices: tuple[int, ...]
    days_means: str

    def default_days(self) -> int:
        if self.code == SILENT:
            return silent_days()
        return self.choices[0]


SPECS: dict[str, ListSpec] = {
    DUE: ListSpec(DUE, (30, 90), "the term may end within N days"),
    OVERDUE: ListSpec(OVERDUE, (0, 30, 90, 365), "overdue by more than N days"),
    SILENT: ListSpec(SILENT, (30, 60, 90, 180), "no contact recorded for more than N days"),
    BIRTHDAYS: ListSpec(BIRTHDAYS, (30, 14, 60), "the birthday falls within N days"),
}


def silent_days() -> int:
    """N of the silent list unless asked otherwise: ``settings.SILENT_DAYS`` (60)."""
    return int(getattr(settings, "SILENT_DAYS", 60))


def today() -> date:
    """The day a list is about unless asked otherwise: today where the server is."""
    return timezone.localdate()


class EventRef(TypedDict):
    id: int
    type: str
    date: str


class Evidence(TypedDict):
    event: EventRef
    sources: list[SourceRef]


class PlaceRef(TypedDict):
    id: int
    name: str


class WatchEntry(TypedDict):
    id: int
    name: str
    url: str
    list: str
    on: str
    days: int
    held_since: str | None
    end_earliest: str | None
    end_latest: str | None
    place: PlaceRef | None
    place_since: str | None
    last_contact: str | None
    birthday: str | None
    age: int | None
    event: EventRef | None  # the event that puts the person on this list (None: not one the caller sees)
    sources: list[SourceRef]
    evidence: dict[str, Evidence]  # held, term, place, contact: each fact's event and sources


#: The columns a list query reads: the person, the held span's start and event, and the key the
#: list is ordered by (a day, or None).
Row = tuple[int, str, date, int]


class WatchRows(LazyRows[WatchEntry]):
    """One watch list as a lazy sequence: ``len()`` counts in the database, a slice reads only
    its persons and then, for the page alone, their follow-up rows, events and sources."""

    def __init__(
        self,
        name: str,
        persons: QuerySet[Person],
        day: date,
        days: int,
        user: Viewer,
        count: Callable[[], int] | None = None,
        pager: Callable[[int, int | None], list[Row]] | None = None,
        columns: tuple[str, str, str, str] = ("id", "display_name", "held_since", "held_event"),
    ) -> None:
        super().__init__(count or persons.count)
        self.name = name
        self.persons = persons
        self.day = day
        self.days = days
        self.user = user
        # how to read rows offset…offset + limit (limit None: to the end), when not by slicing
        # the persons' query
        self._pager = pager
        self.columns = columns  # (person id, name, held since, held event) in the query

    def _read(self, offset: int, limit: int | None) -> list[WatchEntry]:
        return self._entries(self._page(offset, limit))

    def __iter__(self) -> Iterator[WatchEntry]:
        return iter(self.entries())

    def entries(self, chunk: int = 2000) -> Iterator[WatchEntry]:
        """Every entry, the list's rows read once and their facts ``chunk`` persons at a time
        (an export of thousands: no query names more ids than a database takes)."""
        rows = self._page(0, None)
        for start in range(0, len(rows), chunk):
            yield from self._entries(rows[start : start + chunk])

    def _page(self, offset: int, limit: int | None) -> list[Row]:
        if limit is not None and limit <= 0:
            return []
        if self._pager is not None:
            return self._pager(offset, limit)
        rows = self._rows()
        return list(rows[offset:] if limit is None else rows[offset : offset + limit])

    def counted_page(self, offset: int, limit: int) -> tuple[int, list[WatchEntry]]:
        """The total and the entries ``offset``…``offset + limit``: on SQLite in one query (the
        total beside the page's rows, ``COUNT(*) OVER ()``, as
        :meth:`letapis.registry.queries.HeldRows.counted_page` does), elsewhere apart."""
        if connection.vendor != "sqlite" or self._pager is not None:
            return len(self), self[offset : offset + limit]
        rows = list(
            self.persons.annotate(total=Window(Count("pk"))).values_list(*self.columns, "total")[
                offset : offset + limit
            ]
        )
        if rows:
            self._count = rows[0][4]
        return len(self), self._entries(row[:4] for row in rows)

    def _rows(self) -> QuerySet[Person, Row]:
        return self.persons.values_list(*self.columns)

    def _entries(self, page: Iterable[Row]) -> list[WatchEntry]:
        rows = list(page)
        if not rows:
            return []
        user = self.user
        tier = access.tier_for(user)
        ids = [row[0] for row in rows]
        follow = {
            f["person_id"]: f
            for f in FollowUp.objects.filter(person_id__in=ids, level=tier).values(
                "person_id",
                "end_earliest",
                "end_latest",
                "place_id",
                "place__name",
                "place__confidentiality",
                "place_since",
                "place_event_id",
                "last_contact",
                "contact_event_id",
                "case__sentence_event_id",
            )
        }
        births: dict[int, str] = {}
        if self.name == BIRTHDAYS:
            births = dict(Person.objects.filter(pk__in=ids).values_list("pk", "birth_date"))
        wanted: set[int] = set()
        for _, _, _, held_event in rows:
            wanted.add(held_event)
        for row in follow.values():
            wanted.update(
                e
                for e in (row["case__sentence_event_id"], row["place_event_id"], row["contact_event_id"])
                if e is not None
            )
        # every event is one the tier reads (the caches are built from those alone); read through
        # visible_events all the same, so that a row never shows an event the caller may not see
        events: dict[int, EventRef] = {
            pk: EventRef(id=pk, type=kind, date=text)
            for pk, kind, text in access.visible_events(user, Event.objects.filter(pk__in=wanted)).values_list(
                "id", "type", "date"
            )
        }
        refs = claims_supporting(events, user)
        levels = access.levels_for(user)
        # the column "held since" is the start of the spell in custody (the one definition);
        # silence counts from the covering span's start, news of the person (a sentence too)
        starts = status_since([row[0] for row in rows], self.day, levels=levels)
        result: list[WatchEntry] = []
        for person_id, name, held_since, held_event in rows:
            f: Mapping[str, Any] = follow.get(person_id) or {}
            evidence: dict[str, Evidence] = {}
            for fact, event_id in (
                ("held", held_event),
                ("term", f.get("case__sentence_event_id")),
                ("place", f.get("place_event_id")),
                ("contact", f.get("contact_event_id")),
            ):
                if event_id in events:
                    evidence[fact] = Evidence(event=events[event_id], sources=refs.get(event_id, []))
            place: PlaceRef | None = None
            if f.get("place_id") is not None and f["place__confidentiality"] in levels:
                place = PlaceRef(id=f["place_id"], name=f["place__name"])
            birthday, age = None, None
            if self.name == BIRTHDAYS:
                birthday, age = next_birthday(births.get(person_id, ""), self.day)
            end_earliest, end_latest = f.get("end_earliest"), f.get("end_latest")
            last_contact = f.get("last_contact")
            days = self._days(held_since, end_earliest, end_latest, last_contact, birthday)
            decided_by = {DUE: "term", OVERDUE: "term", SILENT: "contact"}.get(self.name, "held")
            deciding = evidence.get(decided_by) or evidence.get("held")
            result.append(
                WatchEntry(
                    id=person_id,
                    name=name,
                    url=reverse("web:person", args=[person_id]),
                    list=self.name,
                    on=self.day.isoformat(),
                    days=days,
                    held_since=_iso(starts.get(person_id, held_since)),
                    end_earliest=_iso(end_earliest),
                    end_latest=_iso(end_latest),
                    place=place,
                    place_since=_iso(f.get("place_since")) if place is not None else None,
                    last_contact=_iso(last_contact),
                    birthday=_iso(birthday),
                    age=age,
                    event=None if deciding is None else deciding["event"],
                    sources=[] if deciding is None else deciding["sources"],
                    evidence=evidence,
                )
            )
        return result

    def _days(
        self,
        held_since: date | None,
        end_earliest: date | None,
        end_latest: date | None,
        last_contact: date | None,
        birthday: date | None,
    ) -> int:
        """Days left (due: until the earliest end, 0 when it may have come), overdue (since the
        latest end), silent (since the last contact or the start of custody) or until the
        birthday."""
        day = self.day
        if self.name == DUE and end_earliest is not None:
            return max(0, (end_earliest - day).days)
        if self.name == OVERDUE and end_latest is not None:
            return (day - end_latest).days
        if self.name == SILENT and held_since is not None:
            heard = held_since if last_contact is None else max(last_contact, held_since)
            return (day - heard).days
        if self.name == BIRTHDAYS and birthday is not None:
            return (birthday - day).days
        return 0


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def shift(day: date, days: int) -> date:
    """``day`` moved by ``days``, kept within the calendar (a list asked for on 1 January of
    year 1 or 31 December 9999 is answered, not an overflow)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def full_birth_day(text: str) -> date | None:
    """The birth date when it is a full day (``YYYY-MM-DD``), else ``None``."""
    text = (text or "").strip()
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def next_birthday(text: str, day: date) -> tuple[date | None, int | None]:
    """The first birthday on or after ``day`` of one born on ``text`` (a full day, else
    ``(None, None)``), and the age then. 29 February falls on 28 February in other years."""
    born = full_birth_day(text)
    if born is None:
        return None, None
    for year in (day.year, day.year + 1):
        if year > date.max.year:
            break
        month, dom = born.month, born.day
        if month == 2 and dom == 29 and not calendar.isleap(year):
            dom = 28
        candidate = date(year, month, dom)
        if candidate >= day:
            return candidate, year - born.year
    return None, None  # only past 31 December 9999


def birthday_keys(day: date, days: int) -> list[str]:
    """The ``MM-DD`` of the birth dates whose birthday falls in ``day … day + days`` (29
    February too when the window holds 28 February of a year that has no 29th)."""
    keys: list[str] = []
    for i in range(min(days, 366) + 1):
        current = shift(day, i)
        keys.append(f"{current.month:02d}-{current.day:02d}")
        if current.month == 2 and current.day == 28 and not calendar.isleap(current.year):
            keys.append("02-29")
    return sorted(set(keys))


# ---------------------------------------------------------------------------------------------
# The queries


def _held(tier: str, day: date, **span: Any) -> Q:
    """Held on ``day`` in ``tier`` (the span covering it says so), with more conditions on the
    same span: one ``Q`` for one ``filter()``."""
    conditions = {
        "status_spans__level": tier,
        "status_spans__status": HELD,
        "status_spans__since__lte": day,
        "status_spans__until__gt": day,
    }
    conditions.update({f"status_spans__{key}": value for key, value in span.items()})
    return Q(**conditions)


def _with_span(qs: QuerySet[Person]) -> QuerySet[Person]:
    return qs.annotate(held_since=F("status_spans__since"), held_event=F("status_spans__event_id"))


def _follow(tier: str) -> FilteredRelation:
    return FilteredRelation("follow_ups", condition=Q(follow_ups__level=tier))


def _check_days(days: int) -> int:
    if not 0 <= days <= MAX_DAYS:
        raise ValueError(f"days must be 0…{MAX_DAYS}, not {days}")
    return days


def _by_term(name: str, day: date, days: int, user: Viewer, order: tuple[str, ...], **ends: Any) -> WatchRows:
    """A list of the follow-up rows of the tier whose expected end is in a range (``ends``),
    of persons held on ``day`` the caller may see.

    Read from the follow-up rows' end index, each probed for the held span covering ``day``
    (an index holding every column asked) and then for the person: the persons whose terms are
    in the range are few beside those held, and the range holds those released too (their
    last term is kept), so probing its rows is cheaper than joining every held person to their
    follow-up row (measured: benchmarks/following.py)."""
    tier = access.tier_for(user)
    span = StatusSpan.objects.filter(
        person_id=OuterRef("person_id"), level=tier, status=HELD, since__lte=day, until__gt=day
    )
    rows = (
        FollowUp.objects.filter(level=tier, **ends)
        .filter(Exists(span))
        .filter(access.visible_person_q(user))
        .order_by(*order, "person__name_key", "person_id")
    )

    def pager(offset: int, limit: int | None) -> list[Row]:
        # the held span of the page's persons alone, once the page is known: as a column of the
        # sorted query it would be read for every row of the list (docs/following.md, Speed)
        ids = rows.values_list("person_id", "person__display_name")
        page = list(ids[offset:] if limit is None else ids[offset : offset + limit])
        held: dict[int, tuple[date, int]] = {}
        for start in range(0, len(page), 2000):
            chunk = [person_id for person_id, _ in page[start : start + 2000]]
            for person_id, since, event_id in StatusSpan.objects.filter(
                person_id__in=chunk, level=tier, status=HELD, since__lte=day, until__gt=day
            ).values_list("person_id", "since", "event_id"):
                held[person_id] = (since, event_id)
        return [(person_id, name, *held[person_id]) for person_id, name in page]

    # follow-up rows, read by the columns that name their person (TERM_COLUMNS)
    return WatchRows(name, rows, day, days, user, pager=pager, columns=TERM_COLUMNS)  # type: ignore[arg-type]  # see above


#: The columns of a row (:data:`Row`) read from a follow-up row.
TERM_COLUMNS = ("person_id", "person__display_name", "held_since", "held_event")


def due(day: date, user: Viewer, days: int = 30) -> WatchRows:
    """Held on ``day`` with a term that may end within ``days`` days, soonest first."""
    days = _check_days(days)
    return _by_term(
        DUE, day, days, user, ("end_earliest", "end_latest"), end_latest__gte=day, end_earliest__lte=shift(day, days)
    )


def overdue(day: date, user: Viewer, days: int = 0) -> WatchRows:
    """Held on ``day`` though the term ended more than ``days`` days before it (by its latest
    reckoning), the longest overdue first."""
    days = _check_days(days)
    # the latest held period covering the day narrows the ended terms to the few still held in
    # the index itself; the span covering the day is then probed for those alone
    return _by_term(
        OVERDUE,
        day,
        days,
        user,
        ("end_latest", "end_earliest"),
        end_latest__lt=shift(day, -days),
        held_until__gt=day,
        held_from__lte=day,
    )


def silent(day: date, user: Viewer, days: int | None = None) -> WatchRows:
    """Held on ``day``, and neither a contact recorded nor the current custody begun in the
    ``days`` days before it (default :func:`silent_days`): the longest silent first (then by
    id). The count and the pages are read apart (:func:`_count_silent`, :func:`_silent_page`):
    the list is most of those held, and a join of each held person with their follow-up row
    is what would make it slow."""
    days = _check_days(silent_days() if days is None else days)
    tier = access.tier_for(user)
    cut = shift(day, -days)
    persons = (
        _with_span(access.visible_persons(user).filter(_held(tier, day, since__lt=cut)))
        .annotate(fu=_follow(tier))
        .filter(Q(fu__last_contact__isnull=True) | Q(fu__last_contact__lt=cut))
        .annotate(heard=Greatest(Coalesce("fu__last_contact", "status_spans__since"), "status_spans__since"))
        .order_by("heard", "id")
    )
    return WatchRows(
        SILENT,
        persons,
        day,
        days,
        user,
        count=lambda: _count_silent(day, user, tier, cut),
        pager=lambda offset, limit: _silent_page(day, user, tier, cut, offset, limit),
    )


def _silent_spans(tier: str, day: date, cut: date) -> QuerySet[StatusSpan]:
    """The spans of the tier making persons held on ``day`` since before ``cut`` (``cut`` is
    never after ``day``), of every person."""
    return StatusSpan.objects.filter(level=tier, status=HELD, since__lt=cut, until__gt=day)


def _count_silent(day: date, user: Viewer, tier: str, cut: date) -> int:
    """How many are silent: the held spans begun before ``cut``, less those of persons heard
    from since (a follow-up row with a later contact: a small range of its contact index), less
    those of persons the caller may not see (as :func:`letapis.registry.queries.count_held`;
    PostgreSQL takes both out in one query by anti-joins)."""
    spans = _silent_spans(tier, day, cut)
    heard = FollowUp.objects.filter(level=tier, last_contact__gte=cut)
    if connection.vendor == "postgresql":
        hidden = access.hidden_persons(user).filter(pk=OuterRef("person_id"))
        return spans.exclude(Exists(heard.filter(person_id=OuterRef("person_id")))).exclude(Exists(hidden)).count()
    total = spans.count()
    heard_from = heard.filter(Exists(spans.filter(person_id=OuterRef("person_id")))).count()
    hidden_silent = (
        spans.filter(person_id__in=access.hidden_persons(user).values("pk"))
        .exclude(Exists(heard.filter(person_id=OuterRef("person_id"))))
        .count()
    )
    return total - heard_from - hidden_silent


#: Spans read per query by :func:`_silent_page`.
SILENT_BATCH = 250


def _silent_page(day: date, user: Viewer, tier: str, cut: date, offset: int, limit: int | None) -> list[Row]:
    """Rows ``offset``…``offset + limit`` of the silent list in its order (the day last heard
    from — the last contact or the start of custody, whichever is later — then the person).

    Read by walking the held spans in the order of their start (an index), with each one's
    last contact: a person is heard from no earlier than their custody began, so once the
    spans start after the last day of the rows kept, no later span can come before them, and
    the walk stops — the first page reads a few hundred spans, not every held person. Each
    further query reads twice as many: a walk that must go far takes few queries."""
    want = None if limit is None else offset + limit
    contact = FollowUp.objects.filter(person_id=OuterRef("person_id"), level=tier).values("last_contact")[:1]
    spans = (
        _silent_spans(tier, day, cut)
        .filter(access.visible_person_q(user))
        .annotate(contact=Subquery(contact))
        .filter(Q(contact__isnull=True) | Q(contact__lt=cut))
        .order_by("since", "person_id")
    )
    found: list[tuple[tuple[date, int], Row]] = []
    after: tuple[date, int] | None = None
    batch = SILENT_BATCH * 8 if want is None else max(SILENT_BATCH, want)  # the whole list: bigger bites
    while True:
        query = spans
        if after is not None:
            query = query.filter(Q(since__gt=after[0]) | Q(since=after[0], person_id__gt=after[1]))
        chunk = list(query.values_list("person_id", "person__display_name", "since", "event_id", "contact")[:batch])
        for person_id, name, since, event_id, last in chunk:
            heard = since if last is None or last < since else last
            found.append(((heard, person_id), (person_id, name, since, event_id)))
        found.sort(key=lambda item: item[0])
        if want is not None:
            del found[want:]
        if len(chunk) < batch:
            break
        after = (chunk[-1][2], chunk[-1][0])
        if want is not None and len(found) >= want and found[-1][0][0] < after[0]:
            break  # every span not read yet begins, so is heard from, after the rows kept
        batch *= 2  # a long walk (most heard from lately, but not within N days) in few queries
    return [row for _, row in found[offset:want]]


def birthdays(day: date, user: Viewer, days: int = 30) -> WatchRows:
    """Held on ``day``, public and publishable, with a birthday (a full birth date) within
    ``days`` days: the soonest first. The same rule for every audience: a birthday list is for
    letter campaigns, which are public."""
    days = _check_days(days)
    tier = access.tier_for(user)
    keys = birthday_keys(day, days)
    start = f"{day.month:02d}-{day.day:02d}"
    persons = (
        _with_span(
            access.visible_persons(user)
            .filter(confidentiality=Confidentiality.PUBLIC, publishable=True)
            .filter(_held(tier, day))
        )
        .annotate(birthday=BirthMonthDay("birth_date"))
        # a full day is the only accepted form ten characters long (letapis.edtf): no regex,
        # which SQLite runs as a Python function on every row
        .annotate(birth_length=Length("birth_date"))
        .filter(birthday__in=keys, birth_length=10)
        .annotate(wraps=Case(When(birthday__gte=start, then=Value(0)), default=Value(1), output_field=IntegerField()))
        .order_by("wraps", "birthday", "name_key", "id")
    )
    return WatchRows(BIRTHDAYS, persons, day, days, user)


QUERIES: dict[str, Callable[..., WatchRows]] = {DUE: due, OVERDUE: overdue, SILENT: silent, BIRTHDAYS: birthdays}


def watch_list(name: str, day: date | None, user: Viewer, days: int | None = None) -> WatchRows:
    """The list ``name`` (one of :data:`LISTS`) on ``day`` (default today) as ``user`` sees it,
    with N ``days`` (default the list's own)."""
    if name not in QUERIES:
        raise ValueError(f"unknown watch list {name!r}: use {', '.join(LISTS)}")
    spec = SPECS[name]
    return QUERIES[name](day or today(), user, spec.default_days() if days is None else days)


@dataclass(frozen=True)
class PanelItem:
    """One line of the panel: a list with its N and its count."""

    name: str
    days: int
    count: int


def panel(day: date | None, user: Viewer) -> list[PanelItem]:
    """Every list with the counts the panel and the dashboard show: due in 30 and in 90 days,
    overdue, silent (the setting's N), birthdays in 30 days."""
    day = day or today()
    items: list[PanelItem] = []
    for name, days in ((DUE, 30), (DUE, 90), (OVERDUE, 0), (SILENT, silent_days()), (BIRTHDAYS, 30)):
        items.append(PanelItem(name, days, len(watch_list(name, day, user, days))))
    return items


def to_rows(entries: Sequence[WatchEntry]) -> list[dict[str, Any]]:
    """Entries as flat rows for CSV: the list's columns, the place, and the deciding source."""
    rows: list[dict[str, Any]] = []
    for e in entries:
        first = e["sources"][0] if e["sources"] else None
        rows.append(
            {
                "id": e["id"],
                "name": e["name"],
                "url": e["url"],
                "list": e["list"],
                "on": e["on"],
                "days": e["days"],
                "held_since": e["held_since"] or "",
                "end_earliest": e["end_earliest"] or "",
                "end_latest": e["end_latest"] or "",
                "place": "" if e["place"] is None else e["place"]["name"],
                "place_since": e["place_since"] or "",
                "last_contact": e["last_contact"] or "",
                "birthday": e["birthday"] or "",
                "age": "" if e["age"] is None else e["age"],
                "event": "" if e["event"] is None else f"{e['event']['type']} {e['event']['date']}",
                "source": "" if first is None else first["title"],
                "quote": "" if first is None else first["quote"],
            }
        )
    return rows


CSV_COLUMNS = (
    "id",
    "name",
    "url",
    "list",
    "on",
    "days",
    "held_since",
    "end_earliest",
    "end_latest",
    "place",
    "place_since",
    "last_contact",
    "birthday",
    "age",
    "event",
    "source",
    "quote",
)


def to_csv(entries: Sequence[WatchEntry]) -> str:
    """``entries`` as CSV: a header row, then one row per person; a cell a spreadsheet would
    run as a formula is neutralised as in every export (:func:`letapis.spreadsheets.to_csv`)."""
    return spreadsheets.to_csv(to_rows(entries), CSV_COLUMNS)
