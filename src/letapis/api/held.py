"""``/held``, ``/search``, ``/stats/held`` and ``/stats/series``: the questions monitors ask most
(the queries of :mod:`letapis.read.held` and :mod:`letapis.reports.stats`)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from letapis.api import common
from letapis.api.auth import caller, public_operation
from letapis.api.schemas import ERRORS, HeldPage, HeldSeries, HeldStats, SearchOut
from letapis.read import held as read_held

router = Router()


@router.get("/held", response={200: HeldPage, **ERRORS}, tags=["held"], summary="Who is held on a day")
@public_operation
def held(request: HttpRequest, filters: Query[read_held.HeldFilters], paging: Query[common.Paging]) -> Any:
    """Every person held on `on` that the caller may see (anonymous callers: public records of
    publishable persons), each with the event that decides it and the source sentences behind
    that event."""
    user = caller(request)
    day, rows = read_held.held_on(user, filters)
    return common.paginate(
        request, rows, paging, lambda page: read_held.with_places(page, day, user), on=day.isoformat()
    )


@router.get("/search", response={200: SearchOut, **ERRORS}, tags=["search"], summary="Search everything")
@public_operation
def search(request: HttpRequest, query: Query[read_held.SearchQuery]) -> Any:
    """Persons by any spelling of their name (scored, with the matcher's reasons), organisations
    and events whose names or texts contain `q`, and the sources `q` finds in full text (words in
    any script; `OR`, `"phrase"`, `-word`, `word*`), best first, each with a snippet and the
    persons it names; `from`, `to`, `publisher` and `language` filter the sources."""
    found = read_held.search_everything(caller(request), query)
    sources = [
        {**source, "persons": [{**p, "url": reverse("api-v1:get_person", args=[p["id"]])} for p in source["persons"]]}
        for source in found["sources"]
    ]
    return {**found, "sources": sources}


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
