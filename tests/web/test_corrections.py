"""Corrections on the person page and the event page: every fact added (citing its source),
corrected, removed, made primary or given another level, by editors only, through the services."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from letapis.audit.verify import verify
from letapis.registry import services as s
from letapis.registry.models import Claim, Honour, Membership, NameVariant, Note, Occupation
from tests.web.review_helpers import login, make_user

pytestmark = pytest.mark.django_db

TEXT = "Jana Probe, a translator and a member of PEN Probe, was detained in Hrodna on 2 June 2022."


@pytest.fixture
def world() -> dict[str, Any]:
    person = s.do_create_person(
        None, names=["Jana Probe", "Яна Проба"], occupations=["accountant", "translator"], confidentiality="internal"
    )
    source, _ = s.do_create_source(None, data=TEXT.encode(), filename="probe.txt", text=TEXT)
    pen = s.do_create_organisation(None, "PEN Probe", kind="pen_centre")
    hrodna = s.do_create_place(None, "Hrodna", kind="city", country="BY")
    event = s.do_create_event(None, type="detention", date="2022-06", victims=[person])
    return {"person": person, "source": source, "pen": pen, "hrodna": hrodna, "event": event}


@pytest.fixture
def editing(client: Client, django_user_model: Any) -> Client:
    return login(client, make_user(django_user_model, "anna", "editor"))


def _page(client: Client, url: str) -> str:
    answer = client.get(url)
    assert answer.status_code == 200, url
    return answer.content.decode()


def test_the_occupation_list_starts_at_nothing(editing: Client, world: Any) -> None:
    page = _page(editing, f"/persons/{world['person'].pk}/")
    form = page[page.index('data-testid="occupation-form"') :]
    select = form[form.index('name="code"') : form.index("</select>")]
    assert select.split("<option", 2)[1].startswith(' value=""')  # the first option is "—", chosen
    assert select.count(" selected") == select.count('value="" selected') == 1
    answer = editing.post(f"/persons/{world['person'].pk}/occupations/", {"code": ""}, follow=True)
    assert "The form has errors" in answer.content.decode()
    assert world["person"].occupations.count() == 2


def test_an_editor_adds_facts_that_cite_their_source(editing: Client, world: Any) -> None:
    person, source = world["person"], world["source"]
    base = f"/persons/{person.pk}"
    editing.post(f"{base}/occupations/", {"code": "writer", "source": source.pk, "quote": "a translator"})
    editing.post(
        f"{base}/memberships/",
        {
            "organisation": "PEN Probe",
            "role": "member",
            "start_year": "2019",
            "source": source.pk,
            "quote": "a member of PEN Probe",
        },
    )
    editing.post(f"{base}/honours/", {"text": "A probe prize", "year": "2020"})
    editing.post(f"{base}/names/", {"text": "Jana Proba", "form": "passport", "primary": "on", "source": source.pk})
    editing.post(f"{base}/notes/", {"text": "Her lawyer wrote.", "confidentiality": "internal"})
    occupation = Occupation.objects.get(person=person, code="writer")
    membership = Membership.objects.get(person=person)
    assert membership.start == "2019" and membership.confidentiality == "internal"  # the person's level
    assert Honour.objects.get(person=person).text == "A probe prize"
    person.refresh_from_db()
    assert person.display_name == "Jana Proba"
    claims = {(c.record_type, c.record_id): c for c in Claim.objects.filter(source=source)}
    assert claims[("registry.occupation", occupation.pk)].quote == "a translator"
    assert claims[("registry.membership", membership.pk)].quote == "a member of PEN Probe"
    assert ("registry.namevariant", NameVariant.objects.get(text="Jana Proba").pk) in claims
    assert Note.objects.get(person=person).text == "Her lawyer wrote."
    assert verify().ok


def test_a_quote_without_its_source_is_refused(editing: Client, world: Any) -> None:
    person = world["person"]
    answer = editing.post(
        f"/persons/{person.pk}/occupations/", {"code": "writer", "quote": "a translator"}, follow=True
    )
    assert "A quote needs its source." in answer.content.decode()
    assert not person.occupations.filter(code="writer").exists()


def test_an_editor_removes_a_wrong_occupation_and_a_name(editing: Client, world: Any) -> None:
    person = world["person"]
    wrong = person.occupations.get(code="accountant")
    page = _page(editing, f"/persons/{person.pk}/")
    assert f'data-testid="correct-occupations-{wrong.pk}"' in page
    editing.post(f"/persons/{person.pk}/occupations/{wrong.pk}/remove")
    assert list(person.occupations.values_list("code", flat=True)) == ["translator"]
    other = person.names.get(is_primary=False)
    editing.post(f"/persons/{person.pk}/names/{other.pk}/remove")
    assert list(person.names.values_list("text", flat=True)) == ["Jana Probe"]
    primary = person.names.get()
    answer = editing.post(f"/persons/{person.pk}/names/{primary.pk}/remove", follow=True)
    assert "make another name primary" in answer.content.decode()


def test_an_editor_changes_the_primary_name_and_corrects_a_name(editing: Client, world: Any) -> None:
    person = world["person"]
    cyrillic = person.names.get(text="Яна Проба")
    editing.post(f"/persons/{person.pk}/names/{cyrillic.pk}/primary")
    person.refresh_from_db()
    assert person.display_name == "Яна Проба"
    editing.post(f"/persons/{person.pk}/names/{cyrillic.pk}/edit", {"text": "Яна Пробa", "form": "native"})
    person.refresh_from_db()
    assert person.display_name == "Яна Пробa"


def test_an_editor_corrects_a_membership_a_note_and_a_level(editing: Client, world: Any) -> None:
    person = world["person"]
    membership = s.do_add_membership(None, person, world["pen"])
    note = s.do_add_note(None, text="old words", person=person)
    base = f"/persons/{person.pk}"
    editing.post(f"{base}/memberships/{membership.pk}/edit", {"role": "honorary_member", "start": "2018", "end": ""})
    editing.post(f"{base}/notes/{note.pk}/edit", {"text": "new words"})
    occupation = person.occupations.get(code="translator")
    answer = editing.post(f"{base}/occupations/{occupation.pk}/level", {"confidentiality": "public"}, follow=True)
    assert "only a user with the confidential grant" in answer.content.decode()  # shown to more people
    s.do_set_confidentiality(None, occupation, "public", "in the press")
    editing.post(f"{base}/occupations/{occupation.pk}/level", {"confidentiality": "internal"})
    membership.refresh_from_db()
    note.refresh_from_db()
    occupation.refresh_from_db()
    assert (membership.role, membership.start) == ("honorary_member", "2018")
    assert note.text == "new words"
    assert occupation.confidentiality == "internal"


def test_a_fact_of_another_person_or_hidden_is_not_found(editing: Client, world: Any, confidant: Any) -> None:
    person = world["person"]
    other = s.do_create_person(None, names=["Other Probe"], occupations=["poet"])
    theirs = other.occupations.get()
    assert editing.post(f"/persons/{person.pk}/occupations/{theirs.pk}/remove").status_code == 404
    hidden = s.do_add_occupation(confidant, person, "poet", confidentiality="confidential")
    assert editing.post(f"/persons/{person.pk}/occupations/{hidden.pk}/remove").status_code == 404
    assert editing.post(f"/persons/{person.pk}/persons/{theirs.pk}/remove").status_code == 404
    assert Occupation.objects.filter(pk__in=[theirs.pk, hidden.pk]).count() == 2


def test_only_editors_correct(client: Client, world: Any, viewer: Any) -> None:
    person = world["person"]
    occupation = person.occupations.first()
    assert occupation is not None
    client.force_login(viewer)
    assert client.post(f"/persons/{person.pk}/occupations/{occupation.pk}/remove").status_code == 403
    assert client.get(f"/events/{world['event'].pk}/edit/").status_code == 403
    assert 'data-testid="correct-' not in _page(client, f"/persons/{person.pk}/")
    assert Occupation.objects.filter(pk=occupation.pk).exists()


def test_an_editor_fixes_an_event_its_place_and_its_persons(editing: Client, world: Any) -> None:
    event, person = world["event"], world["person"]
    url = f"/events/{event.pk}/edit/"
    page = _page(editing, url)
    assert 'data-testid="event-form"' in page and "Jana Probe" in page
    data = {
        "version": event.version,
        "type": "detention",
        "date_year": "2022",
        "date_month": "6",
        "date_day": "2",
        "place": "Hrodna",
        "confidentiality": "public",
        "source": world["source"].pk,
        "quote": "was detained in Hrodna on 2 June 2022",
    }
    assert editing.post(url, data).status_code == 302
    event.refresh_from_db()
    assert (event.date, event.place_id, str(event.date_latest)) == ("2022-06-02", world["hrodna"].pk, "2022-06-02")
    assert Claim.objects.filter(record_type="registry.event", record_id=event.pk, event=event).exists()
    stale = editing.post(url, {**data, "date_day": "3"})
    assert stale.status_code == 409
    event.refresh_from_db()
    assert event.date == "2022-06-02"
    witness = s.do_create_person(None, names=["Witness Probe"])
    editing.post(f"/events/{event.pk}/persons/", {"person": "Witness Probe", "role": "witness"})
    editing.post(f"/events/{event.pk}/persons/", {"person": f"#{witness.pk}", "role": "victim"})
    assert set(event.involvements.values_list("person__display_name", "role")) == {
        ("Jana Probe", "victim"),
        ("Witness Probe", "witness"),
        ("Witness Probe", "victim"),
    }
    answer = editing.post(f"/events/{event.pk}/persons/", {"person": "Nobody Probe", "role": "victim"}, follow=True)
    assert "No person is written so." in answer.content.decode()
    mine = event.involvements.get(person=person)
    editing.post(f"/events/{event.pk}/persons/{mine.pk}/remove")
    assert not event.involvements.filter(person=person).exists()
    assert verify().ok
