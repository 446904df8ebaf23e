"""The correction forms and the history tabs on a phone, in three languages (Debian's Chromium):
no sideways scroll, no raw key, no English left on a be/ru page — with every *correct* fold open."""

from __future__ import annotations

from typing import Any

import pytest

from letapis.accounts import totp
from letapis.registry import services as s
from tests.browser_helpers import PASSWORD, PHONE, log_in, new_tab
from tests.web.test_app_walk_browser import RAW_KEY, VISIBLE_TEXT, WIDEST, _sentinels

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_corrections_and_histories_fit_a_phone(chromium: Any, live_server: Any, django_user_model: Any) -> None:
    monitor = django_user_model.objects.create_user(
        "monitor", password=PASSWORD, role="admin", is_staff=True, sees_confidential=True
    )
    device = totp.do_setup_totp(None, monitor)
    person = s.do_create_person(
        monitor, names=["Uladzimir Probe", "Уладзімір Проба"], occupations=["accountant", "theatre_director"]
    )
    pen = s.do_create_organisation(None, "PEN Probe Centre", kind="pen_centre")
    s.do_add_membership(monitor, person, pen, start="2019-05")
    s.do_add_honour(monitor, person, text="A long honour given for a very long time of work in the theatre")
    s.do_add_note(monitor, text="A letter came from the colony in spring.", person=person)
    event = s.do_create_event(monitor, type="detention", date="2024-03-09", victims=[person])
    s.do_update_event(monitor, event, date="2024-03-08", description="Detained at the theatre after a show.")
    s.do_remove(monitor, person.occupations.get(code="accountant"), "a misreading of the statement")
    s.do_set_primary_name(monitor, person.names.get(text="Уладзімір Проба"))
    page = new_tab(chromium, PHONE)
    base = live_server.url
    log_in(page, base, monitor.username, device=device)
    problems: list[str] = []
    paths = [
        f"/persons/{person.pk}/",
        f"/persons/{person.pk}/history/",
        f"/events/{event.pk}/edit/",
        f"/events/{event.pk}/history/",
        "/audit/",
    ]
    for lang in ("en", "be", "ru"):
        page.context.add_cookies([{"name": "django_language", "value": lang, "url": base}])
        sentinels = _sentinels(lang) if lang != "en" else []
        for path in paths:
            answer = page.goto(base + path)
            assert answer is not None and answer.status == 200, path
            assert page.locator("html").get_attribute("lang") == lang
            page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
            problems += _open_check(page, path, lang, sentinels)
    page.context.close()
    assert problems == []


def _open_check(page: Any, path: str, lang: str, sentinels: list[str]) -> list[str]:
    """What is wrong with the page as shown, its folds open (the walk's checks)."""
    where = f"{lang} {path}"
    wide = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    found = []
    if wide[0] > wide[1]:
        found.append(f"{where}: scrolls sideways ({wide[0]} > {wide[1]} px: {page.evaluate(WIDEST)})")
    text = page.evaluate(VISIBLE_TEXT, "body")
    keys = sorted(set(RAW_KEY.findall(text)))
    if keys:
        found.append(f"{where}: raw keys {keys[:8]}")
    english = [s for s in sentinels if s in text]
    if english:
        found.append(f"{where}: untranslated {english[:5]}")
    return found
