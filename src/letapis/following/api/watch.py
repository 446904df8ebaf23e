"""API operations of following: the watch lists (due for release, overdue, silent, birthdays).

``GET /api/v1/following/{list}?on=&days=&limit=&offset=`` — one operation per list (``due``,
``overdue``, ``silent``, ``birthdays``), each a page of persons with the count, as the caller's
tier sees them (:mod:`letapis.following.watch`); ``GET /api/v1/following`` gives every list's
count. Anonymous callers read the public tier (public records of publishable persons), as
``/held`` does.
"""

from __future__ import annotations

import builtins
from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from letapis.api import common
from letapis.api.auth import caller, public_operation
from letapis.api.schemas import Error, EventRef, SourceRef, ValidationErrorOut, page_of
from letapis.following import watch

router = Router(tags=["following"])
ERRORS = {400: Error, 401: Error, 404: Error, 422: ValidationErrorOut}


class WatchPlace(Schema):
    id: int
    name: str


class Evidence(Schema):
    event: EventRef
    sources: list[SourceRef]


class WatchEntryOut(Schema):
    id: int
    name: str
    url: str = Field(description="The person's page.")
    list: str
    on: str
    days: int = Field(
        description="due: days until the earliest end (0: it may have come); overdue: days since the latest end; "
        "silent: days since the last contact or the start of custody; birthdays: days until the birthday."
    )
    held_since: str | None = Field(description="The day the spell in custody that covers `on` began.")
    end_earliest: str | None = Field(description="The expected end of term, earliest day.")
    end_latest: str | None = Field(description="The expected end of term, latest day.")
    place: WatchPlace | None = Field(description="The place of detention now, as the caller may see it.")
    place_since: str | None
    last_contact: str | None = Field(description="The day of the latest contact recorded (letter, visit, court).")
    birthday: str | None = Field(description="birthdays: the day of the coming birthday.")
    age: int | None = Field(description="birthdays: the age on that day.")
    event: EventRef | None = Field(description="The event that puts the person on this list.")
    sources: builtins.list[SourceRef] = Field(description="The source sentences behind that event.")  # beside `list`
    evidence: dict[str, Evidence] = Field(
        description="Each fact of the row (held, term, place, contact) with its event and sources."
    )


class WatchPage(page_of(WatchEntryOut, "WatchPageBase")):  # type: ignore[misc]  # a base made at run time
    list: str
    on: str
    days: int


class WatchFilters(Schema):
    on: date | None = Field(None, description="The day (YYYY-MM-DD); default today.")
    days: int | None = Field(
        None,
        ge=0,
        le=watch.MAX_DAYS,
        description="N: due within N days (default 30), overdue by more than N days (default 0), silent for more "
        "than N days (default the LETAPIS_SILENT_DAYS setting, 60), birthdays within N days (default 30).",
    )


class PanelCount(Schema):
    list: str
    days: int
    count: int
    url: str


class PanelOut(Schema):
    on: str
    lists: list[PanelCount]


def _list_operation(name: str) -> Any:
    spec = watch.SPECS[name]

    @public_operation
    def operation(request: HttpRequest, filters: Query[WatchFilters], paging: Query[common.Paging]) -> Any:
        user = caller(request)
        day = filters.on or watch.today()
        days = spec.default_days() if filters.days is None else filters.days
        try:
            rows = watch.watch_list(name, day, user, days)
        except ValueError as exc:
            raise HttpError(400, str(exc)) from exc
        return common.paginate(
            request, rows, paging, lambda page: [dict(r) for r in page], list=name, on=day.isoformat(), days=days
        )

    operation.__name__ = f"following_{name}"
    operation.__doc__ = (
        f"The watch list `{name}` on `on`: {spec.days_means} (`days`). Each person with the term's "
        "expected end, the place now, the last contact, and the events and source sentences behind "
        "each fact; the caller sees the list as their audience tier does."
    )
    return operation


for _name in watch.LISTS:
    router.add_api_operation(
        f"/following/{_name}",
        ["GET"],
        _list_operation(_name),
        response={200: WatchPage, **ERRORS},
        url_name=f"following_{_name}",
        summary=f"Watch list: {_name}",
    )


@router.get("/following", response={200: PanelOut, **ERRORS}, summary="The watch lists' counts")
@public_operation
def following_panel(request: HttpRequest, on: date | None = None) -> Any:
    """How many persons each watch list holds on `on` (default today): due within 30 and 90
    days, overdue, silent (the setting's N), birthdays within 30 days; each with its list's URL."""
    user = caller(request)
    day = on or watch.today()
    base = request.build_absolute_uri("/api/v1/following/")
    return {
        "on": day.isoformat(),
        "lists": [
            {
                "list": item.name,
                "days": item.days,
                "count": item.count,
                "url": f"{base}{item.name}?on={day.isoformat()}&days={item.days}",
            }
            for item in watch.panel(day, user)
        ],
    }
