"""The encryption of archives: age (https://age-encryption.org) through pyrage.

An archive is encrypted either with a passphrase (age's scrypt recipient) or to one or more
X25519 public keys (``age1…``), so that a server can write backups it cannot read back: only the
holder of the identity (``AGE-SECRET-KEY-1…``) can. age authenticates every chunk of the payload,
so a changed byte anywhere is refused on decryption.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

import pyrage


class BackupKeyError(ValueError):
    """A passphrase, recipient or identity that cannot be used, or an archive it cannot open."""


def check_passphrase(passphrase: str) -> str:
    if passphrase.strip() == "":
        raise BackupKeyError("an empty passphrase is refused: set LETAPIS_BACKUP_PASSPHRASE or type one")
    return passphrase


def parse_recipients(texts: list[str]) -> list[pyrage.x25519.Recipient]:
    """``age1…`` public keys, given as text or as files that hold them (one a line, ``#`` comments)."""
    keys: list[str] = []
    for text in texts:
        path = Path(text)
        if not text.startswith("age1") and path.is_file():
            keys += [
                ln.strip()
                for ln in path.read_text(encoding="utf-8").splitlines()
                if ln.strip() != "" and not ln.strip().startswith("#")
            ]
        else:
            keys.append(text.strip())
    recipients = []
    for key in keys:
        try:
            recipients.append(pyrage.x25519.Recipient.from_str(key))
        except pyrage.RecipientError as exc:
            raise BackupKeyError(f"{key[:20]!r}… is not an age public key (age1…)") from exc
    if len(recipients) == 0:
        raise BackupKeyError("no recipient key given")
    return recipients


def read_identity(path: Path) -> list[pyrage.x25519.Identity]:
    """The ``AGE-SECRET-KEY-1…`` lines of an identity file (as ``age-keygen`` writes it)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise BackupKeyError(f"cannot read the identity file {path}: {exc.strerror}") from exc
    identities = []
    for line in lines:
        if line.strip().startswith("AGE-SECRET-KEY-"):
            try:
                identities.append(pyrage.x25519.Identity.from_str(line.strip()))
            except pyrage.IdentityError as exc:
                raise BackupKeyError(f"{path} holds a damaged age secret key") from exc
    if len(identities) == 0:
        raise BackupKeyError(f"{path} holds no age secret key (AGE-SECRET-KEY-1…)")
    return identities


def generate_identity() -> tuple[str, str]:
    """A new key pair: (secret identity text, public recipient text)."""
    identity = pyrage.x25519.Identity.generate()
    return str(identity), str(identity.to_public())


def encrypt(
    plain: BinaryIO,
    out: BinaryIO,
    *,
    passphrase: str | None = None,
    recipients: list[pyrage.x25519.Recipient] | None = None,
) -> None:
    if recipients is not None:
        pyrage.encrypt_io(plain, out, recipients)
        return
    if passphrase is None:
        raise BackupKeyError("a passphrase or a recipient key is needed")
    out.write(pyrage.passphrase.encrypt(plain.read(), check_passphrase(passphrase)))


def decrypt(
    data: BinaryIO,
    out: BinaryIO,
    *,
    passphrase: str | None = None,
    identities: list[pyrage.x25519.Identity] | None = None,
) -> None:
    """Decrypt, or raise :class:`BackupKeyError` with a line fit for the user."""
    head = data.read(64)
    data.seek(0)
    if not head.startswith(b"age-encryption.org/v1"):
        raise BackupKeyError("this is not a Letapis backup (not an age-encrypted file)")
    scrypt = b"-> scrypt " in data.read(512)
    data.seek(0)
    try:
        if identities is not None:
            if scrypt:
                raise BackupKeyError("this archive is encrypted with a passphrase, not to a key: give the passphrase")
            try:
                pyrage.decrypt_io(data, out, identities)
            except OSError as exc:
                if exc.errno is not None:  # the disk, not the archive
                    raise
                # the streaming decryption reports a damaged or foreign archive as an OSError
                # without an errno ("decryption error"), not as a DecryptError
                raise pyrage.DecryptError(str(exc)) from exc
            return
        if passphrase is None:
            raise BackupKeyError("this archive needs a passphrase or an identity file")
        if not scrypt:
            raise BackupKeyError("this archive is encrypted to a public key: give its identity file (--identity)")
        out.write(pyrage.passphrase.decrypt(data.read(), passphrase))
    except pyrage.DecryptError as exc:
        what = "passphrase" if identities is None else "identity"
        raise BackupKeyError(
            f"the archive cannot be decrypted: wrong {what}, or the archive is damaged ({exc})"
        ) from exc


def decrypt_bytes(
    data: bytes, *, passphrase: str | None = None, identities: list[pyrage.x25519.Identity] | None = None
) -> bytes:
    out = io.BytesIO()
    decrypt(io.BytesIO(data), out, passphrase=passphrase, identities=identities)
    return out.getvalue()
