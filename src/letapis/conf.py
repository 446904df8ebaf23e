"""Small typed helpers that read settings from the environment.

Each raises :class:`django.core.exceptions.ImproperlyConfigured` with a message that names the
variable and what was wrong, so that a bad value stops the start-up with one clear line.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    """``1/true/yes/on`` or ``0/false/no/off`` (any case); anything else is an error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean: use 1/0, true/false, yes/no")


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list; empty items are dropped."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_int(name: str, default: int, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """A whole number, optionally within ``minimum``…``maximum``; anything else is an error."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from exc
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        low = "" if minimum is None else str(minimum)
        high = "" if maximum is None else str(maximum)
        raise ImproperlyConfigured(f"{name}={raw!r} is out of range: use {low}…{high}")
    return value


IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def env_networks(name: str, default: list[str]) -> list[IPNetwork]:
    """A comma-separated list of IP addresses or networks (``127.0.0.1``, ``10.0.0.0/8``, ``::1``);
    an address is a network of one. Empty means none."""
    raw = os.environ.get(name)
    items = default if raw is None else [item.strip() for item in raw.split(",") if item.strip()]
    networks: list[IPNetwork] = []
    for item in items:
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"{name}: {item!r} is not an IP address or network (e.g. 127.0.0.1 or 10.0.0.0/8)"
            ) from exc
    return networks


PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def private_dir(path: Path) -> Path:
    """Create ``path`` (and its missing parents) readable by the owner only (``0700``). A folder
    that exists already is left as it is: its mode is the administrator's choice."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    path.mkdir(parents=True, exist_ok=True)
    for folder in missing:
        os.chmod(folder, PRIVATE_DIR)
    return path


def private_file(path: Path) -> bool:
    """Create ``path`` empty and readable by the owner only (``0600``) unless it exists, so that
    whatever writes it next (SQLite, a log) keeps that mode. True when it was created."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        return False
    os.close(fd)
    return True


def data_dir_from_env() -> Path:
    """``LETAPIS_DATA_DIR`` (default ``./data``), created when missing, readable by the owner only."""
    raw = os.environ.get("LETAPIS_DATA_DIR", "data")
    path = Path(raw).expanduser().resolve()
    if path.exists() and not path.is_dir():
        raise ImproperlyConfigured(f"LETAPIS_DATA_DIR={raw!r} exists and is not a folder")
    try:
        private_dir(path)
    except OSError as exc:
        raise ImproperlyConfigured(f"LETAPIS_DATA_DIR={raw!r} cannot be created: {exc.strerror}") from exc
    return path


def secret_key_from_env(data_dir: Path) -> str:
    """``SECRET_KEY``, else the contents of ``SECRET_KEY_FILE``, else a key generated once and kept
    in ``DATA_DIR/secret_key`` (readable by the owner only)."""
    key = os.environ.get("SECRET_KEY")
    if key is not None:
        if len(key) < 32:
            raise ImproperlyConfigured("SECRET_KEY is too short: use at least 32 characters")
        return key
    key_file = os.environ.get("SECRET_KEY_FILE")
    if key_file is not None:
        try:
            key = Path(key_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"SECRET_KEY_FILE={key_file!r} cannot be read: {exc.strerror}") from exc
        if len(key) < 32:
            raise ImproperlyConfigured(f"SECRET_KEY_FILE={key_file!r} holds a key shorter than 32 characters")
        return key
    stored = data_dir / "secret_key"
    if stored.exists():
        return stored.read_text(encoding="utf-8").strip()
    key = secrets.token_urlsafe(50)
    fd = os.open(stored, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(key)
    return key


def database_from_env(data_dir: Path) -> dict[str, Any]:
    """``DATABASE_URL`` parsed by dj-database-url; SQLite in the data folder when unset (its file
    created readable by the owner only).

    Only SQLite and PostgreSQL are supported: another scheme is an error.
    """
    import dj_database_url

    url = os.environ.get("DATABASE_URL")
    if url is None or url.strip() == "":
        url = f"sqlite:///{data_dir / 'letapis.sqlite3'}"
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=0))
    except (ValueError, KeyError) as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {exc}") from exc
    engine = config.get("ENGINE", "")
    if engine not in ("django.db.backends.sqlite3", "django.db.backends.postgresql"):
        raise ImproperlyConfigured(
            f"DATABASE_URL uses {engine or 'an unknown engine'}: Letapis supports sqlite:// and postgres://"
        )
    test_name = os.environ.get("LETAPIS_TEST_DB_NAME")
    if test_name is not None and test_name.strip() != "" and engine == "django.db.backends.postgresql":
        config["TEST"] = {"NAME": test_name.strip()}  # lets parallel test runs share one server
    if engine == "django.db.backends.sqlite3":
        name = str(config.get("NAME") or "")
        if name not in ("", ":memory:") and not name.startswith("file:") and Path(name).parent.is_dir():
            # SQLite creates its file, and its -wal and -shm files after it, with the file's mode
            private_file(Path(name))
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    return config


def field_keys_from_env(data_dir: Path) -> list[bytes]:
    """The keys of the fields encrypted at rest (:mod:`letapis.crypto`), the encrypting one first.

    ``LETAPIS_FIELD_KEY`` (keys separated by commas), else the file named by
    ``LETAPIS_FIELD_KEY_FILE`` (one key a line, ``#`` comments), else ``DATA_DIR/field_key``,
    generated once (readable by the owner only). The key is never stored in the database nor in a
    backup: keep a copy of it apart from both.
    """
    from letapis.crypto import FieldKeyError, generate_key, parse_key

    raw = os.environ.get("LETAPIS_FIELD_KEY")
    where = "LETAPIS_FIELD_KEY"
    texts: list[str]
    if raw is not None and raw.strip() != "":
        texts = [t for t in raw.split(",") if t.strip() != ""]
    else:
        key_file = os.environ.get("LETAPIS_FIELD_KEY_FILE")
        path = Path(key_file) if key_file is not None and key_file.strip() != "" else data_dir / "field_key"
        where = f"LETAPIS_FIELD_KEY_FILE={key_file!r}" if key_file else str(path)
        if (key_file is None or key_file.strip() == "") and not path.exists():  # first run: generate it
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write("# Letapis field key: keep a copy apart from the database and its backups.\n")
                fh.write(generate_key() + "\n")
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise ImproperlyConfigured(f"{where} cannot be read: {exc.strerror}") from exc
        texts = [ln for ln in lines if ln.strip() != "" and not ln.strip().startswith("#")]
    if len(texts) == 0:
        raise ImproperlyConfigured(f"{where} holds no field key")
    try:
        return [parse_key(t) for t in texts]
    except FieldKeyError as exc:
        raise ImproperlyConfigured(f"{where}: {exc}") from exc
