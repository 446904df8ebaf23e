"""Accepting a claim: the registry record it supports, found or created through the registry
services (see :mod:`letapis.review.services` for each kind)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone

from letapis import access, claims
from letapis.accounts.actor import Actor
from letapis.audit.log import record
from letapis.registry import services as registry
from letapis.registry.corroboration import (
    Bounds,
    claim_bounds,
    conflicting_event,
    match_levels,
    same_event,
    undated_as_reported,
)
from letapis.registry.lookup import find_persons
from letapis.registry.models import (
    Claim,
    ClaimKind,
    ClaimState,
    Event,
    Honour,
    Involvement,
    Membership,
    NameVariant,
    Occupation,
    Organisation,
    Person,
    Place,
)
from letapis.registry.services import ServiceError
from letapis.registry.status import NOT_PRISONER, status_on
from letapis.review.models import ReviewAction, ReviewDecision
from letapis.review.services.cases import VERDICT_TYPES, record_case
from letapis.review.services.common import (
    ACCEPT_ORDER,
    STATUS_EVENT,
    Created,
    FactConflict,
    actor_or_none,
    check_reviewer,
    decided_already,
    edited_value,
    fact_level,
    in_sight,
    levels_of,
    lock_claim,
    persons_in_sight,
    review_state,
    take_turns,
)
from letapis.review.services.queue import check_decidable
from letapis.review.signals import claim_accepted
from letapis.vocab import vocabulary
from letapis.vocab.codes import EventType


@transaction.atomic
def do_accept_claim(
    actor: Actor,
    claim: Claim,
    *,
    person: Person | None = None,
    edits: dict[str, Any] | None = None,
    expected_version: int | None = None,
    keep_both: bool = False,
) -> Claim:
    """Accept ``claim`` (after applying ``edits`` to its value, when given), writing the
    registry. ``person`` links a person claim (or a claim about a person) to that registry
    person. A stale ``expected_version`` raises :class:`Conflict`; a claim the registry
    contradicts raises :class:`FactConflict`, unless ``keep_both`` (the reviewer's choice: the
    claim's fact is added after the registry's on that day)."""
    check_reviewer(actor)
    take_turns()
    claim = lock_claim(claim, expected_version)
    if claim.state != ClaimState.PROPOSED:
        raise decided_already(claim)
    if person is not None and person.merged_into_id is not None:
        final = person
        while final.merged_into_id is not None:
            final = Person.objects.get(pk=final.merged_into_id)
        in_sight(actor, final)
        raise ServiceError(f"person {person.pk} was merged into person {person.merged_into_id}: link to that one")
    if person is not None:
        in_sight(actor, person)
    else:
        check_decidable(actor, claim)
    before = review_state(claim)
    if edits is not None:
        claim.value = edited_value(claim, edits)
    created = Created(settled=keep_both)
    accept = _ACCEPTORS.get(claim.kind)
    if accept is None:
        raise ServiceError(f"claims of kind {claim.kind!r} cannot be accepted here yet")
    supported = accept(actor, claim, person, created)
    if claim.person is not None:
        in_sight(actor, claim.person)  # whatever path found them, never write to a hidden person
    claim.state = ClaimState.ACCEPTED
    claim.reviewer = actor_or_none(actor)
    claim.reviewed_at = timezone.now()
    if supported is not None:
        claim.record_type, claim.record_id = supported._meta.label_lower, supported.pk
    claim.version += 1
    claim.save(
        update_fields=[
            "value",
            "state",
            "reviewer",
            "reviewed_at",
            "person",
            "event",
            "record_type",
            "record_id",
            "version",
        ]
    )
    ReviewAction.objects.create(
        claim=claim,
        decision=ReviewDecision.ACCEPT,
        actor=actor_or_none(actor),
        created=created.items,
        changed=created.changed,
        before=before,
    )
    after = {**review_state(claim), "created": created.items, "changed": created.changed}
    record(actor, "claim.accept", claim, before=before, after=after)
    transaction.on_commit(lambda: claim_accepted.send_robust(sender=Claim, claim=claim))
    return claim


def _claim_person(actor: Actor, claim: Claim, person: Person | None) -> Person:
    """The person a dependent claim is about: the reviewer's, else its accepted person claim's
    — one ``actor`` may see, else refused as if there were none."""
    if person is not None:
        return in_sight(actor, person)
    if claim.person_id is not None:
        return in_sight(actor, Person.objects.get(pk=claim.person_id))
    about = claims.claim_value(claim, claims.AboutPerson)
    ref = about.person_claim
    if ref is None:
        raise ServiceError(f"claim {claim.pk} does not say whom it is about: give the person")
    owner = Claim.objects.filter(pk=ref).first()
    if owner is None or owner.state != ClaimState.ACCEPTED or owner.person_id is None:
        name = about.person_name or "the person"
        raise ServiceError(
            f"claim {claim.pk} is about {name}, whose person claim {ref} is not accepted yet: "
            "accept it first, or give the person"
        )
    found = Person.objects.get(pk=owner.person_id)
    while found.merged_into_id is not None:
        found = Person.objects.get(pk=found.merged_into_id)
    return in_sight(actor, found)


def _match_person(actor: Actor, forms: list[str], candidate: int | None) -> Person | None:
    """The registry person a person claim is about, among those ``actor`` may see: the
    extractor's candidate, else the one clear match by name. A candidate or a namesake the
    actor may not see is passed over as if it did not exist (a new person is created)."""
    sight = persons_in_sight(actor)
    if candidate is not None:
        found = Person.objects.filter(pk=candidate).first()
        while found is not None and found.merged_into_id is not None:
            found = Person.objects.filter(pk=found.merged_into_id).first()
        if found is not None and sight.filter(pk=found.pk).exists():
            return found
    for text in forms:
        matches = [c for c in find_persons(text, limit=3, persons=sight, levels=levels_of(actor)) if c.is_match]
        if len(matches) == 1 or (len(matches) > 1 and matches[0].score - matches[1].score >= 0.02):
            return matches[0].person
        if len(matches) > 1:
            listed = ", ".join(f"{c.person.pk}: {c.person.display_name}" for c in matches)
            raise ServiceError(f"{text!r} matches several persons ({listed}): say which one")
    return None


def _accept_person(actor: Actor, claim: Claim, person: Person | None, created: Created) -> Model | None:
    value = claims.claim_value(claim, claims.PersonValue)
    forms = value.forms()
    if len(forms) == 0:
        raise ServiceError(f"claim {claim.pk} gives no name")
    level = fact_level(claim)
    target = person if person is not None else _match_person(actor, forms, value.candidate)
    if target is None:
        target = registry.do_create_person(actor, names=[forms[0]], confidentiality=level)
        created.add(target)
        created.add(target.names.get())
    # a name form is never more open than the claim it came from, nor than its person
    name_level = access.strictest(level, target.confidentiality)
    for text in forms:
        if not NameVariant.objects.filter(person=target, text=text).exists():
            created.add(registry.do_add_name(actor, target, text, confidentiality=name_level))
    claim.person = target
    return target


def _accept_occupation(actor: Actor, claim: Claim, person: Person | None, created: Created) -> Model | None:
    target = _claim_person(actor, claim, person)
    value = claims.claim_value(claim, claims.OccupationValue)
    label = value.occupation or value.label
    occupations = vocabulary("occupations")
    term = occupations.get(label) or occupations.lookup(label)
    if term is None:
        raise ServiceError(f"{label!r} is not in the occupations vocabulary: edit the claim to a known occupation")
    existing = Occupation.objects.filter(person=target, code=term.code).first()
    occupation = existing or registry.do_add_occupation(actor, target, term.code, confidentiality=fact_level(claim))
    if existing is None:
        created.add(occupation)
    claim.person = target
    return occupation


def _find_organisation(actor: Actor, name: str) -> Organisation | None:
    """The organisation of this name or alias among those ``actor`` may see."""
    clean = " ".join(name.split())
    sight = Organisation.objects.filter(confidentiality__in=levels_of(actor))
    found = sight.filter(name__iexact=clean).first()
    if found is not None:
        return found
    folded = clean.casefold()
    for organisation in sight:  # organisations are few; aliases are a JSON list
        if any(folded == alias.casefold() for alias in organisation.aliases):
            return organisation
    return None


def _organisation_kind(name: str) -> str:
    kinds = vocabulary("organisation_kinds")
    guess = "pen_centre" if "PEN" in name.split() else "other"
    if guess in kinds:
        return guess
    raise ServiceError(f"no organisation named {name!r}: create it first, or edit the claim")


def _accept_membership(actor: Actor, claim: Claim, person: Person | None, created: Created) -> Model | None:
    target = _claim_person(actor, claim, person)
    value = claims.claim_value(claim, claims.MembershipValue)
    name = value.organisation
    if name.strip() == "":
        raise ServiceError(f"claim {claim.pk} names no organisation")
    organisation = _find_organisation(actor, name)
    if organisation is None:
        if Organisation.objects.filter(name=" ".join(name.split())).exists():
            # the name is taken by one the actor may not see: neither reuse nor reveal it
            raise ServiceError(f"no organisation named {name!r} that you may use: ask someone with the grant")
        organisation = registry.do_create_organisation(
            actor, name, kind=_organisation_kind(name), confidentiality=fact_level(claim)
        )
        created.add(organisation)
    roles = vocabulary("membership_roles")
    role_label = value.role or "member"
    term = roles.get(role_label) or roles.lookup(role_label)
    if term is None:
        raise ServiceError(f"{role_label!r} is not a membership role: edit the claim")
    existing = Membership.objects.filter(person=target, organisation=organisation, role=term.code).first()
    membership = existing or registry.do_add_membership(
        actor, target, organisation, role=term.code, confidentiality=fact_level(claim)
    )
    if existing is None:
        created.add(membership)
    claim.person = target
    return membership


def _accept_honour(actor: Actor, claim: Claim, person: Person | None, created: Created) -> Model | None:
    target = _claim_person(actor, claim, person)
    value = claims.claim_value(claim, claims.HonourValue)
    code, text = value.honour, value.text
    honours = vocabulary("honours")
    term = honours.get(code) if code != "" else None
    term = term or (honours.lookup(text) if text != "" else None)
    if term is not None:
        code, text = term.code, ""
    elif text.strip() == "":
        raise ServiceError(f"claim {claim.pk} names no honour")
    existing = Honour.objects.filter(person=target, code=code, text=text.strip()).first()
    honour = existing or registry.do_add_honour(actor, target, code=code, text=text, confidentiality=fact_level(claim))
    if existing is None:
        created.add(honour)
    claim.person = target
    return honour


def _claim_day(claim: Claim, raw: str | None) -> date:
    """The day a status claim speaks of: its ``raw`` date, else its source's."""
    if raw is not None:
        try:
            return date.fromisoformat(raw)
        except ValueError as exc:
            raise ServiceError(f"claim {claim.pk} has the date {raw!r}: edit it to YYYY-MM-DD") from exc
    if claim.source.date is not None:
        return claim.source.date
    raise ServiceError(f"claim {claim.pk} has no date and its source none either: edit the claim's date")


def _collective_event(actor: Actor, claim: Claim, type_: str, day: date) -> Event | None:
    """The collective event of ``type_`` this claim's person belongs to: one supported by an
    accepted event claim of the same source, else a registry event with a count on or just
    before ``day`` (within a week)."""
    sight = Event.objects.filter(confidentiality__in=_levels(actor, claim))
    from_source = (
        sight.filter(
            type=type_,
            parent__isnull=True,
            count__isnull=False,
            date_latest__lte=day,
            claims__source_id=claim.source_id,
            claims__state=ClaimState.ACCEPTED,
        )
        .order_by("-date_latest", "id")
        .first()
    )
    if from_source is not None:
        return from_source
    return (
        sight.filter(
            type=type_,
            parent__isnull=True,
            count__isnull=False,
            date_latest__lte=day,
            date_latest__gte=day.fromordinal(day.toordinal() - 7),
        )
        .order_by("-date_latest", "id")
        .first()
    )


def _individual_event(actor: Actor, person: Person, parent: Event, claim: Claim, created: Created) -> Event:
    """The person's own event within a collective one (the demo's shape), found or created; a
    compatible event of theirs already in the registry (a release known from another report)
    is that event, not a second one."""
    existing = Event.objects.filter(parent=parent, type=parent.type, involvements__person=person).first()
    if existing is not None:
        return existing
    known = same_event(person, parent.type, (parent.date_earliest, parent.date_latest), levels=_levels(actor, claim))
    if known is not None:
        return known
    event = registry.do_create_event(
        actor,
        type=parent.type,
        date=parent.date,
        parent=parent,
        forced_exile=parent.forced_exile,
        confidentiality=fact_level(claim),
        victims=[person],
    )
    created.add(event)
    created.add(event.involvements.get())
    return event


def _accept_status(actor: Actor, claim: Claim, person: Person | None, created: Created) -> Model | None:
    target = _claim_person(actor, claim, person)
    claim.person = target
    value = claims.claim_value(claim, claims.StatusValue)
    wanted = value.status
    day = _claim_day(claim, value.date)
    current = status_on(target, day, levels=access.levels_for(actor))  # as the reviewer sees it
    if current.status == wanted:
        claim.event = current.event
        return current.event
    if wanted == NOT_PRISONER:
        raise ServiceError(
            f"the registry has {target.display_name} {current.status.replace('_', ' ')} on {day} "
            f"(event {None if current.event is None else current.event.pk}): reject the claim or correct the registry"
        )
    type_ = STATUS_EVENT.get(wanted)
    if type_ is None:
        raise ServiceError(f"unknown status {wanted!r}: use held, released, died or not_prisoner")
    sequence = _after_conflict(actor, claim, target, type_, day, created)
    if type_ == EventType.RELEASE:
        parent = _collective_event(actor, claim, type_, day)
        if parent is not None:
            event = _individual_event(actor, target, parent, claim, created)
            claim.event = event
            return event
    known = same_event(target, type_, (None, day), levels=_levels(actor, claim))
    if known is not None and known.date_latest is not None:
        claim.event = known  # the registry has it, ordered otherwise than the claim's day needs
        _refine(actor, claim, known, (None, day), f"[..{day.isoformat()}]", created)
        return known
    event = registry.do_create_event(
        actor,
        type=type_,
        date=f"[..{day.isoformat()}]",
        sequence=sequence,
        confidentiality=fact_level(claim),
        victims=[target],
    )
    created.add(event)
    created.add(event.involvements.get())
    claim.event = event
    return event


def _same_event(actor: Actor, claim: Claim, value: claims.EventValue) -> Event | None:
    if value.date is None:
        return None
    candidates = Event.objects.filter(confidentiality__in=_levels(actor, claim)).filter(
        type=value.type, date=value.date, parent__isnull=True
    )
    if value.count is not None:
        counted = candidates.filter(Q(count=value.count) | Q(count__isnull=True)).first()
        if counted is not None:
            return counted
        return candidates.filter(count__isnull=False).first()
    return candidates.filter(count__isnull=True).first()


def _source_persons(actor: Actor, claim: Claim, names: Iterable[str]) -> list[Person]:
    """The persons (of those ``actor`` may see) of the accepted person claims of ``claim``'s
    source with these names."""
    wanted = {claims.clean_name(n).casefold() for n in names}
    persons: list[Person] = []
    for owner in Claim.objects.filter(
        source_id=claim.source_id,
        kind=ClaimKind.PERSON,
        state=ClaimState.ACCEPTED,
        person__in=persons_in_sight(actor),
    ).select_related("person"):
        forms = {f.casefold() for f in claims.claim_value(owner, claims.PersonValue).forms()}
        if forms & wanted and owner.person is not None and owner.person not in persons:
            persons.append(owner.person)
    return persons


def _after_conflict(actor: Actor, claim: Claim, person: Person, type_: str, day: date, created: Created) -> int:
    """The sequence of a new event of ``type_`` on ``day`` for ``person``: 0, or just after the
    registry's contradicting event of that day when the reviewer chose to keep both; without
    that choice a contradiction raises :class:`FactConflict`."""
    existing = conflicting_event(person, type_, day, levels=_levels(actor, claim))
    if existing is None:
        return 0
    if created.settled:
        return existing.sequence + 1
    raise FactConflict(
        f"claim {claim.pk} says {type_.replace('_', ' ')} of {person.display_name} on {day}, the registry has "
        f"{existing.type.replace('_', ' ')} on that day (event {existing.pk}): keep the registry's, take the "
        "claim's, or keep both",
        claim,
        existing,
    )


def _refine(actor: Actor, claim: Claim, event: Event, bounds: Bounds, text: str, created: Created) -> None:
    """Give ``event`` the claim's date (``text``, meaning ``bounds``) when it is more precise —
    days within the event's, fewer of them: a release known as "[..2025-01-17]" that a claim
    dates "2024-05-08". Not for an event within a collective one (its date is the collective's),
    nor from a claim stricter than the event (its detail would show to who may see the event).
    Undo restores the date (``ReviewAction.changed``)."""
    if event.parent_id is not None or text == "" or access.is_stricter(fact_level(claim), event.confidentiality):
        return
    start, end = bounds
    after_start = event.date_earliest is None or (start is not None and start >= event.date_earliest)
    before_end = event.date_latest is None or (end is not None and end <= event.date_latest)
    if not (after_start and before_end) or (start, end) == (event.date_earliest, event.date_latest):
        return
    old = event.date
    registry.do_update_event(actor, event, date=text)
    created.changed.append([event._meta.label_lower, event.pk, "date", old, text])


def _levels(actor: Actor, claim: Claim) -> tuple[str, ...]:
    """The levels ``claim`` is matched to the registry within (:func:`match_levels`)."""
    return match_levels(fact_level(claim), levels_of(actor))


def _accept_event(actor: Actor, claim: Claim, person: Person | None, created: Created) -> Model | None:
    value = claims.claim_value(claim, claims.EventValue)
    if value.type not in vocabulary("event_types"):
        raise ServiceError(f"{value.type!r} is not an event type: edit the claim")
    persons = _source_persons(actor, claim, value.persons)
    if person is not None and person not in persons:
        persons.append(person)
    if value.count is None and persons:
        event = _persons_event(actor, claim, value, persons, created)
    else:
        event = _collective(actor, claim, value, persons, created)
    if len(persons) == 1 and event.count is None:
        claim.person = persons[0]
        if event.type in VERDICT_TYPES:  # a verdict of one person: their case says its term
            record_case(actor, claim, persons[0], claims.CaseValue.from_json(claim.value), created, event=event)
    claim.event = event
    return event


def _place_named(actor: Actor, claim: Claim, name: str | None) -> Place | None:
    """The registry place ``name`` names (its name or an alias, any case), among those the
    claim is matched within; ``None`` when none or several do (the name stays in the claim)."""
    if name is None or name.strip() == "":
        return None
    wanted = " ".join(name.split()).casefold()
    found = [
        place
        for place in Place.objects.filter(confidentiality__in=_levels(actor, claim))
        if wanted in {place.name.casefold(), *(str(alias).casefold() for alias in place.aliases)}
    ]
    return found[0] if len(found) == 1 else None


def _new_event(actor: Actor, claim: Claim, value: claims.EventValue, sequence: int = 0) -> Event:
    return registry.do_create_event(
        actor,
        type=value.type,
        date=undated_as_reported(value.date, claim.source.date),
        sequence=sequence,
        place=_place_named(actor, claim, value.place),
        count=value.count,
        foreign_nationals=value.foreign_nationals,
        destinations=list(value.destinations),
        forced_exile=value.forced_exile,
        confidentiality=fact_level(claim),
    )


def _persons_event(
    actor: Actor, claim: Claim, value: claims.EventValue, persons: list[Person], created: Created
) -> Event:
    """The event of one or a few persons: for each, the compatible event the registry has of
    theirs (:func:`same_event`); the others take part in a new event. The claim supports the
    new event, else the first person's."""
    bounds = claim_bounds(value.date, claim.source.date)
    known = [same_event(each, value.type, bounds, levels=_levels(actor, claim)) for each in persons]
    newcomers = [each for each, event in zip(persons, known, strict=True) if event is None]
    text = undated_as_reported(value.date, claim.source.date)
    for found in {event.pk: event for event in known if event is not None}.values():
        _refine(actor, claim, found, bounds, text, created)
    if not newcomers:
        return next(event for event in known if event is not None)
    day = bounds[0] if bounds[0] is not None and bounds[0] == bounds[1] else None
    sequence = 0
    if day is not None:  # a day known exactly: the registry may say otherwise of that day
        sequence = max(_after_conflict(actor, claim, each, value.type, day, created) for each in newcomers)
    event = _new_event(actor, claim, value, sequence)
    created.add(event)
    for each in newcomers:
        created.add(registry.do_add_involvement(actor, event, person=each, confidentiality=fact_level(claim)))
    return event


def _collective(actor: Actor, claim: Claim, value: claims.EventValue, persons: list[Person], created: Created) -> Event:
    """A collective event (or one naming no accepted person): the registry's event of the same
    type and date (with the same count), else a new one; each person gets their own event
    within it."""
    event = _same_event(actor, claim, value)
    if event is None:
        event = _new_event(actor, claim, value)
        created.add(event)
    for each in persons:
        if event.count is not None:
            _individual_event(actor, each, event, claim, created)
        elif not Involvement.objects.filter(event=event, person=each).exists():
            created.add(registry.do_add_involvement(actor, event, person=each, confidentiality=fact_level(claim)))
    return event


def _accept_case(actor: Actor, claim: Claim, person: Person | None, created: Created) -> Model | None:
    target = _claim_person(actor, claim, person)
    value = claims.claim_value(claim, claims.CaseValue)
    if value.term_change != "":
        raise ServiceError(f"claim {claim.pk} changes a term: record it on the person's term section")
    claim.person = target
    case = record_case(actor, claim, target, value, created)
    claim.event = case.sentence_event
    return case


_ACCEPTORS: dict[str, Callable[[Any, Claim, Person | None, Created], Model | None]] = {
    ClaimKind.PERSON: _accept_person,
    ClaimKind.OCCUPATION: _accept_occupation,
    ClaimKind.MEMBERSHIP: _accept_membership,
    ClaimKind.HONOUR: _accept_honour,
    ClaimKind.STATUS: _accept_status,
    ClaimKind.EVENT: _accept_event,
    ClaimKind.CRIMINAL_CASE: _accept_case,
}


def in_accept_order(claims: Iterable[Claim]) -> list[Claim]:
    rank = {kind: i for i, kind in enumerate(ACCEPT_ORDER)}
    return sorted(claims, key=lambda c: (rank.get(c.kind, len(rank)), c.span_start or 0, c.pk))
