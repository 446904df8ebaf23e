"""The admin's history page of a record shows its audit log."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from letapis.registry import services as s

pytestmark = pytest.mark.django_db


def test_the_history_button_of_a_person_leads_to_its_audit_log(admin_client: Client, editor: Any) -> None:
    person = s.do_create_person(editor, names=["Ihar Ilyash"])
    s.do_update_person(editor, person, expected_version=1, birth_date="1978")
    answer = admin_client.get(f"/admin/registry/person/{person.pk}/history/")
    assert answer.status_code == 302
    assert answer["Location"] == f"/admin/audit/auditentry/record/registry.person/{person.pk}/"
    page = admin_client.get(answer["Location"])
    assert page.status_code == 200
    text = page.content.decode()
    assert "person.create" in text
    assert "person.update" in text
    assert "<strong>birth_date</strong>:  &rarr; 1978" in text


def test_it_is_hidden_from_a_staff_member_without_confidential_access(
    client: Client, editor: Any, django_user_model: Any
) -> None:
    person = s.do_create_person(editor, names=["Someone Hidden"], confidentiality="confidential")
    staff = django_user_model.objects.create_user("staff", password="x-long-password-9", role="editor", is_staff=True)
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(Permission.objects.get(codename="view_auditentry"))
    client.force_login(staff)
    answer = client.get(f"/admin/audit/auditentry/record/registry.person/{person.pk}/")
    assert answer.status_code == 403


def test_an_unknown_record_is_404(admin_client: Client) -> None:
    assert admin_client.get("/admin/audit/auditentry/record/registry.person/424242/").status_code == 404


def test_the_raw_log_is_only_for_staff_who_may_read_confidential_records(
    client: Client, editor: Any, django_user_model: Any
) -> None:
    secret = s.do_create_person(editor, names=["Hidden CONFIDENTIAL-MARKER-a1"], confidentiality="confidential")
    public = s.do_create_person(editor, names=["Plain Public"])
    from django.contrib.auth.models import Permission

    view = Permission.objects.get(codename="view_auditentry")
    staff = django_user_model.objects.create_user("staff", password="x-long-password-9", role="admin", is_staff=True)
    staff.user_permissions.add(view)
    client.force_login(staff)
    for url in ("/admin/audit/auditentry/", "/admin/audit/auditentry/?q=MARKER"):
        answer = client.get(url)
        assert answer.status_code == 403
        assert b"CONFIDENTIAL-MARKER-a1" not in answer.content
    assert client.get(f"/admin/audit/auditentry/record/registry.person/{public.pk}/").status_code == 200
    assert client.get(f"/admin/audit/auditentry/record/registry.person/{secret.pk}/").status_code == 403

    trusted = django_user_model.objects.create_user(
        "trusted", password="x-long-password-9", role="admin", is_staff=True, sees_confidential=True
    )
    trusted.user_permissions.add(view)
    client.force_login(trusted)
    assert b"CONFIDENTIAL-MARKER-a1" in client.get("/admin/audit/auditentry/?q=MARKER").content
