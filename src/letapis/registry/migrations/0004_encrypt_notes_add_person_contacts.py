"""Notes are encrypted at rest, and a person gets confidential contacts, also encrypted.

Notes written before are encrypted in place (the field reads a legacy plain value as it is and
writes it encrypted). Their earlier audit entries keep the text they were written with; ``audit
verify`` accepts either form (:func:`letapis.crypto.audit_matches`).
"""

from typing import Any

from django.db import migrations

import letapis.crypto


def encrypt_existing_notes(apps: Any, schema_editor: Any) -> None:
    Note = apps.get_model("registry", "Note")
    for pk, text in Note.objects.values_list("pk", "text").iterator():
        if text != "":
            Note.objects.filter(pk=pk).update(text=text)  # written through the field: encrypted


def decrypt_notes(apps: Any, schema_editor: Any) -> None:
    Note = apps.get_model("registry", "Note")
    table = schema_editor.quote_name(Note._meta.db_table)
    with schema_editor.connection.cursor() as cursor:
        for pk, text in Note.objects.values_list("pk", "text").iterator():  # read through the field: plain
            cursor.execute(f"UPDATE {table} SET text = %s WHERE id = %s", [text, pk])


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0003_status_spans"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="contacts",
            field=letapis.crypto.EncryptedTextField(
                blank=True,
                default="",
                help_text="Confidential: how to reach relatives and lawyers. Encrypted at rest; shown only to users "
                "with confidential access, never in public outputs.",
            ),
        ),
        migrations.AlterField(
            model_name="note",
            name="text",
            field=letapis.crypto.EncryptedTextField(help_text="Encrypted at rest (letapis.crypto): not searchable."),
        ),
        migrations.RunPython(encrypt_existing_notes, decrypt_notes),
    ]
