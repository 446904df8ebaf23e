"""What the review decisions share: who may decide, the claim's lock and version, the
persons and levels an accept works within."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import Model, QuerySet

from letapis import access
from letapis.accounts.actor import Actor
from letapis.audit.log import snapshot
from letapis.registry import services as registry
from letapis.registry.models import (
    Claim,
    ClaimKind,
    Event,
    Person,
)
from letapis.registry.services import Conflict, ServiceError
from letapis.registry.status import DIED, HELD, RELEASED
from letapis.vocab.codes import EventType

#: The order in which claims of one source are accepted together: persons first, so that the
#: claims about them find them; events before statuses, so that a release joins its collective one.
ACCEPT_ORDER = ("person", "event", "occupation", "membership", "honour", "status", "criminal_case")

#: The claim fields a decision changes, kept in ``ReviewAction.before`` for undo.
_REVIEW_FIELDS = ("state", "reviewer_id", "reviewed_at", "person_id", "event_id", "record_type", "record_id", "value")

#: The order in which records created by one accept are removed on undo (dependents first).
DELETE_ORDER = (
    "registry.criminalcase",
    "registry.involvement",
    "registry.event",
    "registry.occupation",
    "registry.membership",
    "registry.honour",
    "registry.namevariant",
    "registry.person",
    "registry.organisation",
)


#: The models whose rows are derived from the records an accept created and go with them
#: (name keys, status spans, a person's term as each tier sees it, the review's own log): no
#: reason to refuse an undo.
DERIVED = frozenset({"registry.namekey", "registry.statusspan", "following.followup", "review.reviewaction"})


def model_of(label: str) -> type[Model]:
    """The registry model of a label of :data:`DELETE_ORDER` (``registry.person``…)."""
    return apps.get_model(label)


#: The event each status is brought about by, when the registry does not already give it.
STATUS_EVENT: dict[str, str] = {
    RELEASED: EventType.RELEASE,
    HELD: EventType.DETENTION,
    DIED: EventType.DEATH_IN_CUSTODY,
}


#: How a reviewer settles a conflict between a claim and the registry (:class:`FactConflict`):
#: the registry's fact stays and the claim is rejected; the claim's fact replaces it; both stay.
KEEP_EXISTING, TAKE_NEW, KEEP_BOTH = "keep_existing", "take_new", "keep_both"
CHOICES = (KEEP_EXISTING, TAKE_NEW, KEEP_BOTH)


class FactConflict(ServiceError):
    """The claim states what the registry contradicts (released and held on the same day): not
    merged silently; the reviewer chooses (:func:`letapis.review.services.do_settle_conflict`)."""

    def __init__(self, message: str, claim: Claim, event: Event) -> None:
        super().__init__(message)
        self.claim = claim
        self.event = event


class Created:
    """The records one accept created, in order; ``settled`` says that the reviewer chose to keep
    both facts of a conflict (the claim's then comes after the registry's on that day)."""

    def __init__(self, settled: bool = False) -> None:
        self.items: list[list[Any]] = []
        self.settled = settled
        self.changed: list[list[Any]] = []  # [label, id, field, before, after] (ReviewAction.changed)

    def add(self, obj: Model) -> None:
        self.items.append([obj._meta.label_lower, obj.pk])


def check_reviewer(actor: Actor) -> None:
    if actor is not None and getattr(actor, "pk", None) is not None and not actor.has_role("editor"):
        raise ServiceError(f"{actor.get_username()} may not review claims: an editor's role is needed")


#: The key of the PostgreSQL advisory lock that makes accepts take turns (any fixed number).
ACCEPT_LOCK_KEY = 0x4C45_5441  # "LETA"


def take_turns() -> None:
    """Let one accept at a time find-or-create registry records (PostgreSQL; SQLite lets one
    writer at a time anyway). Two reviewers accepting two claims about the same new person (or
    the same event) at the same moment would otherwise both find nothing and both create it.
    Taken before the claim's row lock, and held to the end of the transaction."""
    connection = transaction.get_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ACCEPT_LOCK_KEY])


def lock_claim(claim: Claim, expected_version: int | None) -> Claim:
    """The claim, locked for this transaction, after checking the caller's version."""
    current = Claim.objects.select_for_update().select_related("source").get(pk=claim.pk)
    if expected_version is not None and expected_version != current.version:
        raise Conflict(
            f"claim {claim.pk} was changed by someone else (version {current.version}, you reviewed "
            f"version {expected_version}): reload and decide again"
        )
    return current


def decided_already(claim: Claim) -> Conflict:
    """The answer to a second decision on a claim: who decided it, and when."""
    by = "" if claim.reviewer is None else f" by {claim.reviewer.get_username()}"
    when = "" if claim.reviewed_at is None else f" at {claim.reviewed_at:%Y-%m-%d %H:%M:%S} UTC"
    return Conflict(f"claim {claim.pk} is {claim.state} already{by}{when}: reload it; undo that first to decide again")


def edited_value(claim: Claim, edits: dict[str, Any]) -> dict[str, Any]:
    """``claim``'s value with ``edits`` (keys and their new JSON values) applied; the links the
    ingest keeps (the person claim, the extractor's candidate) are not the reviewer's to edit,
    except on a person claim."""
    unknown = {"person_claim", "candidate"} & set(edits) if claim.kind != ClaimKind.PERSON else set()
    if unknown:
        raise ServiceError(f"cannot edit {', '.join(sorted(unknown))} of a claim")
    registry.checked_data(edits, "an edited claim")
    return {**claim.value, **edits}


def review_state(claim: Claim) -> dict[str, Any]:
    fields = snapshot(claim)
    return {name: fields[name] for name in _REVIEW_FIELDS}


def actor_or_none(actor: Actor) -> Actor:
    return actor if actor is not None and getattr(actor, "pk", None) is not None else None


def levels_of(actor: Actor) -> tuple[str, ...]:
    """The levels an accept by ``actor`` reads and matches within (the system: every level)."""
    return access.EVERYTHING if actor is None else access.levels_for(actor)


def persons_in_sight(actor: Actor) -> QuerySet[Person]:
    """The persons an accept by ``actor`` may match, link or write to."""
    if actor is None:
        return Person.objects.filter(merged_into__isnull=True)
    return access.visible_persons(actor)


def _not_found(person_id: object) -> ServiceError:
    """The answer for a person the actor may not see: the same as for no such person, so it
    does not confirm that one exists."""
    return ServiceError(f"no person {person_id}")


def in_sight(actor: Actor, person: Person) -> Person:
    """``person``, when ``actor`` may see it; else refused as if it did not exist."""
    if not persons_in_sight(actor).filter(pk=person.pk).exists():
        raise _not_found(person.pk)
    return person


def fact_level(claim: Claim) -> str:
    """The level of a fact accepted from ``claim``: the strictest of the claim's and its source's."""
    return access.strictest(claim.confidentiality, claim.source.confidentiality)
