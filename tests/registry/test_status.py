"""Status derivation: sequences of events, partial dates, same-day events."""

from __future__ import annotations

from datetime import date

import pytest

from letapis.access import EVERYTHING
from letapis.registry import services as s
from letapis.registry.models import Person
from letapis.registry.status import held_on, status_on

pytestmark = pytest.mark.django_db


def person(name: str = "Test Person") -> Person:
    return s.do_create_person(None, names=[name])


def event(p: Person, type: str, when: str, **kw: object) -> None:
    s.do_create_event(None, type=type, date=when, victims=[p], **kw)  # type: ignore[arg-type]


def status(p: Person, day: str) -> str:
    return status_on(p, date.fromisoformat(day), levels=EVERYTHING).status


def test_a_person_without_events_is_not_a_prisoner() -> None:
    p = person()
    assert status(p, "2025-01-01") == "not_prisoner"
    assert status_on(p, date(2025, 1, 1), levels=EVERYTHING).event is None


def test_it_follows_detention_sentence_release_expulsion_rearrest() -> None:
    p = person()
    event(p, "detention", "2020-09-09")
    event(p, "sentence", "2021-09-06")
    event(p, "release", "2025-12-13")
    event(p, "expulsion", "2025-12-14")
    event(p, "detention", "2026-03-01")
    assert status(p, "2020-09-08") == "not_prisoner"
    assert status(p, "2020-09-09") == "held"
    assert status(p, "2023-01-01") == "held"
    assert status(p, "2025-12-13") == "released"
    expelled = status_on(p, date(2025, 12, 20), levels=EVERYTHING)
    assert expelled.status == "released" and expelled.exiled
    assert status(p, "2026-03-01") == "held"


def test_death_in_custody_is_final_status() -> None:
    p = person()
    event(p, "detention", "2021-01-10")
    event(p, "death_in_custody", "2023-05-01")
    assert status(p, "2023-04-30") == "held"
    assert status(p, "2023-05-01") == "died"
    assert status(p, "2030-01-01") == "died"


def test_a_partial_date_counts_from_the_end_of_its_range() -> None:
    p = person()
    event(p, "detention", "2020-11")
    assert status(p, "2020-11-15") == "not_prisoner"
    assert status(p, "2020-11-30") == "held"
    q = person("Other Person")
    event(q, "detention", "2021")
    assert status(q, "2021-12-30") == "not_prisoner"
    assert status(q, "2021-12-31") == "held"


def test_an_open_start_date_counts_from_its_known_bound() -> None:
    p = person()
    event(p, "detention", "[..2025-12-12]")
    assert status(p, "2025-12-11") == "not_prisoner"
    assert status(p, "2025-12-12") == "held"


def test_events_without_date_are_ignored() -> None:
    p = person()
    event(p, "detention", "")
    assert status(p, "2030-01-01") == "not_prisoner"


def test_same_day_detention_and_release_ends_released() -> None:
    p = person()
    event(p, "release", "2024-05-05")
    event(p, "detention", "2024-05-05")
    assert status(p, "2024-05-05") == "released"


def test_same_day_order_can_be_set_by_sequence() -> None:
    p = person()
    event(p, "detention", "2022-01-01")
    event(p, "release", "2024-05-05", sequence=1)
    event(p, "detention", "2024-05-05", sequence=2)  # detained again at the colony gate
    assert status(p, "2024-05-05") == "held"


def test_non_status_events_do_not_change_status() -> None:
    p = person()
    event(p, "detention", "2022-01-01")
    event(p, "health_alert", "2022-06-01")
    event(p, "search", "2022-07-01")
    assert status(p, "2022-08-01") == "held"


def test_only_victims_get_a_status() -> None:
    judge = person("A Judge")
    prisoner = person("A Prisoner")
    e = s.do_create_event(None, type="sentence", date="2022-02-02", victims=[prisoner])
    s.do_add_involvement(None, e, person=judge, role="judge")
    assert status(judge, "2022-03-01") == "not_prisoner"
    assert status(prisoner, "2022-03-01") == "held"


def test_held_on_filters_by_occupation_and_organisation() -> None:
    writer = s.do_create_person(None, names=["Writer One"], occupations=["writer"])
    musician = s.do_create_person(None, names=["Musician Two"], occupations=["musician"])
    pen = s.do_create_organisation(None, "PEN Belarus", kind="pen_centre")
    s.do_add_membership(None, writer, pen)
    for p in (writer, musician):
        event(p, "detention", "2021-01-01")
    day = date(2021, 6, 1)
    assert set(held_on(day, levels=EVERYTHING)) == {writer, musician}
    assert list(held_on(day, occupation="writer", levels=EVERYTHING)) == [writer]
    assert list(held_on(day, organisation=pen.pk, levels=EVERYTHING)) == [writer]


def test_held_on_filters_by_place_of_the_deciding_event() -> None:
    colony = s.do_create_place(None, "Penal colony No. 1, Navapolack", kind="penal_colony", country="BY")
    a, b = person("Prisoner A"), person("Prisoner B")
    event(a, "detention", "2021-01-01")
    event(b, "detention", "2021-01-01")
    event(a, "transfer", "2021-06-01", place=colony)
    assert list(held_on(date(2021, 7, 1), place=colony.pk, levels=EVERYTHING)) == [a]
