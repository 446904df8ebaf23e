"""Settings read from the environment: bad values stop the start-up with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from letapis import conf


@pytest.mark.parametrize("raw,expected", [("1", True), ("TRUE", True), ("yes", True), ("0", False), ("off", False)])
def test_booleans(monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool) -> None:
    monkeypatch.setenv("DEBUG", raw)
    assert conf.env_bool("DEBUG", not expected) is expected


def test_a_bad_boolean_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG='maybe'"):
        conf.env_bool("DEBUG", False)


def test_debug_is_off_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEBUG", raising=False)
    assert conf.env_bool("DEBUG", False) is False


def test_sqlite_in_the_data_folder_by_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    db = conf.database_from_env(tmp_path)
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(tmp_path / "letapis.sqlite3")


def test_postgres_from_database_url(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/letapis")
    db = conf.database_from_env(tmp_path)
    assert db["ENGINE"] == "django.db.backends.postgresql" and db["NAME"] == "letapis"


@pytest.mark.parametrize("url", ["mysql://root@localhost/x", "nonsense://x", "not a url"])
def test_unsupported_databases_are_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, url: str) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        conf.database_from_env(tmp_path)


def test_the_secret_key_is_generated_once_and_kept_private(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("SECRET_KEY_FILE", raising=False)
    first = conf.secret_key_from_env(tmp_path)
    assert conf.secret_key_from_env(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_secret_key_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    key_file = tmp_path / "key"
    key_file.write_text("k" * 40 + "\n")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("SECRET_KEY_FILE", str(key_file))
    assert conf.secret_key_from_env(tmp_path) == "k" * 40
    monkeypatch.setenv("SECRET_KEY_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="cannot be read"):
        conf.secret_key_from_env(tmp_path)


def test_a_short_secret_key_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SECRET_KEY", "short")
    with pytest.raises(ImproperlyConfigured, match="too short"):
        conf.secret_key_from_env(tmp_path)


def test_a_data_dir_that_is_a_file_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("")
    monkeypatch.setenv("LETAPIS_DATA_DIR", str(target))
    with pytest.raises(ImproperlyConfigured, match="not a folder"):
        conf.data_dir_from_env()


def test_a_bad_setting_stops_the_cli_with_one_line(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "DEBUG": "perhaps", "LETAPIS_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "letapis", "migrate"], env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "DEBUG='perhaps' is not a boolean" in result.stderr
    assert "Traceback" not in result.stderr


def test_trusted_proxies_are_addresses_or_networks(monkeypatch: pytest.MonkeyPatch) -> None:
    import ipaddress

    monkeypatch.delenv("LETAPIS_TRUSTED_PROXIES", raising=False)
    assert conf.env_networks("LETAPIS_TRUSTED_PROXIES", ["127.0.0.1"]) == [ipaddress.ip_network("127.0.0.1/32")]
    monkeypatch.setenv("LETAPIS_TRUSTED_PROXIES", " 10.0.0.0/8, ::1 ")
    assert conf.env_networks("LETAPIS_TRUSTED_PROXIES", []) == [
        ipaddress.ip_network("10.0.0.0/8"),
        ipaddress.ip_network("::1/128"),
    ]
    monkeypatch.setenv("LETAPIS_TRUSTED_PROXIES", "")
    assert conf.env_networks("LETAPIS_TRUSTED_PROXIES", ["127.0.0.1"]) == []
    monkeypatch.setenv("LETAPIS_TRUSTED_PROXIES", "127.0.0.1,proxy.example.org")
    with pytest.raises(ImproperlyConfigured, match="LETAPIS_TRUSTED_PROXIES: 'proxy.example.org' is not an IP"):
        conf.env_networks("LETAPIS_TRUSTED_PROXIES", [])


def test_the_data_folder_is_created_readable_by_the_owner_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import os
    import stat

    monkeypatch.setenv("LETAPIS_DATA_DIR", str(tmp_path / "new" / "data"))
    path = conf.data_dir_from_env()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700  # made for it, so private too


def test_the_sqlite_file_and_its_journal_are_readable_by_the_owner_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import os
    import sqlite3
    import stat

    monkeypatch.delenv("DATABASE_URL", raising=False)
    name = conf.database_from_env(tmp_path)["NAME"]
    assert stat.S_IMODE(os.stat(name).st_mode) == 0o600
    db = sqlite3.connect(name)  # as Django's connection does, in WAL mode
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE t (x)")
    db.execute("INSERT INTO t VALUES (1)")
    db.commit()
    for suffix in ("", "-wal", "-shm"):
        assert stat.S_IMODE(os.stat(name + suffix).st_mode) == 0o600, suffix
    db.close()
