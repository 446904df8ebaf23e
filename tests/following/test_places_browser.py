"""The places pages and the letter sheet in a real browser (Debian's Chromium, headless, as
tests/web/test_browser.py drives it): the screenshots of docs/following.md#places.

Screenshots go to artifacts/screenshots/; with ``LETAPIS_DOCS_SHOTS=1`` to docs/img/ as
``following-places-*.png`` (how the documentation's images are made).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from tests.browser_helpers import new_tab
from tests.conftest import REPO
from tests.following.places_world import DAY, build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shots_dir() -> Path:
    return REPO / "docs" / "img" if os.environ.get("LETAPIS_DOCS_SHOTS") else REPO / "artifacts" / "screenshots"


@pytest.fixture
def page(chromium: Any) -> Any:
    return new_tab(chromium)


def shot(page: Any, name: str) -> None:
    folder = shots_dir()
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"following-places-{name}.png"), full_page=True)


def test_a_monitor_finds_a_colony_and_prints_the_letter_sheet(
    page: Any, live_server: Any, django_user_model: Any
) -> None:
    world = build()
    viewer = django_user_model.objects.create_user("monitor", password="x-long-password-9", role="viewer")
    client = Client()
    client.force_login(viewer)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    base = live_server.url
    on = DAY.isoformat()

    page.goto(f"{base}/places/?on={on}")
    assert "Penal colony No. 1, Navapolack" in page.locator("[data-testid=places]").inner_text()
    shot(page, "list")

    page.click("text=Penal colony No. 1, Navapolack")
    page.wait_for_load_state()
    page.goto(f"{base}/places/{world.colony.pk}/?on={on}")
    assert "211440" in page.locator("[data-testid=postal-address]").inner_text()
    assert "no stamps" in page.locator("[data-testid=letter-rules]").inner_text()
    assert "Aleś Bialacki" in page.locator("[data-testid=held-there]").inner_text()
    shot(page, "place")

    ids = ",".join(str(p.pk) for p in (world.bialacki, world.kalesnikava, world.released, world.unplaced))
    page.goto(f"{base}/following/letters/?persons={ids}&on={on}")
    letters = page.locator("[data-testid=letters]").inner_text()
    assert "Мария Колесникова" in letters and "Not held on this day" in letters
    shot(page, "letters")
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible()
    shot(page, "letters-print")
