"""The audit page: admins only; recent entries, one record's history, the verify button, and
confidential records' values hidden from an admin not granted them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from letapis.audit.models import AuditEntry
from letapis.registry.services import do_create_person
from tests.web.review_helpers import login, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(django_user_model: Any) -> Any:
    return make_user(django_user_model, "admin1", "admin", confidential=True)


def test_only_admins_open_the_audit_page(client: Client, django_user_model: Any, admin: Any) -> None:
    answer = client.get("/audit/")
    assert answer.status_code == 302 and "/login/" in answer["Location"]
    for role in ("viewer", "researcher", "editor"):
        login(client, make_user(django_user_model, f"u-{role}", role))
        assert client.get("/audit/").status_code == 403
        assert client.post("/audit/verify").status_code == 403
    assert login(client, admin).get("/audit/").status_code == 200


def test_recent_entries_and_one_records_history(client: Client, admin: Any, demo: Any) -> None:
    person = do_create_person(admin, names=["Ніна Багінская"])
    from letapis.registry.services import do_add_name

    do_add_name(admin, person, "Nina Bahinskaja")
    login(client, admin)
    html = client.get("/audit/").content.decode()
    assert "person.create" in html or "registry.person" in html
    assert "admin1" in html
    page = client.get(f"/audit/?type=registry.person&id={person.pk}")
    html = page.content.decode()
    assert f"History of registry.person {person.pk}, oldest first" in html
    entries = AuditEntry.objects.filter(object_type="registry.person", object_id=str(person.pk)).order_by("id")
    positions = [html.index(f"<td>{e.pk}</td>") for e in entries]
    assert positions == sorted(positions) and len(positions) >= 1
    other = AuditEntry.objects.exclude(object_type="registry.person").first()
    assert other is not None and f"<td>{other.pk}</td>" not in html


def test_filters_by_action_and_actor(client: Client, admin: Any, demo: Any) -> None:
    do_create_person(admin, names=["Someone New"])
    html = login(client, admin).get("/audit/?actor=admin1").content.decode()
    assert "Someone New" in html
    assert html.count('<tr class="entry">') == AuditEntry.objects.filter(actor_label="admin1").count()


def test_the_verify_button_reports_an_intact_log_and_a_tampered_one(client: Client, admin: Any, demo: Any) -> None:
    login(client, admin)
    page = client.get("/audit/")
    assert b'action="/audit/verify"' in page.content
    answer = client.post("/audit/verify")
    assert answer.status_code == 200 and b"The log is intact" in answer.content
    entry = AuditEntry.objects.order_by("id")[3]
    AuditEntry.objects.filter(pk=entry.pk).update(actor_label="mallory")
    answer = client.post("/audit/verify")
    assert f"entry #{entry.pk}".encode() in answer.content and b"does not match its hash" in answer.content
    assert client.get("/audit/verify").status_code == 405


def test_an_admin_without_confidential_access_does_not_see_confidential_values(
    client: Client, django_user_model: Any
) -> None:
    secret = do_create_person(None, names=["SECRET-NAME-MARKER"], confidentiality="confidential")
    plain_admin = make_user(django_user_model, "admin2", "admin")
    html = login(client, plain_admin).get("/audit/").content.decode()
    assert "SECRET-NAME-MARKER" not in html
    assert "confidential: hidden" in html
    html = client.get(f"/audit/?type=registry.person&id={secret.pk}").content.decode()
    assert "SECRET-NAME-MARKER" not in html
    trusted = make_user(django_user_model, "admin3", "admin", confidential=True)
    assert "SECRET-NAME-MARKER" in login(Client(), trusted).get("/audit/").content.decode()


def test_each_entry_is_said_in_words_with_its_changes_on_demand(client: Client, admin: Any) -> None:
    from letapis.registry.services import do_add_occupation, do_remove, do_update_person

    person = do_create_person(admin, names=["Vasil Probe"], occupations=["accountant"])
    do_add_occupation(admin, person, "writer")
    do_remove(admin, person.occupations.get(code="accountant"))
    do_update_person(admin, person, birth_date="1971")
    html = login(client, admin).get("/audit/?actor=admin1").content.decode()
    assert "occupation <em>writer</em> added by <em>admin1</em>" in html
    assert "occupation <em>accountant</em> removed by <em>admin1</em>" in html
    assert "birth date of person <em>Vasil Probe</em> changed from <em>—</em> to <em>1971</em>" in html
    assert "<summary>What changed</summary>" in html
    assert '{"' not in html and "&quot;" not in html  # no JSON, no Python dict
