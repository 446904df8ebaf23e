"""Who is held on a day, and the search of everything, as the caller may see them (the API's
``/held`` and ``/search``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q
from django.utils import timezone
from pydantic import BaseModel, Field

from letapis import access
from letapis.accounts.actor import Viewer
from letapis.following.places import places_now
from letapis.read import records
from letapis.read.records import MAX_ID, Refused
from letapis.registry.lookup import find_persons
from letapis.registry.queries import HeldRows, held_rows
from letapis.vocab import vocabulary


class HeldFilters(BaseModel):
    on: date | None = Field(None, description="The day (YYYY-MM-DD); default today.")
    occupation: str | None = Field(None, max_length=100, description="An occupation code or label, e.g. writer.")
    organisation: int | None = Field(None, ge=1, le=MAX_ID, description="Members of this organisation (id).")
    place: int | None = Field(None, ge=1, le=MAX_ID, description="Held at this place (the deciding event's).")


def held_on(user: Viewer, filters: HeldFilters) -> tuple[date, HeldRows]:
    """The day asked for and every person held on it that ``user`` may see and ``filters``
    pass. :class:`~letapis.read.records.Refused` for an unknown occupation,
    :class:`~letapis.read.records.NotFound` for an organisation or place the caller may not see."""
    day = filters.on or timezone.localdate()
    occupation = None
    if filters.occupation:
        term = vocabulary("occupations").get(filters.occupation) or vocabulary("occupations").lookup(filters.occupation)
        if term is None:
            raise Refused(f"unknown occupation {filters.occupation!r}")
        occupation = term.code
    if filters.organisation is not None:
        records.one_of(access.visible_organisations(user), filters.organisation, "organisation")
    if filters.place is not None:
        records.one_of(access.visible_places(user), filters.place, "place")
    rows = held_rows(day, user, occupation=occupation, organisation=filters.organisation, place=filters.place)
    return day, rows


def with_places(rows: list[Any], day: date, user: Viewer) -> list[dict[str, Any]]:
    """``rows`` of :func:`held_on` (a page of them), each with the place where ``user``'s tier
    knows the person held on ``day`` (one query for the page)."""
    where = places_now([r["id"] for r in rows], user, day)
    result = []
    for row in rows:
        found = where.get(row["id"])
        place = None
        if found is not None:
            since = None if found.since is None else found.since.isoformat()
            place = {"id": found.id, "name": found.name, "postal_address": found.postal_address, "since": since}
        result.append({**row, "place": place})
    return result


class SearchQuery(BaseModel):
    q: str = Field(..., min_length=1, max_length=300, description="A name in any spelling, or words of a text.")
    limit: int = Field(10, ge=1, le=50, description="At most this many of each kind.")
    offset: int = Field(0, ge=0, le=10_000, description="Sources to skip (the next page of full-text hits).")
    start: date | None = Field(None, alias="from", description="Sources dated on or after this day.")
    end: date | None = Field(None, alias="to", description="Sources dated on or before this day.")
    publisher: str | None = Field(None, max_length=300, description="Part of the sources' publisher.")
    language: str | None = Field(None, max_length=12, description="The sources' language code (be, ru, en…).")


def search_everything(user: Viewer, query: SearchQuery) -> dict[str, Any]:
    """Persons by any spelling of their name, organisations and events whose names or texts
    contain ``q``, and the sources the full-text search finds with the persons each names, as
    ``user`` may see them.
    :class:`~letapis.read.records.Refused` for an empty ``q`` or one the full-text search
    cannot read."""
    from letapis.search.query import Filters
    from letapis.search.query import search as full_text
    from letapis.search.text import QueryError

    text = records.clean(query.q) or ""
    if text == "":
        raise Refused("q is empty")
    filters = Filters(
        start=query.start,
        end=query.end,
        publisher=records.clean(query.publisher),
        language=query.language,
        kind="source",
    )
    try:
        found = full_text(user, text, filters, offset=query.offset, limit=query.limit)
    except QueryError as exc:
        raise Refused(f"q: {exc}") from exc
    n = query.limit
    persons = find_persons(text, limit=n, persons=access.visible_persons(user), levels=access.levels_for(user))
    orgs = [
        o
        for o in access.visible_organisations(user).order_by("name")
        if text.casefold() in " ".join([o.name, *o.aliases]).casefold()
    ][:n]
    events = (
        access.visible_events(user)
        .filter(Q(description__icontains=text) | Q(type__iexact=text))
        .select_related("place")
        .order_by("-date_latest", "id")[:n]
    )
    return {
        "q": text,
        "persons": [
            {"id": c.person.pk, "name": c.person.display_name, "matched": c.name, "score": c.score, "reason": c.reason}
            for c in persons
        ],
        "organisations": records.organisations_json(orgs),
        "events": records.events_json(events, user),
        "sources": [
            {
                **records.source_json(hit.source),
                "snippet": hit.snippet,
                "persons": [{"id": p.pk, "name": p.display_name} for p in hit.persons],
            }
            for hit in found.hits
        ],
        "sources_count": found.count,
    }
