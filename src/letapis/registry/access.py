"""Who may see what.

Three levels on every record: ``public``, ``internal`` (the team) and ``confidential`` (users
granted it: ``sees_confidential``, for admins and superusers too — the superuser flag opens the
Django admin's permissions, never a level). Anonymous callers and public outputs see only public records of persons marked
``publishable``. Every query that leaves the server goes through these helpers.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from letapis.registry.models import Confidentiality, Event, Involvement, Person

PUBLIC_ONLY = (Confidentiality.PUBLIC,)
TEAM = (Confidentiality.PUBLIC, Confidentiality.INTERNAL)
EVERYTHING = (Confidentiality.PUBLIC, Confidentiality.INTERNAL, Confidentiality.CONFIDENTIAL)


def levels_for(user: Any) -> tuple[str, ...]:
    """The confidentiality levels ``user`` may read (``None`` or anonymous: public only)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return PUBLIC_ONLY
    if getattr(user, "sees_confidential", False):
        return EVERYTHING
    return TEAM


def is_public_only(user: Any) -> bool:
    return levels_for(user) == PUBLIC_ONLY


def _shown(user: Any, prefix: str = "") -> Q:
    """The condition a person must meet for ``user`` to see them, on the fields of the person
    reached through ``prefix`` ("" for the person itself, "person__" through a foreign key)."""
    condition = Q(**{f"{prefix}merged_into__isnull": True, f"{prefix}confidentiality__in": levels_for(user)})
    if is_public_only(user):
        condition &= Q(**{f"{prefix}publishable": True})
    return condition


def visible_persons(user: Any, qs: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """Persons ``user`` may see: for the public, only public and publishable ones."""
    return (Person.objects.all() if qs is None else qs).filter(_shown(user))


def hidden_persons(user: Any) -> QuerySet[Person]:
    """The persons ``user`` may not see — the complement of :func:`visible_persons` (merged
    into another, of a level they may not read, or not publishable when they see public records
    only). For the team a small set: a count over everyone less the hidden ones is cheaper
    than a join of every row with its person."""
    return Person.objects.exclude(_shown(user))


def visible_person_q(user: Any, via: str = "person") -> Q:
    """The condition of :func:`visible_persons` on the person a record points to through ``via``:
    a join on that person's own fields. ``via__in=visible_persons(user)`` says the same, but
    SQLite evaluates such a subquery over the whole person table, once per query."""
    return _shown(user, f"{via}__")


def visible(user: Any, qs: QuerySet[Any]) -> QuerySet[Any]:
    """Records of any model with a ``confidentiality`` field that ``user`` may see."""
    return qs.filter(confidentiality__in=levels_for(user))


def visible_events(user: Any, qs: QuerySet[Event] | None = None) -> QuerySet[Event]:
    """Events ``user`` may see: of a level they may read, and naming no person or at least one
    person they may see — so that the detention of a person who may not be published does not
    appear as an anonymous event (its description names them)."""
    qs = visible(user, Event.objects.all() if qs is None else qs)
    party = Involvement.objects.filter(event=OuterRef("pk"), person__isnull=False)
    shown = party.filter(visible_person_q(user), confidentiality__in=levels_for(user))
    return qs.filter(~Exists(party) | Exists(shown))
