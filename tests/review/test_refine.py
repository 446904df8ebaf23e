"""A corroborating claim with a more precise date makes the registry's event more precise (issue
16): a release known as "on or before 17 January 2025" that another report dates 8 May 2024 —
and undo restores the date. A claim stricter than the event does not change it."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

import pytest

from letapis.registry import services
from letapis.registry.models import Event, Person
from letapis.review.services import do_accept_claim, do_undo_review
from tests import helpers

pytestmark = pytest.mark.django_db


claim_of = partial(helpers.claim_of, day=date(2025, 1, 17))


@pytest.fixture
def release(editor: Any) -> tuple[Person, Event]:
    person = services.do_create_person(None, names=["Ksenia Refine"], confidentiality="public")
    first = do_accept_claim(editor, claim_of("Ksenia Refine has been freed.", {"type": "release"}), person=person)
    assert first.event is not None and first.event.date == "[..2025-01-17]"
    return person, first.event


def test_a_more_precise_date_refines_the_event_and_undo_restores_it(editor: Any, release: Any) -> None:
    person, event = release
    precise = claim_of("Ksenia Refine was released on 8 May 2024.", {"type": "release", "date": "2024-05-08"})
    done = do_accept_claim(editor, precise, person=person)
    assert done.event_id == event.pk and Event.objects.filter(type="release").count() == 1
    event.refresh_from_db()
    assert (event.date, event.date_earliest, event.date_latest) == ("2024-05-08", date(2024, 5, 8), date(2024, 5, 8))
    assert done.review_actions.get().changed == [["registry.event", event.pk, "date", "[..2025-01-17]", "2024-05-08"]]
    # a vaguer claim corroborates without undoing the precision
    vague = do_accept_claim(
        editor, claim_of("Ksenia Refine is free.", {"type": "release", "date": "2024"}), person=person
    )
    assert vague.event_id == event.pk
    event.refresh_from_db()
    assert event.date == "2024-05-08"
    do_undo_review(editor, vague)
    do_undo_review(editor, done)
    event.refresh_from_db()
    assert event.date == "[..2025-01-17]"


def test_a_stricter_claim_does_not_refine_a_more_open_event(editor: Any, confidant: Any, release: Any) -> None:
    person, event = release
    confidant.role = "editor"
    confidant.save(update_fields=["role"])
    secret = claim_of(
        "Ksenia Refine left on 8 May 2024.", {"type": "release", "date": "2024-05-08"}, level="confidential"
    )
    done = do_accept_claim(confidant, secret, person=person)
    assert done.event_id == event.pk
    event.refresh_from_db()
    assert event.date == "[..2025-01-17]"
