"""Checking the audit log: the hash chain, and the registry against it.

:func:`verify` makes two passes, each in batches so that it runs in bounded memory on a large
registry:

1. **The chain.** Every entry's hash is recomputed from its content and the hash before it, in
   order. An entry edited after it was written no longer matches its hash; an entry removed
   leaves the next one pointing at a predecessor that is not there; entries removed from the end
   leave the head (:class:`~letapis.audit.models.AuditHead`) out of step. The first entry that
   does not fit is named.
2. **The records.** For every audited record type (the models of the apps registered with
   :func:`letapis.audit.registration.audit_app`: the registry's), the record's *audited state*
   is rebuilt from its entries in order (a create gives every field; a later entry overwrites
   the fields its ``after`` names) and compared with the row in the database. A row changed
   behind the services' back (a direct ``UPDATE``) differs; a row inserted directly has no
   entry; a row deleted directly is gone although its last entry is not a delete.

The rule for fields that change without an entry of their own (documented in docs/safe-keeping.md):

* ``updated_at`` (set by the database on every save) and ``version`` (a counter for conflict
  checks, not a fact) are not compared;
* a field that no entry of the record names (e.g. a source's extracted ``text``, left out of its
  entry because it is large) is not compared;
* derived fields are kept in step by the services with another audited record rather than with
  an entry of their own (a person's ``display_name`` is the text of its primary name); the app
  that registers them checks them against that record instead (``AuditedApp.check_derived``).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models

from letapis.audit.log import GENESIS, entry_hash, snapshot
from letapis.audit.models import AuditEntry, AuditHead
from letapis.audit.registration import audited_apps
from letapis.crypto import EncryptedTextField, audit_matches

#: Entries and records are read this many at a time.
BATCH = 2000

#: Fields never compared: set on every save, or a counter rather than a fact.
IGNORED = frozenset({"updated_at", "version"})


def audited_models() -> list[type[models.Model]]:
    """The models whose every row must be explained by the audit log: those of the registered
    apps (:mod:`letapis.audit.registration`) but their derived data."""
    return [
        model
        for app in audited_apps()
        for model in apps.get_app_config(app.label).get_models()
        if model._meta.label_lower not in app.not_audited
    ]


def _derived_fields(label: str) -> frozenset[str]:
    return frozenset().union(*(app.derived.get(label, frozenset()) for app in audited_apps()))


@dataclass
class Problem:
    """One thing that does not fit, in one line."""

    kind: str  # chain, head, changed, unlogged, vanished, resurrected, derived
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass
class Report:
    entries: int = 0
    records: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return len(self.problems) == 0


# ---------------------------------------------------------------------------------------------
# The chain


def _entries_in_order() -> Iterator[tuple[Any, ...]]:
    last = 0
    columns = ("id", "prev_hash", "hash", "at", "actor_label", "action", "object_type", "object_id", "before", "after")
    while True:
        rows = list(AuditEntry.objects.filter(id__gt=last).order_by("id").values_list(*columns)[:BATCH])
        if len(rows) == 0:
            return
        yield from rows
        last = rows[-1][0]


def verify_chain(report: Report, *, limit: int = 20) -> None:
    """Recompute every hash in order; report the first entry that does not fit (and, after a
    break, re-synchronise on the stored hashes so that later breaks are reported too)."""
    expected_prev = GENESIS
    previous_id: int | None = None
    count = 0
    last_hash = GENESIS
    for pk, prev_hash, stored, at, actor, action, otype, oid, before, after in _entries_in_order():
        count += 1
        if prev_hash != expected_prev:
            where = "the start of the log" if previous_id is None else f"entry #{previous_id}"
            report.problems.append(
                Problem("chain", f"entry #{pk} does not follow {where}: an entry before it was removed or changed")
            )
        elif entry_hash(prev_hash, at.isoformat(), actor, action, otype, oid, before, after) != stored:
            report.problems.append(
                Problem(
                    "chain",
                    f"entry #{pk} ({action} {otype}:{oid}) does not match its hash: it was changed "
                    "after it was written",
                )
            )
        expected_prev = stored
        previous_id = pk
        last_hash = stored
        if len(report.problems) >= limit:
            break
    report.entries = count
    head = AuditHead.objects.filter(pk=1).first()
    head_hash, head_count = (GENESIS, 0) if head is None else (head.last_hash, head.count)
    if len(report.problems) < limit and (head_hash != last_hash or head_count != count):
        report.problems.append(
            Problem(
                "head",
                f"the log holds {count} entries up to entry #{previous_id}, but its head records "
                f"{head_count}: entries were removed (or added behind the services' back)",
            )
        )


# ---------------------------------------------------------------------------------------------
# The records


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _sort_key(value: str) -> tuple[int, str]:
    return (int(value), "") if value.isdigit() else (1 << 62, value)


def _fold(entries: list[tuple[str, Any]]) -> tuple[dict[str, Any], str]:
    """The audited state of one record from its entries (action, after) in order, and the last
    action."""
    state: dict[str, Any] = {}
    action = ""
    for action, after in entries:
        if action.endswith(".delete"):
            state = {}
        elif isinstance(after, dict):
            state.update(after)
    return state, action


def _describe(label: str, pk: str) -> str:
    return f"{label} {pk}"


def verify_model(
    model: type[models.Model], report: Report, *, limit: int = 50, progress: Callable[[int], None] | None = None
) -> None:
    """Compare every row of ``model`` with its audited state, in batches."""
    label = model._meta.label_lower
    fields = {f.attname for f in model._meta.concrete_fields}
    skip = IGNORED | _derived_fields(label)
    # encrypted fields: the log holds a digest (or, in entries older than the encryption, the text)
    sealed = {f.attname for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)}
    logged = set(AuditEntry.objects.filter(object_type=label).values_list("object_id", flat=True).distinct().iterator())
    existing = {str(pk) for pk in model._default_manager.values_list("pk", flat=True).iterator()}
    for ids in _chunks(sorted(logged | existing, key=_sort_key), BATCH // 2):
        rows = {str(obj.pk): obj for obj in model._default_manager.filter(pk__in=[i for i in ids if i in existing])}
        history: dict[str, list[tuple[str, Any]]] = defaultdict(list)
        for oid, action, after in (
            AuditEntry.objects.filter(object_type=label, object_id__in=ids)
            .order_by("id")
            .values_list("object_id", "action", "after")
        ):
            history[oid].append((action, after))
        for pk in ids:
            if len(report.problems) >= limit:
                return
            obj = rows.get(pk)
            if pk not in history:
                report.problems.append(
                    Problem(
                        "unlogged",
                        f"{_describe(label, pk)} has no audit entry: it was written behind the services' back",
                    )
                )
                continue
            state, last_action = _fold(history[pk])
            if obj is None:
                if not last_action.endswith(".delete"):
                    report.problems.append(
                        Problem(
                            "vanished",
                            f"{_describe(label, pk)} is gone, but its last "
                            f"audit entry is {last_action}: deleted directly",
                        )
                    )
                continue
            report.records += 1
            if last_action.endswith(".delete"):
                report.problems.append(
                    Problem(
                        "resurrected",
                        f"{_describe(label, pk)} exists, but its last audit entry deletes it: re-inserted directly",
                    )
                )
                continue
            current = snapshot(obj)
            changed = sorted(
                name
                for name in state.keys() & fields
                if name not in skip
                and (
                    not audit_matches(state[name], getattr(obj, name) or "")
                    if name in sealed
                    else current.get(name) != state[name]
                )
            )
            if changed:
                report.problems.append(
                    Problem(
                        "changed",
                        f"{_describe(label, pk)} differs from its audit log in "
                        f"{', '.join(changed)}: changed behind the services' back",
                    )
                )
        if progress is not None:
            progress(len(ids))


def verify_derived(report: Report, *, limit: int = 50) -> None:
    """Run each registered app's check of its derived fields (``AuditedApp.check_derived``)."""

    def problem(kind: str, text: str) -> None:
        report.problems.append(Problem(kind, text))

    for app in audited_apps():
        if app.check_derived is not None and len(report.problems) < limit:
            app.check_derived(problem, limit - len(report.problems))


def verify(*, chain: bool = True, records: bool = True, limit: int = 50) -> Report:
    """Check the chain and every audited record; returns a :class:`Report`."""
    started = time.perf_counter()
    report = Report()
    if chain:
        verify_chain(report, limit=limit)
    if records:
        for model in audited_models():
            verify_model(model, report, limit=limit)
        verify_derived(report, limit=limit)
    report.seconds = time.perf_counter() - started
    return report


def history(object_type: str, object_id: str) -> list[AuditEntry]:
    """Every audit entry of one record, oldest first."""
    return list(AuditEntry.objects.filter(object_type=object_type, object_id=str(object_id)).order_by("id"))
