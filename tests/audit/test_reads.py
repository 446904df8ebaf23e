"""The read audit: opening a confidential person, note, source or export writes who and when;
opening a public one does not; only staff with the grant read the list."""

from __future__ import annotations

from typing import Any

import pytest

from letapis.audit.models import ReadRecord
from letapis.registry import services as s
from tests.test_access_walk import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def granted(django_user_model: Any) -> Any:
    return django_user_model.objects.create_user(
        "granted", password="x-long-password-1", role="admin", is_staff=True, is_superuser=True, sees_confidential=True
    )


def _reads() -> set[tuple[str, str, str, str]]:
    return set(ReadRecord.objects.values_list("user_label", "object_type", "object_id", "how"))


def test_a_confidential_person_opened_in_the_page_and_the_api_is_recorded(granted: Any) -> None:
    secret = s.do_create_person(None, names=["Secret Person"], confidentiality="confidential")
    plain = s.do_create_person(None, names=["Plain Person"], confidentiality="public", publishable=True)
    note = s.do_add_note(None, text="a secret note", person=plain, confidentiality="confidential")
    s.do_add_note(None, text="an internal note", person=plain, confidentiality="internal")
    client = client_for(granted)
    assert client.get(f"/persons/{secret.pk}/").status_code == 200
    assert client.get(f"/api/v1/persons/{secret.pk}").status_code == 200
    assert _reads() == {
        ("granted", "registry.person", str(secret.pk), "web"),
        ("granted", "registry.person", str(secret.pk), "api"),
    }
    ReadRecord.objects.all().delete()
    assert client.get(f"/persons/{plain.pk}/").status_code == 200
    # the public person is not recorded; the confidential note its page shows is
    assert _reads() == {("granted", "registry.note", str(note.pk), "web")}
    ReadRecord.objects.all().delete()
    assert client_for(None).get(f"/persons/{plain.pk}/").status_code == 200
    assert _reads() == set()


def test_a_confidential_source_and_an_export_are_recorded(granted: Any) -> None:
    body = "a confidential letter"
    source = s.do_create_source(
        None, data=body.encode(), filename="c.txt", text=body, title="c", confidentiality="confidential"
    )[0]
    client = client_for(granted)
    assert client.get(f"/sources/{source.pk}/").status_code == 200
    assert client.get(f"/api/v1/sources/{source.pk}").status_code == 200
    assert client.get("/reports/export/csv/").status_code == 200
    assert client.get("/reports/export/csv/?public=1").status_code == 200  # public data: not recorded
    assert _reads() == {
        ("granted", "registry.source", str(source.pk), "web"),
        ("granted", "registry.source", str(source.pk), "api"),
        ("granted", "export", "csv", "export"),
    }


def test_the_read_list_is_for_staff_with_the_grant(granted: Any, django_user_model: Any) -> None:
    secret = s.do_create_person(None, names=["Secret Person"], confidentiality="confidential")
    client = client_for(granted)
    client.get(f"/persons/{secret.pk}/")
    page = client.get(f"/admin/audit/readrecord/?object_type=registry.person&object_id={secret.pk}")
    assert page.status_code == 200 and "registry.person" in page.content.decode()
    assert client.get("/admin/audit/readrecord/?user_label=granted").status_code == 200
    root = django_user_model.objects.create_user(
        "root", password="x-long-password-2", role="admin", is_staff=True, is_superuser=True
    )
    assert client_for(root).get("/admin/audit/readrecord/").status_code == 403
