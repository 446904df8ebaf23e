"""Status spans: the derived status of every person as intervals, kept in step with events.

Status is derived from events (:mod:`letapis.registry.status`); ranking every person's events
for every list and every month of a series is what makes a registry of 100,000 persons slow.
:class:`~letapis.registry.models.StatusSpan` keeps the result of that derivation: one row per
day on which a person's status is decided, from that day (``since``, inclusive) to the next such
day (``until``, exclusive; :data:`OPEN_END` for the latest). "Held on D" is then one indexed
range lookup: ``status = 'held' AND since <= D AND until > D``.

The spans follow exactly the rules of :mod:`~letapis.registry.status` (partial dates count from
``date_latest``; same-day events ordered by sequence, the type's precedence, then entry), so the
property test can compare them with :func:`~letapis.registry.status.status_on`.

They are a cache, rebuilt per person from the events:

* every save or delete of an :class:`~letapis.registry.models.Involvement` or an
  :class:`~letapis.registry.models.Event` (the services, the admin, the review queue) refreshes
  the persons concerned, inside the same transaction (:func:`connect`, called by the app);
* code that changes involvements in bulk (``QuerySet.update``, ``bulk_create``: a merge of two
  persons, an import) calls :func:`refresh_spans` with the persons it touched;
* ``letapis dev spans --rebuild`` rebuilds them all (:func:`rebuild_all_spans`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from django.db.models.signals import post_delete, post_save, pre_save

from letapis.registry.models import Event, Involvement, InvolvementRole, StatusSpan
from letapis.registry.status import precedence, status_effects

#: ``until`` of a span that has not ended.
OPEN_END = date(9999, 12, 31)

#: (day, sequence, event type, event id): one status-changing event of a person.
Change = tuple[date, int, str, int]


def spans_of(changes: Iterable[Change]) -> list[tuple[str, date, date, int]]:
    """(status, since, until, event id) of one person's status-changing events: for each day,
    the last event of the day in the registry's order decides; the span lasts until the next
    such day."""
    rank = precedence()
    effects = status_effects()
    ordered = sorted(set(changes), key=lambda c: (c[0], c[1], rank.get(c[2], 50), c[3]))
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


def _changes(person_ids: Iterable[int] | None) -> dict[int, list[Change]]:
    rows = Involvement.objects.filter(
        role=InvolvementRole.VICTIM,
        person__isnull=False,
        event__type__in=list(status_effects()),
        event__date_latest__isnull=False,
    )
    if person_ids is not None:
        rows = rows.filter(person_id__in=list(person_ids))
    changes: dict[int, list[Change]] = defaultdict(list)
    for person_id, day, sequence, kind, event_id in rows.values_list(
        "person_id", "event__date_latest", "event__sequence", "event__type", "event_id"
    ).iterator(chunk_size=20_000):
        changes[person_id].append((day, sequence, kind, event_id))
    return changes


def span_rows(person_id: int, changes: Iterable[Change]) -> Iterator[StatusSpan]:
    for status, since, until, event_id in spans_of(changes):
        yield StatusSpan(person_id=person_id, status=status, since=since, until=until, event_id=event_id)


def refresh_spans(person_ids: Iterable[int]) -> None:
    """Recompute the spans of these persons from their events (call inside the transaction
    that changed them)."""
    ids = sorted({pid for pid in person_ids if pid is not None})
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        changes = _changes(chunk)
        StatusSpan.objects.filter(person_id__in=chunk).delete()
        StatusSpan.objects.bulk_create(
            [span for pid in chunk for span in span_rows(pid, changes.get(pid, []))], batch_size=2000
        )


def rebuild_all_spans(batch: int = 5000) -> int:
    """Recompute every person's spans (after a bulk load or a repair); returns how many."""
    StatusSpan.objects.all().delete()
    total = 0
    pending: list[StatusSpan] = []
    for person_id, changes in _changes(None).items():
        pending.extend(span_rows(person_id, changes))
        if len(pending) >= batch:
            StatusSpan.objects.bulk_create(pending, batch_size=batch)
            total += len(pending)
            pending = []
    StatusSpan.objects.bulk_create(pending, batch_size=batch)
    return total + len(pending)


# ---------------------------------------------------------------------------------------------
# Keeping them in step: every save and delete of an involvement or an event


def _involvement_pre_save(sender: Any, instance: Involvement, **kwargs: Any) -> None:
    if instance.pk is not None and not kwargs.get("raw", False):
        instance._spans_previous_person = (  # type: ignore[attr-defined]
            Involvement.objects.filter(pk=instance.pk).values_list("person_id", flat=True).first()
        )


def _involvement_changed(sender: Any, instance: Involvement, **kwargs: Any) -> None:
    if kwargs.get("raw", False):
        return
    refresh_spans([instance.person_id, getattr(instance, "_spans_previous_person", None)])  # type: ignore[list-item]


def _event_saved(sender: Any, instance: Event, created: bool = False, **kwargs: Any) -> None:
    if created or kwargs.get("raw", False):
        return  # a new event has no involvements yet
    refresh_spans(
        Involvement.objects.filter(event_id=instance.pk, person__isnull=False).values_list("person_id", flat=True)
    )


def connect() -> None:
    """Refresh spans on every save and delete of involvements and events (idempotent)."""
    pre_save.connect(_involvement_pre_save, sender=Involvement, dispatch_uid="spans-involvement-pre")
    post_save.connect(_involvement_changed, sender=Involvement, dispatch_uid="spans-involvement-save")
    post_delete.connect(_involvement_changed, sender=Involvement, dispatch_uid="spans-involvement-delete")
    post_save.connect(_event_saved, sender=Event, dispatch_uid="spans-event-save")
