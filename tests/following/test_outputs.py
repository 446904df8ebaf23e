"""The term section of the person page and API per audience, the regime rule, the command."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from click.testing import CliRunner
from django.test import Client

from letapis.cli import main
from letapis.following import services as fs
from letapis.following.models import FollowUp
from letapis.read.persons import person_detail
from letapis.registry import services as s
from letapis.registry.models import Person
from tests.helpers import verified

D = date.fromisoformat


@pytest.fixture
def prisoner(db: Any) -> Person:
    """Detained 25 March 2021, sentenced 8 February 2023 to eight years, in a colony since May."""
    p = s.do_create_person(None, names=["Ales Prykład"], confidentiality="public", publishable=True)
    s.do_create_event(None, type="detention", date="2021-03-25", victims=[p])
    verdict = s.do_create_event(None, type="sentence", date="2023-02-08", victims=[p])
    s.do_create_criminal_case(None, p, sentence_months=96, sentence_date="2023-02-08", sentence_event=verdict)
    colony = s.do_create_place(None, "Penal colony No. 1, Navapolack", kind="penal_colony", confidentiality="public")
    s.do_create_event(None, type="transfer", date="2023-05-10", place=colony, victims=[p])
    return p


def test_a_regime_change_does_not_change_the_end(prisoner: Person) -> None:
    before = FollowUp.objects.get(person=prisoner, level="public")
    prison = s.do_create_place(None, "Prison No. 8, Žodzina", kind="prison", confidentiality="public")
    s.do_create_event(None, type="transfer", date="2024-03-01", place=prison, victims=[prisoner])
    after = FollowUp.objects.get(person=prisoner, level="public")
    assert (after.end_earliest, after.end_latest, after.reasoning) == (
        before.end_earliest,
        before.end_latest,
        before.reasoning,
    )
    assert after.place == prison and after.place_since == D("2024-03-01")


def test_each_audience_sees_the_term_of_its_records(prisoner: Person, viewer: Any, confidant: Any) -> None:
    case = prisoner.criminal_cases.get()
    fs.do_add_term_change(None, case, kind="added", months=12, date="2024-06", confidentiality="confidential")
    fs.do_record_contact(None, prisoner, type="letter", date="2025-01-20", confidentiality="internal")
    hidden = s.do_create_place(None, "Hidden place", kind="prison", confidentiality="confidential")
    s.do_create_event(None, type="transfer", date="2024-09-01", place=hidden, victims=[prisoner])
    today = date(2025, 12, 14)
    public = person_detail(prisoner, None, today)["term"]
    team = person_detail(prisoner, viewer, today)["term"]
    full = person_detail(prisoner, confidant, today)["term"]
    assert public["end_latest"] == team["end_latest"] == "2029-03-25" and full["end_latest"] == "2030-03-25"
    assert public["place"]["name"] == team["place"]["name"] == "Penal colony No. 1, Navapolack"
    assert full["place"]["name"] == "Hidden place"
    assert public["last_contact"] is None and team["last_contact"] == full["last_contact"] == "2025-01-20"
    assert "added" not in public["reasoning"]["en"] and "+1 year (added, June 2024)" in full["reasoning"]["en"]
    page = Client().get(f"/persons/{prisoner.pk}/").content.decode()
    assert "25 March 2029" in page and "Hidden place" not in page and "2030" not in page


@pytest.mark.django_db
def test_the_command_rebuilds_the_follow_ups(prisoner: Person) -> None:
    kept = list(FollowUp.objects.order_by("person_id", "level").values_list("level", "end_latest", "place_id"))
    FollowUp.objects.all().delete()
    result = CliRunner().invoke(main, ["dev", "follow-ups", "--rebuild"], catch_exceptions=False)
    assert result.exit_code == 0 and "Rebuilt 3 follow-ups" in result.output
    assert list(FollowUp.objects.order_by("person_id", "level").values_list("level", "end_latest", "place_id")) == kept


def test_the_admin_edits_term_changes_of_a_case(prisoner: Person, django_user_model: Any) -> None:
    admin = django_user_model.objects.create_user(
        "admin", password="x-long-password-9", role="admin", is_staff=True, is_superuser=True, sees_confidential=True
    )
    client = Client()
    client.force_login(admin)
    case = prisoner.criminal_cases.get()
    fs.do_add_term_change(None, case, kind="added", months=12, date="2024-06")
    page = client.get(f"/admin/registry/criminalcase/{case.pk}/change/")
    assert page.status_code == 200 and "term_changes-0-months" in page.content.decode()


def test_an_editor_records_a_contact_and_a_term_change_on_the_person_page(prisoner: Person, editor: Any) -> None:
    client = verified(Client(), editor)
    page = client.get(f"/persons/{prisoner.pk}/").content.decode()
    assert 'data-testid="contact-form"' in page and 'data-testid="term-change-form"' in page
    answer = client.post(
        f"/following/persons/{prisoner.pk}/contact/",
        {"type": "family_visit", "date": "2025-04", "confidentiality": "internal"},
    )
    assert answer.status_code == 302
    case = prisoner.criminal_cases.get()
    client.post(
        f"/following/persons/{prisoner.pk}/term-change/",
        {"case": case.pk, "kind": "reduced", "months": 6, "days": 0, "date": "2024-01-10", "confidentiality": "public"},
    )
    public = FollowUp.objects.get(person=prisoner, level="public")
    team = FollowUp.objects.get(person=prisoner, level="internal")
    assert public.end_latest == D("2028-09-25") and public.last_contact is None
    assert team.last_contact == D("2025-04-30")
    refused = client.post(
        f"/following/persons/{prisoner.pk}/term-change/", {"case": case.pk, "kind": "added", "months": 0, "days": 0}
    )
    assert refused.status_code == 302 and FollowUp.objects.get(person=prisoner, level="public") == public
    assert Client().post(f"/following/persons/{prisoner.pk}/contact/", {}).status_code == 302  # to the login
    assert not prisoner.involvements.filter(event__type="letter").exists()
