"""API operations of following: places of detention and the letter sheet.

The queries are :mod:`letapis.following.places`, which the pages render too.

``GET /places`` lists the places of detention the caller may see with how many are held in
each on a day; ``GET /places/{id}`` gives one with its postal address and the persons held there;
``GET /letters`` is the letter sheet as JSON. The team's letter rules are in the answers of
signed-in team callers only (an internal note, never public).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from letapis.api.auth import caller, public_operation
from letapis.api.schemas import MAX_ID, Error, EventRef, SourceRef, ValidationErrorOut
from letapis.following import places
from letapis.read import places as read_places
from letapis.read import records
from letapis.vocab import vocabulary

router = Router(tags=["following"])
ERRORS = {400: Error, 401: Error, 404: Error, 422: ValidationErrorOut}


class PlaceRow(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    number: str
    regime: str = Field(description="A sentence regime code (a colony's regime), or empty.")
    city: str
    region: str
    country: str
    held: int = Field(description="How many of the persons the caller may see are held there on `on`.")


class PlaceList(Schema):
    on: str
    count: int
    held: int = Field(description="How many are held at these places on `on`, in all.")
    results: list[PlaceRow]


class HeldThereOut(Schema):
    id: int
    name: str
    names: list[str]
    since: str | None = Field(description="Known to be held there since this day.")
    event: EventRef | None = Field(description="The event that put the person there (null when not visible).")
    sources: list[SourceRef]


class PlaceDetailOut(PlaceRow):
    aliases: list[str]
    postal_address: str
    letter_rules: str | None = Field(description="The team's note on writing there; null for the public.")
    parent: dict[str, Any] | None
    on: str
    persons: list[HeldThereOut]


class LetterOut(Schema):
    person_id: int
    name: str
    name_ru: str = Field(description="The full name in Russian Cyrillic, as the post office needs it.")
    name_ru_derived: bool = Field(
        description="True when not a stored Russian form (derived, or left in Latin letters): check it before sending."
    )
    held: bool
    place_id: int | None
    place_name: str
    postal_address: str
    letter_rules: str | None = Field(description="The team's note on writing there; null for the public.")
    since: str | None


class LetterSheetOut(Schema):
    on: str
    count: int
    letters: list[LetterOut]


class PlacesQuery(Schema):
    on: date | None = Field(None, description="The day of the counts (YYYY-MM-DD); default today.")
    kind: str | None = Field(None, max_length=40, description="A place kind code, e.g. penal_colony.")
    q: str | None = Field(None, max_length=300, description="Words of the name, or the number.")


class OnDay(Schema):
    on: date | None = Field(None, description="The day (YYYY-MM-DD); default today.")


class LettersQuery(Schema):
    persons: str | None = Field(None, max_length=5000, description="Person ids separated by commas.")
    place: int | None = Field(None, ge=1, le=MAX_ID, description="Everyone held at this place on `on`.")
    watch: str | None = Field(None, max_length=20, description="Everyone on this watch list on `on` (e.g. silent).")
    days: int | None = Field(None, ge=0, le=3650, description="The watch list's N days (default: the list's own).")
    on: date | None = Field(None, description="The day (YYYY-MM-DD); default today.")


@router.get("/places", response={200: PlaceList, **ERRORS}, summary="Places of detention")
@public_operation
def list_places(request: HttpRequest, filters: Query[PlacesQuery]) -> Any:
    """Every place of detention the caller may see, with how many persons they may see are held
    there on `on` (default today)."""
    user = caller(request)
    day = filters.on or timezone.localdate()
    if filters.kind and filters.kind not in vocabulary("place_kinds"):
        from ninja.errors import HttpError

        raise HttpError(400, f"unknown place kind {filters.kind!r}")
    rows = places.places_list(user, day, kind=filters.kind, q=records.clean(filters.q))
    return {
        "on": day.isoformat(),
        "count": len(rows),
        "held": sum(r.held for r in rows),
        "results": [read_places.place_row(r) for r in rows],
    }


@router.get("/places/{place_id}", response={200: PlaceDetailOut, **ERRORS}, summary="A place of detention")
@public_operation
def get_place(request: HttpRequest, place_id: int, query: Query[OnDay]) -> Any:
    """A place of detention with its postal address, the team's letter rules (team only) and
    the persons held there on `on` (default today), each with the event that put them there."""
    return read_places.place_detail(place_id, query.on or timezone.localdate(), caller(request))


@router.get("/letters", response={200: LetterSheetOut, **ERRORS}, summary="The letter sheet")
@public_operation
def letters(request: HttpRequest, query: Query[LettersQuery]) -> Any:
    """For the persons named (`persons=1,2,3`), everyone held at `place` and everyone on the watch
    list `watch` (`due`, `overdue`, `silent`, `birthdays`, with `days`): each name in Russian
    Cyrillic as the post office needs it, the place's postal address and (for the team) the
    rules of writing there. A person not held on `on`, or held at no known place, says so."""
    user = caller(request)
    day = query.on or timezone.localdate()
    sheet = read_places.letters_for(user, day, query.persons, query.place, query.watch, query.days)
    return {"on": day.isoformat(), "count": len(sheet), "letters": [read_places.letter_json(x, user) for x in sheet]}
