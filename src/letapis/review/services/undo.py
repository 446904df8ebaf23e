"""Rejecting a claim, and undoing a decision: what an accept created is removed, the claim is
proposed again."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import router, transaction
from django.db.models import Model, ProtectedError, Q
from django.db.models.deletion import Collector
from django.utils import timezone

from letapis.accounts.actor import Actor
from letapis.audit.log import record, snapshot
from letapis.registry import services as registry
from letapis.registry.models import (
    Claim,
    ClaimKind,
    ClaimState,
    Event,
)
from letapis.registry.services import ServiceError
from letapis.review.models import ReviewAction, ReviewDecision
from letapis.review.services.common import (
    DELETE_ORDER,
    DERIVED,
    actor_or_none,
    check_reviewer,
    decided_already,
    lock_claim,
    model_of,
    review_state,
)
from letapis.review.services.queue import SourceClaims


@transaction.atomic
def do_reject_claim(actor: Actor, claim: Claim, reason: str = "", *, expected_version: int | None = None) -> Claim:
    """Reject a proposed claim (with the reviewer's reason); nothing in the registry changes.
    A person claim is rejected with its proposed claims (its status, occupations… — see
    :mod:`letapis.review.services.queue`), in one group that one undo restores."""
    check_reviewer(actor)
    claim = lock_claim(claim, expected_version)
    if claim.state != ClaimState.PROPOSED:
        raise decided_already(claim)
    action = _reject(actor, claim, reason)
    if claim.kind == ClaimKind.PERSON:
        for dependant in SourceClaims.of_source(actor, claim.source_id).dependants(claim):
            locked = lock_claim(dependant, None)
            if locked.state == ClaimState.PROPOSED:
                _reject(actor, locked, reason, group=action)
    return claim


def _reject(actor: Actor, claim: Claim, reason: str, *, group: ReviewAction | None = None) -> ReviewAction:
    before = review_state(claim)
    claim.state = ClaimState.REJECTED
    claim.reviewer = actor_or_none(actor)
    claim.reviewed_at = timezone.now()
    claim.version += 1
    claim.save(update_fields=["state", "reviewer", "reviewed_at", "version"])
    action = ReviewAction.objects.create(
        claim=claim,
        decision=ReviewDecision.REJECT,
        actor=actor_or_none(actor),
        reason=reason.strip(),
        before=before,
        group=group,
    )
    after = {**review_state(claim), "reason": reason.strip()}
    if group is not None:
        after["with_claim"] = group.claim_id
    record(actor, "claim.reject", claim, before=before, after=after)
    return action


def _dependants(claim: Claim, created: list[list[Any]]) -> list[str]:
    """Why the records ``created`` cannot be removed: other claims or records rest on them."""
    if len(created) == 0:
        return []
    ours = {(label, pk) for label, pk in created}
    problems: list[str] = []
    persons = [pk for label, pk in created if label == "registry.person"]
    events = [pk for label, pk in created if label == "registry.event"]
    others = Claim.objects.exclude(pk=claim.pk).filter(state=ClaimState.ACCEPTED)
    leaning = others.filter(
        Q(person_id__in=persons)
        | Q(event_id__in=events)
        | Q(*[Q(record_type=label, record_id=pk) for label, pk in created], _connector=Q.OR)
    )
    for other in leaning.order_by("id")[:5]:
        problems.append(f"claim {other.pk} rests on it (undo that first)")
    if problems:
        return problems
    for label, pk in created:
        obj = model_of(label)._default_manager.filter(pk=pk).first()
        if obj is None:
            continue
        collector = Collector(using=router.db_for_write(type(obj)))
        try:
            collector.collect([obj])
        except ProtectedError as exc:
            foreign = [o for o in exc.protected_objects if (o._meta.label_lower, o.pk) not in ours]
            if foreign:
                return [f"{foreign[0]._meta.verbose_name} {foreign[0].pk} refers to it"]
            continue
        doomed: list[Model] = [i for instances in collector.data.values() for i in instances]
        doomed += [i for qs in collector.fast_deletes for i in qs]  # cascades Django deletes in bulk
        for instance in doomed:
            key = (instance._meta.label_lower, instance.pk)
            if key not in ours and key[0] not in DERIVED and key != (label, pk):
                problems.append(f"{instance._meta.verbose_name} {instance.pk} was added to it since")
    return problems[:5]


@transaction.atomic
def do_undo_review(actor: Actor, claim: Claim, *, expected_version: int | None = None) -> Claim:
    """Undo the last decision on ``claim``: remove the records its accept created (refused when
    something added since rests on them) and make it ``proposed`` again, as it was. The
    decisions taken with it (a person's claims, rejected or accepted with the person) and, for
    a person claim, the accepts of its claims since are undone with it, the latest first."""
    check_reviewer(actor)
    claim = lock_claim(claim, expected_version)
    action = (
        ReviewAction.objects.select_for_update().filter(claim=claim, undone_at__isnull=True).order_by("-id").first()
    )
    if claim.state == ClaimState.PROPOSED or action is None:
        raise ServiceError(f"claim {claim.pk} has no decision to undo")
    for member in sorted(_taken_with(actor, claim, action), key=lambda a: -a.pk):
        _undo(actor, lock_claim(member.claim, None), member)
    return _undo(actor, claim, action)


def _taken_with(actor: Actor, claim: Claim, action: ReviewAction) -> list[ReviewAction]:
    """The decisions undone with ``action``: those taken with it (a person's claims rejected or
    accepted with it), and, for an accepted person claim, the accepts of its claims about that
    person since (each rests on the person's decision)."""
    undone = ReviewAction.objects.select_for_update().filter(undone_at__isnull=True).select_related("claim")
    members = list(undone.filter(group=action))
    if claim.kind != ClaimKind.PERSON or claim.state != ClaimState.ACCEPTED or claim.person_id is None:
        return members
    taken = {m.claim_id for m in members}
    about = [
        c.pk
        for c in SourceClaims.of_source(actor, claim.source_id).dependants(claim)
        if c.state == ClaimState.ACCEPTED and c.person_id == claim.person_id and c.pk not in taken
    ]
    return members + list(undone.filter(claim_id__in=about, decision=ReviewDecision.ACCEPT))


def _changed_since(changed: list[list[Any]]) -> list[str]:
    """Why the fields a decision changed cannot be restored: changed again since, or gone."""
    problems = []
    for label, pk, field, _old, new in changed:
        obj = model_of(label)._default_manager.filter(pk=pk).first()
        if obj is None or getattr(obj, field) != new:
            problems.append(f"the {field} of {label.split('.')[1]} {pk} was changed since")
    return problems


def _undo(actor: Actor, claim: Claim, action: ReviewAction) -> Claim:
    before_undo = review_state(claim)
    problems = _dependants(claim, action.created) + _changed_since(action.changed)
    if problems:
        raise ServiceError(f"cannot undo claim {claim.pk}: " + "; ".join(problems))
    for _label, pk, field, old, _new in reversed(action.changed):  # events' dates made more precise, as they were
        registry.do_update_event(actor, Event.objects.get(pk=pk), **{field: old})
    order = {label: i for i, label in enumerate(DELETE_ORDER)}
    items = sorted(enumerate(action.created), key=lambda item: (order.get(item[1][0], 99), -item[0]))
    for _, (label, pk) in items:
        obj = model_of(label)._default_manager.filter(pk=pk).first()
        if obj is None:
            continue
        record(actor, f"{label.split('.')[1]}.delete", obj, before=snapshot(obj))
        obj.delete()
    previous = action.before
    Claim.objects.filter(pk=claim.pk).update(
        state=previous["state"],
        reviewer_id=previous["reviewer_id"],
        reviewed_at=None if previous["reviewed_at"] is None else datetime.fromisoformat(previous["reviewed_at"]),
        person_id=previous["person_id"],
        event_id=previous["event_id"],
        record_type=previous["record_type"],
        record_id=previous["record_id"],
        value=previous["value"],
        version=claim.version + 1,
    )
    action.undone_at = timezone.now()
    action.save(update_fields=["undone_at"])
    claim.refresh_from_db()
    after = {**review_state(claim), "removed": action.created, "decision": action.decision}
    if action.group_id is not None:
        after["with_claim"] = action.group.claim_id if action.group is not None else None
    record(actor, "claim.undo", claim, before=before_undo, after=after)
    return claim
