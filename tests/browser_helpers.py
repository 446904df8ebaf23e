"""What the browser tests share (headless Chromium driven by Playwright, as
tests/web/test_browser.py says): a tab in a browser context of its own, the screenshot folder,
and logging in through the login page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django_otp.oath import TOTP

from tests.conftest import REPO

SHOTS = REPO / "artifacts" / "screenshots"
PASSWORD = "correct-horse-battery-9"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def new_tab(chromium: Any, viewport: dict[str, int] = DESKTOP, **options: Any) -> Any:
    """A page in a browser context of its own (its own cookies), ``viewport`` wide, in British
    English unless ``options`` (Playwright's ``new_context``'s) give another ``locale``; a step
    waits 30 s at most. The ``chromium`` fixture closes the context after the test."""
    context = chromium.new_context(viewport=viewport, **{"locale": "en-GB", **options})
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    return tab


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    """A desktop tab; its test's screenshots go to :data:`SHOTS`."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab = new_tab(chromium)
    yield tab
    tab.context.close()


def shot(page: Any, name: str) -> Path:
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def current_code(device: Any) -> str:
    """The code the authenticator app with ``device``'s key shows now."""
    device.refresh_from_db()
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{generator.token():0{device.digits}d}"


def log_in(page: Any, base: str, username: str, *, device: Any = None, password: str = PASSWORD) -> None:
    """Log ``username`` in through the login page of the site at ``base``: the password, then,
    with ``device``, the code it shows; done when the home page is there."""
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    if device is not None:
        page.wait_for_url(f"{base}/login/code/")
        page.fill("#id_code", current_code(device))
        page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/")
