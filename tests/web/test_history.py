"""History in words: the person's and the event's history tabs say each change in a sentence,
with the diff on demand, and tell a viewer nothing of what they may not see."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from letapis.registry import services as s
from tests.web.review_helpers import login, make_user

pytestmark = pytest.mark.django_db

TEXT = "Lesia Probe, a writer, was detained on 9 March 2024 in Mahilioŭ."


def _words(html: str) -> str:
    """The page's text, tags removed and spaces folded."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


@pytest.fixture
def anna(django_user_model: Any) -> Any:
    return make_user(django_user_model, "anna", "editor")


@pytest.fixture
def world(anna: Any) -> dict[str, Any]:
    person = s.do_create_person(anna, names=["Lesia Probe", "Леся Проба"], occupations=["accountant"])
    source, _ = s.do_create_source(None, data=TEXT.encode(), filename="lesia.txt", text=TEXT)
    s.do_cited(anna, s.Citation(source, "a writer"), lambda: s.do_add_occupation(anna, person, "writer"))
    s.do_remove(anna, person.occupations.get(code="accountant"), "a misreading")
    s.do_set_primary_name(anna, person.names.get(text="Леся Проба"))
    s.do_update_person(anna, person, birth_date="1980")
    s.do_add_note(anna, text="A letter came.", person=person)
    event = s.do_create_event(anna, type="detention", date="2024-03-09", victims=[person])
    s.do_update_event(anna, event, date="2024-03-08")
    return {"person": person, "source": source, "event": event}


def test_the_person_history_says_each_change_in_words(client: Client, anna: Any, world: Any) -> None:
    person, source = world["person"], world["source"]
    login(client, anna)
    assert 'data-testid="history-tab"' in client.get(f"/persons/{person.pk}/").content.decode()
    html = client.get(f"/persons/{person.pk}/history/").content.decode()
    words = _words(html)
    assert f"occupation writer added from source {source.pk} by anna" in words
    assert "occupation accountant removed by anna: a misreading" in words
    assert "primary name changed from Lesia Probe to Леся Проба by anna" in words
    assert "birth date of person Леся Проба changed from — to 1980 by anna" in words
    assert "a note added by anna" in words
    assert "event detention 2024-03-09 added by anna" in words  # the event as it was then
    assert "date of event detention 2024-03-08 changed from 2024-03-09 to 2024-03-08 by anna" in words
    assert "Леся Проба as victim in" in words
    assert "<details><summary>What changed</summary>" in html  # the diff, on demand
    assert "{" not in words  # no dict, no JSON


def test_a_history_hides_what_the_viewer_may_not_see(
    client: Client, anna: Any, world: Any, confidant: Any, viewer: Any
) -> None:
    person = world["person"]
    secret_text = "Lesia's secret source says she is a poet."
    secret_source, _ = s.do_create_source(
        None, data=secret_text.encode(), filename="secret.txt", text=secret_text, confidentiality="confidential"
    )
    s.do_cited(confidant, s.Citation(secret_source), lambda: s.do_add_occupation(anna, person, "translator"))
    s.do_add_name(confidant, person, "Lesia Hidden", confidentiality="confidential")
    s.do_add_occupation(confidant, person, "poet", confidentiality="confidential")
    s.do_add_note(confidant, text="kept from the team", person=person, confidentiality="confidential")
    hidden_event = s.do_create_event(confidant, type="search", date="2024-02", confidentiality="confidential")
    s.do_add_involvement(confidant, hidden_event, person=person, confidentiality="confidential")
    s.do_update_person(confidant, person, contacts="her brother, +375 00 000")

    def history(user: Any) -> str:
        client.force_login(user)
        html = client.get(f"/persons/{person.pk}/history/").content.decode()
        return " ".join(re.sub(r"<[^>]+>", " ", html[html.index('data-testid="history"') :]).split())

    seen = history(viewer)
    assert "occupation translator added by anna" in seen  # the fact, not its hidden source
    assert f"source {secret_source.pk}" not in seen
    for hidden in ("Lesia Hidden", "poet", "search", "contacts", "note added by confidant", "by confidant"):
        assert hidden not in seen, hidden
    assert re.search(r"\bconfidential\b", seen) is None
    everything = history(confidant)
    assert f"occupation translator added from source {secret_source.pk} by anna" in everything
    for shown in ("Lesia Hidden", "occupation poet", "event search", "contacts"):
        assert shown in everything, shown


def test_the_history_is_for_signed_in_users(client: Client, world: Any) -> None:
    person = world["person"]
    s.do_set_confidentiality(None, person, "public", "published")
    answer = client.get(f"/persons/{person.pk}/history/")
    assert answer.status_code == 302 and "/login/" in answer["Location"]
    assert 'data-testid="history-tab"' not in client.get(f"/persons/{person.pk}/").content.decode()


def test_the_event_history_names_its_persons(client: Client, anna: Any, world: Any) -> None:
    event = world["event"]
    login(client, anna)
    words = _words(client.get(f"/events/{event.pk}/history/").content.decode())
    assert "Леся Проба as victim in detention 2024-03-08 added by anna" in words
    assert "date of event detention 2024-03-08 changed from 2024-03-09 to 2024-03-08 by anna" in words


def test_a_hidden_event_has_no_history_page(client: Client, world: Any, viewer: Any, confidant: Any) -> None:
    hidden = s.do_create_event(confidant, type="search", date="2024-02", confidentiality="confidential")
    client.force_login(viewer)
    assert client.get(f"/events/{hidden.pk}/history/").status_code == 404
