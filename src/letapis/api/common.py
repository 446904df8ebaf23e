"""What the endpoints share: paging parameters, pages as JSON, 404 and version checks.

The queries and who may see what are the read layer's (:mod:`letapis.read`,
:mod:`letapis.access`); this module turns their answers into the API's pages and errors.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.errors import HttpError

from letapis.read import records

MAX_LIMIT = 500


class Paging(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description=f"How many per page (1–{MAX_LIMIT}).")
    offset: int = Field(0, ge=0, le=10**9, description="How many to skip.")


def _page_url(request: HttpRequest, offset: int) -> str:
    params = request.GET.copy()
    params["offset"] = str(offset)
    return request.build_absolute_uri(request.path) + "?" + urlencode(list(params.lists()), doseq=True)


def page_json(request: HttpRequest, count: int, rows: Sequence[Any], paging: Paging, **extra: Any) -> dict[str, Any]:
    """A page of ``rows`` (already serialised) out of ``count``, with the neighbouring pages' URLs."""
    end = paging.offset + len(rows)
    return {
        **extra,
        "count": count,
        "limit": paging.limit,
        "offset": paging.offset,
        "next": _page_url(request, end) if end < count else None,
        "previous": _page_url(request, max(0, paging.offset - paging.limit)) if paging.offset > 0 else None,
        "results": rows,
    }


def paginate(
    request: HttpRequest,
    items: QuerySet[Any] | Sequence[Any],
    paging: Paging,
    serialize: Callable[[list[Any]], Sequence[Mapping[str, Any]]],
    **extra: Any,
) -> dict[str, Any]:
    """One page of ``items`` with the total and the neighbouring pages' URLs; ``serialize``
    turns the page's rows into JSON-ready dicts (in bulk, so a page costs a few queries)."""
    count, rows = records.counted_page(items, paging.offset, paging.limit)
    return page_json(request, count, serialize(rows), paging, **extra)


def get_or_404[M: Model](qs: QuerySet[M], pk: int, what: str) -> M:
    """The record ``pk`` of ``qs`` (already narrowed to what the caller may see), else 404 —
    the same answer whether it does not exist or is not the caller's to see."""
    try:
        return records.one_of(qs, pk, what)
    except records.NotFound as exc:
        raise HttpError(404, str(exc)) from exc


def require_version(version: int | None, record: str, read_from: str) -> int:
    """The ``version`` an edit states it was made on; without one the edit is refused with 428
    (Precondition Required), so that a script that forgot it cannot silently overwrite a change
    made meanwhile. ``read_from`` names where the caller reads the version."""
    if version is None:
        raise HttpError(
            428,
            f"send the version of the {record} you read (`version` from {read_from}): an edit without it is refused",
        )
    return version
