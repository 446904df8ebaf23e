"""The review page shows a claim the registry contradicts side by side with the registry's fact,
each with its sources (those the reviewer may see), and the reviewer's choice goes through
do_settle_conflict (issue 16)."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

import pytest
from django.test import Client

from letapis.registry import services
from letapis.registry.models import ClaimState, Person
from letapis.review.services import do_accept_claim
from tests import helpers
from tests.web.review_helpers import login

pytestmark = pytest.mark.django_db


claim_of = partial(helpers.claim_of, day=date(2025, 12, 14))


def test_the_conflict_side_by_side_and_the_choice(editor: Any, client: Client) -> None:
    person = services.do_create_person(None, names=["Ales Conflict"], confidentiality="public", publishable=True)
    first = claim_of("Ales Conflict was released on 13 December.", {"type": "release", "date": "2025-12-13"})
    release = do_accept_claim(editor, first, person=person).event
    assert release is not None
    secret = claim_of("A confidential note: released that morning.", {"type": "release"}, level="confidential")
    services.do_record_claim(
        None, secret.source, kind="event", value={}, quote=secret.quote, state="accepted", event=release
    )
    held = claim_of("Ales Conflict was detained on 13 December.", {"type": "detention", "date": "2025-12-13"})

    login(client, editor)
    answer = client.post(
        f"/review/claims/{held.pk}/accept", {"version": held.version, "person": person.pk}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert answer.status_code == 409
    page = answer.content.decode()
    panel = page.split('data-testid="fact-conflict"', 1)[1].split("</section>", 1)[0]
    assert "Ales Conflict was released on 13 December." in panel  # the registry's side, its source
    assert "Ales Conflict was detained on 13 December." in panel  # the claim's side
    assert "released that morning" not in page  # a source the editor may not see
    assert all(f'value="{choice}"' in panel for choice in ("keep_existing", "take_new", "keep_both"))

    done = client.post(
        f"/review/claims/{held.pk}/settle", {"version": held.version, "person": person.pk, "choice": "keep_both"}
    )
    assert done.status_code == 302
    held.refresh_from_db()
    assert held.state == ClaimState.ACCEPTED and held.event is not None and held.event.sequence == 1
    assert Person.objects.get(pk=person.pk).involvements.count() == 2


def test_a_choice_that_is_none_is_refused(editor: Any, client: Client) -> None:
    held = claim_of("Somebody was detained.", {"type": "detention", "date": "2025-12-13"})
    login(client, editor)
    answer = client.post(f"/review/claims/{held.pk}/settle", {"version": held.version, "choice": "maybe"})
    assert answer.status_code == 400
    held.refresh_from_db()
    assert held.state == ClaimState.PROPOSED
