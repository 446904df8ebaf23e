"""Services of following: the changes of a term and the contacts a monitor records.

Like :mod:`letapis.registry.services`: each ``do_*`` checks its input, changes the registry in
one transaction and writes the audit log; the follow-ups (:mod:`letapis.following.refresh`)
follow through the signals, in the same transaction.
"""

from __future__ import annotations

from django.db import transaction

from letapis.accounts.actor import Actor
from letapis.audit.log import record, snapshot
from letapis.following.refresh import contact_types
from letapis.registry import services as registry
from letapis.registry.models import (
    Confidentiality,
    CriminalCase,
    Event,
    InvolvementRole,
    Person,
    Place,
    TermChange,
    TermChangeKind,
)
from letapis.registry.services import ServiceError


@transaction.atomic
def do_add_term_change(
    actor: Actor,
    case: CriminalCase,
    *,
    kind: str,
    months: int = 0,
    days: int = 0,
    date: str = "",
    confidentiality: str | None = None,
    event: Event | None = None,
) -> TermChange:
    """Record a later change of the term of ``case``: a sentence added (a new charge in
    custody, often Article 411), a reduction on appeal, an amnesty. Its level defaults to the
    case's; the expected end of every tier that reads it follows."""
    if kind not in TermChangeKind.values:
        raise ServiceError(f"unknown term change {kind!r}: use {', '.join(TermChangeKind.values)}")
    if not isinstance(months, int) or not isinstance(days, int) or months < 0 or days < 0:
        raise ServiceError("months and days of a term change are whole numbers, not negative")
    if months > 12 * 30 or days > 3660:
        raise ServiceError("a term change is at most 360 months and 3660 days")
    if months == 0 and days == 0:
        raise ServiceError("a term change needs months or days")
    if date.strip() != "":
        registry.partial_date(date)
    level = case.confidentiality if confidentiality is None else confidentiality
    if level not in Confidentiality.values:
        raise ServiceError(f"unknown confidentiality {level!r}: use public, internal or confidential")
    change = TermChange.objects.create(
        case=case,
        kind=kind,
        months=months,
        days=days,
        date=date.strip(),
        event=event,
        confidentiality=level,
    )
    record(actor, "term_change.add", change, after=snapshot(change))
    return change


@transaction.atomic
def do_record_contact(
    actor: Actor,
    person: Person,
    *,
    type: str,
    date: str,
    description: str = "",
    place: Place | None = None,
    confidentiality: str | None = None,
    role: str = InvolvementRole.VICTIM,
) -> Event:
    """Record a contact with a held person — a letter, a lawyer's or a family visit (the event
    types with ``contact: true``) — as an event in which the person is involved. Its level
    defaults to the person's: a contact is often known through a private channel."""
    if type not in contact_types():
        raise ServiceError(f"{type!r} is not a contact: use {', '.join(contact_types())}")
    if date.strip() == "":
        raise ServiceError("a contact needs its date (a partial date will do)")
    level = person.confidentiality if confidentiality is None else confidentiality
    event = registry.do_create_event(
        actor, type=type, date=date, description=description, place=place, confidentiality=level
    )
    registry.do_add_involvement(actor, event, person=person, role=role, confidentiality=level)
    return event
