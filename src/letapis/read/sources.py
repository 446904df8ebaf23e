"""Sources and claims as the caller may see them (the API's ``/sources`` and ``/claims``)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.db.models import Q, QuerySet
from pydantic import BaseModel, Field

from letapis import access
from letapis.accounts.actor import Viewer
from letapis.read import records
from letapis.read.records import MAX_ID
from letapis.read.shapes import ClaimKindName
from letapis.registry.models import Claim, Source


class SourceFilters(BaseModel):
    q: str | None = Field(None, max_length=300, description="Part of the title, publisher or text.")
    language: str | None = Field(None, max_length=12)
    start: date | None = Field(None, alias="from", description="Dated on or after this day.")
    end: date | None = Field(None, alias="to", description="Dated on or before this day.")


def filter_sources(user: Viewer, filters: SourceFilters) -> QuerySet[Source]:
    """The sources ``user`` may see that pass ``filters``, newest first, without their text."""
    qs = access.visible_sources(user)
    text = records.clean(filters.q)
    if text:
        qs = qs.filter(Q(title__icontains=text) | Q(publisher__icontains=text) | Q(text__icontains=text))
    if filters.language:
        qs = qs.filter(language=filters.language)
    if filters.start is not None:
        qs = qs.filter(date__gte=filters.start)
    if filters.end is not None:
        qs = qs.filter(date__lte=filters.end)
    return qs.defer("text").order_by("-date", "-id")


def source_detail(source: Source, user: Viewer) -> dict[str, Any]:
    """A source (one ``user`` may see) with its text and the claims proposed from it that they
    may see, in the order of the text."""
    claims = access.visible_claims(user).filter(source=source).select_related("reviewer").order_by("span_start", "id")
    return {**records.source_json(source), "text": source.text, "claims": records.claims_json(claims, user)}


class ClaimFilters(BaseModel):
    state: Literal["proposed", "accepted", "rejected"] | None = None
    kind: ClaimKindName | None = None
    source: int | None = Field(None, ge=1, le=MAX_ID)
    person: int | None = Field(None, ge=1, le=MAX_ID)
    event: int | None = Field(None, ge=1, le=MAX_ID)


def filter_claims(user: Viewer, filters: ClaimFilters) -> QuerySet[Claim]:
    """The claims ``user`` may see that pass ``filters``, by source and span."""
    qs = access.visible_claims(user).select_related("reviewer")
    for field in ("state", "kind"):
        if getattr(filters, field) is not None:
            qs = qs.filter(**{field: getattr(filters, field)})
    for field in ("source", "person", "event"):
        if getattr(filters, field) is not None:
            qs = qs.filter(**{f"{field}_id": getattr(filters, field)})
    return qs.order_by("source_id", "span_start", "id")
