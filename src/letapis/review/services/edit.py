"""Editing a proposed claim's value without deciding on it: a reviewer corrects or completes
what the extractor read (adds a detention's date, picks the event type) and decides later."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from letapis.accounts.actor import Actor
from letapis.audit.log import record
from letapis.registry.models import Claim, ClaimState
from letapis.registry.services import ServiceError
from letapis.review.services.common import check_reviewer, decided_already, edited_value, lock_claim


@transaction.atomic
def do_edit_claim(actor: Actor, claim: Claim, edits: dict[str, Any], *, expected_version: int | None = None) -> Claim:
    """Apply ``edits`` (keys of the value and their new JSON values; ``None`` clears one) to a
    proposed claim, raising its version, with the value before and after in the audit log. A
    stale ``expected_version`` raises :class:`~letapis.registry.services.Conflict`; a decided
    claim is not edited (undo the decision first)."""
    check_reviewer(actor)
    claim = lock_claim(claim, expected_version)
    if claim.state != ClaimState.PROPOSED:
        raise decided_already(claim)
    if len(edits) == 0:
        raise ServiceError(f"claim {claim.pk}: nothing to change")
    before = {"value": claim.value, "version": claim.version}
    claim.value = edited_value(claim, edits)
    claim.version += 1
    claim.save(update_fields=["value", "version"])
    record(actor, "claim.edit", claim, before=before, after={"value": claim.value, "version": claim.version})
    return claim
