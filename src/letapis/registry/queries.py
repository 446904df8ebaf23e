"""Read-side queries shared by the CLI, the API and the pages.

Each returns plain data with the sources of every fact: a status comes with the event that
decided it and the claims (source, quote) that support that event.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import Any, TypedDict, overload

from django.db import connection
from django.db.models import Count, Exists, Max, OuterRef, QuerySet, Window

from letapis import access
from letapis import language as lang_
from letapis.accounts.actor import Viewer
from letapis.registry.models import Claim, ClaimState, Event, NameVariant, Occupation, Person
from letapis.registry.status import StatusOn, held_on, held_spans, status_on, status_since


class SourceRef(TypedDict):
    source_id: int
    title: str
    date: str | None
    quote: str
    claim_id: int


class StatusEvent(TypedDict):
    id: int
    type: str
    date: str


class StatusData(TypedDict):
    """A person's status on a day (:func:`status_data`)."""

    id: int
    name: str
    on: str
    status: str
    exiled: bool
    since: str | None
    event: StatusEvent | None
    sources: list[SourceRef]


class HeldEntry(TypedDict):
    id: int
    name: str
    names: list[str]
    occupations: list[str]
    since: str | None
    event: dict[str, Any] | None  # None when the caller may not see the deciding event
    sources: list[SourceRef]


#: How many persons a page read in name order may pass over, at most, for the walk to be taken
#: (:func:`name_walk_sql`): walking the name index costs about one person per row passed over.
NAME_WALK_LIMIT = 20_000


def name_walk_sql(persons: QuerySet[Any], total: int, offset: int, limit: int) -> tuple[str, Any] | None:
    """The SQL of the page ``offset…offset + limit`` of ``persons`` (ordered by name) read by
    walking the persons' name index, on SQLite, when the ``total`` matches are dense enough among
    all persons that the page is met within :data:`NAME_WALK_LIMIT` persons; else ``None``.

    SQLite's planner finds every match first and sorts them, not knowing that one person in
    nine matches; read in name order, the first page passes over a few hundred persons (figures:
    docs/scale.md). The total is counted apart (:func:`count_held`), the one step that has to
    see every match. PostgreSQL weighs this itself."""
    if connection.vendor != "sqlite" or total <= 0:
        return None
    everyone = Person.objects.aggregate(top=Max("id"))["top"] or 0
    if (offset + limit) * everyone / total > NAME_WALK_LIMIT:
        return None
    sql, params = persons[offset : offset + limit].query.sql_with_params()
    table = f'FROM "{Person._meta.db_table}" '
    if table not in sql:
        return None
    index = next(i.name for i in Person._meta.indexes if list(i.fields) == ["name_key", "id"])
    return sql.replace(table, f'{table}INDEXED BY "{index}" ', 1), params


def claims_supporting(events: Iterable[int], user: Viewer) -> dict[int, list[SourceRef]]:
    """Accepted claims about each event that ``user`` may see, by event id. Reads the fields a
    reference shows, not the sources' texts (whole documents, the same one for many claims)."""
    wanted = list(events)
    if not wanted:  # no query to build: a person page asks for several kinds, often empty
        return {}
    return _refs(Claim.objects.filter(event_id__in=wanted), "event_id", user)


def _refs(claims: QuerySet[Claim], key: str, user: Viewer) -> dict[int, list[SourceRef]]:
    refs: dict[int, list[SourceRef]] = defaultdict(list)
    rows = (
        access.visible_claims(user, claims.filter(state=ClaimState.ACCEPTED))
        .order_by("id")
        .values_list("id", key, "quote", "source_id", "source__title", "source__filename", "source__date")
    )
    for claim_id, event_id, quote, source_id, title, filename, day in rows:
        refs[event_id].append(
            SourceRef(
                source_id=source_id,
                title=title or filename,  # as str(source)
                claim_id=claim_id,
                quote=quote,
                date=None if day is None else day.isoformat(),
            )
        )
    return refs


def claims_behind_records(label: str, ids: Iterable[int], user: Viewer) -> dict[int, list[SourceRef]]:
    """Accepted claims that stand behind records of model ``label`` (``registry.criminalcase``,
    ``registry.occupation``…) that ``user`` may see, by record id (the claims a hand-made fact
    cites, an import's, and each claim that corroborated it) — one query, none for no records."""
    wanted = list(ids)
    if not wanted:
        return {}
    return _refs(Claim.objects.filter(record_type=label, record_id__in=wanted), "record_id", user)


class LazyRows[T](Sequence[T]):
    """A list read from the database as it is asked for: ``len()`` counts once (by ``count``),
    a slice reads only its rows (:meth:`_read`), an index one row; a step or a negative bound
    reads the whole list (``__iter__``, which a subclass gives)."""

    def __init__(self, count: Callable[[], int]) -> None:
        self._counter = count
        self._count: int | None = None

    def __len__(self) -> int:
        if self._count is None:
            self._count = self._counter()
        return self._count

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, int):
            if index < 0:
                return list(self)[index]
            rows = self[index : index + 1]
            if not rows:
                raise IndexError(index)
            return rows[0]
        start = index.start or 0
        if index.step not in (None, 1) or start < 0 or (index.stop is not None and index.stop < 0):
            return list(self)[index]
        return self._read(start, None if index.stop is None else index.stop - start)

    def _read(self, offset: int, limit: int | None) -> list[T]:
        """The rows ``offset``…``offset + limit`` (``limit`` ``None``: to the end)."""
        raise NotImplementedError


class HeldRows(LazyRows[HeldEntry]):
    """Who is held on a day, as a lazy sequence: ``len()`` counts in the database, a slice
    reads only its persons (with their names, occupations, deciding events and sources), so the
    first page of a list of thousands costs a count and a page, not the whole list. Rows are
    read as tuples: a page of 50 is some 400 names, occupations and events, and a model
    instance for each cost more than the queries."""

    def __init__(
        self, persons: QuerySet[Person], day: date, user: Viewer, count: Callable[[], int] | None = None
    ) -> None:
        super().__init__(count or persons.count)  # how to count them, when not by the persons' query
        self.persons = persons
        self.day = day
        self.user = user

    def _read(self, offset: int, limit: int | None) -> list[HeldEntry]:
        rows = self._rows()
        return self._entries(rows[offset:] if limit is None else rows[offset : offset + limit])

    def __iter__(self) -> Iterator[HeldEntry]:
        return iter(self._entries(self._rows()))

    def counted_page(self, offset: int, limit: int) -> tuple[int, list[HeldEntry]]:
        """The total and the entries ``offset``…``offset + limit``. On SQLite one query gives
        both (``COUNT(*) OVER ()`` beside the page's rows: the join that finds who is held is
        done once). PostgreSQL plans that query as a walk of the name index through every
        person, so it gets the count and the page apart (figures: docs/scale.md). A page past
        the end has no row to carry the total: it is then counted apart."""
        if connection.vendor != "sqlite":
            return len(self), self[offset : offset + limit]
        walk = name_walk_sql(self._rows(), len(self), offset, limit)
        if walk is not None:
            with connection.cursor() as cursor:
                cursor.execute(*walk)
                return len(self), self._entries(cursor.fetchall())
        rows = list(
            self.persons.annotate(total=Window(Count("id"))).values_list(
                "id", "display_name", "status_event_id", "total"
            )[offset : offset + limit]
        )
        if rows:
            self._count = rows[0][3]
        return len(self), self._entries(row[:3] for row in rows)

    def _rows(self) -> QuerySet[Person, tuple[int, str, int]]:
        # held_on() annotates status_event_id: the plugin cannot see it through QuerySet[Person]
        return self.persons.values_list("id", "display_name", "status_event_id")  # type: ignore[misc]  # see above

    def _entries(self, page: Iterable[tuple[int, str, int]]) -> list[HeldEntry]:
        rows = list(page)
        user = self.user
        ids = [person_id for person_id, _, _ in rows]
        names: dict[int, list[str]] = defaultdict(list)
        for person_id, text in (
            access.visible_names(user, NameVariant.objects.filter(person_id__in=ids))
            .order_by("-is_primary", "id")
            .values_list("person_id", "text")
        ):
            names[person_id].append(text)
        occupations: dict[int, list[str]] = defaultdict(list)
        for person_id, code in (
            access.visible(user, Occupation.objects.filter(person_id__in=ids))
            .order_by("id")
            .values_list("person_id", "code")
        ):
            occupations[person_id].append(code)
        # the deciding event is one of the caller's levels (their tier's spans); read through
        # visible_events all the same, so that a row never shows an event the caller may not see
        deciding = access.visible_events(user, Event.objects.filter(pk__in=[event for _, _, event in rows]))
        events = {row[0]: row for row in deciding.values_list("id", "type", "date", "date_latest")}
        sources = claims_supporting(events, user)
        starts = status_since(ids, self.day, levels=access.levels_for(user))  # "held since": the one definition
        result: list[HeldEntry] = []
        for person_id, name, event_id in rows:
            event = events.get(event_id)
            result.append(
                HeldEntry(
                    id=person_id,
                    name=name,
                    names=names[person_id],
                    occupations=occupations[person_id],
                    since=None if event is None or person_id not in starts else starts[person_id].isoformat(),
                    event=None if event is None else {"id": event[0], "type": event[1], "date": event[2]},
                    sources=[] if event is None else sources.get(event_id, []),
                )
            )
        return result


def held_rows(
    day: date,
    user: Viewer,
    *,
    occupation: str | None = None,
    organisation: int | None = None,
    place: int | None = None,
) -> HeldRows:
    """Who is held on ``day``, as ``user`` may see it, ordered by name: a lazy sequence of
    entries with the deciding event and its sources (:class:`HeldRows`)."""
    filters: dict[str, Any] = {"occupation": occupation, "organisation": organisation, "place": place}
    levels = access.levels_for(user)
    persons = held_on(day, **filters, persons=access.visible_persons(user), levels=levels)
    return HeldRows(persons.order_by("name_key", "id"), day, user, count=lambda: count_held(day, user, **filters))


class _HeldFilters(TypedDict):
    occupation: str | None
    organisation: int | None
    place: int | None
    levels: Sequence[str]


def count_held(
    day: date,
    user: Viewer,
    *,
    occupation: str | None = None,
    organisation: int | None = None,
    place: int | None = None,
) -> int:
    """How many of the persons ``user`` may see are held on ``day`` as ``user`` sees it (the
    spans of their tier, with the filters of :func:`~letapis.registry.status.held_on` on the
    records of their levels): ``held_on(…).count()``, in the query quickest on each database
    (figures: docs/scale.md). Joining each held span to its person to see whether the user may
    see them was most of the count, so:

    - PostgreSQL counts the spans of no hidden person (an anti-join on the few the user may not
      see);
    - SQLite, unfiltered, counts every held span and takes away those of the hidden persons, two
      index-only counts; with a filter it counts the join, as the subtraction then probes the
      spans of each person the filter names twice."""
    levels = access.levels_for(user)
    filters: _HeldFilters = {"occupation": occupation, "organisation": organisation, "place": place, "levels": levels}
    if connection.vendor == "postgresql":
        hidden = access.hidden_persons(user).filter(pk=OuterRef("person_id"))
        return held_spans(day, **filters).exclude(Exists(hidden)).count()
    if occupation is None and organisation is None and place is None:
        spans = held_spans(day, levels=levels)
        return spans.count() - spans.filter(person_id__in=access.hidden_persons(user).values("pk")).count()
    return held_on(day, **filters, persons=access.visible_persons(user)).count()


def held_list(
    day: date,
    user: Viewer,
    *,
    occupation: str | None = None,
    organisation: int | None = None,
    place: int | None = None,
) -> list[HeldEntry]:
    """Who is held on ``day``, as ``user`` may see it, with the deciding event and its sources."""
    return list(held_rows(day, user, occupation=occupation, organisation=organisation, place=place))


def status_report(person: Person, day: date, user: Viewer) -> StatusData:
    """A person's status on ``day`` as ``user`` sees it, with the deciding event and its sources."""
    result = status_on(person, day, levels=access.levels_for(user))
    return status_data(person, result, claims_supporting(supporting_events(result), user))


def supporting_events(result: StatusOn) -> list[int]:
    """The events whose sources support a status: the deciding event and the collective event
    it belongs to, if any."""
    event = result.event
    if event is None:
        return []
    return [event.pk] + ([event.parent_id] if event.parent_id is not None else [])


def status_data(person: Person, result: StatusOn, refs: dict[int, list[SourceRef]]) -> StatusData:
    """:func:`status_report` of a status already derived, with the claims read for
    :func:`supporting_events` (``refs``, which may hold other events' claims too)."""
    event = result.event
    return {
        "id": person.pk,
        "name": person.display_name,
        "on": result.day.isoformat(),
        "status": result.status,
        "exiled": result.exiled,
        "since": None if result.since is None else result.since.isoformat(),
        "event": None if event is None else {"id": event.pk, "type": event.type, "date": event.date},
        "sources": [ref for i in supporting_events(result) for ref in refs.get(i, [])],
    }


def names_in(person_ids: Iterable[int], lang: str, user: Viewer) -> dict[int, str]:
    """Each person's name in ``lang``'s form, of the name forms ``user`` may see (one query)."""
    ids = list(set(person_ids))
    variants: dict[int, list[NameVariant]] = defaultdict(list)
    for variant in access.visible_names(user, NameVariant.objects.filter(person_id__in=ids)).order_by(
        "-is_primary", "id"
    ):
        variants[variant.person_id].append(variant)
    display = dict(Person.objects.filter(pk__in=ids).values_list("id", "display_name"))
    return {pid: lang_.person_name(variants.get(pid, []), lang, display.get(pid, str(pid))) for pid in ids}
