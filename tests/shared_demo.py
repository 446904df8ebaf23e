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
Each test gets instances of its own (read again by primary key), never those of another test.

The seed statement ingested into an empty registry (``ingested_seed``, the extractor's claims
to review) is shared the same way. A test asking for it and for a demo shares the demo and
ingests the seed on top of it, in the test.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest


@dataclass(frozen=True)
class Variant:
    """A registry a test can share: how to load it, and how to give each test its own instances."""

    load: Callable[[], Any]  # loads it in the current transaction: the fixture's value
    keep: Callable[[Any], Any]  # what the holder keeps of that value between tests (primary keys)
    fresh: Callable[[Any], Any]  # the fixture's value again from what was kept, as new instances
    includes: tuple[str, ...] = ()  # the other variants it contains
    layer: bool = False  # with a demo variant, the test loads it on top of the shared demo


def _demo(**options: Any) -> Variant:
    def load() -> Any:
        from letapis.registry.demo import load_demo

        return load_demo(**options)

    def fresh(pk: int) -> Any:
        from letapis.registry.models import Source

        return Source.objects.get(pk=pk)

    return Variant(load, lambda source: source.pk, fresh, ("demo",) if options else ())


def _seed() -> Variant:
    def load() -> Any:
        from tests.web.review_helpers import ingest_seed

        return ingest_seed()

    def fresh(kept: tuple[int, bool, list[int]]) -> Any:
        from letapis.registry.models import Claim, Source
        from letapis.review.ingest import IngestResult

        source_pk, created, claim_pks = kept
        claims = Claim.objects.in_bulk(claim_pks)
        return IngestResult(Source.objects.get(pk=source_pk), created, [claims[pk] for pk in claim_pks])

    def keep(result: Any) -> tuple[int, bool, list[int]]:
        return result.source.pk, result.created, [claim.pk for claim in result.claims]

    return Variant(load, keep, fresh, layer=True)


# the registries a test can share, by the fixture that asks for each
VARIANTS: dict[str, Variant] = {
    "demo": _demo(),
    "following_demo": _demo(following=True),
    "ingested_seed": _seed(),
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
    wanted = {name for name in VARIANTS if name in names}
    if not wanted or is_transactional(item):
        return None
    # the variant holding all that the test asks for (following_demo includes the demo); a layer
    # asked for with a demo (the ingested seed) is loaded in the test, on top of the shared demo
    base = {name for name in wanted if not VARIANTS[name].layer} or wanted
    holding = [name for name in base if base <= {name, *VARIANTS[name].includes}]
    return holding[0] if holding else None


class SharedDemo:
    """The outer transaction holding one variant of the demo, open or not."""

    def __init__(self, blocker: Any, folder: Path) -> None:
        self.blocker = blocker
        self.folder = folder
        self.variant: str | None = None
        self.kept: Any = None
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

        with self.blocker.unblock():
            self._atomic = transaction.atomic()
            self._atomic._from_testcase = True  # as TestCase's own: durable blocks may nest in the test's
            self._atomic.__enter__()
            try:
                shutil.rmtree(self.folder, ignore_errors=True)
                with override_settings(SOURCES_DIR=self.folder):
                    self.kept = VARIANTS[variant].keep(VARIANTS[variant].load())
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
        self.kept = None

    def holds(self, variant: str) -> bool:
        return self.variant is not None and (variant == self.variant or variant in VARIANTS[self.variant].includes)


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
    """pytest-django's order: rollback tests (0), transactional tests (1), no database (2).

    A test asking for a shared registry (``demo``…) uses the database without the mark: the
    fixture asks for ``db`` itself (``_provide``), which ``fixturenames`` does not show."""
    names = getattr(item, "fixturenames", ())
    if is_transactional(item):
        return 1
    uses_db = "db" in names or any(name in names for name in VARIANTS)
    return 0 if uses_db or item.get_closest_marker("django_db") is not None else NO_DATABASE


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
    request.getfixturevalue("db")
    if not shared.holds(variant):  # a transactional test (it commits, the flush after it removes
        return VARIANTS[variant].load()  # what it loaded), or one asking for two variants apart
    if shared.folder.is_dir():
        shutil.copytree(shared.folder, sources, dirs_exist_ok=True)
    return VARIANTS[variant].fresh(shared.kept)


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


@pytest.fixture
def ingested_seed(
    request: pytest.FixtureRequest, shared_demo: SharedDemo, settings: Any, _isolated_sources: None
) -> Any:
    """The seed statement ingested by no one into an empty registry (``ingest_seed()`` of
    tests/web/review_helpers.py, the extractor's claims to review): its ``IngestResult``, with
    instances of the test's own."""
    return _provide(request, shared_demo, settings.SOURCES_DIR, "ingested_seed")
