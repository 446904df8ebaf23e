"""``/sources`` and ``/claims``: documents with their text, and the claims proposed from them
(the queries of :mod:`letapis.read.sources`).

Proposing a claim needs the researcher role; accepting and rejecting one the editor role. They
go through :mod:`letapis.registry.services` and :mod:`letapis.review.services`, which lock the
claim and write the audit log; a claim reviewed meanwhile, or a stale ``version``, is a 409; a
review without its ``version`` is a 428.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Form, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.params.functions import (  # the functions: to a type checker ninja's own names are Annotated aliases
    File,
    Path,
)

from letapis import access
from letapis.api import common
from letapis.api.auth import caller, public_operation, require_role, role_operation
from letapis.api.schemas import (
    ERRORS,
    MAX_ID,
    AcceptIn,
    ClaimIn,
    ClaimOut,
    ClaimPage,
    EditIn,
    Error,
    RejectIn,
    SettleIn,
    SourceDetail,
    SourcePage,
)
from letapis.audit.reads import record_read
from letapis.read import records, sources
from letapis.registry import services as registry
from letapis.registry.models import Claim, ClaimState
from letapis.review import services as review

router = Router()
WRITE_ERRORS = {**ERRORS, 401: Error, 403: Error, 409: Error}
REVIEW_ERRORS = {**WRITE_ERRORS, 428: Error}  # 428: no `version` sent


@router.get("/sources", response={200: SourcePage, **ERRORS}, tags=["sources"], summary="Sources")
@public_operation
def list_sources(request: HttpRequest, filters: Query[sources.SourceFilters], paging: Query[common.Paging]) -> Any:
    return common.paginate(request, sources.filter_sources(caller(request), filters), paging, records.sources_json)


@router.get("/sources/{source_id}", response={200: SourceDetail, **ERRORS}, tags=["sources"], summary="One source")
@public_operation
def get_source(request: HttpRequest, source_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    """A source with its text and the claims proposed from it (as the caller may see them)."""
    user = caller(request)
    source = common.get_or_404(access.visible_sources(user), source_id, "source")
    record_read(user, source, "api")
    return sources.source_detail(source, user)


class IngestIn(Schema):
    language: Literal["be", "ru", "en"] | None = Field(None, description="The document's language; empty: detected.")
    day: date | None = Field(None, alias="date", description="The document's date; empty: found in the text.")
    confidentiality: Literal["public", "internal", "confidential"] = "internal"
    publisher: str = Field("", max_length=300)
    reliability: Literal["high", "medium", "low", "unknown"] = "unknown"
    origin: str = Field("", max_length=1000, description="Who gave you the file, kept in its custody record.")
    title: str = Field("", max_length=500, description="The document's title; empty: its own, if it has one.")
    url: str = Field(
        "",
        max_length=1000,
        pattern=r"^(https?://\S+)?$",
        description="Where the document was published (http or https).",
    )


class IngestOut(Schema):
    job_id: int | None = Field(description="The ingest job reading the file (null when it was ingested before).")
    source_id: int | None = Field(description="The source that holds the same file already, if any.")
    already_queued: bool = Field(description="Whether an earlier job holds the same file.")


@router.post(
    "/sources",
    response={200: IngestOut, 202: IngestOut, **WRITE_ERRORS},
    tags=["sources"],
    summary="Add a document (queued for ingest)",
)
@role_operation("researcher", "adding a source")
def add_source(request: HttpRequest, form: Form[IngestIn], file: UploadedFile | None = File(None)) -> Any:  # noqa: B008
    """Upload one document (multipart: `file` and the fields) as `letapis ingest --background`
    does: quick checks now (size, extension, kind by its first bytes), then an ingest job reads
    it — OCR included — and proposes its claims; its custody record says it came by the API,
    from `origin`. 202 with the job, or 200 with the source that holds the same file already."""
    from letapis.documents import DocumentError
    from letapis.documents.read import check_size
    from letapis.review.conf import max_upload_bytes
    from letapis.review.jobs import enqueue_ingest

    user = require_role(request, "researcher", "adding a source")
    if file is None:  # optional in the schema so that the caller's role is checked first
        raise HttpError(400, "send the document as the multipart field `file`")
    name = (file.name or "upload")[:300]
    try:
        check_size(file.size or 0, name, max_bytes=max_upload_bytes())
        queued = enqueue_ingest(
            user,
            bytes(file.read()),
            name,
            language=form.language,
            document_date=form.day,
            confidentiality=form.confidentiality,
            publisher=form.publisher.strip(),
            reliability=form.reliability,
            how="api",
            origin=form.origin.strip(),
            title=form.title.strip(),
            url=form.url,
        )
    except DocumentError as exc:
        raise HttpError(400, str(exc)) from exc
    if queued.existing is not None:
        return Status(200, {"job_id": None, "source_id": queued.existing.pk, "already_queued": False})
    job = queued.job
    return Status(202, {"job_id": job.pk if job else None, "source_id": None, "already_queued": queued.already_queued})


@router.get(
    "/sources/{source_id}/file",
    response={200: None, **WRITE_ERRORS},
    tags=["sources"],
    summary="A source's file",
)
@role_operation("viewer", "downloading a source's file")
def get_source_file(request: HttpRequest, source_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    """The source's file, recorded in its chain of custody (a DOWNLOADED step): the untouched
    original for holders of the confidential grant, else — for an image — the working copy
    without EXIF, GPS or XMP. The team's only, like the custody record; 404 for a source the
    caller may not see."""
    from django.http import HttpResponse
    from django.utils.http import content_disposition_header

    from letapis.custody.services import do_download

    user = caller(request)
    source = common.get_or_404(access.custody_sources(user), source_id, "source")
    record_read(user, source, "api")
    try:
        served = do_download(user, source, how="api")
    except registry.ServiceError as exc:
        raise HttpError(409, str(exc)) from exc
    response = HttpResponse(served.data, content_type=served.media_type or "application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, served.filename) or "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@router.get("/claims", response={200: ClaimPage, **ERRORS}, tags=["claims"], summary="Claims (the review queue)")
@public_operation
def list_claims(request: HttpRequest, filters: Query[sources.ClaimFilters], paging: Query[common.Paging]) -> Any:
    """Claims the caller may see, by source and span. Anonymous callers see accepted ones only;
    `state=proposed` is the review queue."""
    user = caller(request)
    qs = sources.filter_claims(user, filters)
    return common.paginate(request, qs, paging, lambda rows: records.claims_json(rows, user))


@router.get("/claims/{claim_id}", response={200: ClaimOut, **ERRORS}, tags=["claims"], summary="One claim")
@public_operation
def get_claim(request: HttpRequest, claim_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    user = caller(request)
    claim = common.get_or_404(access.visible_claims(user).select_related("reviewer"), claim_id, "claim")
    return records.claim_json(claim, user)


@router.post("/claims", response={201: ClaimOut, **WRITE_ERRORS}, tags=["claims"], summary="Propose a claim")
@role_operation("researcher", "proposing a claim")
def propose_claim(request: HttpRequest, body: ClaimIn) -> Any:
    """Propose one fact from a source (researchers and above). Give the `quote` (its span is
    found in the source's text) or `span_start`/`span_end`."""
    user = require_role(request, "researcher", "proposing a claim")
    source = common.get_or_404(access.visible_sources(user), body.source_id, "source")
    levels = access.levels_for(user)
    if body.confidentiality is not None and body.confidentiality not in levels:
        raise HttpError(403, f"you may not propose a {body.confidentiality} claim")
    person = event = None
    if body.person_id is not None:
        person = common.get_or_404(access.visible_persons(user), body.person_id, "person")
    if body.event_id is not None:
        event = common.get_or_404(access.visible_events(user), body.event_id, "event")
    span = None
    if body.span_start is not None or body.span_end is not None:
        if body.span_start is None or body.span_end is None:
            raise HttpError(400, "give both span_start and span_end, or neither")
        span = (body.span_start, body.span_end)
    claim = registry.do_record_claim(
        user,
        source,
        kind=body.kind,
        value=body.value,
        quote=records.clean(body.quote) or "",
        span=span,
        confidence=body.confidence,
        person=person,
        event=event,
        confidentiality=body.confidentiality,
    )
    return Status(201, records.claim_json(claim, user))


def _reviewable(request: HttpRequest, claim_id: int, doing: str) -> tuple[Any, Claim]:
    user = require_role(request, "editor", doing)
    claim = common.get_or_404(access.visible_claims(user), claim_id, "claim")
    if claim.state != ClaimState.PROPOSED:
        raise HttpError(409, f"claim {claim.pk} is {claim.state} already (by {claim.reviewer or 'someone'})")
    return user, claim


def _decide(claim: Claim, decide: Any) -> Claim:
    """Run a review service; a claim decided meanwhile by someone else is a 409."""
    try:
        result: Claim = decide()
    except review.Conflict:
        raise
    except review.ServiceError as exc:
        state = Claim.objects.filter(pk=claim.pk).values_list("state", flat=True).first()
        if state is not None and state != ClaimState.PROPOSED:
            raise HttpError(409, f"claim {claim.pk} is {state} already: reload it") from exc
        raise
    return result


@router.post(
    "/claims/{claim_id}/accept", response={200: ClaimOut, **REVIEW_ERRORS}, tags=["claims"], summary="Accept a claim"
)
@role_operation("editor", "accepting a claim")
def accept_claim(request: HttpRequest, body: AcceptIn, claim_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    """Accept a proposed claim (editors): the registry gets the fact, with this claim as its
    source. `person_id` links it to a registry person; `edits` change its value first."""
    user, claim = _reviewable(request, claim_id, "accepting a claim")
    version = common.require_version(body.version, "claim", f"GET /claims/{claim_id}")
    person = None
    if body.person_id is not None:
        person = common.get_or_404(access.visible_persons(user), body.person_id, "person")
    if body.with_claims and body.edits is not None:
        raise HttpError(400, "edit the person claim alone, then accept it with_claims")
    if body.with_claims:
        done = _decide(
            claim,
            lambda: review.do_accept_with_claims(user, claim, person=person, expected_version=version).accepted[0],
        )
    else:
        done = _decide(
            claim,
            lambda: review.do_accept_claim(user, claim, person=person, edits=body.edits, expected_version=version),
        )
    return records.claim_json(Claim.objects.select_related("reviewer").get(pk=done.pk), user)


@router.post(
    "/claims/{claim_id}/settle",
    response={200: ClaimOut, **REVIEW_ERRORS},
    tags=["claims"],
    summary="Settle a claim the registry contradicts",
)
@role_operation("editor", "settling a claim")
def settle_claim(request: HttpRequest, body: SettleIn, claim_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    """Decide on a claim that accepting refused because the registry contradicts it (held where
    it says released on the same day): keep the registry's fact, take the claim's, or keep both
    (docs/review.md). A claim that no longer conflicts is accepted."""
    user, claim = _reviewable(request, claim_id, "settling a claim")
    if body.choice is None:
        raise HttpError(400, "say how to settle the claim: `choice` is keep_existing, take_new or keep_both")
    choice = body.choice
    version = common.require_version(body.version, "claim", f"GET /claims/{claim_id}")
    person = None
    if body.person_id is not None:
        person = common.get_or_404(access.visible_persons(user), body.person_id, "person")
    done = _decide(
        claim,
        lambda: review.do_settle_conflict(user, claim, choice, person=person, expected_version=version),
    )
    return records.claim_json(Claim.objects.select_related("reviewer").get(pk=done.pk), user)


@router.post(
    "/claims/{claim_id}/edit", response={200: ClaimOut, **REVIEW_ERRORS}, tags=["claims"], summary="Edit a claim"
)
@role_operation("editor", "editing a claim")
def edit_claim(request: HttpRequest, body: EditIn, claim_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    """Change a proposed claim's value without deciding on it (editors): `edits` are fields of
    the value and their new values, `null` clearing one; the claim stays proposed, its version
    raised."""
    user, claim = _reviewable(request, claim_id, "editing a claim")
    version = common.require_version(body.version, "claim", f"GET /claims/{claim_id}")
    done = _decide(claim, lambda: review.do_edit_claim(user, claim, body.edits, expected_version=version))
    return records.claim_json(Claim.objects.select_related("reviewer").get(pk=done.pk), user)


@router.post(
    "/claims/{claim_id}/reject", response={200: ClaimOut, **REVIEW_ERRORS}, tags=["claims"], summary="Reject a claim"
)
@role_operation("editor", "rejecting a claim")
def reject_claim(request: HttpRequest, body: RejectIn, claim_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    """Reject a proposed claim (editors), with a reason; the registry does not change."""
    user, claim = _reviewable(request, claim_id, "rejecting a claim")
    version = common.require_version(body.version, "claim", f"GET /claims/{claim_id}")
    done = _decide(
        claim,
        lambda: review.do_reject_claim(user, claim, records.clean(body.reason) or "", expected_version=version),
    )
    return records.claim_json(Claim.objects.select_related("reviewer").get(pk=done.pk), user)
