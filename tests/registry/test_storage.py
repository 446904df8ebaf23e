"""The store of source files: every folder and file readable by the owner only."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from letapis.registry import storage


def test_stored_documents_are_readable_by_the_owner_only(settings: Any, tmp_path: Path) -> None:
    settings.SOURCES_DIR = tmp_path / "data" / "sources"
    digest = storage.store(b"a statement naming people at risk")
    path = storage.path_for(digest)
    assert path.read_bytes() == b"a statement naming people at risk"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    for folder in (path.parent, settings.SOURCES_DIR, settings.SOURCES_DIR.parent):
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700, folder
