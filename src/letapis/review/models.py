"""The job table and the record of every review decision.

A :class:`Job` is a unit of background work (an ingest) that workers claim with a conditional
update and a lease: a worker that dies leaves its job to be taken again when the lease ends.

A :class:`ReviewAction` keeps what one decision on a claim did — the records it created and the
claim as it was before — so that :func:`letapis.review.services.do_undo_review` removes exactly
that and nothing else.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from letapis.registry.models import Claim


class JobState(models.TextChoices):
    QUEUED = "queued", "queued"
    RUNNING = "running", "running"
    DONE = "done", "done"
    FAILED = "failed", "failed"


class JobPhase(models.TextChoices):
    """Where a running ingest is: reading the file (OCR of its pages), extracting its facts,
    storing the source and its claims."""

    READING = "reading", "reading"
    EXTRACTING = "extracting", "extracting"
    STORING = "storing", "storing"


class Job(models.Model):
    """Background work. ``payload`` says what to do (for an ingest: the stored file's sha-256,
    its name and the options); ``result`` what came of it (the source, the claims).

    ``phase``, ``pages_done`` and ``pages_total`` are the progress of a running ingest (page 3
    of 50 read), written by the worker as it goes (see :class:`letapis.review.jobs.JobProgress`)."""

    kind = models.CharField(max_length=40, db_index=True)
    payload = models.JSONField(default=dict)
    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=3)
    run_after = models.DateTimeField(default=timezone.now, help_text="Not before (a retry waits a little).")
    lease_until = models.DateTimeField(null=True, blank=True, help_text="A running job is the worker's until then.")
    worker = models.CharField(max_length=200, blank=True, help_text="host:pid:nonce of the worker that holds it.")
    error = models.TextField(blank=True)
    result = models.JSONField(default=dict, blank=True)
    phase = models.CharField(max_length=20, choices=JobPhase.choices, blank=True)
    pages_done = models.PositiveIntegerField(default=0)
    pages_total = models.PositiveIntegerField(default=0, help_text="0: the file has no pages to count.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["state", "run_after"], name="job_ready"),
            models.Index(fields=["state", "lease_until"], name="job_lease"),
        ]

    def __str__(self) -> str:
        return f"job {self.pk} {self.kind} ({self.state})"

    @property
    def reading_page(self) -> int:
        """The page being read now: the one after those done (the last once all are)."""
        return min(self.pages_done + 1, self.pages_total)


class ReviewDecision(models.TextChoices):
    ACCEPT = "accept", "accept"
    REJECT = "reject", "reject"


class ReviewAction(models.Model):
    """One decision on a claim and what it changed.

    ``created`` lists the records the decision created, in order, as ``[label, id]`` pairs
    (``registry.person``, ``registry.event``…); ``before`` is the claim's reviewable fields as
    they were. ``undone_at`` is set when the decision is undone. ``group`` is the decision on a
    person claim that this one was taken with (its claims accepted or rejected with it): undoing
    that decision undoes this one too. ``changed`` lists the dates of registry events the decision
    made more precise (a claim corroborating an event known only as "[..2025-01-17]" with
    "2024-05-08"), as ``[label, id, field, before, after]``, so that undo restores them.
    """

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="review_actions")
    decision = models.CharField(max_length=10, choices=ReviewDecision.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)
    created = models.JSONField(default=list, blank=True)
    before = models.JSONField(default=dict, blank=True)
    changed = models.JSONField(default=list, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    group = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="members")

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["claim", "undone_at"])]

    def __str__(self) -> str:
        return f"{self.decision} claim {self.claim_id}" + (" (undone)" if self.undone_at is not None else "")
