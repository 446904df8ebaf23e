"""``/persons``: the persons list with the pages' filters, a person's page as JSON, and edits.

The queries are the read layer's (:mod:`letapis.read.persons`), which the pages render too."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.params.functions import Path  # the functions: to a type checker ninja's own names are Annotated aliases

from letapis import access
from letapis.api import common
from letapis.api.auth import caller, public_operation, require_role, role_operation
from letapis.api.schemas import ERRORS, MAX_ID, Error, PersonDetail, PersonPage, PersonPatch
from letapis.read import persons, records
from letapis.registry import services as registry

router = Router(tags=["persons"])


@router.get("/persons", response={200: PersonPage, **ERRORS}, summary="Persons, filtered")
@public_operation
def list_persons(request: HttpRequest, filters: Query[persons.PersonFilters], paging: Query[common.Paging]) -> Any:
    """Persons the caller may see. Filters combine (AND); `status` is the status on `on`
    (default today); `q` finds a name in any spelling (Cyrillic, Łacinka, English press…) and
    orders by the match when `sort` is not given."""
    user = caller(request)
    day = filters.on or timezone.localdate()
    count, rows = persons.person_page(
        user, filters, day, paging.offset, paging.limit, sorted_by_match="sort" not in request.GET
    )
    return common.page_json(request, count, rows, paging)


@router.get("/persons/{person_id}", response={200: PersonDetail, **ERRORS}, summary="One person")
@public_operation
def get_person(
    request: HttpRequest,
    person_id: int = Path(..., ge=1, le=MAX_ID),
    on: date | None = None,
) -> Any:
    """Names, occupations, honours, memberships, the status on `on` (default today) with the
    source sentences that support it, events with their sources, criminal cases and notes —
    each as far as the caller may see."""
    user = caller(request)
    person = common.get_or_404(
        access.visible_persons(user).prefetch_related(Prefetch("names"), "external_ids"), person_id, "person"
    )
    detail = persons.person_detail(person, user, on or timezone.localdate())
    records.record_detail(user, person, detail, "api")
    return detail


@router.patch(
    "/persons/{person_id}",
    response={200: PersonDetail, 401: Error, 403: Error, 409: Error, 428: Error, **ERRORS},
    summary="Edit",
)
@role_operation("editor", "editing a person")
def patch_person(request: HttpRequest, changes: PersonPatch, person_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    """Change a person's own fields (editors). Send the `version` you read: without it the answer
    is 428; if someone changed the person since, 409 and nothing is changed."""
    user = require_role(request, "editor", "editing a person")
    person = common.get_or_404(access.visible_persons(user), person_id, "person")
    fields = changes.dict(exclude_unset=True, exclude_none=True)
    version = common.require_version(fields.pop("version", None), "person", f"GET /persons/{person_id}")
    if "confidentiality" in fields and fields["confidentiality"] not in access.levels_for(user):
        raise HttpError(403, "you may not set a level you cannot read")
    if not fields:
        raise HttpError(
            400, "nothing to change: give gender, birth_date, nationalities, confidentiality or publishable"
        )
    registry.do_update_person(user, person, expected_version=version, **fields)
    person.refresh_from_db()
    return persons.person_detail(person, user, timezone.localdate())
