"""An import sees only what its caller may see: for a caller without the confidential grant a
confidential person does not exist — not in the dry run's matches, conflicts or statuses, and not
as a target of the commit — and the commit reads only the file that caller uploaded for the dry
run."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from click.testing import CliRunner
from django.test import Client

from letapis.registry import services as s
from letapis.registry import storage
from letapis.registry.models import Claim, Person, Source
from letapis.reports import exports
from letapis.reports.imports import ImportError_, Mapping, report_json, run_import
from letapis.reports.views import import_token

from .conftest import verified

pytestmark = pytest.mark.django_db

SECRET_NAME = "Siarhiej Tajemny"
SECRET_BIRTH = "1971-03-09"
SPEC = "columns: {name: name, birth_date: birth_date, status: status, occupations: occupations}\n"


def _csv(rows: list[dict[str, str]]) -> bytes:
    return exports.to_csv(rows, ["name", "birth_date", "status", "occupations"]).encode()


ROW = {"name": SECRET_NAME, "birth_date": "1980-01-01", "status": "released", "occupations": "poet"}


@pytest.fixture
def secret() -> Person:
    """A confidential person, held since a confidential detention."""
    person = s.do_create_person(None, names=[SECRET_NAME], birth_date=SECRET_BIRTH, confidentiality="confidential")
    s.do_create_event(None, type="detention", date="2024-05-06", victims=[person], confidentiality="confidential")
    return person


@pytest.fixture
def granted(django_user_model: Any) -> Any:
    return django_user_model.objects.create_user(
        "granted", password="x-long-password-4", role="editor", sees_confidential=True
    )


def test_the_dry_run_of_an_editor_without_the_grant_does_not_see_the_person(secret: Person, editor: Any) -> None:
    report = run_import(_csv([ROW]), "list.csv", Mapping.parse(SPEC), actor=editor)
    row = report.rows[0]
    assert row.outcome == "new" and row.person_id is None and row.conflicts == []
    text = report_json(report)
    assert SECRET_BIRTH not in text and "held" not in text and f'"person_id": {secret.pk}' not in text


def test_the_dry_run_of_an_editor_with_the_grant_matches_the_person(secret: Person, granted: Any) -> None:
    row = run_import(_csv([ROW]), "list.csv", Mapping.parse(SPEC), actor=granted).rows[0]
    assert row.outcome == "match" and row.person_id == secret.pk
    assert any(SECRET_BIRTH in c for c in row.conflicts) and any("registry held" in c for c in row.conflicts)


def test_the_web_dry_run_shows_nothing_of_the_person(secret: Person, editor_client: Client) -> None:
    upload = io.BytesIO(_csv([ROW]))
    upload.name = "list.csv"
    answer = editor_client.post("/reports/import/", {"action": "dry-run", "file": upload, "spec": SPEC})
    page = answer.content.decode()
    assert answer.status_code == 200 and "1 new, 0 matched" in page
    assert SECRET_BIRTH not in page and "registry held" not in page


def test_the_commit_does_not_write_to_the_person(secret: Person, editor: Any) -> None:
    report = run_import(_csv([ROW]), "list.csv", Mapping.parse(SPEC), commit=True, actor=editor)
    assert report.created_persons == 1 and report.rows[0].person_id != secret.pk
    secret.refresh_from_db()
    assert secret.birth_date == SECRET_BIRTH and list(secret.names.values_list("text", flat=True)) == [SECRET_NAME]
    assert not secret.occupations.exists() and not Claim.objects.filter(person=secret).exists()


def test_the_cli_in_public_mode_does_not_match_the_person(
    secret: Person, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from letapis.cli import main

    path, mapping = tmp_path / "list.csv", tmp_path / "m.yaml"
    path.write_bytes(_csv([ROW]))
    mapping.write_text(SPEC, encoding="utf-8")
    monkeypatch.setenv("LETAPIS_CLI_PUBLIC", "1")
    result = CliRunner().invoke(main, ["import", str(path), "--mapping", str(mapping), "--json"])
    data = json.loads(result.output)
    assert data["counts"]["new"] == 1 and data["counts"]["match"] == 0 and SECRET_BIRTH not in result.output


def test_a_mapping_of_a_level_the_caller_may_not_read_is_refused(db: Any, editor: Any) -> None:
    spec = "columns: {name: name}\nconfidentiality: confidential\n"
    with pytest.raises(ImportError_, match="you may not import confidential records"):
        run_import(_csv([ROW]), "list.csv", Mapping.parse(spec), actor=editor)


def _foreign_file() -> tuple[str, bytes]:
    data = b"name\nFIRST-LINE-OF-A-FOREIGN-FILE\n"
    return storage.store(data), data


def test_the_commit_refuses_a_file_sent_by_its_sha(db: Any, editor_client: Client) -> None:
    digest, _ = _foreign_file()
    answer = editor_client.post(
        "/reports/import/", {"action": "commit", "sha256": digest, "filename": "x.csv", "spec": SPEC}
    )
    page = answer.content.decode()
    assert answer.status_code == 400 and "the file of the dry run is missing" in page
    assert "FIRST-LINE-OF-A-FOREIGN-FILE" not in page and Person.objects.count() == 0


def test_the_commit_refuses_a_token_of_another_user(db: Any, editor: Any, granted: Any) -> None:
    digest, _ = _foreign_file()
    token = import_token(granted, digest, "x.csv", Mapping.parse(SPEC))
    answer = verified(editor).post("/reports/import/", {"action": "commit", "upload": token, "spec": SPEC})
    page = answer.content.decode()
    assert answer.status_code == 400 and "the file of the dry run is missing" in page
    assert "FIRST-LINE-OF-A-FOREIGN-FILE" not in page and Person.objects.count() == 0


def test_the_commit_refuses_a_forged_token(db: Any, editor_client: Client) -> None:
    digest, _ = _foreign_file()
    answer = editor_client.post("/reports/import/", {"action": "commit", "upload": digest, "spec": SPEC})
    assert answer.status_code == 400 and Person.objects.count() == 0


def test_the_commit_refuses_another_mapping_than_the_dry_runs(db: Any, editor: Any, editor_client: Client) -> None:
    digest, _ = _foreign_file()
    token = import_token(editor, digest, "x.csv", Mapping.parse(SPEC))
    answer = editor_client.post(
        "/reports/import/", {"action": "commit", "upload": token, "spec": "columns: {name: name}\n"}
    )
    assert answer.status_code == 400 and "the mapping changed" in answer.content.decode()
    assert Person.objects.count() == 0


def test_an_editor_without_the_second_factor_imports_nothing(db: Any, editor: Any) -> None:
    client = Client()
    client.force_login(editor)  # the password step only: no verified device in the session
    upload = io.BytesIO(_csv([{"name": "Nowy Čałaviek", "birth_date": "", "status": "", "occupations": ""}]))
    upload.name = "list.csv"
    dry = client.post("/reports/import/", {"action": "dry-run", "file": upload, "spec": SPEC})
    assert dry.status_code == 302 and dry["Location"].startswith("/login/")
    digest, _ = _foreign_file()
    token = import_token(editor, digest, "x.csv", Mapping.parse(SPEC))
    done = client.post("/reports/import/", {"action": "commit", "upload": token, "spec": SPEC})
    assert done.status_code == 302 and done["Location"].startswith("/login/")
    assert Person.objects.count() == 0 and not Source.objects.exists()


def test_a_name_longer_than_the_registry_stores_is_a_row_error(db: Any, editor: Any, editor_client: Client) -> None:
    rows = [{"name": "A" * 400, "birth_date": "", "status": "", "occupations": ""}]
    upload = io.BytesIO(_csv(rows))
    upload.name = "list.csv"
    dry = editor_client.post("/reports/import/", {"action": "dry-run", "file": upload, "spec": SPEC})
    assert dry.status_code == 200 and "names are limited to 300; row left out" in dry.content.decode()
    done = editor_client.post("/reports/import/", {"action": "commit", "upload": dry.context["upload"], "spec": SPEC})
    assert done.status_code == 200 and "0 new" in done.content.decode() and "1 invalid" in done.content.decode()
    assert Person.objects.count() == 0
