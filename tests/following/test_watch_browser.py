"""The watch lists in a real browser (headless /usr/bin/chromium, as tests/web/test_browser.py):
a monitor logs in, opens the panel from the menu, follows a count to its list and downloads the
CSV. Screenshots go to artifacts/screenshots/following-watch-*.png (docs/img has copies)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser_helpers import PASSWORD, log_in, page, shot  # noqa: F401 — the page fixture
from tests.following.watch_world import D, build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_monitor_opens_the_watch_lists(page: Any, live_server: Any, django_user_model: Any) -> None:  # noqa: F811
    build()
    django_user_model.objects.create_user("monitor", password=PASSWORD, role="viewer")
    base = live_server.url
    log_in(page, base, "monitor")
    page.click("header nav >> text=Following")
    page.wait_for_url(f"{base}/following/")
    page.goto(f"{base}/following/?on={D}")
    assert page.locator("[data-testid=watch-silent-60]").inner_text() == "5"
    shot(page, "following-watch-panel")
    page.click("[data-testid=watch-silent-60]")
    page.wait_for_url(f"{base}/following/silent/**")
    rows = page.locator("[data-testid=watch-silent] tbody tr")
    assert rows.count() == 5
    assert "Hal Quiet" in rows.nth(2).inner_text()
    shot(page, "following-watch-silent")
    page.goto(f"{base}/following/due/?on={D}&days=90")
    assert "Penal colony No. 2" in page.locator("[data-testid=watch-due]").inner_text()
    shot(page, "following-watch-due")
    with page.expect_download() as download:
        page.click("[data-testid=csv-link]")
    assert download.value.suggested_filename == "following-due-2026-06-01.csv"
