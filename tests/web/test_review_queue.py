"""The review queue: who may read it and who may decide, each decision through the services,
conflicts that lose nothing, bulk accept, confidentiality and a bounded number of queries."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from letapis.registry.models import Claim, ClaimState, Person
from letapis.registry.services import do_create_person, do_create_source, do_record_claim
from letapis.review.models import ReviewAction
from letapis.review.services import do_accept_claim, do_reject_claim
from tests.web.review_helpers import ingest_seed, login, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(ingested_seed: Any) -> Any:
    """The seed statement ingested, shared by the tests like the demo (tests/shared_demo.py)."""
    return ingested_seed


def _first(result: Any, kind: str, **value: Any) -> Claim:
    for claim in result.claims:
        if claim.kind == kind and all(claim.value.get(k) == v for k, v in value.items()):
            claim.refresh_from_db()
            return claim
    raise AssertionError(f"no {kind} claim with {value}")


def _post(client: Client, url: str, **data: Any) -> Any:
    return client.post(url, data)


# ---------------------------------------------------------------------------------------------
# Who may read, who may decide


def test_anonymous_visitors_are_sent_to_the_login_page(client: Client, seed: Any) -> None:
    for url in ("/review/", f"/review/sources/{seed.source.pk}/", f"/review/claims/{seed.claims[0].pk}/"):
        answer = client.get(url)
        assert answer.status_code == 302 and "/login/" in answer["Location"]
    answer = client.post(f"/review/claims/{seed.claims[0].pk}/accept", {"version": 1})
    assert answer.status_code == 302 and "/login/" in answer["Location"]
    assert Claim.objects.filter(state=ClaimState.ACCEPTED).count() == 0


@pytest.mark.parametrize("role", ["viewer", "researcher"])
def test_viewers_and_researchers_read_the_queue_without_deciding(
    client: Client, django_user_model: Any, seed: Any, role: str
) -> None:
    login(client, make_user(django_user_model, role, role))
    queue = client.get("/review/")
    assert queue.status_code == 200 and f"/review/sources/{seed.source.pk}/".encode() in queue.content
    page = client.get(f"/review/sources/{seed.source.pk}/")
    assert page.status_code == 200
    assert "Aleś Bialacki" in page.content.decode()
    assert b'class="accept"' not in page.content and b"/accept-all" not in page.content
    claim = seed.claims[0]
    for action in ("accept", "reject", "undo"):
        assert client.post(f"/review/claims/{claim.pk}/{action}", {"version": 1}).status_code == 403
    assert client.post(f"/review/sources/{seed.source.pk}/accept-all", {"read": "1"}).status_code == 403
    assert Claim.objects.filter(state=ClaimState.PROPOSED).count() == len(seed.claims)


def test_decisions_need_the_csrf_token(editor: Any, seed: Any) -> None:
    client = login(Client(enforce_csrf_checks=True), editor)
    claim = seed.claims[0]
    assert client.post(f"/review/claims/{claim.pk}/accept", {"version": claim.version}).status_code == 403
    assert Claim.objects.get(pk=claim.pk).state == ClaimState.PROPOSED
    page = client.get(f"/review/sources/{seed.source.pk}/")
    assert b'name="csrfmiddlewaretoken"' in page.content


def test_decisions_are_post_only(client: Client, editor: Any, seed: Any) -> None:
    login(client, editor)
    assert client.get(f"/review/claims/{seed.claims[0].pk}/accept").status_code == 405


# ---------------------------------------------------------------------------------------------
# The page shows what a reviewer needs


def test_each_claim_shows_its_sentence_value_confidence_and_candidates(client: Client, editor: Any, demo: Any) -> None:
    seed = ingest_seed()
    person_claim = _first(seed, "person", name="Aleś Bialacki")
    html = login(client, editor).get(f"/review/sources/{seed.source.pk}/").content.decode()
    card = html[html.index(f'id="claim-{person_claim.pk}"') :]
    card = card[: card.index("</article>")]
    assert f'<mark class="claim proposed">{person_claim.quote}</mark>' in card  # the span within its sentence
    assert f"{person_claim.confidence:.2f}" in card
    bialacki = Person.objects.get(display_name="Aleś Bialacki")
    assert f"Accept as person {bialacki.pk}, Aleś Bialacki" in card  # the candidate, with its reasons
    assert 'class="reason match"' in card and "likely the same person" in card  # the reasons in words
    assert "different people" not in card
    assert f'name="version" value="{person_claim.version}"' in card


def test_a_candidate_the_reviewer_may_not_see_is_not_shown(client: Client, editor: Any, confidant: Any) -> None:
    hidden = do_create_person(None, names=["Aleś Bialacki"], confidentiality="confidential")
    seed = ingest_seed()
    person_claim = _first(seed, "person", name="Aleś Bialacki")
    assert any(c[0] == hidden.pk for c in person_claim.value.get("candidates", []))
    html = login(client, editor).get(f"/review/sources/{seed.source.pk}/").content.decode()
    assert f"Accept as person {hidden.pk}," not in html
    html = login(Client(), make_confidential_editor()).get(f"/review/sources/{seed.source.pk}/").content.decode()
    assert f"Accept as person {hidden.pk}, Aleś Bialacki" in html


def make_confidential_editor() -> Any:
    from django.contrib.auth import get_user_model

    return make_user(get_user_model(), "trusted-editor", "editor", confidential=True)


def test_the_queue_lists_sources_with_claims_to_review(client: Client, viewer: Any, seed: Any) -> None:
    done = ingest_seed(filename="other.txt")
    for claim in done.claims:
        Claim.objects.filter(pk=claim.pk).update(state=ClaimState.REJECTED)
    html = login(client, viewer).get("/review/").content.decode()
    assert f"/review/sources/{seed.source.pk}/" in html
    assert f"/review/sources/{done.source.pk}/" not in html
    assert f"/review/sources/{done.source.pk}/" in client.get("/review/?all=1").content.decode()


# ---------------------------------------------------------------------------------------------
# Decisions


def test_an_editor_accepts_a_claim_and_lands_on_the_next_one(client: Client, editor: Any, seed: Any) -> None:
    claim = _first(seed, "person", name="Aleś Bialacki")
    here = f"/review/sources/{seed.source.pk}/?state=proposed"
    answer = login(client, editor).post(f"/review/claims/{claim.pk}/accept", {"version": claim.version, "next": here})
    assert answer.status_code == 302
    assert answer["Location"].startswith(here + "#claim-")
    claim.refresh_from_db()
    assert claim.state == ClaimState.ACCEPTED and claim.reviewer == editor and claim.person is not None
    following = int(answer["Location"].rsplit("#claim-", 1)[1])
    assert Claim.objects.get(pk=following).state == ClaimState.PROPOSED
    assert b"accepted" in client.get(answer["Location"]).content


def test_an_offsite_next_is_ignored(client: Client, editor: Any, seed: Any) -> None:
    claim = seed.claims[0]
    answer = login(client, editor).post(
        f"/review/claims/{claim.pk}/accept", {"version": claim.version, "next": "https://evil.example/"}
    )
    assert answer.status_code == 302 and answer["Location"].startswith(f"/review/sources/{seed.source.pk}/")


def test_edit_then_accept_changes_the_value_first(client: Client, editor: Any, seed: Any) -> None:
    person = _first(seed, "person", name="Aleś Bialacki")
    do_accept_claim(editor, person)
    occupation = next(
        c for c in Claim.objects.filter(source=seed.source, kind="occupation") if c.value["person_claim"] == person.pk
    )
    page = login(client, editor).get(f"/review/claims/{occupation.pk}/")
    assert page.status_code == 200 and b'name="value.occupation"' in page.content
    answer = client.post(
        f"/review/claims/{occupation.pk}/accept",
        {"version": occupation.version, "edit": "1", "value.occupation": "poet", "value.label": "poet"},
    )
    assert answer.status_code == 302
    occupation.refresh_from_db()
    assert occupation.state == ClaimState.ACCEPTED and occupation.value["occupation"] == "poet"
    assert occupation.record_type == "registry.occupation"


def test_a_bad_edit_is_refused_and_kept_in_the_form(client: Client, editor: Any, seed: Any) -> None:
    event = next(c for c in seed.claims if c.kind == "event" and isinstance(c.value.get("count"), int))
    answer = login(client, editor).post(
        f"/review/claims/{event.pk}/accept", {"version": event.version, "edit": "1", "value.count": "[oops"}
    )
    assert answer.status_code == 400
    assert "Number of persons: A number of persons: a whole number, 0 or more." in answer.content.decode()
    assert b'value="[oops"' in answer.content
    assert Claim.objects.get(pk=event.pk).state == ClaimState.PROPOSED


def test_reject_keeps_the_reason(client: Client, editor: Any, seed: Any) -> None:
    claim = seed.claims[-1]
    answer = login(client, editor).post(
        f"/review/claims/{claim.pk}/reject", {"version": claim.version, "reason": "a place, not a person"}
    )
    assert answer.status_code == 302
    assert Claim.objects.get(pk=claim.pk).state == ClaimState.REJECTED
    assert ReviewAction.objects.get(claim=claim).reason == "a place, not a person"
    assert b"a place, not a person" in client.get(f"/review/claims/{claim.pk}/").content


def test_link_to_an_existing_person(client: Client, editor: Any, seed: Any) -> None:
    other = do_create_person(None, names=["Ales Bialiatski"])
    claim = _first(seed, "person", name="Aleś Bialacki")
    page = login(client, editor).get(f"/review/claims/{claim.pk}/?q=Ales+Bialiatski")
    assert f"Accept as person {other.pk}, Ales Bialiatski".encode() in page.content
    answer = client.post(f"/review/claims/{claim.pk}/accept", {"version": claim.version, "person": str(other.pk)})
    assert answer.status_code == 302
    claim.refresh_from_db()
    assert claim.person == other and claim.state == ClaimState.ACCEPTED


def test_linking_to_a_person_the_reviewer_may_not_see_is_refused(client: Client, editor: Any, seed: Any) -> None:
    hidden = do_create_person(None, names=["Secret Person"], confidentiality="confidential")
    claim = _first(seed, "person", name="Aleś Bialacki")
    answer = login(client, editor).post(
        f"/review/claims/{claim.pk}/accept", {"version": claim.version, "person": str(hidden.pk)}
    )
    assert answer.status_code == 400 and f"There is no person {hidden.pk}.".encode() in answer.content
    assert b"Secret Person" not in answer.content
    assert Claim.objects.get(pk=claim.pk).state == ClaimState.PROPOSED


def test_undo_makes_the_claim_proposed_again(client: Client, editor: Any, seed: Any) -> None:
    claim = _first(seed, "person", name="Aleś Bialacki")
    accepted = do_accept_claim(editor, claim)
    created = accepted.person_id
    answer = login(client, editor).post(f"/review/claims/{claim.pk}/undo", {"version": accepted.version})
    assert answer.status_code == 302 and answer["Location"].endswith(f"#claim-{claim.pk}")
    assert Claim.objects.get(pk=claim.pk).state == ClaimState.PROPOSED
    assert not Person.objects.filter(pk=created).exists()


def test_a_refused_decision_says_why(client: Client, editor: Any, seed: Any) -> None:
    person = _first(seed, "person", name="Aleś Bialacki")
    status = next(c for c in seed.claims if c.kind == "status" and c.value.get("person_claim") == person.pk)
    answer = login(client, editor).post(f"/review/claims/{status.pk}/accept", {"version": status.version})
    assert answer.status_code == 400
    assert f"whose person claim {person.pk} is not accepted yet".encode() in answer.content


# ---------------------------------------------------------------------------------------------
# Conflicts: someone decided meanwhile


def test_a_stale_accept_is_a_conflict_and_changes_nothing(client: Client, editor: Any, seed: Any) -> None:
    claim = _first(seed, "person", name="Aleś Bialacki")
    seen = claim.version
    other = make_user(type(editor), "other-editor", "editor")
    do_reject_claim(other, claim, "duplicate")
    answer = login(client, editor).post(
        f"/review/claims/{claim.pk}/accept",
        {"version": seen, "edit": "1", "value.name": "Aleś Bialacki (edited)"},
    )
    assert answer.status_code == 409
    text = answer.content.decode()
    assert "Someone else decided on this claim meanwhile; nothing was changed." in text
    assert "was changed by someone else" in text
    assert 'value="Aleś Bialacki (edited)"' in text  # the reviewer's edit is kept
    claim.refresh_from_db()
    assert claim.state == ClaimState.REJECTED and claim.reviewer == other


def test_a_stale_reject_keeps_the_reason(client: Client, editor: Any, seed: Any) -> None:
    claim = seed.claims[-1]
    seen = claim.version
    do_accept_claim(make_user(type(editor), "quick", "editor"), _first(seed, "person", name="Aleś Bialacki"))
    do_reject_claim(make_user(type(editor), "quicker", "editor"), claim, "")
    answer = login(client, editor).post(
        f"/review/claims/{claim.pk}/reject", {"version": seen, "reason": "my careful reason"}
    )
    assert answer.status_code == 409
    assert "Your reason, kept: my careful reason" in answer.content.decode()
    assert ReviewAction.objects.get(claim=claim).reason == ""


def test_a_second_decision_on_the_current_version_is_a_conflict_too(client: Client, editor: Any, seed: Any) -> None:
    claim = seed.claims[-1]
    decided = do_reject_claim(editor, claim, "")
    answer = login(client, editor).post(f"/review/claims/{claim.pk}/reject", {"version": decided.version})
    assert answer.status_code == 409 and b"is rejected already" in answer.content


def test_a_form_without_a_version_is_refused(client: Client, editor: Any, seed: Any) -> None:
    answer = login(client, editor).post(f"/review/claims/{seed.claims[0].pk}/accept", {})
    assert answer.status_code == 400
    assert Claim.objects.get(pk=seed.claims[0].pk).state == ClaimState.PROPOSED


# ---------------------------------------------------------------------------------------------
# Bulk accept


def _bulk(seed: Any) -> str:
    return " ".join(f"{c.pk}:{c.version}" for c in Claim.objects.filter(source=seed.source, state="proposed"))


def test_bulk_accept_needs_the_reader_to_say_they_read_it(client: Client, editor: Any, seed: Any) -> None:
    answer = login(client, editor).post(
        f"/review/sources/{seed.source.pk}/accept-all", {"claims": _bulk(seed)}, follow=True
    )
    assert "I have read the source and its claims" in answer.content.decode()
    assert Claim.objects.filter(source=seed.source, state=ClaimState.ACCEPTED).count() == 0


def test_bulk_accept_accepts_the_claims_shown_persons_first(client: Client, editor: Any, seed: Any, demo: Any) -> None:
    page = login(client, editor).get(f"/review/sources/{seed.source.pk}/").content.decode()
    shown = re.search(r'name="claims" value="([^"]*)"', page)
    assert shown is not None and sorted(shown[1].split()) == sorted(_bulk(seed).split())
    shown = shown[1]
    late = do_record_claim(None, seed.source, kind="person", value={"name": "Late Comer"}, proposer="test")
    answer = client.post(f"/review/sources/{seed.source.pk}/accept-all", {"claims": shown, "read": "1"})
    assert answer.status_code == 200
    states = dict(Claim.objects.filter(source=seed.source).values_list("pk", "state"))
    accepted = [pk for pk, state in states.items() if state == ClaimState.ACCEPTED]
    assert len(accepted) > len(seed.claims) // 2
    assert states[late.pk] == ClaimState.PROPOSED  # not shown to the reviewer: not accepted
    refused = [pk for pk, state in states.items() if state == ClaimState.PROPOSED and pk != late.pk]
    text = answer.content.decode()
    assert f"{len(accepted)} claims accepted." in text
    for pk in refused:  # each claim left proposed is listed with its reason
        assert f"/review/claims/{pk}/" in text
    bialacki = _first(seed, "person", name="Aleś Bialacki")
    assert bialacki.person == Person.objects.get(display_name="Aleś Bialacki")


def test_bulk_accept_leaves_a_claim_changed_meanwhile(client: Client, editor: Any, seed: Any) -> None:
    shown = _bulk(seed)
    changed = _first(seed, "person", name="Aleś Bialacki")
    do_reject_claim(make_user(type(editor), "other", "editor"), changed, "not him")
    answer = login(client, editor).post(f"/review/sources/{seed.source.pk}/accept-all", {"claims": shown, "read": "1"})
    assert answer.status_code == 200
    assert f"claim {changed.pk} was changed by someone else" in answer.content.decode()
    assert Claim.objects.get(pk=changed.pk).state == ClaimState.REJECTED


def test_a_damaged_bulk_list_is_refused(client: Client, editor: Any, seed: Any) -> None:
    answer = login(client, editor).post(f"/review/sources/{seed.source.pk}/accept-all", {"claims": "12:x", "read": "1"})
    assert answer.status_code == 400


# ---------------------------------------------------------------------------------------------
# Confidentiality


def test_a_confidential_source_is_not_in_the_queue_of_those_not_granted_it(
    client: Client, editor: Any, viewer: Any, confidant: Any
) -> None:
    secret = ingest_seed(confidentiality="confidential")
    claim = secret.claims[0]
    for user in (viewer, editor):
        login(client, user)
        queue = client.get("/review/")
        assert f"/review/sources/{secret.source.pk}/" not in queue.content.decode()
        assert client.get(f"/review/sources/{secret.source.pk}/").status_code == 404
        assert client.get(f"/review/claims/{claim.pk}/").status_code == 404
    answer = client.post(f"/review/claims/{claim.pk}/accept", {"version": claim.version})
    assert answer.status_code == 404
    answer = client.post(f"/review/sources/{secret.source.pk}/accept-all", {"claims": _bulk(secret), "read": "1"})
    assert answer.status_code == 404
    assert Claim.objects.filter(source=secret.source, state=ClaimState.ACCEPTED).count() == 0
    login(client, confidant)
    assert client.get(f"/review/sources/{secret.source.pk}/").status_code == 200


def test_a_confidential_claim_in_an_internal_source_is_hidden(client: Client, viewer: Any) -> None:
    text = "Aleś Bialacki and CLAIM-MARKER"
    source, _ = do_create_source(None, data=text.encode(), filename="t.txt", text=text)
    secret = do_record_claim(
        None, source, kind="person", value={"name": "CLAIM-MARKER"}, span=(18, 30), confidentiality="confidential"
    )
    html = login(client, viewer).get(f"/review/sources/{source.pk}/").content.decode()
    assert f'id="claim-{secret.pk}"' not in html
    assert "CLAIM-MARKER</a></mark>" not in html


# ---------------------------------------------------------------------------------------------
# Performance


def test_a_source_with_200_claims_renders_in_a_bounded_number_of_queries(
    client: Client, editor: Any, django_assert_max_num_queries: Any
) -> None:
    persons = [do_create_person(None, names=[f"Person Number{i}"]) for i in range(5)]
    text = " ".join(f"Name{i} Surname{i} was released." for i in range(150))
    source, _ = do_create_source(None, data=text.encode(), filename="long.txt", text=text)
    for i in range(150):
        start = text.index(f"Name{i} ")
        person_claim = do_record_claim(
            None,
            source,
            kind="person",
            value={"name": f"Name{i} Surname{i}", "candidates": [[p.pk, 0.6, "given name differs"] for p in persons]},
            span=(start, start + len(f"Name{i} Surname{i}")),
            proposer="test",
        )
        if i % 3 == 0:
            do_record_claim(
                None,
                source,
                kind="status",
                value={"status": "released", "person_claim": person_claim.pk},
                span=(start, start + 10),
                proposer="test",
            )
    decided = Claim.objects.filter(source=source, kind="person").order_by("id")[:20]
    for claim in decided:
        do_reject_claim(editor, claim, "test")
    login(client, editor)
    # 10 today: session, user, OTP device, source, the source's claims (grouped by person, then
    # a page of 100 shown), candidate persons (and who may see them: 2), person claims of other
    # pages (none here), decisions, the scan's words file; none per claim
    for page in (1, 2):
        with django_assert_max_num_queries(13):
            answer = client.get(f"/review/sources/{source.pk}/?page={page}")
        assert answer.status_code == 200
        assert answer.content.count(b'class="claim-card') == 100
    assert Claim.objects.filter(source=source).count() == 200
