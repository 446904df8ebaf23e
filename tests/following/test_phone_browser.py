"""Following's pages as a monitor on a phone reads them (390 px wide, headless Debian Chromium as
tests/web/test_browser.py drives it), in Belarusian and in Russian: the panel, each watch list,
the places and a place, the letter sheet, the digest, the alerts and the inbox, and a person's
term. Each page must fit the screen (no sideways scrolling), be in the chosen language (its
heading is not the English one) and answer 200. Screenshots go to artifacts/screenshots/ as
``following-phone-<lang>-<page>.png``."""

from __future__ import annotations

from typing import Any

import pytest

from letapis.registry.models import Person, Place
from tests.browser_helpers import PASSWORD, PHONE, log_in, page, shot  # noqa: F401 — the page fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Pages whose heading is a proper name, the same in every language.
NAMED = {"place", "person"}


def pages(person: int, place: int) -> dict[str, str]:
    """Name → path of every page of following a monitor reads."""
    return {
        "panel": "/following/",
        "due": "/following/due/?days=90",
        "overdue": "/following/overdue/",
        "silent": "/following/silent/",
        "birthdays": "/following/birthdays/",
        "places": "/places/",
        "place": f"/places/{place}/",
        "letters": f"/following/letters/?persons={person}",
        "digest": "/following/digest/?week=2025-12-08",
        "alerts": "/following/alerts/",
        "inbox": "/inbox/",
        "person": f"/persons/{person}/",
    }


def english_headings(tab: Any, base: str, paths: dict[str, str]) -> dict[str, str]:
    headings = {}
    for name, path in paths.items():
        tab.goto(f"{base}{path}")
        headings[name] = tab.locator("h1").first.inner_text()
    return headings


def choose_language(tab: Any, base: str, lang: str) -> None:
    tab.goto(f"{base}/following/")
    tab.select_option("#lang-select", lang)
    tab.click("form.lang button[type=submit]")
    tab.wait_for_load_state()


def test_following_on_a_phone_in_belarusian_and_russian(page: Any, live_server: Any, django_user_model: Any) -> None:  # noqa: F811
    from letapis.registry.demo import load_demo

    load_demo(following=True)
    django_user_model.objects.create_user("monitor", password=PASSWORD, role="viewer")
    poczobut = Person.objects.get(display_name="Andrzej Poczobut")
    colony = Place.objects.filter(kind="penal_colony").order_by("id").first()
    assert colony is not None
    base = live_server.url
    paths = pages(poczobut.pk, colony.pk)

    log_in(page, base, "monitor")
    english = english_headings(page, base, paths)

    page.set_viewport_size(PHONE)
    for lang in ("be", "ru"):
        choose_language(page, base, lang)
        for name, path in paths.items():
            response = page.goto(f"{base}{path}")
            assert response is not None and response.status == 200, (lang, name, path)
            assert page.evaluate("document.documentElement.lang") == lang, (lang, name)
            heading = page.locator("h1").first.inner_text()
            if name not in NAMED:
                assert heading != english[name], f"{lang} {name}: the heading is still English: {heading!r}"
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{lang} {name}: the page scrolls sideways by {overflow} px at 390 px"
            shot(page, f"following-phone-{lang}-{name}")
