"""Status spans per audience tier: a ``level`` on every span, the indexes led by it, and every
span rebuilt from the involvements and events each tier may read."""

from typing import Any

from django.db import migrations, models


def rebuild(apps: Any, schema_editor: Any) -> None:
    from letapis.registry.spans import rebuild_all_spans

    rebuild_all_spans(
        involvements=apps.get_model("registry", "Involvement"), spans=apps.get_model("registry", "StatusSpan")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0006_covering_indexes_for_filtered_lists"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="statusspan", name="unique_span_start"),
        migrations.RemoveIndex(model_name="statusspan", name="span_status_since"),
        migrations.RemoveIndex(model_name="statusspan", name="span_status_until_person"),
        migrations.RemoveIndex(model_name="statusspan", name="span_person_status"),
        migrations.AddField(
            model_name="statusspan",
            name="level",
            field=models.CharField(
                choices=[("public", "public"), ("internal", "internal"), ("confidential", "confidential")],
                default="confidential",  # the spans so far were derived from every record
                max_length=12,
            ),
            preserve_default=False,
        ),
        migrations.AddConstraint(
            model_name="statusspan",
            constraint=models.UniqueConstraint(fields=("person", "level", "since"), name="unique_span_start"),
        ),
        migrations.AddIndex(
            model_name="statusspan",
            index=models.Index(fields=["level", "status", "since", "until"], name="span_status_since"),
        ),
        migrations.AddIndex(
            model_name="statusspan",
            index=models.Index(fields=["level", "status", "until", "since", "person"], name="span_status_until_person"),
        ),
        migrations.AddIndex(
            model_name="statusspan",
            index=models.Index(
                fields=["person", "level", "status", "until", "since", "event"], name="span_person_status"
            ),
        ),
        migrations.RunPython(rebuild, migrations.RunPython.noop),
    ]
