"""The digest and the inbox in a real browser (headless Debian Chromium, as tests/web/test_browser.py):
a monitor who follows Aleś Bialacki and writers reads the digest of 8–14 December 2025 and the
alerts that the statement of 14 December brought. Screenshots go to artifacts/screenshots/, and
with ``LETAPIS_DOCS_SHOTS=1`` to docs/img/following-digest-*.png (docs/following.md#digest)."""

from __future__ import annotations

import os
import shutil
from typing import Any

import pytest
from playwright.sync_api import expect

from letapis.following import alerts
from letapis.registry import services as s
from letapis.registry.models import Person
from letapis.review.services import do_accept_claim
from tests.browser_helpers import PASSWORD, log_in, page, shot  # noqa: F401 — the page fixture
from tests.conftest import REPO, SEED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DOCS = REPO / "docs" / "img"


def docs_shot(tab: Any, name: str) -> None:
    path = shot(tab, f"following-digest-{name}")
    if os.environ.get("LETAPIS_DOCS_SHOTS") == "1":
        shutil.copy(path, DOCS / path.name)


def test_a_monitor_reads_the_digest_and_the_inbox(page: Any, live_server: Any, django_user_model: Any) -> None:  # noqa: F811
    from letapis.registry.demo import load_demo

    load_demo()
    monitor = django_user_model.objects.create_user(
        "monitor", password=PASSWORD, role="viewer", email="monitor@example.org"
    )
    editor = django_user_model.objects.create_user("reviewer", role="editor", sees_confidential=True)
    bialacki = Person.objects.get(display_name="Aleś Bialacki")
    znak = Person.objects.get(display_name="Maksim Znak")
    alerts.do_subscribe(monitor, "person", target_id=bialacki.pk, email=True)
    alerts.do_subscribe(monitor, "occupation", target_code="writer")
    text = SEED.read_text(encoding="utf-8")
    source = s.do_create_source(
        None,
        data=text.encode("utf-8"),
        filename=SEED.name,
        text=text,
        title="PEN Belarus statement, 14 December 2025",
        confidentiality="public",
    )[0]
    quotes = [
        (bialacki, "occupation", {"occupation": "writer"}, "writer and human rights defender, Nobel Peace Prize"),
        (bialacki, "membership", {"organisation": "PEN Belarus", "role": "member"}, "PEN Belarus member Aleś Bialacki"),
        (znak, "occupation", {"occupation": "writer"}, "lawyer, writer, and PEN Belarus member Maksim Znak"),
    ]
    for person, kind, value, quote in quotes:
        claim = s.do_record_claim(None, source, kind=kind, value=value, quote=quote, person=person)
        do_accept_claim(editor, claim)
    assert alerts.unread_count(monitor) == 3

    base = live_server.url
    log_in(page, base, "monitor")

    page.goto(f"{base}/following/digest/?week=2025-12-08")
    releases = page.locator("[data-testid=digest-releases]").inner_text()
    assert "123 persons" in releases and "to Ukraine and Lithuania" in releases and "Maksim Znak" in releases
    docs_shot(page, "week")

    page.goto(f"{base}/inbox/")
    assert page.locator("[data-testid=inbox] li").count() == 3
    docs_shot(page, "inbox")
    page.goto(f"{base}/following/alerts/")
    docs_shot(page, "alerts")
    page.goto(f"{base}/persons/{znak.pk}/")
    page.click("[data-testid=follow] button[type=submit]")
    # the form posts back to the same address, so wait for the new button, not the address
    expect(page.locator("[data-testid=follow]")).to_contain_text("Stop following")
