"""Notes and contacts are encrypted at rest: the database alone does not reveal them."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import override_settings

from letapis import crypto
from letapis.audit.models import AuditEntry
from letapis.audit.verify import verify
from letapis.conf import field_keys_from_env
from letapis.registry import services as s
from letapis.registry.models import Note, Person

pytestmark = pytest.mark.django_db

SECRET = "Mother: Hanna, +375 29 555 01 02; lawyer Ivanoŭ (disbarred) — call after 18:00"


def _raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        row = cursor.fetchone()
    assert row is not None
    return str(row[0])


def test_a_note_is_stored_encrypted_and_read_as_text(editor: Any) -> None:
    person = s.do_create_person(editor, names=["Ihar Ilyash"])
    note = s.do_add_note(editor, text=SECRET, person=person, confidentiality="confidential")
    raw = _raw("registry_note", "text", note.pk)
    assert raw.startswith("enc1:")
    assert "Hanna" not in raw and "555 01 02" not in raw
    assert Note.objects.get(pk=note.pk).text == SECRET


def test_contacts_are_stored_encrypted(editor: Any) -> None:
    person = s.do_create_person(editor, names=["Ihar Ilyash"])
    s.do_update_person(editor, person, expected_version=1, contacts=SECRET)
    raw = _raw("registry_person", "contacts", person.pk)
    assert raw.startswith("enc1:") and "Hanna" not in raw
    assert Person.objects.get(pk=person.pk).contacts == SECRET


def test_two_equal_texts_give_different_ciphertexts(editor: Any) -> None:
    person = s.do_create_person(editor, names=["Ihar Ilyash"])
    a = s.do_add_note(editor, text="same", person=person)
    b = s.do_add_note(editor, text="same", person=person)
    assert _raw("registry_note", "text", a.pk) != _raw("registry_note", "text", b.pk)


def test_the_audit_log_keeps_a_digest_not_the_text(editor: Any) -> None:
    person = s.do_create_person(editor, names=["Ihar Ilyash"])
    s.do_add_note(editor, text=SECRET, person=person)
    s.do_update_person(editor, person, expected_version=1, contacts=SECRET)
    with connection.cursor() as cursor:
        cursor.execute("SELECT object_repr, before, after FROM audit_auditentry")
        dumped = json.dumps(cursor.fetchall(), ensure_ascii=False)
    assert "Hanna" not in dumped and "555 01 02" not in dumped
    entry = AuditEntry.objects.filter(action="note.add").get()
    assert entry.after["text"].startswith("hmac-sha256:")
    assert verify().ok


def test_verify_finds_an_encrypted_field_replaced_directly(editor: Any) -> None:
    person = s.do_create_person(editor, names=["Ihar Ilyash"])
    note = s.do_add_note(editor, text=SECRET, person=person)
    with connection.cursor() as cursor:  # a valid ciphertext, of another text, written behind the back
        cursor.execute("UPDATE registry_note SET text = %s WHERE id = %s", [crypto.seal("nothing to see"), note.pk])
    problems = verify().problems
    assert [str(p) for p in problems] == [
        f"registry.note {note.pk} differs from its audit log in text: changed behind the services' back"
    ]


def test_a_wrong_key_does_not_open_a_note(editor: Any) -> None:
    person = s.do_create_person(editor, names=["Ihar Ilyash"])
    note = s.do_add_note(editor, text=SECRET, person=person)
    with (
        override_settings(FIELD_KEYS=[os.urandom(32)]),
        pytest.raises(crypto.FieldKeyError, match="which this installation does not have"),
    ):
        Note.objects.get(pk=note.pk)


def test_an_old_key_still_opens_after_a_new_one_is_put_first(editor: Any, settings: Any) -> None:
    person = s.do_create_person(editor, names=["Ihar Ilyash"])
    note = s.do_add_note(editor, text=SECRET, person=person)
    settings.FIELD_KEYS = [os.urandom(32), *settings.FIELD_KEYS]
    assert Note.objects.get(pk=note.pk).text == SECRET
    assert verify().ok


def test_a_damaged_ciphertext_is_refused(editor: Any) -> None:
    token = crypto.seal(SECRET)
    damaged = token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:]
    with pytest.raises(crypto.FieldKeyError, match="does not open"):
        crypto.open_token(damaged)


def test_the_key_is_generated_once_into_the_data_folder(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.delenv("LETAPIS_FIELD_KEY", raising=False)
    monkeypatch.delenv("LETAPIS_FIELD_KEY_FILE", raising=False)
    first = field_keys_from_env(tmp_path)
    assert field_keys_from_env(tmp_path) == first
    assert len(first) == 1 and len(first[0]) == 32
    assert stat.S_IMODE((tmp_path / "field_key").stat().st_mode) == 0o600


def test_the_key_comes_from_the_environment_or_a_file(tmp_path: Path, monkeypatch: Any) -> None:
    key = crypto.generate_key()
    monkeypatch.setenv("LETAPIS_FIELD_KEY", key)
    assert field_keys_from_env(tmp_path) == [crypto.parse_key(key)]
    assert not (tmp_path / "field_key").exists()
    monkeypatch.delenv("LETAPIS_FIELD_KEY")
    (tmp_path / "keys").write_text(f"# new first\n{crypto.generate_key()}\n{key}\n")
    monkeypatch.setenv("LETAPIS_FIELD_KEY_FILE", str(tmp_path / "keys"))
    assert field_keys_from_env(tmp_path)[1] == crypto.parse_key(key)


def test_a_bad_key_stops_the_start_up_with_one_line(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("LETAPIS_FIELD_KEY", "too-short")
    with pytest.raises(ImproperlyConfigured, match="LETAPIS_FIELD_KEY: a field key must be 32 bytes"):
        field_keys_from_env(tmp_path)
    monkeypatch.delenv("LETAPIS_FIELD_KEY")
    monkeypatch.setenv("LETAPIS_FIELD_KEY_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="cannot be read"):
        field_keys_from_env(tmp_path)


def test_verify_accepts_the_text_in_entries_older_than_the_encryption() -> None:
    """Notes written before the field was encrypted keep their text in their old entries."""
    assert crypto.audit_matches("a note from before", "a note from before")
    assert not crypto.audit_matches("a note from before", "changed since")
    assert crypto.audit_matches(crypto.audit_digest("now"), "now")
    assert not crypto.audit_matches("hmac-sha256:00000000:" + "0" * 64, "now")  # a key no longer listed


def test_a_row_written_before_the_encryption_is_read_as_it_is(editor: Any) -> None:
    person = s.do_create_person(editor, names=["Ihar Ilyash"])
    note = s.do_add_note(editor, text="x", person=person)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE registry_note SET text = %s WHERE id = %s", ["legacy plain text", note.pk])
    assert Note.objects.get(pk=note.pk).text == "legacy plain text"
