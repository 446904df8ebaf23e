"""`verify` finds what was done to the database behind the services' back."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from letapis.audit.log import record, snapshot
from letapis.audit.models import AuditEntry
from letapis.audit.verify import verify
from letapis.registry import services as s
from letapis.registry.models import Event, Person
from tests.audit.tampering import delete_a_name_and_insert_an_occupation, sql

pytestmark = pytest.mark.django_db


def test_it_finds_the_demo_intact(demo: Any) -> None:
    report = verify()
    assert report.ok, [str(p) for p in report.problems]
    assert report.entries == AuditEntry.objects.count() > 100
    assert report.records >= Person.objects.count() + Event.objects.count()


def test_it_stays_intact_through_updates_and_new_primary_names(editor: Any) -> None:
    person = s.do_create_person(editor, names=["Алесь Бяляцкі"])
    s.do_update_person(editor, person, expected_version=1, publishable=True)
    s.do_add_name(editor, person, "Ales Bialiatski", is_primary=True)
    report = verify()
    assert report.ok, [str(p) for p in report.problems]


def test_it_reports_a_row_changed_directly(demo: Any) -> None:
    person = Person.objects.order_by("id").first()
    assert person is not None
    sql("UPDATE registry_person SET publishable = NOT publishable WHERE id = %s", [person.pk])
    report = verify()
    assert [p.kind for p in report.problems] == ["changed"]
    assert f"registry.person {person.pk} " in report.problems[0].text
    assert "publishable" in report.problems[0].text


def test_it_reports_a_display_name_changed_directly(demo: Any) -> None:
    person = Person.objects.order_by("id").first()
    assert person is not None
    sql("UPDATE registry_person SET display_name = %s WHERE id = %s", ["Someone Else", person.pk])
    assert [p.kind for p in verify().problems] == ["derived"]


def test_it_reports_a_row_inserted_and_a_row_deleted_directly(demo: Any) -> None:
    variant = delete_a_name_and_insert_an_occupation()
    problems = verify().problems
    assert sorted(p.kind for p in problems) == ["unlogged", "vanished"]
    assert any(f"registry.namevariant {variant.pk} is gone" in p.text for p in problems)


def test_it_reports_an_edited_entry(demo: Any) -> None:
    entry = AuditEntry.objects.order_by("id")[10]
    sql("UPDATE audit_auditentry SET actor_label = %s WHERE id = %s", ["someone", entry.pk])
    report = verify(records=False)
    assert len(report.problems) == 1
    assert report.problems[0].text.startswith(f"entry #{entry.pk} ")
    assert "does not match its hash" in report.problems[0].text


def test_it_reports_a_deleted_entry(demo: Any) -> None:
    entries = list(AuditEntry.objects.order_by("id").values_list("id", flat=True)[20:22])
    sql("DELETE FROM audit_auditentry WHERE id = %s", [entries[0]])
    report = verify(records=False)
    assert [p.kind for p in report.problems] == ["chain", "head"]
    assert report.problems[0].text.startswith(f"entry #{entries[1]} does not follow entry #{entries[0] - 1}")


def test_it_reports_entries_removed_from_the_end(demo: Any) -> None:
    last = AuditEntry.objects.order_by("-id").first()
    assert last is not None
    sql("DELETE FROM audit_auditentry WHERE id = %s", [last.pk])
    report = verify(records=False)
    assert [p.kind for p in report.problems] == ["head"]


def test_a_delete_entry_explains_a_missing_row(editor: Any) -> None:
    person = s.do_create_person(editor, names=["A B"])
    with transaction.atomic():
        for variant in person.names.all():
            record(editor, "namevariant.delete", variant, before=snapshot(variant))
        record(editor, "person.delete", person, before=snapshot(person))
        person.delete()
    assert verify().ok


def test_it_reports_a_name_key_changed_directly(demo: Any) -> None:
    person = Person.objects.order_by("id").first()
    assert person is not None
    sql("UPDATE registry_person SET name_key = %s WHERE id = %s", ["000", person.pk])
    assert [p.text for p in verify().problems] == [f"registry.person {person.pk} has a name_key that is not its name's"]
