"""Persons, their names, occupations and honours."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from letapis import access
from letapis.accounts.actor import Actor
from letapis.audit.log import record, snapshot
from letapis.registry.models import Confidentiality, Honour, NameKey, NameVariant, Occupation, Person
from letapis.registry.naming import name_facts
from letapis.registry.services import common
from letapis.registry.services.common import ServiceError


@dataclass(frozen=True)
class NameInput:
    text: str
    form: str | None = None
    is_primary: bool = False
    confidentiality: str | None = None  # None: the person's level


def _as_name(value: str | NameInput) -> NameInput:
    return NameInput(value) if isinstance(value, str) else value


@transaction.atomic
def do_create_person(
    actor: Actor,
    *,
    names: Sequence[str | NameInput],
    gender: str = "",
    birth_date: str = "",
    nationalities: Iterable[str] = (),
    confidentiality: str = Confidentiality.INTERNAL,
    publishable: bool = False,
    occupations: Iterable[str] = (),
) -> Person:
    """Create a person with at least one name; the first name is primary unless one says so."""
    inputs = [_as_name(n) for n in names]
    if len(inputs) == 0 or all(n.text.strip() == "" for n in inputs):
        raise ServiceError("a person needs at least one name")
    for name in inputs:
        common.checked_text(" ".join(name.text.split()), "a name", 300)
    if not any(n.is_primary for n in inputs):
        inputs[0] = NameInput(inputs[0].text, inputs[0].form, True, inputs[0].confidentiality)
    common.partial_date(birth_date)
    person = Person.objects.create(
        display_name=" ".join(next(n.text for n in inputs if n.is_primary).split()),
        gender=gender,
        birth_date=birth_date,
        nationalities=[common.check_country(c) for c in nationalities],
        confidentiality=common.check_confidentiality(confidentiality),
        publishable=publishable,
    )
    record(actor, "person.create", person, after=snapshot(person))
    for name in inputs:
        if name.text.strip() != "":
            do_add_name(
                actor,
                person,
                name.text,
                form=name.form,
                is_primary=name.is_primary,
                confidentiality=name.confidentiality,
            )
    for code in occupations:
        do_add_occupation(actor, person, code)
    return person


PERSON_EDITABLE = {"gender", "birth_date", "nationalities", "confidentiality", "publishable", "contacts"}


@transaction.atomic
def do_update_person(actor: Actor, person: Person, *, expected_version: int | None = None, **changes: Any) -> Person:
    """Change a person's own fields; ``expected_version`` (default: ``person.version``, the
    version the caller read) guards against lost updates: a stale one raises :class:`Conflict`
    and changes nothing."""
    unknown = set(changes) - PERSON_EDITABLE
    if unknown:
        raise ServiceError(f"cannot change {', '.join(sorted(unknown))} of a person here")
    if "confidentiality" in changes:
        common.check_confidentiality(changes["confidentiality"])
        common.check_level_change(actor, f"person {person.pk}", person.confidentiality, changes["confidentiality"])
        primary_name_follows(actor, person, changes["confidentiality"], "")
    if "birth_date" in changes:
        common.partial_date(changes["birth_date"])
    if "nationalities" in changes:
        changes["nationalities"] = [common.check_country(c) for c in changes["nationalities"]]
    common.bump(person, expected_version)
    before = snapshot(Person.objects.get(pk=person.pk))
    for field, value in changes.items():
        setattr(person, field, value)
    person.save(update_fields=[*changes, "version", "updated_at"])
    record(actor, "person.update", person, before=before, after=snapshot(person))
    return person


def primary_name_follows(actor: Actor, person: Person, level: str, reason: str) -> None:
    """A person's display name is their primary name: made more open, the person takes its
    primary name down to its new level with it (one more audit entry), so the name shown for
    them is never stricter than they are. Called once the lowering itself was allowed."""
    primary = NameVariant.objects.select_for_update().filter(person=person, is_primary=True).first()
    if primary is not None and access.is_stricter(primary.confidentiality, level):
        old = primary.confidentiality
        primary.confidentiality = level
        primary.save(update_fields=["confidentiality"])
        record(
            actor,
            "namevariant.confidentiality",
            primary,
            before={"confidentiality": old},
            after={"confidentiality": level, "reason": reason or f"the primary name of person {person.pk}"},
        )


@transaction.atomic
def do_add_name(
    actor: Actor,
    person: Person,
    text: str,
    *,
    form: str | None = None,
    is_primary: bool = False,
    confidentiality: str | None = None,
) -> NameVariant:
    """Add a name form to a person (or return the one it already has) and index its keys.

    Its level defaults to the person's. A primary name is never stricter than its person: the
    person's display name is the primary name, shown wherever the person is."""
    clean = " ".join(text.split())
    if clean == "":
        raise ServiceError("a name cannot be empty")
    common.checked_text(clean, "a name", 300)
    level = common.level_of(person, confidentiality)
    if is_primary and access.is_stricter(level, person.confidentiality):
        raise ServiceError(
            f"a {level} name cannot be the primary name of a {person.confidentiality} person: "
            "it would be shown wherever the person is"
        )
    existing = NameVariant.objects.filter(person=person, text=clean).first()
    if existing is not None:
        return existing
    facts = name_facts(clean, form)
    if is_primary:
        NameVariant.objects.filter(person=person, is_primary=True).update(is_primary=False)
    variant = NameVariant.objects.create(
        person=person,
        text=clean,
        script=facts.script,
        language=facts.language,
        form=facts.form,
        is_primary=is_primary,
        search_text=facts.search_text,
        confidentiality=level,
    )
    NameKey.objects.bulk_create([NameKey(variant=variant, person=person, key=k) for k in sorted(facts.keys)])
    if is_primary and person.display_name != clean:
        person.display_name = clean
        person.save(update_fields=["display_name", "updated_at"])
    record(actor, "name.add", variant, after=snapshot(variant))
    return variant


def refresh_name_facts(variant: NameVariant) -> None:
    """Derive script, language, search text and blocking keys of a name edited elsewhere (the
    admin) and save it; the caller holds the transaction and writes the audit entry."""
    facts = name_facts(variant.text, variant.form or None)
    variant.script, variant.language, variant.search_text = facts.script, facts.language, facts.search_text
    variant.save()
    NameKey.objects.filter(variant=variant).delete()
    NameKey.objects.bulk_create([NameKey(variant=variant, person=variant.person, key=k) for k in sorted(facts.keys)])


@transaction.atomic
def do_add_occupation(actor: Actor, person: Person, code: str, *, confidentiality: str | None = None) -> Occupation:
    """Add an occupation (its level defaults to the person's)."""
    common.check_code("occupations", code, "occupation")
    occupation, created = Occupation.objects.get_or_create(
        person=person, code=code, defaults={"confidentiality": common.level_of(person, confidentiality)}
    )
    if created:
        record(actor, "occupation.add", occupation, after=snapshot(occupation))
    return occupation


@transaction.atomic
def do_add_honour(
    actor: Actor, person: Person, *, code: str = "", text: str = "", year: str = "", confidentiality: str | None = None
) -> Honour:
    """Add an honour (its level defaults to the person's)."""
    if code == "" and text.strip() == "":
        raise ServiceError("an honour needs a code or a text")
    if code != "":
        common.check_code("honours", code, "honour")
    common.checked_text(text.strip(), "an honour's text", 300)
    honour, created = Honour.objects.get_or_create(
        person=person,
        code=code,
        text=text.strip(),
        defaults={"year": year, "confidentiality": common.level_of(person, confidentiality)},
    )
    if created:
        record(actor, "honour.add", honour, after=snapshot(honour))
    return honour
