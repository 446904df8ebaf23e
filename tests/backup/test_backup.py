"""Backup and restore in this test database (SQLite or PostgreSQL, as the suite runs): the round
trip keeps every record and file, and a damaged or wrong-key archive is refused before anything is
written."""

from __future__ import annotations

import io
import json
import os
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from letapis.audit.verify import verify
from letapis.backup import BackupError, create_backup, restore_backup
from letapis.backup.age import decrypt_bytes, encrypt, generate_identity, parse_recipients, read_identity
from letapis.backup.archive import backed_up_models, fingerprint
from letapis.registry import services as s
from letapis.registry import storage
from letapis.registry.models import Note, Person

pytestmark = pytest.mark.django_db(transaction=True)

PASS = "a long test passphrase"
SECRET = "Lawyer: Maryja K., +375 44 000 11 22"


@dataclass(frozen=True)
class KeyPair:
    """An age key pair: the archives of the tests whose subject is not the passphrase are
    encrypted to it. A passphrase costs seconds of scrypt on each side by design (age's work
    factor); the archive, its manifest, checksums and refusals are the same either way."""

    identity: Path
    public: str

    def open(self, archive: Path) -> bytes:
        return decrypt_bytes(archive.read_bytes(), identities=read_identity(self.identity))


@pytest.fixture
def keys(tmp_path: Path) -> KeyPair:
    secret, public = generate_identity()
    identity = tmp_path / "key.txt"
    identity.write_text(secret + "\n")
    return KeyPair(identity, public)


@pytest.fixture
def filled(demo: Any, editor: Any) -> dict[str, str]:
    """The demo registry, a confidential note and contacts, and two stored files."""
    person = Person.objects.order_by("id").first()
    assert person is not None
    s.do_add_note(editor, text=SECRET, person=person, confidentiality="confidential")
    s.do_update_person(editor, person, contacts=SECRET)
    storage.store("Заява ПЭН-цэнтра\n".encode())
    storage.store(bytes(range(256)) * 40)
    return fingerprint()


def _empty_everything() -> None:
    call_command("flush", interactive=False, verbosity=0)
    for _, path in storage_files():
        path.unlink()


def storage_files() -> list[tuple[str, Path]]:
    from letapis.backup.archive import _stored_files

    return list(_stored_files())


def _is_empty() -> bool:
    return all(m._default_manager.count() == 0 for m in backed_up_models()) and storage_files() == []


def test_a_round_trip_keeps_every_record_and_file(filled: dict[str, str], tmp_path: Path) -> None:
    archive = tmp_path / "letapis.age"
    summary = create_backup(archive, passphrase=PASS)
    assert summary.files == 3  # the demo's statement and the two stored here
    assert summary.rows["audit.auditentry"] > 200
    _empty_everything()
    restored = restore_backup(archive, passphrase=PASS)
    assert restored.audit_problems == []
    assert fingerprint() == filled
    assert verify().ok
    assert SECRET in [note.text for note in Note.objects.all()]


def test_the_archive_holds_ciphertext_of_encrypted_fields_and_a_manifest(
    filled: dict[str, str], keys: KeyPair, tmp_path: Path
) -> None:
    archive = tmp_path / "letapis.age"
    create_backup(archive, recipients=[keys.public])
    assert os.stat(archive).st_mode & 0o077 == 0  # readable by the owner only
    plain = keys.open(archive)
    with tarfile.open(fileobj=io.BytesIO(plain)) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
        names = tar.getnames()
        members = b"".join(tar.extractfile(name).read() for name in names)  # type: ignore[union-attr]
    assert SECRET.encode() not in members
    assert b"enc1:" in members
    assert manifest["format"] == "letapis-backup"
    assert set(manifest["members"]) == set(names) - {"manifest.json"}
    assert all(len(m["sha256"]) == 64 for m in manifest["members"].values())


def test_a_one_byte_change_is_refused_and_nothing_written(
    filled: dict[str, str], keys: KeyPair, tmp_path: Path
) -> None:
    archive = tmp_path / "letapis.age"
    create_backup(archive, recipients=[keys.public])
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0x01
    damaged = tmp_path / "damaged.age"
    damaged.write_bytes(bytes(data))
    _empty_everything()
    with pytest.raises(BackupError, match="cannot be decrypted: wrong identity, or the archive is damaged"):
        restore_backup(damaged, identity=keys.identity)
    assert _is_empty()


def test_a_member_changed_under_a_valid_encryption_fails_its_checksum(
    filled: dict[str, str], keys: KeyPair, tmp_path: Path
) -> None:
    """Someone who holds the key re-packs the archive with one byte of a table changed."""
    archive = tmp_path / "letapis.age"
    create_backup(archive, recipients=[keys.public])
    plain = keys.open(archive)
    repacked = io.BytesIO()
    with tarfile.open(fileobj=io.BytesIO(plain)) as src, tarfile.open(fileobj=repacked, mode="w:gz") as dst:
        for info in src:
            body = src.extractfile(info).read()  # type: ignore[union-attr]
            if "registry.person" in info.name:
                body = body[:100] + bytes([body[100] ^ 0x01]) + body[101:]
            info.size = len(body)
            dst.addfile(info, io.BytesIO(body))
    forged = tmp_path / "forged.age"
    with forged.open("wb") as out:
        encrypt(io.BytesIO(repacked.getvalue()), out, recipients=parse_recipients([keys.public]))
    _empty_everything()
    with pytest.raises(BackupError, match=r"db/\d+-registry.person.json does not match its checksum"):
        restore_backup(forged, identity=keys.identity)
    assert _is_empty()


def test_a_wrong_passphrase_is_refused(filled: dict[str, str], tmp_path: Path) -> None:
    archive = tmp_path / "letapis.age"
    create_backup(archive, passphrase=PASS)
    _empty_everything()
    with pytest.raises(BackupError, match="wrong passphrase"):
        restore_backup(archive, passphrase="not the passphrase")
    assert _is_empty()


def test_a_wrong_field_key_is_refused_before_anything_is_written(
    filled: dict[str, str], keys: KeyPair, tmp_path: Path
) -> None:
    archive = tmp_path / "letapis.age"
    create_backup(archive, recipients=[keys.public])
    _empty_everything()
    with (
        override_settings(FIELD_KEYS=[os.urandom(32)]),
        pytest.raises(BackupError, match="Set LETAPIS_FIELD_KEY or LETAPIS_FIELD_KEY_FILE"),
    ):
        restore_backup(archive, identity=keys.identity)
    assert _is_empty()


def test_a_database_that_is_not_empty_is_refused(filled: dict[str, str], keys: KeyPair, tmp_path: Path) -> None:
    archive = tmp_path / "letapis.age"
    create_backup(archive, recipients=[keys.public])
    for _, path in storage_files():
        path.unlink()
    with pytest.raises(BackupError, match="the database is not empty"):
        restore_backup(archive, identity=keys.identity)
    assert fingerprint()["registry.person"] == filled["registry.person"]


def test_an_archive_for_a_public_key_opens_with_its_identity(
    filled: dict[str, str], keys: KeyPair, tmp_path: Path
) -> None:
    archive = tmp_path / "letapis.age"
    create_backup(archive, recipients=[keys.public])
    _empty_everything()
    with pytest.raises(BackupError, match="encrypted to a public key"):
        restore_backup(archive, passphrase=PASS)
    restore_backup(archive, identity=keys.identity)
    assert fingerprint() == filled


def test_the_field_key_is_not_in_the_archive(filled: dict[str, str], keys: KeyPair, tmp_path: Path) -> None:
    import base64

    archive = tmp_path / "letapis.age"
    create_backup(archive, recipients=[keys.public])
    plain = keys.open(archive)
    with tarfile.open(fileobj=io.BytesIO(plain)) as tar:
        members = b"".join(tar.extractfile(name).read() for name in tar.getnames())  # type: ignore[union-attr]
    key = settings.FIELD_KEYS[0]
    assert key not in members
    assert base64.urlsafe_b64encode(key).rstrip(b"=") not in members
