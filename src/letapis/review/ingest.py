"""Ingest: a document in, a Source and its proposed claims out — all or nothing.

:func:`do_ingest` reads the file (:func:`letapis.documents.read_document_limited`: kind by
content, encoding detected, bad input refused, in a child process under the CPU-time and memory
limits of :func:`letapis.review.conf.read_limits`), runs the extractor with a resolver over the registry
(so that a proposed person carries the registry person it most likely is), then, in one
transaction, stores the Source (once, by sha-256), the files made while reading it (OCR text,
page images, the words with their boxes: :mod:`letapis.custody`), the step that received it
(how, from whom, its hash, size and the original's EXIF) and one proposed Claim per fact.
If anything fails nothing is stored: no row, and no file in the store that this attempt wrote.
A second ingest of the same bytes returns the existing source and creates nothing — when the
uploader may see that source; for them a source they may not see does not exist, and the file
becomes a source of their own (see :func:`letapis.registry.services.do_create_source`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypedDict

from django.db import transaction

from letapis.access import levels_for, same_file_sources
from letapis.accounts.actor import Actor
from letapis.audit.log import record
from letapis.custody.models import DerivedFile
from letapis.custody.services import do_record_received, do_store_derived, working_copy
from letapis.documents import DocumentError, ReadLimits, read_document_limited
from letapis.documents.pages import PAGE_IMAGE, Derived
from letapis.extract.model import ExtractionResult
from letapis.registry import storage
from letapis.registry.lookup import find_persons
from letapis.registry.models import Claim, ClaimState, Confidentiality, Source
from letapis.registry.services import ServiceError, do_create_source, do_record_claim
from letapis.review.conf import read_limits
from letapis.review.proposals import proposals_from

Resolver = Callable[[str], list[tuple[int, float, str]]]


class SourceDetails(TypedDict, total=False):
    """What the one who adds a file says of it: the keyword options of :func:`do_ingest`, which
    gives their defaults, and of :func:`letapis.review.jobs.enqueue_ingest`, which keeps them in
    the job for it."""

    language: str | None
    document_date: date | None
    confidentiality: str
    publisher: str
    reliability: str
    url: str
    title: str
    how: str
    origin: str


@dataclass(frozen=True)
class IngestResult:
    source: Source
    created: bool
    claims: list[Claim]


def registry_resolver(limit: int = 3) -> Resolver:
    """The extractor's resolver: a name → ``[(person_id, score, reason)]``, best first, from
    :func:`letapis.registry.lookup.find_persons`."""

    def resolve(name: str) -> list[tuple[int, float, str]]:
        return [(c.person.pk, c.score, c.reason) for c in find_persons(name, limit=limit)]

    return resolve


def extractor_version() -> str:
    from letapis import extract

    return str(getattr(extract, "__version__", getattr(extract, "VERSION", "0")))


def run_extractor(text: str, *, document_date: date | None, language: str | None) -> ExtractionResult:
    from letapis.extract import extract

    return extract(text, document_date=document_date, language=language, resolver=registry_resolver())


def check_may_ingest(actor: Actor, confidentiality: str | None = None) -> None:
    """A :class:`ServiceError` unless ``actor`` may add sources at ``confidentiality`` (a level
    they may read: nobody stores a source they would lose from sight)."""
    if actor is not None and getattr(actor, "pk", None) is not None and not actor.has_role("researcher"):
        raise ServiceError(f"{actor.get_username()} may not add sources: a researcher's role is needed")
    if confidentiality is None:
        return
    if confidentiality not in Confidentiality.values:
        raise ServiceError(f"unknown confidentiality {confidentiality!r}: use public, internal or confidential")
    if getattr(actor, "pk", None) is not None and confidentiality not in levels_for(actor):
        raise ServiceError(f"you may not store a {confidentiality} source: you could not read it")


def do_ingest(
    actor: Actor,
    data: bytes,
    filename: str,
    *,
    language: str | None = None,
    document_date: date | None = None,
    confidentiality: str = Confidentiality.INTERNAL,
    publisher: str = "",
    reliability: str = "unknown",
    url: str = "",
    title: str = "",
    on_stored: Callable[[IngestResult], None] | None = None,
    limits: ReadLimits | None = None,
    on_phase: Callable[[str], None] | None = None,
    how: str = "",
    origin: str = "",
    on_progress: Callable[[int, int], None] | None = None,
) -> IngestResult:
    """Ingest one document. Raises :class:`~letapis.documents.DocumentError` for a file that
    cannot be read and :class:`~letapis.registry.services.ServiceError` for bad options; in
    either case nothing is stored.

    ``on_stored`` is called with the result inside the transaction that stores it (the worker
    marks its job done there, so that the job and its result commit together or not at all).
    The file is read and the extractor run before that transaction, which stays short.

    ``limits`` bound the read (default :func:`~letapis.review.conf.read_limits`); a read over
    them raises :class:`~letapis.documents.ReadLimitError` and stores nothing.

    ``on_phase`` is told ``reading``, ``extracting`` and ``storing`` as the ingest gets there,
    and ``on_progress`` ``(k, n)`` as page ``k`` of ``n`` is read (OCR of a scan): the job queue
    shows them (:class:`letapis.review.jobs.JobProgress`), the CLI draws its bar. Both are called
    outside the storing transaction.

    ``title`` is the document's title as the uploader gives it; empty: the document's own (an
    HTML ``<title>``, a PDF's or a .docx's metadata), if any.

    ``how`` (``upload``, ``api``, ``cli``, ``import``…: :data:`letapis.custody.services.HOW_IN`)
    and ``origin`` (from whom, free text kept at the source's level) go into the custody step
    that receives the source."""
    check_may_ingest(actor, confidentiality)
    phase = on_phase if on_phase is not None else (lambda name: None)
    phase("reading")
    document = read_document_limited(
        data, filename, limits if limits is not None else read_limits(), language=language, on_page=on_progress
    )
    digest = storage.sha256_of(data)
    existing = same_file_sources(actor, digest).first()
    if existing is not None:
        return _finish(IngestResult(existing, False, []), on_stored)
    phase("extracting")
    result = run_extractor(document.text, document_date=document_date, language=language)
    found_date = document_date if document_date is not None else result.document.date
    working = working_copy(data)  # an image's copy without its EXIF: the one that may leave
    derived = (*document.derived, *((working,) if working is not None else ()))
    written = [digest] + [storage.sha256_of(d.data) for d in derived]
    were_there = {sha for sha in written if storage.path_for(sha).exists()}
    phase("storing")
    try:
        with transaction.atomic():
            source, created = do_create_source(
                actor,
                data=data,
                filename=filename,
                text=document.text,
                media_type=document.media_type,
                title=title.strip() or document.title,
                publisher=publisher,
                url=url,
                date=found_date,
                language=language or result.document.language or "",
                reliability=reliability,
                confidentiality=confidentiality,
            )
            if not created:  # another ingest of the same bytes won the race
                return _finish(IngestResult(source, False, []), on_stored)
            do_record_received(actor, source, how=how, origin=origin, metadata=document.metadata)
            store_derived(actor, source, derived)
            claims = record_proposals(actor, source, result)
            record(
                actor,
                "source.ingest",
                source,
                after={"claims": len(claims), "extractor": extractor_version(), "encoding": document.encoding},
            )
            return _finish(IngestResult(source, True, claims), on_stored)
    except BaseException:
        _remove_unused(set(written) - were_there)
        raise


def store_derived(actor: Actor, source: Source, derived_files: Sequence[Derived]) -> list[DerivedFile]:
    """Store each file made while reading (``Document.derived``, and the working copy of an
    image) as a derived file of ``source``. A file of
    one page (that page's text, its words) is marked as made from that page's image when there is
    one; the others (the page images, the whole text) from the original."""
    page_images: dict[int, DerivedFile] = {}
    order = sorted(range(len(derived_files)), key=lambda i: derived_files[i].kind != PAGE_IMAGE)
    made: dict[int, DerivedFile] = {}
    for index in order:
        derived = derived_files[index]
        parent = None
        if derived.kind != PAGE_IMAGE and derived.page is not None:
            parent = page_images.get(derived.page)
        made[index] = do_store_derived(actor, source, derived, derived_from=parent)
        if derived.kind == PAGE_IMAGE and derived.page is not None:
            page_images.setdefault(derived.page, made[index])
    return [made[i] for i in range(len(derived_files))]


def _remove_unused(digests: set[str]) -> None:
    """Remove from the store the files of ``digests`` (written by an ingest that failed) that no
    source and no derived file holds."""
    if not digests:
        return
    held = set(Source.objects.filter(sha256__in=digests).values_list("sha256", flat=True))
    held |= set(DerivedFile.objects.filter(sha256__in=digests).values_list("sha256", flat=True))
    for sha in digests - held:
        storage.path_for(sha).unlink(missing_ok=True)


def _finish(result: IngestResult, on_stored: Callable[[IngestResult], None] | None) -> IngestResult:
    if on_stored is not None:
        with transaction.atomic():
            on_stored(result)
    return result


def record_proposals(actor: Actor, source: Source, result: ExtractionResult) -> list[Claim]:
    """Record the extraction result's proposals as proposed claims of ``source``."""
    proposer = f"extractor:{extractor_version()}"
    claims: list[Claim] = []
    for proposal in proposals_from(result, source.text):
        value = proposal.value if proposal.person_index is None else proposal.about(claims[proposal.person_index].pk)
        claims.append(
            do_record_claim(
                actor,
                source,
                kind=proposal.kind,
                value=value.to_json(),
                span=proposal.span,
                proposer=proposer,
                confidence=max(0.0, min(1.0, proposal.confidence)),
                state=ClaimState.PROPOSED,
            )
        )
    return claims


__all__ = ["DocumentError", "IngestResult", "Resolver", "do_ingest", "record_proposals", "registry_resolver"]
