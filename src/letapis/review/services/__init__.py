"""Review decisions: accept (or edit, then accept), reject, undo; and editing a proposed claim's
value before deciding (:func:`do_edit_claim`).

Accepting a claim writes the registry through its services and points the claim at the record it
supports. Every accept is idempotent with respect to the registry: a fact the registry already
has is found, not added again (a person matched by name, an occupation, a membership, an event
of the same type and date, a status the registry already gives on that day), and the claim
simply becomes one more source of it. What an accept *created* is kept in a
:class:`~letapis.review.models.ReviewAction`, so that :func:`do_undo_review` removes exactly
that, restores the claim to ``proposed`` and writes the audit log.

How each kind of claim is accepted:

``person``      the person given by the reviewer, else the extractor's candidate, else the best
                registry match by name (:func:`~letapis.registry.lookup.find_persons`), else a
                new person with the name as written, its Łacinka form and the other forms. The
                names as written are added to an existing person when new.
``occupation``, ``membership``, ``honour``
                the registry row for the claim's person (accepted first: its person claim, or
                the person the reviewer gives).
``status``      nothing when the registry already gives that status on the claim's day
                (the source's date); else the event that brings it about: a release (as a
                child of the collective release of the same document or day, like the demo's),
                a detention "[..day]", a death in custody "[..day]".
``event``       the event of the same type and date already in the registry, else a new one;
                the persons it names (accepted person claims of the same source) take part:
                in a collective event each gets an individual child event, else an involvement.

A source's claims are reviewed by person (:mod:`letapis.review.services.queue`): a person
claim's status, occupations, memberships, honours and own events wait for it, are rejected with
it, and can be accepted with it (:func:`do_accept_with_claims`) as a group that one undo undoes.
"""

from __future__ import annotations

from letapis.registry.services import Conflict, ServiceError
from letapis.review.services.accept import do_accept_claim, in_accept_order
from letapis.review.services.batch import (
    CHANGED,
    PERSON_LEFT,
    PERSON_REJECTED,
    PERSON_UNDECIDED,
    REFUSED,
    Decided,
    Left,
    accept_all,
    accept_all_of_source,
    do_accept_with_claims,
)
from letapis.review.services.common import ACCEPT_ORDER, CHOICES, KEEP_BOTH, KEEP_EXISTING, TAKE_NEW, FactConflict
from letapis.review.services.edit import do_edit_claim
from letapis.review.services.queue import ClaimGroup, SourceClaims, person_name
from letapis.review.services.settle import do_settle_conflict
from letapis.review.services.undo import do_reject_claim, do_undo_review

__all__ = [
    "ACCEPT_ORDER",
    "CHANGED",
    "CHOICES",
    "KEEP_BOTH",
    "KEEP_EXISTING",
    "PERSON_LEFT",
    "PERSON_REJECTED",
    "PERSON_UNDECIDED",
    "REFUSED",
    "TAKE_NEW",
    "ClaimGroup",
    "Conflict",
    "Decided",
    "FactConflict",
    "Left",
    "ServiceError",
    "SourceClaims",
    "accept_all",
    "accept_all_of_source",
    "do_accept_claim",
    "do_accept_with_claims",
    "do_edit_claim",
    "do_reject_claim",
    "do_settle_conflict",
    "do_undo_review",
    "in_accept_order",
    "person_name",
]
