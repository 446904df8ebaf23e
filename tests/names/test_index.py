from __future__ import annotations

import pytest

from letapis.names import InvalidName, NameIndex, name_keys

PEOPLE = [
    (1, "Алесь Бяляцкі"),
    (1, "Ales Bialiatski"),
    (2, "Viktar Babaryka"),
    (3, "Eduard Babaryka"),
    (4, "Святлана Ціханоўская"),
    (5, "Сяргей Ціханоўскі"),
    (6, "Анджэй Пачобут"),
    (7, "Кацярына Андрэева"),
    (8, "Марыя Калеснікава"),
]


@pytest.fixture
def index() -> NameIndex:
    idx = NameIndex()
    idx.add_many(PEOPLE)
    return idx


@pytest.mark.parametrize(
    ("query", "ident"),
    [
        ("Ales Belyatsky", 1),
        ("Бабарико Виктор", 2),
        ("Svetlana Tikhanovskaya", 4),
        ("С. Тихановский", 5),
        ("Andrzej Poczobut", 6),
        ("Екатерина Андреева", 7),
        ("Maria Kolesnikova", 8),
    ],
)
def test_it_finds_the_person_first(index: NameIndex, query: str, ident: int) -> None:
    found = index.search(query, k=3)
    assert found[0].ident == ident
    assert found[0].reason != ""


def test_it_returns_one_candidate_per_person_best_first(index: NameIndex) -> None:
    found = index.search("Алесь Бяляцкі", k=10)
    idents = [c.ident for c in found]
    assert len(idents) == len(set(idents))
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)


def test_it_ranks_the_namesake_below(index: NameIndex) -> None:
    found = index.search("Viktar Babaryka", k=5)
    assert [c.ident for c in found[:2]] == [2, 3]
    assert found[1].score < found[0].score


def test_its_length_counts_names(index: NameIndex) -> None:
    assert len(index) == len(PEOPLE)


def test_adding_what_is_not_a_name_raises(index: NameIndex) -> None:
    with pytest.raises(InvalidName):
        index.add(99, "")
    with pytest.raises(InvalidName):
        index.add(99, "x" * 2000)


def test_a_query_that_is_not_a_name_finds_nothing(index: NameIndex) -> None:
    assert index.search("") == []
    assert index.search("😀") == []


def test_spellings_of_one_person_share_a_tight_key() -> None:
    shared = name_keys("Алесь Бяляцкі") & name_keys("Ales Belyatsky")
    assert any(k.startswith("p:") for k in shared)
    assert name_keys("") == frozenset()
