"""The custody record in a real browser (Debian's Chromium, headless, as tests/web/test_browser.py):
the page a monitor opens from the source page, and what it prints. Screenshots go to
artifacts/screenshots/ (docs/img/web-custody-record*.png are copies)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from letapis.custody.models import CustodyAction, CustodyEvent
from letapis.review.ingest import do_ingest
from tests.browser_helpers import PASSWORD, SHOTS, log_in, new_tab
from tests.custody.conftest import LINES, exif_jpeg
from tests.review.conftest import FakeResult

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tab(chromium: Any) -> Any:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return new_tab(chromium, accept_downloads=True)


def test_a_monitor_opens_prints_and_downloads_the_custody_record(
    tab: Any, live_server: Any, django_user_model: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    """A photo read by the real OCR reader, brought in by a monitor, opened by a lawyer."""
    monkeypatch.setattr("letapis.review.ingest.run_extractor", lambda text, **kwargs: FakeResult(persons=[]))
    reader = django_user_model.objects.create_user("lawyer", password=PASSWORD, role="viewer", sees_confidential=True)
    monitor = django_user_model.objects.create_user(
        "monitor", password=PASSWORD, role="researcher", sees_confidential=True
    )
    photo = exif_jpeg(lines=LINES)
    source = do_ingest(
        monitor,
        photo,
        "verdict-2025-12-03.jpg",
        language="en",
        how="upload",
        origin="the prisoner's sister, in person at the office",
        confidentiality="confidential",
    ).source
    base = live_server.url
    log_in(tab, base, "lawyer")
    expect(tab.locator("header .account")).to_contain_text("lawyer")

    tab.goto(f"{base}/sources/{source.pk}/")
    tab.click("text=Custody record")
    tab.wait_for_url(f"{base}/sources/{source.pk}/custody/")
    with tab.expect_download() as download:
        tab.click("text=Download the original")
    saved = tmp_path / "original.jpg"
    download.value.save_as(saved)
    assert saved.read_bytes() == photo
    tab.reload()
    expect(tab.locator("main")).to_contain_text(source.sha256)
    expect(tab.locator("main")).to_contain_text("Pixel 7")
    expect(tab.locator("main")).to_contain_text("downloaded")
    tab.screenshot(path=str(SHOTS / "custody-record.png"), full_page=True)
    tab.emulate_media(media="print")
    expect(tab.locator("header.top")).to_be_hidden()
    tab.screenshot(path=str(SHOTS / "custody-record-print.png"), full_page=True)
    step = CustodyEvent.objects.get(action=CustodyAction.DOWNLOADED)
    assert (step.actor, step.detail["copy"]) == (reader, "original")
