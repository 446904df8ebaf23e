"""A claim the registry contradicts — held where the registry says released on the same day — is
not merged silently (issue 16): accepting it raises FactConflict, and the reviewer keeps the
registry's fact, takes the claim's, or keeps both (do_settle_conflict, in the audit log)."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

import pytest

from letapis.access import EVERYTHING
from letapis.audit.models import AuditEntry
from letapis.registry import services
from letapis.registry.models import Claim, ClaimState, Event, Person
from letapis.registry.status import status_on
from letapis.review.services import (
    KEEP_BOTH,
    KEEP_EXISTING,
    TAKE_NEW,
    FactConflict,
    do_accept_claim,
    do_settle_conflict,
)
from tests import helpers

pytestmark = pytest.mark.django_db

DAY = date(2025, 12, 13)


claim_of = partial(helpers.claim_of, day=DAY)


@pytest.fixture
def released(editor: Any) -> tuple[Person, Event, Claim]:
    person = services.do_create_person(None, names=["Ales Settle"], confidentiality="public", publishable=True)
    said = claim_of("Ales Settle was released on 13 December.", {"type": "release", "date": "2025-12-13"})
    said = do_accept_claim(editor, said, person=person)
    assert said.event is not None
    return person, said.event, said


def held_claim(person: Person) -> Claim:
    return claim_of("Ales Settle was detained on 13 December.", {"type": "detention", "date": "2025-12-13"})


def test_a_contradicting_claim_is_not_merged_silently(editor: Any, released: Any) -> None:
    person, release, _ = released
    events = Event.objects.count()
    with pytest.raises(FactConflict) as raised:
        do_accept_claim(editor, held_claim(person), person=person)
    assert raised.value.event == release and "keep the registry's" in str(raised.value)
    status = claim_of("Ales Settle is held.", {"status": "held", "date": "2025-12-13"}, kind="status")
    with pytest.raises(FactConflict):
        do_accept_claim(editor, status, person=person)
    assert Event.objects.count() == events


def test_keep_the_registrys_rejects_the_claim(editor: Any, released: Any) -> None:
    person, release, _ = released
    done = do_settle_conflict(editor, held_claim(person), KEEP_EXISTING, person=person)
    assert done.state == ClaimState.REJECTED
    assert f"event {release.pk}" in done.review_actions.get().reason
    assert status_on(person, DAY, levels=EVERYTHING).status == "released"
    assert AuditEntry.objects.filter(action="claim.settle", object_id=str(done.pk)).exists()


def test_keep_both_puts_the_claims_fact_after_the_registrys(editor: Any, released: Any) -> None:
    person, release, _ = released
    done = do_settle_conflict(editor, held_claim(person), KEEP_BOTH, person=person)
    assert done.state == ClaimState.ACCEPTED and done.event is not None and done.event != release
    assert done.event.sequence == release.sequence + 1
    assert status_on(person, DAY, levels=EVERYTHING).status == "held"
    assert Event.objects.filter(pk=release.pk).exists()


def test_take_the_claims_undoes_the_registrys(editor: Any, released: Any) -> None:
    person, release, behind = released
    done = do_settle_conflict(editor, held_claim(person), TAKE_NEW, person=person)
    assert done.state == ClaimState.ACCEPTED
    assert not Event.objects.filter(pk=release.pk).exists()
    behind.refresh_from_db()
    assert behind.state == ClaimState.PROPOSED  # back in the queue, to be rejected or corrected
    assert status_on(person, DAY, levels=EVERYTHING).status == "held"


def test_taking_the_claims_is_refused_for_an_event_entered_by_hand(editor: Any) -> None:
    person = services.do_create_person(None, names=["Ales Hand"], confidentiality="public")
    release = services.do_create_event(None, type="release", date="2025-12-13", victims=[person])
    claim = claim_of("Ales Hand was detained on 13 December.", {"type": "detention", "date": "2025-12-13"})
    with pytest.raises(services.ServiceError, match="not entered from claims alone"):
        do_settle_conflict(editor, claim, TAKE_NEW, person=person)
    assert Event.objects.filter(pk=release.pk).exists()
    claim.refresh_from_db()
    assert claim.state == ClaimState.PROPOSED
