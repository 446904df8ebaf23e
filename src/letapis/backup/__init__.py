"""Encrypted backup and restore of a Letapis installation.

``letapis backup --out FILE`` writes one archive: the database as Django's portable JSON (one
member per model, so it loads into SQLite or PostgreSQL alike), every stored source file, and a
manifest with the sha-256 of every member, all encrypted with age (:mod:`letapis.backup.age`).
``letapis restore FILE`` checks everything before it writes anything (:mod:`letapis.backup.archive`).
"""

from __future__ import annotations

from letapis.backup.age import BackupKeyError
from letapis.backup.archive import BackupError, BackupSummary, RestoreSummary, create_backup, restore_backup

__all__ = ["BackupError", "BackupKeyError", "BackupSummary", "RestoreSummary", "create_backup", "restore_backup"]
