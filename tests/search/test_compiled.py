"""The page query compiled once per audience is the ORM's query, and the levels the entries carry
follow their sources in the same transaction, whatever changes them."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from letapis.registry import services as s
from letapis.registry.models import Claim, Source
from letapis.search import query as q
from letapis.search.models import SearchEntry
from letapis.search.query import Filters, search
from letapis.search.text import parse

SHAPES = [
    Filters(),
    Filters(kind="source"),
    Filters(kind="claim"),
    Filters(start=date(2024, 1, 1)),
    Filters(end=date(2024, 12, 31), language="en"),
    Filters(start=date(2020, 1, 1), end=date(2025, 12, 31), language="be", kind="source"),
    Filters(publisher="PEN"),  # not compiled: the ORM's each time
]


@pytest.mark.parametrize("who", ["public", "viewer", "editor", "confidant", "inactive"])
@pytest.mark.parametrize("filters", SHAPES)
def test_the_compiled_query_is_the_orms(
    corpus: dict[str, Any], who: str, filters: Filters, viewer: Any, editor: Any, confidant: Any
) -> None:
    users = {"public": None, "viewer": viewer, "editor": editor, "confidant": confidant}
    if who == "inactive":
        confidant.is_active = False
        users[who] = confidant
    user = users[who]
    q._COMPILED.clear()
    for text, offset in (("Nobel", 0), ('"Peace Prize" -prison', 0), ("Bialacki OR колонию", 20), ("Nobel", 0)):
        query = parse(text)
        rank, match = q._match_params(query)
        ordered = q._ordered(user, filters, rank, match)
        assert q._page_sql(user, query, filters, offset, 20) == q._page_query(ordered, offset, 20)
        assert q._page_sql(user, query, filters, 0, 0, what="count") == q._count_query(ordered)
    # the stand-ins were placed: compiled for every shape but the publisher's
    assert any(v is not None for v in q._COMPILED.values()) == (filters.publisher is None)


def _sources(user: Any, text: str, **filters: Any) -> set[int]:
    return {h.source.pk for h in search(user, text, Filters(**filters)).hits}


def test_a_source_made_confidential_leaves_the_search_at_once(
    corpus: dict[str, Any], editor: Any, confidant: Any
) -> None:
    """Through the service that changes a level: the source and its claims are no longer found,
    counted or named for those who may not read the new level, in the same transaction."""
    nobel = corpus["nobel"]
    before = search(editor, "Бяляцкі")
    assert nobel.pk in {h.source.pk for h in before.hits}
    s.do_set_confidentiality(confidant, nobel, "confidential", reason="a witness is named")
    after = search(editor, "Бяляцкі")
    assert nobel.pk not in {h.source.pk for h in after.hits}
    assert after.count == before.count - 2  # the source and its public claim
    assert nobel.pk in _sources(confidant, "Бяляцкі")
    assert set(SearchEntry.objects.filter(source=nobel).values_list("source_level", flat=True)) == {"confidential"}


def test_any_write_of_a_source_is_followed(corpus: dict[str, Any], editor: Any) -> None:
    """A bulk update sends no signal: the database's triggers still carry the level, the date
    and the language to the entries (the source's and its claims')."""
    english = corpus["english"]
    Source.objects.filter(pk=english.pk).update(confidentiality="confidential")
    assert english.pk not in _sources(editor, "Nobel")
    assert english.pk not in _sources(None, "Nobel")
    Source.objects.filter(pk=english.pk).update(confidentiality="public", date=date(2019, 5, 1), language="be")
    assert english.pk in _sources(None, "Nobel", end=date(2019, 12, 31), language="be")
    assert english.pk not in _sources(None, "Nobel", language="en")


def test_django_cannot_write_a_level_of_its_own(corpus: dict[str, Any], editor: Any) -> None:
    """The entry's copy of its source's values is the database's: a save with other values, or a
    new entry without them, ends with the source's."""
    secret = corpus["secret"]
    entry = SearchEntry.objects.get(source=secret, kind="source")
    entry.source_level = "public"
    entry.save()
    SearchEntry.objects.filter(pk=entry.pk).update(source_level="public", source_date=None)
    entry.refresh_from_db()
    assert (entry.source_level, entry.source_date) == ("confidential", secret.date)
    assert _sources(editor, "Гарбузовы") == set()
    claim = Claim.objects.create(source=secret, kind="attribute", value={"x": "Гарбузовы"}, quote="Гарбузовы")
    assert SearchEntry.objects.get(claim=claim).source_level == "confidential"
