"""A source's file may be stored once per confidentiality level.

An upload of a file that a source the uploader may not see already holds becomes a source of its
own at the uploader's level, sharing the stored file (see ``docs/ingest.md``); a visible source
with the same file is still recognised as a duplicate. This changes the registry's ``Source``
from one row per sha-256 to one per sha-256 and level. The change lives here because the rule is
ingest's; :class:`InRegistry` applies each operation to the registry app's model.
"""

from typing import Any

from django.db import migrations, models
from django.db.migrations.operations.base import Operation


class InRegistry(Operation):
    """Apply a model operation to the ``registry`` app instead of this migration's app."""

    reversible = True

    def __init__(self, operation: Operation) -> None:
        self.operation = operation

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (self.__class__.__qualname__, [self.operation], {})

    def state_forwards(self, app_label: str, state: Any) -> None:
        self.operation.state_forwards("registry", state)

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        self.operation.database_forwards("registry", schema_editor, from_state, to_state)

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        self.operation.database_backwards("registry", schema_editor, from_state, to_state)

    def describe(self) -> str:
        return f"{self.operation.describe()} (registry)"


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0006_covering_indexes_for_filtered_lists"),
        ("review", "0001_initial"),
    ]

    operations = [
        InRegistry(migrations.AlterField(model_name="source", name="sha256", field=models.CharField(max_length=64))),
        InRegistry(
            migrations.AddConstraint(
                model_name="source",
                constraint=models.UniqueConstraint(
                    fields=("sha256", "confidentiality"), name="unique_source_file_per_level"
                ),
            )
        ),
    ]
