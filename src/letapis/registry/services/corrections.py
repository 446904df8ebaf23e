"""Corrections a monitor makes by hand: a fact removed, a name or a membership fixed, another
name made primary, and a fact typed in that cites the source it comes from.

A fact typed by hand is cited by an accepted :class:`~letapis.registry.models.Claim` of the
source (and the quote) the monitor names, supporting the record as a claim accepted in review
does: the person page lists it among the fact's sources, and the history says "added from
source 12". :func:`do_cited` makes the record and its claim in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from letapis import access
from letapis.accounts.actor import Actor
from letapis.audit.log import record, snapshot
from letapis.registry import models as m
from letapis.registry.naming import name_facts
from letapis.registry.services import common
from letapis.registry.services.claims import do_record_claim
from letapis.registry.services.common import ServiceError
from letapis.registry.services.persons import refresh_name_facts

#: What each removable record is called in the audit log (``<name>.delete``), as its adding service calls it.
REMOVABLE: dict[type[Any], str] = {
    m.NameVariant: "name",
    m.Occupation: "occupation",
    m.Honour: "honour",
    m.Membership: "membership",
    m.Involvement: "involvement",
    m.Note: "note",
    m.ExternalId: "external_id",
}

#: The kind of the claim that cites each kind of record.
CLAIM_KINDS: dict[type[Any], str] = {
    m.Person: m.ClaimKind.PERSON,
    m.NameVariant: m.ClaimKind.NAME,
    m.Occupation: m.ClaimKind.OCCUPATION,
    m.Honour: m.ClaimKind.HONOUR,
    m.Membership: m.ClaimKind.MEMBERSHIP,
    m.Event: m.ClaimKind.EVENT,
    m.Involvement: m.ClaimKind.INVOLVEMENT,
    m.CriminalCase: m.ClaimKind.CRIMINAL_CASE,
    m.Note: m.ClaimKind.ATTRIBUTE,
}


@dataclass(frozen=True)
class Citation:
    """The source a fact typed by hand comes from, and the words of it that state the fact
    (empty: the source as a whole)."""

    source: m.Source
    quote: str = ""


def _about(obj: Any) -> tuple[m.Person | None, m.Event | None]:
    """The person and the event a record is about (what its claim points at)."""
    if isinstance(obj, m.Person):
        return obj, None
    if isinstance(obj, m.Event):
        return None, obj
    person = getattr(obj, "person", None)
    event = getattr(obj, "event", None)
    return person, event


@transaction.atomic
def do_cite(actor: Actor, obj: Any, citation: Citation) -> m.Claim:
    """Record that ``citation`` supports ``obj``: an accepted claim of its source, by ``actor``.

    The source must be one ``actor`` may read; the quote, when given, must be words of its text.
    The claim's level is the strictest of the source's and the record's."""
    kind = CLAIM_KINDS.get(type(obj))
    if kind is None:
        raise ServiceError(f"a {obj._meta.verbose_name} does not cite a source")
    source = citation.source
    if actor is not None and not access.visible_sources(actor).filter(pk=source.pk).exists():
        raise ServiceError(f"there is no source {source.pk} you may read")
    quote = common.checked_text(citation.quote.strip(), "a quote", 5000)
    person, event = _about(obj)
    level = access.strictest(source.confidentiality, obj.confidentiality)
    return do_record_claim(
        actor,
        source,
        kind=kind,
        value={"entered_by_hand": True, "record": str(obj)[:300]},
        quote=quote,
        proposer=f"user:{actor.get_username()}" if actor is not None else "system",
        state=m.ClaimState.ACCEPTED,
        person=person,
        event=event,
        supports=obj,
        confidentiality=level,
    )


@transaction.atomic
def do_cited[T](actor: Actor, citation: Citation | None, make: Callable[[], T]) -> T:
    """Make a record (``make`` calls a ``do_*`` service) and, with a citation, cite its source
    for it, all or nothing."""
    made = make()
    if citation is not None:
        do_cite(actor, made, citation)
    return made


@transaction.atomic
def do_remove(actor: Actor, obj: Any, reason: str = "") -> None:
    """Remove a name, an occupation, an honour, a membership, an involvement, a note or an
    external identifier; the audit entry keeps its last state (and ``reason``). A person's
    primary name is not removed (make another name primary first), nor its last name."""
    what = REMOVABLE.get(type(obj))
    if what is None:
        raise ServiceError(f"a {obj._meta.verbose_name} is not removed here")
    current = type(obj).objects.select_for_update().get(pk=obj.pk)
    if isinstance(current, m.NameVariant):
        if current.is_primary:
            raise ServiceError("this is the primary name: make another name primary before removing it")
        if not m.NameVariant.objects.filter(person_id=current.person_id).exclude(pk=current.pk).exists():
            raise ServiceError("a person keeps at least one name")
    reason = common.checked_text(" ".join(reason.split()), "a reason", 500)
    common.delete_audited(actor, f"{what}.delete", current, {"reason": reason} if reason != "" else None)


@transaction.atomic
def do_set_primary_name(actor: Actor, variant: m.NameVariant) -> m.NameVariant:
    """Make ``variant`` its person's primary name: the person is shown by it from now on. A name
    stricter than its person cannot be primary (it would be shown wherever the person is)."""
    current = m.NameVariant.objects.select_for_update().select_related("person").get(pk=variant.pk)
    person = current.person
    if current.is_primary:
        return current
    if access.is_stricter(current.confidentiality, person.confidentiality):
        raise ServiceError(
            f"a {current.confidentiality} name cannot be the primary name of a {person.confidentiality} person: "
            "it would be shown wherever the person is"
        )
    old = m.NameVariant.objects.filter(person=person, is_primary=True).first()
    m.NameVariant.objects.filter(person=person, is_primary=True).update(is_primary=False)
    current.is_primary = True
    current.save(update_fields=["is_primary"])
    person.display_name = current.text
    person.save(update_fields=["display_name", "updated_at"])
    record(
        actor,
        "name.primary",
        current,
        before={"is_primary": False},
        after={"is_primary": True, "replaces": None if old is None else old.pk},
    )
    variant.is_primary = True
    return current


@transaction.atomic
def do_update_name(actor: Actor, variant: m.NameVariant, *, text: str, form: str | None = None) -> m.NameVariant:
    """Correct a name's text or form; its script, language, search text and keys follow, and
    so does the person's shown name when it is the primary one."""
    clean = " ".join(text.split())
    if clean == "":
        raise ServiceError("a name cannot be empty")
    common.checked_text(clean, "a name", 300)
    current = m.NameVariant.objects.select_for_update().select_related("person").get(pk=variant.pk)
    if m.NameVariant.objects.filter(person_id=current.person_id, text=clean).exclude(pk=current.pk).exists():
        raise ServiceError(f"the person already has the name {clean!r}")
    if clean == current.text and (form is None or form == current.form):
        return current
    before = snapshot(current)
    current.text = clean
    current.form = form if form is not None else name_facts(clean).form
    refresh_name_facts(current)
    if current.is_primary:
        current.person.display_name = clean
        current.person.save(update_fields=["display_name", "updated_at"])
    record(actor, "name.update", current, before=before, after=snapshot(current))
    return current


@transaction.atomic
def do_update_membership(actor: Actor, membership: m.Membership, *, role: str, start: str, end: str) -> m.Membership:
    """Correct a membership's role or dates (partial dates)."""
    common.check_code("membership_roles", role, "membership role")
    common.partial_date(start)
    common.partial_date(end)
    current = m.Membership.objects.select_for_update().get(pk=membership.pk)
    clash = m.Membership.objects.filter(person_id=current.person_id, organisation_id=current.organisation_id, role=role)
    if clash.exclude(pk=current.pk).exists():
        raise ServiceError("the person already has this role in this organisation")
    changed = {
        f: v for f, v in (("role", role), ("start", start.strip()), ("end", end.strip())) if getattr(current, f) != v
    }
    if not changed:
        return current
    common.save_changes(actor, "membership.update", current, changed)
    return current


@transaction.atomic
def do_update_note(actor: Actor, note: m.Note, *, text: str) -> m.Note:
    """Correct a note's text (its level has :func:`~letapis.registry.services.do_set_confidentiality`)."""
    if text.strip() == "":
        raise ServiceError("a note cannot be empty")
    common.checked_text(text, "a note")
    current = m.Note.objects.select_for_update().get(pk=note.pk)
    if current.text == text:
        return current
    common.save_changes(actor, "note.update", current, {"text": text})
    return current
