"""The demo registry: the facts of the statement, with their sources."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from letapis.access import EVERYTHING
from letapis.registry.demo import load_demo, release_event
from letapis.registry.models import Claim, ClaimState, Person
from letapis.registry.queries import held_list, status_report
from letapis.registry.status import held_on

pytestmark = pytest.mark.django_db

HELD_ON_14_DECEMBER = {
    "Kaciaryna Andrejeva",
    "Andrzej Poczobut",
    "Dzmitryj Hałavač",
    "Vacłaŭ Areška",
    "Dzianis Ivašyn",
}
RELEASED = {"Aleś Bialacki", "Maksim Znak", "Siarhiej Paŭłavicki", "Pavieł Sieviaryniec", "Alaksandr Fiaduta"}


def test_it_lists_the_five_held_on_14_december(demo: Any) -> None:
    assert {p.display_name for p in held_on(date(2025, 12, 14), levels=EVERYTHING)} == HELD_ON_14_DECEMBER


def test_the_released_were_held_the_day_before_the_release(demo: Any) -> None:
    assert {p.display_name for p in held_on(date(2025, 12, 12), levels=EVERYTHING)} == HELD_ON_14_DECEMBER | RELEASED


def test_the_release_carries_its_counts_and_destinations(demo: Any) -> None:
    release = release_event()
    assert release is not None
    assert (release.count, release.foreign_nationals, release.destinations) == (123, 13, ["UA", "LT"])
    assert release.forced_exile
    assert {i.person.display_name for e in release.children.all() for i in e.involvements.all()} == RELEASED


def test_every_demo_fact_is_an_accepted_claim_quoting_the_source(demo: Any) -> None:
    claims = Claim.objects.filter(source=demo)
    assert claims.count() > 40
    for claim in claims:
        assert claim.state == ClaimState.ACCEPTED
        assert claim.span_start is not None and claim.span_end is not None
        assert demo.text[claim.span_start : claim.span_end] == claim.quote
        assert claim.record_type != "" and claim.record_id is not None


def test_a_status_comes_with_the_sentence_that_supports_it(demo: Any) -> None:
    bialacki = Person.objects.get(display_name="Aleś Bialacki")
    report = status_report(bialacki, date(2025, 12, 14), None)
    assert report["status"] == "released" and report["exiled"]
    assert any("Aleś Bialacki" in ref["quote"] for ref in report["sources"])
    assert any("123 political prisoners" in ref["quote"] for ref in report["sources"])


def test_the_held_list_traces_each_person_to_a_source(demo: Any) -> None:
    rows = held_list(date(2025, 12, 14), None)
    assert {r["name"] for r in rows} == HELD_ON_14_DECEMBER
    for row in rows:
        assert row["sources"], row["name"]
        assert row["name"] in row["sources"][0]["quote"]


def test_loading_twice_changes_nothing(demo: Any) -> None:
    persons = Person.objects.count()
    again = load_demo()
    assert again.pk == demo.pk
    assert Person.objects.count() == persons


def test_names_are_stored_in_every_form(demo: Any) -> None:
    andrejeva = Person.objects.get(display_name="Kaciaryna Andrejeva")
    assert {"Кацярына Андрэева", "Katsiaryna Andreyeva", "Екатерина Андреева"} <= {
        n.text for n in andrejeva.names.all()
    }
    native = andrejeva.names.get(text="Кацярына Андрэева")
    assert native.script == "Cyrl" and native.language == "be"
    assert andrejeva.name_keys.exists()
