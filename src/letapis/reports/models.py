"""The reports app keeps one thing of its own: import mappings saved for reuse in the web UI
(the command line keeps them as YAML files, ``letapis import --mapping FILE``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ImportMapping(models.Model):
    """A named column mapping (:class:`letapis.reports.imports.Mapping`) saved by a monitor."""

    name = models.CharField(max_length=100, unique=True)
    spec = models.TextField(help_text="The mapping as YAML, as `letapis import --save-mapping` writes it.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
