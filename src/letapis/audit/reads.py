"""The read audit: who opened which confidential record or export, and when.

Views, API operations and exports call :func:`record_read` for what they are about to show; it
writes a :class:`~letapis.audit.models.ReadRecord` only for a signed-in user and a record of the
``confidential`` level (an export: only when its data included confidential records).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone

from letapis.accounts.actor import Actor, Viewer
from letapis.audit.log import actor_label_of
from letapis.audit.models import ReadRecord

if TYPE_CHECKING:
    from letapis.accounts.models import User

CONFIDENTIAL = "confidential"


def _who(user: Viewer) -> Actor:
    return user if user is not None and user.is_authenticated else None


def record_read(user: Viewer, obj: models.Model, how: str) -> ReadRecord | None:
    """Record that ``user`` opened ``obj`` through ``how`` (``web``, ``api``…) when ``obj`` is
    confidential; nothing for other levels or anonymous callers (who never see such records)."""
    who = _who(user)
    if who is None or getattr(obj, "confidentiality", None) != CONFIDENTIAL:
        return None
    return _write(who, obj._meta.label_lower, str(obj.pk), how)


def record_reads(user: Viewer, objs: Iterable[models.Model], how: str) -> None:
    """:func:`record_read` for each of ``objs`` (the confidential notes a page shows)."""
    for obj in objs:
        record_read(user, obj, how)


def record_export(user: Viewer, what: str, how: str = "export") -> ReadRecord | None:
    """Record an export of confidential data (``what``: its format or name)."""
    who = _who(user)
    if who is None:
        return None
    return _write(who, "export", what[:64], how)


def _write(user: User, object_type: str, object_id: str, how: str) -> ReadRecord:
    return ReadRecord.objects.create(
        at=timezone.now(),
        user=user if user.pk is not None else None,
        user_label=actor_label_of(user),
        object_type=object_type,
        object_id=object_id,
        how=how[:40],
    )
