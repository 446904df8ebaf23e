"""Places, and the details of places of detention (number, regime, address, letter rules)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from letapis.accounts.actor import Actor
from letapis.audit.log import record, snapshot
from letapis.registry.models import Confidentiality, Place
from letapis.registry.services import common
from letapis.registry.services.common import Conflict, ServiceError
from letapis.vocab import vocabulary


def detention_kinds() -> frozenset[str]:
    """The place kinds where people are held (``detention: true`` in place_kinds.yaml)."""
    return frozenset(t.code for t in vocabulary("place_kinds") if t.extra.get("detention"))


def _place_details(number: str, regime: str, postal_address: str, letter_rules: str) -> dict[str, str]:
    """The details of a place of detention, checked: a number of at most 20 characters, a regime
    of the sentence regimes vocabulary, an address and the team's note on writing there."""
    number = common.checked_text(number.strip(), "a place's number", 20)
    regime = regime.strip()
    if regime != "":
        common.check_code("sentence_regimes", regime, "sentence regime")
    return {
        "number": number,
        "regime": regime,
        "postal_address": common.checked_text(postal_address.strip(), "a postal address", 2000),
        "letter_rules": common.checked_text(letter_rules.strip(), "the letter rules", 20000),
    }


@transaction.atomic
def do_create_place(
    actor: Actor,
    name: str,
    *,
    kind: str,
    country: str = "",
    aliases: Iterable[str] = (),
    parent: Place | None = None,
    number: str = "",
    regime: str = "",
    postal_address: str = "",
    letter_rules: str = "",
    confidentiality: str = Confidentiality.INTERNAL,
) -> Place:
    """Create a place, or return the one with this name and kind as it is (its details are
    changed by :func:`do_update_place`). Never public unless the caller says so. A place of
    detention (a kind with ``detention: true``) may carry its official number, its regime (a
    sentence regime code), the postal address letters go to and the team's letter rules (an
    internal note, never shown to the public)."""
    clean = " ".join(name.split())
    if clean == "":
        raise ServiceError("a place needs a name")
    common.checked_text(clean, "a place's name", 300)
    common.check_code("place_kinds", kind, "place kind")
    details = _place_details(number, regime, postal_address, letter_rules)
    existing = Place.objects.filter(name=clean, kind=kind).first()
    if existing is not None:
        return existing
    place = Place.objects.create(
        name=clean,
        kind=kind,
        country=common.check_country(country) if country else "",
        aliases=list(aliases),
        parent=parent,
        **details,
        confidentiality=common.check_confidentiality(confidentiality),
    )
    record(actor, "place.create", place, after=snapshot(place))
    return place


PLACE_EDITABLE = {"name", "number", "regime", "postal_address", "letter_rules", "parent"}


@transaction.atomic
def do_update_place(actor: Actor, place: Place, *, expected: dict[str, Any] | None = None, **changes: Any) -> Place:
    """Change a place's name, number, regime, postal address, letter rules or parent (its level
    has :func:`do_set_confidentiality`). A place has no version: ``expected`` holds the values of
    the fields the editor's form showed, and when any of them changed since, :class:`Conflict`
    is raised and nothing changes (the row is locked while it is compared)."""
    unknown = set(changes) - PLACE_EDITABLE
    if unknown:
        raise ServiceError(f"cannot change {', '.join(sorted(unknown))} of a place here")
    if set(expected or {}) - PLACE_EDITABLE:
        raise ServiceError(f"cannot compare {', '.join(sorted(set(expected or {}) - PLACE_EDITABLE))} of a place")
    current = Place.objects.select_for_update().get(pk=place.pk)
    stale = sorted(
        f for f, value in (expected or {}).items() if getattr(current, f if f != "parent" else "parent_id") != value
    )
    if stale:
        raise Conflict(
            f"place {place.pk} was changed by someone else ({', '.join(stale)}): reload and redo your change"
        )
    if "name" in changes:
        changes["name"] = " ".join(str(changes["name"]).split())
        if changes["name"] == "":
            raise ServiceError("a place needs a name")
        common.checked_text(changes["name"], "a place's name", 300)
        if Place.objects.filter(name=changes["name"], kind=current.kind).exclude(pk=place.pk).exists():
            raise ServiceError(f"there is already a {current.kind} named {changes['name']!r}")
    details = {f: changes[f] for f in ("number", "regime", "postal_address", "letter_rules") if f in changes}
    if details:
        checked = _place_details(
            details.get("number", ""),
            details.get("regime", ""),
            details.get("postal_address", ""),
            details.get("letter_rules", ""),
        )
        changes.update({f: checked[f] for f in details})
    if "parent" in changes and changes["parent"] is not None:
        ancestor = changes["parent"]
        while ancestor is not None:
            if ancestor.pk == place.pk:
                raise ServiceError("a place cannot lie inside itself")
            ancestor = ancestor.parent
    changed = {f: v for f, v in changes.items() if getattr(current, f) != v}
    if not changed:
        return current
    common.save_changes(actor, "place.update", current, changed)
    for field, value in changed.items():
        setattr(place, field, value)
    return current
