"""Who may see what: the one access rule of the project.

Three levels on every record: ``public``, ``internal`` (the team) and ``confidential`` (users
granted it: ``sees_confidential``, for admins and superusers too — the superuser flag opens the
Django admin's permissions, never a level); :mod:`letapis.access.levels` says who reads which.
Anonymous callers and public outputs see only public records of persons marked ``publishable``.
Every query that leaves the server — the read layer (:mod:`letapis.read`), the API, the pages,
the exports, search, following — narrows its records through these helpers, so that an output
for an audience is what it would be if the records that audience may not see did not exist.
Its tests are ``tests/test_access.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from letapis.access.levels import (
    EVERYTHING,
    ORDER,
    PUBLIC_ONLY,
    TEAM,
    TIERS,
    has_grant,
    is_public_only,
    is_stricter,
    levels_for,
    sees_originals,
    strictest,
    tier_for,
    tier_of,
)
from letapis.accounts.actor import Viewer
from letapis.registry.models import Claim, ClaimState, Event, Involvement, Membership, Organisation, Person, Source


def _shown(user: Viewer, prefix: str = "") -> Q:
    """The condition a person must meet for ``user`` to see them, on the fields of the person
    reached through ``prefix`` ("" for the person itself, "person__" through a foreign key)."""
    condition = Q(**{f"{prefix}merged_into__isnull": True, f"{prefix}confidentiality__in": levels_for(user)})
    if is_public_only(user):
        condition &= Q(**{f"{prefix}publishable": True})
    return condition


def visible_persons(user: Viewer, qs: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """Persons ``user`` may see: for the public, only public and publishable ones."""
    return (Person.objects.all() if qs is None else qs).filter(_shown(user))


def hidden_persons(user: Viewer) -> QuerySet[Person]:
    """The persons ``user`` may not see — the complement of :func:`visible_persons` (merged
    into another, of a level they may not read, or not publishable when they see public records
    only). For the team a small set: a count over everyone less the hidden ones is cheaper
    than a join of every row with its person."""
    return Person.objects.exclude(_shown(user))


def visible_person_q(user: Viewer, via: str = "person") -> Q:
    """The condition of :func:`visible_persons` on the person a record points to through ``via``:
    a join on that person's own fields. ``via__in=visible_persons(user)`` says the same, but
    SQLite evaluates such a subquery over the whole person table, once per query."""
    return _shown(user, f"{via}__")


def visible(user: Viewer, qs: QuerySet[Any]) -> QuerySet[Any]:
    """Records of any model with a ``confidentiality`` field that ``user`` may see."""
    return qs.filter(confidentiality__in=levels_for(user))


def visible_organisations(user: Viewer, qs: QuerySet[Organisation] | None = None) -> QuerySet[Organisation]:
    """Organisations ``user`` may see: of a level they read."""
    return visible(user, Organisation.objects.all() if qs is None else qs)


def membership_q(levels: Sequence[str]) -> Q:
    """The condition for a membership to be seen by a reader of ``levels``: the membership and
    its organisation are both of levels they read (the member is checked apart, e.g. with
    :func:`visible_person_q`)."""
    return Q(confidentiality__in=levels, organisation__confidentiality__in=levels)


def visible_memberships(user: Viewer, qs: QuerySet[Membership] | None = None) -> QuerySet[Membership]:
    """Memberships ``user`` may see (:func:`membership_q`; the member is checked apart)."""
    return (Membership.objects.all() if qs is None else qs).filter(membership_q(levels_for(user)))


def visible_sources(user: Viewer, qs: QuerySet[Source] | None = None) -> QuerySet[Source]:
    """Sources ``user`` may see: of a level they read."""
    return visible(user, Source.objects.all() if qs is None else qs)


def visible_q(user: Viewer, via: str) -> Q:
    """The condition of :func:`visible` on the record a row points to through ``via``: a join on
    that record's own level (a search hit's source), where ``via__in=visible(...)`` would list
    every visible record first, and a correlated ``Exists`` reads each whole row."""
    return Q(**{f"{via}__confidentiality__in": levels_for(user)})


def visible_events(user: Viewer, qs: QuerySet[Event] | None = None) -> QuerySet[Event]:
    """Events ``user`` may see: of a level they may read, and naming no person or at least one
    person they may see — so that the detention of a person who may not be published does not
    appear as an anonymous event (its description names them)."""
    qs = visible(user, Event.objects.all() if qs is None else qs)
    party = Involvement.objects.filter(event=OuterRef("pk"), person__isnull=False)
    shown = party.filter(visible_person_q(user), confidentiality__in=levels_for(user))
    return qs.filter(~Exists(party) | Exists(shown))


def visible_claims(user: Viewer, qs: QuerySet[Claim] | None = None) -> QuerySet[Claim]:
    """Claims ``user`` may see: of a level and from a source they may read, about no person or
    a person they may see, about no event or an event they may see (:func:`visible_events`);
    the public sees accepted claims only. A claim that supports a hidden event or names a hidden
    person is itself hidden: its quote and its source would say what the record does."""
    claims = visible(user, Claim.objects.all() if qs is None else qs).filter(
        source__confidentiality__in=levels_for(user)
    )
    if is_public_only(user):
        claims = claims.filter(state=ClaimState.ACCEPTED)
    claims = claims.filter(Q(person__isnull=True) | visible_person_q(user))
    # correlated, row by row: ``event__in=visible_events(user)`` is evaluated over every event
    # on SQLite (seconds at a million), where the claims asked for are a page's few
    shown_event = visible_events(user, Event.objects.filter(pk=OuterRef("event_id")))
    return claims.filter(Q(event__isnull=True) | Exists(shown_event))


def custody_sources(user: Viewer, qs: QuerySet[Source] | None = None) -> QuerySet[Source]:
    """Sources whose chain of custody — who brought the file in, from whom, each copy made and
    each time it left, the original's EXIF and GPS — and whose file ``user`` may read: the
    team's (viewer and up), of the levels they read. Never the public's, even for a public
    source: the origin may name a person who gave the file."""
    qs = Source.objects.all() if qs is None else qs
    if user is None or not user.is_authenticated or not user.has_role("viewer"):
        return qs.none()
    return visible(user, qs)


def visible_names(user: Viewer, qs: QuerySet[Any] | None = None) -> QuerySet[Any]:
    """Name forms ``user`` may see (of their persons' forms: the person is checked apart)."""
    from letapis.registry.models import NameVariant

    return visible(user, NameVariant.objects.all() if qs is None else qs)


def visible_places(user: Viewer, qs: QuerySet[Any] | None = None) -> QuerySet[Any]:
    from letapis.registry.models import Place

    return visible(user, Place.objects.all() if qs is None else qs)


def place_shown(user: Viewer, place: Any) -> Any:
    """``place`` when ``user`` may see it, else ``None`` (as if the event had no place)."""
    if place is None or place.confidentiality not in levels_for(user):
        return None
    return place


def shown_names(user: Viewer, names: Any) -> list[Any]:
    """Of ``names`` (name forms already read, e.g. prefetched), those ``user`` may see."""
    levels = levels_for(user)
    return [n for n in names if n.confidentiality in levels]


def same_file_sources(user: Viewer, sha256: str) -> QuerySet[Source]:
    """The sources holding the file ``sha256`` that ``user`` may see, oldest first: what an
    upload of that file is a duplicate of. A source they may not see is not one: for them it
    does not exist, and their upload becomes a source of its own."""
    return visible(user, Source.objects.filter(sha256=sha256)).order_by("id")


def _has_level(model: Any) -> bool:
    return any(f.name == "confidentiality" for f in model._meta.concrete_fields)


def _guarded(model: Any, seen: frozenset[Any]) -> bool:
    """Whether records of ``model`` carry a level, themselves or through a record they point to."""
    if _has_level(model):
        return True
    return any(
        f.many_to_one and f.related_model not in seen and _guarded(f.related_model, seen | {model})
        for f in model._meta.concrete_fields
        if f.is_relation
    )


def _within_levels_q(user: Viewer, model: Any, seen: frozenset[Any]) -> Q:
    levels = levels_for(user)
    condition = Q(confidentiality__in=levels) if _has_level(model) else Q()
    for f in model._meta.concrete_fields:
        if not (f.is_relation and f.many_to_one):
            continue
        target = f.related_model
        if target is model or target in seen:  # a parent, a merge: its own level only
            if _has_level(target):
                condition &= Q(**{f"{f.name}__isnull": True}) | Q(**{f"{f.name}__confidentiality__in": levels})
        elif target is Event:
            condition &= Q(**{f"{f.name}__isnull": True}) | Q(**{f"{f.name}__in": visible_events(user)})
        elif _guarded(target, seen | {model}):
            inner = target._default_manager.filter(_within_levels_q(user, target, seen | {model}))
            condition &= Q(**{f"{f.name}__isnull": True}) | Q(**{f"{f.name}__in": inner})
    return condition


def within_levels(user: Viewer, qs: QuerySet[Any]) -> QuerySet[Any]:
    """Records of any model that ``user`` may read at all: of a level they read, and pointing only
    to records of levels they read (a note of a confidential person, the membership of a
    confidential organisation, a claim of a confidential source are confidential with it).
    The team's working view — the Django admin, the audit history — where merged and
    unpublishable records stay listed; what the public sees is :func:`visible_persons` and friends."""
    if levels_for(user) == EVERYTHING:
        return qs
    model = qs.model
    if model is Event:
        qs = visible_events(user, qs)
    return qs.filter(_within_levels_q(user, model, frozenset()))


def visible_jobs(user: Viewer, qs: QuerySet[Any]) -> QuerySet[Any]:
    """Background jobs whose payload names a level (an upload's) that ``user`` reads."""
    if levels_for(user) == EVERYTHING:
        return qs
    return qs.filter(~Q(payload__has_key="confidentiality") | Q(payload__confidentiality__in=levels_for(user)))


#: Keys of an audit snapshot that point to a record whose level the entry shares.
_SNAPSHOT_LINKS = {
    "person_id": "registry.person",
    "event_id": "registry.event",
    "source_id": "registry.source",
    "organisation_id": "registry.organisation",
    "claim_id": "registry.claim",
}


def hidden_audit_keys(user: Viewer, entries: Iterable[Any]) -> set[tuple[str, str]]:
    """The ``(object_type, object_id)`` of audit ``entries`` about records ``user`` may not read:
    of such a level now (:func:`within_levels`) or when the entry was written (its before/after),
    or pointing to such a record (a name of a confidential person, a note of a hidden event) —
    deleted records included, by their snapshots. One query per record type."""
    from django.apps import apps

    levels = levels_for(user)
    if levels == EVERYTHING:
        return set()
    entries = list(entries)
    keys: set[tuple[str, str]] = set()
    wanted: dict[str, set[int]] = {}
    for e in entries:
        for state in (e.before, e.after):
            if not isinstance(state, dict):
                continue
            if state.get("confidentiality") not in (None, *levels):
                keys.add((e.object_type, e.object_id))
            for key, label in _SNAPSHOT_LINKS.items():
                if isinstance(state.get(key), int):
                    wanted.setdefault(label, set()).add(state[key])
        if e.object_id.isdigit():
            wanted.setdefault(e.object_type, set()).add(int(e.object_id))
    hidden: set[tuple[str, int]] = set()
    for label, ids in wanted.items():
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        if not _guarded(model, frozenset()):
            continue
        present = set(model._default_manager.filter(pk__in=ids).values_list("pk", flat=True))
        readable = set(within_levels(user, model._default_manager.filter(pk__in=present)).values_list("pk", flat=True))
        hidden.update((label, pk) for pk in present - readable)
    for e in entries:
        if e.object_id.isdigit() and (e.object_type, int(e.object_id)) in hidden:
            keys.add((e.object_type, e.object_id))
            continue
        for state in (e.before, e.after):
            if isinstance(state, dict) and any(
                (label, state.get(key)) in hidden for key, label in _SNAPSHOT_LINKS.items()
            ):
                keys.add((e.object_type, e.object_id))
    return keys


__all__ = [
    "EVERYTHING",
    "ORDER",
    "PUBLIC_ONLY",
    "TEAM",
    "TIERS",
    "custody_sources",
    "has_grant",
    "hidden_audit_keys",
    "hidden_persons",
    "is_public_only",
    "is_stricter",
    "levels_for",
    "membership_q",
    "place_shown",
    "same_file_sources",
    "sees_originals",
    "shown_names",
    "strictest",
    "tier_for",
    "tier_of",
    "visible",
    "visible_claims",
    "visible_events",
    "visible_jobs",
    "visible_memberships",
    "visible_names",
    "visible_organisations",
    "visible_person_q",
    "visible_persons",
    "visible_places",
    "visible_q",
    "visible_sources",
    "within_levels",
]
