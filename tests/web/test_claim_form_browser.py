"""A claim's form in Debian's Chromium, on a phone: nothing scrolls sideways, the end of a date
range shows only for "between", a detention's missing date is added and the claim accepted.
Screenshots go to artifacts/screenshots/claims/ (docs/img/ holds the chosen ones)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from letapis.accounts import totp
from letapis.registry.models import ClaimState, Event
from letapis.registry.services import do_create_source, do_record_claim
from tests.browser_helpers import PASSWORD, PHONE, log_in, new_tab
from tests.conftest import REPO
from tests.web.test_app_walk_browser import WIDEST

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = REPO / "artifacts" / "screenshots" / "claims"
TEXT = "Сто дваццаць тры чалавекі вызвалены і вывезены ва Украіну і Літву. Пісьменніка затрымалі ў Мінску."


@pytest.fixture
def phone(chromium: Any) -> Any:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return new_tab(chromium, PHONE)


def _no_sideways_scroll(page: Any, where: str) -> None:
    wide = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert wide[0] <= wide[1], f"{where} scrolls sideways: {page.evaluate(WIDEST)}"


def test_a_monitor_adds_a_detentions_date_on_a_phone(phone: Any, live_server: Any, django_user_model: Any) -> None:
    monitor = django_user_model.objects.create_user("monitor", password=PASSWORD, role="editor")
    device = totp.do_setup_totp(None, monitor)
    source, _ = do_create_source(None, data=TEXT.encode(), filename="phone.txt", text=TEXT)
    release = do_record_claim(
        None,
        source,
        kind="event",
        value={
            "type": "release",
            "date": "2025-12-13",
            "count": 123,
            "destinations": ["UA", "LT"],
            "forced_exile": True,
        },
        quote="вызвалены",
    )
    detention = do_record_claim(None, source, kind="event", value={"type": "detention"}, quote="затрымалі")
    page, base = phone, live_server.url
    log_in(page, base, monitor.username, device=device)

    page.goto(f"{base}/review/claims/{release.pk}/")
    expect(page.locator("dl.value")).to_contain_text("Ukraine, Lithuania")
    _no_sideways_scroll(page, "a release's form")
    page.screenshot(path=str(SHOTS / "claim-release-phone.png"), full_page=True)

    page.goto(f"{base}/review/claims/{detention.pk}/")
    form = page.locator("form.claim-form")
    expect(form.locator("select[name='value.type']")).to_have_value("detention")
    until = form.locator(".partial-date .until").first
    expect(until).to_be_hidden()  # the end of a range only for "between"
    form.locator("select[name='value.date_q']").select_option("between")
    expect(until).to_be_visible()
    _no_sideways_scroll(page, "a date range's inputs")
    form.locator("select[name='value.date_q']").select_option("")
    form.locator("input[name='value.date_year']").fill("2021")
    form.locator("select[name='value.date_month']").select_option("7")
    form.locator("input[name='value.date_day']").fill("14")
    form.locator("input[name='value.place']").fill("Minsk")
    page.screenshot(path=str(SHOTS / "claim-detention-date-phone.png"), full_page=True)
    form.get_by_role("button", name="Accept with these values").click()
    page.wait_for_url(f"{base}/review/sources/{source.pk}/**")

    detention.refresh_from_db()
    assert detention.state == ClaimState.ACCEPTED and detention.value["date"] == "2021-07-14"
    assert Event.objects.get(pk=detention.record_id).date == "2021-07-14"
