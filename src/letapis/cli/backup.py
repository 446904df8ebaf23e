"""Backup commands: ``letapis backup``, ``letapis restore`` and ``letapis backup-key``.

The archive (:mod:`letapis.backup`) holds the database as portable JSON, the stored source files
and a manifest of sha-256 checksums, encrypted with age: with a passphrase
(``LETAPIS_BACKUP_PASSPHRASE`` or typed at a prompt) or to a public key (``--recipient age1…``),
so that a server can write backups that only the holder of the secret key can read.
The field key of the encrypted fields is not in the archive: keep it apart (docs/safe-keeping.md).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from letapis.cli import UserError, main, new_file_option, setup_django

PASSPHRASE_VAR = "LETAPIS_BACKUP_PASSPHRASE"


def _passphrase(confirm: bool) -> str:
    value = os.environ.get(PASSPHRASE_VAR)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise UserError(f"no passphrase: set {PASSPHRASE_VAR}, give --recipient, or run in a terminal to type one")
    text: str = click.prompt("Backup passphrase", hide_input=True, confirmation_prompt=confirm)
    return text


def _size(n: int) -> str:
    size: float = n
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return str(size)


@main.command()
@new_file_option(help="The archive to write (must not exist).")
@click.option(
    "--recipient",
    "recipients",
    multiple=True,
    help="Encrypt to this age public key (age1…) or the keys in this file, instead of a passphrase. Repeatable.",
)
def backup(out: Path, recipients: tuple[str, ...]) -> None:
    """Write an encrypted archive of the database, the stored source files and their checksums.

    Without --recipient the passphrase is read from LETAPIS_BACKUP_PASSPHRASE or typed twice.
    """
    setup_django()
    from letapis.backup import BackupError, BackupKeyError, create_backup

    passphrase = None if recipients else _passphrase(confirm=True)
    try:
        summary = create_backup(out, passphrase=passphrase, recipients=list(recipients) if recipients else None)
    except (BackupError, BackupKeyError) as exc:
        raise UserError(str(exc)) from exc
    rows = sum(summary.rows.values())
    how = f"to {len(recipients)} public key(s)" if recipients else "with a passphrase"
    click.echo(
        f"Wrote {summary.path}: {rows} rows of {len(summary.rows)} tables and {summary.files} source files, "
        f"{_size(summary.size)}, encrypted {how}, in {summary.seconds:.2f} s."
    )
    click.echo("Keep the field key (LETAPIS_FIELD_KEY / the data folder's field_key) apart: the archive needs it.")


@main.command()
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--identity",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The age secret key file, for an archive encrypted to a public key.",
)
def restore(archive: Path, identity: Path | None) -> None:
    """Restore an archive into an empty database and data folder.

    Every checksum (and the field key) is checked before anything is written; a damaged archive, a
    wrong passphrase or key, or a database that is not empty is refused. The audit log is
    verified afterwards.
    """
    setup_django()
    from letapis.backup import BackupError, BackupKeyError, restore_backup

    passphrase = None if identity is not None else _passphrase(confirm=False)
    try:
        summary = restore_backup(archive, passphrase=passphrase, identity=identity)
    except (BackupError, BackupKeyError) as exc:
        raise UserError(f"nothing was restored: {exc}") from exc
    rows = sum(summary.rows.values())
    click.echo(
        f"Restored {rows} rows and {summary.files} source files (made on {summary.engine_from}, "
        f"restored into {summary.engine_to}) in {summary.seconds:.2f} s."
    )
    if summary.audit_problems:
        click.echo(f"The audit log does NOT verify ({len(summary.audit_problems)} problems):")
        for line in summary.audit_problems:
            click.echo(f"  {line}")
        raise SystemExit(1)
    click.echo(f"The audit log verifies: {summary.audit_entries} entries, every record matches.")


@main.command("backup-key")
@new_file_option(help="The secret key file to write (must not exist).")
def backup_key(out: Path) -> None:
    """Make an age key pair for backups: the secret key goes to a file, the public key is printed.

    Give the public key to `letapis backup --recipient`; keep the secret key file off the server.
    """
    from letapis.backup.age import generate_identity

    if out.exists():
        raise UserError(f"{out} exists already: choose a new file name")
    secret, public = generate_identity()
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(f"# Letapis backup key; public key: {public}\n{secret}\n")
    click.echo(f"Secret key written to {out} (keep it off the server).")
    click.echo(f"Public key: {public}")
