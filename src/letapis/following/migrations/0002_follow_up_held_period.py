"""The latest held period on each follow-up row (the overdue list reads it from an index).

Follow-ups are a cache derived from the registry, so the rows are computed again here with the
refresh itself (the same code as ``letapis dev follow-ups --rebuild``)."""

from typing import Any

from django.db import migrations, models


def rebuild(apps: Any, schema_editor: Any) -> None:
    from letapis.following.refresh import rebuild_all_follow_ups

    rebuild_all_follow_ups()


class Migration(migrations.Migration):
    dependencies = [
        ("following", "0001_initial"),
        ("registry", "0009_places_of_detention_and_term_changes"),
    ]

    operations = [
        migrations.AddField(
            model_name="followup",
            name="held_from",
            field=models.DateField(blank=True, help_text="First day of the latest held period.", null=True),
        ),
        migrations.AddField(
            model_name="followup",
            name="held_until",
            field=models.DateField(
                blank=True,
                help_text="Day the latest held period ended (exclusive); 9999-12-31 while it lasts.",
                null=True,
            ),
        ),
        migrations.AddIndex(
            model_name="followup",
            index=models.Index(
                fields=["level", "end_latest", "held_until", "held_from", "person"], name="follow_up_overdue"
            ),
        ),
        migrations.RunPython(rebuild, migrations.RunPython.noop),
    ]
