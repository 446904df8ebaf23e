"""Corroboration: which registry event a claim states again (letapis.registry.corroboration)."""

from __future__ import annotations

from datetime import date

import pytest

from letapis.access import EVERYTHING, PUBLIC_ONLY, TEAM
from letapis.registry import services
from letapis.registry.corroboration import claim_bounds, match_levels, overlap, same_event, undated_as_reported
from letapis.registry.models import Person

D = date


def test_it_reads_an_undated_claim_as_on_or_before_its_source() -> None:
    assert claim_bounds(None, D(2025, 2, 12)) == (None, D(2025, 2, 12))
    assert claim_bounds("", None) == (None, None)
    assert claim_bounds("2021-03", D(2025, 2, 12)) == (D(2021, 3, 1), D(2021, 3, 31))
    assert undated_as_reported(None, D(2025, 2, 12)) == "[..2025-02-12]"
    assert undated_as_reported(" 2021-03 ", D(2025, 2, 12)) == "2021-03"
    assert undated_as_reported(None, None) == ""


def test_it_overlaps_ranges_with_open_ends() -> None:
    assert overlap((D(2021, 3, 1), D(2021, 3, 31)), (D(2021, 3, 25), D(2021, 3, 25)))
    assert overlap((None, D(2025, 1, 17)), (D(2024, 5, 8), D(2024, 5, 8)))
    assert not overlap((D(2021, 3, 25), D(2021, 3, 25)), (D(2021, 3, 26), D(2021, 3, 26)))
    assert overlap((None, None), (D(2021, 1, 1), D(2021, 1, 1)))
    assert not overlap((D(2022, 1, 1), None), (None, D(2021, 12, 31)))


def test_it_matches_within_the_claims_audience_and_the_reviewers_sight() -> None:
    assert match_levels("public", EVERYTHING) == PUBLIC_ONLY
    assert match_levels("internal", EVERYTHING) == TEAM
    assert match_levels("confidential", TEAM) == TEAM


@pytest.fixture
def person() -> Person:
    return services.do_create_person(None, names=["Ales Test"], confidentiality="public")


@pytest.mark.django_db
def test_it_finds_the_detention_of_a_compatible_date(person: Person) -> None:
    detention = services.do_create_event(None, type="detention", date="2021-03-25", victims=[person])
    assert same_event(person, "detention", (D(2021, 3, 1), D(2021, 3, 31)), levels=EVERYTHING) == detention
    assert same_event(person, "detention", (None, D(2023, 1, 1)), levels=EVERYTHING) == detention
    assert same_event(person, "detention", (D(2021, 3, 26), D(2021, 3, 26)), levels=EVERYTHING) is None
    assert same_event(person, "release", (None, D(2023, 1, 1)), levels=EVERYTHING) is None


@pytest.mark.django_db
def test_it_takes_a_detention_after_a_release_for_another(person: Person) -> None:
    first = services.do_create_event(None, type="detention", date="2020-09-07", victims=[person])
    services.do_create_event(None, type="release", date="2025-12-13", victims=[person])
    assert same_event(person, "detention", (None, D(2026, 1, 19)), levels=EVERYTHING) is None
    assert same_event(person, "detention", (None, D(2025, 12, 1)), levels=EVERYTHING) == first


@pytest.mark.django_db
def test_it_does_not_see_an_event_of_a_level_it_does_not_match_within(person: Person) -> None:
    services.do_create_event(None, type="detention", date="2021-03-25", confidentiality="internal", victims=[person])
    assert same_event(person, "detention", (None, D(2023, 1, 1)), levels=PUBLIC_ONLY) is None
    assert same_event(person, "detention", (None, D(2023, 1, 1)), levels=TEAM) is not None
