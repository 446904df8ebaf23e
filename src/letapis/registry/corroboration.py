"""Corroboration: the registry fact that a new claim states again.

A detention reported by two sentences, two documents or two languages is one detention with two
sources, not two detentions. When a claim is accepted, the registry looks for the fact it
already has — the same person, the same event type, a compatible date — and the claim becomes
one more source of it (its ``event``/``record`` point at the existing record) instead of a new
record.

Dates are compatible when the days they can mean overlap (:func:`overlap`): ``2021-03-25``
and ``2021-03``; ``[..2025-02-12]`` and ``2024-05-08``; an undated mention and anything up to
its source's date (:func:`claim_bounds`). For a status-changing event type one more rule
holds: no event of the person that brings about another status lies between the two (a
detention in 2020, a release in 2025 and a detention reported in 2026 are two detentions).

Matching sees only the records of :func:`match_levels`: those the acting reviewer may read
*and* the claim's own audience may read. A public claim is never matched to an internal event
(the public would then see a claim supporting nothing, where without the internal event it
would see a public event); a team member is never matched to a confidential record they
cannot see.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from letapis import edtf
from letapis.access.levels import TIERS
from letapis.registry.models import Event, Involvement, InvolvementRole, Person
from letapis.registry.status import status_effects

#: The days a date can mean, from the earliest to the latest (``None``: unbounded).
Bounds = tuple[date | None, date | None]


def claim_bounds(text: str | None, reported: date | None) -> Bounds:
    """The days a claim's date can mean: its partial date; for an undated claim, any day up to
    its source's date (a report tells of what happened on or before it), or any day at all when
    the source is undated too."""
    when = edtf.parse_optional(text)
    if when is None:
        return (None, reported)
    return (when.earliest, when.latest)


def undated_as_reported(text: str | None, reported: date | None) -> str:
    """The partial date an event accepted from a claim is given: the claim's own, else
    ``[..the source's date]`` (on or before the day it was reported), else none."""
    if text is not None and text.strip() != "":
        return text.strip()
    return "" if reported is None else f"[..{reported.isoformat()}]"


def overlap(a: Bounds, b: Bounds) -> bool:
    """Whether two ranges of days share a day (an unbounded end reaches any day)."""
    (a_start, a_end), (b_start, b_end) = a, b
    return (a_start is None or b_end is None or a_start <= b_end) and (
        b_start is None or a_end is None or b_start <= a_end
    )


def match_levels(fact_level: str, actor_levels: Sequence[str]) -> tuple[str, ...]:
    """The levels a claim whose facts take ``fact_level`` is matched within, for a reviewer who
    reads ``actor_levels``: those both its audience and the reviewer read."""
    return tuple(level for level in TIERS[fact_level] if level in actor_levels)


def _between(low: date | None, high: date | None, day: date) -> bool:
    if low is None or high is None:
        return False
    first, last = min(low, high), max(low, high)
    return first < day <= last


def same_event(person: Person, type_: str, bounds: Bounds, *, levels: Sequence[str]) -> Event | None:
    """The event of ``type_`` of which ``person`` is a victim, with a date compatible with
    ``bounds`` (see the module), among the events and involvements of ``levels``; of several,
    the latest. One query of the person's events."""
    effects = status_effects()
    involvements = Involvement.objects.filter(
        person=person,
        role=InvolvementRole.VICTIM,
        confidentiality__in=levels,
        event__confidentiality__in=levels,
        event__type__in={type_, *effects},
    ).select_related("event")
    events = {i.event_id: i.event for i in involvements}
    candidates = [e for e in events.values() if e.type == type_ and overlap((e.date_earliest, e.date_latest), bounds)]
    effect = effects.get(type_)
    if effect is not None:
        changes = [
            e.date_latest
            for e in events.values()
            if e.type in effects and effects[e.type] != effect and e.date_latest is not None
        ]
        candidates = [e for e in candidates if not any(_between(e.date_latest, bounds[1], day) for day in changes)]
    if not candidates:
        return None
    return max(candidates, key=lambda e: (e.date_latest is not None, e.date_latest or date.min, e.pk))


def conflicting_event(person: Person, type_: str, day: date, *, levels: Sequence[str]) -> Event | None:
    """An event of ``person`` (as a victim, of ``levels``) on exactly ``day`` that brings about
    another status than ``type_`` does — released and held on the same day: a real conflict,
    which is not merged silently but decided by a reviewer. ``None`` for a type that changes no
    status."""
    effects = status_effects()
    effect = effects.get(type_)
    if effect is None:
        return None
    others = [t for t, e in effects.items() if e != effect]
    involvement = (
        Involvement.objects.filter(
            person=person,
            role=InvolvementRole.VICTIM,
            confidentiality__in=levels,
            event__confidentiality__in=levels,
            event__type__in=others,
            event__date_earliest=day,
            event__date_latest=day,
        )
        .select_related("event")
        .order_by("-event__sequence", "-event_id")
        .first()
    )
    return None if involvement is None else involvement.event
