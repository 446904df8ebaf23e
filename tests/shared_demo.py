"""The demo registry, loaded once per run and restored for every test that asks for it.

Loading the demo goes through the services (claims, audit log, custody, status spans) and costs
about half a second; some 260 tests ask for it. A test that uses the ``demo`` fixture (or
``following_demo``, the demo with the data of following a term) and runs in a transaction that
is rolled back (the default ``django_db``) shares one copy:

- the first such test opens an outer transaction and loads the demo in it, once;
- each test then runs in its own savepoint inside it (pytest-django's ``TestCase`` atomics nest),
  which is rolled back after the test: the next test sees the pristine demo again;
- the outer transaction is rolled back before the first test that must not see the demo, and at
  the end of the run. The tests are ordered so that those sharing the demo run one after the other
  (after the other database tests, before the transactional ones): the demo is loaded once.

A transactional test (``django_db(transaction=True)``, ``live_server``, ``transactional_db``)
commits, so it cannot run inside the outer transaction: for it the fixture loads the demo in the
test, as before, and the flush after the test removes it.

The demo's source file is stored once in a folder of the run and copied into the test's own
``SOURCES_DIR`` (``_isolated_sources``), so a test that reads or deletes it sees its own copy.
"""

from __future__ import annotations

import shutil
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

# the variants of the demo a test can share, and the fixture that asks for each
VARIANTS: dict[str, dict[str, Any]] = {
    "demo": {},
    "following_demo": {"following": True},
}


def is_transactional(item: pytest.Item) -> bool:
    """Whether pytest-django runs ``item`` as a ``TransactionTestCase`` (its data is committed)."""
    from pytest_django.fixtures import validate_django_db

    names = getattr(item, "fixturenames", ())
    if "transactional_db" in names or "live_server" in names or "django_db_reset_sequences" in names:
        return True
    marker = item.get_closest_marker("django_db")
    if marker is None:
        return False
    transaction, reset_sequences, *_ = validate_django_db(marker)
    return bool(transaction or reset_sequences)


def shared_variant(item: pytest.Item) -> str | None:
    """The demo variant ``item`` shares, or None (it uses no demo, or commits)."""
    names = getattr(item, "fixturenames", ())
    wanted = [name for name in VARIANTS if name in names]
    if not wanted or is_transactional(item):
        return None
    return wanted[-1]  # following_demo includes the statement's demo


class SharedDemo:
    """The outer transaction holding one variant of the demo, open or not."""

    def __init__(self, blocker: Any, folder: Path) -> None:
        self.blocker = blocker
        self.folder = folder
        self.variant: str | None = None
        self.source_pk: int | None = None
        self._atomic: Any = None

    def sync(self, variant: str | None) -> None:
        """Hold ``variant`` (None: nothing) before a test's fixtures are set up."""
        if self.variant == variant:
            return
        self.close()
        if variant is not None:
            self.open(variant)

    def open(self, variant: str) -> None:
        from django.db import transaction
        from django.test import override_settings

        from letapis.registry.demo import load_demo

        with self.blocker.unblock():
            self._atomic = transaction.atomic()
            self._atomic._from_testcase = True  # as TestCase's own: durable blocks may nest in the test's
            self._atomic.__enter__()
            try:
                shutil.rmtree(self.folder, ignore_errors=True)
                with override_settings(SOURCES_DIR=self.folder):
                    self.source_pk = load_demo(**VARIANTS[variant]).pk
            except BaseException:
                self.close()
                raise
        self.variant = variant

    def close(self) -> None:
        if self._atomic is None:
            return
        from django.db import transaction

        with self.blocker.unblock():
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)
        self._atomic = None
        self.variant = None
        self.source_pk = None


_shared: SharedDemo | None = None
_current: pytest.Item | None = None


def before_setup(item: pytest.Item) -> None:
    """Before the test's fixtures (``pytest_runtest_setup``): hold the demo it shares, or none."""
    global _current
    _current = item
    if _shared is not None:
        _shared.sync(shared_variant(item))


def rank(item: pytest.Item) -> int:
    """Where ``item`` goes among the rollback tests: first those that share no demo, then each
    variant's sharers together, so that each variant is loaded once."""
    return {None: 0, **{name: i + 1 for i, name in enumerate(VARIANTS)}}[shared_variant(item)]


NO_DATABASE = 2


def group(item: pytest.Item) -> int:
    """pytest-django's order: rollback tests (0), transactional tests (1), no database (2)."""
    names = getattr(item, "fixturenames", ())
    if is_transactional(item):
        return 1
    return 0 if "db" in names or item.get_closest_marker("django_db") is not None else NO_DATABASE


@pytest.fixture(scope="session")
def shared_demo(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Generator[SharedDemo]:
    """The holder of the shared demo; session-scoped so that it is set up before a test's own
    database fixtures, and the outer transaction it opens encloses theirs."""
    global _shared
    _shared = SharedDemo(django_db_blocker, tmp_path_factory.mktemp("demo-sources"))
    if _current is not None:
        _shared.sync(shared_variant(_current))
    yield _shared
    _shared.close()
    _shared = None


def _provide(request: pytest.FixtureRequest, shared: SharedDemo, sources: Any, variant: str) -> Any:
    from letapis.registry.demo import load_demo
    from letapis.registry.models import Source

    request.getfixturevalue("db")
    if shared.variant is None:  # a transactional test: it commits, the flush after it removes the demo
        return load_demo(**VARIANTS[variant])
    if shared.folder.is_dir():
        shutil.copytree(shared.folder, sources, dirs_exist_ok=True)
    return Source.objects.get(pk=shared.source_pk)


@pytest.fixture
def demo(request: pytest.FixtureRequest, shared_demo: SharedDemo, settings: Any, _isolated_sources: None) -> Any:
    """The demo registry (the statement's persons, events and claims): its source."""
    return _provide(request, shared_demo, settings.SOURCES_DIR, "demo")


@pytest.fixture
def following_demo(
    request: pytest.FixtureRequest, shared_demo: SharedDemo, settings: Any, _isolated_sources: None
) -> Any:
    """The demo registry with the data of following a term (places, transfers, invented
    histories), as ``letapis demo`` loads it: the statement's source."""
    return _provide(request, shared_demo, settings.SOURCES_DIR, "following_demo")
