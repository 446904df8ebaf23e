"""Grants are grants: confidential records open only with ``sees_confidential`` — for admins and
superusers too, in the pages, the API, the Django admin (lists, change pages, search, inlines,
filters, history) and the audit pages."""

from __future__ import annotations

from typing import Any

import pytest

from letapis.registry import services as s
from letapis.registry.models import Person
from tests.test_access_walk import client_for

pytestmark = pytest.mark.django_db

PERSON = "CORA-GRANT-MARK"
NOTE = "NOTE-GRANT-MARK"
SOURCE = "SOURCE-GRANT-MARK"
ORG = "ORG-GRANT-MARK"
MARKS = (PERSON, NOTE, SOURCE, ORG)


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    cora = s.do_create_person(None, names=[f"Cora {PERSON}"], confidentiality="confidential", publishable=True)
    pat = s.do_create_person(None, names=["Pat Plain"], confidentiality="internal")
    note = s.do_add_note(None, text=f"note {NOTE}", person=pat, confidentiality="confidential")
    org = s.do_create_organisation(None, f"Org {ORG}", kind="ngo", confidentiality="confidential")
    s.do_add_membership(None, pat, org, confidentiality="internal")
    body = f"A letter: {SOURCE}."
    source = s.do_create_source(
        None, data=body.encode(), filename="l.txt", text=body, title=f"letter {SOURCE}", confidentiality="confidential"
    )[0]
    return {"cora": cora, "pat": pat, "note": note, "source": source, "org": org}


def _superuser(django_user_model: Any, name: str, grant: bool) -> Any:
    return django_user_model.objects.create_user(
        name, password="x-long-password-0", role="admin", is_staff=True, is_superuser=True, sees_confidential=grant
    )


def _urls(w: dict[str, Any]) -> list[str]:
    cora, pat, note, source = w["cora"].pk, w["pat"].pk, w["note"].pk, w["source"].pk
    return [
        f"/persons/{cora}/",
        f"/persons/{pat}/",
        "/persons/?q=Cora",
        f"/sources/{source}/",
        f"/review/sources/{source}/",
        f"/api/v1/persons/{cora}",
        f"/api/v1/persons/{pat}",
        f"/api/v1/sources/{source}",
        "/admin/registry/person/",
        "/admin/registry/person/?q=Cora",
        f"/admin/registry/person/{cora}/change/",
        f"/admin/registry/person/{pat}/change/",
        f"/admin/registry/person/{pat}/delete/",
        "/admin/registry/note/",
        f"/admin/registry/note/{note}/change/",
        "/admin/registry/source/",
        f"/admin/registry/source/{source}/change/",
        "/admin/registry/organisation/",
        "/admin/registry/membership/",
        "/admin/registry/namevariant/?q=Cora",

        "/admin/autocomplete/?app_label=registry&model_name=membership&field_name=person&term=Cora",
        f"/admin/audit/auditentry/record/registry.person/{cora}/",
        f"/admin/audit/auditentry/record/registry.note/{note}/",
        "/audit/",
        f"/audit/?type=registry.person&id={cora}",
    ]


def _seen(client: Any, urls: list[str]) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {m: [] for m in MARKS}
    for url in urls:
        text = client.get(url).content.decode()
        for mark in MARKS:
            if mark in text:
                seen[mark].append(url)
    return seen


def test_a_superuser_without_the_grant_sees_no_confidential_record(world: Any, django_user_model: Any) -> None:
    client = client_for(_superuser(django_user_model, "root", grant=False))
    seen = _seen(client, _urls(world))
    assert seen == {m: [] for m in MARKS}
    cora, source = world["cora"].pk, world["source"].pk
    assert client.get(f"/persons/{cora}/").status_code == 404
    assert client.get(f"/api/v1/persons/{cora}").status_code == 404
    assert client.get(f"/sources/{source}/").status_code == 404
    # the admin answers a record it does not show as one that does not exist
    assert client.get(f"/admin/registry/person/{cora}/change/").status_code == 302
    assert client.get(f"/admin/audit/auditentry/record/registry.person/{cora}/").status_code == 403
    assert client.get("/admin/audit/auditentry/").status_code == 403


def test_with_the_grant_they_see_it(world: Any, django_user_model: Any) -> None:
    client = client_for(_superuser(django_user_model, "root", grant=True))
    seen = _seen(client, _urls(world))
    assert all(seen[m] for m in MARKS), seen
    assert client.get(f"/admin/registry/person/{world['cora'].pk}/change/").status_code == 200
    assert PERSON in client.get("/admin/audit/auditentry/?q=Cora").content.decode()


def test_a_delete_that_takes_a_hidden_record_with_it_is_refused(world: Any, django_user_model: Any) -> None:
    client = client_for(_superuser(django_user_model, "root", grant=False))
    pat = world["pat"].pk
    answer = client.post(f"/admin/registry/person/{pat}/delete/", {"post": "yes"})
    assert answer.status_code == 403
    assert Person.objects.filter(pk=pat).exists()
