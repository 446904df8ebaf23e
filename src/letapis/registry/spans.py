"""Status spans: the derived status of every person as intervals, kept in step with events.

Status is derived from events (:mod:`letapis.registry.status`); ranking every person's events
for every list and every month of a series is what makes a registry of 100,000 persons slow.
:class:`~letapis.registry.models.StatusSpan` keeps the result of that derivation: one row per
day on which a person's status is decided, from that day (``since``, inclusive) to the next such
day (``until``, exclusive; :data:`OPEN_END` for the latest). "Held on D" is then one indexed
range lookup: ``level = T AND status = 'held' AND since <= D AND until > D``.

Spans are kept per audience tier (``level``: ``public``, ``internal``, ``confidential``, the
tiers of :data:`letapis.access.TIERS`): the spans of a tier are derived only from the
involvements and events whose confidentiality that tier reads, exactly as if the others did not
exist — a confidential re-arrest is in the confidential tier's spans and in no other. Every
reader names the tier of its caller (:func:`letapis.access.tier_for`). A person whose
status-changing records are all public has the same spans in each tier, stored three times:
the simplest form, and the one whose every query is a covering index read of one tier.

The spans follow exactly the rules of :mod:`~letapis.registry.status` (partial dates count from
``date_latest``; same-day events ordered by sequence, the type's precedence, then entry), so the
property test can compare them with :func:`~letapis.registry.status.status_on`.

They are a cache, rebuilt per person from the events:

* every save or delete of an :class:`~letapis.registry.models.Involvement` or an
  :class:`~letapis.registry.models.Event` (the services, the admin, the review queue) that can
  change a status refreshes the persons concerned, inside the same transaction (:func:`connect`,
  called by the app). Saves that cannot are skipped: an involvement as a judge or a witness, or
  in an event that changes no status (a charge, a health alert) or has no date; an event edit
  that leaves its type, day, order and confidentiality alone (a change of an event's or an
  involvement's confidentiality changes what each tier sees, so it refreshes);
* code that changes involvements in bulk (``QuerySet.update``, ``bulk_create``: a merge of two
  persons, an import) calls :func:`refresh_spans` with the persons it touched;
* a bulk load through the services (the demo registry) runs inside :func:`deferred`: the signals
  collect the persons and each is refreshed once, on leaving, still inside the transaction;
* ``letapis dev spans --rebuild`` rebuilds them all (:func:`rebuild_all_spans`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save, pre_save

from letapis.access import TIERS
from letapis.registry.models import Confidentiality, Event, Involvement, InvolvementRole, StatusSpan
from letapis.registry.status import registry_order, status_effects

#: ``until`` of a span that has not ended.
OPEN_END = date(9999, 12, 31)

#: (day, sequence, event type, event id): one status-changing event of a person.
Change = tuple[date, int, str, int]

#: The tiers that read a record of each level: a record counts in a tier when both the
#: involvement and its event are of levels the tier reads.
_READ_BY: dict[str, tuple[str, ...]] = {
    level: tuple(tier for tier, levels in TIERS.items() if level in levels) for level in Confidentiality.values
}


def spans_of(changes: Iterable[Change]) -> list[tuple[str, date, date, int]]:
    """(status, since, until, event id) of one person's status-changing events: for each day,
    the last event of the day in the registry's order decides; the span lasts until the next
    such day."""
    order = registry_order()
    effects = status_effects()
    ordered = sorted(set(changes), key=lambda c: order(*c))
    last_of_day: list[Change] = []
    for change in ordered:
        if last_of_day and last_of_day[-1][0] == change[0]:
            last_of_day[-1] = change
        else:
            last_of_day.append(change)
    return [
        (effects[kind], day, last_of_day[i + 1][0] if i + 1 < len(last_of_day) else OPEN_END, event_id)
        for i, (day, _seq, kind, event_id) in enumerate(last_of_day)
    ]


#: What a status change is read as from an involvement: the person, the day, the order of the
#: day, the event's type and id, the levels of the involvement and of the event.
CHANGE_COLUMNS = (
    "person_id",
    "event__date_latest",
    "event__sequence",
    "event__type",
    "event_id",
    "confidentiality",
    "event__confidentiality",
)


def status_involvements(person_ids: Iterable[int] | None, involvements: Any = Involvement) -> Any:
    """The involvements as victims of these persons (``None``: everyone) in dated events that
    change a status: what status spans and held periods are derived from."""
    rows = involvements.objects.filter(
        role=InvolvementRole.VICTIM,
        person__isnull=False,
        event__type__in=list(status_effects()),
        event__date_latest__isnull=False,
    )
    return rows if person_ids is None else rows.filter(person_id__in=list(person_ids))


def _changes(person_ids: Iterable[int] | None, involvements: Any = Involvement) -> dict[tuple[int, str], list[Change]]:
    """The status-changing events of these persons (``None``: everyone) by (person, tier): an
    event counts in a tier when the involvement and the event are both of levels it reads.
    ``involvements`` is the model to read (a migration passes its historical one)."""
    rows = status_involvements(person_ids, involvements)
    changes: dict[tuple[int, str], list[Change]] = defaultdict(list)
    for person_id, day, sequence, kind, event_id, level, event_level in rows.values_list(*CHANGE_COLUMNS).iterator(
        chunk_size=20_000
    ):
        change = (day, sequence, kind, event_id)
        for tier in _READ_BY.get(level, ()):
            if tier in _READ_BY.get(event_level, ()):
                changes[(person_id, tier)].append(change)
    return changes


def span_rows(person_id: int, tier: str, changes: Iterable[Change], model: Any = StatusSpan) -> Iterator[Any]:
    for status, since, until, event_id in spans_of(changes):
        yield model(person_id=person_id, level=tier, status=status, since=since, until=until, event_id=event_id)


#: Called with the persons whose spans :func:`refresh_spans` has just recomputed: caches derived
#: from the spans and the same records (:mod:`letapis.following.refresh`) follow them.
_refresh_hooks: list[Callable[[list[int]], None]] = []


def add_refresh_hook(hook: Callable[[list[int]], None]) -> None:
    """Call ``hook`` with the persons of every :func:`refresh_spans` (idempotent)."""
    if hook not in _refresh_hooks:
        _refresh_hooks.append(hook)


def refresh_spans(person_ids: Iterable[int]) -> None:
    """Recompute the spans of these persons, in every tier, from their events (call inside the
    transaction that changed them); the caches that follow the spans are refreshed too."""
    ids = sorted({pid for pid in person_ids if pid is not None})
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        changes = _changes(chunk)
        StatusSpan.objects.filter(person_id__in=chunk).delete()
        StatusSpan.objects.bulk_create(
            [span for (pid, tier), found in sorted(changes.items()) for span in span_rows(pid, tier, found)],
            batch_size=2000,
        )
    if ids:
        for hook in _refresh_hooks:
            hook(ids)


def rebuild_all_spans(batch: int = 5000, *, involvements: Any = Involvement, spans: Any = StatusSpan) -> int:
    """Recompute every person's spans in every tier (after a bulk load, a repair, a migration:
    which passes its historical models); returns how many."""
    spans.objects.all().delete()
    total = 0
    pending: list[Any] = []
    for (person_id, tier), changes in _changes(None, involvements).items():
        pending.extend(span_rows(person_id, tier, changes, spans))
        if len(pending) >= batch:
            spans.objects.bulk_create(pending, batch_size=batch)
            total += len(pending)
            pending = []
    spans.objects.bulk_create(pending, batch_size=batch)
    return total + len(pending)


_pending: ContextVar[set[int] | None] = ContextVar("spans_pending", default=None)


@contextmanager
def deferred() -> Iterator[None]:
    """Refresh the spans of the persons changed inside this block once, on leaving it (use it
    inside the transaction, around many service calls that do not read status; also a
    decorator). Nested blocks join the outer one; on an exception nothing is refreshed (the
    transaction is being rolled back)."""
    if _pending.get() is not None:
        yield
        return
    pending: set[int] = set()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    refresh_spans(pending)


def now_or_deferred(person_ids: Iterable[int], refresh: Callable[[Iterable[int]], object]) -> None:
    """``refresh(person_ids)`` now; inside :func:`deferred`, the persons join those whose spans
    (and so, through the hook, their follow-ups) are refreshed once on leaving it."""
    pending = _pending.get()
    if pending is None:
        refresh(person_ids)
    else:
        pending.update(person_ids)


def _refresh(person_ids: Iterable[int]) -> None:
    now_or_deferred(person_ids, refresh_spans)


# ---------------------------------------------------------------------------------------------
# Keeping them in step: every save and delete of an involvement or an event


#: (person id, role, event id, confidentiality) of an involvement; (type, date_latest,
#: sequence, confidentiality) of an event.
_InvolvementState = tuple[int | None, str, int | None, str]
_EventState = tuple[str, date | None, int, str]


def _event_changes_status(event_id: int | None, instance: Involvement | None = None) -> bool:
    """Whether the event is one that can decide a status (a status-changing type, a date)."""
    if event_id is None:
        return False
    cached = None if instance is None else instance._state.fields_cache.get("event")
    if cached is not None and cached.pk == event_id:
        return cached.type in status_effects() and cached.date_latest is not None
    return Event.objects.filter(pk=event_id, type__in=list(status_effects()), date_latest__isnull=False).exists()


def _counts(state: _InvolvementState | None, instance: Involvement | None = None) -> bool:
    """Whether an involvement in this state takes part in its person's status."""
    if state is None:
        return False
    person_id, role, event_id, _level = state
    return person_id is not None and role == InvolvementRole.VICTIM and _event_changes_status(event_id, instance)


def _keep_previous(instance: Involvement | Event, rows: QuerySet[Any], fields: tuple[str, ...], **kwargs: Any) -> None:
    """Keep on ``instance`` (a pre_save's, ``rows`` its model's) the values of ``fields`` before
    the save, for the post_save handler; none for a new instance or a raw (fixture) save."""
    if instance.pk is not None and not kwargs.get("raw", False):
        instance._spans_previous = rows.filter(pk=instance.pk).values_list(*fields).first()  # type: ignore[union-attr]  # the state before the save, kept on the instance for post_save


def _involvement_pre_save(sender: Any, instance: Involvement, **kwargs: Any) -> None:
    _keep_previous(instance, Involvement.objects.all(), ("person_id", "role", "event_id", "confidentiality"), **kwargs)


def _involvement_changed(sender: Any, instance: Involvement, **kwargs: Any) -> None:
    """Refresh the persons whose status this save or delete may change — none when neither the
    old nor the new state counts (a judge, a witness, a health alert, an undated event)."""
    if kwargs.get("raw", False):
        return
    now: _InvolvementState = (instance.person_id, instance.role, instance.event_id, instance.confidentiality)
    before: _InvolvementState | None = getattr(instance, "_spans_previous", None)
    instance._spans_previous = None  # type: ignore[attr-defined]  # the state before the save, kept on the instance for post_save
    if before == now and "created" in kwargs:
        return  # saved again unchanged
    persons: set[int] = set()
    deleted = "created" not in kwargs
    person_id = now[0]
    if deleted and person_id is not None and now[1] == InvolvementRole.VICTIM:
        persons.add(person_id)  # its event may be going too: do not ask it, refresh
    elif person_id is not None and _counts(now, instance):
        persons.add(person_id)
    if before is not None and before != now and before[0] is not None and _counts(before):
        persons.add(before[0])
    if persons:
        _refresh(persons)


def _event_pre_save(sender: Any, instance: Event, **kwargs: Any) -> None:
    _keep_previous(instance, Event.objects.all(), ("type", "date_latest", "sequence", "confidentiality"), **kwargs)


def _event_saved(sender: Any, instance: Event, created: bool = False, **kwargs: Any) -> None:
    """Refresh the victims of an event whose type, day, order or confidentiality changed in a
    way that matters to status (the confidentiality decides which tiers count it); a new event
    has no involvements yet, and other edits (a description) change nothing."""
    if created or kwargs.get("raw", False):
        return
    before: _EventState | None = getattr(instance, "_spans_previous", None)
    instance._spans_previous = None  # type: ignore[attr-defined]  # the state before the save, kept on the instance for post_save
    now: _EventState = (instance.type, instance.date_latest, instance.sequence, instance.confidentiality)
    if before == now:
        return
    effects = status_effects()
    if before is not None and before[0] not in effects and now[0] not in effects:
        return  # neither the old nor the new type changes a status
    _refresh(
        Involvement.objects.filter(event_id=instance.pk, person__isnull=False, role=InvolvementRole.VICTIM)
        .values_list("person_id", flat=True)
        .distinct()
    )


def connect() -> None:
    """Refresh spans on every save and delete of involvements and events (idempotent)."""
    pre_save.connect(_involvement_pre_save, sender=Involvement, dispatch_uid="spans-involvement-pre")
    post_save.connect(_involvement_changed, sender=Involvement, dispatch_uid="spans-involvement-save")
    post_delete.connect(_involvement_changed, sender=Involvement, dispatch_uid="spans-involvement-delete")
    pre_save.connect(_event_pre_save, sender=Event, dispatch_uid="spans-event-pre")
    post_save.connect(_event_saved, sender=Event, dispatch_uid="spans-event-save")
