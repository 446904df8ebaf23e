"""Follow-ups of the demo registry, checked by hand (docs/following.md#terms)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from letapis.following.models import FollowUp
from letapis.following.refresh import rebuild_all_follow_ups
from letapis.following.terms import reasoning
from letapis.registry.models import Person

pytestmark = pytest.mark.django_db

D = date.fromisoformat

#: name → (custody start, earliest end, latest end): the term runs from the detention.
ENDS = {
    "Andrzej Poczobut": ("2021-03-25", "2029-03-25", "2029-03-25"),  # 8 years
    "Kaciaryna Andrejeva": ("2020-11-15", "2029-02-15", "2029-02-15"),  # 8 years 3 months, verdict "2022-07"
    "Dzianis Ivašyn": ("2021-03-12", "2034-04-12", "2034-04-12"),  # 13 years 1 month, verdict "2022-09"
    "Aleś Bialacki": ("2021-07-14", "2031-07-14", "2031-07-14"),  # released on 13 December 2025
    "Maksim Znak": ("2020-09-09", "2030-09-09", "2030-09-09"),
    "Pavieł Sieviaryniec": ("2020-06-07", "2027-06-07", "2027-06-07"),
    "Alaksandr Fiaduta": ("2021-04-12", "2031-04-12", "2031-04-12"),
    # invented: a year added for "disobedience" on 20 June 2024
    "Hanna Prykład": ("2021-08-10", "2025-08-10", "2025-08-10"),
    # invented: re-arrested on 16 May 2023, verdict "2023-11", credit at 1.5 days per day
    "Ihar Uzor": ("2023-05-16", "2025-02-06", "2025-02-21"),
    # invented: died in custody on 5 November 2024
    "Maksim Zrazok": ("2021-06-01", "2027-06-01", "2027-06-01"),
}


def follow_up(name: str, level: str = "public") -> FollowUp:
    return FollowUp.objects.select_related("place", "case").get(person__display_name=name, level=level)


def test_the_expected_ends_of_the_demo(following_demo: Any) -> None:
    for name, (custody, earliest, latest) in ENDS.items():
        for level in ("public", "internal", "confidential"):
            row = follow_up(name, level)
            assert (row.custody_start, row.end_earliest, row.end_latest) == (D(custody), D(earliest), D(latest)), name


def test_those_held_without_a_known_sentence_have_no_end(following_demo: Any) -> None:
    for name in ("Dzmitryj Hałavač", "Vacłaŭ Areška", "Siarhiej Paŭłavicki"):
        row = follow_up(name)
        assert (row.case_id, row.end_latest, row.place_id) == (None, None, None)
    assert not FollowUp.objects.filter(person__display_name="Alaksandr Łukašenka").exists()


def test_the_reasoning_of_the_demo(following_demo: Any) -> None:
    steps = follow_up("Andrzej Poczobut").reasoning
    assert reasoning(steps, "en") == (
        "8 years from 8 February 2023, pre-trial credit 23 months (in custody since 25 March 2021) → 25 March 2029"
    )
    assert reasoning(follow_up("Hanna Prykład").reasoning, "en") == (
        "3 years from 15 February 2022, pre-trial credit 6 months (in custody since 10 August 2021), "
        "+1 year (added, 20 June 2024) → 10 August 2025"
    )
    assert reasoning(follow_up("Ihar Uzor").reasoning, "ru") == (
        "2 года с ноября 2023, зачёт предварительного заключения 8–10 месяцев (под стражей с 16 мая 2023, "
        "по 1,5 за день) → 6–21 февраля 2025"
    )


def test_places_and_contacts_of_the_demo(following_demo: Any) -> None:
    poczobut = follow_up("Andrzej Poczobut")
    assert poczobut.place.name == "Penal colony No. 1, Navapolack" and poczobut.place_since == D("2023-12-31")
    assert "211440" in poczobut.place.postal_address and poczobut.place.regime == "reinforced_regime_colony"
    assert follow_up("Kaciaryna Andrejeva").place.name == "Penal colony No. 4, Homiel"
    hanna = follow_up("Hanna Prykład")
    assert hanna.place.name == "Penal colony No. 4, Homiel" and hanna.place_since == D("2022-04-30")
    assert hanna.last_contact == D("2025-05-31")  # the family visit of "2025-05"
    uzor = follow_up("Ihar Uzor")
    assert uzor.place.name == "SIZO No. 1, Minsk" and uzor.last_contact == D("2024-01-12")
    zrazok = follow_up("Maksim Zrazok")
    assert zrazok.place.name == "Penal colony No. 17, Škłoŭ" and zrazok.last_contact == D("2024-08-31")


def test_the_demo_follow_ups_equal_a_rebuild(following_demo: Any) -> None:
    fields = ("person_id", "level", "case_id", "end_earliest", "end_latest", "place_id", "last_contact", "reasoning")
    loaded = list(FollowUp.objects.order_by("person_id", "level").values_list(*fields))
    rebuild_all_follow_ups()
    assert list(FollowUp.objects.order_by("person_id", "level").values_list(*fields)) == loaded


def test_the_person_page_and_the_api_show_the_term(following_demo: Any, client: Client) -> None:
    poczobut = Person.objects.get(display_name="Andrzej Poczobut")
    page = client.get(f"/persons/{poczobut.pk}/").content.decode()
    assert 'data-testid="term"' in page and "25 March 2029" in page
    assert "Penal colony No. 1, Navapolack" in page and "211440" in page
    data = client.get(f"/api/v1/persons/{poczobut.pk}").json()
    assert data["term"]["end_latest"] == "2029-03-25" and data["term"]["end"]["be"] == "25 сакавіка 2029"
    assert data["term"]["place"]["name"] == "Penal colony No. 1, Navapolack"
    client.post("/i18n/setlang/", {"language": "ru", "next": "/"})
    page = client.get(f"/persons/{poczobut.pk}/").content.decode()
    assert "8 лет с 8 февраля 2023" in page


def test_the_following_data_leaves_the_lists_of_the_release_alone(following_demo: Any) -> None:
    from letapis.access import EVERYTHING
    from letapis.registry.demo import load_demo
    from letapis.registry.models import Claim, Event
    from letapis.registry.status import held_on
    from tests.registry.test_demo import HELD_ON_14_DECEMBER, RELEASED

    assert {p.display_name for p in held_on(date(2025, 12, 14), levels=EVERYTHING)} == HELD_ON_14_DECEMBER
    assert {p.display_name for p in held_on(date(2025, 12, 12), levels=EVERYTHING)} == HELD_ON_14_DECEMBER | RELEASED
    events = Event.objects.count()
    load_demo(following=True)
    assert Event.objects.count() == events
    for claim in Claim.objects.filter(proposer="demo"):
        assert claim.source.text[claim.span_start : claim.span_end] == claim.quote
    invented = Claim.objects.filter(source__filename="letapis-demo-invented-histories.txt")
    assert invented.filter(record_type="registry.termchange").count() == 1
    assert {c.person.display_name for c in invented} == {"Hanna Prykład", "Ihar Uzor", "Maksim Zrazok"}
