"""Editing a proposed claim's value without deciding: one service, atomic, in the audit log."""

from __future__ import annotations

from typing import Any

import pytest

from letapis.audit.models import AuditEntry
from letapis.registry.models import Claim, ClaimState
from letapis.registry.services import Conflict, ServiceError, do_create_source, do_record_claim
from letapis.review.services import do_accept_claim, do_edit_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim(db: Any) -> Claim:
    source, _ = do_create_source(None, data=b"Detained in Minsk.", filename="e.txt", text="Detained in Minsk.")
    return do_record_claim(None, source, kind="event", value={"type": "detention"}, quote="Detained")


def test_it_changes_the_value_raises_the_version_and_writes_the_audit_log(claim: Claim, editor: Any) -> None:
    done = do_edit_claim(editor, claim, {"date": "2021-07-14", "place": "Minsk"}, expected_version=claim.version)
    assert done.value == {"type": "detention", "date": "2021-07-14", "place": "Minsk"}
    assert done.version == claim.version + 1 and done.state == ClaimState.PROPOSED
    entry = AuditEntry.objects.get(action="claim.edit", object_id=str(claim.pk))
    assert entry.before == {"value": {"type": "detention"}, "version": 1}
    assert entry.after["value"]["date"] == "2021-07-14"


def test_it_clears_a_field_with_none(claim: Claim, editor: Any) -> None:
    do_edit_claim(editor, claim, {"date": "2021"})
    assert do_edit_claim(editor, claim, {"date": None}).value == {"type": "detention", "date": None}


def test_a_stale_version_is_a_conflict_and_changes_nothing(claim: Claim, editor: Any) -> None:
    do_edit_claim(editor, claim, {"date": "2021"})
    with pytest.raises(Conflict):
        do_edit_claim(editor, claim, {"date": "2022"}, expected_version=1)
    assert Claim.objects.get(pk=claim.pk).value["date"] == "2021"


def test_a_decided_claim_is_not_edited(claim: Claim, editor: Any) -> None:
    do_accept_claim(editor, claim)
    with pytest.raises(Conflict):
        do_edit_claim(editor, claim, {"date": "2021"})
    assert AuditEntry.objects.filter(action="claim.edit").count() == 0


def test_the_links_of_the_ingest_are_not_edited(claim: Claim, editor: Any) -> None:
    with pytest.raises(ServiceError, match="cannot edit person_claim"):
        do_edit_claim(editor, claim, {"person_claim": 3})


def test_a_viewer_may_not_edit(claim: Claim, viewer: Any) -> None:
    with pytest.raises(ServiceError, match="an editor's role is needed"):
        do_edit_claim(viewer, claim, {"date": "2021"})
