"""Searching as a user may see: words in any script, snippets, filters, confidentiality."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from letapis.search.query import Filters, search
from letapis.search.text import QueryError


def sources_found(user: Any, text: str, **filters: Any) -> list[int]:
    return [h.source.pk for h in search(user, text, Filters(**filters)).hits if h.kind == "source"]


def test_it_finds_nobel_in_a_source_text(corpus: dict[str, Any], editor: Any) -> None:
    found = sources_found(editor, "Nobel")
    assert corpus["english"].pk in found
    assert corpus["nobel"].pk in found  # Нобелеўскай, through its folded key


def test_a_lacinka_query_finds_the_cyrillic_text(corpus: dict[str, Any], editor: Any) -> None:
    assert corpus["nobel"].pk in sources_found(editor, "Bialacki")
    assert corpus["nobel"].pk in sources_found(editor, "Aleś Bialacki")
    assert sources_found(editor, "Bialiatski")[:2] != []  # the English press form too


def test_russian_and_belarusian_words(corpus: dict[str, Any], editor: Any) -> None:
    # the Russian word first, then the Belarusian калоніі: one folded stem
    assert sources_found(editor, "колонию") == [corpus["russian"].pk, corpus["nobel"].pk]
    assert sources_found(editor, "Колесникова") == [corpus["russian"].pk]  # another case ending
    assert corpus["nobel"].pk in sources_found(editor, "прэміі міру")


def test_the_exact_word_ranks_first(corpus: dict[str, Any], editor: Any) -> None:
    assert sources_found(editor, "Nobel")[0] == corpus["english"].pk


def test_snippets_mark_the_match(corpus: dict[str, Any], editor: Any) -> None:
    hit = next(h for h in search(editor, "Bialacki", Filters(kind="source")).hits if h.source == corpus["nobel"])
    assert "<mark>Бяляцкі</mark>" in hit.snippet


def test_snippets_are_escaped(db: Any, editor: Any) -> None:
    from tests.search.conftest import make_source

    make_source("<script>alert(1)</script> Nobel", level="internal")
    hit = search(editor, "Nobel").hits[0]
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet


def test_operators(corpus: dict[str, Any], editor: Any) -> None:
    assert sources_found(editor, "Nobel -prison") == [corpus["nobel"].pk]
    assert set(sources_found(editor, "колонию OR Viasna")) == {
        corpus["russian"].pk,
        corpus["english"].pk,
        corpus["nobel"].pk,
    }
    assert sources_found(editor, '"Peace Prize"') == [corpus["english"].pk]
    assert sources_found(editor, '"Prize Peace"') == []
    assert sources_found(editor, "Koles*") == [corpus["russian"].pk]


def test_filters(corpus: dict[str, Any], editor: Any) -> None:
    assert sources_found(editor, "Nobel", language="en") == [corpus["english"].pk]
    assert sources_found(editor, "Nobel", publisher="pen belarus") == [corpus["nobel"].pk]
    assert sources_found(editor, "Nobel", start=date(2025, 1, 1)) == [corpus["nobel"].pk]
    assert sources_found(editor, "Nobel", end=date(2024, 12, 31)) == [corpus["english"].pk]


def test_a_confidential_source_is_not_found_without_the_grant(
    corpus: dict[str, Any], editor: Any, confidant: Any
) -> None:
    assert search(editor, "Гарбузовы").count == 0
    assert search(editor, "Garbuzovy").hits == []
    assert search(None, "Гарбузовы").count == 0
    found = search(confidant, "Гарбузовы")
    assert found.count == 2  # the letter and the confidential claim
    assert {h.kind for h in found.hits} == {"source", "claim"}


def test_counts_exclude_what_the_user_may_not_see(corpus: dict[str, Any], editor: Any, confidant: Any) -> None:
    assert search(editor, "сведка").count == 0
    assert search(confidant, "сведка").count == 2


def test_persons_named_are_those_the_user_sees(corpus: dict[str, Any], editor: Any, confidant: Any) -> None:
    hit = next(h for h in search(editor, "Нобелеўскай", Filters(kind="source")).hits)
    assert [p.display_name for p in hit.persons] == ["Алесь Бяляцкі"]
    hit = next(h for h in search(confidant, "Нобелеўскай", Filters(kind="source")).hits)
    assert [p.display_name for p in hit.persons] == ["Алесь Бяляцкі", "Тайны Сведка"]


def test_the_public_sees_only_public_sources(corpus: dict[str, Any]) -> None:
    assert corpus["nobel"].pk in sources_found(None, "Nobel")


@pytest.mark.parametrize("text", ["", "   ", "-only", "!!!"])
def test_a_query_without_words_is_refused(corpus: dict[str, Any], text: str) -> None:
    with pytest.raises(QueryError):
        search(None, text)
