"""The search index: one row per indexed source or claim.

An entry is small (its kind and its record's keys), so that the join of thousands of matches
with their sources reads little; its two indexed columns (:func:`letapis.search.text.index_columns`)
live beside it in :class:`SearchText`. Neither holds the record's level or dates: who may see
a hit and the filters are read from the source or claim itself at query time, so the index
cannot drift from the rule of :mod:`letapis.access`.
The full-text structures beside it are the database's: on PostgreSQL a generated ``vector``
column with a GIN index, on SQLite the FTS5 table ``search_fts`` kept in step by triggers
(``migrations/0002_search_text.py``).
"""

from __future__ import annotations

from django.db import models


class EntryKind(models.TextChoices):
    SOURCE = "source", "source"
    CLAIM = "claim", "claim"


class SearchEntry(models.Model):
    kind = models.CharField(max_length=10, choices=EntryKind.choices)
    source = models.ForeignKey("registry.Source", on_delete=models.CASCADE, related_name="+")
    claim = models.OneToOneField(
        "registry.Claim", null=True, blank=True, on_delete=models.CASCADE, related_name="search_entry"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source"], condition=models.Q(kind="source"), name="one_search_entry_per_source"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} entry of source {self.source_id}"


class SearchText(models.Model):
    """The indexed columns of an entry: what the full-text structures are built from."""

    entry = models.OneToOneField(SearchEntry, primary_key=True, on_delete=models.CASCADE, related_name="text")
    terms = models.TextField(help_text="The words, case-folded (letapis.search.text).")
    folded = models.TextField(help_text="The words' script-independent keys (letapis.search.text).")

    def __str__(self) -> str:
        return f"text of search entry {self.entry_id}"
