"""The search index and its full-text structures, which differ by database.

PostgreSQL: a stored generated ``tsvector`` over the ``simple`` configuration (no Belarusian
dictionary exists, and a Russian or English stemmer would mangle the other languages' words;
the folded column does the cross-script matching and a crude stemming instead), with exact
words weighted A and folded keys B, and a GIN index. SQLite: an FTS5 table with external
content (the entry table), kept in step by triggers, so that every insert, update and delete of
an entry — by the ORM, by a bulk insert, by a cascade — reaches it.
"""

from __future__ import annotations

from typing import Any

import django.db.models.deletion
from django.db import migrations, models

PG = [
    "ALTER TABLE search_searchentry ADD COLUMN vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, terms), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, folded), 'B')) STORED",
    "CREATE INDEX search_entry_vector ON search_searchentry USING gin (vector)",
]
SQLITE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(terms, folded, content='search_searchentry', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_entry_ai AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_fts(rowid, terms, folded) VALUES (new.id, new.terms, new.folded); END",
    "CREATE TRIGGER search_entry_ad AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms, folded) VALUES ('delete', old.id, old.terms, old.folded); END",
    "CREATE TRIGGER search_entry_au AFTER UPDATE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms, folded) VALUES ('delete', old.id, old.terms, old.folded); "
    "INSERT INTO search_fts(rowid, terms, folded) VALUES (new.id, new.terms, new.folded); END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_entry_ai",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_au",
    "DROP TABLE IF EXISTS search_fts",
]


def full_text(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    for sql in PG if vendor == "postgresql" else SQLITE if vendor == "sqlite" else []:
        schema_editor.execute(sql)


def drop_full_text(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in SQLITE_DROP:
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchentry DROP COLUMN IF EXISTS vector")


def index_everything(apps: Any, schema_editor: Any) -> None:
    """Nothing: 0002 moved the indexed columns to their own table and indexes everything."""


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("registry", "0010_person_birthday_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(choices=[("source", "source"), ("claim", "claim")], max_length=10),
                ),
                ("terms", models.TextField(help_text="The words, case-folded (letapis.search.text).")),
                ("folded", models.TextField(help_text="The words' script-independent keys (letapis.search.text).")),
                (
                    "claim",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="search_entry",
                        to="registry.claim",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="registry.source"
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("kind", "source")),
                        fields=("source",),
                        name="one_search_entry_per_source",
                    )
                ],
            },
        ),
        migrations.RunPython(full_text, drop_full_text),
        migrations.RunPython(index_everything, migrations.RunPython.noop),
    ]
