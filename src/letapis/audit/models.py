"""The audit log: one append-only entry for every change made through the services.

Entries are chained: each stores the hash of the one before and its own hash over its content,
so that an entry changed or removed behind the services' back breaks the chain
(see :mod:`letapis.audit.log`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=150, help_text="User name, or 'system' for set-up tasks.")
    action = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        when = f"{self.at:%Y-%m-%d %H:%M}"
        return f"#{self.pk} {when} {self.actor_label} {self.action} {self.object_type}:{self.object_id}"


class AuditHead(models.Model):
    """A single row holding the hash of the newest entry; locked while an entry is appended, so
    that two writers cannot both chain to the same predecessor."""

    last_hash = models.CharField(max_length=64)
    count = models.BigIntegerField(default=0)


class ReadRecord(models.Model):
    """Who opened which confidential record (a person, a note, a source) or export, when and how.

    Written by :func:`letapis.audit.reads.record_read`; not part of the hash chain (see
    docs/security.md, "Read audit")."""

    at = models.DateTimeField(db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_label = models.CharField(max_length=150)
    object_type = models.CharField(max_length=80, help_text="registry.person, registry.note, registry.source or export")
    object_id = models.CharField(max_length=64)
    how = models.CharField(max_length=40, help_text="web, api, export…")

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["object_type", "object_id"]), models.Index(fields=["user_label", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_label} read {self.object_type}:{self.object_id} ({self.how})"
