"""The services that change the registry.

Every ``do_*`` function runs in one transaction, checks its input against the vocabularies,
and writes one audit entry per record it changes (:func:`letapis.audit.log.record`). The admin,
the CLI, the API and the web pages all call these; nothing else writes registry records.

``actor`` is the acting user, or ``None`` for the system itself (set-up, demo data).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from letapis import access, edtf
from letapis.audit.log import record, snapshot
from letapis.registry import storage
from letapis.registry.models import (
    Claim,
    ClaimKind,
    ClaimState,
    Confidentiality,
    CriminalCase,
    Event,
    ExternalId,
    Honour,
    Involvement,
    InvolvementRole,
    Membership,
    NameKey,
    NameVariant,
    Note,
    Occupation,
    Organisation,
    Person,
    Place,
    Source,
)
from letapis.registry.naming import name_facts
from letapis.vocab import vocabulary


class ServiceError(ValueError):
    """Input a service refuses, with a message fit for the user."""


class Conflict(ServiceError):
    """The record changed since the caller read it: reload and redo."""


def _check_code(vocab_name: str, code: str, what: str) -> str:
    if code not in vocabulary(vocab_name):
        known = ", ".join(sorted(vocabulary(vocab_name).codes())[:12])
        raise ServiceError(f"unknown {what} {code!r} (known: {known}, …)")
    return code


def _check_confidentiality(level: str) -> str:
    if level not in Confidentiality.values:
        raise ServiceError(f"unknown confidentiality {level!r}: use public, internal or confidential")
    return level


def _level_of(person: Person, level: str | None) -> str:
    """The level of a record about ``person``: the one given, else the person's own (a fact
    about a person is never more open than the person unless someone says so)."""
    return _check_confidentiality(person.confidentiality if level is None else level)


def _check_level_change(actor: Any, what: str, old: str, new: str) -> None:
    """Refuse a change of level that only someone with the confidential grant may make:
    lowering a level (a record shown to more people), or any change from or to
    ``confidential``. ``actor`` ``None`` is the system itself (set-up, demo data)."""
    if new == old or actor is None:
        return
    if (access.is_stricter(old, new) or Confidentiality.CONFIDENTIAL in (old, new)) and not access.has_grant(actor):
        raise ServiceError(f"only a user with the confidential grant may change {what} from {old} to {new}")


def _check_country(code: str) -> str:
    if len(code) != 2 or not code.isalpha() or not code.isupper():
        raise ServiceError(f"{code!r} is not an ISO 3166 alpha-2 country code such as BY, LT, UA")
    return code


def _partial_date(text: str) -> edtf.PartialDate | None:
    if text.strip() == "":
        return None
    if len(text) > 40:
        raise ServiceError(f"{text[:40]!r}… is not a partial date: a date is at most 40 characters")
    try:
        return edtf.parse(text)
    except edtf.InvalidDate as exc:
        raise ServiceError(str(exc)) from exc


def checked_text(value: str, what: str, limit: int | None = None) -> str:
    """``value`` unchanged, or a :class:`ServiceError` naming ``what`` when it cannot be stored
    as text: a NUL character (PostgreSQL refuses it), a lone surrogate (not Unicode text; JSON
    can carry one), or more than ``limit`` characters. Everything else — markup, quotes,
    direction overrides, zero-width and combining characters, emoji — is kept exactly as given:
    it is escaped where it is shown, never altered where it is stored."""
    if "\x00" in value:
        raise ServiceError(f"{what} contains a NUL character: remove it")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ServiceError(f"{what} is not valid Unicode text (character {exc.start + 1} is a lone surrogate)") from exc
    if limit is not None and len(value) > limit:
        raise ServiceError(f"{what} is limited to {limit} characters ({len(value)} given)")
    return value


def checked_data(value: Any, what: str) -> Any:
    """:func:`checked_text` on every string (key or value) inside JSON-like ``value``."""
    if isinstance(value, str):
        return checked_text(value, what)
    if isinstance(value, dict):
        for key, item in value.items():
            checked_data(str(key), what)
            checked_data(item, what)
    elif isinstance(value, list | tuple):
        for item in value:
            checked_data(item, what)
    return value


def _bump(obj: Person | Event, expected_version: int | None) -> None:
    """Check the caller's version and raise it by one, atomically (no lost update).

    The row is locked (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite writes one at a time) until
    the caller's transaction ends, so two editors who read the same version cannot both pass:
    the second waits for the first, then sees the new version and gets :class:`Conflict`.
    ``expected_version`` ``None`` means the version of the object the caller holds (the one it
    read), so a caller that forgets to pass it still cannot overwrite a change it has not seen.
    """
    model = type(obj)
    expected = obj.version if expected_version is None else expected_version
    current = model.objects.select_for_update().only("version").get(pk=obj.pk).version
    if expected != current:
        raise Conflict(
            f"{model._meta.verbose_name} {obj.pk} was changed by someone else "
            f"(version {current}, you edited version {expected}): reload and redo your change"
        )
    obj.version = current + 1


# ---------------------------------------------------------------------------------------------
# Persons and names


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
    actor: Any,
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
        checked_text(" ".join(name.text.split()), "a name", 300)
    if not any(n.is_primary for n in inputs):
        inputs[0] = NameInput(inputs[0].text, inputs[0].form, True, inputs[0].confidentiality)
    _partial_date(birth_date)
    person = Person.objects.create(
        display_name=" ".join(next(n.text for n in inputs if n.is_primary).split()),
        gender=gender,
        birth_date=birth_date,
        nationalities=[_check_country(c) for c in nationalities],
        confidentiality=_check_confidentiality(confidentiality),
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
def do_update_person(actor: Any, person: Person, *, expected_version: int | None = None, **changes: Any) -> Person:
    """Change a person's own fields; ``expected_version`` (default: ``person.version``, the
    version the caller read) guards against lost updates: a stale one raises :class:`Conflict`
    and changes nothing."""
    unknown = set(changes) - PERSON_EDITABLE
    if unknown:
        raise ServiceError(f"cannot change {', '.join(sorted(unknown))} of a person here")
    if "confidentiality" in changes:
        _check_confidentiality(changes["confidentiality"])
        _check_level_change(actor, f"person {person.pk}", person.confidentiality, changes["confidentiality"])
        _primary_name_follows(actor, person, changes["confidentiality"], "")
    if "birth_date" in changes:
        _partial_date(changes["birth_date"])
    if "nationalities" in changes:
        changes["nationalities"] = [_check_country(c) for c in changes["nationalities"]]
    _bump(person, expected_version)
    before = snapshot(Person.objects.get(pk=person.pk))
    for field, value in changes.items():
        setattr(person, field, value)
    person.save(update_fields=[*changes, "version", "updated_at"])
    record(actor, "person.update", person, before=before, after=snapshot(person))
    return person


def _primary_name_follows(actor: Any, person: Person, level: str, reason: str) -> None:
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
    actor: Any,
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
    checked_text(clean, "a name", 300)
    level = _level_of(person, confidentiality)
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
def do_add_occupation(actor: Any, person: Person, code: str, *, confidentiality: str | None = None) -> Occupation:
    """Add an occupation (its level defaults to the person's)."""
    _check_code("occupations", code, "occupation")
    occupation, created = Occupation.objects.get_or_create(
        person=person, code=code, defaults={"confidentiality": _level_of(person, confidentiality)}
    )
    if created:
        record(actor, "occupation.add", occupation, after=snapshot(occupation))
    return occupation


@transaction.atomic
def do_add_honour(
    actor: Any, person: Person, *, code: str = "", text: str = "", year: str = "", confidentiality: str | None = None
) -> Honour:
    """Add an honour (its level defaults to the person's)."""
    if code == "" and text.strip() == "":
        raise ServiceError("an honour needs a code or a text")
    if code != "":
        _check_code("honours", code, "honour")
    checked_text(text.strip(), "an honour's text", 300)
    honour, created = Honour.objects.get_or_create(
        person=person,
        code=code,
        text=text.strip(),
        defaults={"year": year, "confidentiality": _level_of(person, confidentiality)},
    )
    if created:
        record(actor, "honour.add", honour, after=snapshot(honour))
    return honour


# ---------------------------------------------------------------------------------------------
# Organisations, memberships, places


@transaction.atomic
def do_create_organisation(
    actor: Any,
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
    checked_text(clean, "an organisation's name", 300)
    aliases = [checked_text(a, "an organisation's alias", 300) for a in aliases]
    _check_code("organisation_kinds", kind, "organisation kind")
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
        country=_check_country(country) if country else "",
        confidentiality=_check_confidentiality(confidentiality),
    )
    record(actor, "organisation.create", organisation, after=snapshot(organisation))
    return organisation


@transaction.atomic
def do_add_membership(
    actor: Any,
    person: Person,
    organisation: Organisation,
    *,
    role: str = "member",
    start: str = "",
    end: str = "",
    confidentiality: str | None = None,
) -> Membership:
    """Add a membership (its level defaults to the person's)."""
    _check_code("membership_roles", role, "membership role")
    _partial_date(start)
    _partial_date(end)
    membership, created = Membership.objects.get_or_create(
        person=person,
        organisation=organisation,
        role=role,
        defaults={"start": start, "end": end, "confidentiality": _level_of(person, confidentiality)},
    )
    if created:
        record(actor, "membership.add", membership, after=snapshot(membership))
    return membership


def detention_kinds() -> frozenset[str]:
    """The place kinds where people are held (``detention: true`` in place_kinds.yaml)."""
    return frozenset(t.code for t in vocabulary("place_kinds") if t.extra.get("detention"))


def _place_details(number: str, regime: str, postal_address: str, letter_rules: str) -> dict[str, str]:
    """The details of a place of detention, checked: a number of at most 20 characters, a regime
    of the sentence regimes vocabulary, an address and the team's note on writing there."""
    number = checked_text(number.strip(), "a place's number", 20)
    regime = regime.strip()
    if regime != "":
        _check_code("sentence_regimes", regime, "sentence regime")
    return {
        "number": number,
        "regime": regime,
        "postal_address": checked_text(postal_address.strip(), "a postal address", 2000),
        "letter_rules": checked_text(letter_rules.strip(), "the letter rules", 20000),
    }


@transaction.atomic
def do_create_place(
    actor: Any,
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
    checked_text(clean, "a place's name", 300)
    _check_code("place_kinds", kind, "place kind")
    details = _place_details(number, regime, postal_address, letter_rules)
    existing = Place.objects.filter(name=clean, kind=kind).first()
    if existing is not None:
        return existing
    place = Place.objects.create(
        name=clean,
        kind=kind,
        country=_check_country(country) if country else "",
        aliases=list(aliases),
        parent=parent,
        **details,
        confidentiality=_check_confidentiality(confidentiality),
    )
    record(actor, "place.create", place, after=snapshot(place))
    return place


PLACE_EDITABLE = {"name", "number", "regime", "postal_address", "letter_rules", "parent"}


@transaction.atomic
def do_update_place(actor: Any, place: Place, *, expected: dict[str, Any] | None = None, **changes: Any) -> Place:
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
        checked_text(changes["name"], "a place's name", 300)
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
    before = snapshot(current)
    for field, value in changed.items():
        setattr(current, field, value)
    current.save(update_fields=list(changed))
    record(actor, "place.update", current, before=before, after=snapshot(current))
    for field, value in changed.items():
        setattr(place, field, value)
    return current


# ---------------------------------------------------------------------------------------------
# Events and involvements


@transaction.atomic
def do_create_event(
    actor: Any,
    *,
    type: str,
    date: str = "",
    place: Place | None = None,
    description: str = "",
    count: int | None = None,
    foreign_nationals: int | None = None,
    destinations: Iterable[str] = (),
    forced_exile: bool = False,
    parent: Event | None = None,
    sequence: int = 0,
    confidentiality: str = Confidentiality.PUBLIC,
    victims: Iterable[Person] = (),
) -> Event:
    """Create an event (its date a partial date, see :mod:`letapis.edtf`) with its victims."""
    _check_code("event_types", type, "event type")
    checked_text(description, "an event's description")
    when = _partial_date(date)
    if count is not None and count < 0:
        raise ServiceError("a count cannot be negative")
    if foreign_nationals is not None and (count is None or foreign_nationals > count):
        raise ServiceError("foreign nationals must be part of a count that is at least as large")
    event = Event.objects.create(
        type=type,
        date=date.strip(),
        date_earliest=None if when is None else when.earliest,
        date_latest=None if when is None else when.latest,
        place=place,
        description=description,
        count=count,
        foreign_nationals=foreign_nationals,
        destinations=[_check_country(c) for c in destinations],
        forced_exile=forced_exile,
        parent=parent,
        sequence=sequence,
        confidentiality=_check_confidentiality(confidentiality),
    )
    record(actor, "event.create", event, after=snapshot(event))
    for person in victims:
        do_add_involvement(actor, event, person=person)
    return event


EVENT_EDITABLE = {
    "type",
    "date",
    "place",
    "description",
    "count",
    "foreign_nationals",
    "destinations",
    "forced_exile",
    "sequence",
    "confidentiality",
}


@transaction.atomic
def do_update_event(actor: Any, event: Event, *, expected_version: int | None = None, **changes: Any) -> Event:
    """Change an event's own fields (its involvements have their own services). Like
    :func:`do_update_person`, ``expected_version`` (default: ``event.version``) guards against
    lost updates: a stale one raises :class:`Conflict` and changes nothing. Status spans follow
    (the event's save refreshes them in the same transaction)."""
    unknown = set(changes) - EVENT_EDITABLE
    if unknown:
        raise ServiceError(f"cannot change {', '.join(sorted(unknown))} of an event here")
    if "type" in changes:
        _check_code("event_types", changes["type"], "event type")
    if "confidentiality" in changes:
        _check_confidentiality(changes["confidentiality"])
        _check_level_change(actor, f"event {event.pk}", event.confidentiality, changes["confidentiality"])
    if "description" in changes:
        checked_text(changes["description"], "an event's description")
    if "destinations" in changes:
        changes["destinations"] = [_check_country(c) for c in changes["destinations"]]
    _bump(event, expected_version)
    current = Event.objects.get(pk=event.pk)
    before = snapshot(current)
    count = changes.get("count", current.count)
    foreign = changes.get("foreign_nationals", current.foreign_nationals)
    if count is not None and count < 0:
        raise ServiceError("a count cannot be negative")
    if foreign is not None and (count is None or foreign > count):
        raise ServiceError("foreign nationals must be part of a count that is at least as large")
    fields = [*changes, "version"]
    if "date" in changes:
        when = _partial_date(changes["date"])
        changes["date"] = changes["date"].strip()
        changes["date_earliest"] = None if when is None else when.earliest
        changes["date_latest"] = None if when is None else when.latest
        fields += ["date_earliest", "date_latest"]
    for field, value in changes.items():
        setattr(event, field, value)
    event.save(update_fields=fields)
    record(actor, "event.update", event, before=before, after=snapshot(event))
    return event


@transaction.atomic
def do_add_involvement(
    actor: Any,
    event: Event,
    *,
    person: Person | None = None,
    organisation: Organisation | None = None,
    role: str = InvolvementRole.VICTIM,
    confidentiality: str = Confidentiality.PUBLIC,
) -> Involvement:
    if person is None and organisation is None:
        raise ServiceError("an involvement needs a person or an organisation")
    if role not in InvolvementRole.values:
        raise ServiceError(f"unknown involvement role {role!r}: use {', '.join(InvolvementRole.values)}")
    involvement, created = Involvement.objects.get_or_create(
        event=event,
        person=person,
        organisation=organisation,
        role=role,
        defaults={"confidentiality": _check_confidentiality(confidentiality)},
    )
    if created:
        record(actor, "involvement.add", involvement, after=snapshot(involvement))
    return involvement


@transaction.atomic
def do_create_criminal_case(
    actor: Any,
    person: Person,
    *,
    articles: Iterable[str] = (),
    case_number: str = "",
    court: Organisation | None = None,
    judge: Person | None = None,
    sentence_kind: str = "",
    sentence_months: int | None = None,
    sentence_date: str = "",
    sentence_event: Event | None = None,
    confidentiality: str | None = None,
) -> CriminalCase:
    """Add a criminal case (its level defaults to the person's)."""
    article_list = [a.strip() for a in articles if a.strip() != ""]
    checked_text(case_number, "a case number", 100)
    for article in article_list:
        _check_code("criminal_code_articles", article.split(".")[0], "Criminal Code article")
    if sentence_kind != "":
        _check_code("sentence_regimes", sentence_kind, "sentence regime")
    if sentence_months is not None and not 0 < sentence_months <= 12 * 30:
        raise ServiceError("a sentence is given in months, between 1 and 360")
    _partial_date(sentence_date)
    case = CriminalCase.objects.create(
        person=person,
        articles=article_list,
        case_number=case_number,
        court=court,
        judge=judge,
        sentence_kind=sentence_kind,
        sentence_months=sentence_months,
        sentence_date=sentence_date,
        sentence_event=sentence_event,
        confidentiality=_level_of(person, confidentiality),
    )
    record(actor, "criminal_case.create", case, after=snapshot(case))
    return case


@transaction.atomic
def do_add_note(
    actor: Any,
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
        confidentiality=_check_confidentiality(confidentiality),
        author=actor if actor is not None and actor.pk is not None else None,
    )
    record(actor, "note.add", note, after=snapshot(note))
    return note


# ---------------------------------------------------------------------------------------------
# Sources and claims


@transaction.atomic
def do_create_source(
    actor: Any,
    *,
    data: bytes,
    filename: str,
    text: str,
    media_type: str = "text/plain",
    title: str = "",
    publisher: str = "",
    url: str = "",
    date: date | None = None,
    language: str = "",
    reliability: str = "unknown",
    confidentiality: str = Confidentiality.INTERNAL,
) -> tuple[Source, bool]:
    """Store a document once (by sha-256) as ``actor`` sees the sources; returns the source
    and whether it is new. A source with the same file that ``actor`` may see is returned as
    it is; one they may not see does not exist for them: the file becomes a source of its own
    at the level asked for (one per file and level), sharing the stored file."""
    from letapis.access import levels_for, same_file_sources

    for field, what in ((text, "a source's text"), (title, "a source's title"), (publisher, "a source's publisher")):
        checked_text(field, what)
    checked_text(filename, "a file name")
    checked_text(url, "a source's URL", 1000)
    if getattr(actor, "pk", None) is not None and confidentiality not in levels_for(actor):
        raise ServiceError(f"you may not store a {confidentiality} source: you could not read it")
    digest = storage.sha256_of(data)
    existing = same_file_sources(actor, digest).first()
    if existing is not None:
        return existing, False
    storage.store(data)
    try:
        with transaction.atomic():  # a savepoint: another monitor may be storing the same document
            source = _new_source(
                actor,
                data,
                digest,
                filename,
                text,
                media_type,
                title,
                publisher,
                url,
                date,
                language,
                reliability,
                confidentiality,
            )
    except IntegrityError:  # at the level asked for, which ``actor`` may read
        existing = Source.objects.filter(sha256=digest, confidentiality=confidentiality).first()
        if existing is None:
            raise
        return existing, False
    record(actor, "source.create", source, after={k: v for k, v in snapshot(source).items() if k != "text"})
    return source, True


def _new_source(
    actor: Any,
    data: bytes,
    digest: str,
    filename: str,
    text: str,
    media_type: str,
    title: str,
    publisher: str,
    url: str,
    date: date | None,
    language: str,
    reliability: str,
    confidentiality: str,
) -> Source:
    return Source.objects.create(
        sha256=digest,
        filename=filename[:300],
        media_type=media_type,
        size=len(data),
        title=title[:500],
        publisher=publisher,
        url=url,
        date=date,
        language=language,
        reliability=reliability,
        confidentiality=_check_confidentiality(confidentiality),
        text=text,
        created_by=actor if actor is not None and actor.pk is not None else None,
    )


@transaction.atomic
def do_record_claim(
    actor: Any,
    source: Source,
    *,
    kind: str,
    value: dict[str, Any],
    quote: str = "",
    span: tuple[int, int] | None = None,
    proposer: str = "",
    confidence: float = 1.0,
    state: str = ClaimState.PROPOSED,
    person: Person | None = None,
    event: Event | None = None,
    supports: Any = None,
    confidentiality: str | None = None,
) -> Claim:
    """Record a claim from a source; ``span`` is found from ``quote`` when not given.

    With ``state="accepted"`` and ``supports`` (the record the claim stands behind) this is how
    facts entered from a known source (demo data, imports) keep their sources.
    """
    if kind not in ClaimKind.values:
        raise ServiceError(f"unknown claim kind {kind!r}")
    checked_data(value, "a claim's value")
    checked_text(quote, "a claim's quote")
    if span is None and quote != "":
        start = source.text.find(quote)
        if start < 0:
            raise ServiceError(f"the quote {quote[:60]!r} is not in source {source.pk}")
        span = (start, start + len(quote))
    if span is not None:
        start, end = span
        if not 0 <= start <= end <= len(source.text):
            raise ServiceError(f"span {span} is outside the source's text")
        quote = source.text[start:end]
    now = timezone.now()
    claim = Claim.objects.create(
        source=source,
        kind=kind,
        value=value,
        span_start=None if span is None else span[0],
        span_end=None if span is None else span[1],
        quote=quote,
        proposer=proposer or (f"user:{actor.get_username()}" if actor is not None else "system"),
        confidence=confidence,
        state=state,
        reviewer=actor if state != ClaimState.PROPOSED and actor is not None and actor.pk is not None else None,
        reviewed_at=now if state != ClaimState.PROPOSED else None,
        confidentiality=_check_confidentiality(confidentiality or source.confidentiality),
        person=person,
        event=event,
        record_type="" if supports is None else supports._meta.label_lower,
        record_id=None if supports is None else supports.pk,
    )
    record(actor, "claim.record", claim, after=snapshot(claim))
    return claim


# ---------------------------------------------------------------------------------------------
# Levels

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
def do_set_confidentiality(actor: Any, obj: Any, level: str, reason: str = "") -> Any:
    """Set the level of any registry record. Lowering it (showing it to more people), or any
    change from or to ``confidential``, is refused unless ``actor`` holds the confidential
    grant, and needs a reason; the audit log keeps both levels and the reason. A primary name
    is never made stricter than its person, nor a person more open than its primary name."""
    _check_confidentiality(level)
    model = type(obj)
    if model not in LEVELLED.values():
        raise ServiceError(f"{model._meta.verbose_name} has no confidentiality")
    current = model.objects.select_for_update().get(pk=obj.pk)
    old = current.confidentiality
    what = f"{model._meta.verbose_name} {obj.pk}"
    if level == old:
        return current
    _check_level_change(actor, what, old, level)
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
        _primary_name_follows(actor, current, level, reason)
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
