"""The review page by person: a source's claims under their person, the keys stopping only where
a decision can be taken, the person's decision carrying its claims, and accept-all's words."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.test import Client

from letapis.registry.models import Claim, ClaimState, Event
from letapis.review.services import SourceClaims, do_reject_claim, do_undo_review
from tests.web.review_helpers import ingest_seed, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(db: Any) -> Any:
    return ingest_seed()


def _claim(seed: Any, kind: str, person: str = "", **value: Any) -> Claim:
    for claim in Claim.objects.filter(source=seed.source, kind=kind).order_by("id"):
        named = claim.value.get("name") if kind == "person" else claim.value.get("person_name")
        if (person == "" or named == person) and all(claim.value.get(k) == v for k, v in value.items()):
            return claim
    raise AssertionError(f"no {kind} claim of {person} with {value}")


def _cards(page: str) -> list[tuple[int, bool]]:
    """The claim cards of a page in order: (claim id, whether the keys stop at it)."""
    return [
        (int(pk), 'data-keys="1"' in attrs)
        for pk, attrs in re.findall(r'<article class="claim-card[^"]*" id="claim-(\d+)"([^>]*)>', page)
    ]


def _anchor(answer: Any) -> int:
    assert answer.status_code == 302, answer.content.decode()[:500]
    return int(answer["Location"].rsplit("#claim-", 1)[1])


def test_the_claims_come_under_their_person_collective_events_apart(client: Client, editor: Any, seed: Any) -> None:
    page = login(client, editor).get(f"/review/sources/{seed.source.pk}/").content.decode()
    order = [pk for pk, _keys in _cards(page)]
    release = _claim(seed, "event", type="release")
    bialacki = _claim(seed, "person", "Aleś Bialacki")
    status = _claim(seed, "status", "Aleś Bialacki")
    writer = _claim(seed, "occupation", "Aleś Bialacki", occupation="writer")
    membership = _claim(seed, "membership", "Aleś Bialacki")
    assert order[0] == release.pk  # the event of several persons, apart, first
    # the status stands before the person in the text; on the page it follows the person
    assert status.span_start is not None and bialacki.span_start is not None
    assert status.span_start < bialacki.span_start
    assert order.index(bialacki.pk) < order.index(status.pk) < order.index(writer.pk) < order.index(membership.pk)
    # a person's claims are together: nothing of another person between them
    mine = [order.index(c.pk) for c in SourceClaims(Claim.objects.filter(source=seed.source)).dependants(bialacki)]
    assert sorted(mine) == list(range(order.index(bialacki.pk) + 1, order.index(bialacki.pk) + 1 + len(mine)))
    headings = re.findall(r"<h2>([^<]*)", page)
    apart = "Events of several persons, and claims about no one"
    assert headings[:3] == [apart, "Alaksandr Łukašenka ", "Aleś Bialacki "]
    assert len(order) == Claim.objects.filter(source=seed.source).count()


def test_the_keys_stop_only_at_claims_that_can_be_decided(client: Client, editor: Any, seed: Any) -> None:
    page = login(client, editor).get(f"/review/sources/{seed.source.pk}/").content.decode()
    keys = dict(_cards(page))
    status = _claim(seed, "status", "Aleś Bialacki")
    person = _claim(seed, "person", "Aleś Bialacki")
    assert keys[person.pk] and keys[_claim(seed, "event", type="release").pk]
    assert not keys[status.pk]
    card = page[page.index(f'id="claim-{status.pk}"') :]
    card = card[: card.index("</article>")]
    assert 'class="accept"' not in card and f"Decided after its person claim #{person.pk}." in card
    assert "Accept with its 5 claims" in page  # Bialacki: status, two occupations, honour, membership


def test_after_accepting_a_person_the_focus_moves_to_its_first_claim(client: Client, editor: Any, seed: Any) -> None:
    person = _claim(seed, "person", "Aleś Bialacki")
    here = f"/review/sources/{seed.source.pk}/"
    answer = login(client, editor).post(f"/review/claims/{person.pk}/accept", {"version": person.version, "next": here})
    assert _anchor(answer) == _claim(seed, "status", "Aleś Bialacki").pk
    keys = dict(_cards(client.get(here).content.decode()))
    assert keys[_claim(seed, "status", "Aleś Bialacki").pk]
    assert keys[person.pk]  # decided: the keys stop there for u (undo)
    assert not keys[_claim(seed, "status", "Maksim Znak").pk]


def test_rejecting_a_person_rejects_its_claims_and_the_focus_skips_them(client: Client, editor: Any, seed: Any) -> None:
    person = _claim(seed, "person", "Aleś Bialacki")
    mine = SourceClaims(Claim.objects.filter(source=seed.source)).dependants(person)
    answer = login(client, editor).post(
        f"/review/claims/{person.pk}/reject", {"version": person.version, "reason": "not in this list"}
    )
    assert _anchor(answer) == _claim(seed, "person", "Maksim Znak").pk
    assert {Claim.objects.get(pk=c.pk).state for c in mine} == {ClaimState.REJECTED}
    page = client.get(f"/review/sources/{seed.source.pk}/").content.decode()
    assert f"with its person claim #{person.pk}" in page
    person.refresh_from_db()
    answer = client.post(f"/review/claims/{person.pk}/undo", {"version": person.version})
    assert answer.status_code == 302
    assert {Claim.objects.get(pk=c.pk).state for c in [person, *mine]} == {ClaimState.PROPOSED}


def test_accept_with_its_claims_then_one_undo(client: Client, editor: Any, seed: Any) -> None:
    person = _claim(seed, "person", "Aleś Bialacki")
    events = Event.objects.count()
    answer = login(client, editor).post(
        f"/review/claims/{person.pk}/accept", {"version": person.version, "with_claims": "1"}, follow=True
    )
    text = answer.content.decode()
    assert "With it 5 claims of this person." in text
    mine = SourceClaims(Claim.objects.filter(source=seed.source)).dependants(person)
    assert {Claim.objects.get(pk=c.pk).state for c in [person, *mine]} == {ClaimState.ACCEPTED}
    person.refresh_from_db()
    client.post(f"/review/claims/{person.pk}/undo", {"version": person.version})
    assert {Claim.objects.get(pk=c.pk).state for c in [person, *mine]} == {ClaimState.PROPOSED}
    assert Event.objects.count() == events


def test_accept_with_its_claims_in_belarusian_says_what_it_left(client: Client, editor: Any, seed: Any) -> None:
    person = _claim(seed, "person", "Aleś Bialacki")
    writer = _claim(seed, "occupation", "Aleś Bialacki", occupation="writer")
    Claim.objects.filter(pk=writer.pk).update(
        value={**writer.value, "occupation": "xylophone tuner", "label": "xylophone tuner"}
    )
    login(client, editor)
    client.post("/i18n/setlang/", {"language": "be"})
    answer = client.post(
        f"/review/claims/{person.pk}/accept", {"version": person.version, "with_claims": "1"}, follow=True
    )
    text = html.unescape(answer.content.decode())
    left = f"Сцвярджэнне {writer.pk} (Aleś Bialacki: xylophone tuner) не прынята: 'xylophone tuner' is not in"
    assert left in text and "Разам з ім 4 сцвярджэнні пра гэтую асобу." in text
    assert Claim.objects.get(pk=writer.pk).state == ClaimState.PROPOSED


def test_accept_all_says_in_words_what_it_left_and_why(client: Client, editor: Any, seed: Any) -> None:
    person = _claim(seed, "person", "Aleś Bialacki")
    status = _claim(seed, "status", "Aleś Bialacki")
    do_reject_claim(editor, person, "another man")
    do_undo_review(editor, status)  # proposed again, its person still rejected
    page = login(client, editor).get(f"/review/sources/{seed.source.pk}/").content.decode()
    shown = re.search(r'name="claims" value="([^"]*)"', page)
    assert shown is not None
    answer = client.post(f"/review/sources/{seed.source.pk}/accept-all", {"claims": shown[1], "read": "1"})
    text = answer.content.decode()
    assert "1 claim was left as it was:" in text
    assert (
        f"Claim {status.pk} (Aleś Bialacki: released on 2025-12-14) left: it is about Aleś Bialacki, "
        f"whose person claim {person.pk} is rejected."
    ) in text
    assert "not accepted yet" not in text
    assert Claim.objects.get(pk=status.pk).state == ClaimState.PROPOSED


def test_the_next_claim_on_another_page_is_landed_on_there(client: Client, editor: Any) -> None:
    from letapis.registry.services import do_create_source, do_record_claim
    from letapis.web.review.views import CLAIMS_PER_PAGE

    names = [f"Name{i} Surname{i}" for i in range(CLAIMS_PER_PAGE + 5)]
    text = " ".join(f"{name} was released." for name in names)
    source, _ = do_create_source(None, data=text.encode(), filename="long.txt", text=text)
    claims = []
    for name in names:
        start = text.index(name + " ")
        claims.append(
            do_record_claim(
                None, source, kind="person", value={"name": name}, span=(start, start + len(name)), proposer="test"
            )
        )
    last = claims[CLAIMS_PER_PAGE - 1]
    here = f"/review/sources/{source.pk}/?state=all"
    answer = login(client, editor).post(f"/review/claims/{last.pk}/reject", {"version": last.version, "next": here})
    assert answer["Location"] == f"{here}&page=2#claim-{claims[CLAIMS_PER_PAGE].pk}"
    page = client.get(answer["Location"]).content.decode()
    assert f'id="claim-{claims[CLAIMS_PER_PAGE].pk}"' in page
    back = claims[CLAIMS_PER_PAGE + 4]
    for claim in claims[CLAIMS_PER_PAGE:]:
        if claim != back:
            claim.refresh_from_db()
            client.post(f"/review/claims/{claim.pk}/reject", {"version": claim.version})
    answer = client.post(f"/review/claims/{back.pk}/reject", {"version": 1, "next": f"{here}&page=2"})
    assert answer["Location"] == f"{here}#claim-{claims[0].pk}"  # from the top again, on page 1


def test_the_claims_page_says_it_waits_for_its_person(client: Client, editor: Any, seed: Any) -> None:
    person = _claim(seed, "person", "Aleś Bialacki")
    status = _claim(seed, "status", "Aleś Bialacki")
    page = login(client, editor).get(f"/review/claims/{status.pk}/").content.decode()
    assert f"Decided after its person claim #{person.pk}." in page
    do_reject_claim(editor, person)
    do_undo_review(editor, status)
    page = client.get(f"/review/claims/{status.pk}/").content.decode()
    assert f"Its person claim #{person.pk} is rejected." in page
    assert "Decided after" not in client.get(f"/review/claims/{person.pk}/").content.decode()
