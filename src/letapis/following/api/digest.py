"""API operations of following: the weekly digest, subscriptions and the inbox.

- ``GET /digest?week=DAY`` — the digest of the week of DAY as the caller may see it (anyone);
- ``GET /subscriptions`` — the caller's subscriptions; ``POST`` follows a target, ``DELETE``
  stops following one (by ``id``, or by ``target`` with ``target_id``/``target_code``);
- ``GET /inbox`` — the caller's alerts, unread first, rendered through the access rules now.

Subscriptions and the inbox are the signed-in caller's own (any role: 401 for nobody).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from letapis.api import common
from letapis.api.auth import caller, public_operation, role_operation
from letapis.api.schemas import MAX_ID, Error, ValidationErrorOut
from letapis.following import alerts
from letapis.following import digest as digests
from letapis.registry.services import ServiceError

router = Router(tags=["following"])
ERRORS = {400: Error, 401: Error, 422: ValidationErrorOut}
OWN_ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 422: ValidationErrorOut}

Target = Literal["person", "place", "occupation", "organisation"]
Lang = Literal["en", "be", "ru"]


class SourceRefOut(Schema):
    source_id: int
    title: str
    date: str | None
    quote: str
    claim_id: int


class DigestPersonOut(Schema):
    id: int
    name: str


class VerdictOut(Schema):
    person_id: int
    name: str
    months: int | None
    term: str
    regime: str
    regime_label: str
    articles: list[str]


class PlaceRef(Schema):
    id: int
    name: str


class DigestItemOut(Schema):
    event_id: int
    type: str
    type_label: str
    date: str
    day: str
    place: PlaceRef | None
    description: str
    count: int | None
    foreign_nationals: int | None
    destinations: list[str]
    destinations_text: str
    forced_exile: bool
    persons: list[DigestPersonOut]
    verdicts: list[VerdictOut]
    sources: list[SourceRefOut]
    events: list[int] = Field(description="The event and the individual events shown within it.")


class DigestSectionOut(Schema):
    key: str
    label: str
    count: int = Field(description="How many events of the section the caller may see.")
    persons_named: int
    items: list[DigestItemOut]


class DigestOut(Schema):
    week_start: date
    week_end: date
    lang: str
    tier: str
    sections: list[DigestSectionOut]
    watch: list[dict[str, Any]] | None = Field(
        None, description="The watch lists (due, overdue, silent) on the week's Sunday, when available."
    )


class DigestQuery(Schema):
    week: date | None = Field(None, description="Any day of the week (Monday to Sunday); default today.")
    lang: Lang = "en"


@router.get("/digest", response={200: DigestOut, **ERRORS}, summary="The weekly digest")
@public_operation
def get_digest(request: HttpRequest, query: Query[DigestQuery]) -> Any:
    """Arrests, verdicts, releases, expulsions, transfers and deaths in custody of the week, each
    with its persons and sources, as the caller may see them. An event counts in a week when its
    whole date range lies within it (a month or an open bound counts in no week)."""
    try:
        data = digests.build_digest(query.week or timezone.localdate(), caller(request), query.lang)
    except digests.WeekOutOfRange as exc:
        raise HttpError(400, str(exc)) from exc
    return digests.digest_json(data)


class SubscriptionOut(Schema):
    id: int
    target: Target
    target_id: int | None
    target_code: str
    label: str | None = Field(description="What it follows, as the caller may see it now (null: no longer visible).")
    email: bool
    created_at: str


class SubscriptionList(Schema):
    count: int
    results: list[SubscriptionOut]


class SubscriptionIn(Schema):
    target: Target
    target_id: int | None = Field(None, ge=1, le=MAX_ID, description="The person, place or organisation.")
    target_code: str = Field("", max_length=60, description="The occupation's code (occupations vocabulary).")
    email: bool = Field(False, description="Also send each alert by email.")


class SubscriptionQuery(Schema):
    id: int | None = Field(None, ge=1, le=MAX_ID, description="The subscription's id.")
    target: Target | None = None
    target_id: int | None = Field(None, ge=1, le=MAX_ID)
    target_code: str = Field("", max_length=60)


class SubscriptionFilters(Schema):
    target: Target | None = Field(None, description="Only subscriptions of this kind.")


class Removed(Schema):
    removed: bool


@router.get("/subscriptions", response={200: SubscriptionList, **OWN_ERRORS}, summary="What the caller follows")
@role_operation("viewer", "reading your subscriptions")
def list_subscriptions(request: HttpRequest, filters: Query[SubscriptionFilters]) -> Any:
    """The caller's subscriptions, each with its target named as the caller may see it now."""
    rows = alerts.subscriptions_of(caller(request))
    if filters.target is not None:
        rows = [r for r in rows if r["target"] == filters.target]
    return {"count": len(rows), "results": rows}


@router.post("/subscriptions", response={201: SubscriptionOut, **OWN_ERRORS}, summary="Follow a target")
@role_operation("viewer", "following")
def create_subscription(request: HttpRequest, body: SubscriptionIn) -> Any:
    """Follow a person, place or organisation (``target_id``) or an occupation (``target_code``);
    following it again only changes ``email``. A target the caller may not see is a 404."""
    user = caller(request)
    try:
        sub = alerts.do_subscribe(
            user, body.target, target_id=body.target_id, target_code=body.target_code, email=body.email
        )
    except ServiceError as exc:
        raise HttpError(404 if str(exc).startswith("no ") else 400, str(exc)) from exc
    row = next(r for r in alerts.subscriptions_of(user) if r["id"] == sub.pk)
    return Status(201, row)


@router.delete("/subscriptions", response={200: Removed, **OWN_ERRORS}, summary="Stop following")
@role_operation("viewer", "unfollowing")
def delete_subscription(request: HttpRequest, query: Query[SubscriptionQuery]) -> Any:
    """Remove one of the caller's subscriptions, by ``id`` or by its target."""
    if query.id is None and query.target is None:
        raise HttpError(400, "say which subscription to remove: id, or target with target_id or target_code")
    try:
        alerts.do_unsubscribe(
            caller(request),
            query.id,
            target=query.target,
            target_id=query.target_id,
            target_code=query.target_code,
        )
    except ServiceError as exc:
        raise HttpError(404, str(exc)) from exc
    return {"removed": True}


class InboxSource(Schema):
    id: int
    title: str
    date: str | None


class InboxEvent(Schema):
    id: int
    type: str
    type_label: str
    date: str
    place: PlaceRef | None


class InboxSubscription(Schema):
    id: int
    target: str
    label: str | None


class InboxItemOut(Schema):
    id: int
    created_at: str
    created: str = Field(description="The time of the alert, to the minute (UTC).")
    read_at: str | None
    claim_id: int
    kind: str
    summary: str = Field(description="The fact in a few words (an occupation, a membership…), or empty.")
    quote: str
    source: InboxSource
    person: DigestPersonOut | None
    event: InboxEvent | None
    subscription: InboxSubscription | None


class InboxPage(Schema):
    count: int
    unread: int
    limit: int
    offset: int
    next: str | None
    previous: str | None
    results: list[InboxItemOut]


class InboxQuery(Schema):
    unread: bool | None = Field(None, description="Only unread (true) or read (false) alerts.")


@router.get("/inbox", response={200: InboxPage, **OWN_ERRORS}, summary="The caller's alerts")
@role_operation("viewer", "reading your inbox")
def list_inbox(request: HttpRequest, filters: Query[InboxQuery], paging: Query[common.Paging]) -> Any:
    """The caller's alerts, unread first; each shows only what the caller may see now."""
    user = caller(request)
    items = alerts.inbox_items(user)
    if filters.unread is not None:
        items = items.filter(read_at__isnull=filters.unread)
    return common.paginate(
        request, items, paging, lambda rows: alerts.inbox_rows(user, rows), unread=alerts.unread_count(user)
    )
