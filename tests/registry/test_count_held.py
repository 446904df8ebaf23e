"""count_held: the number of the held list, counted its own way on each database, is the
number of persons the list shows, for every caller and every filter."""

from __future__ import annotations

from itertools import product
from typing import Any

import pytest

from letapis import access
from letapis.registry import services as s
from letapis.registry.queries import count_held, held_rows
from letapis.registry.services.merge import do_merge_persons
from letapis.registry.status import held_on, held_spans

pytestmark = pytest.mark.django_db

DAY = "2024-06-01"


@pytest.fixture
def registry() -> dict[str, Any]:
    """Held persons of every visibility, with occupations, memberships and places of every level."""
    prison = s.do_create_place(None, "Калонія № 1", kind="prison")
    jail = s.do_create_place(None, "СІЗА № 1", kind="prison")
    pen = s.do_create_organisation(None, "ПЭН Беларусь", kind="ngo")
    secret = s.do_create_organisation(None, "Закрытая суполка", kind="ngo", confidentiality="confidential")
    levels = ["public", "internal", "confidential"]
    made = []
    for i, (level, publishable, record_level, place) in enumerate(
        product(levels, [True, False], levels, [prison, jail, None])
    ):
        person = s.do_create_person(
            None, names=[f"Асоба {i}"], confidentiality=level, publishable=publishable, occupations=[]
        )
        s.do_add_occupation(None, person, "journalist" if i % 2 else "writer", confidentiality=record_level)
        s.do_add_membership(None, person, pen if i % 3 else secret, confidentiality=record_level)
        s.do_create_event(
            None, type="detention", date="2024-01-10", place=place, confidentiality=record_level, victims=[person]
        )
        if i % 5 == 0:  # released before the day: not held
            s.do_create_event(None, type="release", date="2024-03-01", victims=[person])
        made.append(person)
    # a merged person is counted once, through the one kept
    do_merge_persons(None, made[0], made[3])
    return {"places": [prison.pk, jail.pk], "organisations": [pen.pk, secret.pk]}


def test_the_count_is_the_number_of_persons_listed_for_every_caller_and_filter(
    registry: dict[str, Any], viewer: Any, confidant: Any
) -> None:
    from datetime import date

    day = date.fromisoformat(DAY)
    checked = 0
    for user in (None, viewer, confidant):
        levels = access.levels_for(user)
        for occupation, organisation, place in product(
            [None, "journalist", "writer"], [None, *registry["organisations"]], [None, *registry["places"]]
        ):
            filters = {"occupation": occupation, "organisation": organisation, "place": place}
            listed = list(held_on(day, **filters, persons=access.visible_persons(user), levels=levels))
            assert count_held(day, user, **filters) == len(listed) == len(held_rows(day, user, **filters))
            spans = held_spans(day, **filters, levels=levels)
            assert spans.exclude(person__in=access.hidden_persons(user)).count() == len(listed)
            checked += bool(listed)
    assert checked > 20  # most combinations hold someone: the equality is not of empty lists


def test_the_dashboards_count_is_the_lists(registry: dict[str, Any], viewer: Any) -> None:
    from datetime import date

    day = date.fromisoformat(DAY)
    assert (
        count_held(day, viewer)
        == held_on(day, persons=access.visible_persons(viewer), levels=access.levels_for(viewer)).count()
        > 0
    )
    assert count_held(day, None) < count_held(day, viewer)  # the public sees fewer


def test_the_persons_list_filtered_to_the_held_counts_what_it_pages_through(
    registry: dict[str, Any], viewer: Any, confidant: Any, client: Any
) -> None:
    """``/persons?status=held`` with an occupation or organisation counts as the held list does
    (count_held); its total is the number of persons its pages give, for each caller."""
    checked = 0
    for user in (None, viewer, confidant):
        client.logout()
        if user is not None:
            client.force_login(user)
        for occupation, organisation in product([None, "journalist", "writer"], [None, *registry["organisations"]]):
            query = f"/api/v1/persons?status=held&on={DAY}&limit=4"
            query += f"&occupation={occupation}" if occupation else ""
            query += f"&organisation={organisation}" if organisation else ""
            first = client.get(query)
            assert first.status_code == 200, first.content
            ids: list[int] = []
            url: str | None = query
            while url:
                page = client.get(url).json()
                # a count too high would link to pages past the last person, without end
                assert page["results"] or (page["offset"] == 0 and page["next"] is None)
                ids += [row["id"] for row in page["results"]]
                assert page["count"] == first.json()["count"]
                url = page["next"]
            assert len(ids) == len(set(ids)) == first.json()["count"]
            checked += bool(ids)
    assert checked > 10


def test_a_page_read_in_name_order_is_the_page_the_planner_gives(
    registry: dict[str, Any], viewer: Any, confidant: Any
) -> None:
    """On SQLite a dense list's page is read by walking the name index (name_walk_sql): the
    same persons in the same order as the query itself gives, for each caller, page and
    direction, and the rows of the held list's pages too."""
    from datetime import date

    from django.db import connection

    from letapis.read.persons import PersonFilters, filter_persons
    from letapis.registry.models import Person
    from letapis.registry.queries import name_walk_sql

    day = date.fromisoformat(DAY)
    walked = 0
    for user, sort, occupation in product((None, viewer, confidant), ("name", "-name"), (None, "journalist")):
        filters = PersonFilters.model_validate({"status": "held", "on": DAY, "occupation": occupation, "sort": sort})
        persons, _ = filter_persons(user, filters, day)
        total = persons.count()
        for offset in (0, 3, total):
            expected = [p.pk for p in persons[offset : offset + 4]]
            walk = name_walk_sql(persons, total, offset, 4)
            if walk is not None:
                assert [p.pk for p in Person.objects.raw(*walk)] == expected
                walked += 1
        rows = held_rows(day, user, occupation=occupation)
        assert rows.counted_page(2, 5) == (len(rows), list(rows)[2:7])
    assert walked > 0 if connection.vendor == "sqlite" else walked == 0
