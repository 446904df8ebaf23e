"""find_persons: ranked registry candidates for any spelling, and never an exception."""

from __future__ import annotations

import pytest

from letapis.registry import services as s
from letapis.registry.lookup import find_persons
from tests.names.test_acceptance import HOSTILE

pytestmark = pytest.mark.django_db


def test_it_ranks_the_person_first_and_says_why() -> None:
    ales = s.do_create_person(None, names=["Алесь Бяляцкі"])
    s.do_create_person(None, names=["Eduard Bialiatski"])
    [first, second] = find_persons("Ales Bialiatski", min_score=0.2)
    assert first.person == ales and first.is_match
    assert "same spelling key" in first.reason
    assert not second.is_match


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_finds_a_list(text: str) -> None:
    s.do_create_person(None, names=["Алесь Бяляцкі", "Ales Bialiatski"])
    found = find_persons(text)
    assert isinstance(found, list)
    assert all(0.0 <= c.score <= 1.0 for c in found)


def _persons(names: list[str], *, confidentiality: str, publishable: bool) -> list[int]:
    return [
        s.do_create_person(None, names=[name], confidentiality=confidentiality, publishable=publishable).pk
        for name in names
    ]


def test_persons_outside_the_scope_never_appear_and_never_take_a_visible_persons_place() -> None:
    from letapis.access import visible_persons

    # hidden persons whose names score as well as, or better than, the visible ones'
    hidden = _persons(
        ["Андрэй Кавалёў", "Andrzej Kowalow", "Andrei Kovalev", "А. Кавалёў"],
        confidentiality="confidential",
        publishable=False,
    )
    shown = _persons(
        ["Андрэй Кавалёў", "Андрей Ковалев", "Andrej Kavaloŭ", "Андрэй Кавалёва"],
        confidentiality="public",
        publishable=True,
    )
    found = find_persons("Андрэй Кавалёў", limit=3, persons=visible_persons(None))  # the public's scope
    ids = [c.person.pk for c in found]
    assert not set(ids) & set(hidden)
    # by score (1.0, 1.0, 0.99), the ties in alphabetical order (the collation key puts Cyrillic
    # before Latin)
    assert ids == [shown[0], shown[2], shown[1]]
    # everyone in scope: the hidden ones take their places by score
    everyone = [c.person.pk for c in find_persons("Андрэй Кавалёў", limit=3)]
    assert len(everyone) == 3 and set(everyone) <= {hidden[0], hidden[1], shown[0], shown[2]}  # the four at 1.0
    assert set(everyone) & set(hidden)


def test_a_page_of_equal_scores_is_ordered_by_name_and_reads_only_the_scope() -> None:
    from letapis.access import visible_persons

    _persons(["Вольга Лукашэвіч"] * 3, confidentiality="confidential", publishable=False)
    shown = _persons(["Вольга Лукашэвіч", "Volha Lukashevich"], confidentiality="public", publishable=True)
    found = find_persons("Вольга Лукашэвіч", limit=10, persons=visible_persons(None))
    assert sorted(c.person.pk for c in found) == sorted(shown)
    assert [c.person.name_key for c in found] == sorted(c.person.name_key for c in found)
    assert [c.person.display_name for c in found] == ["Вольга Лукашэвіч", "Volha Lukashevich"]
    assert all(c.is_match and "same spelling key" in c.reason for c in found)


def test_hidden_persons_in_the_tight_keys_do_not_stop_the_search_widening_to_visible_ones() -> None:
    from letapis.access import visible_persons

    _persons(["Андрэй Кавалёў"] * 3, confidentiality="confidential", publishable=False)
    [initial] = _persons(["А. Кавалёў"], confidentiality="public", publishable=True)  # surname and initial only
    found = find_persons("Андрэй Кавалёў", limit=3, persons=visible_persons(None))
    assert [c.person.pk for c in found] == [initial]
