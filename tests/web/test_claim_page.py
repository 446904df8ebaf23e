"""A claim's page: the value in words, the form of its kind, a missing field added and accepted,
an edit saved without deciding, the person search with the matcher's reasons in words."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from letapis.audit.models import AuditEntry
from letapis.registry.models import Claim, ClaimState, Event
from letapis.registry.services import NameInput, do_create_person, do_create_source, do_record_claim
from tests.web.review_helpers import login

pytestmark = pytest.mark.django_db

TEXT = (
    "Алеся Бяляцкага затрымалі ў Мінску. Пазней суд прызначыў яму тры гады. "
    "Сто дваццаць тры чалавекі вызвалены і вывезены ва Украіну і Літву."
)


def visible_text(html: str) -> str:
    """The words a reader sees (no tags, no attributes, no scripts)."""

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            self.skip += tag in ("script", "style", "datalist")

        def handle_endtag(self, tag: str) -> None:
            self.skip -= tag in ("script", "style", "datalist")

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.parts.append(data)

    parser = Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


@pytest.fixture
def source(db: Any) -> Any:
    return do_create_source(None, data=TEXT.encode(), filename="claims.txt", text=TEXT)[0]


def _event(source: Any, **value: Any) -> Claim:
    return do_record_claim(None, source, kind="event", value=value, quote="затрымалі", proposer="test")


def test_an_event_claim_shows_its_value_in_words_and_no_person_link(client: Client, editor: Any, source: Any) -> None:
    claim = _event(
        source,
        type="release",
        date="2025-12-13",
        count=123,
        foreign_nationals=13,
        destinations=["UA", "LT"],
        forced_exile=True,
    )
    html = login(client, editor).get(f"/review/claims/{claim.pk}/").content.decode()
    text = visible_text(html)
    assert "Of them foreign nationals 13" in text and "Sent to (countries) Ukraine, Lithuania" in text
    assert "Forced into exile yes" in text and "13 December 2025" in text
    for raw in ("foreign_nationals", "forced_exile", '["UA"', "true"):
        assert raw not in text
    assert "Link to an existing person" not in text and "Person number" not in text
    assert 'name="value.date_year"' in html and 'type="date"' not in html


def test_a_missing_date_is_added_through_the_form_then_accepted(client: Client, editor: Any, source: Any) -> None:
    claim = _event(source, type="detention")
    answer = login(client, editor).post(
        f"/review/claims/{claim.pk}/accept",
        {
            "version": claim.version,
            "edit": "1",
            "value.type": "detention",
            "value.date_q": "",
            "value.date_year": "2021",
            "value.date_month": "7",
            "value.date_day": "14",
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    claim.refresh_from_db()
    assert claim.state == ClaimState.ACCEPTED and claim.value["date"] == "2021-07-14"
    assert Event.objects.get(pk=claim.record_id).date == "2021-07-14"


def test_a_mistake_is_shown_in_words_and_nothing_changes(client: Client, editor: Any, source: Any) -> None:
    claim = _event(source, type="detention")
    answer = login(client, editor).post(
        f"/review/claims/{claim.pk}/accept",
        {
            "version": claim.version,
            "edit": "1",
            "value.type": "detention",
            "value.date_year": "2023",
            "value.date_month": "2",
            "value.date_day": "31",
        },
    )
    assert answer.status_code == 400
    text = visible_text(answer.content.decode())
    assert "Date: February 2023 has no day 31." in text
    assert 'value="31"' in answer.content.decode()  # the reviewer's input is kept
    claim.refresh_from_db()
    assert claim.state == ClaimState.PROPOSED and claim.value == {"type": "detention"}


def test_an_edit_is_saved_without_deciding_with_its_audit_entry(client: Client, editor: Any, source: Any) -> None:
    claim = _event(source, type="detention", place="Minsk")
    answer = login(client, editor).post(
        f"/review/claims/{claim.pk}/save",
        {
            "version": claim.version,
            "value.type": "sentence",
            "value.place": "",
            "value.term_months_years": "3",
            "value.term_months_months": "6",
        },
    )
    assert answer.status_code == 302 and answer["Location"].startswith(f"/review/claims/{claim.pk}/")
    claim.refresh_from_db()
    assert claim.state == ClaimState.PROPOSED and claim.version == 2
    assert claim.value == {"type": "sentence", "place": None, "term_months": 42}
    entry = AuditEntry.objects.get(action="claim.edit", object_id=str(claim.pk))
    assert entry.before["value"] == {"type": "detention", "place": "Minsk"}
    assert "3 years 6 months" in visible_text(client.get(answer["Location"]).content.decode())


def test_a_stale_save_is_a_conflict_that_keeps_the_input(client: Client, editor: Any, source: Any) -> None:
    claim = _event(source, type="detention")
    seen = claim.version
    from letapis.review.services import do_edit_claim

    do_edit_claim(None, claim, {"date": "2021"})
    answer = login(client, editor).post(
        f"/review/claims/{claim.pk}/save", {"version": seen, "value.type": "detention", "value.place": "Hrodna"}
    )
    assert answer.status_code == 409
    assert 'value="Hrodna"' in answer.content.decode()
    claim.refresh_from_db()
    assert claim.value == {"type": "detention", "date": "2021"}


def test_a_viewer_sees_the_value_but_no_form(client: Client, viewer: Any, source: Any) -> None:
    claim = _event(source, type="detention", date="2021-07~")
    html = login(client, viewer).get(f"/review/claims/{claim.pk}/").content.decode()
    assert "about July 2021" in visible_text(html) and 'name="value.type"' not in html
    assert client.post(f"/review/claims/{claim.pk}/save", {"version": 1, "value.type": "release"}).status_code == 403


def test_the_person_search_says_why_in_words(client: Client, editor: Any, source: Any) -> None:
    right = do_create_person(None, names=[NameInput("Бяляцкі Алесь Віктаравіч", "native", True)])
    claim = do_record_claim(None, source, kind="person", value={"name": "Алесь Бяляцкі"}, quote="Алеся Бяляцкага")
    html = login(client, editor).get(f"/review/claims/{claim.pk}/").content.decode()
    text = visible_text(html)
    assert f"Accept as person {right.pk}" in text
    assert "Same surname and first name, patronymic missing on one side" in text
    assert "different people" not in text and "threshold" not in text
    assert "Link to an existing person" in text


def test_a_weak_candidate_is_not_called_different_people(client: Client, editor: Any, source: Any) -> None:
    do_create_person(None, names=[NameInput("Алесь Бяляцкі", "native", True)])
    claim = do_record_claim(None, source, kind="person", value={"name": "А. Бяляцкі"}, quote="Алеся Бяляцкага")
    text = visible_text(login(client, editor).get(f"/review/claims/{claim.pk}/").content.decode())
    assert "different people" not in text
    assert "the initial fits the first name" in text


def test_a_case_claim_is_summed_up_in_words(client: Client, editor: Any, source: Any) -> None:
    value = {"person_name": "Бяляцкі", "articles": ["342", "361-1"], "months": 36, "case_number": "1-17/2023"}
    do_record_claim(None, source, kind="criminal_case", value=value, quote="тры гады")
    text = visible_text(login(client, editor).get(f"/review/sources/{source.pk}/").content.decode())
    assert "Person, as the source names them: Бяляцкі; Articles of the Criminal Code: 342, 361-1" in text
    assert "Term: 3 years" in text
    assert "months:" not in text and "['342'" not in text
