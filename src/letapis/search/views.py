"""``/search/``: the full-text search page, in the app's shell.

The view reads and checks the parameters; :func:`letapis.search.query.search` finds what the
visitor may see. A bad parameter (a day that is not one, a query with nothing to find) is told
on the page, beside the form, never as an error page.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from letapis.search.query import Filters, search
from letapis.search.text import QueryError
from letapis.web import common
from letapis.web.access import public, user_or_none

PAGE_SIZE = 20
KEYS = ("q", "from", "to", "publisher", "language", "kind")
LANGUAGES = ("be", "ru", "en", "pl", "uk")


def _day(request: HttpRequest, key: str, errors: list[str]) -> Any:
    text = request.GET.get(key, "").strip()
    day = common.parse_day(text)
    if text != "" and day is None:
        errors.append(_("“%(value)s” is not a day: write it as YYYY-MM-DD.") % {"value": text})
    return day


@public
def search_page(request: HttpRequest) -> HttpResponse:
    """Sources and claims found by ``?q=``, best first, with snippets, filters and the persons
    each names; ``?format=json`` gives the sources from ``/api/v1/search``."""
    given = {key: request.GET[key].strip() for key in KEYS if request.GET.get(key, "").strip() != ""}
    if common.wants_json(request):
        return common.json_redirect(request, "/api/v1/search")
    errors: list[str] = []
    kind = given.get("kind")
    if kind not in (None, "source", "claim"):
        errors.append(_("Show sources, claims or both."))
        kind = None
    filters = Filters(
        start=_day(request, "from", errors),
        end=_day(request, "to", errors),
        publisher=given.get("publisher"),
        language=given.get("language"),
        kind=kind,
    )
    results = None
    page = common.page_of(request, 0, PAGE_SIZE)
    text = given.get("q", "")
    if text != "" and not errors:
        try:
            number = common.page_number(request)
            results = search(user_or_none(request), text, filters, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE)
            page = common.page_of(request, results.count, PAGE_SIZE)
            if page.number != number:  # past the last page: show the last one
                results = search(
                    user_or_none(request), text, filters, offset=(page.number - 1) * PAGE_SIZE, limit=PAGE_SIZE
                )
        except QueryError:
            errors.append(_("Type at least one word to find (a word with a minus sign only excludes)."))
    context = {
        "given": given,
        "errors": errors,
        "results": results,
        "page": page,
        "languages": LANGUAGES,
        # how many filters beside the words are set: the folded box says it, and opens
        "more_filters": sum(1 for key in KEYS if key != "q" and key in given),
    }
    return render(request, "search/search.html", context)
