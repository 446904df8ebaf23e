"""A monitor's working day in Debian's Chromium (issue 16's acceptance walk): two documents state
one detention in different words and languages — an English news item with its date, a Russian
one without; the monitor uploads both, reviews each source's claims grouped by person, adds the
missing date through the claim's form, accepts, finds on the person's page one detention with
two sources, adds the criminal case by hand citing the English item, and reads the person's
history in words.

One live server, one browser context, one test: each step is what a monitor does, through the
pages. Screenshots go to artifacts/screenshots/day/; with ``LETAPIS_DOCS_SHOTS=1`` to docs/img/
as day-*.png (docs/review.md shows them)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from letapis.accounts import totp
from letapis.registry.models import Claim, ClaimState, Event, Person, Source
from tests.browser_helpers import PASSWORD, PHONE, log_in, new_tab
from tests.conftest import REPO
from tests.web.test_app_walk_browser import WIDEST

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: An English news item: the detention with its day. Written for this test.
ENGLISH = """Poet detained in Minsk

Minsk, 5 March 2025. The Belarusian poet Mikola Dubrouski was detained on 4 March 2025 at his flat \
in Minsk. His books were seized during the search, his wife told us. A criminal case has been opened \
against him under Article 130 of the Criminal Code. He is held in the KGB remand prison.
"""

#: The English item's sentence the criminal case typed by hand cites.
CASE_SENTENCE = "A criminal case has been opened against him under Article 130 of the Criminal Code."

#: A Russian news item: the same detention in other words, without its day. Written for this test.
RUSSIAN = """В Минске задержан поэт

Сотрудники КГБ задержали поэта Николая Дубровского у него дома в Минске. Во время обыска у него \
изъяли книги. Сейчас он находится в СИЗО КГБ.
"""


def _shots() -> Path:
    docs = os.environ.get("LETAPIS_DOCS_SHOTS")
    folder = REPO / "docs" / "img" if docs else REPO / "artifacts" / "screenshots" / "day"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _shot(page: Any, name: str) -> None:
    page.screenshot(path=str(_shots() / f"day-{name}.png"), full_page=True)


def _upload(page: Any, base: str, path: Path, **fields: str) -> Source:
    """Upload one document through the form, with the fields the monitor knows; one small file is
    read at once and the monitor lands on its claims."""
    page.goto(f"{base}/upload/")
    page.set_input_files("input[name=files]", str(path))
    for name, value in fields.items():
        field = page.locator(f"form.upload [name={name}]")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    return _send_upload(page, base, path.name)


def _send_upload(page: Any, base: str, filename: str) -> Source:
    page.click("form.upload button[type=submit]")
    page.wait_for_url(f"{base}/review/sources/*/**")
    source = Source.objects.get(filename=filename)
    assert page.url.split("?")[0] == f"{base}/review/sources/{source.pk}/"
    return source


def _card(page: Any, claim: Claim) -> Any:
    return page.locator(f"#claim-{claim.pk}")


def _accept(page: Any, claim: Claim) -> None:
    with page.expect_navigation():
        _card(page, claim).locator("form.accept button").click()
    claim.refresh_from_db()
    said = page.locator("[role=alert]").all_inner_texts()
    assert claim.state == ClaimState.ACCEPTED, f"claim {claim.pk} ({claim.kind}) is {claim.state}: {said}"


def test_a_monitors_day(chromium: Any, live_server: Any, django_user_model: Any, tmp_path: Path) -> None:
    monitor = django_user_model.objects.create_user("anna", password=PASSWORD, role="editor", is_staff=True)
    device = totp.do_setup_totp(None, monitor)
    page = new_tab(chromium)
    base = live_server.url
    log_in(page, base, monitor.username, device=device)

    # 1. upload the English news item with what the monitor knows of it
    english = tmp_path / "poet-detained-minsk.txt"
    english.write_text(ENGLISH, encoding="utf-8")
    page.goto(f"{base}/upload/")
    page.set_input_files("input[name=files]", str(english))
    page.fill("#id_title", "Poet detained in Minsk")
    page.fill("#id_url", "https://example.org/news/poet-detained")
    page.fill("#id_publisher", "Example News")
    page.fill("#id_date", "2025-03-05")
    page.select_option("#id_language", "en")
    _shot(page, "1-upload")
    first = _send_upload(page, base, english.name)
    assert (first.title, first.url, first.language) == (
        "Poet detained in Minsk",
        "https://example.org/news/poet-detained",
        "en",
    )

    # 2. review its claims, grouped under the person they are about ("A criminal case has been
    # opened against him": the charge is his too); accept the person, reject the charge, which
    # goes into his criminal case by hand, and accept the rest of his claims
    his = page.locator("section.claim-group:not(.collective)")
    expect(his).to_have_count(1)
    expect(his.locator("h2")).to_contain_text("Mikola Dubrouski")
    claims = list(first.claims.order_by("id"))
    person_claim = next(c for c in claims if c.kind == "person")
    charge = next(c for c in claims if c.kind == "event" and c.value.get("type") == "charge")
    assert charge.value["persons"] == ["Mikola Dubrouski"]
    for claim in claims:  # his person claim leads his occupation, status, detention and charge
        expect(his.locator(f"#claim-{claim.pk}")).to_have_count(1)
    _shot(page, "2-review-english")
    _accept(page, person_claim)
    reject = _card(page, charge).locator("form.reject")
    reject.locator("input[name=reason]").fill("Entered as his criminal case by hand")
    with page.expect_navigation():
        reject.locator("button").click()
    assert Claim.objects.get(pk=charge.pk).state == ClaimState.REJECTED
    for claim in first.claims.filter(state=ClaimState.PROPOSED).order_by("id"):
        _accept(page, claim)
    person_claim.refresh_from_db()
    person = Person.objects.get(pk=person_claim.record_id)
    assert person.display_name == "Mikola Dubrouski"
    detention = Event.objects.get(type="detention", involvements__person=person)

    # 3. the Russian news item, uploaded the same way, its language told
    russian = tmp_path / "zaderzhan-poet.txt"
    russian.write_text(RUSSIAN, encoding="utf-8")
    second = _upload(page, base, russian, title="В Минске задержан поэт", date="2025-03-05", language="ru")
    _shot(page, "3-review-russian")
    phone = new_tab(chromium, PHONE, storage_state=page.context.storage_state())
    phone.goto(f"{base}/review/sources/{second.pk}/")
    wide = phone.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert wide[0] <= wide[1], f"the review page scrolls sideways on a phone: {phone.evaluate(WIDEST)}"
    _shot(phone, "3-review-phone")
    phone.context.close()

    # 4. the person is the one accepted from the English item: accept the claim as that person
    claims = list(second.claims.order_by("id"))
    ru_person = next(c for c in claims if c.kind == "person")
    card = _card(page, ru_person)
    link = card.locator("form.link", has_text=f"Accept as person {person.pk}")
    expect(link).to_have_count(1)
    with page.expect_navigation():
        link.locator("button").click()
    ru_person.refresh_from_db()
    assert ru_person.state == ClaimState.ACCEPTED and ru_person.record_id == person.pk

    # 5. the detention has no date: add it through the claim's form, then accept
    ru_detention = next(c for c in claims if c.kind == "event" and c.value.get("type") == "detention")
    assert not ru_detention.value.get("date")
    page.goto(f"{base}/review/claims/{ru_detention.pk}/?next=/review/sources/{second.pk}/")
    form = page.locator("form.claim-form")
    form.locator("input[name='value.date_year']").fill("2025")
    form.locator("select[name='value.date_month']").select_option("3")
    form.locator("input[name='value.date_day']").fill("4")
    _shot(page, "4-missing-date")
    with page.expect_navigation():
        form.get_by_role("button", name="Accept with these values").click()
    ru_detention.refresh_from_db()
    assert ru_detention.state == ClaimState.ACCEPTED and ru_detention.value["date"] == "2025-03-04"

    # 6. the search names no one: name him in its form, then accept; then the rest of his claims
    search = next(c for c in claims if c.kind == "event" and c.value.get("type") == "search")
    page.goto(f"{base}/review/claims/{search.pk}/?next=/review/sources/{second.pk}/")
    form = page.locator("form.claim-form")
    form.get_by_label("Persons named").fill("Николай Дубровский")
    with page.expect_navigation():
        form.get_by_role("button", name="Accept with these values").click()
    search.refresh_from_db()
    assert search.state == ClaimState.ACCEPTED
    assert Event.objects.filter(type="search", involvements__person=person).count() == 1
    for claim in second.claims.filter(state=ClaimState.PROPOSED).order_by("id"):
        page.goto(f"{base}/review/sources/{second.pk}/")
        _accept(page, claim)

    # 7. the same detention accepted twice is one event with two sources
    assert ru_detention.record_id == detention.pk
    assert Event.objects.filter(type="detention", involvements__person=person).count() == 1
    page.goto(f"{base}/persons/{person.pk}/")
    entry = page.locator("[data-testid=timeline] > li", has_text="detention")
    expect(entry).to_have_count(1)
    expect(entry.locator("a").first).to_contain_text("2025-03-04")  # the day both items give
    expect(page.locator("[data-testid=status]")).to_contain_text("since 2025-03-04")
    support = entry.locator("[data-testid=support] summary")
    expect(support).to_have_text("2 sources")
    support.click()
    titles = {t.strip() for t in entry.locator("ul.sources > li > a").all_inner_texts()}
    assert titles == {"Poet detained in Minsk", "В Минске задержан поэт"}
    _shot(page, "5-person-two-sources")

    # 8. the criminal case, typed by hand, citing the English item's sentence
    page.locator("[data-testid=case-new]").click()
    page.wait_for_url(f"{base}/persons/{person.pk}/cases/new/")
    page.fill("#id_articles", "130")
    page.select_option("#id_source", str(first.pk))
    page.fill("#id_quote", CASE_SENTENCE)
    _shot(page, "6-case-by-hand")
    with page.expect_navigation():
        page.locator("[data-testid=case-form] button[type=submit]").click()
    case = page.locator("[data-testid=case]")
    expect(case).to_have_count(1)
    expect(case).to_contain_text("130")
    expect(case.locator("ul.sources > li")).to_contain_text(CASE_SENTENCE)
    expect(case.locator("ul.sources > li > a")).to_have_text("Poet detained in Minsk")
    case.scroll_into_view_if_needed()
    _shot(page, "7-person-case")

    # 9. the person's history, in words
    page.locator("[data-testid=history-tab]").click()
    page.wait_for_url(f"{base}/persons/{person.pk}/history/")
    said = page.locator("[data-testid=history] > li > p").all_inner_texts()
    lines = [" ".join(line.split()).split(" · ")[0] for line in said]  # without the time
    both = f"{first.pk}, {second.pk}"
    assert f"person Mikola Dubrouski added from source {both} by anna" in lines
    assert f"occupation poet added from source {both} by anna" in lines
    assert "name Николай Дубровский added by anna" in lines
    assert any(line.startswith("event detention ") and line.endswith(f"from source {both} by anna") for line in lines)
    assert lines[0] == f"criminal case 130 added from source {first.pk} by anna"  # newest first
    newest = page.locator("[data-testid=history] > li").first
    newest.locator("summary").click()  # the before and after, on demand
    expect(newest.locator("table.diff tr", has_text="articles")).to_contain_text("130")
    _shot(page, "8-history")
    page.context.close()
