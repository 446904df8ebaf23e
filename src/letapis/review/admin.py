"""Read-only views of the job table and the review decisions: both are written by the services
and the worker only (a job is re-queued or a decision undone through them, never by hand). Each
lists only what the user's levels let them read (the upload's level, the claim's)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from letapis import access
from letapis.readonly_admin import ReadOnlyAdmin
from letapis.registry.admin import WithinLevels
from letapis.review.models import Job, ReviewAction


class _ReadOnly(WithinLevels, ReadOnlyAdmin):
    """Jobs and review decisions, written by the worker and the review services."""


@admin.register(Job)
class JobAdmin(_ReadOnly):
    list_display = ("id", "kind", "state", "attempts", "worker", "created_at", "finished_at", "error")
    list_filter = ("state", "kind")
    search_fields = ("worker", "error")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return access.visible_jobs(request.user, super().get_queryset(request))


@admin.register(ReviewAction)
class ReviewActionAdmin(_ReadOnly):
    list_display = ("id", "claim", "decision", "actor", "at", "undone_at", "reason")
    list_filter = ("decision",)
    raw_id_fields = ("claim",)
