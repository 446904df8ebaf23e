"""The levels and who reads which: the part of the access rule that needs no record.

Three levels, from the most open to the strictest: ``public``, ``internal`` (the team) and
``confidential`` (users granted it: ``sees_confidential``, admins and superusers too — the
superuser flag opens the Django admin's permissions, never a level). Anonymous callers read
public records only. The records each level opens are decided in :mod:`letapis.access`; this
module imports no model, so that the audit log (which must not depend on the registry) can ask
whether a user reads every level.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a name for annotations: the levels import nothing at run time
    from letapis.accounts.actor import Viewer

PUBLIC = "public"
INTERNAL = "internal"
CONFIDENTIAL = "confidential"

PUBLIC_ONLY = (PUBLIC,)
TEAM = (PUBLIC, INTERNAL)
EVERYTHING = (PUBLIC, INTERNAL, CONFIDENTIAL)


def levels_for(user: Viewer) -> tuple[str, ...]:
    """The confidentiality levels ``user`` may read (``None`` or anonymous: public only)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return PUBLIC_ONLY
    if getattr(user, "sees_confidential", False):
        return EVERYTHING
    return TEAM


#: The audience tiers, each named by the highest level it reads (the ``level`` of a
#: ``StatusSpan``), with the levels it reads.
TIERS: dict[str, tuple[str, ...]] = {
    PUBLIC: PUBLIC_ONLY,
    INTERNAL: TEAM,
    CONFIDENTIAL: EVERYTHING,
}


def tier_of(levels: Sequence[str]) -> str:
    """The tier of a caller who reads ``levels`` (one of :data:`PUBLIC_ONLY`, :data:`TEAM`,
    :data:`EVERYTHING`): the highest level they read."""
    for tier in (CONFIDENTIAL, INTERNAL):
        if tier in levels:
            return tier
    return PUBLIC


def tier_for(user: Viewer) -> str:
    """The tier whose status spans ``user`` reads: a status, its "since" and every list or count
    built on them are derived from the events and involvements of the levels ``user`` may see,
    as if the others did not exist."""
    return tier_of(levels_for(user))


def is_public_only(user: Viewer) -> bool:
    return levels_for(user) == PUBLIC_ONLY


#: The levels from the most open to the strictest.
ORDER = {PUBLIC: 0, INTERNAL: 1, CONFIDENTIAL: 2}


def _rank(level: str) -> int:
    if level not in ORDER:
        raise ValueError(f"{level!r} is not a confidentiality level")
    return ORDER[level]


def strictest(*levels: str) -> str:
    """The strictest of ``levels``: what a fact accepted from a claim of a source is marked
    (a confidential source makes every fact taken from it confidential)."""
    return max(levels, key=lambda level: _rank(level))


def is_stricter(level: str, than: str) -> bool:
    return _rank(level) > _rank(than)


def has_grant(user: Viewer) -> bool:
    """Whether ``user`` holds the confidential grant (reads confidential records, and may lower
    a record's level or mark one confidential)."""
    return CONFIDENTIAL in levels_for(user)


def sees_originals(user: Viewer) -> bool:
    """Whether ``user`` downloads a source's original file untouched (the evidentiary copy, with
    its camera metadata: EXIF, GPS) rather than the working copy stripped of it. The project has
    one grant, the confidential one: its holders get the original; everyone else, the stripped
    copy. (Who may download a source's file at all is who may see the source, in the team.)"""
    return has_grant(user)
