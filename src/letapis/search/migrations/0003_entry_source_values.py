"""Each search entry carries its source's level, date and language, kept by the database.

A search of a rare word at 100,000 documents spent most of its query looking each match's source
up (its level for the access rule, its date for the order): 2,800 probes of an index for a few
rows. The entry now holds those three values, and triggers keep them equal to the source's on
every write of an entry or of a source — whatever wrote it (the ORM's save, ``QuerySet.update``,
a bulk write, a restore, raw SQL), in the same statement. Django's own writes to the columns are
overwritten: on PostgreSQL a ``BEFORE`` trigger sets them on every insert and update of an entry;
on SQLite (whose triggers cannot change the row being written) an ``AFTER`` trigger writes them
back. A source that is missing gives NULL, which matches no level.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations, models

COPY = (
    "source_level = (SELECT confidentiality FROM registry_source WHERE id = {entry}.source_id), "
    "source_date = (SELECT date FROM registry_source WHERE id = {entry}.source_id), "
    "source_language = (SELECT language FROM registry_source WHERE id = {entry}.source_id)"
)

SQLITE = [
    # an entry written (created, or saved by Django with stale values): its source's values
    "CREATE TRIGGER search_entry_source_ai AFTER INSERT ON search_searchentry BEGIN "
    f"UPDATE search_searchentry SET {COPY.format(entry='new')} WHERE id = new.id; END",
    # (only when they differ: the trigger's own update then does not run it again)
    "CREATE TRIGGER search_entry_source_au AFTER UPDATE OF source_id, source_level, source_date, source_language "
    "ON search_searchentry WHEN "
    "new.source_level IS NOT (SELECT confidentiality FROM registry_source WHERE id = new.source_id) OR "
    "new.source_date IS NOT (SELECT date FROM registry_source WHERE id = new.source_id) OR "
    "new.source_language IS NOT (SELECT language FROM registry_source WHERE id = new.source_id) BEGIN "
    f"UPDATE search_searchentry SET {COPY.format(entry='new')} WHERE id = new.id; END",
    # a source written: its entries follow
    "CREATE TRIGGER search_source_entries_ai AFTER INSERT ON registry_source BEGIN "
    "UPDATE search_searchentry SET source_level = new.confidentiality, source_date = new.date, "
    "source_language = new.language WHERE source_id = new.id; END",
    "CREATE TRIGGER search_source_entries_au AFTER UPDATE OF id, confidentiality, date, language "
    "ON registry_source BEGIN "
    "UPDATE search_searchentry SET source_level = new.confidentiality, source_date = new.date, "
    "source_language = new.language WHERE source_id = new.id; END",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in (
        "search_entry_source_ai",
        "search_entry_source_au",
        "search_source_entries_ai",
        "search_source_entries_au",
    )
]

PG = [
    "CREATE FUNCTION search_entry_source_values() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "SELECT s.confidentiality, s.date, s.language INTO NEW.source_level, NEW.source_date, NEW.source_language "
    "FROM registry_source s WHERE s.id = NEW.source_id; RETURN NEW; END $$",
    "CREATE TRIGGER search_entry_source_values BEFORE INSERT OR UPDATE ON search_searchentry "
    "FOR EACH ROW EXECUTE FUNCTION search_entry_source_values()",
    # the entries' update runs their BEFORE trigger, which reads the source as now written
    "CREATE FUNCTION search_source_entries() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "UPDATE search_searchentry SET source_level = NEW.confidentiality, source_date = NEW.date, "
    "source_language = NEW.language WHERE source_id = NEW.id; RETURN NULL; END $$",
    "CREATE TRIGGER search_source_entries AFTER INSERT OR UPDATE OF id, confidentiality, date, language "
    "ON registry_source FOR EACH ROW EXECUTE FUNCTION search_source_entries()",
]
PG_DROP = [
    "DROP TRIGGER IF EXISTS search_source_entries ON registry_source",
    "DROP FUNCTION IF EXISTS search_source_entries()",
    "DROP TRIGGER IF EXISTS search_entry_source_values ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_entry_source_values()",
]


def _run(schema_editor: Any, statements: dict[str, list[str]]) -> None:
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def triggers(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, {"sqlite": SQLITE, "postgresql": PG})
    # the entries there are: their sources' values
    schema_editor.execute(f"UPDATE search_searchentry SET {COPY.format(entry='search_searchentry')}")


def drop_triggers(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": PG_DROP})


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_search_text"),
        ("registry", "0011_person_name_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="source_date",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="source_language",
            field=models.CharField(blank=True, editable=False, max_length=12, null=True),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="source_level",
            field=models.CharField(blank=True, editable=False, max_length=12, null=True),
        ),
        migrations.RunPython(triggers, drop_triggers),
    ]
