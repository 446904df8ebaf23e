"""What other apps tell the audit log: whose records it must explain, and who may read which entry.

The audit log depends on no app whose records it checks. An app registers here, from its
``AppConfig.ready``, the models every row of which an audit entry must explain
(:func:`audit_app`), the fields it keeps in step with another record without an entry of their
own and the check of those fields, and the rule that hides from a user the entries about records
they may not read (:func:`hide_entries`). :mod:`letapis.audit.verify` and the audit admin read
these registrations; the registry makes them (``letapis.registry.apps``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from letapis.access.levels import EVERYTHING, levels_for
from letapis.accounts.actor import Viewer

#: ``check(problem, limit)`` adds each mismatch it finds by calling ``problem(kind, text)``,
#: and stops after ``limit`` of them.
DerivedCheck = Callable[[Callable[[str, str], None], int], None]

#: ``hidden(user, entries)``: the ``(object_type, object_id)`` of ``entries`` that ``user`` may not read.
HiddenEntries = Callable[[Any, Iterable[Any]], set[tuple[str, str]]]


@dataclass(frozen=True)
class AuditedApp:
    """An app whose every row (but of the ``not_audited`` models) an audit entry explains."""

    label: str
    #: models (``app.model``) of derived data rebuilt from audited records: not checked
    not_audited: frozenset[str] = frozenset()
    #: per model, the fields kept in step by the services with another audited record
    derived: dict[str, frozenset[str]] = field(default_factory=dict)
    #: the check of those fields against the records they follow
    check_derived: DerivedCheck | None = None


_apps: dict[str, AuditedApp] = {}
_hidden: list[HiddenEntries] = []


def audit_app(app: AuditedApp) -> None:
    """Register ``app`` (again: the registration replaces the earlier one)."""
    _apps[app.label] = app


def audited_apps() -> list[AuditedApp]:
    return list(_apps.values())


def hide_entries(rule: HiddenEntries) -> None:
    """Register a rule saying which audit entries a user may not read (every rule applies)."""
    if rule not in _hidden:
        _hidden.append(rule)


def hidden_entries(user: Viewer, entries: Iterable[Any]) -> set[tuple[str, str]]:
    """The ``(object_type, object_id)`` of ``entries`` that some registered rule hides from ``user``;
    with no rule registered, every entry but for a user who reads every level (fail closed)."""
    entries = list(entries)
    if not _hidden and levels_for(user) != EVERYTHING:
        return {(e.object_type, e.object_id) for e in entries}
    hidden: set[tuple[str, str]] = set()
    for rule in _hidden:
        hidden |= rule(user, entries)
    return hidden
