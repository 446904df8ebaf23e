"""The duplicate report: persons compared only within shared name keys, best pairs first."""

from __future__ import annotations

import pytest

from letapis.registry import services as s
from letapis.registry.dedupe import DuplicateReport, duplicate_pairs
from letapis.registry.services.merge import do_merge_persons

pytestmark = pytest.mark.django_db


def _ids(report: DuplicateReport) -> set[frozenset[str]]:
    return {frozenset({p.first.display_name, p.second.display_name}) for p in report.pairs}


def test_it_pairs_spellings_of_one_person_and_not_brothers() -> None:
    s.do_create_person(None, names=["Алесь Бяляцкі", "Aleś Bialacki"])
    s.do_create_person(None, names=["Ales Byalyatski"])
    s.do_create_person(None, names=["Кацярына Андрэева"])
    s.do_create_person(None, names=["ANDREYEVA Katsiaryna"])
    s.do_create_person(None, names=["Viktar Babaryka"])
    s.do_create_person(None, names=["Eduard Babaryka"])
    s.do_create_person(None, names=["Maryna Zolatava"])
    s.do_create_person(None, names=["Maryia Zolatava"])
    report = duplicate_pairs()
    assert _ids(report) == {
        frozenset({"Алесь Бяляцкі", "Ales Byalyatski"}),
        frozenset({"Кацярына Андрэева", "ANDREYEVA Katsiaryna"}),
    }
    assert report.persons == 8
    best = report.pairs[0]
    assert best.score == 1.0
    assert "same spelling key" in best.reason


def test_initials_are_compared_and_facts_against_are_shown() -> None:
    s.do_create_person(None, names=["Ihar Losik"], birth_date="1992")
    s.do_create_person(None, names=["I. Losik"], birth_date="1970")
    [pair] = duplicate_pairs().pairs
    assert pair.score >= 0.75
    assert pair.warnings == ("birth dates differ: 1992 / 1970",)


def test_a_merged_person_is_not_reported() -> None:
    keep = s.do_create_person(None, names=["Maksim Znak"])
    other = s.do_create_person(None, names=["Максим Знак"])
    assert len(duplicate_pairs().pairs) == 1
    do_merge_persons(None, keep, other)
    assert duplicate_pairs().pairs == []


def test_a_block_too_large_is_counted_not_compared() -> None:
    for given in ("Ivan", "Ihar", "Illia", "Ivan"):
        s.do_create_person(None, names=[f"{given} Ivanou"])
    report = duplicate_pairs(max_block=3)
    assert [n for _, n in report.skipped_blocks] == [4]  # i:<surname>|i: the four I. Ivanou
    # the two Ivan Ivanou still meet in their tight block (surname and given name)
    assert _ids(report) == {frozenset({"Ivan Ivanou"})}
    assert report.compared == 1
