"""Settling a conflict between a claim and the registry: a claim that says held where the
registry says released on the same day is not merged silently (:class:`FactConflict`); the
reviewer keeps the registry's fact, takes the claim's, or keeps both."""

from __future__ import annotations

from django.db import transaction

from letapis import access
from letapis.accounts.actor import Actor
from letapis.audit.log import record
from letapis.registry.models import Claim, ClaimState, Event, Person
from letapis.registry.services import ServiceError
from letapis.review.services.accept import do_accept_claim
from letapis.review.services.common import CHOICES, KEEP_BOTH, KEEP_EXISTING, FactConflict, check_reviewer
from letapis.review.services.undo import do_reject_claim, do_undo_review


@transaction.atomic
def do_settle_conflict(
    actor: Actor,
    claim: Claim,
    choice: str,
    *,
    person: Person | None = None,
    expected_version: int | None = None,
) -> Claim:
    """Decide on ``claim`` that the registry contradicts, as the reviewer chose:

    - ``keep_existing``: the claim is rejected, its reason naming the registry's event;
    - ``take_new``: the accepted claims behind the registry's event are undone (each as
      :func:`do_undo_review`, which removes the event they created), then the claim is accepted;
      refused when the event does not rest on claims alone or on one the reviewer may not see;
    - ``keep_both``: the claim is accepted, its event after the registry's on that day.

    A claim that no longer conflicts is simply accepted. One transaction, in the audit log
    (``claim.settle``, beside each decision's own entries)."""
    if choice not in CHOICES:
        raise ServiceError(f"{choice!r} is not a choice: use {', '.join(CHOICES)}")
    check_reviewer(actor)
    try:
        with transaction.atomic():
            return do_accept_claim(actor, claim, person=person, expected_version=expected_version)
    except FactConflict as exc:
        existing = exc.event
    said = f"event {existing.pk} ({existing.type.replace('_', ' ')} {existing.date})"
    if choice == KEEP_EXISTING:
        reason = f"contradicts {said}: the registry's is kept"
        done = do_reject_claim(actor, claim, reason, expected_version=expected_version)
    elif choice == KEEP_BOTH:
        done = do_accept_claim(actor, claim, person=person, expected_version=expected_version, keep_both=True)
    else:
        _undo_behind(actor, existing, said)
        done = do_accept_claim(actor, claim, person=person, expected_version=expected_version)
    record(actor, "claim.settle", done, after={"choice": choice, "event": existing.pk, "state": done.state})
    return done


def _undo_behind(actor: Actor, event: Event, said: str) -> None:
    """Undo the accepted claims behind ``event`` (the newest first), so that the event they
    created goes with them."""
    behind = Claim.objects.filter(event=event, state=ClaimState.ACCEPTED).order_by("-id")
    seen = access.visible_claims(actor, behind) if actor is not None else behind
    if seen.count() != behind.count():
        raise ServiceError(f"{said} rests on claims you may not see: keep the registry's or keep both")
    for other in list(behind):
        do_undo_review(actor, other)
    if Event.objects.filter(pk=event.pk).exists():
        raise ServiceError(
            f"{said} was not entered from claims alone: correct it on its page, or keep the registry's or both"
        )
