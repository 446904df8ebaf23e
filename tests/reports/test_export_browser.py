"""The export page in a real browser (Debian's Chromium, headless, Playwright): a visitor in the
Belarusian interface chooses those held on a day who are writers, as XLSX, and gets the file
with Belarusian labels and typed cells. The screenshot goes to artifacts/screenshots/ (and is the
one in docs/import-export.md)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.browser_helpers import SHOTS, new_tab

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(chromium: Any, live_server: Any) -> Any:
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab = new_tab(chromium, locale=None, accept_downloads=True)  # the language: the cookie's
    tab.context.add_cookies([{"name": "django_language", "value": "be", "url": live_server.url}])
    return tab


def test_a_visitor_exports_the_writers_held_on_a_day(page: Any, live_server: Any) -> None:
    from letapis.registry.demo import load_demo

    load_demo()
    page.goto(f"{live_server.url}/reports/export/")
    page.select_option("#x-list", "held")
    page.fill("#x-on", "2025-12-14")
    page.select_option("#x-occupation", "writer")
    page.select_option("#x-fmt", "xlsx")
    assert page.input_value("#x-lang") == "be"  # the interface's language by default
    page.screenshot(path=str(SHOTS / "export-page-be.png"), full_page=True)
    with page.expect_download() as download:
        page.click("form[data-testid=export-form] button[type=submit]")
    path = download.value.path()
    assert download.value.suggested_filename == "held-2025-12-14.xlsx"
    sheet = load_workbook(io.BytesIO(path.read_bytes())).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2))
    assert rows and all("writer" in str(r[header.index("occupations")].value) for r in rows)
    assert all(r[header.index("status_label")].value == "пад вартай" for r in rows)
    assert all(r[header.index("id")].data_type == "n" for r in rows)
    page.goto(f"{live_server.url}/reports/export/?fmt=csv&on=yesterday")
    assert page.locator("[data-testid=export-error]").is_visible()
