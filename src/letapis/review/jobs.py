"""Background jobs in a database table, and the worker that runs them.

No broker: a job is a row of :class:`~letapis.review.models.Job`. A worker claims the oldest
ready job — queued and due, or running with an expired lease (its worker died) — with a
conditional UPDATE in a short transaction: on PostgreSQL the candidate row is read with
``SELECT … FOR UPDATE SKIP LOCKED``, so workers on several machines pass each other by; on SQLite
the transaction starts ``IMMEDIATE`` and so the claims are serialised. The UPDATE only succeeds
when the row is still in the state the worker read, so two workers never both take a job.

A claimed job carries a lease (``LETAPIS_JOB_LEASE_SECONDS``). The job's work and the row's
``done`` commit in one transaction, and that last UPDATE is conditional on the worker still
holding the lease: a worker that lost its lease (it stalled, another took the job) rolls its work
back. A job that fails with an error of the input (a file refused, an option wrong) fails at once;
one that fails otherwise is retried after a pause, up to ``max_attempts`` times.

Kinds: ``ingest`` (payload: the sha-256 of the upload kept in the content-addressed store, its
file name and the ingest options). :func:`enqueue_ingest` makes the quick checks of the file
(size, extension, kind by its first bytes) before it is queued, so such bad input is refused at
once and nothing is stored; the file is read in the job, under the read limits, and a read that
goes over them fails the job at once with the limit named.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Unpack, cast

from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from letapis.access import levels_for, same_file_sources
from letapis.accounts.actor import Actor
from letapis.audit.log import record, snapshot
from letapis.documents import DocumentError, check_document
from letapis.registry import storage
from letapis.registry.models import Confidentiality, Source
from letapis.registry.services import ServiceError
from letapis.review.conf import job_lease_seconds, job_max_attempts, max_upload_bytes
from letapis.review.ingest import IngestResult, SourceDetails, check_may_ingest, do_ingest
from letapis.review.models import Job, JobState

log = logging.getLogger("letapis.worker")

INGEST = "ingest"


class LeaseLost(RuntimeError):
    """The worker no longer holds the job (its lease ended and another worker took it)."""


def worker_id() -> str:
    """``host:pid:nonce``: unique across machines and restarts."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


# ---------------------------------------------------------------------------------------------
# Enqueue


@dataclass(frozen=True)
class Enqueued:
    """``job`` queued (``already_queued`` when an earlier one holds the same file), or the
    ``existing`` source of a file ingested before."""

    job: Job | None
    existing: Source | None
    already_queued: bool = False

    @property
    def duplicate(self) -> bool:
        return self.existing is not None


def enqueue_ingest(actor: Actor, data: bytes, filename: str, **details: Unpack[SourceDetails]) -> Enqueued:
    """Check the file quickly (:func:`~letapis.documents.check_document`: it is read in the job),
    keep its bytes in the store and queue an ingest job, which passes ``details`` on to
    :func:`~letapis.review.ingest.do_ingest`; a file ingested already gives its source, and one
    already queued its job (nothing is queued twice)."""
    unknown = details.keys() - SourceDetails.__optional_keys__
    if unknown:
        raise TypeError(f"enqueue_ingest() got unexpected keyword arguments {sorted(unknown)}")
    confidentiality = details.get("confidentiality", Confidentiality.INTERNAL)
    check_may_ingest(actor, confidentiality)
    check_document(data, filename, max_bytes=max_upload_bytes())  # refuse what is plainly bad now
    digest = storage.sha256_of(data)
    existing = same_file_sources(actor, digest).first()
    if existing is not None:
        return Enqueued(None, existing)
    pending = Job.objects.filter(  # a job of a level the actor may not read is not theirs to know of
        kind=INGEST,
        payload__sha256=digest,
        payload__confidentiality__in=list(levels_for(actor)),
        state__in=[JobState.QUEUED, JobState.RUNNING],
    ).first()
    if pending is not None:
        return Enqueued(pending, None, already_queued=True)
    file_was_there = storage.path_for(digest).exists()
    try:
        with transaction.atomic():
            storage.store(data)
            job = Job.objects.create(
                kind=INGEST,
                max_attempts=job_max_attempts(),
                created_by=actor if actor is not None and getattr(actor, "pk", None) is not None else None,
                payload={"sha256": digest, "filename": filename, **_payload_of(details, confidentiality)},
            )
            record(actor, "job.enqueue", job, after=snapshot(job))
    except BaseException:
        if not file_was_there:
            storage.path_for(digest).unlink(missing_ok=True)
        raise
    return Enqueued(job, None)


def _discard_upload(job: Job) -> None:
    """Remove a failed ingest's upload from the store unless a source or another job uses it."""
    digest = job.payload.get("sha256")
    if job.kind != INGEST or not isinstance(digest, str):
        return
    if Source.objects.filter(sha256=digest).exists():
        return
    if (
        Job.objects.filter(kind=INGEST, payload__sha256=digest)
        .exclude(pk=job.pk)
        .exclude(state=JobState.FAILED)
        .exists()
    ):
        return
    storage.path_for(digest).unlink(missing_ok=True)


# ---------------------------------------------------------------------------------------------
# Claim


def claim_next(worker: str, *, lease_seconds: int | None = None) -> Job | None:
    """Take the oldest ready job for ``worker`` (or ``None`` when there is none)."""
    lease = timedelta(seconds=lease_seconds if lease_seconds is not None else job_lease_seconds())
    for _ in range(10):
        with transaction.atomic():
            now = timezone.now()
            ready = Job.objects.filter(
                Q(state=JobState.QUEUED, run_after__lte=now) | Q(state=JobState.RUNNING, lease_until__lt=now)
            ).order_by("run_after", "id")
            if connection.features.has_select_for_update_skip_locked:
                ready = ready.select_for_update(skip_locked=True)
            job = ready.first()
            if job is None:
                return None
            same = Job.objects.filter(pk=job.pk, state=job.state, attempts=job.attempts, worker=job.worker)
            if job.state == JobState.RUNNING and job.attempts >= job.max_attempts:
                same.update(
                    state=JobState.FAILED,
                    lease_until=None,
                    finished_at=now,
                    error=f"the worker {job.worker} stopped and the job had no attempts left",
                )
                _discard_upload(job)
                continue
            if job.state == JobState.RUNNING:
                log.warning("job %s: the lease of %s expired; taking it over", job.pk, job.worker)
            taken = same.update(
                state=JobState.RUNNING,
                attempts=F("attempts") + 1,
                lease_until=now + lease,
                worker=worker,
                started_at=now,
                phase="",
                pages_done=0,
                pages_total=0,
            )
            if taken == 1:
                job.refresh_from_db()
                return job
    return None


# ---------------------------------------------------------------------------------------------
# Run


def _held(job: Job, worker: str) -> Any:
    return Job.objects.filter(pk=job.pk, state=JobState.RUNNING, worker=worker, attempts=job.attempts)


class JobProgress:
    """The progress of a running job, written to its row as the work goes: the phase
    (``reading``, ``extracting``, ``storing``) and the pages read of how many.

    Each write is one UPDATE of its own (autocommit: never part of the ingest's transaction,
    which only starts after the reading), conditional on the worker still holding the job, and
    it renews the lease: a 50-page scan that keeps reading pages keeps its job, while a worker
    that died still loses it when the lease ends. Page counts are written at most every
    ``every`` seconds (the first page and the last always), so a fast reader does not hammer
    the database."""

    def __init__(self, job: Job, worker: str, *, every: float = 1.0, clock: Callable[[], float] = time.monotonic):
        self.job, self.worker, self.every, self.clock = job, worker, every, clock
        self.last: float | None = None
        self.writes = 0

    def _write(self, **fields: Any) -> None:
        now = timezone.now()
        lease = timedelta(seconds=job_lease_seconds())
        _held(self.job, self.worker).update(lease_until=now + lease, **fields)
        self.last = self.clock()
        self.writes += 1

    def phase(self, name: str) -> None:
        """The job is now ``name`` (always written)."""
        self._write(phase=name)

    def pages(self, done: int, total: int) -> None:
        """Page ``done`` of ``total`` is read (written when due)."""
        due = self.last is None or self.clock() - self.last >= self.every or done <= 1 or done >= total
        if due:
            self._write(pages_done=max(0, done), pages_total=max(0, total))


def _run_ingest(job: Job, worker: str) -> None:
    from django.contrib.auth import get_user_model

    payload = job.payload
    try:
        data = storage.read(str(payload["sha256"]))
    except FileNotFoundError as exc:
        raise ServiceError(f"the upload of {payload.get('filename')} is no longer in the store") from exc
    actor = None if job.created_by_id is None else get_user_model().objects.filter(pk=job.created_by_id).first()
    progress = JobProgress(job, worker)

    def done(result: IngestResult) -> None:
        summary = {"source": result.source.pk, "created": result.created, "claims": [c.pk for c in result.claims]}
        finished = _held(job, worker).update(
            state=JobState.DONE, result=summary, finished_at=timezone.now(), lease_until=None, error=""
        )
        if finished != 1:
            raise LeaseLost(f"job {job.pk}: the lease was lost; the work is rolled back")

    do_ingest(
        actor,
        data,
        str(payload["filename"]),
        on_stored=done,
        on_phase=progress.phase,
        on_progress=progress.pages,
        **_details_of(payload),
    )


def _payload_of(details: SourceDetails, confidentiality: str) -> dict[str, Any]:
    """``details`` as a job's JSON payload keeps them; the level always, for
    :func:`letapis.access.visible_jobs`."""
    when = details.get("document_date")
    return {
        **details,
        "confidentiality": confidentiality,
        "document_date": None if when is None else when.isoformat(),
    }


def _details_of(payload: dict[str, Any]) -> SourceDetails:
    """The :class:`~letapis.review.ingest.SourceDetails` an ingest job's ``payload`` keeps; an
    empty text is left out, for :func:`~letapis.review.ingest.do_ingest`'s default."""
    details: dict[str, Any] = {}
    for key in SourceDetails.__optional_keys__:
        value = payload.get(key)
        if key == "document_date":
            details[key] = None if value is None else date.fromisoformat(str(value))
        elif key == "language":
            details[key] = value
        elif value:
            details[key] = str(value)
    return cast(SourceDetails, details)


def _run_ping(job: Job, worker: str) -> None:
    """A job that only says which worker ran it (``letapis worker`` health checks, the tests of
    the claim protocol, and the jobs-per-second figure). ``payload``: ``sleep`` seconds to wait,
    ``log`` a file to append ``<job id> <worker>`` to."""
    time.sleep(float(job.payload.get("sleep", 0)))
    log_file = job.payload.get("log")
    if isinstance(log_file, str):
        with open(log_file, "a", encoding="utf-8") as fh:
            fh.write(f"{job.pk} {worker}\n")
    with transaction.atomic():
        if (
            _held(job, worker).update(
                state=JobState.DONE, result={"worker": worker}, finished_at=timezone.now(), lease_until=None, error=""
            )
            != 1
        ):
            raise LeaseLost(f"job {job.pk}: the lease was lost")


def enqueue(actor: Actor, kind: str, payload: dict[str, Any], *, max_attempts: int | None = None) -> Job:
    """Queue a job of ``kind`` (one of :data:`HANDLERS`)."""
    if kind not in HANDLERS:
        raise ServiceError(f"unknown job kind {kind!r}: use {', '.join(sorted(HANDLERS))}")
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            payload=payload,
            max_attempts=max_attempts if max_attempts is not None else job_max_attempts(),
            created_by=actor if actor is not None and getattr(actor, "pk", None) else None,
        )
        record(actor, "job.enqueue", job, after=snapshot(job))
    return job


PING = "ping"

HANDLERS: dict[str, Callable[[Job, str], None]] = {INGEST: _run_ingest, PING: _run_ping}


def run_job(job: Job, worker: str, *, retry_delay: float = 30.0) -> str:
    """Run a claimed job; returns its state afterwards (``done``, ``failed``, ``queued`` for a
    retry, or ``lost`` when another worker holds it now)."""
    handler = HANDLERS.get(job.kind)
    try:
        if handler is None:
            raise ServiceError(f"unknown job kind {job.kind!r}")
        handler(job, worker)
    except LeaseLost as exc:
        log.warning("%s", exc)
        return "lost"
    except (DocumentError, ServiceError) as exc:  # the input is wrong: trying again will not help
        _held(job, worker).update(state=JobState.FAILED, error=str(exc), finished_at=timezone.now(), lease_until=None)
        _discard_upload(job)
        return JobState.FAILED
    except Exception as exc:
        log.exception("job %s failed (attempt %s of %s)", job.pk, job.attempts, job.max_attempts)
        error = f"{type(exc).__name__}: {exc}"
        if job.attempts >= job.max_attempts:
            _held(job, worker).update(state=JobState.FAILED, error=error, finished_at=timezone.now(), lease_until=None)
            _discard_upload(job)
            return JobState.FAILED
        _held(job, worker).update(
            state=JobState.QUEUED,
            error=error,
            lease_until=None,
            run_after=timezone.now() + timedelta(seconds=retry_delay * job.attempts),
        )
        return JobState.QUEUED
    return JobState.DONE


def run_worker(
    *,
    worker: str | None = None,
    once: bool = False,
    idle_exit: bool = False,
    poll_seconds: float = 2.0,
    should_stop: Callable[[], bool] = lambda: False,
    on_job: Callable[[Job, str], None] | None = None,
) -> int:
    """Claim and run jobs until told to stop; returns how many were run.

    ``once``: run at most one job. ``idle_exit``: stop when no job is ready. Otherwise poll every
    ``poll_seconds``. ``should_stop`` is asked between jobs (the CLI sets it on SIGTERM).

    A polling worker outlives a database that refuses it for a while (a restarted PostgreSQL, a
    SQLite file locked longer than its timeout): the error is logged and the claim tried again
    at the next poll, on a new connection. Otherwise the worker that ``letapis serve`` runs
    would die at the first such error and leave every upload queued."""
    name = worker if worker is not None else worker_id()
    count = 0
    while not should_stop():
        try:
            job = claim_next(name)
        except DatabaseError:
            if once or idle_exit:
                raise
            log.exception("worker %s: the database refused a claim; trying again in %s s", name, poll_seconds)
            if not connection.in_atomic_block:
                connection.close_if_unusable_or_obsolete()
            time.sleep(poll_seconds)
            continue
        if job is None:
            if once or idle_exit:
                break
            time.sleep(poll_seconds)
            continue
        outcome = run_job(job, name)
        count += 1
        if on_job is not None:
            job.refresh_from_db()
            on_job(job, outcome)
        if once:
            break
    return count
