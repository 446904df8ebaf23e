"""Searching the index as one user may see it.

:func:`search` answers a page of hits, best first, with the number of hits, each with its
snippet and the persons it names. Who may see a hit is decided by :mod:`letapis.access`
alone, on the record itself, inside the query: a source the user may not read, a claim they may
not see (:func:`~letapis.access.visible_claims`) is never matched, counted or
snippeted. The full-text part is the database's (:func:`_matching`); the rest is the ORM.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Window

from letapis import access
from letapis.accounts.actor import Viewer
from letapis.registry.models import Claim, Source
from letapis.search.models import EntryKind, SearchEntry
from letapis.search.text import Query, fts5_query, parse, snippet, tsquery


@dataclass(frozen=True)
class Filters:
    start: date | None = None
    end: date | None = None
    publisher: str | None = None
    language: str | None = None
    kind: str | None = None  # "source", "claim" or None for both


@dataclass
class Hit:
    kind: str
    source: Source
    claim: Claim | None
    snippet: str
    persons: list[Any] = field(default_factory=list)


@dataclass
class Results:
    query: Query
    count: int
    hits: list[Hit]


def _matching(qs: QuerySet[SearchEntry], query: Query) -> QuerySet[SearchEntry]:
    """``qs`` narrowed to the entries the full-text ``query`` matches, with their ``rank``
    (larger is better) — the only database-specific part."""
    table = SearchEntry._meta.db_table
    if connection.vendor == "postgresql":
        text = tsquery(query)
        return qs.extra(
            select={"rank": "ts_rank(search_searchtext.vector, to_tsquery('simple', %s))"},
            select_params=[text],
            tables=["search_searchtext"],
            where=[f"search_searchtext.entry_id = {table}.id", "search_searchtext.vector @@ to_tsquery('simple', %s)"],
            params=[text],
        )
    # bm25 would weigh words by their frequency in every document, hidden ones included
    exact = "search_fts.rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
    return qs.extra(
        select={"rank": f"CASE WHEN {exact} THEN 1 ELSE 0 END"},
        select_params=[fts5_query(query, exact_only=True)],
        tables=["search_fts"],
        where=[f"search_fts.rowid = {table}.id", "search_fts MATCH %s"],
        params=[fts5_query(query)],
    )


def visible_entries(user: Viewer, qs: QuerySet[SearchEntry] | None = None) -> QuerySet[SearchEntry]:
    """Entries of records ``user`` may see: of a source they may read, of a claim they may see.
    Row by row (a join on the source, ``Exists`` on the claim's key), so that a search matching
    a few entries does not first list every visible record."""
    qs = SearchEntry.objects.all() if qs is None else qs
    source_seen = access.visible_q(user, "source")  # a join: the covering index on the sources serves it
    claim_seen = Exists(access.visible_claims(user, Claim.objects.filter(pk=OuterRef("claim_id"))))
    return qs.filter(Q(kind=EntryKind.SOURCE) & source_seen | Q(kind=EntryKind.CLAIM) & claim_seen)


def _filtered(qs: QuerySet[SearchEntry], filters: Filters) -> QuerySet[SearchEntry]:
    if filters.kind is not None:
        qs = qs.filter(kind=filters.kind)
    if filters.start is not None:
        qs = qs.filter(source__date__gte=filters.start)
    if filters.end is not None:
        qs = qs.filter(source__date__lte=filters.end)
    if filters.publisher:
        qs = qs.filter(source__publisher__icontains=filters.publisher)
    if filters.language:
        qs = qs.filter(source__language=filters.language)
    return qs


def matching(user: Viewer, query: Query, filters: Filters | None = None) -> QuerySet[SearchEntry]:
    """The entries ``user`` may see that ``query`` matches, best first."""
    qs = _filtered(visible_entries(user), filters or Filters())
    # sources before their claims at the same rank ("source" > "claim"), then the newest
    # ``rank`` is selected by _matching() with extra(), which the plugin does not see
    return _matching(qs, query).order_by(
        "-rank",  # type: ignore[misc]  # selected with extra() in _matching()
        "-kind",
        F("source__date").desc(nulls_last=True),
        "-id",
    )


#: The join on the hits' sources, as the ORM writes it, and as SQLite should run it: through
#: the covering index ``search_source_access`` (migration 0002) — the level the access rule
#: reads and the date the order reads, without reading each source's row (its whole text).
_SOURCE_JOIN = 'INNER JOIN "registry_source" ON'
_SOURCE_JOIN_INDEXED = 'INNER JOIN "registry_source" INDEXED BY search_source_access ON'


def _rows(qs: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The rows of ``qs``. SQLite's planner looks a source up by its key in the table, never
    in the covering index: for a few thousand matches that is most of the query's time
    (16 → 11 ms at 100,000 documents). Only the join is hinted; its conditions (the access
    rule's included) are the ORM's, unchanged."""
    if connection.vendor != "sqlite":
        return list(qs)
    sql, params = qs.query.sql_with_params()
    if sql.count(_SOURCE_JOIN) != 1:
        return list(qs)
    with connection.cursor() as cursor:
        cursor.execute(sql.replace(_SOURCE_JOIN, _SOURCE_JOIN_INDEXED), params)
        return [tuple(row) for row in cursor.fetchall()]


def _persons_named(user: Viewer, hits: list[Hit]) -> None:
    """Fill each hit's persons: of a source, the persons its claims the user sees are about; of
    a claim, its person — the persons themselves as :func:`~access.visible_persons` allows."""
    source_ids = {h.source.pk for h in hits if h.kind == EntryKind.SOURCE}
    # the page's claims first, by their keys: given the sources alone, SQLite's planner starts
    # from the visible sources (every one of them) rather than from the claims of the page
    named = list(Claim.objects.filter(source_id__in=source_ids, person__isnull=False).values_list("pk", flat=True))
    # no query for nothing: building the access rule's query costs more than running it
    pairs: list[tuple[int, int]] = []
    if named:
        claims = access.visible_claims(user, Claim.objects.filter(pk__in=named))
        pairs = list(claims.values_list("source_id", "person_id").distinct())
    wanted = {p for _, p in pairs} | {h.claim.person_id for h in hits if h.claim is not None and h.claim.person_id}
    persons: dict[int, Any] = {}
    if wanted:
        shown = access.visible_persons(user).filter(pk__in=wanted).order_by("display_name", "id")
        persons = {p.pk: p for p in shown}
    by_source: dict[int, list[Any]] = {}
    for source_id, person_id in pairs:
        if person_id in persons:
            by_source.setdefault(source_id, []).append(persons[person_id])
    for hit in hits:
        if hit.claim is not None:
            hit.persons = [persons[hit.claim.person_id]] if hit.claim.person_id in persons else []
        else:
            hit.persons = sorted(by_source.get(hit.source.pk, []), key=lambda p: (p.display_name, p.pk))


def search(
    user: Viewer, text: str, filters: Filters | None = None, *, offset: int = 0, limit: int = 20, persons: bool = True
) -> Results:
    """A page of what ``user`` finds with the query ``text`` (:class:`~letapis.search.text.QueryError`
    when it is not a query): the count, and the hits with their snippets and named persons."""
    query = parse(text)
    qs = matching(user, query, filters)
    # the count and the page in one pass over the matches (a window over the whole result)
    found = _rows(
        qs.annotate(total=Window(Count("pk"))).values_list("id", "kind", "source_id", "claim_id", "total")[
            offset : offset + limit
        ]
    )
    count = found[0][4] if found else (qs.count() if offset > 0 else 0)
    rows = [row[:4] for row in found]
    sources = Source.objects.in_bulk([r[2] for r in rows])
    claims = Claim.objects.in_bulk([r[3] for r in rows if r[3] is not None])
    hits: list[Hit] = []
    for _, kind, source_id, claim_id in rows:
        source = sources[source_id]
        claim = claims.get(claim_id) if claim_id is not None else None
        text_of = claim.quote if claim is not None else source.text
        cut = snippet(text_of, query)
        if cut == "" and claim is not None:
            cut = snippet(" ".join(str(v) for v in _values(claim.value)), query)
        if cut == "":
            cut = snippet(source.title, query)
        hits.append(Hit(kind=kind, source=source, claim=claim, snippet=cut))
    if persons:
        _persons_named(user, hits)
    return Results(query=query, count=count, hits=hits)


def _values(value: Any) -> list[str]:
    from letapis.search.index import value_words

    return list(value_words(value))
