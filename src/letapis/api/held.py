"""``/held``, ``/search``, ``/stats/held`` and ``/stats/series``: the questions monitors ask most."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from letapis import access
from letapis.api import common
from letapis.api.auth import caller, public_operation
from letapis.api.schemas import MAX_ID, Error, HeldPage, HeldSeries, HeldStats, SearchOut, ValidationErrorOut
from letapis.read import records
from letapis.registry.lookup import find_persons
from letapis.registry.queries import held_rows
from letapis.vocab import vocabulary

router = Router()
ERRORS = {400: Error, 401: Error, 404: Error, 422: ValidationErrorOut}  # 401: a token unknown or revoked


class HeldFilters(Schema):
    on: date | None = Field(None, description="The day (YYYY-MM-DD); default today.")
    occupation: str | None = Field(None, max_length=100, description="An occupation code or label, e.g. writer.")
    organisation: int | None = Field(None, ge=1, le=MAX_ID, description="Members of this organisation (id).")
    place: int | None = Field(None, ge=1, le=MAX_ID, description="Held at this place (the deciding event's).")


@router.get("/held", response={200: HeldPage, **ERRORS}, tags=["held"], summary="Who is held on a day")
@public_operation
def held(request: HttpRequest, filters: Query[HeldFilters], paging: Query[common.Paging]) -> Any:
    """Every person held on `on` that the caller may see (anonymous callers: public records of
    publishable persons), each with the event that decides it and the source sentences behind
    that event."""
    user = caller(request)
    day = filters.on or timezone.localdate()
    occupation = None
    if filters.occupation:
        term = vocabulary("occupations").get(filters.occupation) or vocabulary("occupations").lookup(filters.occupation)
        if term is None:
            raise HttpError(400, f"unknown occupation {filters.occupation!r}")
        occupation = term.code
    if filters.organisation is not None:
        common.get_or_404(access.visible_organisations(user), filters.organisation, "organisation")
    if filters.place is not None:
        common.get_or_404(access.visible_places(user), filters.place, "place")
    rows = held_rows(day, user, occupation=occupation, organisation=filters.organisation, place=filters.place)

    def entries(page: list[Any]) -> list[dict[str, Any]]:
        from letapis.following.places import places_now

        where = places_now([r["id"] for r in page], user, day)  # one query for the page
        result = []
        for row in page:
            found = where.get(row["id"])
            place = None
            if found is not None:
                since = None if found.since is None else found.since.isoformat()
                place = {"id": found.id, "name": found.name, "postal_address": found.postal_address, "since": since}
            result.append({**row, "place": place})
        return result

    return common.paginate(request, rows, paging, entries, on=day.isoformat())


class SearchQuery(Schema):
    q: str = Field(..., min_length=1, max_length=300, description="A name in any spelling, or words of a text.")
    limit: int = Field(10, ge=1, le=50, description="At most this many of each kind.")
    offset: int = Field(0, ge=0, le=10_000, description="Sources to skip (the next page of full-text hits).")
    start: date | None = Field(None, alias="from", description="Sources dated on or after this day.")
    end: date | None = Field(None, alias="to", description="Sources dated on or before this day.")
    publisher: str | None = Field(None, max_length=300, description="Part of the sources' publisher.")
    language: str | None = Field(None, max_length=12, description="The sources' language code (be, ru, en…).")


@router.get("/search", response={200: SearchOut, **ERRORS}, tags=["search"], summary="Search everything")
@public_operation
def search(request: HttpRequest, query: Query[SearchQuery]) -> Any:
    """Persons by any spelling of their name (scored, with the matcher's reasons), organisations
    and events whose names or texts contain `q`, and the sources `q` finds in full text (words in
    any script; `OR`, `"phrase"`, `-word`, `word*`), best first, each with a snippet and the
    persons it names; `from`, `to`, `publisher` and `language` filter the sources."""
    from letapis.search.query import Filters
    from letapis.search.query import search as full_text
    from letapis.search.text import QueryError

    user = caller(request)
    text = records.clean(query.q) or ""
    if text == "":
        raise HttpError(400, "q is empty")
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
        raise HttpError(400, f"q: {exc}") from exc
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
                "persons": [
                    {"id": p.pk, "name": p.display_name, "url": reverse("api-v1:get_person", args=[p.pk])}
                    for p in hit.persons
                ],
            }
            for hit in found.hits
        ],
        "sources_count": found.count,
    }


def _stat(stat: Any) -> dict[str, Any]:
    data = asdict(stat)
    return {
        "kind": data["kind"],
        "code": str(data["code"]),
        "label": data.get("label", ""),
        "count": data["count"],
        "person_ids": list(data["person_ids"]),
        "event_ids": list(data.get("event_ids", ())),
    }


@router.get("/stats/held", response={200: HeldStats, **ERRORS}, tags=["statistics"], summary="Numbers of the held")
@public_operation
def stats_held(request: HttpRequest, on: date | None = None) -> Any:
    """How many are held on `on` (default today), and by occupation, organisation, gender,
    nationality, place, article and sentence length; each number lists its persons' ids."""
    from letapis.reports import stats

    user = caller(request)
    day = on or timezone.localdate()
    return {
        "on": day.isoformat(),
        "held": _stat(stats.held_count(day, user)),
        "breakdowns": {by: [_stat(s) for s in stats.breakdown(day, user, by)] for by in stats.BREAKDOWNS},
    }


#: The longest series one call returns (50 years of months).
MAX_SERIES_MONTHS = 600


class SeriesRange(Schema):
    start: date = Field(alias="from", description="The first month (any day of it, YYYY-MM-DD).")
    end: date | None = Field(None, alias="to", description="The last day counted (YYYY-MM-DD); default today.")


@router.get(
    "/stats/series",
    response={200: HeldSeries, **ERRORS},
    by_alias=True,
    tags=["statistics"],
    summary="How many were held at each month's end",
)
@public_operation
def stats_series(request: HttpRequest, period: Query[SeriesRange]) -> Any:
    """The number held on the last day of every month from `from` to `to` (the chart of held
    over time); each point links to its list of persons (`/held?on=DAY`)."""
    from letapis.reports import stats

    end = period.end or timezone.localdate()
    months = (end.year - period.start.year) * 12 + end.month - period.start.month + 1
    if months < 1:
        raise HttpError(400, "`to` is before `from`")
    if months > MAX_SERIES_MONTHS:
        raise HttpError(400, f"at most {MAX_SERIES_MONTHS} months at a time; this asks for {months}")
    held_url = request.build_absolute_uri(reverse("api-v1:held"))
    return {
        "start": period.start.isoformat(),
        "end": end.isoformat(),
        "points": [
            {"day": day.isoformat(), "count": count, "persons": f"{held_url}?on={day.isoformat()}"}
            for day, count in stats.held_counts(period.start, end, caller(request))
        ],
    }
