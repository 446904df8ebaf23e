"""Saving and deleting a registry record edited field by field: what the Django admin's forms
and inlines hand over.

The admin builds the record from its form; these functions check it as the ``do_*`` services
check their input (vocabulary codes, partial dates, who may change a level, the version guard),
derive what the services derive (an event's day range, a name's script and keys), save it and
write the audit entry, all in one transaction. The audit actions keep the ``admin:`` prefix so
the log tells a form in the admin from a page or a command.
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from letapis.accounts.actor import Actor
from letapis.audit.log import record, snapshot
from letapis.registry.models import Event, Honour, Membership, NameVariant, Occupation, Organisation, Person, Place
from letapis.registry.services import common
from letapis.registry.services.events import date_range
from letapis.registry.services.persons import primary_name_follows, refresh_name_facts

#: The fields holding a partial date (letapis.edtf), by name.
PARTIAL_DATE_FIELDS = ("birth_date", "date", "start", "end", "sentence_date")

#: The fields holding a country code (ISO 3166 alpha-2), or a list of them, by name.
COUNTRY_FIELDS = ("country", "nationalities", "destinations")

#: The fields holding a vocabulary code: (model, field) -> vocabulary.
VOCABULARY_FIELDS: dict[tuple[type[models.Model], str], str] = {
    (Event, "type"): "event_types",
    (Occupation, "code"): "occupations",
    (Honour, "code"): "honours",
    (Organisation, "kind"): "organisation_kinds",
    (Place, "kind"): "place_kinds",
    (Membership, "role"): "membership_roles",
}


def _check_fields(obj: models.Model) -> None:
    for name in PARTIAL_DATE_FIELDS:
        value = getattr(obj, name, None)
        if isinstance(value, str):
            common.partial_date(value)
    for (model, name), vocab in VOCABULARY_FIELDS.items():
        if isinstance(obj, model) and getattr(obj, name) != "":
            common.check_code(vocab, getattr(obj, name), name.replace("_", " "))
    for name in COUNTRY_FIELDS:
        value = getattr(obj, name, None)
        for code in [value] if isinstance(value, str) and value != "" else value if isinstance(value, list) else []:
            common.check_country(str(code))
    if hasattr(obj, "confidentiality"):
        common.check_confidentiality(obj.confidentiality)


@transaction.atomic
def do_save_record(actor: Actor, obj: Any) -> Any:
    """Check, save and audit ``obj`` (new, or changed from the row it was read from).

    A person or an event carries the version it was read at: a newer one in the database raises
    :class:`~letapis.registry.services.common.Conflict`. A level change needs the grant the
    services ask for; a person made more open takes its primary name with it."""
    model = type(obj)
    is_new = obj._state.adding
    current = None if is_new else model.objects.select_for_update().get(pk=obj.pk)
    before = None if current is None else snapshot(current)
    _check_fields(obj)
    if current is not None and hasattr(obj, "confidentiality"):
        what = f"{model._meta.verbose_name} {obj.pk}"
        common.check_level_change(actor, what, current.confidentiality, obj.confidentiality)
        if isinstance(obj, Person) and obj.confidentiality != current.confidentiality:
            primary_name_follows(actor, obj, obj.confidentiality, "")
    if current is not None and isinstance(obj, Person | Event):
        common.bump(obj, None)
    if isinstance(obj, Event):
        obj.date = obj.date.strip()
        obj.date_earliest, obj.date_latest = date_range(obj.date)
    if isinstance(obj, NameVariant):
        refresh_name_facts(obj)
    else:
        obj.save()
    record(
        actor,
        f"admin:{model._meta.model_name}.{'create' if is_new else 'update'}",
        obj,
        before=before,
        after=snapshot(obj),
    )
    return obj


@transaction.atomic
def do_delete_record(actor: Actor, obj: Any) -> None:
    """Delete ``obj`` (and what cascades with it) and write the audit entry, with its last state."""
    common.delete_audited(actor, f"admin:{obj._meta.model_name}.delete", obj)
