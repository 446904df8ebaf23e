"""Places of detention as the API and the pages show them: a place's row and page, and the
letter sheet of the persons a caller names (the queries are :mod:`letapis.following.places`)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from letapis import access
from letapis.accounts.actor import Viewer
from letapis.following.places import (
    Letter,
    PlaceSummary,
    detention_places,
    held_at,
    held_at_ids,
    held_counts,
    letter_sheet,
    parse_ids,
    summary_of,
)
from letapis.following.watch import watch_list
from letapis.read import records


def place_row(row: PlaceSummary) -> dict[str, Any]:
    data = asdict(row)
    data["kind_label"] = records.label_of("place_kinds", row.kind)
    return data


def place_detail(place_id: int, day: date, user: Viewer) -> dict[str, Any]:
    """A place of detention as ``user`` may see it, with the persons held there on ``day``."""
    place = records.one_of(detention_places(user).select_related("parent__parent__parent"), place_id, "place")
    row = summary_of(place, held_counts(day, user, [place.pk]).get(place.pk, 0), user)
    parent = access.place_shown(user, place.parent)
    return {
        **place_row(row),
        "aliases": list(place.aliases),
        "postal_address": place.postal_address,
        "letter_rules": None if access.is_public_only(user) else place.letter_rules,
        "parent": None if parent is None else {"id": parent.pk, "name": parent.name, "kind": parent.kind},
        "on": day.isoformat(),
        "persons": [asdict(p) for p in held_at(place, day, user)],
    }


#: the most persons one letter sheet holds
MAX_LETTERS = 500


def watch_ids(name: str, day: date, user: Viewer, days: int | None) -> list[int]:
    """Ids of the persons on the watch list ``name`` on ``day`` as ``user`` sees it
    (:func:`letapis.following.watch.watch_list`), at most :data:`MAX_LETTERS`."""
    try:
        rows = watch_list(name, day, user, days)
    except ValueError as exc:
        raise records.Refused(str(exc)) from exc
    return [entry["id"] for entry in rows[:MAX_LETTERS]]


def letters_for(
    user: Viewer,
    day: date,
    persons: str | None,
    place: int | None,
    watch: str | None = None,
    days: int | None = None,
) -> list[Letter]:
    """The letter sheet of the persons named (``persons``: ids), of everyone held at ``place``
    on ``day`` and of everyone on the watch list ``watch``, as ``user`` may see them.
    :class:`~letapis.read.records.NotFound` for a place they may not see,
    :class:`~letapis.read.records.Refused` for a watch list that does not exist."""
    ids = parse_ids(persons, MAX_LETTERS)
    if place is not None:
        found = records.one_of(detention_places(user), place, "place")
        ids += held_at_ids(found, day, user)
    if watch:
        ids += watch_ids(watch, day, user, days)
    return letter_sheet(list(dict.fromkeys(ids))[:MAX_LETTERS], day, user)


def letter_json(letter: Letter, user: Viewer) -> dict[str, Any]:
    data = asdict(letter)
    if access.is_public_only(user):
        data["letter_rules"] = None
    return data
