"""``/events`` and ``/organisations``: lists and single records, as the caller may see them
(the queries of :mod:`letapis.read.events`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.params.functions import Path  # the functions: to a type checker ninja's own names are Annotated aliases

from letapis import access
from letapis.api import common
from letapis.api.auth import caller, public_operation
from letapis.api.schemas import (
    ERRORS,
    MAX_ID,
    EventDetail,
    EventPage,
    OrganisationDetail,
    OrganisationPage,
)
from letapis.read import events, records

router = Router()


@router.get("/events", response={200: EventPage, **ERRORS}, tags=["events"], summary="Events, filtered")
@public_operation
def list_events(request: HttpRequest, filters: Query[events.EventFilters], paging: Query[common.Paging]) -> Any:
    """Events the caller may see, by date (the latest day their date may mean)."""
    user = caller(request)
    qs = events.filter_events(user, filters)
    return common.paginate(request, qs, paging, lambda rows: records.events_json(rows, user))


@router.get("/events/{event_id}", response={200: EventDetail, **ERRORS}, tags=["events"], summary="One event")
@public_operation
def get_event(request: HttpRequest, event_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    """An event with the persons and organisations taking part, its individual events (of a
    collective one), the source sentences behind it and its notes."""
    user = caller(request)
    event = common.get_or_404(access.visible_events(user).select_related("place"), event_id, "event")
    detail = events.event_detail(event, user)
    records.record_detail(user, event, detail, "api")
    return detail


@router.get(
    "/organisations", response={200: OrganisationPage, **ERRORS}, tags=["organisations"], summary="Organisations"
)
@public_operation
def list_organisations(
    request: HttpRequest, filters: Query[events.OrganisationFilters], paging: Query[common.Paging]
) -> Any:
    user = caller(request)
    return common.paginate(request, events.filter_organisations(user, filters), paging, records.organisations_json)


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
    org = common.get_or_404(access.visible_organisations(user), organisation_id, "organisation")
    return events.organisation_detail(org, user)
