"""`letapis backup`, `letapis restore` and `letapis backup-key`; and the cross-database restore
SQLite → PostgreSQL → SQLite, run as separate processes, as an administrator would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from django.core.management import call_command

from letapis.cli import main
from letapis.crypto import generate_key

PASS = "a long test passphrase"
PG_SERVER = os.environ.get("LETAPIS_TEST_PG_SERVER", "postgres://postgres@127.0.0.1:5432")


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env=env).invoke(main, list(args), catch_exceptions=False)


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_print_what_they_did(demo: Any, tmp_path: Path) -> None:
    archive = tmp_path / "x.age"
    result = run("backup", "--out", str(archive), env={"LETAPIS_BACKUP_PASSPHRASE": PASS})
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Wrote {archive}: ")
    assert "encrypted with a passphrase" in result.output
    again = run("backup", "--out", str(archive), env={"LETAPIS_BACKUP_PASSPHRASE": PASS})
    assert again.exit_code == 1
    assert "exists already" in again.output
    call_command("flush", interactive=False, verbosity=0)
    for path in (tmp_path / "sources").glob("??/*"):
        path.unlink()
    wrong = run("restore", str(archive), env={"LETAPIS_BACKUP_PASSPHRASE": "nope"})
    assert wrong.exit_code == 1
    assert wrong.output.startswith("Error: nothing was restored: the archive cannot be decrypted: wrong passphrase")
    done = run("restore", str(archive), env={"LETAPIS_BACKUP_PASSPHRASE": PASS})
    assert done.exit_code == 0, done.output
    assert done.output.splitlines()[-1].startswith("The audit log verifies: ")


@pytest.mark.django_db
def test_backup_without_a_passphrase_or_a_terminal_is_refused(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.delenv("LETAPIS_BACKUP_PASSPHRASE", raising=False)
    result = run("backup", "--out", str(tmp_path / "x.age"))
    assert result.exit_code == 1
    assert "no passphrase: set LETAPIS_BACKUP_PASSPHRASE" in result.output
    assert not (tmp_path / "x.age").exists()


@pytest.mark.django_db
def test_backup_key_writes_a_secret_key_file(tmp_path: Path) -> None:
    result = run("backup-key", "--out", str(tmp_path / "backup.key"))
    assert result.exit_code == 0
    public = result.output.splitlines()[-1].removeprefix("Public key: ")
    assert public.startswith("age1")
    text = (tmp_path / "backup.key").read_text()
    assert "AGE-SECRET-KEY-1" in text and public in text
    assert (tmp_path / "backup.key").stat().st_mode & 0o077 == 0


# ---------------------------------------------------------------------------------------------
# Cross-database: separate processes, separate databases


SEED = """
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "letapis.settings")
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from letapis.registry.demo import load_demo
from letapis.registry import services as s, storage
from letapis.registry.models import Person
load_demo()
person = Person.objects.order_by("id").first()
s.do_add_note(None, text="Sister: Volha, +375 33 111 22 33", person=person, confidentiality="confidential")
s.do_update_person(None, person, contacts="Lawyer: Paŭlaŭ, +375 29 765 43 21")
storage.store(bytes(range(256)) * 100)
"""

FINGERPRINT = """
import os, json, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "letapis.settings")
django.setup()
from letapis.backup.archive import fingerprint
print(json.dumps(fingerprint()))
"""


def _pg_database() -> Iterator[str]:
    psycopg = pytest.importorskip("psycopg")
    name = f"test_safekeep_{uuid.uuid4().hex[:8]}"
    try:
        admin = psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL is not reachable at {PG_SERVER}: {exc}")
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{PG_SERVER}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture
def pg_url() -> Iterator[str]:
    yield from _pg_database()


def _env(data_dir: Path, database_url: str, key: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LETAPIS_") and k != "DATABASE_URL"}
    data_dir.mkdir(exist_ok=True)
    return {
        **env,
        "LETAPIS_DATA_DIR": str(data_dir),
        "DATABASE_URL": database_url,
        "LETAPIS_FIELD_KEY": key,
        "LETAPIS_BACKUP_PASSPHRASE": PASS,
        "DJANGO_SETTINGS_MODULE": "letapis.settings",
    }


def _run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _letapis(env: dict[str, str], *args: str) -> str:
    return _run(env, sys.executable, "-m", "letapis", *args)


def _fingerprint(env: dict[str, str]) -> dict[str, str]:
    return dict(json.loads(_run(env, sys.executable, "-c", FINGERPRINT)))


def test_a_backup_restores_from_sqlite_into_postgresql_and_back(tmp_path: Path, pg_url: str) -> None:
    key = generate_key()
    first = _env(tmp_path / "first", "", key)
    _run(first, sys.executable, "-c", SEED)
    original = _fingerprint(first)
    _letapis(first, "backup", "--out", str(tmp_path / "from-sqlite.age"))

    pg = _env(tmp_path / "pg", pg_url, key)
    out = _letapis(pg, "restore", str(tmp_path / "from-sqlite.age"))
    assert "(made on sqlite, restored into postgresql)" in out
    assert "The audit log verifies" in out
    assert _fingerprint(pg) == original
    _letapis(pg, "backup", "--out", str(tmp_path / "from-pg.age"))

    back = _env(tmp_path / "back", "", key)
    out = _letapis(back, "restore", str(tmp_path / "from-pg.age"))
    assert "(made on postgresql, restored into sqlite)" in out
    assert _fingerprint(back) == original
    assert "The audit log is intact" in _letapis(back, "audit", "verify")
    raw = b"".join(p.read_bytes() for p in (tmp_path / "back").glob("letapis.sqlite3*"))  # with the WAL
    assert b"+375 29 765" not in raw and "Paŭlaŭ".encode() not in raw  # the file alone does not tell
