"""What the pages share: vocabulary labels in the page's language, pages of rows, JSON twins."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponseRedirect, QueryDict
from django.utils.translation import get_language

from letapis.names.collation import sort_key
from letapis.vocab import vocabulary

PAGE_SIZE = 50


def lang() -> str:
    code = (get_language() or "en").split("-")[0]
    return code if code in ("en", "be", "ru") else "en"


def label(vocab: str, code: str) -> str:
    """A vocabulary code's label in the page's language (the code itself when unknown)."""
    term = vocabulary(vocab).get(code)
    return code if term is None else term.label(lang())


def options(vocab: str) -> list[tuple[str, str]]:
    """(code, label) of a vocabulary, sorted by label in the page's language."""
    return _options(vocab, lang())


@cache
def _options(vocab: str, here: str) -> list[tuple[str, str]]:
    return sorted(((t.code, t.label(here)) for t in vocabulary(vocab)), key=lambda pair: sort_key(pair[1]))


def alphabetical(rows: Any) -> list[tuple[Any, str]]:
    """(id, name) rows in the alphabetical order of be, ru and Łacinka (letapis.names.collation)."""
    return sorted(rows, key=lambda row: (sort_key(row[1]), row[0]))


def parse_day(text: str | None) -> date | None:
    if text is None or text.strip() == "":
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


@dataclass(frozen=True)
class PageOf:
    """One page of a list: its number, the count, links to the neighbours (query strings)."""

    number: int
    count: int
    size: int
    previous: str | None
    next: str | None

    @property
    def first_row(self) -> int:
        return 0 if self.count == 0 else (self.number - 1) * self.size + 1

    @property
    def last_row(self) -> int:
        return min(self.count, self.number * self.size)

    @property
    def pages(self) -> int:
        return max(1, (self.count + self.size - 1) // self.size)


def page_number(request: HttpRequest) -> int:
    text = request.GET.get("page", "1")
    return int(text) if text.isdigit() and 0 < int(text) < 10**6 else 1


def with_params(params: QueryDict, **changes: Any) -> str:
    """``params`` as a query string with ``changes`` (``None`` removes a key)."""
    copy = params.copy()
    for key, value in changes.items():
        if value is None:
            copy.pop(key, None)
        else:
            copy[key] = str(value)
    return "?" + copy.urlencode() if copy else "?"


def page_of(request: HttpRequest, count: int, size: int = PAGE_SIZE) -> PageOf:
    number = min(page_number(request), max(1, (count + size - 1) // size))
    return PageOf(
        number=number,
        count=count,
        size=size,
        previous=with_params(request.GET, page=number - 1) if number > 1 else None,
        next=with_params(request.GET, page=number + 1) if number * size < count else None,
    )


def pager(request: HttpRequest, page: Any) -> PageOf:
    """A Django ``Paginator`` page as the one pager every list shows (``web/_pager.html``)."""
    number, size, count = page.number, page.paginator.per_page, page.paginator.count
    return PageOf(
        number=number,
        count=count,
        size=size,
        previous=with_params(request.GET, page=number - 1) if page.has_previous() else None,
        next=with_params(request.GET, page=number + 1) if page.has_next() else None,
    )


def past_the_end(request: HttpRequest, count: int, size: int = PAGE_SIZE) -> HttpResponseRedirect | None:
    """A ``?page=`` beyond the list's last page: a redirect to the last page (``None`` otherwise).

    Rendering it would show the pager of the last page above an empty table ("1–13 of 13" and
    "No person matches" at once); the redirect keeps the URL, the pager and the rows in agreement.
    """
    last = max(1, (count + size - 1) // size)
    if page_number(request) <= last:
        return None
    return HttpResponseRedirect(request.path + with_params(request.GET, page=last if last > 1 else None))


def api_twin(request: HttpRequest, api_path: str, *, rename: dict[str, str] | None = None) -> str:
    """The URL of the JSON API list that matches this page's filters (``page`` → offset)."""
    params: list[tuple[str, str]] = []
    for key, values in request.GET.lists():
        if key in ("page", "format", "names"):
            continue
        for value in values:
            if value != "":
                params.append(((rename or {}).get(key, key), value))
    number = page_number(request)
    params.append(("limit", str(PAGE_SIZE)))
    if number > 1:
        params.append(("offset", str((number - 1) * PAGE_SIZE)))
    return api_path + "?" + urlencode(params)


def wants_json(request: HttpRequest) -> bool:
    return request.GET.get("format") == "json"


def json_redirect(request: HttpRequest, api_path: str, **kwargs: Any) -> HttpResponseRedirect:
    """``?format=json`` on a list page: the same list from the API (same filters, same user)."""
    return HttpResponseRedirect(api_twin(request, api_path, **kwargs))


def option_tags(choices: Any, selected: str | None) -> str:
    """``<option>`` elements of ``(value, label)`` pairs, ``selected`` marked: built here rather
    than in a template loop, which costs a list of hundreds of places or occupations dearly."""
    from html import escape

    from django.utils.safestring import mark_safe

    parts = []
    for value, text in choices:
        value = str(value)
        mark = " selected" if value == selected else ""
        parts.append(f'<option value="{escape(value)}"{mark}>{escape(str(text))}</option>')
    return mark_safe("".join(parts))  # noqa: S308 — every value and label is escaped above


def set_choices(form: forms.BaseForm, name: str, choices: Iterable[tuple[Any, Any]]) -> None:
    """Give the choice field ``name`` of ``form`` the choices known only per request (the
    levels a user may read, a vocabulary in the page's language)."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField), f"{name} is not a choice field"
    field.choices = list(choices)
