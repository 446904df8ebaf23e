"""Follow-ups: each person's term, place of detention and last contact per audience tier, kept
in step with the records they are derived from.

:class:`~letapis.following.models.FollowUp` is a cache like
:class:`~letapis.registry.models.StatusSpan` (:mod:`letapis.registry.spans`): one row per person
and tier (``level``, :data:`letapis.access.TIERS`), computed only from the records the
tier reads, exactly as if the others did not exist:

* the held periods from the person's status-changing events as a victim (the involvement and
  the event of levels the tier reads — the same rule as the spans, recomputed here so that the
  order of the refreshes does not matter);
* the cases of levels the tier reads, with their term changes of levels it reads
  (:func:`letapis.following.terms.term_of` computes the term being served);
* the place now: the latest (in the registry's order) detention, sentence or transfer of the
  person as a victim that the tier reads, whose place is of a kind with ``detention: true`` and
  of a level the tier reads — none when it is older than the latest held period (re-arrested,
  the new place not yet known);
* the last contact: the latest ``date_latest`` of an event of a type with ``contact: true``
  that the tier reads, in which the person is involved (any role) by an involvement it reads.

A row is written for a person and tier when any of these exists; none otherwise.

Kept in step:

* every refresh of a person's status spans (:func:`letapis.registry.spans.refresh_spans`, which
  the signals of events and involvements and the merge call) refreshes their follow-ups too
  (:func:`connect` registers the hook);
* saves and deletes that change no status but change a follow-up — a case, a term change, a
  contact, an event's place, a place's kind or level — refresh the persons concerned through
  this module's signal handlers, joining :func:`letapis.registry.spans.deferred` when a bulk load
  runs inside it (each person once, on leaving);
* ``letapis dev follow-ups --rebuild`` and the synthetic registry rebuild them all
  (:func:`rebuild_all_follow_ups`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import Any

from django.db.models.signals import post_delete, post_save, pre_save

from letapis.access import TIERS
from letapis.following.models import FollowUp
from letapis.following.terms import CaseInput, ChangeInput, held_periods, term_of
from letapis.registry import spans
from letapis.registry.models import (
    Confidentiality,
    CriminalCase,
    Event,
    Involvement,
    InvolvementRole,
    Person,
    Place,
    TermChange,
)
from letapis.registry.status import registry_order
from letapis.vocab import vocabulary
from letapis.vocab.codes import EventType

#: The tiers that read a record of each level (as :mod:`letapis.registry.spans`).
_READ_BY: dict[str, tuple[str, ...]] = {
    level: tuple(tier for tier, levels in TIERS.items() if level in levels) for level in Confidentiality.values
}
#: Event types whose place is where the person is held from then on.
PLACE_TYPES = (EventType.DETENTION, EventType.SENTENCE, EventType.TRANSFER)

CHUNK = 500


@cache
def contact_types() -> tuple[str, ...]:
    """The event types with ``contact: true``: a sign of life from a held person."""
    return tuple(t.code for t in vocabulary("event_types") if t.extra.get("contact"))


@cache
def detention_kinds() -> tuple[str, ...]:
    """The place kinds with ``detention: true``."""
    return tuple(t.code for t in vocabulary("place_kinds") if t.extra.get("detention"))


def _tiers(*levels: str) -> tuple[str, ...]:
    """The tiers that read every one of ``levels``."""
    tiers = set(TIERS)
    for level in levels:
        tiers &= set(_READ_BY.get(level, ()))
    return tuple(tier for tier in TIERS if tier in tiers)


Key = tuple[int, str]


def _periods(person_ids: list[int] | None) -> dict[Key, list[Any]]:
    """The held periods of these persons (``None``: everyone) by (person, tier)."""
    rows = spans.status_involvements(person_ids)
    changes: dict[Key, list[spans.Change]] = defaultdict(list)
    earliest: dict[int, date | None] = {}
    for person_id, day, sequence, kind, event_id, level, event_level, first in rows.values_list(
        *spans.CHANGE_COLUMNS, "event__date_earliest"
    ).iterator(chunk_size=20_000):
        earliest[event_id] = first
        assert day is not None  # excluded by the filter
        for tier in _tiers(level, event_level):
            changes[(person_id, tier)].append((day, sequence, kind, event_id))
    periods: dict[Key, list[Any]] = {}
    for key, found in changes.items():
        rows_of = [
            (status, since, until, earliest.get(event_id)) for status, since, until, event_id in spans.spans_of(found)
        ]
        periods[key] = held_periods(rows_of, spans.OPEN_END)
    return periods


def _cases(person_ids: list[int] | None) -> dict[Key, list[CaseInput]]:
    """The cases of these persons with their term changes, by (person, tier)."""
    cases = CriminalCase.objects.all()
    changes = TermChange.objects.all()
    if person_ids is not None:
        cases = cases.filter(person_id__in=person_ids)
        changes = changes.filter(case__person_id__in=person_ids)
    by_case: dict[int, list[tuple[str, ChangeInput]]] = defaultdict(list)
    for change_id, case_id, kind, months, days, when, level in changes.values_list(
        "id", "case_id", "kind", "months", "days", "date", "confidentiality"
    ):
        by_case[case_id].append((level, ChangeInput(kind, months, days, when, change_id)))
    found: dict[Key, list[CaseInput]] = defaultdict(list)
    for case_id, person_id, kind, sentence_months, when, level in cases.values_list(
        "id", "person_id", "sentence_kind", "sentence_months", "sentence_date", "confidentiality"
    ):
        for tier in _tiers(level):
            mine = tuple(c for lvl, c in by_case.get(case_id, ()) if tier in _READ_BY.get(lvl, ()))
            found[(person_id, tier)].append(CaseInput(case_id, kind, sentence_months, when, mine))
    return found


def _places(person_ids: list[int] | None) -> dict[Key, tuple[int, date, int]]:
    """(place, since, event) now of these persons, by (person, tier)."""
    rows = Involvement.objects.filter(
        role=InvolvementRole.VICTIM,
        person__isnull=False,
        event__type__in=PLACE_TYPES,
        event__date_latest__isnull=False,
        event__place__kind__in=detention_kinds(),
    )
    if person_ids is not None:
        rows = rows.filter(person_id__in=person_ids)
    order = registry_order()
    best: dict[Key, tuple[Any, tuple[int, date, int]]] = {}
    for person_id, day, sequence, kind, event_id, place_id, level, event_level, place_level in rows.values_list(
        "person_id",
        "event__date_latest",
        "event__sequence",
        "event__type",
        "event_id",
        "event__place_id",
        "confidentiality",
        "event__confidentiality",
        "event__place__confidentiality",
    ).iterator(chunk_size=20_000):
        assert day is not None  # excluded by the filter
        rank = order(day, sequence, kind, event_id)
        for tier in _tiers(level, event_level, place_level):
            key = (person_id, tier)
            if key not in best or best[key][0] < rank:
                best[key] = (rank, (place_id, day, event_id))
    return {key: value for key, (_rank, value) in best.items()}


def _contacts(person_ids: list[int] | None) -> dict[Key, tuple[date, int]]:
    """(day, event) of the last contact of these persons, by (person, tier)."""
    rows = Involvement.objects.filter(
        person__isnull=False, event__type__in=contact_types(), event__date_latest__isnull=False
    )
    if person_ids is not None:
        rows = rows.filter(person_id__in=person_ids)
    best: dict[Key, tuple[date, int]] = {}
    for person_id, day, event_id, level, event_level in rows.values_list(
        "person_id", "event__date_latest", "event_id", "confidentiality", "event__confidentiality"
    ).iterator(chunk_size=20_000):
        assert day is not None  # excluded by the filter
        for tier in _tiers(level, event_level):
            key = (person_id, tier)
            if key not in best or best[key] < (day, event_id):
                best[key] = (day, event_id)
    return best


def follow_up_rows(person_ids: list[int] | None) -> list[FollowUp]:
    """The follow-up rows of these persons (``None``: everyone), unsaved."""
    periods = _periods(person_ids)
    cases = _cases(person_ids)
    places = _places(person_ids)
    contacts = _contacts(person_ids)
    rows: list[FollowUp] = []
    for person_id, tier in sorted(set(periods) | set(cases) | set(places) | set(contacts)):
        key = (person_id, tier)
        term = term_of(cases.get(key, []), periods.get(key, []))
        place = places.get(key)
        held = periods.get(key) or []
        if place is not None and held and place[1] < held[-1].start:
            place = None  # held somewhere not yet known since a re-arrest: not at the old place
        contact = contacts.get(key)
        if term is None and place is None and contact is None and not periods.get(key):
            continue
        rows.append(
            FollowUp(
                person_id=person_id,
                level=tier,
                case_id=None if term is None else term.case_id,
                custody_start=None if term is None else term.custody_start,
                end_earliest=None if term is None else term.end_earliest,
                end_latest=None if term is None else term.end_latest,
                reasoning=[] if term is None else term.steps,
                place_id=None if place is None else place[0],
                place_since=None if place is None else place[1],
                place_event_id=None if place is None else place[2],
                held_from=held[-1].start if held else None,
                held_until=(held[-1].end or spans.OPEN_END) if held else None,
                last_contact=None if contact is None else contact[0],
                contact_event_id=None if contact is None else contact[1],
            )
        )
    return rows


def refresh_follow_ups(person_ids: Iterable[int]) -> None:
    """Recompute the follow-ups of these persons, in every tier (call inside the transaction
    that changed their records)."""
    ids = sorted({pid for pid in person_ids if pid is not None})
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        rows = follow_up_rows(chunk)
        FollowUp.objects.filter(person_id__in=chunk).delete()
        FollowUp.objects.bulk_create(rows, batch_size=2000)


def rebuild_all_follow_ups() -> int:
    """Recompute every person's follow-ups (after a bulk load or a repair); returns how many."""
    FollowUp.objects.all().delete()
    ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    total = 0
    for start in range(0, len(ids), 5000):
        rows = follow_up_rows(ids[start : start + 5000])
        FollowUp.objects.bulk_create(rows, batch_size=2000)
        total += len(rows)
    return total


def _refresh(person_ids: Iterable[int | None]) -> None:
    """Refresh now, or with the spans on leaving :func:`letapis.registry.spans.deferred` (its
    refresh of the spans calls :func:`refresh_follow_ups` through the hook)."""
    ids = {pid for pid in person_ids if pid is not None}
    if not ids:
        return
    spans.now_or_deferred(ids, refresh_follow_ups)


# ---------------------------------------------------------------------------------------------
# Signals: what changes a follow-up but no status


def _case_changed(sender: Any, instance: CriminalCase, **kwargs: Any) -> None:
    if not kwargs.get("raw", False):
        _refresh([instance.person_id, getattr(instance, "_follow_previous", None)])


def _case_pre_save(sender: Any, instance: CriminalCase, **kwargs: Any) -> None:
    if instance.pk is not None and not kwargs.get("raw", False):
        instance._follow_previous = (  # type: ignore[attr-defined]  # the state before the save, kept on the instance for post_save
            CriminalCase.objects.filter(pk=instance.pk).values_list("person_id", flat=True).first()
        )


def _term_change_pre_save(sender: Any, instance: TermChange, **kwargs: Any) -> None:
    if instance.pk is not None and not kwargs.get("raw", False):
        instance._follow_previous = (  # type: ignore[attr-defined]  # the state before the save, kept on the instance for post_save
            TermChange.objects.filter(pk=instance.pk).values_list("case_id", flat=True).first()
        )


def _term_change_changed(sender: Any, instance: TermChange, **kwargs: Any) -> None:
    if kwargs.get("raw", False):
        return
    cases = {
        case_id for case_id in (instance.case_id, getattr(instance, "_follow_previous", None)) if case_id is not None
    }
    _refresh(CriminalCase.objects.filter(pk__in=cases).values_list("person_id", flat=True))


def _involvement_pre_save(sender: Any, instance: Involvement, **kwargs: Any) -> None:
    if instance.pk is not None and not kwargs.get("raw", False):
        instance._follow_previous = (  # type: ignore[attr-defined]  # the state before the save, kept on the instance for post_save
            Involvement.objects.filter(pk=instance.pk).values_list("person_id", flat=True).first()
        )


def _involvement_changed(sender: Any, instance: Involvement, **kwargs: Any) -> None:
    """A contact's involvement: the spans' handler refreshes the status-changing ones (and so
    the follow-ups), the rest are refreshed here — the person it names now and before."""
    if kwargs.get("raw", False):
        return
    previous = getattr(instance, "_follow_previous", None)
    instance._follow_previous = None  # type: ignore[attr-defined]  # the state before the save, kept on the instance for post_save
    if previous is not None and previous != instance.person_id:
        _refresh([previous])
    if instance.person_id is None:
        return
    event = instance._state.fields_cache.get("event")
    kind = (
        event.type
        if event is not None and event.pk == instance.event_id
        else Event.objects.filter(pk=instance.event_id).values_list("type", flat=True).first()
    )
    if kind is None or kind in contact_types():  # status-changing ones: the spans' hook
        _refresh([instance.person_id])


def _event_pre_save(sender: Any, instance: Event, **kwargs: Any) -> None:
    if instance.pk is not None and not kwargs.get("raw", False):
        instance._follow_previous = (  # type: ignore[attr-defined]  # the state before the save, kept on the instance for post_save
            Event.objects.filter(pk=instance.pk)
            .values_list("type", "date_latest", "sequence", "place_id", "confidentiality")
            .first()
        )


def _event_saved(sender: Any, instance: Event, created: bool = False, **kwargs: Any) -> None:
    if created or kwargs.get("raw", False):
        return
    before = getattr(instance, "_follow_previous", None)
    instance._follow_previous = None  # type: ignore[attr-defined]  # the state before the save, kept on the instance for post_save
    now = (instance.type, instance.date_latest, instance.sequence, instance.place_id, instance.confidentiality)
    if before == now:
        return
    watched = set(contact_types()) | set(PLACE_TYPES)
    if before is not None and before[0] not in watched and now[0] not in watched:
        return
    _refresh(Involvement.objects.filter(event_id=instance.pk, person__isnull=False).values_list("person_id", flat=True))


def _place_pre_save(sender: Any, instance: Place, **kwargs: Any) -> None:
    if instance.pk is not None and not kwargs.get("raw", False):
        instance._follow_previous = (  # type: ignore[attr-defined]  # the state before the save, kept on the instance for post_save
            Place.objects.filter(pk=instance.pk).values_list("kind", "confidentiality").first()
        )


def _place_saved(sender: Any, instance: Place, created: bool = False, **kwargs: Any) -> None:
    if created or kwargs.get("raw", False):
        return
    before = getattr(instance, "_follow_previous", None)
    instance._follow_previous = None  # type: ignore[attr-defined]  # the state before the save, kept on the instance for post_save
    if before == (instance.kind, instance.confidentiality):
        return
    _refresh(
        Involvement.objects.filter(event__place_id=instance.pk, person__isnull=False, event__type__in=PLACE_TYPES)
        .values_list("person_id", flat=True)
        .distinct()
    )


def _person_deleted(sender: Any, instance: Person, **kwargs: Any) -> None:
    """The cascade of a person's deletion deletes their records one model at a time, the person
    last, and the refreshes in between write rows for them again: remove those (the foreign keys
    are checked at the commit)."""
    FollowUp.objects.filter(person_id=instance.pk).delete()


def connect() -> None:
    """Keep the follow-ups in step (idempotent): after every refresh of status spans, and on
    the saves and deletes that change a follow-up and no status."""
    spans.add_refresh_hook(refresh_follow_ups)
    pre_save.connect(_case_pre_save, sender=CriminalCase, dispatch_uid="follow-case-pre")
    post_save.connect(_case_changed, sender=CriminalCase, dispatch_uid="follow-case-save")
    post_delete.connect(_case_changed, sender=CriminalCase, dispatch_uid="follow-case-delete")
    pre_save.connect(_term_change_pre_save, sender=TermChange, dispatch_uid="follow-term-change-pre")
    post_save.connect(_term_change_changed, sender=TermChange, dispatch_uid="follow-term-change-save")
    post_delete.connect(_term_change_changed, sender=TermChange, dispatch_uid="follow-term-change-delete")
    pre_save.connect(_involvement_pre_save, sender=Involvement, dispatch_uid="follow-involvement-pre")
    post_save.connect(_involvement_changed, sender=Involvement, dispatch_uid="follow-involvement-save")
    post_delete.connect(_involvement_changed, sender=Involvement, dispatch_uid="follow-involvement-delete")
    pre_save.connect(_event_pre_save, sender=Event, dispatch_uid="follow-event-pre")
    post_save.connect(_event_saved, sender=Event, dispatch_uid="follow-event-save")
    pre_save.connect(_place_pre_save, sender=Place, dispatch_uid="follow-place-pre")
    post_save.connect(_place_saved, sender=Place, dispatch_uid="follow-place-save")
    post_delete.connect(_person_deleted, sender=Person, dispatch_uid="follow-person-deleted")
