"""A monitor's day in a real browser (Debian's Chromium, headless, driven by Playwright):
log in with a password and a TOTP code, upload the seed statement, accept its claims in the
review queue, see Aleś Bialacki's status change on his page and the held list on the dashboard,
and switch the pages to Belarusian. Screenshots of the main pages go to artifacts/screenshots/.

Needs /usr/bin/chromium (``bin/dev test`` installs Debian's package when it is missing); the
Playwright Python package only — never ``playwright install``.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from letapis.accounts import totp
from letapis.registry import services as s
from letapis.registry.models import Person
from tests.browser_helpers import PASSWORD, current_code, page, shot  # noqa: F401 — the page fixture
from tests.conftest import SEED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def a_registry_where_bialacki_is_held(django_user_model: Any) -> tuple[Any, Any, Person]:
    editor = django_user_model.objects.create_user(
        "monitor", password=PASSWORD, role="editor", is_staff=True, sees_confidential=True
    )
    device = totp.do_setup_totp(None, editor)
    bialacki = s.do_create_person(
        None,
        names=[s.NameInput("Aleś Bialacki", "lacinka", True), s.NameInput("Алесь Бяляцкі", "native")],
        confidentiality="public",
        publishable=True,
        occupations=["writer"],
    )
    s.do_create_event(None, type="detention", date="2021-07-14", victims=[bialacki], confidentiality="public")
    return editor, device, bialacki


def test_a_monitor_logs_in_uploads_reviews_and_sees_the_registry_change(
    page: Any,  # noqa: F811 — the fixture imported above
    live_server: Any,
    django_user_model: Any,
) -> None:
    editor, device, bialacki = a_registry_where_bialacki_is_held(django_user_model)
    base = live_server.url

    # log in: password, then the code from the authenticator app
    page.goto(f"{base}/login/")
    page.fill("#id_username", "monitor")
    page.fill("#id_password", PASSWORD)
    shot(page, "login")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/login/code/")
    page.fill("#id_code", current_code(device))
    shot(page, "login-code")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/")
    assert page.locator("header .account").inner_text().startswith("monitor")

    # before: held since his detention
    page.goto(f"{base}/persons/{bialacki.pk}/")
    assert "held" in page.locator("[data-testid=status]").inner_text()

    # upload the seed statement: one small file is read at once, then its claims are shown
    page.goto(base + reverse("web:upload"))
    page.set_input_files("input[name=files]", str(SEED))
    shot(page, "upload")
    page.click("form.upload button[type=submit]")
    page.wait_for_url(f"{base}/review/sources/*/**")
    shot(page, "review-source")
    review_url = page.url.split("?")[0]

    # accept every proposed claim, page by page, after reading
    for _ in range(20):
        page.goto(review_url + "?state=proposed")
        bulk = page.locator("form.bulk")
        if bulk.count() == 0:
            break
        bulk.locator("input[name=read]").check()
        bulk.locator("button[type=submit]").click()
        page.wait_for_load_state()
    else:
        pytest.fail("the review queue did not empty")
    page.goto(base + reverse("web:review_queue"))
    shot(page, "review-queue")

    # after: released, in forced exile, with the statement's sentence as the source
    page.goto(f"{base}/persons/{bialacki.pk}/")
    status = page.locator("[data-testid=status]").inner_text()
    assert "released" in status and "in forced exile" in status
    assert "Aleś Bialacki" in status  # the sentence of the statement that says so
    shot(page, "person")

    # the dashboard's held list: those the statement says are still held
    page.goto(f"{base}/")
    held = page.locator("[data-testid=held-list]").inner_text()
    for name in ("Kaciaryna Andrejeva", "Andrzej Poczobut", "Dzianis Ivašyn"):
        assert name in held
    assert "Aleś Bialacki" not in held
    shot(page, "dashboard")

    page.goto(f"{base}/persons/?status=held")
    assert page.locator("[data-testid=persons] tbody tr").count() >= 5
    shot(page, "persons")

    # the pages in Belarusian, names in Cyrillic
    page.select_option("#lang-select", "be")
    page.click("form.lang button[type=submit]")
    # the click posts the form: wait for the page that answers, not the one still showing
    expect(page.locator("h1")).to_have_text("Асобы")
    page.goto(f"{base}/persons/{bialacki.pk}/?names=cyrillic")
    assert page.locator("[data-testid=person-name]").inner_text() == "Алесь Бяляцкі"
    assert "Статус цяпер" in page.content()
    shot(page, "person-be")
    page.goto(f"{base}/")
    assert "Утрымліваюцца сёння" in page.content()
    shot(page, "dashboard-be")

    # the set-up page of the second factor
    page.goto(f"{base}/account/two-factor/")
    page.click("main button[type=submit]")
    expect(page.locator(".qr svg")).to_have_count(1)
    shot(page, "two-factor")
