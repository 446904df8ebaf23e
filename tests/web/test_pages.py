"""The registry pages: dashboard, persons, a person, events, organisations — what each shows to
whom, the filters, the names switch, the JSON twins, the editors' forms with version checks."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from letapis.registry import services as s
from letapis.registry.models import Event, Note, Organisation, Person
from tests.helpers import verified

pytestmark = pytest.mark.django_db

DAY = "2025-12-14"
HELD = {"Kaciaryna Andrejeva", "Andrzej Poczobut", "Dzmitryj Hałavač", "Vacłaŭ Areška", "Dzianis Ivašyn"}


def bialacki() -> Person:
    return Person.objects.get(display_name="Aleś Bialacki")


def text(answer: Any) -> str:
    return answer.content.decode()


def test_the_dashboard_counts_the_held_and_links_each_number(client: Client, demo: Any) -> None:
    page = text(client.get(f"/?on={DAY}"))
    assert f'href="/persons/?status=held&amp;on={DAY}">5</a>' in page
    assert f"/persons/?status=held&amp;on={DAY}&amp;occupation=writer" in page
    for name in HELD:
        assert name in page
    assert "On 13 December 2025, 123 political prisoners" in page  # a recent event with its source
    assert "Review queue" not in page  # the queue is the team's


def test_the_dashboard_shows_the_team_the_review_queue_size(client: Client, demo: Any, viewer: Any) -> None:
    client.force_login(viewer)
    assert 'data-testid="queue-size"' in text(client.get("/"))


def test_the_persons_list_filters_by_status_on_a_day(client: Client, demo: Any) -> None:
    page = client.get(f"/persons/?status=held&on={DAY}")
    assert {r["name"] for r in page.context["rows"]} == HELD
    assert "1–5 of 5" in text(page)


def test_the_persons_list_finds_any_spelling(client: Client, demo: Any) -> None:
    for query in ("Бяляцкі", "Ales Bialiatski", "Беляцкий", "bialacki"):
        rows = client.get("/persons/", {"q": query}).context["rows"]
        assert rows and rows[0]["name"] == "Aleś Bialacki", query


def test_the_persons_list_filters_by_occupation_and_organisation(client: Client, demo: Any) -> None:
    pen = Organisation.objects.get(name="PEN Belarus")
    rows = client.get("/persons/", {"organisation": pen.pk, "occupation": "lawyer"}).context["rows"]
    assert [r["name"] for r in rows] == ["Maksim Znak"]


def test_the_persons_list_says_what_is_wrong_with_a_filter(client: Client, demo: Any) -> None:
    page = client.get("/persons/", {"on": "not-a-day", "occupation": "astronaut"})
    assert page.status_code == 200
    assert "cannot be used" in text(page)


def test_the_persons_list_pages(client: Client, demo: Any) -> None:
    page = client.get("/persons/", {"page": "1"})
    assert page.context["page"].count == Person.objects.count()


def test_every_list_has_its_json_twin(client: Client, demo: Any) -> None:
    answer = client.get("/persons/", {"status": "held", "on": DAY, "format": "json"})
    assert answer.status_code == 302
    assert answer["Location"] == f"/api/v1/persons?status=held&on={DAY}&limit=50"
    data = client.get(answer["Location"]).json()
    assert {r["name"] for r in data["results"]} == HELD
    assert client.get("/events/?format=json")["Location"].startswith("/api/v1/events?")
    assert client.get("/organisations/?format=json")["Location"].startswith("/api/v1/organisations?")
    assert 'href="/api/v1/persons?limit=50"' in text(client.get("/persons/"))


def test_the_person_page_shows_names_status_sources_and_timeline(client: Client, demo: Any) -> None:
    page = text(client.get(f"/persons/{bialacki().pk}/?on={DAY}"))
    for form in ("Алесь Бяляцкі", "Aleś Bialacki", "Ales Bialiatski", "Алесь Беляцкий"):
        assert form in page
    assert "released" in page and "in forced exile" in page
    assert "123 political prisoners" in page  # the sentence behind the status
    assert 'data-testid="timeline"' in page and "detention" in page


def test_the_names_switch_picks_the_form_and_keeps_it(client: Client, demo: Any) -> None:
    url = f"/persons/{bialacki().pk}/"
    assert client.get(url, {"names": "cyrillic"}).context["shown"].main == "Алесь Бяляцкі"
    assert client.get(url).context["shown"].main == "Алесь Бяляцкі"  # kept in the session
    assert client.get(url, {"names": "english"}).context["shown"].main == "Ales Bialiatski"
    rows = client.get("/persons/", {"q": "Bialacki"}).context["rows"]
    assert rows[0]["shown"].main == "Ales Bialiatski"
    assert "Aleś Bialacki" in rows[0]["shown"].others


def test_anonymous_visitors_see_only_public_records_of_publishable_persons(client: Client, demo: Any) -> None:
    hidden = s.do_create_person(None, names=["Marker Hiddenperson"], publishable=False, confidentiality="public")
    shown = bialacki()
    s.do_add_note(None, person=shown, text="INTERNAL-MARKER-1", confidentiality="internal")
    assert client.get(f"/persons/{hidden.pk}/").status_code == 404
    assert "Hiddenperson" not in text(client.get("/persons/"))
    assert client.get("/persons/", {"q": "Marker Hiddenperson"}).context["rows"] == []
    assert "INTERNAL-MARKER-1" not in text(client.get(f"/persons/{shown.pk}/"))


def test_confidential_notes_only_for_users_granted_them(client: Client, demo: Any, viewer: Any, confidant: Any) -> None:
    person = bialacki()
    s.do_add_note(None, person=person, text="CONFIDENTIAL-MARKER-2", confidentiality="confidential")
    s.do_add_note(None, person=person, text="INTERNAL-MARKER-3", confidentiality="internal")
    client.force_login(viewer)
    page = text(client.get(f"/persons/{person.pk}/"))
    assert "INTERNAL-MARKER-3" in page and "CONFIDENTIAL-MARKER-2" not in page
    client.force_login(confidant)
    assert "CONFIDENTIAL-MARKER-2" in text(client.get(f"/persons/{person.pk}/"))


def test_a_confidential_person_is_not_found_by_a_viewer(client: Client, viewer: Any, confidant: Any) -> None:
    secret = s.do_create_person(None, names=["Secret Witness"], confidentiality="confidential")
    client.force_login(viewer)
    assert client.get(f"/persons/{secret.pk}/").status_code == 404
    assert client.get("/persons/", {"q": "Secret Witness"}).context["rows"] == []
    client.force_login(confidant)
    assert client.get(f"/persons/{secret.pk}/").status_code == 200


def test_an_editor_saves_a_person_with_the_version_read(client: Client, demo: Any, editor: Any) -> None:
    person = bialacki()
    verified(client, editor)
    assert 'data-testid="person-form"' in text(client.get(f"/persons/{person.pk}/"))
    answer = client.post(
        f"/persons/{person.pk}/edit/",
        {"version": person.version, "gender": "male", "birth_date": "1962-09-25", "nationalities": "by",
         "confidentiality": "public", "publishable": "on"},
    )  # fmt: skip
    assert answer.status_code == 302
    person.refresh_from_db()
    assert person.birth_date == "1962-09-25" and person.nationalities == ["BY"]


def test_a_stale_form_is_a_conflict_and_changes_nothing(client: Client, demo: Any, editor: Any) -> None:
    person = bialacki()
    read = person.version
    s.do_update_person(None, person, birth_date="1962")  # someone else, meanwhile
    verified(client, editor)
    answer = client.post(
        f"/persons/{person.pk}/edit/",
        {"version": read, "gender": "male", "birth_date": "1970", "nationalities": "",
         "confidentiality": "public", "publishable": "on"},
    )  # fmt: skip
    assert answer.status_code == 409
    assert 'data-testid="conflict"' in text(answer)
    person.refresh_from_db()
    assert person.birth_date == "1962"
    assert answer.context["person_form"]["version"].value() == str(person.version)  # saving again is knowing


def test_editing_needs_an_editor_with_a_verified_session(client: Client, demo: Any, editor: Any, viewer: Any) -> None:
    person = bialacki()
    data = {"version": person.version, "gender": "male", "confidentiality": "public"}
    client.force_login(viewer)
    assert client.post(f"/persons/{person.pk}/edit/", data).status_code == 403
    client.force_login(editor)  # password only: not verified
    assert client.post(f"/persons/{person.pk}/edit/", data)["Location"].startswith("/login/")
    assert 'data-testid="person-form"' not in text(client.get(f"/persons/{person.pk}/"))
    client.logout()
    assert client.post(f"/persons/{person.pk}/edit/", data)["Location"].startswith("/login/")


def test_an_editor_adds_a_name_an_occupation_and_a_note(client: Client, demo: Any, editor: Any) -> None:
    person = bialacki()
    verified(client, editor)
    client.post(f"/persons/{person.pk}/names/", {"text": "Aleś Bialacki-Test", "form": "other"})
    client.post(f"/persons/{person.pk}/occupations/", {"code": "poet"})
    client.post(f"/persons/{person.pk}/notes/", {"text": "Seen in Vilnius.", "confidentiality": "internal"})
    assert person.names.filter(text="Aleś Bialacki-Test").exists()
    assert person.occupations.filter(code="poet").exists()
    assert [n.text for n in Note.objects.filter(person=person, author=editor)] == ["Seen in Vilnius."]


def test_the_events_and_organisations_pages(client: Client, demo: Any) -> None:
    release = Event.objects.get(count=123)
    assert "123" in text(client.get("/events/", {"type": "release"}))
    page = text(client.get(f"/events/{release.pk}/"))
    assert "forced exile" in page and "13 foreign nationals" in page
    pen = Organisation.objects.get(name="PEN Belarus")
    assert "Aleś Bialacki" in text(client.get(f"/organisations/{pen.pk}/"))
    assert "PEN Belarus" in text(client.get("/organisations/", {"q": "ПЭН"}))
    assert client.get("/events/999999/").status_code == 404
