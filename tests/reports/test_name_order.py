"""Lists of persons shown to people follow the alphabets (``Person.name_key``), not the code
points of ``display_name``: "Łaŭra" comes before "Maksim" (ł after l), though "Ł" is a code
point after every ASCII letter."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.test import Client

from letapis.registry import services as s
from letapis.registry.models import Person
from letapis.reports import stats
from letapis.reports.statement import still_held_ids

DAY = date(2025, 12, 14)


def _held(name: str) -> Person:
    person = s.do_create_person(None, names=[name], confidentiality="public", publishable=True, occupations=["writer"])
    s.do_create_event(None, type="detention", date="2024-03-01", confidentiality="public", victims=[person])
    return person


def test_held_lists_follow_the_alphabet(db: Any) -> None:
    maksim, laura = _held("Maksim Zorkaŭ"), _held("Łaŭra Zorkava")
    assert sorted([maksim.display_name, laura.display_name]) == [maksim.display_name, laura.display_name]
    assert stats.held_ids(DAY, None) == [laura.pk, maksim.pk]
    assert still_held_ids(DAY, None) == [laura.pk, maksim.pk]
    assert list(Person.objects.filter(pk__in=[maksim.pk, laura.pk])) == [laura, maksim]


def test_an_organisations_members_follow_the_alphabet(db: Any) -> None:
    maksim, laura = _held("Maksim Zorkaŭ"), _held("Łaŭra Zorkava")
    org = s.do_create_organisation(None, "Test Circle", kind="pen_centre", confidentiality="public")
    for person in (maksim, laura):
        s.do_add_membership(None, person, org, confidentiality="public")
    members = Client().get(f"/api/v1/organisations/{org.pk}").json()["members"]
    assert [m["person_id"] for m in members] == [laura.pk, maksim.pk]
