"""Events and organisations: lists and single records, as the caller may see them (the API's
``/events`` and ``/organisations`` and the pages ``/events/`` and ``/organisations/``)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from django.db.models import QuerySet
from pydantic import BaseModel, Field

from letapis import access
from letapis.accounts.actor import Viewer
from letapis.read import records
from letapis.read.records import MAX_ID
from letapis.read.shapes import EventDetail, EventMember, OrganisationDetail, PartyRow
from letapis.registry.models import Event, Involvement, InvolvementRole, Membership, Note, Organisation
from letapis.registry.queries import claims_supporting


class EventFilters(BaseModel):
    type: str | None = Field(None, max_length=40, description="An event type code, e.g. detention, release.")
    start: date | None = Field(None, alias="from", description="On or after this day (the event's latest day).")
    end: date | None = Field(None, alias="to", description="On or before this day.")
    place: int | None = Field(None, ge=1, le=MAX_ID)
    person: int | None = Field(None, ge=1, le=MAX_ID, description="Events this person takes part in.")
    collective: bool | None = Field(None, description="Only events with a count (true) or without (false).")


def filter_events(user: Viewer, filters: EventFilters) -> QuerySet[Event]:
    """The events ``user`` may see that pass ``filters``, by date (the latest day their date may
    mean). :class:`~letapis.read.records.Refused` for an unknown event type,
    :class:`~letapis.read.records.NotFound` for a person the caller may not see."""
    qs = access.visible_events(user).select_related("place")
    qs = records.events_dated(qs, filters.type, filters.start, filters.end)
    if filters.place is not None:
        qs = qs.filter(place_id=filters.place, place__confidentiality__in=access.levels_for(user))
    if filters.person is not None:
        person = records.one_of(access.visible_persons(user), filters.person, "person")
        qs = qs.filter(
            pk__in=Involvement.objects.filter(person=person, confidentiality__in=access.levels_for(user)).values(
                "event_id"
            )
        )
    if filters.collective is not None:
        qs = qs.filter(count__isnull=not filters.collective)
    return qs.order_by("date_latest", "sequence", "id")


def event_persons(event_ids: Collection[int], user: Viewer) -> dict[int, list[PartyRow]]:
    """The persons taking part in each of ``event_ids`` in their roles, by name: those ``user``
    may see, through involvements they may see (one query for a page of events)."""
    found: dict[int, list[PartyRow]] = {pk: [] for pk in event_ids}
    involvements = (
        Involvement.objects.filter(
            access.visible_person_q(user), event_id__in=list(found), confidentiality__in=access.levels_for(user)
        )
        .select_related("person")
        .order_by("person__name_key", "id")
    )
    for i in involvements:
        assert i.person is not None  # a visible person was asked for
        found[i.event_id].append({"id": i.person.pk, "name": i.person.display_name, "role": i.role})
    return found


def event_members(event_ids: Collection[int], user: Viewer) -> dict[int, list[EventMember]]:
    """The members of each collective event of ``event_ids``: the persons its individual events
    (its children) happened to, each once, by name, with the individual event that names them.

    Only what ``user`` may see counts — the individual event, the involvement and the person —
    so that a member they may not see is neither named nor counted: the list is what it would be
    if that member were not in the registry."""
    found: dict[int, list[EventMember]] = {pk: [] for pk in event_ids}
    children = access.visible_events(user, Event.objects.filter(parent_id__in=list(found)))
    involvements = (
        Involvement.objects.filter(
            access.visible_person_q(user),
            event__in=children,
            role=InvolvementRole.VICTIM,
            confidentiality__in=access.levels_for(user),
        )
        .select_related("person", "event")
        .order_by("person__name_key", "event__date_latest", "id")
    )
    seen: set[tuple[int, int]] = set()
    for i in involvements:
        assert i.person is not None and i.event.parent_id is not None
        if (i.event.parent_id, i.person.pk) in seen:
            continue
        seen.add((i.event.parent_id, i.person.pk))
        found[i.event.parent_id].append({"id": i.person.pk, "name": i.person.display_name, "event_id": i.event_id})
    return found


def event_detail(event: Event, user: Viewer) -> EventDetail:
    """An event (one of :func:`~letapis.access.visible_events`) with the persons and
    organisations taking part, its individual events and members (of a collective one), the
    source sentences behind it and its notes — each as far as ``user`` may see."""
    levels = access.levels_for(user)
    organisations = Involvement.objects.filter(
        event=event, organisation__isnull=False, confidentiality__in=levels
    ).select_related("organisation")
    children = access.visible_events(user).filter(parent=event).order_by("date_latest", "sequence", "id")
    refs = claims_supporting([event.pk], user)
    return {
        **records.event_json(event, user),
        "persons": event_persons([event.pk], user)[event.pk],
        "organisations": [
            {"id": i.organisation.pk, "name": i.organisation.name, "role": i.role}
            for i in organisations
            if i.organisation is not None and i.organisation.confidentiality in levels
        ],
        "children": [{"id": c.pk, "type": c.type, "date": c.date} for c in children],
        "members": event_members([event.pk], user)[event.pk],
        "sources": records.source_refs(refs.get(event.pk, [])),
        "notes": records.notes_json(Note.objects.filter(event=event), user),
    }


class OrganisationFilters(BaseModel):
    q: str | None = Field(None, max_length=300, description="Part of the name or of an alias.")
    kind: str | None = Field(None, max_length=40, description="An organisation kind code, e.g. pen_centre.")
    country: str | None = Field(None, max_length=2)


def filter_organisations(user: Viewer, filters: OrganisationFilters) -> QuerySet[Organisation]:
    """The organisations ``user`` may see that pass ``filters``, by name."""
    qs = access.visible_organisations(user)
    text = records.clean(filters.q)
    if text:
        ids = [o.pk for o in qs if text.casefold() in " ".join([o.name, *o.aliases]).casefold()]
        qs = qs.filter(pk__in=ids)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.country:
        qs = qs.filter(country=filters.country.upper())
    return qs.order_by("name", "id")


def organisation_detail(org: Organisation, user: Viewer) -> OrganisationDetail:
    """An organisation (one of :func:`~letapis.access.visible_organisations`) with its members
    (those ``user`` may see)."""
    members = (
        access.visible_memberships(user, Membership.objects.filter(access.visible_person_q(user), organisation=org))
        .select_related("person")
        .order_by("person__name_key", "id")
    )
    return {
        **records.organisation_json(org),
        "members": [
            {"person_id": m.person_id, "name": m.person.display_name, "role": m.role, "start": m.start, "end": m.end}
            for m in members
        ],
    }
