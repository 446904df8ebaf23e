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
