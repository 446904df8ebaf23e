"""The search in a real browser (Debian's Chromium, headless): the header's box leads to the
page, a Łacinka query marks the Cyrillic words, and at 390 px the page does not scroll
sideways. Screenshots go to artifacts/screenshots/; with ``LETAPIS_DOCS_SHOTS=1`` to docs/img/
(docs/search.md)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.browser_helpers import PHONE, new_tab
from tests.conftest import REPO

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shots() -> Path:
    folder = REPO / "docs" / "img" if os.environ.get("LETAPIS_DOCS_SHOTS") else REPO / "artifacts" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def browser(chromium: Any) -> Any:
    return chromium


def test_a_monitor_searches_from_the_header(corpus: dict[str, Any], live_server: Any, browser: Any) -> None:
    page = new_tab(browser, {"width": 1280, "height": 800})
    page.goto(live_server.url + "/")
    page.fill("#site-q", "Bialacki Nobel")
    page.press("#site-q", "Enter")
    page.wait_for_selector("[data-testid=hits]")
    assert page.locator("mark", has_text="Бяляцкі").count() >= 1
    assert page.locator(".names a", has_text="Алесь Бяляцкі").count() >= 1
    page.screenshot(path=str(shots() / "search-en.png"), full_page=True)
    page.context.close()


def test_the_page_on_a_phone_in_belarusian(corpus: dict[str, Any], live_server: Any, browser: Any) -> None:
    page = new_tab(browser, PHONE, locale="be")
    page.goto(live_server.url + "/search/?q=Nobel&language=be")
    page.wait_for_selector("[data-testid=hits]")
    assert page.locator("h1").inner_text() == "Пошук"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path=str(shots() / "search-phone-be.png"), full_page=True)
    page.context.close()
