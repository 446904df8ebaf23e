"""Pages and API answers with hostile data: markup shown escaped, text intact.

A person is stored with each hostile name (and a note of 10,000 characters); then every page in
:data:`PAGES` is rendered as an editor with confidential access, and every API answer in
:data:`API` is read back. Add the web pages here as they are written: a page must never carry
the raw markup of a record, and must show the record's text (escaped) when it shows it at all.
"""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.test import Client

from letapis.registry import services as s
from letapis.registry.models import Person
from tests.api.conftest import Api, token_for
from tests.hostile import HOSTILE

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore::UserWarning")]

#: raw markup that must never reach a page from the data
RAW = ["<script>alert('x')</script>", "<img src=x onerror", "<svg onload", "</textarea></title>"]

#: pages as ``(url, a stored name it must show)``; ``{pk}`` is the first hostile person's id
PAGES = [
    ("/admin/registry/person/", True),
    ("/admin/registry/person/{pk}/change/", True),
    ("/admin/registry/note/", False),
    ("/reports/stats/?on=2025-12-14", False),
    ("/reports/monitoring/?from=2025-01-01&to=2025-12-31&lang=en", True),
    ("/persons/", True),
    ("/persons/?q=script", True),
    ("/persons/{pk}/", True),
    ("/events/", False),
]


@pytest.fixture
def hostile_people(db: Any) -> list[Person]:
    people = []
    for i, text in enumerate(HOSTILE):
        name = text[:300] if text.strip() != "" else f"Name {i}"
        person = s.do_create_person(None, names=[name], confidentiality="public", publishable=True)
        s.do_create_event(None, type="detention", date="2025-03-01", victims=[person], description=text)
        s.do_add_note(None, text=text, person=person, confidentiality="internal")
        people.append(person)
    return people


@pytest.mark.parametrize(("url", "shows_names"), PAGES)
def test_pages_show_hostile_records_escaped(
    hostile_people: list[Person], admin_user: Any, url: str, shows_names: bool
) -> None:
    client = Client()
    client.force_login(admin_user)
    response = client.get(url.format(pk=hostile_people[0].pk))
    assert response.status_code == 200, (url, response.status_code)
    page = response.content.decode()
    for raw in RAW:
        assert raw not in page, (url, raw)
    if shows_names:
        assert html.escape(HOSTILE[0]) in page or html.escape(HOSTILE[0], quote=False) in page, url


def test_the_api_gives_hostile_names_back_intact(hostile_people: list[Person], confidant: Any) -> None:
    api = Api(token_for(confidant))
    names = {p.pk: p.display_name for p in hostile_people}
    listed = api.get("persons", limit=100)
    assert listed.status_code == 200
    assert {r["id"]: r["name"] for r in listed.data["results"] if r["id"] in names} == names
    for pk, name in names.items():
        detail = api.get(f"persons/{pk}")
        assert detail.status_code == 200 and detail.data["name"] == name
        assert detail["Content-Type"].startswith("application/json")  # never sniffed as a page
    found = api.get("search", q=HOSTILE[0][:100])
    assert found.status_code in (200, 422), found.data  # an answer in JSON, never a 5xx


def test_the_anonymous_api_and_its_docs_page_hold_no_raw_markup(hostile_people: list[Person]) -> None:
    anon = Api()
    listed = anon.get("persons", limit=100)
    assert listed.status_code == 200
    assert HOSTILE[0] in {r["name"] for r in listed.data["results"]}
    docs = Client().get("/api/v1/docs")
    assert docs.status_code == 200
    assert not any(raw in docs.content.decode() for raw in RAW)
