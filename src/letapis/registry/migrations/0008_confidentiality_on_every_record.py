"""Confidentiality on name forms, external ids and places.

The rows that exist keep what they showed: a name form or an external id was as visible as its
person, a place was public. New rows default to ``internal`` (the services give the level)."""

from typing import Any

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

LEVELS = [("public", "public"), ("internal", "internal"), ("confidential", "confidential")]


def as_their_person(apps: Any, schema_editor: Any) -> None:
    Person = apps.get_model("registry", "Person")
    for name in ("NameVariant", "ExternalId"):
        model = apps.get_model("registry", name)
        model.objects.update(
            confidentiality=Subquery(Person.objects.filter(pk=OuterRef("person_id")).values("confidentiality")[:1])
        )


def field(default: str) -> "models.CharField[str, str]":
    return models.CharField(choices=LEVELS, db_index=True, default=default, max_length=12)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0007_status_span_levels"),
    ]

    operations = [
        migrations.AddField(model_name="namevariant", name="confidentiality", field=field("public")),
        migrations.AddField(model_name="externalid", name="confidentiality", field=field("public")),
        migrations.AddField(model_name="place", name="confidentiality", field=field("public")),
        migrations.RunPython(as_their_person, migrations.RunPython.noop),
        migrations.AlterField(model_name="namevariant", name="confidentiality", field=field("internal")),
        migrations.AlterField(model_name="externalid", name="confidentiality", field=field("internal")),
        migrations.AlterField(model_name="place", name="confidentiality", field=field("internal")),
    ]
