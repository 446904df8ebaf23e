"""Two API clients at once: the second editor gets a JSON 409 and nothing is lost.

Each client is a thread with its own database connection and its own bearer token (on
PostgreSQL: real concurrent transactions meeting at a barrier; on SQLite the same steps one after
the other, see :func:`tests.registry.test_concurrency.collide`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from letapis.audit.models import AuditEntry
from letapis.registry import services as s
from letapis.registry.models import Claim, ClaimState, NameVariant, Person
from letapis.review.models import ReviewAction
from tests.api.conftest import Api, token_for
from tests.registry.test_concurrency import collide

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def two_editors(make_user: Any) -> tuple[Any, Any]:
    return make_user("anna", "editor"), make_user("boris", "editor")


def _answers(outcomes: list[Any]) -> tuple[Any, Any]:
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    codes = sorted(o.status_code for o in outcomes)
    assert codes == [200, 409], [(o.status_code, o.data) for o in outcomes]
    won = next(o for o in outcomes if o.status_code == 200)
    lost = next(o for o in outcomes if o.status_code == 409)
    return won, lost


def test_two_editors_patching_one_person_the_second_gets_a_json_409(two_editors: tuple[Any, Any]) -> None:
    anna, boris = two_editors
    person = s.do_create_person(None, names=["Ihar Ilyash"], confidentiality="internal")
    apis = Api(token_for(anna)), Api(token_for(boris))
    changes = {"gender": "male"}, {"birth_date": "1978"}

    def editor(i: int) -> Any:
        def read() -> int:
            answer = apis[i].get(f"persons/{person.pk}")
            assert answer.status_code == 200, answer.data
            return int(answer.data["version"])

        return (read, lambda version: apis[i].patch(f"persons/{person.pk}", {"version": version, **changes[i]}))

    won, lost = _answers(collide(editor(0), editor(1)))
    assert "changed by someone else" in lost.data["detail"] and "reload" in lost.data["detail"]
    assert won.data["version"] == 2
    final = Person.objects.get(pk=person.pk)
    assert final.version == 2
    assert (final.gender, final.birth_date) in {("male", ""), ("", "1978")}  # the winner's change, whole
    assert AuditEntry.objects.filter(action="person.update", object_id=str(person.pk)).count() == 1

    # the loser reloads and redoes: both changes are kept
    loser = 1 if final.gender == "male" else 0
    redo = apis[loser].patch(f"persons/{person.pk}", {"version": 2, **changes[loser]})
    assert redo.status_code == 200, redo.data
    final.refresh_from_db()
    assert (final.gender, final.birth_date, final.version) == ("male", "1978", 3)


def test_two_editors_accepting_one_claim_through_the_api_exactly_one_wins(two_editors: tuple[Any, Any]) -> None:
    anna, boris = two_editors
    text = "Among those released is the poet Ryhor Novy."
    source, _ = s.do_create_source(None, data=text.encode(), filename="n.txt", text=text, date=date(2025, 12, 14))
    claim = s.do_record_claim(
        None,
        source,
        kind="person",
        value={"name": "Ryhor Novy", "name_latin": "Ryhor Novy", "names": [], "candidate": None},
        quote="Ryhor Novy",
        proposer="extractor:test",
    )
    apis = Api(token_for(anna)), Api(token_for(boris))

    def reviewer(i: int) -> Any:
        def read() -> int:
            answer = apis[i].get(f"claims/{claim.pk}")
            assert answer.status_code == 200, answer.data
            return int(answer.data["version"])

        return (read, lambda version: apis[i].post(f"claims/{claim.pk}/accept", {"version": version}))

    won, lost = _answers(collide(reviewer(0), reviewer(1)))
    assert won.data["state"] == "accepted"
    assert "accepted already" in lost.data["detail"] or "reload" in lost.data["detail"], lost.data
    stored = Claim.objects.get(pk=claim.pk)
    assert stored.state == ClaimState.ACCEPTED and stored.version == 2
    assert stored.reviewer is not None and stored.reviewer.username == won.data["reviewer"]
    assert Person.objects.filter(display_name="Ryhor Novy").count() == 1
    assert NameVariant.objects.filter(text="Ryhor Novy").count() == 1
    assert ReviewAction.objects.filter(claim_id=claim.pk).count() == 1
    assert AuditEntry.objects.filter(action="claim.accept", object_id=str(claim.pk)).count() == 1
