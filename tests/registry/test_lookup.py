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
