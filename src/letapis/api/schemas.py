"""The shapes of the API's answers and request bodies (they make the OpenAPI schema); the rows
the read layer gives as they are are its typed dicts (:mod:`letapis.read.shapes`)."""

from __future__ import annotations

from typing import Any, Literal

from ninja import Schema
from pydantic import Field, create_model

from letapis.read.records import MAX_ID as MAX_ID  # the API imports them from its schemas
from letapis.read.records import Level as Level
from letapis.read.shapes import ClaimKindName as ClaimKindName  # the kinds of a claim
from letapis.read.shapes import EventDetail as EventDetail  # the API's answer, as the read layer's
from letapis.read.shapes import (
    EventRow,
    OrganisationRow,
    PersonRow,
)
from letapis.read.shapes import OrganisationDetail as OrganisationDetail  # the API's answer, as the read layer's
from letapis.read.shapes import PersonDetail as PersonDetail  # the API's answer, as the read layer's


class Error(Schema):
    detail: str = Field(description="What went wrong, in one line.")


class ValidationErrorOut(Schema):
    detail: str
    errors: list[dict[str, Any]] = []


#: The error answers every read operation declares (401: a token unknown or revoked).
ERRORS: dict[int, type[Schema]] = {400: Error, 401: Error, 404: Error, 422: ValidationErrorOut}


class SourceRef(Schema):
    source_id: int
    title: str
    date: str | None
    quote: str = Field(description="The sentence of the source that supports the fact.")
    claim_id: int


class EventRef(Schema):
    id: int
    type: str
    date: str


class PersonPatch(Schema):
    version: int | None = Field(
        None, ge=1, description="The version you read (required: without it 428); a stale one is refused (409)."
    )
    gender: Literal["", "female", "male", "other"] | None = None
    birth_date: str | None = Field(None, max_length=40)
    nationalities: list[str] | None = Field(None, max_length=20)
    confidentiality: Level | None = None
    publishable: bool | None = None


class SourceOut(Schema):
    id: int
    title: str
    filename: str
    publisher: str
    url: str
    date: str | None
    language: str
    reliability: str
    confidentiality: str
    media_type: str
    size: int
    sha256: str


class ClaimOut(Schema):
    id: int
    source_id: int
    kind: str
    value: dict[str, Any]
    quote: str
    span_start: int | None
    span_end: int | None
    proposer: str
    confidence: float
    state: str
    confidentiality: str
    person_id: int | None
    event_id: int | None
    record_type: str
    record_id: int | None
    version: int
    reviewer: str | None
    reviewed_at: str | None


class SourceDetail(SourceOut):
    text: str
    claims: list[ClaimOut]


class ClaimIn(Schema):
    source_id: int = Field(ge=1, le=MAX_ID)
    kind: ClaimKindName
    value: dict[str, Any] = Field(description='The fact, e.g. {"name": "Aleś Bialacki"} or {"status": "held"}.')
    quote: str = Field("", max_length=10_000, description="The text of the source that states it (its span is found).")
    span_start: int | None = Field(None, ge=0, le=2**31)
    span_end: int | None = Field(None, ge=0, le=2**31)
    confidence: float = Field(1.0, ge=0.0, le=1.0)
    person_id: int | None = Field(None, ge=1, le=MAX_ID)
    event_id: int | None = Field(None, ge=1, le=MAX_ID)
    confidentiality: Level | None = Field(None, description="Default: the source's level.")


class AcceptIn(Schema):
    person_id: int | None = Field(None, ge=1, le=MAX_ID, description="Link the claim to this registry person.")
    edits: dict[str, Any] | None = Field(None, description="Changes to the claim's value before accepting it.")
    version: int | None = Field(
        None, ge=1, le=2**31, description="The claim version you reviewed (required: 428 without it, 409 if stale)."
    )
    with_claims: bool = Field(
        False,
        description="Accept a person claim with its proposed claims (status, occupations…), as one group that "
        "undoing the person's decision undoes; a claim that cannot be accepted stays proposed.",
    )


class EditIn(Schema):
    edits: dict[str, Any] = Field(
        default_factory=dict, description="Fields of the claim's value and their new values (null clears one)."
    )
    version: int | None = Field(
        None, ge=1, le=2**31, description="The claim version you reviewed (required: 428 without it, 409 if stale)."
    )


class SettleIn(Schema):
    # optional in the schema so that the caller's role is checked before the body (401/403
    # first); a body without it is refused with 400
    choice: Literal["keep_existing", "take_new", "keep_both"] | None = Field(
        None,
        description="Required. keep_existing: reject the claim; take_new: undo the claims behind the registry's "
        "event, then accept; keep_both: accept, the claim's event after the registry's on that day.",
    )
    person_id: int | None = Field(None, ge=1, le=MAX_ID, description="The registry person the claim is about.")
    version: int | None = Field(
        None, ge=1, le=2**31, description="The claim version you reviewed (required: 428 without it, 409 if stale)."
    )


class RejectIn(Schema):
    reason: str = Field("", max_length=2000)
    version: int | None = Field(
        None, ge=1, le=2**31, description="The claim version you reviewed (required: 428 without it, 409 if stale)."
    )


class HeldPlace(Schema):
    id: int
    name: str
    postal_address: str
    since: str | None = Field(description="Known to be held there since this day.")


class HeldEntry(Schema):
    id: int
    name: str
    names: list[str]
    occupations: list[str]
    since: str | None
    event: EventRef | None = Field(
        description="The event that decides that the person is held; null when the caller may not see that record."
    )
    sources: list[SourceRef]
    place: HeldPlace | None = Field(
        None, description="The place of detention as the caller's records know it; null when none is known."
    )


class SearchPerson(Schema):
    id: int
    name: str
    matched: str = Field(description="The name form that matched.")
    score: float
    reason: str


class PersonLink(Schema):
    id: int
    name: str
    url: str = Field(description="The person's record in the API.")


class SearchSource(SourceOut):
    snippet: str = Field(description="HTML: the best stretch of the text, the words found in <mark>; escaped.")
    persons: list[PersonLink] = Field(description="The persons the source's claims are about, as the caller sees them.")


class SearchOut(Schema):
    q: str
    persons: list[SearchPerson]
    organisations: list[OrganisationRow]
    events: list[EventRow]
    sources: list[SearchSource] = Field(description="Full-text hits, best first (see docs/search.md).")
    sources_count: int = Field(description="How many sources match in all.")


class StatOut(Schema):
    kind: str
    code: str
    label: str
    count: int
    person_ids: list[int]
    event_ids: list[int]


class HeldStats(Schema):
    on: str
    held: StatOut
    breakdowns: dict[str, list[StatOut]]


class SeriesPointOut(Schema):
    day: str = Field(description="The last day of the month (the end of the range for its last, unfinished month).")
    count: int = Field(description="How many were held that day.")
    persons: str = Field(description="The list behind the number: `/api/v1/held?on=DAY`.")


class HeldSeries(Schema):
    start: str = Field(serialization_alias="from")
    end: str = Field(serialization_alias="to")
    points: list[SeriesPointOut]


def page_of(item: type[Any], name: str) -> Any:
    """A page of ``item`` (a schema, or a typed dict of the read layer): ``count`` (all
    matches), ``limit``, ``offset``, ``next``/``previous`` (URLs of the neighbouring pages, or
    null) and ``results``."""
    return create_model(
        name,
        __base__=Schema,
        count=(int, Field(description="How many match in all.")),
        limit=(int, ...),
        offset=(int, ...),
        next=(str | None, Field(description="URL of the next page, null on the last.")),
        previous=(str | None, ...),
        results=(list[item], ...),  # type: ignore[valid-type]  # the item schema is a run-time value
    )


PersonPage = page_of(PersonRow, "PersonPage")
EventPage = page_of(EventRow, "EventPage")
OrganisationPage = page_of(OrganisationRow, "OrganisationPage")
SourcePage = page_of(SourceOut, "SourcePage")
ClaimPage = page_of(ClaimOut, "ClaimPage")


class HeldPage(page_of(HeldEntry, "HeldPageBase")):  # type: ignore[misc]  # a base made at run time
    on: str
