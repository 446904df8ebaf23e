"""Status, derived from events, never typed in.

The status of a person on a day is decided by the latest *status-changing* event in which the
person is involved as a victim, on or before that day. Which event types change status, and to
what, is data: ``status_effect`` in ``vocab/event_types.yaml`` (detention and sentence → held;
release → released; expulsion → released, in forced exile; death in custody → died). A person
with no such event on or before the day is ``not_prisoner``.

Rules for dates and ties (the same in :func:`status_on` and :func:`held_on`, so that the two
always agree):

* **Partial dates count from the end of their range.** An event known only as "November 2020"
  takes effect on 30 November 2020 (its ``date_latest``); "[..2025-12-12]" on 12 December 2025.
  So a person is listed as held only from the last day the detention may have happened: lists
  never count someone too early. Events without any date are ignored.
* **Same-day events** are ordered by ``sequence`` (set it when the order is known), then by the
  event type's ``precedence`` in the vocabulary (detention before sentence before release before
  expulsion before death), then by the order of entry.

A status is always derived for an audience: from the events and involvements of the levels the
caller reads (``levels``, :func:`letapis.access.levels_for`), as if the others did not
exist. The lists read the spans of the caller's tier (:func:`letapis.access.tier_of`).
A public output passes :data:`~letapis.access.PUBLIC_ONLY`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from django.db.models import F, OuterRef, Q, QuerySet, Subquery

from letapis.access import membership_q, tier_of
from letapis.registry.models import Event, Involvement, InvolvementRole, Membership, Occupation, Person, StatusSpan
from letapis.vocab import vocabulary
from letapis.vocab.codes import Status

HELD = Status.HELD
RELEASED = Status.RELEASED
DIED = Status.DIED
NOT_PRISONER = Status.NOT_PRISONER


@cache
def status_effects() -> dict[str, str]:
    """Event type → the status it brings about, for the status-changing types."""
    effects: dict[str, str] = {}
    for term in vocabulary("event_types"):
        effect = term.extra.get("status_effect")
        if effect is not None:
            effects[term.code] = str(effect)
    return effects


@cache
def precedence() -> dict[str, int]:
    """Event type → its order among events of the same day."""
    return {term.code: int(term.extra.get("precedence", 50)) for term in vocabulary("event_types")}


#: Where one of a person's events stands in the registry's order: (day, sequence, the type's
#: precedence, entry) from (day, sequence, event type, event id).
OrderKey = Callable[[date, int, str, int], tuple[date, int, int, int]]


def registry_order() -> OrderKey:
    """The key of the registry's order of one person's events (the rules above): day, then
    sequence, then the type's precedence, then entry."""
    rank = precedence()
    return lambda day, sequence, kind, event_id: (day, sequence, rank.get(kind, 50), event_id)


@dataclass(frozen=True)
class StatusOn:
    """A derived status with the event that decided it (``None`` when no event did) and the
    day the status began (``since``, :func:`since_of`)."""

    status: str
    day: date
    event: Event | None
    exiled: bool = False
    since: date | None = None


def since_of(changes: Iterable[tuple[date, str]]) -> date | None:
    """**"Held since"** — and "released since", "died on": the day a person's present status
    began, from their status changes ``(day, status)`` in the registry's order up to the day
    asked about. It is the first day of the last run of one status: a sentence or a transfer
    after a detention does not restart "held since" (the spell in custody began with the
    detention), a release does, and a new detention after it begins a new spell. Each day is
    the *latest* day its event can mean (partial dates count from the end of their range).

    This is the one definition: the person's page and the lists (:func:`status_since`), the
    API, the exports, the reports and the published site all read it."""
    since: date | None = None
    current: str | None = None
    for day, status in changes:
        if status != current:
            since, current = day, status
    return since


def status_since(persons: Iterable[int] | QuerySet[Person], day: date, *, levels: Sequence[str]) -> dict[int, date]:
    """:func:`since_of` for each of ``persons`` (ids, or a query of them) on ``day``, as a caller
    reading ``levels`` sees it (:func:`statuses_since`)."""
    return {person_id: since for person_id, (_, since) in statuses_since(persons, day, levels=levels).items()}


def statuses_since(
    persons: Iterable[int] | QuerySet[Person], day: date, *, levels: Sequence[str]
) -> dict[int, tuple[str, date]]:
    """The status on ``day`` and the day it began (:func:`since_of`) of each of ``persons``
    (ids, or a query of them), as a caller reading ``levels`` sees it: from the status spans of
    their tier (one query; a span is one status change, its ``since`` the day it takes effect,
    and the last one begun by ``day`` covers it). Persons without a status-changing event on or
    before ``day`` are left out."""
    who = Q(person_id__in=persons.values("pk")) if isinstance(persons, QuerySet) else Q(person_id__in=list(persons))
    spans = (
        StatusSpan.objects.filter(who, level=tier_of(levels), since__lte=day)
        .order_by("person_id", "since")
        .values_list("person_id", "since", "status")
    )
    changes: dict[int, list[tuple[date, str]]] = {}
    for person_id, since, status in spans:
        changes.setdefault(person_id, []).append((since, status))
    found: dict[int, tuple[str, date]] = {}
    for person_id, timeline in changes.items():
        start = since_of(timeline)
        if start is not None:
            found[person_id] = (timeline[-1][1], start)
    return found


def status_from(events: Iterable[Event], day: date) -> StatusOn:
    """The status on ``day`` decided by ``events`` — a person's events as a victim, in any
    order (events that change no status, have no date or fall after ``day`` are passed over):
    the latest by day, then sequence, then the type's precedence, then entry; with the day the
    status began (:func:`since_of`)."""
    order = registry_order()
    effects = status_effects()
    ordered = sorted(
        (e for e in events if e.type in effects and e.date_latest is not None and e.date_latest <= day),
        key=lambda e: order(e.date_latest, e.sequence, e.type, e.pk),  # type: ignore[arg-type]  # dated, filtered above
    )
    if not ordered:
        return StatusOn(NOT_PRISONER, day, None)
    deciding = ordered[-1]
    since = since_of((e.date_latest, effects[e.type]) for e in ordered)  # type: ignore[misc]  # dated, filtered above
    effect = effects[deciding.type]
    exiled = bool(vocabulary("event_types")[deciding.type].extra.get("exile", False)) or (
        effect == RELEASED and deciding.forced_exile
    )
    return StatusOn(effect, day, deciding, exiled=exiled, since=since)


def status_on(person: Person, day: date, *, levels: Sequence[str]) -> StatusOn:
    """The status of ``person`` on ``day`` as a caller reading ``levels`` sees it, with the event
    that decided it: one query of the person's status-changing events as a victim, of those
    levels (the involvement and the event), ranked here (a person has a handful; ranking in SQL
    needs an expression over every event type, dearer to build than the rows to read)."""
    involvements = Involvement.objects.filter(
        person=person,
        role=InvolvementRole.VICTIM,
        confidentiality__in=levels,
        event__confidentiality__in=levels,
        event__type__in=list(status_effects()),
        event__date_latest__lte=day,
    ).select_related("event")
    return status_from((i.event for i in involvements), day)


def with_status_on(qs: QuerySet[Person], day: date, *, levels: Sequence[str]) -> QuerySet[Person]:
    """Annotate persons with ``status_event_id`` and ``status_event_type``: the deciding event on
    ``day`` as a caller reading ``levels`` sees it (read from the status spans of that tier,
    :mod:`letapis.registry.spans`; one indexed subquery per person, no query per person)."""
    span = StatusSpan.objects.filter(person=OuterRef("pk"), level=tier_of(levels), since__lte=day, until__gt=day)
    return qs.annotate(
        status_event_id=Subquery(span.values("event_id")[:1]),
        status_event_type=Subquery(span.values("event__type")[:1]),
    )


def _held(
    day: date,
    *,
    occupation: str | None,
    organisation: int | None,
    place: int | None,
    levels: Sequence[str],
    person: str,
    span: str,
) -> Q:
    """The condition of being held on ``day`` with the filters of :func:`held_on`, on the person
    reached as ``person`` (``pk`` from a person, ``person_id`` from a span) and the span reached
    through ``span`` (``status_spans__`` from a person, ``""`` from a span). One ``Q``: given to
    one ``filter()``, its span conditions are about the same span."""
    condition = Q(
        **{
            f"{span}level": tier_of(levels),
            f"{span}status": HELD,
            f"{span}since__lte": day,
            f"{span}until__gt": day,
        }
    )
    if occupation is not None:
        occupations = Occupation.objects.filter(code=occupation, confidentiality__in=levels)
        condition &= Q(**{f"{person}__in": occupations.values("person_id")})
    if organisation is not None:
        members = Membership.objects.filter(membership_q(levels), organisation_id=organisation)
        condition &= Q(**{f"{person}__in": members.values("person_id")})
    if place is not None:
        # the deciding event's place (the tier's spans are decided only by events it reads)
        condition &= Q(**{f"{span}event__place_id": place})
    return condition


def held_on(
    day: date,
    *,
    occupation: str | None = None,
    organisation: int | None = None,
    place: int | None = None,
    persons: QuerySet[Person] | None = None,
    levels: Sequence[str],
) -> QuerySet[Person]:
    """Persons held on ``day`` (optionally with an occupation code, a membership of an
    organisation, or held at a place: the place of the deciding event), in one query, annotated
    with ``status_event_id``.

    Reads the status spans of the tier of ``levels`` (the caller's confidentiality levels): a
    person is held on ``day`` when the span covering it says so (at most one span covers a day
    in a tier, so the join adds no duplicates). The occupation and membership that a filter
    matches must be records of those levels too: a filter must not tell a caller what the
    record would not."""
    qs = persons if persons is not None else Person.objects.filter(merged_into__isnull=True)
    held = _held(
        day,
        occupation=occupation,
        organisation=organisation,
        place=place,
        levels=levels,
        person="pk",
        span="status_spans__",
    )
    return qs.filter(held).annotate(status_event_id=F("status_spans__event_id"))


def held_spans(
    day: date,
    *,
    occupation: str | None = None,
    organisation: int | None = None,
    place: int | None = None,
    levels: Sequence[str],
) -> QuerySet[StatusSpan]:
    """The spans of the tier of ``levels`` that make persons held on ``day``, one per person,
    with the filters of :func:`held_on`, of every person (merged and hidden ones too): what
    :func:`letapis.registry.queries.count_held` counts without joining each span to its person."""
    return StatusSpan.objects.filter(
        _held(
            day,
            occupation=occupation,
            organisation=organisation,
            place=place,
            levels=levels,
            person="person_id",
            span="",
        )
    )
