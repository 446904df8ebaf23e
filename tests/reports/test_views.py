"""The pages of the reports app: access rules, JSON twins, the import in the web UI."""

from __future__ import annotations

import hashlib
import io
from typing import Any

from django.test import Client

from letapis.registry import services as s
from letapis.registry.models import Person, Source
from letapis.reports import exports
from letapis.reports.models import ImportMapping


def _login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def test_it_shows_the_statement_with_a_json_twin(demo: Any, client: Client) -> None:
    page = client.get("/reports/statement/release:2025-12-13/?lang=be")
    assert page.status_code == 200 and "ва Украіну і Літву" in page.content.decode()
    data = client.get("/reports/statement/release:2025-12-13/?format=json").json()
    assert data["sentences"][0]["facts"][0]["kind"] == "event"
    assert client.get("/reports/statement/nonsense/").status_code == 400


def test_anonymous_stats_count_only_publishable_persons(demo: Any, client: Client, editor: Any) -> None:
    s.do_update_person(None, Person.objects.get(display_name="Dzianis Ivašyn"), publishable=False)
    public = client.get("/reports/stats/?on=2025-12-14&format=json").json()
    assert public["held"]["count"] == 4
    team = _login(Client(), editor).get("/reports/stats/?on=2025-12-14&format=json").json()
    assert team["held"]["count"] == 5
    assert client.get("/reports/stats/?on=yesterday").status_code == 400


def test_the_monitoring_report_downloads_as_pdf(demo: Any, client: Client) -> None:
    response = client.get("/reports/monitoring/?from=2025-12-01&to=2025-12-31&lang=ru&format=pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert client.get("/reports/monitoring/?from=2025-12-31&to=2025-12-01").status_code == 400


def test_a_report_date_far_away_is_a_clear_400(demo: Any, client: Client) -> None:
    answer = client.get("/reports/monitoring/?from=2025-01-01&to=5000-01-01")
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "5000-01-01 is out of range: reports cover 1900-01-01 to 2100-12-31" in page
    assert 'type="date"' in page and 'class="top"' in page  # the page with its picker, in the shell


def test_anonymous_exports_hold_no_internal_note(demo: Any, client: Client) -> None:
    body = b"".join(client.get("/reports/export/json/").streaming_content)  # type: ignore[attr-defined]
    assert b"Family contact" not in body and "Бяляцкі".encode() in body


def test_the_import_needs_an_editor(demo: Any, viewer: Any, client: Client) -> None:
    assert client.get("/reports/import/").status_code == 302  # to the login
    assert _login(Client(), viewer).get("/reports/import/").status_code == 403


def test_the_web_import_dry_runs_then_commits_the_same_file(db: Any, editor_client: Client) -> None:
    client = editor_client
    rows = [{"name": "Nowy Čałaviek", "occupations": "poet"}]
    data = exports.to_csv(rows, ["name", "occupations"]).encode()
    upload = io.BytesIO(data)
    upload.name = "list.csv"
    spec = "columns: {name: name, occupations: occupations}\n"
    dry = client.post("/reports/import/", {"action": "dry-run", "file": upload, "spec": spec, "save_as": "mine"})
    assert dry.status_code == 200 and "1 new" in dry.content.decode()
    assert Person.objects.count() == 0 and ImportMapping.objects.filter(name="mine").exists()
    token = dry.context["upload"]
    done = client.post("/reports/import/", {"action": "commit", "upload": token, "spec": spec})
    assert done.status_code == 200 and "Imported" in done.content.decode()
    person = Person.objects.get()
    assert list(person.occupations.values_list("code", flat=True)) == ["poet"]
    assert Source.objects.get().sha256 == hashlib.sha256(data).hexdigest()
