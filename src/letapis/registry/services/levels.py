"""The confidentiality level of any registry record, and who may change it."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from letapis import access
from letapis.accounts.actor import Actor
from letapis.audit.log import record
from letapis.registry.models import (
    Claim,
    CriminalCase,
    Event,
    ExternalId,
    Honour,
    Involvement,
    Membership,
    NameVariant,
    Note,
    Occupation,
    Organisation,
    Person,
    Place,
    Source,
)
from letapis.registry.services.common import ServiceError, check_confidentiality, check_level_change, checked_text
from letapis.registry.services.persons import primary_name_follows

#: The records whose level :func:`do_set_confidentiality` changes, by their name.
LEVELLED: dict[str, type[Any]] = {
    "person": Person,
    "name": NameVariant,
    "external_id": ExternalId,
    "occupation": Occupation,
    "honour": Honour,
    "organisation": Organisation,
    "membership": Membership,
    "place": Place,
    "event": Event,
    "involvement": Involvement,
    "criminal_case": CriminalCase,
    "note": Note,
    "source": Source,
    "claim": Claim,
}


@transaction.atomic
def do_set_confidentiality(actor: Actor, obj: Any, level: str, reason: str = "") -> Any:
    """Set the level of any registry record. Lowering it (showing it to more people), or any
    change from or to ``confidential``, is refused unless ``actor`` holds the confidential
    grant, and needs a reason; the audit log keeps both levels and the reason. A primary name
    is never made stricter than its person, nor a person more open than its primary name."""
    check_confidentiality(level)
    model = type(obj)
    if model not in LEVELLED.values():
        raise ServiceError(f"{model._meta.verbose_name} has no confidentiality")
    current = model.objects.select_for_update().get(pk=obj.pk)
    old = current.confidentiality
    what = f"{model._meta.verbose_name} {obj.pk}"
    if level == old:
        return current
    check_level_change(actor, what, old, level)
    reason = checked_text(" ".join(reason.split()), "a reason", 500)
    if access.is_stricter(old, level) and reason == "":
        raise ServiceError(f"say why {what} may be shown to more people (a reason is kept in the audit log)")
    if (
        isinstance(current, NameVariant)
        and current.is_primary
        and access.is_stricter(level, current.person.confidentiality)
    ):
        raise ServiceError(
            f"name {current.pk} is the primary name of a {current.person.confidentiality} person: make another "
            "name primary before hiding it"
        )
    if isinstance(current, Person):
        primary_name_follows(actor, current, level, reason)
    current.confidentiality = level
    fields = ["confidentiality"]
    if isinstance(current, Person | Event | Claim):
        current.version += 1
        fields.append("version")
    current.save(update_fields=fields)
    record(
        actor,
        f"{model._meta.model_name}.confidentiality",
        current,
        before={"confidentiality": old},
        after={"confidentiality": level, "reason": reason},
    )
    obj.confidentiality = level
    return current
