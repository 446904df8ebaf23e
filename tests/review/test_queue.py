"""The review queue by person: a person claim leads its claims, they wait for it, are rejected
with it and accepted with it, and one undo undoes the group."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from letapis.audit.models import AuditEntry
from letapis.registry import services as s
from letapis.registry.models import Claim, Event, Occupation, Person, Source
from letapis.review.models import ReviewAction
from letapis.review.services import (
    PERSON_REJECTED,
    REFUSED,
    ServiceError,
    SourceClaims,
    accept_all,
    do_accept_claim,
    do_accept_with_claims,
    do_reject_claim,
    do_undo_review,
)

pytestmark = pytest.mark.django_db

TEXT = (
    "On 13 December, 123 political prisoners were released. The musician Dzmitryj Hałavač is "
    "still held. The poet Ryhor Novy was freed; Ryhor Novy was detained in 2021. Ryhor Novy and "
    "Dzmitryj Hałavač were searched in 2020.\n"
)


@pytest.fixture
def source(db: Any) -> Source:
    created, _ = s.do_create_source(
        None, data=TEXT.encode(), filename="q.txt", text=TEXT, date=date(2025, 12, 14), language="en"
    )
    return created


def claim(source: Source, kind: str, value: dict[str, Any], quote: str, at: int = 0) -> Claim:
    start = TEXT.index(quote, at)
    return s.do_record_claim(
        None, source, kind=kind, value=value, quote=quote, span=(start, start + len(quote)), proposer="test"
    )


def person(source: Source, name: str, at: int = 0) -> Claim:
    return claim(source, "person", {"name": name, "name_latin": name, "names": [], "candidate": None}, name, at)


def about(person_claim: Claim, **value: Any) -> dict[str, Any]:
    return {"person_name": person_claim.value["name"], "person_claim": person_claim.pk, **value}


@pytest.fixture
def claims(source: Source) -> dict[str, Claim]:
    """Claims as the extractor gives them: a person's occupation and status before (in the
    text) or after the person claim, an event of one person, an event of two, a collective one."""
    found: dict[str, Claim] = {}
    found["release"] = claim(
        source, "event", {"type": "release", "date": "2025-12-13", "count": 123}, "123 political prisoners"
    )
    found["musician"] = claim(source, "occupation", {}, "musician")  # filled below: it precedes its person
    found["halavac"] = person(source, "Dzmitryj Hałavač")
    Claim.objects.filter(pk=found["musician"].pk).update(
        value=about(found["halavac"], occupation="musician", label="musician")
    )
    found["musician"].refresh_from_db()
    found["held"] = claim(source, "status", about(found["halavac"], status="held"), "is still held")
    found["poet"] = claim(source, "occupation", {}, "poet")
    found["novy"] = person(source, "Ryhor Novy")
    Claim.objects.filter(pk=found["poet"].pk).update(value=about(found["novy"], occupation="poet", label="poet"))
    found["poet"].refresh_from_db()
    found["freed"] = claim(source, "status", about(found["novy"], status="released"), "was freed")
    found["detained"] = claim(
        source, "event", {"type": "detention", "date": "2021", "persons": ["Ryhor Novy"]}, "was detained in 2021"
    )
    found["searched"] = claim(
        source,
        "event",
        {"type": "search", "date": "2020", "persons": ["Ryhor Novy", "Dzmitryj Hałavač"]},
        "were searched in 2020",
    )
    return found


def test_it_groups_a_sources_claims_under_their_person(claims: dict[str, Claim]) -> None:
    queue = SourceClaims(Claim.objects.filter(source=claims["novy"].source))
    groups = [(g.name, [c.pk for c in g.claims]) for g in queue.groups()]
    assert groups == [
        ("", [claims["release"].pk, claims["searched"].pk]),  # of several persons, or a count: apart
        ("Dzmitryj Hałavač", [claims["halavac"].pk, claims["held"].pk, claims["musician"].pk]),
        ("Ryhor Novy", [claims["novy"].pk, claims["freed"].pk, claims["poet"].pk, claims["detained"].pk]),
    ]


def test_a_persons_claims_wait_for_it_and_the_next_decidable_skips_them(claims: dict[str, Claim]) -> None:
    queue = SourceClaims(Claim.objects.filter(source=claims["novy"].source))
    assert queue.waiting_for(claims["musician"]) == claims["halavac"]
    assert queue.waiting_for(claims["detained"]) == claims["novy"]  # an event of this person alone
    assert queue.decidable(claims["release"]) and queue.decidable(claims["searched"])
    assert queue.next_decidable(claims["halavac"]) == claims["novy"]  # not Hałavač's status
    assert queue.next_decidable(claims["novy"]) == claims["release"]  # from the top again
    assert queue.next_decidable(claims["searched"]) == claims["halavac"]


def test_after_accepting_a_person_its_claims_come_next(claims: dict[str, Claim], editor: Any) -> None:
    do_accept_claim(editor, claims["halavac"])
    queue = SourceClaims(Claim.objects.filter(source=claims["novy"].source))
    assert queue.next_decidable(claims["halavac"]) == claims["held"]
    assert queue.decidable(claims["musician"])


def test_a_claim_of_a_person_not_accepted_is_refused_by_the_service(claims: dict[str, Claim], editor: Any) -> None:
    with pytest.raises(ServiceError, match=f"Ryhor Novy, whose person claim {claims['novy'].pk} is not accepted yet"):
        do_accept_claim(editor, claims["detained"])
    assert not Event.objects.filter(type="detention").exists()
    do_reject_claim(editor, claims["novy"])
    assert Claim.objects.get(pk=claims["detained"].pk).state == "rejected"


def test_rejecting_a_person_rejects_its_claims_and_one_undo_restores_them(
    claims: dict[str, Claim], editor: Any
) -> None:
    do_reject_claim(editor, claims["novy"], "a character of a novel")
    states = {k: Claim.objects.get(pk=c.pk).state for k, c in claims.items()}
    assert [k for k, state in states.items() if state == "rejected"] == ["poet", "novy", "freed", "detained"]
    assert states["searched"] == "proposed"  # it names another person too
    group = ReviewAction.objects.get(claim=claims["novy"]).members.all()
    assert sorted(a.claim_id for a in group) == sorted(claims[k].pk for k in ("poet", "freed", "detained"))
    assert {a.reason for a in group} == {"a character of a novel"}
    assert AuditEntry.objects.filter(action="claim.reject").count() == 4
    do_undo_review(editor, claims["novy"])
    assert {Claim.objects.get(pk=c.pk).state for c in claims.values()} == {"proposed"}
    assert AuditEntry.objects.filter(action="claim.undo").count() == 4


def test_undoing_one_claim_of_the_group_leaves_the_rest(claims: dict[str, Claim], editor: Any) -> None:
    do_reject_claim(editor, claims["novy"])
    do_undo_review(editor, claims["poet"])
    assert Claim.objects.get(pk=claims["poet"].pk).state == "proposed"
    do_undo_review(editor, claims["novy"])
    assert {Claim.objects.get(pk=claims[k].pk).state for k in ("novy", "freed", "detained", "poet")} == {"proposed"}


def test_accepting_a_person_with_its_claims_is_one_group(claims: dict[str, Claim], editor: Any) -> None:
    before = (Person.objects.count(), Event.objects.count(), Occupation.objects.count())
    done = do_accept_with_claims(editor, claims["novy"])
    assert [c.pk for c in done.accepted] == [claims[k].pk for k in ("novy", "freed", "poet", "detained")]
    assert done.left == []
    novy = Person.objects.get(display_name="Ryhor Novy")
    assert Occupation.objects.filter(person=novy, code="poet").exists()
    assert Event.objects.filter(type="detention", involvements__person=novy).count() == 1
    assert Claim.objects.get(pk=claims["searched"].pk).state == "proposed"
    do_undo_review(editor, claims["novy"])
    assert (Person.objects.count(), Event.objects.count(), Occupation.objects.count()) == before
    assert {Claim.objects.get(pk=claims[k].pk).state for k in ("novy", "freed", "poet", "detained")} == {"proposed"}


def test_a_claim_the_service_refuses_is_left_with_its_reason(claims: dict[str, Claim], editor: Any) -> None:
    Claim.objects.filter(pk=claims["poet"].pk).update(
        value=about(claims["novy"], occupation="xylophone tuner", label="xylophone tuner")
    )
    done = do_accept_with_claims(editor, claims["novy"])
    assert [(left.claim.pk, left.because) for left in done.left] == [(claims["poet"].pk, REFUSED)]
    assert "not in the occupations vocabulary" in done.left[0].why
    assert Claim.objects.get(pk=claims["poet"].pk).state == "proposed"
    assert Claim.objects.get(pk=claims["freed"].pk).state == "accepted"


def test_a_person_claim_alone_cannot_be_accepted_with_claims(claims: dict[str, Claim], editor: Any) -> None:
    with pytest.raises(ServiceError, match="not a person claim"):
        do_accept_with_claims(editor, claims["poet"])


def test_accept_all_skips_the_rejected_and_says_why(claims: dict[str, Claim], editor: Any) -> None:
    do_reject_claim(editor, claims["halavac"])
    do_undo_review(editor, claims["held"])  # proposed again, its person still rejected
    done = accept_all(editor, claims["novy"].source_id)
    assert [(left.claim.pk, left.because) for left in done.left] == [(claims["held"].pk, PERSON_REJECTED)]
    assert done.left[0].why == (f"it is about Dzmitryj Hałavač, whose person claim {claims['halavac'].pk} is rejected")
    accepted = {c.pk for c in done.accepted}
    assert accepted == {claims[k].pk for k in ("release", "novy", "poet", "freed", "detained", "searched")}


def test_accept_all_leaves_the_claims_of_a_person_it_could_not_accept(claims: dict[str, Claim], editor: Any) -> None:
    Claim.objects.filter(pk=claims["novy"].pk).update(value={"name": "", "names": []})
    done = accept_all(editor, claims["novy"].source_id)
    left = {left.claim.pk: left for left in done.left}
    assert left[claims["novy"].pk].because == REFUSED
    assert left[claims["poet"].pk].why == f"it is about claim {claims['novy'].pk}, whose person claim " + (
        f"{claims['novy'].pk} was not accepted"
    )


def _walk(actor: Any, source_id: int) -> list[str]:
    """Decide the source's claims as a monitor with the keys would: from the first decidable
    claim, accept it (reject what the service refuses), then on to the next decidable one."""
    refused: list[str] = []
    queue = SourceClaims(Claim.objects.filter(source_id=source_id))
    current = next((c for c in queue.ordered() if queue.decidable(c)), None)
    while current is not None:
        try:
            do_accept_claim(actor, current)
        except ServiceError as exc:
            refused.append(str(exc))
            do_reject_claim(actor, current, "refused")
        queue = SourceClaims(Claim.objects.filter(source_id=source_id))
        current = queue.next_decidable(current)
    return refused


def _registry() -> tuple[int, int, list[tuple[str, str, int]]]:
    events = sorted(
        (e.type, e.date, e.involvements.count()) for e in Event.objects.filter(parent__isnull=True).order_by("id")
    )
    return Person.objects.count(), Event.objects.count(), events


def test_walking_the_seed_with_the_keys_makes_what_accept_all_makes(editor: Any) -> None:
    from tests.web.review_helpers import ingest_seed

    source = ingest_seed().source
    refused = _walk(editor, source.pk)
    assert Claim.objects.filter(source=source, state="proposed").count() == 0
    walked = _registry()
    released = Claim.objects.filter(source=source, kind="status", value__status="released", state="accepted")
    for status in released:  # each person released once, within the collective release
        assert status.event is not None and status.event.parent is not None
        assert Event.objects.filter(type="release", involvements__person=status.person).count() == 1
    assert walked[0] == Claim.objects.filter(source=source, kind="person", state="accepted").count()
    for action in ReviewAction.objects.filter(claim__source=source, undone_at__isnull=True).order_by("-id"):
        do_undo_review(editor, action.claim)  # the last decision first
    assert _registry() == (0, 0, [])
    assert refused == []
    done = accept_all(editor, source.pk)
    assert done.left == []
    assert _registry() == walked


def test_undoing_a_person_undoes_the_claims_accepted_about_them_since(claims: dict[str, Claim], editor: Any) -> None:
    before = (Person.objects.count(), Event.objects.count(), Occupation.objects.count())
    do_accept_claim(editor, claims["novy"])
    for key in ("freed", "poet", "detained"):
        do_accept_claim(editor, claims[key])
    do_reject_claim(editor, Claim.objects.get(pk=claims["searched"].pk))  # not about him alone
    undone = do_undo_review(editor, claims["novy"])
    assert undone.state == "proposed"
    assert {Claim.objects.get(pk=claims[k].pk).state for k in ("freed", "poet", "detained")} == {"proposed"}
    assert Claim.objects.get(pk=claims["searched"].pk).state == "rejected"
    assert (Person.objects.count(), Event.objects.count(), Occupation.objects.count()) == before
    assert AuditEntry.objects.filter(action="claim.undo").count() == 4


def test_a_claim_accepted_about_another_person_stays_when_the_person_claim_is_undone(
    claims: dict[str, Claim], editor: Any
) -> None:
    other = s.do_create_person(None, names=["Ryhor Stary"])
    do_accept_claim(editor, claims["novy"])
    do_accept_claim(editor, claims["poet"], person=other)  # the reviewer said whom it is about
    do_undo_review(editor, claims["novy"])
    assert Claim.objects.get(pk=claims["poet"].pk).state == "accepted"
    assert Occupation.objects.filter(person=other, code="poet").exists()


def test_a_claim_of_another_source_resting_on_the_person_keeps_the_undo_refused(
    claims: dict[str, Claim], editor: Any
) -> None:
    other, _ = s.do_create_source(None, data=b"Ryhor Novy, poet.", filename="o.txt", text="Ryhor Novy, poet.")
    novy = do_accept_claim(editor, claims["novy"])
    poet = s.do_record_claim(
        None, other, kind="occupation", value=about(novy, occupation="poet"), quote="poet", proposer="test"
    )
    do_accept_claim(editor, poet)
    with pytest.raises(ServiceError, match=f"claim {poet.pk} rests on it"):
        do_undo_review(editor, novy)
    assert Claim.objects.get(pk=novy.pk).state == "accepted"
