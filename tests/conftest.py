"""Shared fixtures: three kinds of users, the demo registry and the browser.

Like healthchecks' base test case, the users stand for the access rules: an ``editor`` of the
team, a ``viewer`` with confidential access, an outsider (anonymous, ``None``).

The demo registry (``demo``, and ``following_demo`` with the data of following a term) is loaded
once per run and shared: see :mod:`tests.shared_demo` and docs/development.md.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher

from tests import shared_demo as sharing
from tests.shared_demo import demo, following_demo, ingested_seed, shared_demo  # noqa: F401 - the fixtures

REPO = Path(__file__).resolve().parents[1]
# copies of ../shared (seed statement, gold, scorer) so that a clone runs the suite on its own
SHARED = REPO / "tests" / "fixtures" / "shared"
SEED = SHARED / "seed" / "pen-belarus-statement-2025-12-14.txt"
# the browser tests drive Debian's Chromium (bin/dev installs it); never a downloaded browser
CHROMIUM = "/usr/bin/chromium"


PARTS = ("all", "database", "no-database")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--part",
        choices=PARTS,
        default="all",
        help="run only the tests that use the database (database), or only those that cannot use it "
        "(no-database); bin/dev test runs the first on SQLite and on PostgreSQL, the second once",
    )
    parser.addoption(
        "--without-browser",
        action="store_true",
        help="leave out the browser tests (those driving Chromium); bin/dev test runs them once, "
        "in the run on SQLite",
    )


def uses_the_browser(item: pytest.Item) -> bool:
    """Whether ``item`` drives the run's Chromium (the ``chromium`` fixture)."""
    return "chromium" in getattr(item, "fixturenames", ())


def is_browser_test(item: pytest.Item) -> bool:
    """Whether ``item`` drives Chromium: the run's (``chromium``) or its own (marker ``browser``)."""
    return uses_the_browser(item) or item.get_closest_marker("browser") is not None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """pytest-django's order (rollback tests, transactional tests, tests without a database),
    and within it: the tests sharing a demo variant together (tests/shared_demo.py), the tests
    driving Chromium together at the end of the transactional ones (one browser serves them).

    With ``--part``, the other part is deselected (pytest's summary counts it as "deselected"):
    a test without the database (no ``django_db`` mark, no ``db`` fixture) cannot reach it —
    pytest-django refuses the connection — so its result does not depend on the database the
    run is configured with, and ``bin/dev test`` runs it once. With ``--without-browser``, the
    browser tests are deselected too: what they check (the pages as Chromium draws and runs them)
    does not depend on the database, which every URL's walk and the pages' own tests cover on
    both, so ``bin/dev test`` runs them once, on SQLite."""
    items.sort(key=lambda item: (sharing.group(item), sharing.rank(item), uses_the_browser(item)))
    for item in items:  # the JUnit report marks them, for bin/dev's count of the runs
        if is_browser_test(item):
            item.user_properties.append(("browser", "chromium"))
    part = config.getoption("part")
    keep = items
    if part != "all":
        keep = [item for item in keep if (sharing.group(item) != sharing.NO_DATABASE) == (part == "database")]
    if config.getoption("without_browser"):
        keep = [item for item in keep if not is_browser_test(item)]
    if len(keep) < len(items):
        kept = set(keep)
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = keep


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before a test's fixtures: the shared demo it needs, or none; the browser closed once the
    tests that drive it are done."""
    sharing.before_setup(item)
    if not uses_the_browser(item):
        _browser.stop()


class _Browser:
    """One headless Chromium (Playwright driving Debian's binary) for a run of browser tests.

    Playwright's sync API marks its event loop as running in this thread between calls, which
    Django's ORM refuses unless ``DJANGO_ALLOW_ASYNC_UNSAFE`` is set: it is set while the browser
    is open, and the browser is closed before the first test that does not use it (the browser
    tests run last among the transactional ones), so no other test runs with it."""

    def __init__(self) -> None:
        self.playwright: Any = None
        self.browser: Any = None
        self._saved: str | None = None

    def start(self) -> Any:
        if self.browser is None:
            from playwright.sync_api import sync_playwright

            self._saved = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
            self.playwright = sync_playwright().start()
            self.browser = self.playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
            )
        return self.browser

    def stop(self) -> None:
        if self.browser is None:
            return
        try:
            self.browser.close()
            self.playwright.stop()
        finally:
            self.browser = self.playwright = None
            if self._saved is None:
                os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
            else:
                os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = self._saved


_browser = _Browser()


@pytest.fixture(scope="session")
def _browser_session() -> Iterator[_Browser]:
    yield _browser
    _browser.stop()


@pytest.fixture
def chromium(_browser_session: _Browser) -> Iterator[Any]:
    """The run's headless Chromium (a Playwright ``Browser``). A test opens its own contexts
    (``chromium.new_context(...)``: own cookies, viewport, locale); those left open are closed
    after it."""
    browser = _browser_session.start()
    yield browser
    for context in list(browser.contexts):
        context.close()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """On PostgreSQL the test connections commit without waiting for the WAL to reach the disk
    (``synchronous_commit=off``): a crash of the server could lose the last commits of a test
    database, nothing else; each commit of a transactional test no longer waits for an fsync."""
    from django.conf import settings

    for config in settings.DATABASES.values():
        if config["ENGINE"] == "django.db.backends.postgresql":
            options = config.setdefault("OPTIONS", {})
            options["options"] = f"{options.get('options', '')} -c synchronous_commit=off".strip()


class QuickArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 as in production (the same algorithm, format and code path), with the smallest
    costs: the production costs (100 MiB, 8 lanes) take a tenth of a second to seconds per
    password, and hundreds of tests create users and log them in."""

    time_cost = 1
    memory_cost = 64  # KiB
    parallelism = 1


@pytest.fixture(autouse=True, scope="session")
def _quick_password_hashing() -> Iterator[None]:
    """New passwords hashed with :class:`QuickArgon2PasswordHasher`; the production hashers
    still verify (and upgrade) theirs."""
    from django.conf import settings
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=[f"{__name__}.QuickArgon2PasswordHasher", *settings.PASSWORD_HASHERS]):
        yield


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
