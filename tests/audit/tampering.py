"""What the audit tests do to the database behind the services' back."""

from __future__ import annotations

from typing import Any

from django.db import connection

from letapis.registry.models import NameVariant


def sql(statement: str, params: list[Any]) -> None:
    """Run ``statement`` on the database directly (no service, no audit entry)."""
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def delete_a_name_and_insert_an_occupation() -> NameVariant:
    """Delete a person's second name and insert an occupation of theirs, both directly: a
    record the log says exists is gone, and one it never saw is there. The name, as it was."""
    variant = NameVariant.objects.exclude(is_primary=True).order_by("id").first()
    assert variant is not None
    sql("DELETE FROM registry_namekey WHERE variant_id = %s", [variant.pk])
    sql("DELETE FROM registry_namevariant WHERE id = %s", [variant.pk])
    sql(
        "INSERT INTO registry_occupation (person_id, code, confidentiality) VALUES (%s, 'poet', 'public')",
        [variant.person_id],
    )
    return variant
