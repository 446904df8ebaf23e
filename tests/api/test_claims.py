"""/claims: researchers propose, editors accept and reject (through the review services);
a claim reviewed meanwhile or a stale version is a 409."""

from __future__ import annotations

from typing import Any

import pytest

from letapis.registry import services as s
from letapis.registry.models import Claim, ClaimState

pytestmark = pytest.mark.django_db

TEXT = "Ihar Ilyash, a journalist, was detained in Minsk. Andrei Kuznechyk remains held."


@pytest.fixture
def source(db: Any) -> Any:
    return s.do_create_source(None, data=TEXT.encode(), filename="note.txt", text=TEXT, confidentiality="internal")[0]


@pytest.fixture
def researcher(make_user: Any) -> Any:
    return make_user("researcher", "researcher")


def _propose(api: Any, source: Any, **extra: Any) -> Any:
    body = {"source_id": source.pk, "kind": "person", "value": {"name": "Ihar Ilyash"}, "quote": "Ihar Ilyash"}
    return api.post("claims", {**body, **extra})


def test_a_researcher_proposes_a_claim_with_its_span(source: Any, researcher: Any, as_user: Any) -> None:
    response = _propose(as_user(researcher), source)
    assert response.status_code == 201, response.data
    claim = response.data
    assert claim["state"] == "proposed" and claim["proposer"] == "user:researcher"
    assert TEXT[claim["span_start"] : claim["span_end"]] == "Ihar Ilyash"
    assert claim["confidentiality"] == "internal"


def test_viewers_and_anonymous_callers_cannot_propose(source: Any, viewer: Any, anon: Any, as_user: Any) -> None:
    assert _propose(anon, source).status_code == 401
    assert _propose(as_user(viewer), source).status_code == 403
    assert Claim.objects.count() == 0


def test_a_quote_not_in_the_source_is_refused(source: Any, researcher: Any, as_user: Any) -> None:
    response = _propose(as_user(researcher), source, quote="words that are not there")
    assert response.status_code == 400 and "not in source" in response.data["detail"]


def test_an_editor_accepts_a_claim_and_the_registry_has_the_person(
    source: Any, researcher: Any, editor: Any, as_user: Any
) -> None:
    claim_id = _propose(as_user(researcher), source).data["id"]
    assert as_user(researcher).post(f"claims/{claim_id}/accept").status_code == 403
    accepted = as_user(editor).post(f"claims/{claim_id}/accept", {"version": 1})
    assert accepted.status_code == 200, accepted.data
    assert accepted.data["state"] == "accepted" and accepted.data["reviewer"] == "editor"
    person = as_user(editor).get(f"persons/{accepted.data['person_id']}")
    assert person.data["name"] == "Ihar Ilyash"
    again = as_user(editor).post(f"claims/{claim_id}/accept")
    assert again.status_code == 409 and "accepted already" in again.data["detail"]


def test_a_stale_version_is_a_conflict_and_changes_nothing(
    source: Any, researcher: Any, editor: Any, as_user: Any
) -> None:
    claim_id = _propose(as_user(researcher), source).data["id"]
    Claim.objects.filter(pk=claim_id).update(version=2)  # someone edited it meanwhile
    stale = as_user(editor).post(f"claims/{claim_id}/reject", {"version": 1, "reason": "duplicate"})
    assert stale.status_code == 409 and "reload" in stale.data["detail"]
    assert Claim.objects.get(pk=claim_id).state == ClaimState.PROPOSED


@pytest.mark.parametrize("decision", ["accept", "reject"])
def test_a_review_without_the_claim_version_is_refused_with_428(
    source: Any, researcher: Any, editor: Any, as_user: Any, decision: str
) -> None:
    claim_id = _propose(as_user(researcher), source).data["id"]
    refused = as_user(editor).post(f"claims/{claim_id}/{decision}", {"reason": "no version"})
    assert refused.status_code == 428 and "version" in refused.data["detail"]
    claim = Claim.objects.get(pk=claim_id)
    assert claim.state == ClaimState.PROPOSED and claim.version == 1


def test_an_editor_rejects_with_a_reason(source: Any, researcher: Any, editor: Any, as_user: Any) -> None:
    claim_id = _propose(as_user(researcher), source).data["id"]
    rejected = as_user(editor).post(f"claims/{claim_id}/reject", {"version": 1, "reason": "not a prisoner"})
    assert rejected.status_code == 200 and rejected.data["state"] == "rejected"
    from letapis.review.models import ReviewAction

    assert ReviewAction.objects.get(claim_id=claim_id).reason == "not a prisoner"


def test_the_queue_lists_proposed_claims_for_the_team_only(
    source: Any, researcher: Any, viewer: Any, anon: Any, as_user: Any
) -> None:
    _propose(as_user(researcher), source)
    assert as_user(viewer).get("claims", state="proposed").data["count"] == 1
    assert anon.get("claims", state="proposed").data["count"] == 0


def test_a_claim_about_an_unknown_person_or_source_is_a_404(
    source: Any, researcher: Any, editor: Any, as_user: Any
) -> None:
    api = as_user(researcher)
    assert _propose(api, source, person_id=999999).status_code == 404
    assert api.post("claims", {"source_id": 999999, "kind": "person", "value": {}}).status_code == 404
    assert api.post("claims", {"source_id": source.pk, "kind": "gossip", "value": {}}).status_code == 422
    assert as_user(editor).post("claims/999999/accept").status_code == 404


def _person_with_claims(api: Any, source: Any) -> tuple[int, int, int]:
    """A person claim and two claims about that person (an occupation, an event of theirs)."""
    person_id = _propose(api, source).data["id"]
    about = {"person_name": "Ihar Ilyash", "person_claim": person_id}
    job = api.post(
        "claims",
        {
            "source_id": source.pk,
            "kind": "occupation",
            "value": {**about, "occupation": "journalist"},
            "quote": "journalist",
        },
    )
    event = api.post(
        "claims",
        {
            "source_id": source.pk,
            "kind": "event",
            "value": {"type": "detention", "date": "2025-12-01", "persons": ["Ihar Ilyash"]},
            "quote": "was detained in Minsk",
        },
    )
    return person_id, job.data["id"], event.data["id"]


def test_a_claim_about_a_person_waits_for_the_person_as_on_the_pages(
    source: Any, researcher: Any, editor: Any, as_user: Any
) -> None:
    person_id, job_id, event_id = _person_with_claims(as_user(researcher), source)
    early = as_user(editor).post(f"claims/{event_id}/accept", {"version": 1})
    assert early.status_code == 400
    assert f"whose person claim {person_id} is not accepted yet" in early.data["detail"]
    rejected = as_user(editor).post(f"claims/{person_id}/reject", {"version": 1, "reason": "not him"})
    assert rejected.status_code == 200
    assert {Claim.objects.get(pk=pk).state for pk in (job_id, event_id)} == {ClaimState.REJECTED}


def test_an_editor_accepts_a_person_with_its_claims(source: Any, researcher: Any, editor: Any, as_user: Any) -> None:
    person_id, job_id, event_id = _person_with_claims(as_user(researcher), source)
    both = as_user(editor).post(f"claims/{person_id}/accept", {"version": 1, "with_claims": True, "edits": {}})
    assert both.status_code == 400 and "alone" in both.data["detail"]
    accepted = as_user(editor).post(f"claims/{person_id}/accept", {"version": 1, "with_claims": True})
    assert accepted.status_code == 200, accepted.data
    assert {Claim.objects.get(pk=pk).state for pk in (person_id, job_id, event_id)} == {ClaimState.ACCEPTED}
    event = Claim.objects.get(pk=event_id).event
    assert event is not None and list(event.involvements.values_list("person_id", flat=True)) == [
        accepted.data["person_id"]
    ]


def test_an_editor_edits_a_proposed_claim_without_deciding(
    source: Any, researcher: Any, editor: Any, as_user: Any
) -> None:
    claim_id = _propose(as_user(researcher), source).data["id"]
    body = {"version": 1, "edits": {"name_latin": "Ihar Iljaš", "names": ["Игорь Ильяш"]}}
    assert as_user(researcher).post(f"claims/{claim_id}/edit", body).status_code == 403
    edited = as_user(editor).post(f"claims/{claim_id}/edit", body)
    assert edited.status_code == 200, edited.data
    assert edited.data["state"] == "proposed" and edited.data["version"] == 2
    assert Claim.objects.get(pk=claim_id).value["names"] == ["Игорь Ильяш"]
    stale = as_user(editor).post(f"claims/{claim_id}/edit", body)
    assert stale.status_code == 409
    assert as_user(editor).post(f"claims/{claim_id}/edit", {"edits": {"name": "X"}}).status_code == 428


def test_a_contradicted_claim_is_settled_through_the_api(editor: Any, as_user: Any) -> None:
    from datetime import date

    person = s.do_create_person(None, names=["Ales Api"], confidentiality="public")
    release = s.do_create_event(None, type="release", date="2025-12-13", victims=[person])
    text = "Ales Api was detained on 13 December."
    source, _ = s.do_create_source(
        None, data=text.encode(), filename="api.txt", text=text, date=date(2025, 12, 14), confidentiality="public"
    )
    claim = s.do_record_claim(None, source, kind="event", value={"type": "detention", "date": "2025-12-13"}, quote=text)
    api = as_user(editor)
    refused = api.post(f"claims/{claim.pk}/accept", {"version": claim.version, "person_id": person.pk})
    assert refused.status_code == 400 and f"(event {release.pk})" in refused.data["detail"]
    unsaid = api.post(f"claims/{claim.pk}/settle", {"version": claim.version, "person_id": person.pk})
    assert unsaid.status_code == 400 and "`choice`" in unsaid.data["detail"]
    assert Claim.objects.get(pk=claim.pk).state == "proposed"
    kept = api.post(
        f"claims/{claim.pk}/settle", {"version": claim.version, "person_id": person.pk, "choice": "keep_existing"}
    )
    assert kept.status_code == 200 and kept.data["state"] == "rejected"
