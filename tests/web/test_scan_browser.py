"""The review of a scan in a real browser (Debian's Chromium, headless, driven by Playwright, as
tests/web/test_browser.py): the selected claim's words are boxed on the page image and marked
in the text, the page holding the claim is the one shown, and on a phone the image stands above
the text. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from letapis.registry.models import Source
from letapis.review.jobs import run_worker
from tests.browser_helpers import PASSWORD, SHOTS, log_in, new_tab, shot
from tests.web.test_scan_review import person_claim, scanned  # noqa: F401 - the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser(chromium: Any) -> Any:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return chromium


def logged_in_tab(browser: Any, base: str, width: int, height: int) -> Any:
    tab = new_tab(browser, {"width": width, "height": height})
    log_in(tab, base, "reader")
    expect(tab.locator("header .account")).to_contain_text("reader")
    return tab


def test_the_claims_words_are_boxed_on_the_scan_and_marked_in_the_text(
    browser: Any,
    live_server: Any,
    django_user_model: Any,
    scanned: Source,  # noqa: F811 - the fixture
) -> None:
    django_user_model.objects.create_user("reader", password=PASSWORD, role="viewer")
    novik, lavrenau = person_claim(scanned, "Ales Novik"), person_claim(scanned, "Ihar Lavrenau")
    tab = logged_in_tab(browser, live_server.url, 1280, 900)
    tab.goto(f"{live_server.url}/review/sources/{scanned.pk}/")

    # the first proposed claim is selected, its words boxed on page 1; page 2 is hidden
    first = tab.locator("article.claim-card").first
    expect(first).to_have_class("claim-card proposed current")
    expect(tab.locator("#scan-page-1")).to_be_visible()
    expect(tab.locator("#scan-page-2")).to_be_hidden()
    first_id = (first.get_attribute("id") or "").removeprefix("claim-")
    expect(tab.locator(f'#scan-page-1 .box.current[data-claims~="{first_id}"]').first).to_be_visible()
    # the person Ales Novik, chosen with the keys: his two words
    for _ in range(10):
        if "current" in (tab.locator(f"#claim-{novik.pk}").get_attribute("class") or ""):
            break
        tab.keyboard.press("j")
    expect(tab.locator("#scan-page-1 .box.current")).to_have_count(2)
    expect(tab.locator(".document mark.current").first).to_be_visible()
    image = tab.locator("#scan-page-1 img").bounding_box()
    box = tab.locator("#scan-page-1 .box.current").first.bounding_box()
    assert image is not None and box is not None
    assert image["x"] <= box["x"] < image["x"] + image["width"] and box["width"] > 5  # on the image, scaled
    text = tab.locator("details.document").bounding_box()
    assert text is not None and text["x"] > image["x"] + image["width"] - 1  # beside the text
    shot(tab, "scan-review")

    # the claim on page 2, opened from its link: page 2 shows, with its words boxed
    tab.goto(f"{live_server.url}/review/sources/{scanned.pk}/#claim-{lavrenau.pk}")
    expect(tab.locator("#scan-page-2")).to_be_visible()
    expect(tab.locator("#scan-page-1")).to_be_hidden()
    expect(tab.locator(f'#scan-page-2 .box.current[data-claims~="{lavrenau.pk}"]')).to_have_count(2)
    # and back with the page list
    tab.click('.scan-nav a[data-page="1"]')
    expect(tab.locator("#scan-page-1")).to_be_visible()

    # on a phone: the image above the text
    phone = logged_in_tab(browser, live_server.url, 390, 844)
    phone.goto(f"{live_server.url}/review/sources/{scanned.pk}/")
    expect(phone.locator("#scan-page-1 .box.current").first).to_be_visible()
    image = phone.locator("#scan-page-1 img").bounding_box()
    text = phone.locator("details.document").bounding_box()
    assert image is not None and text is not None
    assert image["width"] <= 390 and text["y"] >= image["y"] + image["height"] - 1
    shot(phone, "scan-review-phone")


def test_a_photo_uploaded_in_the_browser_is_reviewed_with_its_words_boxed(
    browser: Any, live_server: Any, django_user_model: Any
) -> None:
    from tests.web.test_scan_end_to_end import photo

    django_user_model.objects.create_user("reader", password=PASSWORD, role="researcher")
    tab = logged_in_tab(browser, live_server.url, 1280, 900)
    path = SHOTS / "statement.jpg"
    path.write_bytes(photo())
    tab.goto(f"{live_server.url}/upload/")
    tab.set_input_files("input[name=files]", str(path))
    tab.click("form.upload button[type=submit]")
    # a photo is read in the background: the uploads page, until the worker has read it
    expect(tab.locator("table.jobs")).to_contain_text("queued")
    assert run_worker(idle_exit=True) == 1
    tab.reload()
    tab.click("table.jobs a[href^='/review/sources/']")
    expect(tab.locator("section.scan figure.scan-page img")).to_be_visible()
    source = Source.objects.get()
    person = next(c for c in source.claims.filter(kind="person") if "Novik" in c.value.get("name", ""))
    # the boxes stand on the image: each inside it, with a size
    boxes = tab.locator(f'#scan-page-1 .box.claim[data-claims~="{person.pk}"]')
    expect(boxes).to_have_count(2)
    image = tab.locator("#scan-page-1 img").bounding_box()
    assert image is not None
    for i in range(2):
        box = boxes.nth(i).bounding_box()
        assert box is not None and box["width"] > 10 and box["height"] > 5
        assert image["x"] <= box["x"] and box["x"] + box["width"] <= image["x"] + image["width"] + 1
        assert image["y"] <= box["y"] and box["y"] + box["height"] <= image["y"] + image["height"] + 1
    # the person's card, opened by its link, lights its words up
    tab.goto(f"{live_server.url}/review/sources/{source.pk}/#claim-{person.pk}")
    expect(tab.locator(f'#scan-page-1 .box.current[data-claims~="{person.pk}"]')).to_have_count(2)
