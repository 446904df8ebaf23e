"""A source's claims by person, as the review queue shows them and the decisions follow them.

Each person claim leads its group: the claims about that person come under it — its status,
occupations, memberships, honours, the events that name that person alone (without a count),
its criminal case — in that order. Events naming several persons (or none, or a count) are
collective: they stand apart, before the persons. A claim under a person *depends* on that person
claim: it can be decided only once the person claim is accepted (or with a person given), it
is rejected with it, and accepted with it by "accept with its claims".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from letapis import access
from letapis import claims as values
from letapis.accounts.actor import Actor
from letapis.registry.models import Claim, ClaimKind, ClaimState
from letapis.registry.services import ServiceError

#: The order of a person's claims under their person claim.
PERSON_ORDER = ("person", "status", "occupation", "membership", "honour", "event", "criminal_case")


_KIND_RANK = {kind: i for i, kind in enumerate(PERSON_ORDER)}


def _rank(claim: Claim) -> tuple[int, int, int]:
    start = claim.span_start if claim.span_start is not None else 0
    return (_KIND_RANK.get(claim.kind, len(_KIND_RANK)), start, claim.pk)


def _place(claim: Claim) -> tuple[int, int]:
    return (claim.span_start if claim.span_start is not None else 0, claim.pk)


@dataclass(frozen=True)
class ClaimGroup:
    """The claims of one person (``person``: the person claim) in :data:`PERSON_ORDER`, or
    (``person`` ``None``) the collective events and the claims about no one."""

    person: Claim | None
    claims: tuple[Claim, ...]

    @property
    def name(self) -> str:
        return "" if self.person is None else person_name(self.person)


def person_name(person: Claim) -> str:
    """The name a person claim gives (as written), else ``claim N``."""
    forms = values.claim_value(person, values.PersonValue).forms()
    return forms[0] if forms else f"claim {person.pk}"


class SourceClaims:
    """Some claims of one source (those a reviewer may see), with what each depends on."""

    def __init__(self, claims: Iterable[Claim]) -> None:
        self.claims = list(claims)
        self.by_pk = {c.pk: c for c in self.claims}
        self._forms: dict[str, int] = {}
        for c in sorted((c for c in self.claims if c.kind == ClaimKind.PERSON), key=_place):
            for form in values.claim_value(c, values.PersonValue).forms():
                self._forms.setdefault(form.casefold(), c.pk)
        self._owner = {c.pk: self._owner_of(c) for c in self.claims}

    @classmethod
    def of_source(cls, actor: Actor, source_id: int) -> SourceClaims:
        """The claims of a source that ``actor`` may see (the system: all)."""
        return cls(claims_in_sight(actor).filter(source_id=source_id).select_related("source"))

    def _owner_of(self, claim: Claim) -> int | None:
        if claim.kind == ClaimKind.PERSON:
            return None
        raw = claim.value.get("person_claim") if isinstance(claim.value, dict) else None
        if isinstance(raw, int) and not isinstance(raw, bool):
            found = self.by_pk.get(raw)
            return raw if found is not None and found.kind == ClaimKind.PERSON else None
        if claim.kind == ClaimKind.EVENT:
            event = values.claim_value(claim, values.EventValue)
            owners = {self._forms.get(values.clean_name(name).casefold()) for name in event.persons}
            if event.count is None and len(owners) == 1 and None not in owners:
                return owners.pop()
        return None

    def person_claim_of(self, claim: Claim) -> Claim | None:
        """The person claim ``claim`` comes under (and depends on), when it is among these."""
        owner = self._owner.get(claim.pk)
        return None if owner is None else self.by_pk[owner]

    def dependants(self, person: Claim) -> list[Claim]:
        """The claims under the person claim ``person``, in :data:`PERSON_ORDER`."""
        return sorted((c for c in self.claims if self._owner.get(c.pk) == person.pk), key=_rank)

    def waiting_for(self, claim: Claim) -> Claim | None:
        """The person claim that keeps the proposed ``claim`` from being decided: one not
        accepted (proposed or rejected), when ``claim`` is linked to no person yet."""
        owner = self.person_claim_of(claim)
        if claim.state != ClaimState.PROPOSED or owner is None or claim.person_id is not None:
            return None
        return None if owner.state == ClaimState.ACCEPTED else owner

    def decidable(self, claim: Claim) -> bool:
        return claim.state == ClaimState.PROPOSED and self.waiting_for(claim) is None

    def groups(self) -> list[ClaimGroup]:
        """The collective events and the claims about no one first, then each person claim with
        its claims, in the order of the text. A collective release decided first is the one a
        person's "released" status then joins (as their own release within it)."""
        groups = [
            ClaimGroup(p, (p, *self.dependants(p)))
            for p in sorted((c for c in self.claims if c.kind == ClaimKind.PERSON), key=_place)
        ]
        rest = [c for c in self.claims if c.kind != ClaimKind.PERSON and self._owner[c.pk] is None]
        return ([ClaimGroup(None, tuple(sorted(rest, key=_place)))] if rest else []) + groups

    def ordered(self) -> list[Claim]:
        return [c for group in self.groups() for c in group.claims]

    def next_decidable(self, after: Claim) -> Claim | None:
        """The decidable claim that follows ``after`` in the queue's order (else the first one
        before it), ``after`` itself excluded."""
        order = self.ordered()
        here = next((i for i, c in enumerate(order) if c.pk == after.pk), -1)
        for c in order[here + 1 :] + order[: max(here, 0)]:
            if c.pk != after.pk and self.decidable(c):
                return c
        return None


def claims_in_sight(actor: Actor) -> QuerySet[Claim]:
    """The claims a decision by ``actor`` may reach: those they may see (the system: all)."""
    if actor is None or getattr(actor, "pk", None) is None:
        return Claim.objects.all()
    return access.visible_claims(actor)


def check_decidable(actor: Actor, claim: Claim) -> None:
    """Refuse to accept ``claim`` while the person claim it comes under is not accepted (a
    status, an occupation, an event of that person alone…): it is decided after its person, or
    with a person given."""
    if claim.kind == ClaimKind.PERSON or claim.person_id is not None:
        return
    persons = claims_in_sight(actor).filter(source_id=claim.source_id, kind=ClaimKind.PERSON)
    sight = SourceClaims([claim, *persons.exclude(pk=claim.pk)])
    owner = sight.waiting_for(claim)
    if owner is None:
        return
    name = person_name(owner)
    if owner.state == ClaimState.REJECTED:
        raise ServiceError(
            f"claim {claim.pk} is about {name}, whose person claim {owner.pk} is rejected: "
            "give the person, or undo that rejection"
        )
    raise ServiceError(
        f"claim {claim.pk} is about {name}, whose person claim {owner.pk} is not accepted yet: "
        "accept it first, or give the person"
    )
