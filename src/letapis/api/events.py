"""``/events`` and ``/organisations``: lists and single records, as the caller may see them."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError

from letapis.api import common
from letapis.api.auth import caller, public_operation
from letapis.api.persons import _notes
from letapis.api.schemas import (
    MAX_ID,
    Error,
    EventDetail,
    EventPage,
    OrganisationDetail,
    OrganisationPage,
    ValidationErrorOut,
)
from letapis.audit.reads import record_detail
from letapis.registry import access
from letapis.registry.models import Involvement, Membership, Note
from letapis.registry.queries import claims_supporting
from letapis.vocab import vocabulary

router = Router()
ERRORS = {400: Error, 401: Error, 404: Error, 422: ValidationErrorOut}  # 401: a token unknown or revoked


class EventFilters(Schema):
    type: str | None = Field(None, max_length=40, description="An event type code, e.g. detention, release.")
    start: date | None = Field(None, alias="from", description="On or after this day (the event's latest day).")
    end: date | None = Field(None, alias="to", description="On or before this day.")
    place: int | None = Field(None, ge=1, le=MAX_ID)
    person: int | None = Field(None, ge=1, le=MAX_ID, description="Events this person takes part in.")
    collective: bool | None = Field(None, description="Only events with a count (true) or without (false).")


@router.get("/events", response={200: EventPage, **ERRORS}, tags=["events"], summary="Events, filtered")
@public_operation
def list_events(request: HttpRequest, filters: Query[EventFilters], paging: Query[common.Paging]) -> Any:
    """Events the caller may see, by date (the latest day their date may mean)."""
    user = caller(request)
    qs = common.visible_events(user).select_related("place")
    if filters.type:
        if filters.type not in vocabulary("event_types"):
            raise HttpError(400, f"unknown event type {filters.type!r}")
        qs = qs.filter(type=filters.type)
    if filters.start is not None:
        qs = qs.filter(date_latest__gte=filters.start)
    if filters.end is not None:
        qs = qs.filter(date_latest__lte=filters.end)
    if filters.place is not None:
        qs = qs.filter(place_id=filters.place, place__confidentiality__in=access.levels_for(user))
    if filters.person is not None:
        person = common.get_or_404(access.visible_persons(user), filters.person, "person")
        qs = qs.filter(
            pk__in=Involvement.objects.filter(person=person, confidentiality__in=access.levels_for(user)).values(
                "event_id"
            )
        )
    if filters.collective is not None:
        qs = qs.filter(count__isnull=not filters.collective)
    return common.paginate(
        request, qs.order_by("date_latest", "sequence", "id"), paging, lambda rows: common.events_json(rows, user)
    )


@router.get("/events/{event_id}", response={200: EventDetail, **ERRORS}, tags=["events"], summary="One event")
@public_operation
def get_event(request: HttpRequest, event_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    """An event with the persons and organisations taking part, its individual events (of a
    collective one), the source sentences behind it and its notes."""
    user = caller(request)
    levels = access.levels_for(user)
    event = common.get_or_404(common.visible_events(user).select_related("place"), event_id, "event")
    involvements = Involvement.objects.filter(event=event, confidentiality__in=levels).select_related(
        "person", "organisation"
    )
    persons = access.visible_persons(user)
    shown = set(persons.filter(involvements__event=event).values_list("pk", flat=True))
    children = common.visible_events(user).filter(parent=event).order_by("date_latest", "sequence", "id")
    refs = claims_supporting([event.pk], user)
    detail = {
        **common.event_json(event, user),
        "persons": [
            {"id": i.person.pk, "name": i.person.display_name, "role": i.role}
            for i in involvements
            if i.person is not None and i.person.pk in shown
        ],
        "organisations": [
            {"id": i.organisation.pk, "name": i.organisation.name, "role": i.role}
            for i in involvements
            if i.organisation is not None and i.organisation.confidentiality in levels
        ],
        "children": [{"id": c.pk, "type": c.type, "date": c.date} for c in children],
        "sources": common.source_refs(refs.get(event.pk, [])),
        "notes": _notes(Note.objects.filter(event=event), user),
    }
    record_detail(user, event, detail, "api")
    return detail


class OrganisationFilters(Schema):
    q: str | None = Field(None, max_length=300, description="Part of the name or of an alias.")
    kind: str | None = Field(None, max_length=40, description="An organisation kind code, e.g. pen_centre.")
    country: str | None = Field(None, max_length=2)


@router.get(
    "/organisations", response={200: OrganisationPage, **ERRORS}, tags=["organisations"], summary="Organisations"
)
@public_operation
def list_organisations(request: HttpRequest, filters: Query[OrganisationFilters], paging: Query[common.Paging]) -> Any:
    user = caller(request)
    qs = common.visible_organisations(user)
    text = common.clean(filters.q)
    if text:
        ids = [o.pk for o in qs if text.casefold() in " ".join([o.name, *o.aliases]).casefold()]
        qs = qs.filter(pk__in=ids)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.country:
        qs = qs.filter(country=filters.country.upper())
    return common.paginate(request, qs.order_by("name", "id"), paging, common.organisations_json)


@router.get(
    "/organisations/{organisation_id}",
    response={200: OrganisationDetail, **ERRORS},
    tags=["organisations"],
    summary="One organisation",
)
@public_operation
def get_organisation(request: HttpRequest, organisation_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    """An organisation with its members (those the caller may see)."""
    user = caller(request)
    org = common.get_or_404(common.visible_organisations(user), organisation_id, "organisation")
    members = (
        Membership.objects.filter(
            Q(organisation=org),
            access.visible_person_q(user),
            confidentiality__in=access.levels_for(user),
        )
        .select_related("person")
        .order_by("person__display_name", "id")
    )
    return {
        **common.organisation_json(org),
        "members": [
            {"person_id": m.person_id, "name": m.person.display_name, "role": m.role, "start": m.start, "end": m.end}
            for m in members
        ],
    }
