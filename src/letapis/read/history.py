"""The history of a person or an event: the audit entries of the record and of what belongs to
it, as the caller may see them.

A person's history holds the entries of the person, of every name, occupation, honour,
membership, note, external identifier, involvement and criminal case that was ever theirs (found
by the ``person_id`` of the entries' snapshots, so removed and merged-away records are
included), and of the events they are involved in. An event's, those of the event and of its
involvements and notes.

What the caller may not read is left out as if it did not exist: every entry of a record that
is of a level they do not read — now, or in any entry — or that points to such a record
(:func:`letapis.access.hidden_audit_keys`). A value naming another record (a place, a court, a
judge, a source) is given only when the caller may see that record (:func:`shown_links`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q

from letapis import access
from letapis.accounts.actor import Viewer
from letapis.audit.history import Change, changes
from letapis.audit.models import AuditEntry
from letapis.registry.models import Claim, ClaimState, Event, Organisation, Person, Place, Source

#: The records of a person, found by the ``person_id`` in their entries.
PERSON_PARTS = (
    "registry.namevariant",
    "registry.occupation",
    "registry.honour",
    "registry.membership",
    "registry.note",
    "registry.externalid",
    "registry.involvement",
    "registry.criminalcase",
)
#: The records of an event, found by the ``event_id`` in their entries.
EVENT_PARTS = ("registry.involvement", "registry.note")

#: At most this many entries, the newest.
LIMIT = 500

#: Fields of snapshots that name another record, and its model.
LINKS: dict[str, type[Any]] = {
    "person_id": Person,
    "judge_id": Person,
    "organisation_id": Organisation,
    "court_id": Organisation,
    "place_id": Place,
    "event_id": Event,
    "sentence_event_id": Event,
    "parent_id": Event,
    "source_id": Source,
}

#: Fields only a caller with the confidential grant reads, whatever the level of their record.
GRANTED_FIELDS = frozenset({"contacts"})
#: Fields derived from others (a person's shown name, a name's script and keys, an event's days):
#: their change is told by the change they follow.
DERIVED_FIELDS = frozenset(
    {"display_name", "name_key", "search_text", "script", "language", "date_earliest", "date_latest"}
)


@dataclass(frozen=True)
class Step:
    """One entry of a history, as the caller may see it: its changes (field, before, after)
    and the sources that support the record it is about (their ids)."""

    entry: AuditEntry
    changes: list[Change]
    sources: list[int]


def _entries_of(keys: Iterable[tuple[str, str]]) -> list[AuditEntry]:
    by_type: dict[str, set[str]] = defaultdict(set)
    for object_type, object_id in keys:
        by_type[object_type].add(object_id)
    if not by_type:
        return []
    query = reduce(or_, (Q(object_type=t, object_id__in=sorted(ids)) for t, ids in by_type.items()))
    return list(AuditEntry.objects.filter(query).order_by("-id")[:LIMIT])


def _keys_naming(parts: tuple[str, ...], field: str, pk: int) -> set[tuple[str, str]]:
    """The records of ``parts`` whose entries name ``pk`` in ``field`` (before or after)."""
    named = Q(**{f"after__{field}": pk}) | Q(**{f"before__{field}": pk})
    return set(AuditEntry.objects.filter(named, object_type__in=parts).values_list("object_type", "object_id"))


def _linked(entries: Iterable[AuditEntry], field: str) -> set[int]:
    return {
        state[field]
        for e in entries
        for state in (e.before, e.after)
        if isinstance(state, dict) and isinstance(state.get(field), int)
    }


def person_history(person: Person, user: Viewer) -> list[Step]:
    """The history of ``person`` (one :func:`~letapis.access.visible_persons` of ``user``), newest first."""
    keys = {("registry.person", str(person.pk))} | _keys_naming(PERSON_PARTS, "person_id", person.pk)
    own = _entries_of(keys)
    involvements = [e for e in own if e.object_type == "registry.involvement"]
    events = {("registry.event", str(pk)) for pk in _linked(involvements, "event_id")}
    return _steps(sorted([*own, *_entries_of(events)], key=lambda e: -e.pk)[:LIMIT], user)


def event_history(event: Event, user: Viewer) -> list[Step]:
    """The history of ``event`` (one :func:`~letapis.access.visible_events` of ``user``), newest first."""
    keys = {("registry.event", str(event.pk))} | _keys_naming(EVENT_PARTS, "event_id", event.pk)
    return _steps(_entries_of(keys), user)


def _steps(entries: list[AuditEntry], user: Viewer) -> list[Step]:
    """The entries ``user`` may read, each with what it changed that they may read."""
    hidden = access.hidden_audit_keys(user, entries)
    shown = [e for e in entries if (e.object_type, e.object_id) not in hidden]
    return [step for step in described(shown, user) if step.changes or not changes(step.entry)]


def described(entries: list[AuditEntry], user: Viewer) -> list[Step]:
    """``entries`` (which the caller has checked ``user`` may read) as steps: the changes of
    each but those derived from another and those only the grant reads (a step whose every change
    is such has none), with the sources ``user`` may see of the record it is about."""
    sources = _sources(entries, user)
    granted = access.has_grant(user)
    return [
        Step(
            entry=e,
            changes=[
                c for c in changes(e) if c.field not in DERIVED_FIELDS and (granted or c.field not in GRANTED_FIELDS)
            ],
            sources=sources.get((e.object_type, e.object_id), []),
        )
        for e in entries
    ]


def _sources(entries: list[AuditEntry], user: Viewer) -> dict[tuple[str, str], list[int]]:
    """The sources of the accepted claims ``user`` may see that support each record."""
    ids: dict[str, set[int]] = defaultdict(set)
    for e in entries:
        if e.object_id.isdigit():
            ids[e.object_type].add(int(e.object_id))
    if not ids:
        return {}
    query = reduce(or_, (Q(record_type=t, record_id__in=sorted(pks)) for t, pks in ids.items()))
    claims = access.visible_claims(user, Claim.objects.filter(query, state=ClaimState.ACCEPTED))
    found: dict[tuple[str, str], list[int]] = defaultdict(list)
    for record_type, record_id, source_id in claims.order_by("id").values_list("record_type", "record_id", "source_id"):
        if source_id not in found[(record_type, str(record_id))]:
            found[(record_type, str(record_id))].append(source_id)
    return found


def shown_links(steps: Iterable[Step], user: Viewer) -> dict[tuple[str, int], str]:
    """The names of the records the steps' values point to that ``user`` may see, by
    ``(field, id)``: one query per kind of record."""
    wanted: dict[type[Any], set[int]] = defaultdict(set)
    for step in steps:
        if step.entry.object_type == "registry.person" and step.entry.object_id.isdigit():
            wanted[Person].add(int(step.entry.object_id))  # the person's name shown now
        for state in (step.entry.before, step.entry.after):
            if not isinstance(state, dict):
                continue
            for field, model in LINKS.items():
                if isinstance(state.get(field), int):
                    wanted[model].add(state[field])
    names: dict[tuple[type[Any], int], str] = {}
    for model, pks in wanted.items():
        rows: Iterable[tuple[int, str]]
        if model is Person:
            rows = access.visible_persons(user).filter(pk__in=pks).values_list("pk", "display_name")
        elif model is Event:
            rows = [(e.pk, str(e)) for e in access.visible_events(user).filter(pk__in=pks)]
        elif model is Source:
            rows = [(s.pk, str(s)) for s in access.visible_sources(user).filter(pk__in=pks)]
        elif model is Place:
            rows = access.visible_places(user, Place.objects.filter(pk__in=pks)).values_list("pk", "name")
        else:
            rows = access.visible_organisations(user).filter(pk__in=pks).values_list("pk", "name")
        names.update(((model, pk), name) for pk, name in rows)
    return {(field, pk): names[(model, pk)] for field, model in LINKS.items() for (m, pk) in names if m is model}


__all__ = [
    "EVENT_PARTS",
    "described",
    "PERSON_PARTS",
    "Step",
    "event_history",
    "person_history",
    "shown_links",
]
