"""Events (with their partial dates) and who is involved in them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction

from letapis.accounts.actor import Actor
from letapis.audit.log import record, snapshot
from letapis.registry.models import Confidentiality, Event, Involvement, InvolvementRole, Organisation, Person, Place
from letapis.registry.services import common
from letapis.registry.services.common import ServiceError


def date_range(text: str) -> tuple[date | None, date | None]:
    """The earliest and the latest day a partial date can mean (``None`` where unknown or
    empty): what an event's ``date_earliest`` and ``date_latest`` hold."""
    when = common.partial_date(text)
    return (None, None) if when is None else (when.earliest, when.latest)


@transaction.atomic
def do_create_event(
    actor: Actor,
    *,
    type: str,
    date: str = "",
    place: Place | None = None,
    description: str = "",
    count: int | None = None,
    foreign_nationals: int | None = None,
    destinations: Iterable[str] = (),
    forced_exile: bool = False,
    parent: Event | None = None,
    sequence: int = 0,
    confidentiality: str = Confidentiality.PUBLIC,
    victims: Iterable[Person] = (),
) -> Event:
    """Create an event (its date a partial date, see :mod:`letapis.edtf`) with its victims."""
    common.check_code("event_types", type, "event type")
    common.checked_text(description, "an event's description")
    earliest, latest = date_range(date)
    if count is not None and count < 0:
        raise ServiceError("a count cannot be negative")
    if foreign_nationals is not None and (count is None or foreign_nationals > count):
        raise ServiceError("foreign nationals must be part of a count that is at least as large")
    event = Event.objects.create(
        type=type,
        date=date.strip(),
        date_earliest=earliest,
        date_latest=latest,
        place=place,
        description=description,
        count=count,
        foreign_nationals=foreign_nationals,
        destinations=[common.check_country(c) for c in destinations],
        forced_exile=forced_exile,
        parent=parent,
        sequence=sequence,
        confidentiality=common.check_confidentiality(confidentiality),
    )
    record(actor, "event.create", event, after=snapshot(event))
    for person in victims:
        do_add_involvement(actor, event, person=person)
    return event


#: An event's own fields, in the order a form shows them (its involvements have their own services).
EVENT_EDITABLE = (
    "type",
    "date",
    "sequence",
    "place",
    "description",
    "count",
    "foreign_nationals",
    "destinations",
    "forced_exile",
    "confidentiality",
)


@transaction.atomic
def do_update_event(actor: Actor, event: Event, *, expected_version: int | None = None, **changes: Any) -> Event:
    """Change an event's own fields (its involvements have their own services). Like
    :func:`do_update_person`, ``expected_version`` (default: ``event.version``) guards against
    lost updates: a stale one raises :class:`Conflict` and changes nothing. Status spans follow
    (the event's save refreshes them in the same transaction)."""
    unknown = set(changes).difference(EVENT_EDITABLE)
    if unknown:
        raise ServiceError(f"cannot change {', '.join(sorted(unknown))} of an event here")
    if "type" in changes:
        common.check_code("event_types", changes["type"], "event type")
    if "confidentiality" in changes:
        common.check_confidentiality(changes["confidentiality"])
        common.check_level_change(actor, f"event {event.pk}", event.confidentiality, changes["confidentiality"])
    if "description" in changes:
        common.checked_text(changes["description"], "an event's description")
    if "destinations" in changes:
        changes["destinations"] = [common.check_country(c) for c in changes["destinations"]]
    common.bump(event, expected_version)
    current = Event.objects.get(pk=event.pk)
    before = snapshot(current)
    count = changes.get("count", current.count)
    foreign = changes.get("foreign_nationals", current.foreign_nationals)
    if count is not None and count < 0:
        raise ServiceError("a count cannot be negative")
    if foreign is not None and (count is None or foreign > count):
        raise ServiceError("foreign nationals must be part of a count that is at least as large")
    fields = [*changes, "version"]
    if "date" in changes:
        changes["date"] = changes["date"].strip()
        changes["date_earliest"], changes["date_latest"] = date_range(changes["date"])
        fields += ["date_earliest", "date_latest"]
    for field, value in changes.items():
        setattr(event, field, value)
    event.save(update_fields=fields)
    record(actor, "event.update", event, before=before, after=snapshot(event))
    return event


@transaction.atomic
def do_add_involvement(
    actor: Actor,
    event: Event,
    *,
    person: Person | None = None,
    organisation: Organisation | None = None,
    role: str = InvolvementRole.VICTIM,
    confidentiality: str = Confidentiality.PUBLIC,
) -> Involvement:
    if person is None and organisation is None:
        raise ServiceError("an involvement needs a person or an organisation")
    if role not in InvolvementRole.values:
        raise ServiceError(f"unknown involvement role {role!r}: use {', '.join(InvolvementRole.values)}")
    involvement, created = Involvement.objects.get_or_create(
        event=event,
        person=person,
        organisation=organisation,
        role=role,
        defaults={"confidentiality": common.check_confidentiality(confidentiality)},
    )
    if created:
        record(actor, "involvement.add", involvement, after=snapshot(involvement))
    return involvement
