"""Derived files and custody events: the record of what happened to a source's file."""

from __future__ import annotations

from django.conf import settings as django_settings
from django.db import models
from django.utils import timezone

from letapis.registry.models import Source


class DerivedFile(models.Model):
    """A file made from a source's original (or from another derived file), kept in the
    content-addressed store under its own sha-256. ``kind`` says what it is (``ocr-text``,
    ``ocr-words``, ``page-image``, ``stripped``…); ``tool``, ``tool_version`` and ``settings``
    say what made it, so that it can be made again and checked."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="derived_files")
    derived_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="derivatives"
    )
    kind = models.CharField(max_length=40)
    page = models.PositiveIntegerField(null=True, blank=True, help_text="The page it belongs to, if one.")
    sha256 = models.CharField(max_length=64)
    media_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(default=0)
    tool = models.CharField(max_length=100)
    tool_version = models.CharField(max_length=100, blank=True)
    settings = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["source", "kind", "page", "id"]
        indexes = [models.Index(fields=["source", "kind", "page"], name="derived_by_source")]

    def __str__(self) -> str:
        where = f" p.{self.page}" if self.page is not None else ""
        return f"{self.kind}{where} of source {self.source_id}"


class CustodyAction(models.TextChoices):
    RECEIVED = "received", "received"
    DERIVED = "derived", "derived"
    EXPORTED = "exported", "exported"
    PUBLISHED = "published", "published"
    DOWNLOADED = "downloaded", "downloaded"


class CustodyEvent(models.Model):
    """One step in a source's chain of custody. ``how`` is the way in or out (``upload``,
    ``import``, ``cli``, ``api``, ``publish``…); ``origin`` is who the file came from, in the
    monitor's words (kept at the source's confidentiality); ``detail`` holds what the step needs
    to be checked (hashes, the derived file, the export's name)."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="custody_events")
    action = models.CharField(max_length=20, choices=CustodyAction.choices)
    how = models.CharField(max_length=40, blank=True)
    origin = models.TextField(blank=True)
    derived_file = models.ForeignKey(
        DerivedFile, null=True, blank=True, on_delete=models.SET_NULL, related_name="custody_events"
    )
    detail = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["source", "at", "id"]
        indexes = [models.Index(fields=["source", "at"], name="custody_by_source")]

    def __str__(self) -> str:
        return f"{self.action} source {self.source_id} at {self.at:%Y-%m-%d %H:%M}"
