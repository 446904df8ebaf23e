"""The events list and an event's page name the persons of each event and say when its place
is unknown; a collective event names and counts its members — those the reader may see only."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from letapis.registry import services as s
from letapis.registry.models import Event, Involvement, Person

pytestmark = pytest.mark.django_db


def text(answer: Any) -> str:
    assert answer.status_code == 200
    return str(answer.content.decode())


def row_of(page: str, event: Event) -> str:
    """The row of the events list that links to ``event``."""
    rows = [row for row in page.split("<tr>") if f'href="/events/{event.pk}/"' in row]
    assert len(rows) == 1, f"one row for event {event.pk}"
    return rows[0]


def member_of(child: Event) -> Person:
    victim = Involvement.objects.get(event=child, role="victim").person
    assert victim is not None
    return victim


def test_the_events_list_names_the_persons_of_each_event(client: Client, demo: Any) -> None:
    release = Event.objects.get(count=123)
    page = text(client.get("/events/", {"type": "release"}))
    children = list(release.children.all())
    assert len(children) == 5
    for child in children:  # five releases of 2025-12-13, each now with its person
        person = member_of(child)
        assert f'<a href="/persons/{person.pk}/">{person.display_name}</a>' in row_of(page, child)


def test_an_unknown_place_is_said_not_left_empty(client: Client, demo: Any) -> None:
    release = Event.objects.get(count=123)
    assert release.place is None
    row = row_of(text(client.get("/events/", {"type": "release"})), release)
    assert "place unknown" in row
    assert "place unknown" in text(client.get(f"/events/{release.pk}/"))
    place = s.do_create_place(None, "Minsk", kind="city", country="BY", confidentiality="public")
    placed = s.do_create_event(None, type="search", date="2025-12-01", place=place)
    row = row_of(text(client.get("/events/", {"place": place.pk})), placed)
    assert "Minsk" in row and "place unknown" not in row


def test_a_collective_event_counts_and_names_its_members(client: Client, demo: Any) -> None:
    release = Event.objects.get(count=123)
    members = sorted((member_of(c) for c in release.children.all()), key=lambda p: p.name_key)
    row = row_of(text(client.get("/events/", {"type": "release", "collective": "true"})), release)
    assert "5 of them in the registry" in row and "123" in row
    assert re.findall(r'href="/persons/(\d+)/"', row) == [str(p.pk) for p in members]
    page = text(client.get(f"/events/{release.pk}/"))
    assert "Members in the registry" in page and "(5)" in page
    for person in members:
        assert f'<a href="/persons/{person.pk}/">{person.display_name}</a>' in page
    child = release.children.first()
    assert child is not None
    assert member_of(child).display_name in text(client.get(f"/events/{child.pk}/")).split("</h1>")[0]


def test_members_the_reader_may_not_see_are_neither_named_nor_counted(client: Client, demo: Any, viewer: Any) -> None:
    release = Event.objects.get(count=123)
    first, second, *_ = release.children.order_by("id")
    unpublishable, behind_confidential = member_of(first), member_of(second)
    s.do_update_person(None, unpublishable, publishable=False)
    s.do_set_confidentiality(None, Involvement.objects.get(event=second), "confidential")
    public_page = text(client.get(f"/events/{release.pk}/"))
    public_row = row_of(text(client.get("/events/", {"type": "release"})), release)
    for hidden in (unpublishable, behind_confidential):
        assert hidden.display_name not in public_page and hidden.display_name not in public_row
    assert "(3)" in public_page and "3 of them in the registry" in public_row
    answer = client.get(f"/api/v1/events/{release.pk}").json()
    assert len(answer["members"]) == 3
    assert {unpublishable.pk, behind_confidential.pk}.isdisjoint(m["id"] for m in answer["members"])
    client.force_login(viewer)  # the team sees the unpublishable person, not the confidential involvement
    team_row = row_of(text(client.get("/events/", {"type": "release"})), release)
    assert "4 of them in the registry" in team_row and unpublishable.display_name in team_row
    assert behind_confidential.display_name not in team_row
