"""Who sees what (:mod:`letapis.access`): the tests of the one access rule.

- The levels: who reads which (:mod:`letapis.access.levels`), for superusers too, and the
  levels are the registry's.
- The helpers: the join condition on a related person selects exactly the records whose person
  :func:`~letapis.access.visible_persons` lets the caller see.
- Grants are grants: confidential records open only with ``sees_confidential`` — for admins and
  superusers too, in the pages, the API, the Django admin (lists, change pages, search, inlines,
  filters, history) and the audit pages.
- The audit log hides the entries the rule hides, and hides every entry when no rule is
  registered (:mod:`letapis.audit.registration`).

Every output as a whole, for every audience, is checked by the property of
``tests/test_confidentiality_rule.py``; every URL by role by ``tests/test_access_walk.py``.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from letapis import access
from letapis.access import levels
from letapis.audit import registration
from letapis.registry import services as s
from letapis.registry.models import Confidentiality, Involvement, NameVariant, Person
from letapis.registry.services.merge import do_merge_persons
from tests.test_access_walk import client_for


@pytest.fixture
def registry(demo: Any, editor: Any) -> None:
    """The demo, plus a person of every level, an unpublishable one and a merged one, each a
    victim of one event."""
    event = s.do_create_event(editor, type="detention", date="2025-03-01")
    made = []
    for name, level, publishable in [
        ("Тэст Публічны", "public", True),
        ("Тэст Непублічны", "public", False),
        ("Тэст Унутраны", "internal", True),
        ("Тэст Канфідэнцыйны", "confidential", True),
        ("Тэст Дубль", "public", True),
    ]:
        person = s.do_create_person(editor, names=[name], confidentiality=level, publishable=publishable)
        s.do_add_involvement(editor, event, person=person, role="victim")
        made.append(person)
    do_merge_persons(editor, made[0], made[-1])


@pytest.mark.parametrize("who", ["anonymous", "viewer", "confidant", "editor"])
def test_the_join_condition_selects_what_the_subquery_selects(registry: None, who: str, request: Any) -> None:
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    for model in (Involvement, NameVariant):
        joined = set(model.objects.filter(access.visible_person_q(user)).values_list("pk", flat=True))
        subquery = set(model.objects.filter(person__in=access.visible_persons(user)).values_list("pk", flat=True))
        assert joined == subquery
        assert joined  # the check is not vacuous


def test_it_hides_merged_unpublishable_and_higher_levels(registry: None, viewer: Any, confidant: Any) -> None:
    def names(user: Any) -> set[str]:
        rows = Involvement.objects.filter(access.visible_person_q(user), person__display_name__startswith="Тэст")
        return set(rows.values_list("person__display_name", flat=True))

    assert names(AnonymousUser()) == {"Тэст Публічны"}
    assert names(viewer) == {"Тэст Публічны", "Тэст Непублічны", "Тэст Унутраны"}
    assert names(confidant) == {"Тэст Публічны", "Тэст Непублічны", "Тэст Унутраны", "Тэст Канфідэнцыйны"}
    assert Person.objects.filter(display_name="Тэст Дубль", merged_into__isnull=False).exists()


def test_confidential_records_open_only_with_the_grant_for_superusers_too(db: Any, django_user_model: Any) -> None:
    make = django_user_model.objects.create_user
    superuser = make("root", password="x-long-password-7", role="admin", is_staff=True, is_superuser=True)
    granted = make("root2", password="x-long-password-8", role="admin", is_superuser=True, sees_confidential=True)
    viewer = make("plain", password="x-long-password-9", role="viewer", sees_confidential=True)
    assert access.levels_for(superuser) == access.TEAM
    assert access.levels_for(granted) == access.EVERYTHING
    assert access.levels_for(viewer) == access.EVERYTHING
    superuser.is_active = False
    assert access.levels_for(superuser) == access.PUBLIC_ONLY


def test_the_levels_are_the_registrys() -> None:
    assert list(levels.EVERYTHING) == list(Confidentiality.values)
    assert levels.strictest("public", "confidential", "internal") == "confidential"
    with pytest.raises(ValueError):
        levels.strictest("public", "secret")


# ---------------------------------------------------------------------------------------------
# The audit log's entries


class _Entry:
    def __init__(self, object_type: str, object_id: str) -> None:
        self.object_type, self.object_id = object_type, object_id
        self.before: Any = None
        self.after: Any = None


def test_with_no_rule_registered_the_audit_hides_every_entry_but_from_the_grant(
    db: Any, monkeypatch: pytest.MonkeyPatch, viewer: Any, confidant: Any
) -> None:
    monkeypatch.setattr(registration, "_hidden", [])
    entries = [_Entry("registry.person", "1"), _Entry("registry.note", "2")]
    assert registration.hidden_entries(viewer, entries) == {("registry.person", "1"), ("registry.note", "2")}
    assert registration.hidden_entries(confidant, entries) == set()


def test_the_registry_registers_the_access_rule_with_the_audit() -> None:
    assert access.hidden_audit_keys in registration._hidden
    assert "registry" in {app.label for app in registration.audited_apps()}


# ---------------------------------------------------------------------------------------------
# Grants are grants

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
