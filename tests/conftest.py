"""Shared fixtures: three kinds of users and the demo registry.

Like healthchecks' base test case, the users stand for the access rules: an ``editor`` of the
team, a ``viewer`` with confidential access, an outsider (anonymous, ``None``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
# copies of ../shared (seed statement, gold, scorer) so that a clone runs the suite on its own
SHARED = REPO / "tests" / "fixtures" / "shared"
SEED = SHARED / "seed" / "pen-belarus-statement-2025-12-14.txt"


@pytest.fixture(autouse=True)
def _isolated_sources(settings: Any, tmp_path: Path) -> None:
    """Each test stores source files in its own folder."""
    settings.SOURCES_DIR = tmp_path / "sources"


@pytest.fixture(autouse=True)
def _empty_cache() -> Any:
    """Each test starts with an empty cache (anonymous reports are cached)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(django_user_model: Any) -> Any:
    return django_user_model.objects.create_user("editor", password="x-long-password-1", role="editor")


@pytest.fixture
def viewer(django_user_model: Any) -> Any:
    return django_user_model.objects.create_user("viewer", password="x-long-password-2", role="viewer")


@pytest.fixture
def confidant(django_user_model: Any) -> Any:
    return django_user_model.objects.create_user(
        "confidant", password="x-long-password-3", role="viewer", sees_confidential=True
    )


@pytest.fixture
def demo(db: Any) -> Any:
    from letapis.registry.demo import load_demo

    return load_demo()
