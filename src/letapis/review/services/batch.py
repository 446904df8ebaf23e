"""Decisions on several claims: a person claim with its claims, and every claim of a source.

Each says what it left and why: a claim about a person whose claim is rejected (or was not
accepted), one the service refused (with the service's reason), one changed meanwhile.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import transaction

from letapis.accounts.actor import Actor
from letapis.registry.models import Claim, ClaimKind, ClaimState, Person
from letapis.registry.services import ServiceError
from letapis.review.models import ReviewAction
from letapis.review.services.accept import do_accept_claim, in_accept_order
from letapis.review.services.queue import SourceClaims, claims_in_sight, person_name

#: Why a claim was left proposed: its person claim is rejected; its person claim was left (not
#: accepted in the same run); its person claim is not decided (and was not among those to accept);
#: the service refused it (``why`` says why); someone changed it since it was shown.
PERSON_REJECTED, PERSON_LEFT, PERSON_UNDECIDED, REFUSED, CHANGED = (
    "person_rejected",
    "person_left",
    "person_undecided",
    "refused",
    "changed",
)


@dataclass(frozen=True)
class Left:
    """A claim left proposed: ``because`` one of the reasons above, ``why`` in a sentence (the
    service's own for a refused one), ``person`` the person claim it waits for."""

    claim: Claim
    because: str
    why: str
    person: Claim | None = None


@dataclass
class Decided:
    """What a decision on several claims did: the claims accepted, those left."""

    accepted: list[Claim] = field(default_factory=list)
    left: list[Left] = field(default_factory=list)
    failed: int = 0  # decisions refused as a whole (counted by the caller)


def _accept_one(actor: Actor, claim: Claim, version: int | None, done: Decided) -> Claim | None:
    """Accept ``claim`` in its own savepoint; on a refusal, note it as left."""
    try:
        with transaction.atomic():
            accepted = do_accept_claim(actor, claim, expected_version=version)
    except ServiceError as exc:
        current = Claim.objects.filter(pk=claim.pk).values_list("version", flat=True).first()
        changed = version is not None and current != version
        done.left.append(Left(claim, CHANGED if changed else REFUSED, str(exc)))
        return None
    done.accepted.append(accepted)
    return accepted


@transaction.atomic
def do_accept_with_claims(
    actor: Actor, claim: Claim, *, person: Person | None = None, expected_version: int | None = None
) -> Decided:
    """Accept a person claim (as :func:`do_accept_claim`), then each of its proposed claims
    (status, occupations… of :mod:`letapis.review.services.queue`), as one group: undoing the
    person's decision undoes theirs. A claim the service refuses (an occupation not in the
    vocabulary…) is left proposed, with the reason; the others are accepted."""
    if claim.kind != ClaimKind.PERSON:
        raise ServiceError(f"claim {claim.pk} is not a person claim: accept it alone")
    lead = do_accept_claim(actor, claim, person=person, expected_version=expected_version)
    action = ReviewAction.objects.filter(claim=lead, undone_at__isnull=True).latest("id")
    done = Decided(accepted=[lead])
    for dependant in SourceClaims.of_source(actor, lead.source_id).dependants(lead):
        if dependant.state != ClaimState.PROPOSED:
            continue
        accepted = _accept_one(actor, dependant, None, done)
        if accepted is not None:
            ReviewAction.objects.filter(claim=accepted, undone_at__isnull=True).update(group=action)
    return done


def accept_all(actor: Actor, source_id: int, seen: Mapping[int, int] | None = None) -> Decided:
    """Accept the proposed claims of a source — those ``seen`` (claim id → the version the
    reviewer saw), else all — persons first, each in its own transaction. A claim about a person
    whose claim is rejected, or was not accepted, is left, and so is one changed since it was
    seen; :class:`Decided` says which and why."""
    sight = SourceClaims.of_source(actor, source_id)
    if seen is None:
        wanted = [c for c in sight.claims if c.state == ClaimState.PROPOSED]
    else:
        wanted = [c for c in sight.claims if c.pk in seen]
    done = Decided()
    accepted: set[int] = set()
    left: set[int] = set()
    for claim in in_accept_order(wanted):
        owner = sight.person_claim_of(claim)
        waiting = owner is not None and owner.state != ClaimState.ACCEPTED and owner.pk not in accepted
        if owner is not None and waiting and claim.state == ClaimState.PROPOSED:
            name = person_name(owner)
            if owner.state == ClaimState.REJECTED:
                because, why = PERSON_REJECTED, f"it is about {name}, whose person claim {owner.pk} is rejected"
            elif owner.pk in left:
                because, why = PERSON_LEFT, f"it is about {name}, whose person claim {owner.pk} was not accepted"
            else:
                because, why = PERSON_UNDECIDED, f"it is about {name}, whose person claim {owner.pk} is not decided"
            done.left.append(Left(claim, because, why, owner))
            left.add(claim.pk)
            continue
        version = None if seen is None else seen[claim.pk]
        if _accept_one(actor, claim, version, done) is None:
            left.add(claim.pk)
        else:
            accepted.add(claim.pk)
    return done


def accept_all_of_source(actor: Actor, source_id: int) -> list[tuple[Claim, str | None]]:
    """Accept every proposed claim of a source (:func:`accept_all`); each claim with ``None``
    or the reason it was not accepted."""
    done = accept_all(actor, source_id)
    return [(c, None) for c in done.accepted] + [(left.claim, left.why) for left in done.left]


__all__ = [
    "CHANGED",
    "PERSON_LEFT",
    "PERSON_REJECTED",
    "PERSON_UNDECIDED",
    "REFUSED",
    "Decided",
    "Left",
    "accept_all",
    "accept_all_of_source",
    "claims_in_sight",
    "do_accept_with_claims",
]
