"""API of following: the term section of a person (in ``GET /api/v1/persons/{id}``).

:func:`term_section` reads the :class:`~letapis.following.models.FollowUp` row of the caller's
tier (:func:`letapis.registry.access.tier_for`): the case being served, the expected end with the
steps of its computation and the sentence saying them in en, be and ru, the place of detention
now and the last contact — each derived only from the records that tier reads.
"""

from __future__ import annotations

from typing import Any

from ninja import Router

from letapis.api.schemas import TermOut, TermPlace
from letapis.following.models import FollowUp
from letapis.following.terms import display_end, reasoning
from letapis.registry import access
from letapis.registry.models import Person

router = Router(tags=["following"])

LANGUAGES = ("en", "be", "ru")
__all__ = ["LANGUAGES", "TermOut", "TermPlace", "router", "term_section"]


def _day(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def term_section(person: Person, user: Any) -> dict[str, Any] | None:
    """The term section of ``person`` (one the caller may see) in the caller's tier, or
    ``None`` when that tier knows of no term, place or contact."""
    row = (
        FollowUp.objects.filter(person=person, level=access.tier_for(user))
        .select_related("place", "place_event", "contact_event")
        .first()
    )
    if row is None:
        return None
    place = access.place_shown(user, row.place)  # read by the tier by construction; checked again
    return {
        "case_id": row.case_id,
        "custody_start": _day(row.custody_start),
        "end_earliest": _day(row.end_earliest),
        "end_latest": _day(row.end_latest),
        "end": {lang: display_end(row.end_earliest, row.end_latest, lang) for lang in LANGUAGES},
        "steps": list(row.reasoning),
        "reasoning": {lang: reasoning(row.reasoning, lang) for lang in LANGUAGES},
        "place": None
        if place is None
        else {
            "id": place.pk,
            "name": place.name,
            "kind": place.kind,
            "country": place.country,
            "number": place.number,
            "postal_address": place.postal_address,
        },
        "place_since": _day(row.place_since) if place is not None else None,
        "place_event_id": row.place_event_id if place is not None else None,
        "place_event_date": row.place_event.date if place is not None and row.place_event is not None else None,
        "last_contact": _day(row.last_contact),
        "contact_event_id": row.contact_event_id,
        "contact_event_date": None if row.contact_event is None else row.contact_event.date,
    }
