"""Writing to the chain of custody: storing a derived file, recording a step, recording each
source that leaves the system (an export, the static site, a download).

They run inside the caller's transaction when there is one (an ingest stores the source, its
derived files and its custody in one), and write the audit log.

``how`` names the way a file came in or went out: :data:`HOW_IN` for a RECEIVED step,
:data:`HOW_OUT` for the others (free text: a new way in needs no migration).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.db import transaction

from letapis.accounts.actor import Actor
from letapis.audit.log import record
from letapis.custody.models import CustodyAction, CustodyEvent, DerivedFile
from letapis.documents.pages import Derived
from letapis.documents.strip import MEDIA_TYPES as STRIPPED_MEDIA_TYPES
from letapis.documents.strip import StripError, strip_metadata, stripped_format
from letapis.registry import storage
from letapis.registry.models import Source

#: The ways a file comes in: the web upload form, the API, ``letapis ingest``, a list imported
#: (``letapis import`` or the import page), e-mail, the demo data.
HOW_IN = ("upload", "api", "cli", "import", "email", "demo")
#: The ways a source goes out: an export (web or CLI), the static site, a download of its file.
HOW_OUT = ("web", "api", "cli", "publish")


#: The kind of the working copy of an image: its pixels without EXIF, GPS, XMP or ICC profile.
STRIPPED = "stripped"


def _user(actor: Actor) -> Any:
    return actor if getattr(actor, "pk", None) is not None else None


def do_record_custody(
    actor: Actor,
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
    actor: Actor,
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


def do_record_received(
    actor: Actor,
    source: Source,
    *,
    how: str,
    origin: str = "",
    metadata: Mapping[str, Any] | None = None,
) -> CustodyEvent:
    """Record that ``source`` came in: by ``actor``, ``how`` (:data:`HOW_IN`), from ``origin``
    (who gave it, in the monitor's words). The step's detail holds what identifies the file
    (sha-256, size, file name, media type) and the original's own ``metadata`` (an image's EXIF:
    time, device, GPS), kept here at the source's level and never put into a file that leaves."""
    detail: dict[str, Any] = {
        "sha256": source.sha256,
        "size": source.size,
        "filename": source.filename,
        "media_type": source.media_type,
    }
    if metadata:
        detail["metadata"] = json.loads(json.dumps(dict(metadata), default=str))
    return do_record_custody(actor, source, CustodyAction.RECEIVED, how=how[:40], origin=origin.strip(), detail=detail)


def do_record_release(
    actor: Actor,
    source_ids: Iterable[int],
    action: str,
    *,
    how: str,
    detail: Mapping[str, Any],
) -> int:
    """Record that each source of ``source_ids`` left the system in one export, publication or
    download (``action``: exported, published or downloaded; ``detail``: the export's name and
    format). One step per source, written together, and one audit entry. Returns the count."""
    if action not in (CustodyAction.EXPORTED, CustodyAction.PUBLISHED, CustodyAction.DOWNLOADED):
        raise ValueError(f"not a way out: {action!r}")
    ids = sorted(set(source_ids))
    if not ids:
        return 0
    user = _user(actor)
    with transaction.atomic():
        CustodyEvent.objects.bulk_create(
            [CustodyEvent(source_id=pk, action=action, how=how[:40], detail=dict(detail), actor=user) for pk in ids],
            batch_size=500,
        )
        # one entry for the whole release, without the number of sources: the audit page is read by
        # the team, and a count taken over confidential sources would tell of them
        name = str(detail.get("name") or detail.get("format") or action)
        record(
            actor,
            f"custody.{action}",
            object_type="custody.release",
            object_id=name[:60],
            after={"how": how, **dict(detail)},
        )
    return len(ids)


def received_metadata(source: Source) -> dict[str, Any]:
    """The original's own metadata (``{"exif": {...}}``) kept when ``source`` came in, else
    ``{}``. The caller has decided that the user may see ``source``."""
    event = CustodyEvent.objects.filter(source=source, action=CustodyAction.RECEIVED).order_by("at", "id").first()
    found = (event.detail or {}).get("metadata") if event is not None else None
    return dict(found) if isinstance(found, dict) else {}


def working_copy(data: bytes, *, strict: bool = False) -> Derived | None:
    """The working copy of an image original: :func:`~letapis.documents.strip.strip_metadata`
    of it, as a derived file of kind :data:`STRIPPED`; ``None`` when ``data`` is not an image —
    or, unless ``strict``, an image Pillow cannot decode (ingest goes on without the copy; a
    download then refuses to serve the image, :func:`do_download`)."""
    import PIL

    try:
        fmt = stripped_format(data)
    except StripError:
        if strict:
            raise
        return None
    if fmt is None:
        return None
    return Derived(
        STRIPPED,
        strip_metadata(data),
        STRIPPED_MEDIA_TYPES.get(fmt, "image/png"),
        "Pillow",
        str(PIL.__version__),
        {"removed": ["exif", "gps", "xmp", "icc", "comments"], "orientation": "applied", "format": fmt},
    )


@dataclass(frozen=True)
class Download:
    """A source's file as served: its bytes, the name and type to serve it under, and which copy
    it is (``original``: the untouched evidentiary copy; ``stripped``: the working copy)."""

    data: bytes
    filename: str
    media_type: str
    copy: str
    sha256: str


_EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "image/tiff": ".tif"}


def _stripped_of(actor: Actor, source: Source) -> DerivedFile | None:
    found = DerivedFile.objects.filter(source=source, kind=STRIPPED).order_by("id").first()
    if found is not None:
        return found
    made = working_copy(storage.read(source.sha256), strict=True)
    if made is None:
        return None
    return do_store_derived(actor, source, made)


def do_download(actor: Actor, source: Source, *, how: str) -> Download:
    """``source``'s file for ``actor`` (who may see ``source``: the caller checked), recorded as
    a DOWNLOADED step. Holders of the grant (:func:`letapis.access.sees_originals`) get
    the original untouched; anyone else, for an image, the working copy without its metadata
    (made and stored on the first such download when the ingest did not make it). A file that
    is not an image is served as it is; an image that cannot be decoded is not served to those
    without the grant (a :class:`~letapis.registry.services.ServiceError`): it cannot be shown to
    be free of its metadata."""
    from letapis.access import sees_originals
    from letapis.registry.services import ServiceError

    with transaction.atomic():
        try:
            stripped = None if sees_originals(actor) else _stripped_of(actor, source)
        except StripError as exc:
            raise ServiceError(
                f"{source.filename} cannot be given without its camera metadata ({exc}): ask a holder of the grant"
            ) from exc
        if stripped is None:
            served = Download(
                storage.read(source.sha256), source.filename, source.media_type, "original", source.sha256
            )
        else:
            stem = PurePath(source.filename).stem or "source"
            name = stem + _EXTENSIONS.get(stripped.media_type, ".png")
            served = Download(storage.read(stripped.sha256), name, stripped.media_type, STRIPPED, stripped.sha256)
        do_record_custody(
            actor,
            source,
            CustodyAction.DOWNLOADED,
            how=how,
            derived_file=stripped,
            detail={"copy": served.copy, "sha256": served.sha256, "name": served.filename},
        )
    return served
