"""Expensive pages for anonymous visitors: answers cached, renders limited across processes.

A monitoring report (above all its PDF) takes seconds to make. For anonymous visitors
:func:`cached_public` keeps each answer for :data:`CACHE_SECONDS` under its parameters and the
registry's state (the head of the audit log, which every write moves), and :func:`render_slot`
lets at most ``LETAPIS_ANON_REPORT_SLOTS`` (default 1) such renders run at once across every
worker process of the server (a lock file each, in the data folder): the other workers stay free
for everyone else, and a visitor who finds every slot taken is told to retry.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

#: how long an anonymous report stays cached
CACHE_SECONDS = 300


def anon_report_slots() -> int:
    """``LETAPIS_ANON_REPORT_SLOTS``: anonymous report renders at once (default 1, at most 64)."""
    from letapis.review.conf import positive_int

    return positive_int("LETAPIS_ANON_REPORT_SLOTS", 1, maximum=64)


class Busy(Exception):
    """Every render slot is taken: the visitor should retry in a few seconds."""


@contextmanager
def render_slot(slots: int | None = None) -> Iterator[None]:
    """Hold one of ``slots`` render slots (an exclusive lock on one of as many files) for the
    block, or raise :class:`Busy` at once when all are held."""
    folder = Path(settings.DATA_DIR) / "locks"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    for number in range(anon_report_slots() if slots is None else slots):
        fd = os.open(folder / f"report-{number}", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
        return
    raise Busy("every render slot is taken")


def _registry_state() -> str:
    from letapis.audit.models import AuditHead

    return AuditHead.objects.values_list("last_hash", flat=True).first() or ""


def cached_public(parts: tuple[Any, ...], make: Callable[[], Any]) -> Any:
    """The anonymous answer named by ``parts``: from the cache when the registry has not changed
    since it was made (and it is younger than :data:`CACHE_SECONDS`), else made by ``make`` in a
    render slot (:class:`Busy` when none is free) and cached."""
    raw = "\x1f".join(str(p) for p in (*parts, timezone.localdate(), _registry_state()))
    key = "letapis:public:" + hashlib.sha256(raw.encode("utf-8")).hexdigest()
    hit = cache.get(key)
    if hit is not None:
        return hit
    with render_slot():
        made = make()
    cache.set(key, made, CACHE_SECONDS)
    return made
