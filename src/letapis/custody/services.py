"""Writing to the chain of custody: storing a derived file, recording a step.

Both run inside the caller's transaction when there is one (an ingest stores the source, its
derived files and its custody in one), and write the audit log.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from letapis.audit.log import record
from letapis.custody.models import CustodyAction, CustodyEvent, DerivedFile
from letapis.documents.pages import Derived
from letapis.registry import storage
from letapis.registry.models import Source


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) is not None else None


def do_record_custody(
    actor: Any,
    source: Source,
    action: str,
    *,
    how: str = "",
    origin: str = "",
    derived_file: DerivedFile | None = None,
    detail: Mapping[str, Any] | None = None,
) -> CustodyEvent:
    """Record one step of ``source``'s chain of custody (``action`` from
    :class:`~letapis.custody.models.CustodyAction`)."""
    if action not in CustodyAction.values:
        raise ValueError(f"unknown custody action {action!r}")
    with transaction.atomic():
        event = CustodyEvent.objects.create(
            source=source,
            action=action,
            how=how,
            origin=origin,
            derived_file=derived_file,
            detail=dict(detail or {}),
            actor=_user(actor),
        )
        record(
            actor,
            f"custody.{action}",
            source,
            after={"how": how, "derived_file": getattr(derived_file, "pk", None)},
        )
    return event


def do_store_derived(
    actor: Any,
    source: Source,
    derived: Derived,
    *,
    derived_from: DerivedFile | None = None,
) -> DerivedFile:
    """Store ``derived`` (bytes and provenance) as a file of ``source`` and record the step.
    The original is never touched; a derived file is written to the store under its own hash."""
    with transaction.atomic():
        digest = storage.store(derived.data)
        made = DerivedFile.objects.create(
            source=source,
            derived_from=derived_from,
            kind=derived.kind,
            page=derived.page,
            sha256=digest,
            media_type=derived.media_type,
            size=len(derived.data),
            tool=derived.tool,
            tool_version=derived.tool_version,
            settings=dict(derived.settings),
            created_by=_user(actor),
        )
        do_record_custody(
            actor,
            source,
            CustodyAction.DERIVED,
            derived_file=made,
            detail={
                "kind": made.kind,
                "page": made.page,
                "sha256": digest,
                "from_sha256": derived_from.sha256 if derived_from is not None else source.sha256,
                "tool": made.tool,
                "tool_version": made.tool_version,
            },
        )
    return made


def derived_files(source: Source, kind: str | None = None) -> list[DerivedFile]:
    """The derived files of ``source`` (of one ``kind`` if given), by kind and page. The caller
    has already decided that the user may see ``source``."""
    qs = DerivedFile.objects.filter(source=source)
    if kind is not None:
        qs = qs.filter(kind=kind)
    return list(qs.order_by("kind", "page", "id"))
