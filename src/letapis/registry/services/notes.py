"""Notes of the team about a person or an event."""

from __future__ import annotations

from django.db import transaction

from letapis.accounts.actor import Actor
from letapis.audit.log import record, snapshot
from letapis.registry.models import Confidentiality, Event, Note, Person
from letapis.registry.services.common import ServiceError, check_confidentiality, checked_text


@transaction.atomic
def do_add_note(
    actor: Actor,
    *,
    text: str,
    person: Person | None = None,
    event: Event | None = None,
    confidentiality: str = Confidentiality.INTERNAL,
) -> Note:
    if text.strip() == "":
        raise ServiceError("a note cannot be empty")
    checked_text(text, "a note")
    if person is None and event is None:
        raise ServiceError("a note is about a person or an event")
    note = Note.objects.create(
        text=text,
        person=person,
        event=event,
        confidentiality=check_confidentiality(confidentiality),
        author=actor if actor is not None and actor.pk is not None else None,
    )
    record(actor, "note.add", note, after=snapshot(note))
    return note
