"""The report pages in a real browser (Debian's Chromium, headless, driven by Playwright), on a
phone's width: from the hub to the statistics, a number's persons, the monitoring report and a
statement draft, in each interface language chosen with the language switch; no page scrolls
sideways. Screenshots of the pages go to docs/img/ (``docs/reports.md`` shows them).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser_helpers import DESKTOP, PHONE, new_tab
from tests.conftest import REPO

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMG = REPO / "docs" / "img"


@pytest.fixture
def browser(chromium: Any) -> Any:
    return chromium


def _no_sideways_scroll(page: Any, what: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        """(limit) => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > limit + 1 && !e.closest('.table-scroll'))
        .slice(0, 3).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""",
        PHONE["width"],
    )
    assert width <= PHONE["width"], f"{what} is {width} px wide at {PHONE['width']} px: {wide}"


def _switch(page: Any, lang: str) -> None:
    """Choose the interface language with the header's switch, as a user does."""
    page.select_option("#lang-select", lang)
    page.locator("form.lang button[type=submit]").click()
    page.wait_for_load_state()


WORDS = {
    "en": ("Reports", "Statistics", "Sentence length", "Monitoring report"),
    "be": ("Справаздачы", "Статыстыка", "Тэрмін пакарання", "Маніторынгавы агляд"),
    "ru": ("Отчёты", "Статистика", "Срок наказания", "Мониторинговый обзор"),
}


@pytest.mark.parametrize("lang", ["en", "be", "ru"])
def test_every_report_page_fits_a_phone_in_each_language(demo: Any, live_server: Any, browser: Any, lang: str) -> None:
    page = new_tab(browser, PHONE)
    page.goto(f"{live_server.url}/reports/")
    _switch(page, lang)
    hub, stats_title, sentence_length, monitoring = WORDS[lang]
    assert page.locator("h1").inner_text() == hub
    _no_sideways_scroll(page, "the hub")

    page.fill("#stats-on", "2025-12-14")  # the day picker of the hub
    page.locator("#stats button[type=submit]").click()
    page.wait_for_load_state()
    assert stats_title in page.locator("h1").inner_text()
    assert page.get_by_text(sentence_length, exact=True).count() >= 1
    _no_sideways_scroll(page, "the statistics")
    if lang == "be":
        page.screenshot(path=str(IMG / "reports-stats-phone-be.png"), full_page=True)

    page.locator("td.n a").first.click()  # a number opens its persons
    page.wait_for_load_state()
    assert page.locator("ol.persons li a").count() >= 1
    _no_sideways_scroll(page, "a number's persons")

    page.goto(f"{live_server.url}/reports/")
    page.fill("#mon-from", "2025-12-01")
    page.fill("#mon-to", "2025-12-31")
    page.locator("#monitoring button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == monitoring
    _no_sideways_scroll(page, "the monitoring report")
    if lang == "ru":
        page.screenshot(path=str(IMG / "reports-monitoring-phone-ru.png"), full_page=False)

    page.goto(f"{live_server.url}/reports/")
    page.locator("#statements li a").first.click()
    page.wait_for_load_state()
    assert page.locator("ol.notes li").count() >= 1 and page.locator("sup a").count() >= 1
    _no_sideways_scroll(page, "a statement draft")
    if lang == "ru":
        page.screenshot(path=str(IMG / "reports-statement-phone-ru.png"), full_page=True)
    page.context.close()


def test_the_hub_and_statistics_on_a_desktop(demo: Any, live_server: Any, browser: Any) -> None:
    page = new_tab(browser, DESKTOP)
    page.goto(f"{live_server.url}/reports/")
    page.screenshot(path=str(IMG / "reports-hub.png"), full_page=True)
    page.goto(f"{live_server.url}/reports/stats/?on=2025-12-14")
    page.screenshot(path=str(IMG / "reports-stats.png"), full_page=True)
    page.goto(f"{live_server.url}/reports/statement/release:2025-12-13/?lang=en")
    page.screenshot(path=str(IMG / "reports-statement.png"), full_page=True)
    page.goto(f"{live_server.url}/reports/stats/?on=someday")
    assert page.locator("[role=alert]").inner_text().startswith("This report cannot be shown")
    page.screenshot(path=str(IMG / "reports-bad-date.png"), full_page=False)
    page.context.close()
