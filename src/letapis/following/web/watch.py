"""Pages of following: the watch lists — due for release, overdue, silent, birthdays — and their panel.

``/following/`` is the panel: each list with its count, linking to the list.
``/following/<list>/`` is the list: the persons table for a day and an N (``?on=``, ``?days=``),
paged, with ``?format=csv`` for the whole list as CSV and ``?format=json`` for the API's page
(``/api/v1/following/<list>``). For signed-in team users; each sees the lists as their tier
does (:mod:`letapis.following.watch`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy

from letapis.following import watch
from letapis.following.web import params
from letapis.web import common
from letapis.web.access import role_required, user_or_none
from letapis.web.naming import names_by_person, names_choice, shown_name

#: The team's role that opens the lists (every signed-in user).
ROLE = "viewer"
#: Persons per CSV query (the export reads the whole list in chunks).
CSV_CHUNK = 2000

TITLES = {
    watch.DUE: gettext_lazy("Due for release"),
    watch.OVERDUE: gettext_lazy("Overdue"),
    watch.SILENT: gettext_lazy("Silent"),
    watch.BIRTHDAYS: gettext_lazy("Birthdays"),
}
EXPLAINED = {
    watch.DUE: gettext_lazy("Held, with a term that may end within %(days)s days."),
    watch.OVERDUE: gettext_lazy("Held, though the term ended more than %(days)s days ago and no release is recorded."),
    watch.SILENT: gettext_lazy("Held, with no letter, visit or court appearance recorded for more than %(days)s days."),
    watch.BIRTHDAYS: gettext_lazy(
        "Held, public and publishable, with a birthday within %(days)s days (full birth dates only)."
    ),
}


def _day(request: HttpRequest) -> date:
    return params.day(request, watch.today())


def _days(request: HttpRequest, name: str) -> int:
    return params.days(request, watch.SPECS[name].default_days(), watch.MAX_DAYS)


@role_required(ROLE)
def panel_page(request: HttpRequest) -> HttpResponse:
    """Every watch list with its count on a day, each count linking to its list."""
    user = user_or_none(request)
    day = _day(request)
    items = [
        {"name": item.name, "title": TITLES[item.name], "days": item.days, "count": item.count}
        for item in watch.panel(day, user)
    ]
    context = {"day": day, "is_today": day == watch.today(), "items": items, "titles": TITLES}
    return render(request, "following/watch_panel.html", context)


@role_required(ROLE)
def list_page(request: HttpRequest, name: str) -> HttpResponse:
    """One watch list: the persons, paged, with the filters (day, N) and the CSV and JSON twins."""
    if name not in watch.SPECS:
        raise Http404(name)
    if common.wants_json(request):
        return common.json_redirect(request, f"/api/v1/following/{name}")
    user = user_or_none(request)
    day = _day(request)
    days = _days(request, name)
    rows = watch.watch_list(name, day, user, days)
    if request.GET.get("format") == "csv":
        return _csv(rows, name, day)
    size = common.PAGE_SIZE
    number = common.page_number(request)
    count, entries = rows.counted_page((number - 1) * size, size)
    if not entries and count > 0 and number > 1:  # a page past the end: the last one
        number = common.page_of(request, count, size).number
        count, entries = rows.counted_page((number - 1) * size, size)
    choice = names_choice(request)
    variants = names_by_person([e["id"] for e in entries], user)
    table = []
    for entry in entries:
        row: dict[str, Any] = dict(entry)
        row["shown"] = shown_name(entry["name"], variants.get(entry["id"], []), choice)
        if entry["event"] is not None:
            row["event_label"] = common.label("event_types", entry["event"]["type"])
        table.append(row)
    spec = watch.SPECS[name]
    choices = sorted({*spec.choices, days})
    context = {
        "name": name,
        "title": TITLES[name],
        "explained": EXPLAINED[name] % {"days": days},
        "day": day,
        "days": days,
        "day_choices": choices,
        "rows": table,
        "page": common.page_of(request, count, size),
        "csv_url": common.with_params(request.GET, format="csv", page=None),
        "api_url": common.api_twin(request, f"/api/v1/following/{name}"),
        "titles": TITLES,
    }
    return render(request, "following/watch_list.html", context)


def _csv(rows: watch.WatchRows, name: str, day: date) -> HttpResponse:
    entries = list(rows.entries(CSV_CHUNK))
    response = HttpResponse(watch.to_csv(entries), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="following-{name}-{day.isoformat()}.csv"'
    return response


urlpatterns: list[Any] = [
    path("following/", panel_page, name="watch"),
    *(path(f"following/{name}/", list_page, {"name": name}, name=f"watch_{name}") for name in watch.LISTS),
]
