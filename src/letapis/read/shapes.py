"""The shapes of what the read layer gives: typed dicts, as JSON-ready as the API sends them.

The API validates them against its schemas (:mod:`letapis.api.schemas`, some of which are these
very types: a docstring here would become their description in the OpenAPI document) and sends
them; the pages render them, adding their labels in new dicts (they never change what they were
given).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypedDict

from pydantic import Field

from letapis.registry.queries import SourceRef, StatusEvent

ClaimKindName = Literal[
    "person",
    "name",
    "occupation",
    "membership",
    "honour",
    "status",
    "event",
    "involvement",
    "criminal_case",
    "attribute",
]


class EventPlace(TypedDict):
    id: int
    name: str
    kind: str
    country: str


class EventRow(TypedDict):
    """An event (:func:`letapis.read.records.event_json`)."""

    id: int
    type: str
    date: str
    date_earliest: str | None
    date_latest: str | None
    place: EventPlace | None
    description: str
    count: int | None
    foreign_nationals: int | None
    destinations: list[str]
    forced_exile: bool
    parent_id: int | None
    confidentiality: str


class OrganisationRow(TypedDict):
    id: int
    name: str
    aliases: list[str]
    kind: str
    country: str
    confidentiality: str


class NoteRow(TypedDict):
    id: int
    text: str
    confidentiality: str
    author: str | None
    created_at: str


# a row of the persons list (letapis.read.persons.person_rows); no docstring: the API's schema
# would show it
class PersonRow(TypedDict):
    id: int
    name: str
    names: list[str]
    occupations: list[str]
    status: str
    status_since: str | None
    confidentiality: str
    publishable: bool


class NameRow(TypedDict):
    id: int
    text: str
    script: str
    language: str
    form: str
    is_primary: bool
    confidentiality: str


class OccupationRow(TypedDict):
    id: int
    code: str
    label: str
    confidentiality: str
    sources: list[SourceRef]


class HonourRow(TypedDict):
    id: int
    code: str
    label: str
    text: str
    year: str
    confidentiality: str
    sources: list[SourceRef]


class MembershipRow(TypedDict):
    id: int
    organisation_id: int
    organisation: str
    role: str
    start: str
    end: str
    confidentiality: str
    sources: list[SourceRef]


class ExternalIdRow(TypedDict):
    scheme: str
    value: str


class PersonEventRow(TypedDict):
    id: int
    type: str
    date: str
    role: str
    place: EventPlace | None
    description: str
    parent_id: int | None
    sources: list[SourceRef]


class CaseRow(TypedDict):
    """A criminal case as its person's page shows it: ``court`` and ``judge`` only where the
    caller may see them (a judge linked to a registry person, else the name the source gives),
    ``sentence_date`` the verdict's, ``sources`` the claims behind the case and its verdict."""

    id: int
    articles: list[str]
    case_number: str
    court: str | None
    judge: str | None
    sentence_kind: str
    sentence_months: int | None
    sentence_date: str
    appeal_date: str
    sentence_event_id: int | None
    confidentiality: str
    sources: list[SourceRef]


# the status of a person's page (letapis.registry.queries.status_data, whose id and name the
# API leaves out); no docstring: the API's schema would show it
class PersonStatus(TypedDict):
    status: Annotated[str, Field(description="held, released, died or not_prisoner")]
    on: str
    exiled: bool
    since: str | None
    event: Annotated[StatusEvent | None, Field(description="The event that decides the status.")]
    sources: Annotated[list[SourceRef], Field(description="The accepted claims (source sentences) behind that event.")]


class TermPlace(EventPlace):
    number: str
    postal_address: str


# the term section of a person's page (letapis.read.persons.term_section)
class TermSection(TypedDict):
    case_id: Annotated[
        int | None, Field(description="The case whose term is being served (the latest custodial verdict).")
    ]
    custody_start: Annotated[str | None, Field(description="First day in custody counted to the term.")]
    end_earliest: Annotated[str | None, Field(description="Expected end of term, earliest day.")]
    end_latest: Annotated[str | None, Field(description="Expected end of term, latest day.")]
    end: Annotated[dict[str, str], Field(description="The expected end as a partial date, by language (en, be, ru).")]
    steps: Annotated[list[dict[str, Any]], Field(description="The steps of the computation, as data.")]
    reasoning: Annotated[
        dict[str, str], Field(description="The computation in one sentence, by language (en, be, ru).")
    ]
    place: Annotated[TermPlace | None, Field(description="The place of detention now (while held).")]
    place_since: str | None
    place_event_id: int | None
    place_event_date: Annotated[str | None, Field(description="The day of the move as written (a partial date).")]
    last_contact: Annotated[str | None, Field(description="The day of the latest contact (letter, visit, court).")]
    contact_event_id: int | None
    contact_event_date: Annotated[str | None, Field(description="The day of the contact as written (a partial date).")]


class PersonDetail(TypedDict):
    """Everything about a person a caller may see (:func:`letapis.read.persons.person_detail`)."""

    id: int
    name: str
    version: Annotated[int, Field(description="Send it back with a change: a stale version is refused with 409.")]
    gender: str
    birth_date: str
    nationalities: list[str]
    confidentiality: str
    publishable: bool
    names: list[NameRow]
    occupations: Annotated[list[OccupationRow], Field(description="Each with the accepted claims (sources) behind it.")]
    honours: list[HonourRow]
    memberships: list[MembershipRow]
    external_ids: list[ExternalIdRow]
    status: PersonStatus
    events: list[PersonEventRow]
    cases: list[CaseRow]
    notes: list[NoteRow]
    term: Annotated[
        TermSection | None,
        Field(description="The term being served, the place of detention now and the last contact (issue 19)."),
    ]


class PartyRow(TypedDict):
    id: int
    name: str
    role: str


class ChildRow(TypedDict):
    id: int
    type: str
    date: str


class EventMember(TypedDict):
    """A person of a collective event: taking part in one of its individual events (``event_id``)."""

    id: Annotated[int, Field(description="The person.")]
    name: str
    event_id: Annotated[int, Field(description="The individual event (a child of this one) that names them.")]


class EventDetail(EventRow):
    """An event with its parties, children, sources and notes (:func:`letapis.read.events.event_detail`)."""

    persons: list[PartyRow]
    organisations: list[PartyRow]
    children: list[ChildRow]
    members: Annotated[
        list[EventMember],
        Field(description="Of a collective event: the persons of its individual events the caller may see, each once."),
    ]
    sources: list[SourceRef]
    notes: list[NoteRow]


class MemberRow(TypedDict):
    person_id: int
    name: str
    role: str
    start: str
    end: str


# an organisation with its members (letapis.read.events.organisation_detail); no docstring: the
# API's schema would show it
class OrganisationDetail(OrganisationRow):
    members: list[MemberRow]
