"""The history of one record, for people: what each audit entry changed, field by field.

Used by ``letapis audit history`` and by the admin's history page of every registry record.
Fields encrypted at rest are kept in the log as a keyed digest, never as text
(:mod:`letapis.crypto`); they are shown as "(encrypted)" so that a change is visible but its
content is not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from letapis.audit.models import AuditEntry

#: Bookkeeping fields not worth a line in a history.
QUIET = frozenset({"id", "updated_at", "created_at", "version"})


@dataclass(frozen=True)
class Change:
    field: str
    before: Any
    after: Any


def _shown(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("hmac-sha256:"):
        return "(encrypted)"
    return value


def changes(entry: AuditEntry) -> list[Change]:
    """The fields an entry set or changed (a create lists every non-empty field; a delete, none)."""
    before = entry.before if isinstance(entry.before, dict) else {}
    after = entry.after if isinstance(entry.after, dict) else None
    if after is None:
        return []
    out: list[Change] = []
    for name in sorted(after):
        if name in QUIET:
            continue
        old = before.get(name)
        new = after[name]
        if entry.before is None:
            if new in (None, "", [], {}):
                continue
        elif name in before and old == new:
            continue
        shown_old, shown_new = _shown(old), _shown(new)
        if shown_old == shown_new == "(encrypted)":
            shown_old, shown_new = "(encrypted)", "(encrypted, changed)"
        out.append(Change(name, shown_old, shown_new))
    return out
