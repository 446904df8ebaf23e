"""What the read layer shares: records as plain data, as the caller may see them, and pages.

Both the JSON API (:mod:`letapis.api`) and the pages (:mod:`letapis.web`) render what these
functions give; who may see what is decided in :mod:`letapis.access` alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from operator import attrgetter
from typing import Any, Literal, Protocol, runtime_checkable

from django.db import connection
from django.db.models import Count, Model, QuerySet, Window

from letapis import access
from letapis.accounts.actor import Viewer
from letapis.audit.reads import CONFIDENTIAL, record_read, record_reads
from letapis.read.shapes import EventPlace, EventRow, NoteRow, OrganisationRow
from letapis.registry.models import Claim, Event, Note, Organisation, Place, Source
from letapis.registry.queries import SourceRef, name_walk_sql
from letapis.review import candidates
from letapis.vocab import vocabulary

#: The largest id a filter or a path takes (a 64-bit signed integer, what both databases store).
MAX_ID = 2**63 - 1

#: The levels a filter may name.
Level = Literal["public", "internal", "confidential"]


class Refused(ValueError):
    """A filter or an input the read layer cannot use (an unknown occupation, an event type
    not in the vocabulary): the API answers it with 400, a page shows the message."""


@runtime_checkable
class CountedPages(Protocol):
    """A sequence that reads a page and its total together
    (:meth:`letapis.registry.queries.HeldRows.counted_page`)."""

    def counted_page(self, offset: int, limit: int) -> tuple[int, list[Any]]: ...


class CountedApart:
    """The pages of a query whose total a quicker query of the same number gives (for
    :func:`counted_page`): ``count`` must count exactly the rows of ``items``. On SQLite the page
    carries its total instead (``COUNT(*) OVER ()``: the query that finds the rows is run once,
    as :meth:`letapis.registry.queries.HeldRows.counted_page` does and for the same reason), or,
    for persons in name order whose matches are dense, is read by walking the name index
    (:func:`letapis.registry.queries.name_walk_sql`)."""

    def __init__(self, items: QuerySet[Any], count: Callable[[], int], *, persons_by_name: bool = False) -> None:
        self.items = items
        self.count = count
        self.persons_by_name = persons_by_name

    def counted_page(self, offset: int, limit: int) -> tuple[int, list[Any]]:
        if connection.vendor == "sqlite" and self.persons_by_name:
            total = self.count()
            walk = name_walk_sql(self.items, total, offset, limit)
            if walk is not None:
                return total, list(self.items.model.objects.raw(*walk))
        if connection.vendor == "sqlite":
            rows = list(self.items.annotate(page_total=Window(Count("pk")))[offset : offset + limit])
            if rows:  # a page past the end has no row to carry the total
                return rows[0].page_total, rows
        return self.count(), list(self.items[offset : offset + limit])


class NotFound(LookupError):
    """The record asked for does not exist or is not the caller's to see (one answer for both)."""


def one_of[M: Model](qs: QuerySet[M], pk: int, what: str) -> M:
    """The record ``pk`` of ``qs`` (already narrowed to what the caller may see), else
    :class:`NotFound` — the same whether it does not exist or is not the caller's to see."""
    obj = next(iter(qs.filter(pk=pk).order_by()[:1]), None)  # one row: no ORDER BY (see in_order)
    if obj is None:
        raise NotFound(f"no {what} {pk}")
    return obj


def validation_messages(exc: Any) -> list[str]:
    """Short, translated messages naming the fields of a pydantic ValidationError (of the
    filters of :mod:`letapis.read.persons` or :mod:`letapis.read.events`), for a page or an export."""
    from django.utils.translation import gettext as _

    fields = sorted({str(err["loc"][-1]) for err in exc.errors() if err.get("loc")})
    return [_("“%(field)s” has a value that cannot be used.") % {"field": field} for field in fields]


def counted_page(items: QuerySet[Any] | Sequence[Any], offset: int, limit: int) -> tuple[int, list[Any]]:
    """The total of ``items`` and the rows ``offset`` to ``offset + limit`` (one query where
    ``items`` reads both together: :class:`CountedPages`)."""
    if isinstance(items, CountedPages):
        return items.counted_page(offset, limit)
    count = items.count() if isinstance(items, QuerySet) else len(items)
    return count, list(items[offset : offset + limit])


def clean(text: str | None) -> str | None:
    """A text parameter without NUL characters (PostgreSQL refuses them) and surrounding space."""
    if text is None:
        return None
    return text.replace("\x00", "").strip()


def in_order[M: Model](qs: QuerySet[M], key: Callable[[M], Any] = attrgetter("pk")) -> list[M]:
    """The records of ``qs`` sorted here by ``key`` (by default in the order of entry) — for the
    handful of rows a page reads about one person. Django spends more compiling an ORDER BY than
    sorting them takes: it hashes every selected column, each hash an ``inspect`` signature
    binding (a tenth of a person page's time on SQLite, in a profile)."""
    return sorted(qs.order_by(), key=key)


def events_dated(
    events: QuerySet[Event], event_type: str | None, start: date | None, end: date | None
) -> QuerySet[Event]:
    """``events`` of ``event_type`` whose latest day is on or after ``start`` and on or before
    ``end`` (each filter only when given); :class:`Refused` for an unknown event type."""
    if event_type:
        if event_type not in vocabulary("event_types"):
            raise Refused(f"unknown event type {event_type!r}")
        events = events.filter(type=event_type)
    if start is not None:
        events = events.filter(date_latest__gte=start)
    if end is not None:
        events = events.filter(date_latest__lte=end)
    return events


def label_of(vocab: str, code: str) -> str:
    term = vocabulary(vocab).get(code)
    return code if term is None else term.label("en")


def place_json(place: Place | None, user: Viewer) -> EventPlace | None:
    """A place as ``user`` may see it: ``None`` for one of a level they may not read."""
    place = access.place_shown(user, place)
    if place is None:
        return None
    return {"id": place.pk, "name": place.name, "kind": place.kind, "country": place.country}


def event_json(event: Event, user: Viewer) -> EventRow:
    return {
        "id": event.pk,
        "type": event.type,
        "date": event.date,
        "date_earliest": None if event.date_earliest is None else event.date_earliest.isoformat(),
        "date_latest": None if event.date_latest is None else event.date_latest.isoformat(),
        "place": place_json(event.place, user),
        "description": event.description,
        "count": event.count,
        "foreign_nationals": event.foreign_nationals,
        "destinations": list(event.destinations),
        "forced_exile": event.forced_exile,
        "parent_id": event.parent_id,
        "confidentiality": event.confidentiality,
    }


def events_json(events: Iterable[Event], user: Viewer) -> list[EventRow]:
    return [event_json(e, user) for e in events]


def organisation_json(org: Organisation) -> OrganisationRow:
    return {
        "id": org.pk,
        "name": org.name,
        "aliases": list(org.aliases),
        "kind": org.kind,
        "country": org.country,
        "confidentiality": org.confidentiality,
    }


def organisations_json(orgs: Iterable[Organisation]) -> list[OrganisationRow]:
    return [organisation_json(o) for o in orgs]


def source_json(source: Source) -> dict[str, Any]:
    return {
        "id": source.pk,
        "title": source.title,
        "filename": source.filename,
        "publisher": source.publisher,
        "url": source.url,
        "date": None if source.date is None else source.date.isoformat(),
        "language": source.language,
        "reliability": source.reliability,
        "confidentiality": source.confidentiality,
        "media_type": source.media_type,
        "size": source.size,
        "sha256": source.sha256,
    }


def sources_json(sources: Iterable[Source]) -> list[dict[str, Any]]:
    return [source_json(s) for s in sources]


def _proposer(claim: Claim, user: Viewer) -> str:
    """Who proposed a claim; a team member's name is not shown to the public."""
    if access.is_public_only(user) and claim.proposer.startswith("user:"):
        return "user"
    return claim.proposer


def claim_json(claim: Claim, user: Viewer, sight: candidates.Sight | None = None) -> dict[str, Any]:
    """A claim as ``user`` may see it: a person claim's candidates only those they may see."""
    team = not access.is_public_only(user)
    if sight is None:
        sight = candidates.sight_of(user, [claim.value])
    return {
        "id": claim.pk,
        "source_id": claim.source_id,
        "kind": claim.kind,
        "value": candidates.shown_value(claim.value, sight)
        if isinstance(claim.value, dict)
        else {"value": claim.value},
        "quote": claim.quote,
        "span_start": claim.span_start,
        "span_end": claim.span_end,
        "proposer": _proposer(claim, user),
        "confidence": claim.confidence,
        "state": claim.state,
        "confidentiality": claim.confidentiality,
        "person_id": claim.person_id,
        "event_id": claim.event_id,
        "record_type": claim.record_type,
        "record_id": claim.record_id,
        "version": claim.version,
        "reviewer": claim.reviewer.get_username() if team and claim.reviewer is not None else None,
        "reviewed_at": None if claim.reviewed_at is None else claim.reviewed_at.isoformat(),
    }


def claims_json(claims: Iterable[Claim], user: Viewer) -> list[dict[str, Any]]:
    claims = list(claims)
    sight = candidates.sight_of(user, [c.value for c in claims])
    return [claim_json(c, user, sight) for c in claims]


def source_refs(refs: Iterable[SourceRef]) -> list[SourceRef]:
    return [SourceRef(**r) for r in refs]


def notes_json(qs: QuerySet[Note], user: Viewer) -> list[NoteRow]:
    """The notes of ``qs`` that ``user`` may read, oldest first; the author's name for the team only."""
    team = not access.is_public_only(user)
    return [
        {
            "id": n.pk,
            "text": n.text,
            "confidentiality": n.confidentiality,
            "author": n.author.get_username() if team and n.author is not None else None,
            "created_at": n.created_at.isoformat(),
        }
        for n in in_order(access.visible(user, qs.select_related("author")), key=lambda n: (n.created_at, n.pk))
    ]


def record_detail(user: Viewer, obj: Model, detail: Mapping[str, Any], how: str) -> None:
    """Record the reads of a record's page or API answer (:mod:`letapis.audit.reads`): the
    record, and the confidential notes it lists (``detail["notes"]``, as :func:`notes_json`
    gives them)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return
    record_read(user, obj, how)
    secret = [n["id"] for n in detail.get("notes", []) if n.get("confidentiality") == CONFIDENTIAL]
    if secret:
        record_reads(user, Note.objects.filter(pk__in=secret), how)
