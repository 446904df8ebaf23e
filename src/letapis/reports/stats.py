"""Statistics, each a function returning numbers *and the persons behind each number*.

Everything is built on the registry's own queries (:func:`letapis.registry.status.held_on`,
:func:`~letapis.registry.status.with_status_on`) and its access rules
(:mod:`letapis.access`): a caller sees only the persons and records it may see, so a
number in a public output counts only publishable persons, and a status is derived only from the
events and involvements the caller may see (the status spans of the caller's tier), so no number
moves with a record the caller may not see.

Dates follow the registry's rule: **an event counts on the last day its date can mean**
(``date_latest``). A detention known as "November 2020" counts on 30 November 2020; a release
dated "[..2025-12-12]" on 12 December 2025; an event without a date is never counted. So:

* *held on a day* is exactly :func:`~letapis.registry.status.held_on`;
* *movements in a period* are the events of a type whose ``date_latest`` falls in the period
  (both ends included). A collective event (a release of 123) counts as its ``count`` when that
  is larger than the persons named in it; the individual events that belong to it (``parent``)
  add their persons to it and are not counted twice;
* the *monthly series* counts those held on the last day of each month, from one query of the
  status spans swept month by month (no query per month); :func:`held_counts` gives the same
  numbers without the persons (for charts and the API, where each number links to the list of
  that day), counted by the database: every held span adds one from the month it begins and
  takes one away from the month it ends (over everyone, less the persons the caller may not see);
* *time served* is counted from the start of the current spell in custody (the first
  status-changing event of the spell) to the day; with partial dates it is a lower bound.
"""

from __future__ import annotations

import calendar
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import CharField, Count, FilteredRelation, Func, Q, QuerySet

from letapis import access
from letapis.accounts.actor import Viewer
from letapis.registry.models import (
    Claim,
    ClaimState,
    CriminalCase,
    Event,
    InvolvementRole,
    Membership,
    Occupation,
    Person,
    StatusSpan,
)
from letapis.registry.queries import SourceRef
from letapis.registry.services.cases import article_code
from letapis.registry.status import HELD, held_on, held_spans, status_since
from letapis.vocab.codes import EventType

#: Event types counted as movements, in the order reports show them.
MOVEMENT_TYPES = (
    EventType.DETENTION,
    EventType.SENTENCE,
    EventType.RELEASE,
    EventType.EXPULSION,
    EventType.DEATH_IN_CUSTODY,
)

#: The breakdowns of those held on a day.
BREAKDOWNS = (
    "occupation",
    "organisation",
    "gender",
    "nationality",
    "place",
    "article",
    "sentence_length",
    "sentence_term",
)

#: Sentence-length buckets, in months: (code, lowest month included, highest month included).
SENTENCE_BUCKETS = (
    ("under_2y", 0, 23),
    ("2y_to_5y", 24, 59),
    ("5y_to_10y", 60, 119),
    ("10y_and_more", 120, 10_000),
)


@dataclass(frozen=True)
class Stat:
    """One number: ``count`` with the ids of the persons behind it (for a collective event the
    count may exceed the persons the registry names) and of the events it counts, if any.
    ``code`` identifies the group within its kind (an occupation code, an organisation id…);
    ``label`` is a display text for groups that have no vocabulary (organisations, places)."""

    kind: str
    code: str
    count: int
    person_ids: tuple[int, ...]
    event_ids: tuple[int, ...] = ()
    label: str = ""

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.code}".replace(" ", "_").replace(":", "_")


@dataclass(frozen=True)
class SeriesPoint:
    """A month of a series: its last day, the count and the persons behind it."""

    day: date
    count: int
    person_ids: tuple[int, ...]


@dataclass(frozen=True)
class MonthMovements:
    month: date  # the first day of the month
    by_type: dict[str, Stat] = field(default_factory=dict)


def _sorted(stats: Iterable[Stat]) -> list[Stat]:
    return sorted(stats, key=lambda s: (-s.count, s.label or s.code))


def held_ids(day: date, user: Viewer) -> list[int]:
    """Ids of the persons ``user`` may see who are held on ``day`` (one query)."""
    qs = held_on(day, persons=access.visible_persons(user), levels=access.levels_for(user))
    qs = qs.order_by("name_key", "id")
    return list(qs.values_list("id", flat=True))


def held_count(day: date, user: Viewer) -> Stat:
    ids = held_ids(day, user)
    return Stat("held", day.isoformat(), len(ids), tuple(ids))


def _group(kind: str, pairs: Iterable[tuple[str, int]], labels: dict[str, str] | None = None) -> list[Stat]:
    groups: dict[str, set[int]] = defaultdict(set)
    for code, pid in pairs:
        groups[code].add(pid)
    return _sorted(
        Stat(kind, code, len(ids), tuple(sorted(ids)), label="" if labels is None else labels.get(code, ""))
        for code, ids in groups.items()
    )


def _sentence_bucket(months: int | None) -> str:
    if months is None:
        return "unknown"
    return next(code for code, low, high in SENTENCE_BUCKETS if low <= months <= high)


def breakdown(day: date, user: Viewer, by: str) -> list[Stat]:
    """Those held on ``day`` grouped ``by`` one of :data:`BREAKDOWNS`, largest group first.

    A person counts in every group they belong to (a writer and translator counts under both);
    persons without a value count under ``unknown`` for gender, nationality, place and sentence
    length, and under no group for occupation, organisation and article.
    """
    if by not in BREAKDOWNS:
        raise ValueError(f"unknown breakdown {by!r}: use {', '.join(BREAKDOWNS)}")
    held = held_on(day, persons=access.visible_persons(user), levels=access.levels_for(user))
    ids = list(held.values_list("id", flat=True))
    if by == "occupation":
        rows = access.visible(user, Occupation.objects.filter(person_id__in=ids)).values_list("code", "person_id")
        return _group(by, rows)
    if by == "organisation":
        memberships = access.visible_memberships(user, Membership.objects.filter(person_id__in=ids))
        members = list(memberships.values_list("organisation_id", "organisation__name", "person_id"))
        return _group(by, [(str(o), p) for o, _, p in members], {str(o): name for o, name, _ in members})
    if by == "gender":
        genders = Person.objects.filter(pk__in=ids).values_list("id", "gender")
        return _group(by, [(g or "unknown", p) for p, g in genders])
    if by == "nationality":
        pairs: list[tuple[str, int]] = []
        for pid, codes in Person.objects.filter(pk__in=ids).values_list("id", "nationalities"):
            pairs += [(c, pid) for c in codes] if codes else [("unknown", pid)]
        return _group(by, pairs)
    if by == "place":
        # the deciding event's place (as held_on(place=…)); held_on() annotates status_event_id,
        # which the plugin cannot see through the QuerySet[Person] it returns
        deciding = list(held.values_list("id", "status_event_id"))  # type: ignore[misc]  # see above
        places = dict(
            Event.objects.filter(
                pk__in=[e for _, e in deciding], place__isnull=False, place__confidentiality__in=access.levels_for(user)
            ).values_list("id", "place_id")
        )
        from letapis.registry.models import Place

        names = {str(p): n for p, n in Place.objects.filter(pk__in=places.values()).values_list("id", "name")}
        return _group(by, [(str(places[e]) if e in places else "unknown", p) for p, e in deciding], names)
    cases = access.visible(user, CriminalCase.objects.filter(person_id__in=ids))
    if by == "article":
        listed = cases.order_by("person_id", "id").values_list("person_id", "articles")
        return _group(by, [(article_code(a), pid) for pid, arts in listed for a in arts])
    terms = sentence_terms(ids, cases)
    if by == "sentence_length":
        return _group(by, [(_sentence_bucket(m), pid) for pid, m in terms.items()])
    groups = _group(by, [("unknown" if m is None else str(m), pid) for pid, m in terms.items()])
    return sorted(groups, key=lambda s: (s.code == "unknown", 0 if s.code == "unknown" else int(s.code)))


def sentence_terms(ids: Iterable[int], cases: QuerySet[CriminalCase]) -> dict[int, int | None]:
    """The term in months of each person of ``ids`` by the latest verdict of ``cases`` (the
    cases the caller may see) that gives one — latest by the verdict's date, then as recorded;
    ``None`` for a person without one."""
    latest: dict[int, int | None] = dict.fromkeys(ids)
    rows = cases.filter(sentence_months__isnull=False).values_list(
        "person_id", "sentence_date", "id", "sentence_months"
    )
    for pid, _, _, months in sorted(rows, key=lambda r: (r[0], r[1], r[2])):
        latest[pid] = months
    return latest


@dataclass(frozen=True, slots=True)
class _Movement:
    """The fields of an event that movements count (a model instance per event costs more than
    the query that reads it)."""

    pk: int
    type: str
    parent_id: int | None
    count: int | None
    date_latest: date


def _movements_in(start: date, end: date, user: Viewer) -> tuple[list[_Movement], dict[int, set[int]]]:
    """The events of :data:`MOVEMENT_TYPES` dated ``start``…``end`` that ``user`` may see, in the
    registry's order, and by event the persons ``user`` may see named as their victims — one
    query: each event with its victims' involvements and persons left-joined on the conditions
    that make them visible. An event that names persons none of whom ``user`` may see is left
    out with its ``count``, as :func:`~letapis.access.visible_events` leaves it out
    everywhere: counting it would tell of the hidden persons."""
    levels = access.levels_for(user)
    events = access.visible_events(
        user, Event.objects.filter(type__in=MOVEMENT_TYPES, date_latest__gte=start, date_latest__lte=end)
    ).annotate(
        victim=FilteredRelation(
            "involvements",
            condition=Q(involvements__role=InvolvementRole.VICTIM, involvements__confidentiality__in=levels),
        ),
        victim_person=FilteredRelation("victim__person", condition=access.visible_person_q(user, "victim__person")),
    )
    rows = events.order_by("date_latest", "sequence", "id").values_list(
        "id", "type", "parent_id", "count", "date_latest", "victim_person__id"
    )
    movements: dict[int, _Movement] = {}  # in the order of the rows
    victims: dict[int, set[int]] = defaultdict(set)
    for event_id, kind, parent_id, count, day, person_id in rows:
        assert day is not None  # excluded by the filter
        movements.setdefault(event_id, _Movement(event_id, kind, parent_id, count, day))
        if person_id is not None:
            victims[event_id].add(person_id)
    return list(movements.values()), victims


def _movement_stats(events: list[_Movement], victims: dict[int, set[int]]) -> dict[str, Stat]:
    """Group events into collective events (a parent with its children) and count each type."""
    chosen = {e.pk for e in events}
    groups: dict[int, list[_Movement]] = defaultdict(list)
    heads: dict[int, _Movement] = {}
    for event in events:
        head = event.parent_id if event.parent_id in chosen else event.pk
        groups[head].append(event)
        if head == event.pk:
            heads[head] = event
    counts: dict[str, int] = dict.fromkeys(MOVEMENT_TYPES, 0)
    persons_of: dict[str, set[int]] = {t: set() for t in MOVEMENT_TYPES}
    events_of: dict[str, list[int]] = {t: [] for t in MOVEMENT_TYPES}
    for head_id, members in groups.items():  # added to in place: a new set per group is quadratic
        kind = heads[head_id].type
        persons = set().union(*(victims.get(e.pk, set()) for e in members))
        counts[kind] += max(heads[head_id].count or 0, len(persons))
        persons_of[kind] |= persons
        events_of[kind] += [e.pk for e in members]
    return {
        t: Stat("movement", t, counts[t], tuple(sorted(persons_of[t])), tuple(events_of[t])) for t in MOVEMENT_TYPES
    }


def movements(start: date, end: date, user: Viewer) -> dict[str, Stat]:
    """Detentions, sentences, releases, expulsions and deaths in custody whose date falls in
    ``start``…``end`` (see the module's rules), by type, with their persons and events."""
    return _movement_stats(*_movements_in(start, end, user))


def month_ends(start: date, end: date) -> list[date]:
    """The last day of every month from ``start``'s month to ``end``'s month (``end`` itself for
    the last, unfinished month when ``end`` is not a month's last day)."""
    days: list[date] = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        last = date(year, month, calendar.monthrange(year, month)[1])
        days.append(min(last, end))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return days


def movements_by_month(start: date, end: date, user: Viewer) -> list[MonthMovements]:
    """:func:`movements` for every month of ``start``…``end``, from one query of events."""
    events, victims = _movements_in(start, end, user)
    by_month: dict[tuple[int, int], list[_Movement]] = defaultdict(list)
    for event in events:
        by_month[(event.date_latest.year, event.date_latest.month)].append(event)
    return [
        MonthMovements(date(d.year, d.month, 1), _movement_stats(by_month.get((d.year, d.month), []), victims))
        for d in month_ends(start, end)
    ]


# ---------------------------------------------------------------------------------------------
# Single pass over status-changing events: the monthly series and time served


def held_series(start: date, end: date, user: Viewer) -> list[SeriesPoint]:
    """Those held on the last day of each month from ``start`` to ``end`` — one query of the
    status spans (:mod:`letapis.registry.spans`) that overlap the period, swept month by month;
    the same answer as :func:`~letapis.registry.status.held_on` on each of those days."""
    days = month_ends(start, end)
    held: list[list[int]] = [[] for _ in days]
    if not days:
        return []
    spans = StatusSpan.objects.filter(
        access.visible_person_q(user),
        level=access.tier_for(user),
        status=HELD,
        since__lte=days[-1],
        until__gt=days[0],
    ).values_list("person_id", "since", "until")
    # read in the order of persons (their index): each month's list is built in order, as a
    # person's held spans never overlap, instead of sorting 180 lists of 46,000 ids afterwards
    for person_id, since, until in spans.order_by("person_id").iterator(chunk_size=10_000):
        first = bisect_left(days, since)  # the first month end on or after the span's start
        last = bisect_left(days, until)  # month ends before this one fall inside the span
        for i in range(first, last):
            held[i].append(person_id)
    return [SeriesPoint(d, len(ids), tuple(ids)) for d, ids in zip(days, held, strict=True)]


class _Month(Func):
    """The month of a date as ``YYYY-MM`` text, computed by the database itself (Django's
    ``TruncMonth`` calls a Python function for every row on SQLite)."""

    template = "to_char(%(expressions)s, 'YYYY-MM')"
    output_field = CharField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="substr(%(expressions)s, 1, 7)", **extra)


def held_counts(start: date, end: date, user: Viewer) -> list[tuple[date, int]]:
    """(day, number held) for the last day of each month from ``start`` to ``end`` — the counts
    of :func:`held_series` without the persons (the persons behind a point are
    :func:`~letapis.registry.status.held_on` that day).

    One query, no row joined with its person: a person's held spans never overlap, so the number
    held on a day is the held spans begun by then less those ended by then; the database counts
    both per month over every person, then the same for the persons ``user`` may not see
    (:func:`~letapis.access.hidden_persons`), which are taken away."""
    days = month_ends(start, end)
    if not days:
        return []
    held = StatusSpan.objects.filter(level=access.tier_for(user), status=HELD)
    hidden = held.filter(person__in=access.hidden_persons(user))

    def per_month(spans: Any, column: str, sign: int) -> Any:
        counted = spans.filter(**{f"{column}__lte": end}).annotate(month=_Month(column))
        return counted.values("month").annotate(n=Count("*") * sign).order_by()

    parts = [per_month(held, "since", 1), per_month(held, "until", -1)]
    parts += [per_month(hidden, "since", -1), per_month(hidden, "until", 1)]
    change: dict[str, int] = defaultdict(int)
    for row in parts[0].union(*parts[1:], all=True):
        change[row["month"]] += row["n"]
    first = f"{days[0]:%Y-%m}"
    count = sum(n for month, n in change.items() if month < first)  # those held when the window opens
    counts = []
    for day in days:
        count += change.get(f"{day:%Y-%m}", 0)
        counts.append((day, count))
    return counts


def spell_starts(day: date, user: Viewer) -> dict[int, date]:
    """For each person held on ``day`` whom ``user`` may see: the day the current spell in
    custody began — "held since" (:func:`~letapis.registry.status.since_of`, the one definition),
    not the date of the latest sentence. Only events ``user`` may see count, as for every status
    ``user`` sees."""
    levels = access.levels_for(user)
    held = access.visible_persons(user).filter(pk__in=held_spans(day, levels=levels).values("person_id"))
    return status_since(held, day, levels=levels)


def time_served(day: date, user: Viewer) -> dict[int, int]:
    """Days in custody on ``day`` of each person held then, since the start of the current spell
    (a lower bound when the start is known only partly)."""
    return {pid: (day - since).days for pid, since in spell_starts(day, user).items()}


def time_served_buckets(day: date, user: Viewer) -> list[Stat]:
    """Those held on ``day`` grouped by years in custody (under 1, 1–2, 2–3, 3–5, 5 and more)."""
    bounds = (
        ("under_1y", 0, 364),
        ("1y_to_2y", 365, 729),
        ("2y_to_3y", 730, 1094),
        ("3y_to_5y", 1095, 1825),
        ("5y_and_more", 1826, float("inf")),
    )
    pairs = [
        (next(code for code, low, high in bounds if low <= days <= high), pid)
        for pid, days in time_served(day, user).items()
    ]
    order = {code: i for i, (code, _, _) in enumerate(bounds)}
    return sorted(_group("time_served", pairs), key=lambda s: order[s.code])


# ---------------------------------------------------------------------------------------------
# The sources behind the persons of a number


def person_sources(person_ids: Iterable[int], user: Viewer) -> dict[int, list[SourceRef]]:
    """Accepted claims about each person that ``user`` may see, with their sources (one query)."""
    refs: dict[int, list[SourceRef]] = defaultdict(list)
    seen: set[tuple[int, int]] = set()
    claims = (
        access.visible_claims(user, Claim.objects.filter(person_id__in=list(person_ids), state=ClaimState.ACCEPTED))
        .select_related("source")
        .defer("source__text")  # whole documents, the same one for many claims
        .order_by("id")
    )
    for claim in claims:
        assert claim.person_id is not None
        if (claim.person_id, claim.source_id) in seen and claim.quote in {r["quote"] for r in refs[claim.person_id]}:
            continue
        seen.add((claim.person_id, claim.source_id))
        refs[claim.person_id].append(
            SourceRef(
                source_id=claim.source_id,
                title=str(claim.source),
                claim_id=claim.pk,
                quote=claim.quote,
                date=None if claim.source.date is None else claim.source.date.isoformat(),
            )
        )
    return refs
