"""Ingest: a document in, a Source and its proposed claims out — all or nothing.

:func:`do_ingest` reads the file (:func:`letapis.documents.read_document_limited`: kind by
content, encoding detected, bad input refused, in a child process under the CPU-time and memory
limits of :func:`letapis.review.conf.read_limits`), runs the extractor with a resolver over the registry
(so that a proposed person carries the registry person it most likely is), then, in one
transaction, stores the Source (once, by sha-256) and records one proposed Claim per fact.
If anything fails nothing is stored: no row, and no file in the store that this attempt wrote.
A second ingest of the same bytes returns the existing source and creates nothing — when the
uploader may see that source; for them a source they may not see does not exist, and the file
becomes a source of their own (see :func:`letapis.registry.services.do_create_source`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from letapis.audit.log import record
from letapis.documents import DocumentError, ReadLimits, read_document_limited
from letapis.registry import storage
from letapis.registry.access import levels_for, same_file_sources
from letapis.registry.lookup import find_persons
from letapis.registry.models import Claim, ClaimState, Confidentiality, Source
from letapis.registry.services import ServiceError, do_create_source, do_record_claim
from letapis.review.conf import read_limits
from letapis.review.proposals import proposals_from

Resolver = Callable[[str], list[tuple[int, float, str]]]


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


def run_extractor(text: str, *, document_date: date | None, language: str | None) -> Any:
    from letapis.extract import extract

    return extract(text, document_date=document_date, language=language, resolver=registry_resolver())


def check_may_ingest(actor: Any, confidentiality: str | None = None) -> None:
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
    actor: Any,
    data: bytes,
    filename: str,
    *,
    language: str | None = None,
    document_date: date | None = None,
    confidentiality: str = Confidentiality.INTERNAL,
    publisher: str = "",
    reliability: str = "unknown",
    url: str = "",
    on_stored: Callable[[IngestResult], None] | None = None,
    limits: ReadLimits | None = None,
    on_phase: Callable[[str], None] | None = None,
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
    outside the storing transaction."""
    check_may_ingest(actor, confidentiality)
    phase = on_phase if on_phase is not None else (lambda name: None)
    phase("reading")
    paged: dict[str, Any] = {} if on_progress is None or not _reads_pages() else {"on_page": on_progress}
    document = read_document_limited(data, filename, limits if limits is not None else read_limits(), **paged)
    digest = storage.sha256_of(data)
    existing = same_file_sources(actor, digest).first()
    if existing is not None:
        return _finish(IngestResult(existing, False, []), on_stored)
    phase("extracting")
    result = run_extractor(document.text, document_date=document_date, language=language)
    info = result.to_dict().get("document") or {}
    found_date = document_date
    if found_date is None and info.get("date") is not None:
        try:
            found_date = date.fromisoformat(str(info["date"]))
        except ValueError:
            found_date = None
    file_was_there = storage.path_for(digest).exists()
    phase("storing")
    try:
        with transaction.atomic():
            source, created = do_create_source(
                actor,
                data=data,
                filename=filename,
                text=document.text,
                media_type=document.media_type,
                title=document.title,
                publisher=publisher,
                url=url,
                date=found_date,
                language=language or str(info.get("language") or ""),
                reliability=reliability,
                confidentiality=confidentiality,
            )
            if not created:  # another ingest of the same bytes won the race
                return _finish(IngestResult(source, False, []), on_stored)
            claims = record_proposals(actor, source, result)
            record(
                actor,
                "source.ingest",
                source,
                after={"claims": len(claims), "extractor": extractor_version(), "encoding": document.encoding},
            )
            return _finish(IngestResult(source, True, claims), on_stored)
    except BaseException:
        if not file_was_there and not Source.objects.filter(sha256=digest).exists():
            storage.path_for(digest).unlink(missing_ok=True)
        raise


def _reads_pages() -> bool:
    """Whether the reader reports its pages (``read_document_limited(on_page=…)``): OCR does."""
    import inspect

    return "on_page" in inspect.signature(read_document_limited).parameters


def _finish(result: IngestResult, on_stored: Callable[[IngestResult], None] | None) -> IngestResult:
    if on_stored is not None:
        with transaction.atomic():
            on_stored(result)
    return result


def record_proposals(actor: Any, source: Source, result: Any) -> list[Claim]:
    """Record the extraction result's proposals as proposed claims of ``source``."""
    proposer = f"extractor:{extractor_version()}"
    claims: list[Claim] = []
    for proposal in proposals_from(result, source.text):
        value = dict(proposal.value)
        if proposal.person_index is not None:
            value["person_claim"] = claims[proposal.person_index].pk
        if proposal.kind == "person" and proposal.extra.get("candidates"):
            value["candidates"] = [list(c) if not isinstance(c, dict) else c for c in proposal.extra["candidates"]]
        claims.append(
            do_record_claim(
                actor,
                source,
                kind=proposal.kind,
                value=value,
                span=proposal.span,
                proposer=proposer,
                confidence=max(0.0, min(1.0, proposal.confidence)),
                state=ClaimState.PROPOSED,
            )
        )
    return claims


__all__ = ["DocumentError", "IngestResult", "Resolver", "do_ingest", "record_proposals", "registry_resolver"]
