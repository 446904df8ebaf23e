"""Writing and restoring a backup archive.

The archive is a gzip-compressed tar file, encrypted (:mod:`letapis.backup.age`), with these members:

``manifest.json``         format and version, when and from which database engine it was made, the
                          migrations applied, the number of rows of each model, the sha-256 and size
                          of every other member
``db/NNN-app.model.json`` the rows of one model in Django's JSON serialisation (natural keys for
                          content types and permissions, which each database numbers itself), in
                          dependency order
``sources/<sha-256>``     each stored source file, named by its own checksum

The database part is portable: it is loaded with Django's ``loaddata`` into SQLite or PostgreSQL
alike, keeping every primary key (the audit log refers to records by id), and sequences are reset
afterwards. Fields encrypted at rest (:mod:`letapis.crypto`) are written as their ciphertext; the
field key is *not* in the archive and must be kept separately.

Restoring refuses a database or a source store that is not empty, and checks the whole archive
(decryption, the manifest, every checksum, the field key) before it writes anything.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from datetime import time as dt_time
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.loader import MigrationLoader

from letapis.backup import age
from letapis.registry import storage

FORMAT = "letapis-backup"
VERSION = 1

#: Tables every database fills itself when migrated, or that hold nothing worth keeping.
EXCLUDED = frozenset({"contenttypes.contenttype", "auth.permission", "sessions.session"})


class BackupError(ValueError):
    """A backup or a restore refused, with a line fit for the user."""


@dataclass
class BackupSummary:
    path: Path
    rows: dict[str, int]
    files: int
    size: int
    seconds: float


@dataclass
class RestoreSummary:
    rows: dict[str, int]
    files: int
    engine_from: str
    engine_to: str
    seconds: float
    audit_problems: list[str] = field(default_factory=list)
    audit_entries: int = 0


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def backed_up_models() -> list[type[models.Model]]:
    """Every concrete model with data of its own, in an order in which they can be loaded."""
    app_list: dict[Any, list[type[models.Model]] | None] = {}
    for config in apps.get_app_configs():
        chosen = [
            m
            for m in config.get_models()
            if m._meta.label_lower not in EXCLUDED and m._meta.managed and not m._meta.proxy
        ]
        if chosen:
            app_list[config] = chosen
    return serializers.sort_dependencies(app_list.items(), allow_cycles=True)


def _applied_migrations(using: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    loader = MigrationLoader(connections[using], ignore_no_migrations=True)
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(loader.applied_migrations):
        applied.setdefault(app_label, []).append(name)
    return applied


def _stored_files() -> Iterator[tuple[str, Path]]:
    """Every file of the content-addressed store, as (sha-256, path)."""
    root = Path(settings.SOURCES_DIR)
    if not root.exists():
        return
    for path in sorted(root.glob("??/*")):
        if path.is_file() and not path.name.startswith(".") and len(path.name) == 64:
            yield path.name, path


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (Django's cuts them to milliseconds,
    which would change the audit entries' hashed ``at``)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, (datetime, dt_time)):
            return o.isoformat()
        return super().default(o)


def _to_json(objects: list[models.Model]) -> str:
    """Rows in Django's serialisation format (``loaddata`` reads it), with exact times; fields
    encrypted at rest as their ciphertext (:meth:`letapis.crypto.EncryptedTextField.value_to_string`)."""
    data = serializers.serialize("python", objects, use_natural_foreign_keys=True)
    return json.dumps(data, cls=_ExactEncoder, ensure_ascii=False, separators=(",", ":"))


def _add(tar: tarfile.TarFile, name: str, data: bytes, members: dict[str, dict[str, Any]]) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = 0
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))
    members[name] = {"sha256": _sha256(data), "size": len(data)}


def _field_key_ids() -> list[str]:
    from letapis.crypto import key_ids

    return key_ids()


def _write_plain_archive(out: IO[bytes]) -> tuple[dict[str, int], int]:
    """The tar (unencrypted) of the database and the files, read in one consistent snapshot."""
    members: dict[str, dict[str, Any]] = {}
    rows: dict[str, int] = {}
    connection = connections[DEFAULT_DB_ALIAS]
    # gzip before encryption: the JSON of a large registry shrinks about sevenfold
    with tarfile.open(fileobj=out, mode="w:gz", compresslevel=6, format=tarfile.PAX_FORMAT) as tar:
        with transaction.atomic():
            if connection.vendor == "postgresql":  # one snapshot for every table read below
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            for number, model in enumerate(backed_up_models()):
                label = model._meta.label_lower
                objects = list(model._default_manager.order_by("pk"))
                text = _to_json(objects)
                _add(tar, f"db/{number:03d}-{label}.json", text.encode("utf-8"), members)
                rows[label] = len(objects)
            files = 0
            for digest, path in _stored_files():
                data = path.read_bytes()
                if _sha256(data) != digest:
                    raise BackupError(
                        f"the stored file {path} does not match its name (sha-256): it is damaged; "
                        "restore it from an older backup before making a new one"
                    )
                _add(tar, f"sources/{digest}", data, members)
                files += 1
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created_at": datetime.now(UTC).isoformat(),
                "engine": connection.vendor,
                "migrations": _applied_migrations(),
                "rows": rows,
                "files": files,
                "field_keys": _field_key_ids(),
                "members": members,
            }
        _add(tar, "manifest.json", json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8"), {})
    return rows, files


def create_backup(
    out_path: Path, *, passphrase: str | None = None, recipients: list[str] | None = None
) -> BackupSummary:
    """Write an encrypted archive of the database and the stored files to ``out_path``."""
    started = time.perf_counter()
    keys = age.parse_recipients(recipients) if recipients is not None else None
    if keys is None:
        if passphrase is None:
            raise BackupError("a passphrase or a recipient key is needed")
        age.check_passphrase(passphrase)
    out_path = Path(out_path)
    if out_path.exists():
        raise BackupError(f"{out_path} exists already: choose a new file name")
    with tempfile.TemporaryFile() as plain:
        rows, files = _write_plain_archive(plain)
        plain.seek(0)
        partial = out_path.with_name(f".{out_path.name}.partial")
        try:
            with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
                age.encrypt(plain, out, passphrase=passphrase, recipients=keys)
            partial.replace(out_path)
        finally:
            partial.unlink(missing_ok=True)
    return BackupSummary(out_path, rows, files, out_path.stat().st_size, time.perf_counter() - started)


# ---------------------------------------------------------------------------------------------
# Restore


@dataclass
class _Opened:
    manifest: dict[str, Any]
    folder: Path  # the checked members, extracted


def _open_archive(path: Path, folder: Path, *, passphrase: str | None, identity: Path | None) -> _Opened:
    """Decrypt and check every member against the manifest; extract into ``folder``."""
    identities = age.read_identity(identity) if identity is not None else None
    plain_path = folder / "archive.tar"
    try:
        with Path(path).open("rb") as sealed, plain_path.open("wb") as plain:
            age.decrypt(sealed, plain, passphrase=passphrase, identities=identities)
    except OSError as exc:
        raise BackupError(f"cannot read {path}: {exc.strerror}") from exc
    except age.BackupKeyError as exc:
        raise BackupError(str(exc)) from exc
    seen: dict[str, str] = {}
    manifest: dict[str, Any] | None = None
    extracted = folder / "members"
    try:
        with tarfile.open(plain_path, mode="r:*") as tar:  # gzip-compressed (or a plain tar)
            for info in tar:
                name = info.name
                if not info.isfile() or name.startswith("/") or ".." in Path(name).parts:
                    raise BackupError(f"the archive holds an unexpected member {name!r}: refused")
                handle = tar.extractfile(info)
                if handle is None:
                    raise BackupError(f"the archive member {name!r} cannot be read")
                data = handle.read()
                if name == "manifest.json":
                    manifest = json.loads(data)
                    continue
                if not (name.startswith("db/") or name.startswith("sources/")) or name.count("/") != 1:
                    raise BackupError(f"the archive holds an unexpected member {name!r}: refused")
                seen[name] = _sha256(data)
                target = extracted / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
    except (tarfile.TarError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BackupError(f"the archive is damaged: {exc}") from exc
    finally:
        plain_path.unlink(missing_ok=True)
    if manifest is None or manifest.get("format") != FORMAT:
        raise BackupError("the archive has no Letapis manifest: it is not a Letapis backup")
    if not isinstance(manifest.get("version"), int) or manifest["version"] > VERSION:
        raise BackupError(
            f"the archive has format version {manifest.get('version')}; this Letapis reads "
            f"up to {VERSION}: update Letapis first"
        )
    listed: dict[str, dict[str, Any]] = manifest.get("members", {})
    for name in sorted(set(listed) | set(seen)):
        if name not in seen:
            raise BackupError(f"the archive lacks {name}, which its manifest lists: it is damaged")
        if name not in listed:
            raise BackupError(f"the archive holds {name}, which its manifest does not list: refused")
        if seen[name] != listed[name]["sha256"]:
            raise BackupError(f"{name} does not match its checksum in the manifest: the archive is damaged")
        if name.startswith("sources/") and seen[name] != name.split("/", 1)[1]:
            raise BackupError(f"{name} does not match its own name (sha-256): the archive is damaged")
    return _Opened(manifest, extracted)


def _check_migrations(manifest: dict[str, Any]) -> None:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    unknown = [
        f"{app}.{name}"
        for app, names in manifest.get("migrations", {}).items()
        for name in names
        if (app, name) not in known
    ]
    if unknown:
        raise BackupError(
            f"the archive was made by a newer Letapis (migrations {', '.join(unknown[:3])} are "
            "unknown here): update Letapis first"
        )


def _non_empty_tables() -> list[str]:
    return [f"{m._meta.label_lower} ({n} rows)" for m in backed_up_models() if (n := m._default_manager.count()) > 0]


def _check_field_keys(folder: Path) -> None:
    """Every encrypted value in the archive must open with the field keys of this installation."""
    from letapis.crypto import FieldKeyError, encrypted_fields, open_token

    wanted = {model._meta.label_lower: names for model, names in encrypted_fields().items()}
    for path in sorted((folder / "db").glob("*.json")):
        label = path.stem.split("-", 1)[1]
        if label not in wanted:
            continue
        for row in json.loads(path.read_text(encoding="utf-8")):
            for name in wanted[label]:
                value = row["fields"].get(name)
                if isinstance(value, str) and value != "":
                    try:
                        open_token(value)  # every one: AES-GCM is fast, and a damaged value is caught here
                    except FieldKeyError as exc:
                        raise BackupError(
                            f"{label} {row['pk']}: {exc}. Set LETAPIS_FIELD_KEY or LETAPIS_FIELD_KEY_FILE to the "
                            "field key of the installation the backup was made on"
                        ) from exc


def _insert(model: type[models.Model], objects: list[models.Model]) -> None:
    """Insert rows as they are (``raw``: no ``auto_now`` stamping, keys kept), many at a time."""
    model._base_manager._insert(  # type: ignore[attr-defined]  # Django's private bulk insert, not in the stubs
        objects, fields=list(model._meta.local_concrete_fields), raw=True, using=DEFAULT_DB_ALIAS
    )


def _load_tables(folder: Path, batch: int = 500) -> None:
    """Load every table of the archive, in its (dependency) order, inside the caller's transaction.

    Like ``loaddata`` (same format, same deserialiser), but rows are inserted in batches rather than
    saved one by one (about five times faster on a large registry); foreign keys are checked at
    commit (Django creates them deferrable), and sequences are reset afterwards."""
    connection = connections[DEFAULT_DB_ALIAS]
    loaded: list[type[models.Model]] = []
    relations: list[tuple[models.Model, dict[str, Sequence[Any]]]] = []
    for path in sorted(folder.glob("*.json")):
        pending: list[models.Model] = []
        model: type[models.Model] | None = None
        for item in serializers.deserialize("json", path.read_text(encoding="utf-8")):
            model = type(item.object)
            pending.append(item.object)
            if item.m2m_data:
                relations.append((item.object, item.m2m_data))
            if len(pending) >= batch:
                _insert(model, pending)
                pending = []
        if model is not None:
            if pending:
                _insert(model, pending)
            loaded.append(model)
    for obj, m2m in relations:
        for name, values in m2m.items():
            getattr(obj, name).set(values)
    statements = connection.ops.sequence_reset_sql(no_style(), loaded)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    if connection.vendor == "sqlite":
        connection.check_constraints()  # SQLite defers too, but say which row is wrong


def restore_backup(
    path: Path, *, passphrase: str | None = None, identity: Path | None = None, verify_audit: bool = True
) -> RestoreSummary:
    """Restore an archive into this (empty) installation: database and stored files."""
    started = time.perf_counter()
    root = Path(settings.SOURCES_DIR)
    if root.exists() and any(_stored_files()):
        raise BackupError(f"the source store {root} is not empty: restore into an empty data folder")
    with tempfile.TemporaryDirectory(prefix="letapis-restore-") as tmp:
        opened = _open_archive(path, Path(tmp), passphrase=passphrase, identity=identity)
        _check_migrations(opened.manifest)
        _check_field_keys(opened.folder)
        call_command("migrate", interactive=False, verbosity=0)
        full = _non_empty_tables()
        if full:
            raise BackupError("the database is not empty (" + ", ".join(full[:4]) + "): restore into an empty one")
        copied: list[Path] = []
        files = sorted((opened.folder / "sources").glob("*")) if (opened.folder / "sources").exists() else []
        try:
            for file in files:
                digest = storage.store(file.read_bytes())
                copied.append(storage.path_for(digest))
            with transaction.atomic():
                _load_tables(opened.folder / "db")
        except Exception as exc:
            for done in copied:
                done.unlink(missing_ok=True)
            if isinstance(exc, BackupError):
                raise
            raise BackupError(f"the archive could not be loaded, nothing was kept: {exc}") from exc
    rows = {m._meta.label_lower: m._default_manager.count() for m in backed_up_models()}
    expected = opened.manifest.get("rows", {})
    wrong = [f"{label}: {rows.get(label)} of {n}" for label, n in expected.items() if rows.get(label) != n]
    if wrong:
        raise BackupError("the restored database does not hold every row of the archive: " + "; ".join(wrong))
    summary = RestoreSummary(
        rows, len(files), str(opened.manifest.get("engine")), connections[DEFAULT_DB_ALIAS].vendor, 0.0
    )
    if verify_audit:
        from letapis.audit.verify import verify

        report = verify()
        summary.audit_entries = report.entries
        summary.audit_problems = [str(p) for p in report.problems]
    summary.seconds = time.perf_counter() - started
    return summary


def remove_partial(path: Path) -> None:
    """Remove a folder left by a failed restore test (helper for scripts)."""
    shutil.rmtree(path, ignore_errors=True)


def fingerprint() -> dict[str, str]:
    """A sha-256 of every backed-up table (its rows in key order, every field, encrypted fields as
    their text) and of the set of stored files: equal on two installations exactly when they hold
    the same data, whatever their database engine. Used to check a restore."""
    from letapis.audit.log import canonical
    from letapis.crypto import EncryptedTextField

    out: dict[str, str] = {}
    for model in backed_up_models():
        digest = hashlib.sha256()
        fields = model._meta.concrete_fields
        for obj in model._default_manager.order_by("pk").iterator(chunk_size=2000):
            row = {}
            for f in fields:
                value = getattr(obj, f.attname)
                if isinstance(value, datetime):
                    value = value.astimezone(UTC).isoformat()
                row[f.attname] = value if not isinstance(f, EncryptedTextField) else str(value or "")
            digest.update(canonical(row).encode("utf-8") + b"\n")
        out[model._meta.label_lower] = digest.hexdigest()
    contents = sorted(_sha256(path.read_bytes()) for _, path in _stored_files())  # the files' content
    out["sources"] = hashlib.sha256("\n".join(contents).encode("ascii")).hexdigest()
    return out
