"""The search index: one row per indexed source or claim.

An entry is small (its kind, its record's keys and three values of its source), so that
reading thousands of matches reads little; its two indexed columns
(:func:`letapis.search.text.index_columns`) live beside it in :class:`SearchText`.

The entry carries its source's level, date and language (``source_level``, ``source_date``,
``source_language``): a search reads them from the entry it has matched instead of looking each
match's source up (at 100,000 documents that lookup was most of a rare word's query). They are
the database's copy, never Django's: triggers (``migrations/0003_entry_source_values.py``) set
them when an entry is written and follow every change of its source — a save, a
``QuerySet.update``, a bulk write, raw SQL — in the same statement, so no path can leave them
behind. Whatever Django writes to them is overwritten. A claim's own level, its person's and its
event's are read from the records at query time (:func:`letapis.search.query.visible_entries`).
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
    # the source's, kept by the database (see the module's docstring); NULL matches no level
    source_level = models.CharField(max_length=12, null=True, blank=True, editable=False)
    source_date = models.DateField(null=True, blank=True, editable=False)
    source_language = models.CharField(max_length=12, null=True, blank=True, editable=False)

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
