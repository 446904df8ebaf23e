"""Organisations and memberships in them."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from letapis.accounts.actor import Actor
from letapis.audit.log import record, snapshot
from letapis.registry.models import Confidentiality, Membership, Organisation, Person
from letapis.registry.services import common
from letapis.registry.services.common import ServiceError


@transaction.atomic
def do_create_organisation(
    actor: Actor,
    name: str,
    *,
    kind: str,
    aliases: Iterable[str] = (),
    country: str = "",
    confidentiality: str = Confidentiality.INTERNAL,
) -> Organisation:
    """Create an organisation, or return the one with this name (adding new aliases). Never
    public unless the caller says so."""
    clean = " ".join(name.split())
    if clean == "":
        raise ServiceError("an organisation needs a name")
    common.checked_text(clean, "an organisation's name", 300)
    aliases = [common.checked_text(a, "an organisation's alias", 300) for a in aliases]
    common.check_code("organisation_kinds", kind, "organisation kind")
    existing = Organisation.objects.filter(name=clean).first()
    if existing is not None:
        new_aliases = [a for a in aliases if a not in existing.aliases]
        if new_aliases:
            before = snapshot(existing)
            existing.aliases = [*existing.aliases, *new_aliases]
            existing.save(update_fields=["aliases"])
            record(actor, "organisation.update", existing, before=before, after=snapshot(existing))
        return existing
    organisation = Organisation.objects.create(
        name=clean,
        kind=kind,
        aliases=list(aliases),
        country=common.check_country(country) if country else "",
        confidentiality=common.check_confidentiality(confidentiality),
    )
    record(actor, "organisation.create", organisation, after=snapshot(organisation))
    return organisation


@transaction.atomic
def do_add_membership(
    actor: Actor,
    person: Person,
    organisation: Organisation,
    *,
    role: str = "member",
    start: str = "",
    end: str = "",
    confidentiality: str | None = None,
) -> Membership:
    """Add a membership (its level defaults to the person's)."""
    common.check_code("membership_roles", role, "membership role")
    common.partial_date(start)
    common.partial_date(end)
    membership, created = Membership.objects.get_or_create(
        person=person,
        organisation=organisation,
        role=role,
        defaults={"start": start, "end": end, "confidentiality": common.level_of(person, confidentiality)},
    )
    if created:
        record(actor, "membership.add", membership, after=snapshot(membership))
    return membership
