"""Searching the index as one user may see it.

:func:`search` answers a page of hits, best first, with the number of hits, each with its
snippet and the persons it names. Who may see a hit is decided inside the query by the levels
:mod:`letapis.access` gives the user: a source of a level they may not read (its level
as its entry carries it, which the database keeps equal to the source's), a claim they may not
see (:func:`~letapis.access.visible_claims`, on the claim's records) is never matched,
counted or snippeted. The full-text part is the database's (:func:`_matching`); the rest is the
ORM's, compiled once per audience (:func:`_page_sql`).
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


def _match_params(query: Query) -> tuple[str, str]:
    """The two full-text parameters of :func:`_matching`: what ranks, what matches."""
    if connection.vendor == "postgresql":
        text = tsquery(query)
        return text, text
    return fts5_query(query, exact_only=True), fts5_query(query)


def _matching(qs: QuerySet[SearchEntry], rank: str, match: str) -> QuerySet[SearchEntry]:
    """``qs`` narrowed to the entries the full-text expression ``match`` matches, with their
    ``rank`` (larger is better) by the expression ``rank`` (:func:`_match_params`) — the only
    database-specific part."""
    table = SearchEntry._meta.db_table
    if connection.vendor == "postgresql":
        return qs.extra(
            select={"rank": "ts_rank(search_searchtext.vector, to_tsquery('simple', %s))"},
            select_params=[rank],
            tables=["search_searchtext"],
            where=[f"search_searchtext.entry_id = {table}.id", "search_searchtext.vector @@ to_tsquery('simple', %s)"],
            params=[match],
        )
    # bm25 would weigh words by their frequency in every document, hidden ones included
    exact = "search_fts.rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
    return qs.extra(
        select={"rank": f"CASE WHEN {exact} THEN 1 ELSE 0 END"},
        select_params=[rank],
        tables=["search_fts"],
        where=[f"search_fts.rowid = {table}.id", "search_fts MATCH %s"],
        params=[match],
    )


def visible_entries(user: Viewer, qs: QuerySet[SearchEntry] | None = None) -> QuerySet[SearchEntry]:
    """Entries of records ``user`` may see: of a source of a level they read (the source's level
    as the entry carries it, kept by the database: :mod:`letapis.search.models`), of a claim they
    may see (:func:`~letapis.access.visible_claims`, on the claim and its records
    themselves). Row by row (``Exists`` on the claim's key), so that a search matching a few
    entries does not first list every visible record."""
    qs = SearchEntry.objects.all() if qs is None else qs
    source_seen = Q(source_level__in=access.levels_for(user))  # access.visible_q(user, "source"), carried
    claim_seen = Exists(access.visible_claims(user, Claim.objects.filter(pk=OuterRef("claim_id"))))
    return qs.filter(source_seen & (Q(kind=EntryKind.SOURCE) | Q(kind=EntryKind.CLAIM) & claim_seen))


def _filtered(qs: QuerySet[SearchEntry], filters: Filters) -> QuerySet[SearchEntry]:
    if filters.kind is not None:
        qs = qs.filter(kind=filters.kind)
    if filters.start is not None:
        qs = qs.filter(source_date__gte=filters.start)
    if filters.end is not None:
        qs = qs.filter(source_date__lte=filters.end)
    if filters.publisher:
        qs = qs.filter(source__publisher__icontains=filters.publisher)
    if filters.language:
        qs = qs.filter(source_language=filters.language)
    return qs


def matching(user: Viewer, query: Query, filters: Filters | None = None) -> QuerySet[SearchEntry]:
    """The entries ``user`` may see that ``query`` matches, best first."""
    return _ordered(user, filters or Filters(), *_match_params(query))


def _ordered(user: Any, filters: Filters, rank: str, match: str) -> QuerySet[SearchEntry]:
    qs = _filtered(visible_entries(user), filters)
    # sources before their claims at the same rank ("source" > "claim"), then the newest
    # ``rank`` is selected by _matching() with extra(), which the plugin does not see
    return _matching(qs, rank, match).order_by(
        "-rank",  # type: ignore[misc]  # selected with extra() in _matching()
        "-kind",
        F("source_date").desc(nulls_last=True),
        "-id",
    )


#: The columns of a row of hits.
_HIT = ("id", "kind", "source_id", "claim_id")


def _page_query(qs: QuerySet[SearchEntry], offset: int, limit: int) -> tuple[str, tuple[Any, ...]]:
    """The SQL of the page of ``qs``. On PostgreSQL each row carries the number of all hits (a
    window over the whole result: one pass over the matches, whose every vector PostgreSQL reads
    to match and to rank them). On SQLite a window keeps every match for the sort (17 ms for
    2,800 matches where the page alone takes 3 and the count 2.6): the count is asked apart
    (:func:`_count_query`)."""
    if connection.vendor == "postgresql":
        return _sql_of(qs.annotate(total=Window(Count("pk"))).values_list(*_HIT, "total")[offset : offset + limit])
    return _sql_of(qs.values_list(*_HIT)[offset : offset + limit])


def _count_query(qs: QuerySet[SearchEntry]) -> tuple[str, tuple[Any, ...]]:
    """The SQL of the number of rows of ``qs``."""
    inner, params = _sql_of(qs.order_by().values_list("id"))
    return f"SELECT COUNT(*) FROM ({inner}) hits", params


# --- the page's query, compiled once per audience and shape --------------------------------------
#
# Building the query above through the ORM — the access rule's conditions and subqueries, the
# filters, the full-text part — and compiling it to SQL costs about 3 ms a search, more than
# the database takes to answer a rare word. Its SQL depends on the searcher only through the
# levels they read (``access.levels_for``: the access rule's only input), and on the filters
# only through which of them are set; the values (the full-text expressions, the days, the
# language) are parameters. So it is compiled once per (levels, shape) with stand-in values,
# and a search puts its own values in their places. The SQL is the ORM's, unchanged: nothing
# of the rule is written twice. ``tests/search/test_compiled.py`` holds it equal to the ORM's.

#: Stand-ins for the values of a search: told apart from every other parameter of the query
#: (levels, kinds, states) by their form, and never a value a search could be confused with
#: (their place is taken from the stand-in query, not from the values given).
_STAND_INS: dict[str, Any] = {
    "rank": "\x00letapis-search-rank\x00",
    "match": "\x00letapis-search-match\x00",
    "language": "\x00letapis-search-language\x00",
    "start": date(1, 1, 2),
    "end": date(1, 1, 3),
}


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]
    slots: tuple[tuple[int, str], ...]  # (index in params, name of the value that goes there)


#: Compiled page queries by (database, levels, filters' shape, offset, limit); bounded.
_COMPILED: dict[tuple[Any, ...], _Compiled | None] = {}
_COMPILED_MAX = 512


def _shape(what: str, user: Any, filters: Filters, offset: int, limit: int) -> tuple[Any, ...] | None:
    """The key of a search's compiled query; ``None`` when it is not compiled (a publisher:
    ``icontains`` rewrites its value)."""
    if filters.publisher:
        return None
    return (
        what,
        connection.alias,
        connection.vendor,
        access.levels_for(user),
        filters.kind,
        filters.start is not None,
        filters.end is not None,
        bool(filters.language),
        offset,
        limit,
    )


def _compile(what: str, user: Any, filters: Filters, offset: int, limit: int) -> _Compiled | None:
    """The page (or count) query of this shape with the stand-ins, and where each stand-in
    landed; ``None`` when a stand-in is not found exactly once (then the ORM builds each
    search's query)."""
    stand_in = Filters(
        start=_STAND_INS["start"] if filters.start is not None else None,
        end=_STAND_INS["end"] if filters.end is not None else None,
        language=_STAND_INS["language"] if filters.language else None,
        kind=filters.kind,
    )
    qs = _ordered(user, stand_in, _STAND_INS["rank"], _STAND_INS["match"])
    sql, params = _query_of(what, qs, offset, limit)
    ranked = what == "page"  # the count has no order, hence no rank
    wanted = {
        "rank": ranked,
        "match": True,
        "start": stand_in.start,
        "end": stand_in.end,
        "language": stand_in.language,
    }
    adapted = {name: _adapt(name, _STAND_INS[name]) for name, given in wanted.items() if given}
    slots = [(i, name) for i, p in enumerate(params) for name, value in adapted.items() if _same(p, value)]
    if sorted(name for _, name in slots) != sorted(adapted):
        return None
    return _Compiled(sql, tuple(params), tuple(slots))


def _adapt(name: str, value: Any) -> Any:
    """A value as the ORM passes it to the database (a day: ``adapt_datefield_value``)."""
    return connection.ops.adapt_datefield_value(value) if name in ("start", "end") else value


def _same(param: Any, value: Any) -> bool:
    return type(param) is type(value) and param == value


def _query_of(what: str, qs: QuerySet[SearchEntry], offset: int, limit: int) -> tuple[str, tuple[Any, ...]]:
    return _page_query(qs, offset, limit) if what == "page" else _count_query(qs)


def _page_sql(
    user: Any, query: Query, filters: Filters, offset: int, limit: int, what: str = "page"
) -> tuple[str, tuple[Any, ...]]:
    """The SQL and parameters of a page of hits (``what="page"``) or of their number
    (``"count"``): the compiled query of its shape with the search's values in place, or the
    ORM's."""
    rank, match = _match_params(query)
    key = _shape(what, user, filters, offset, limit)
    compiled = None
    if key is not None:
        if key not in _COMPILED:
            if len(_COMPILED) >= _COMPILED_MAX:
                _COMPILED.clear()
            _COMPILED[key] = _compile(what, user, filters, offset, limit)
        compiled = _COMPILED[key]
    if compiled is None:
        return _query_of(what, _ordered(user, filters, rank, match), offset, limit)
    values = {
        "rank": rank,
        "match": match,
        "language": filters.language,
        "start": None if filters.start is None else _adapt("start", filters.start),
        "end": None if filters.end is None else _adapt("end", filters.end),
    }
    params = list(compiled.params)
    for index, name in compiled.slots:
        params[index] = values[name]
    return compiled.sql, tuple(params)


def _sql_of(qs: QuerySet[Any]) -> tuple[str, tuple[Any, ...]]:
    sql, params = qs.query.sql_with_params()
    return sql, tuple(params)


def _run(sql: str, params: Any) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
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
        shown = access.visible_persons(user).filter(pk__in=wanted).order_by("name_key", "id")
        persons = {p.pk: p for p in shown}
    by_source: dict[int, list[Any]] = {}
    for source_id, person_id in pairs:
        if person_id in persons:
            by_source.setdefault(source_id, []).append(persons[person_id])
    for hit in hits:
        if hit.claim is not None:
            hit.persons = [persons[hit.claim.person_id]] if hit.claim.person_id in persons else []
        else:
            hit.persons = sorted(by_source.get(hit.source.pk, []), key=lambda p: (p.name_key, p.pk))


def search(
    user: Viewer, text: str, filters: Filters | None = None, *, offset: int = 0, limit: int = 20, persons: bool = True
) -> Results:
    """A page of what ``user`` finds with the query ``text`` (:class:`~letapis.search.text.QueryError`
    when it is not a query): the count, and the hits with their snippets and named persons."""
    query = parse(text)
    filters = filters or Filters()
    found = _run(*_page_sql(user, query, filters, offset, limit))
    if found and len(found[0]) > len(_HIT):  # the number of hits beside each row
        count = found[0][len(_HIT)]
    elif found or offset > 0:
        count = _run(*_page_sql(user, query, filters, 0, 0, what="count"))[0][0]
    else:
        count = 0
    rows = [row[: len(_HIT)] for row in found]
    sources = Source.objects.in_bulk([r[2] for r in rows])
    claims = Claim.objects.in_bulk([r[3] for r in rows if r[3] is not None])
    hits: list[Hit] = []
    seen: dict[str, bool] = {}  # the words of the page's texts the query finds, tried once
    for _, kind, source_id, claim_id in rows:
        source = sources[source_id]
        claim = claims.get(claim_id) if claim_id is not None else None
        text_of = claim.quote if claim is not None else source.text
        cut = snippet(text_of, query, seen=seen)
        if cut == "" and claim is not None:
            cut = snippet(" ".join(str(v) for v in _values(claim.value)), query, seen=seen)
        if cut == "":
            cut = snippet(source.title, query, seen=seen)
        hits.append(Hit(kind=kind, source=source, claim=claim, snippet=cut))
    if persons:
        _persons_named(user, hits)
    return Results(query=query, count=count, hits=hits)


def _values(value: Any) -> list[str]:
    from letapis.search.index import value_words

    return list(value_words(value))
