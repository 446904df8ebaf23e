"""The content-addressed store of source files: each file is kept once, under its sha-256.

Files are written to a temporary name and renamed into place, so a crash never leaves half a
file under a real name; a file that is already there is not written again. Folders are made
readable by the owner only (``0700``) and files ``0600``: the documents name the people at risk.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings

from letapis.conf import private_dir


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def root() -> Path:
    return private_dir(Path(settings.SOURCES_DIR))


def path_for(sha256: str) -> Path:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError(f"not a sha-256: {sha256!r}")
    return root() / sha256[:2] / sha256


def store(data: bytes) -> str:
    """Store ``data`` (once) and return its sha-256."""
    digest = sha256_of(data)
    target = path_for(digest)
    if target.exists():
        return digest
    private_dir(target.parent)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")  # mode 0600
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return digest


def read(sha256: str) -> bytes:
    return path_for(sha256).read_bytes()
