"""The review page's keys in Chromium: they stop only where a decision can be taken, and after
each decision the page lands on the next claim that can be decided; on a phone too."""

from __future__ import annotations

from typing import Any

import pytest

from letapis.accounts import totp
from letapis.registry.models import Claim, ClaimState
from tests.browser_helpers import PASSWORD, PHONE, log_in, new_tab
from tests.web.review_helpers import ingest_seed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tab(chromium: Any) -> Any:
    return new_tab(chromium, PHONE)


def _log_in(page: Any, base: str, django_user_model: Any) -> None:
    editor = django_user_model.objects.create_user("monitor", password=PASSWORD, role="editor")
    log_in(page, base, "monitor", device=totp.do_setup_totp(None, editor))


def _current(page: Any) -> int:
    return int(page.locator("article.claim-card.current").get_attribute("id").removeprefix("claim-"))


def _claim(source: Any, kind: str, name: str) -> Claim:
    key = "name" if kind == "person" else "person_name"
    return next(c for c in Claim.objects.filter(source=source, kind=kind).order_by("id") if c.value.get(key) == name)


def test_the_keys_walk_a_person_and_its_claims(tab: Any, live_server: Any, django_user_model: Any) -> None:
    source = ingest_seed().source
    base = live_server.url
    _log_in(tab, base, django_user_model)
    url = f"{base}/review/sources/{source.pk}/"
    tab.goto(url)
    release = Claim.objects.get(source=source, kind="event")
    assert _current(tab) == release.pk  # the collective release, first
    bialacki = _claim(source, "person", "Aleś Bialacki")
    status = _claim(source, "status", "Aleś Bialacki")
    lukasenka = _claim(source, "person", "Alaksandr Łukašenka")
    tab.keyboard.press("j")
    assert _current(tab) == lukasenka.pk
    tab.keyboard.press("j")  # past Łukašenka's status, which waits for him
    assert _current(tab) == bialacki.pk
    tab.keyboard.press("k")
    assert _current(tab) == lukasenka.pk
    tab.keyboard.press("j")
    with tab.expect_navigation():
        tab.keyboard.press("a")
    assert _current(tab) == status.pk  # Bialacki accepted: his status comes next
    assert Claim.objects.get(pk=bialacki.pk).state == ClaimState.ACCEPTED
    with tab.expect_navigation():
        tab.keyboard.press("a")
    assert Claim.objects.get(pk=status.pk).state == ClaimState.ACCEPTED
    tab.keyboard.press("k")
    assert _current(tab) == status.pk
    with tab.expect_navigation():
        tab.keyboard.press("u")
    assert Claim.objects.get(pk=status.pk).state == ClaimState.PROPOSED
    assert _current(tab) == status.pk
    # the phone's page does not scroll sideways
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    # A: Maksim Znak with his claims, in one go
    znak = _claim(source, "person", "Maksim Znak")
    while _current(tab) != znak.pk:
        tab.keyboard.press("j")
    with tab.expect_navigation():
        tab.keyboard.press("A")
    assert {c.state for c in Claim.objects.filter(source=source, value__person_claim=znak.pk)} == {"accepted"}
    tab.keyboard.press("e")
    tab.wait_for_url(f"{base}/review/claims/**")
