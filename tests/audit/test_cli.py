"""`letapis audit verify` and `letapis audit history`, run in-process."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner, Result

from letapis.audit.models import AuditEntry
from letapis.cli import main
from letapis.registry import services as s
from letapis.registry.models import Person
from tests.audit.tampering import delete_a_name_and_insert_an_occupation, sql

pytestmark = pytest.mark.django_db


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_it_reports_an_intact_log(demo: Any) -> None:
    result = run("audit", "verify")
    assert result.exit_code == 0, result.output
    entries = AuditEntry.objects.count()
    assert result.output.startswith(f"Checked {entries} audit entries and ")
    assert "The audit log is intact and every record matches it." in result.output


def test_it_exits_1_on_a_row_updated_directly(demo: Any) -> None:
    person = Person.objects.order_by("id").first()
    assert person is not None
    sql("UPDATE registry_person SET birth_date = %s WHERE id = %s", ["1900", person.pk])
    result = run("audit", "verify")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[1] == "1 problems:"
    assert lines[2] == (
        f"  registry.person {person.pk} differs from its audit log in birth_date: changed behind the services' back"
    )


def test_it_exits_1_on_an_audit_entry_deleted(demo: Any) -> None:
    ids = list(AuditEntry.objects.order_by("id").values_list("id", flat=True)[5:7])
    sql("DELETE FROM audit_auditentry WHERE id = %s", [ids[0]])
    result = run("audit", "verify", "--chain-only")
    assert result.exit_code == 1
    assert f"  entry #{ids[1]} does not follow entry #{ids[0] - 1}" in result.output


def test_it_exits_1_on_rows_inserted_and_deleted_directly(demo: Any) -> None:
    delete_a_name_and_insert_an_occupation()
    result = run("audit", "verify", "--json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["ok"] is False
    assert sorted(p["kind"] for p in data["problems"]) == ["unlogged", "vanished"]


def test_history_lists_the_changes_of_a_record(editor: Any) -> None:
    person = s.do_create_person(editor, names=["Алесь Бяляцкі"])
    s.do_update_person(editor, person, expected_version=1, birth_date="1962")
    result = run("audit", "history", "person", str(person.pk))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"registry.person {person.pk}: Алесь Бяляцкі  (2 entries)"
    assert lines[1].endswith("editor  person.create")
    assert '    display_name = "Алесь Бяляцкі"' in lines
    assert lines[-2].endswith("editor  person.update")
    assert lines[-1] == '    birth_date: "" → "1962"'


def test_history_shows_that_an_encrypted_field_changed_but_not_its_text(editor: Any) -> None:
    person = s.do_create_person(editor, names=["Ihar Ilyash"])
    s.do_update_person(editor, person, expected_version=1, contacts="Mother: +375 29 000 00 00")
    s.do_update_person(editor, person, expected_version=2, contacts="Mother: +375 29 111 11 11")
    result = run("audit", "history", "person", str(person.pk))
    assert "+375" not in result.output
    assert result.output.splitlines()[-1] == '    contacts: "(encrypted)" → "(encrypted, changed)"'


def test_history_of_an_unknown_record_is_a_clear_error(db: Any) -> None:
    result = run("audit", "history", "person", "999999")
    assert result.exit_code == 1
    assert result.output.strip() == "Error: registry.person 999999 has no audit entry"
    result = run("audit", "history", "nosuchthing", "1")
    assert "unknown record type 'nosuchthing'" in result.output
