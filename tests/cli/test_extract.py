"""letapis extract: without a database, and with one (persons carry the registry's person_id)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from letapis.cli import main
from letapis.cli.extract import database_configured
from letapis.registry.models import Person
from tests.conftest import SEED

TEXT_BE = "15 снежня 2025 г.\n\nУчора сустрэліся з Алесем Бяляцкім і з паэтам Ігнатам Навумчыкам.\n"


def extract_json(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["extract", "--json", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_it_reads_a_statement_without_a_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DATABASE_URL", "")
    monkeypatch.setenv("LETAPIS_DATA_DIR", str(tmp_path))
    assert not database_configured()
    data = extract_json(str(SEED))
    assert data["document"] == {"language": "en", "date": "2025-12-14", "date_span": data["document"]["date_span"]}
    assert len(data["persons"]) == 11 and all(p["person_id"] is None for p in data["persons"])
    assert list(tmp_path.iterdir()) == []  # nothing created to find out there is no database


def test_a_database_is_there_when_its_file_or_url_is(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DATABASE_URL", "")
    monkeypatch.setenv("LETAPIS_DATA_DIR", str(tmp_path))
    (tmp_path / "letapis.sqlite3").write_bytes(b"")
    assert database_configured()
    (tmp_path / "letapis.sqlite3").unlink()
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/x")
    assert database_configured()


@pytest.mark.django_db
def test_with_the_registry_persons_carry_their_person_id(demo: Any, tmp_path: Path) -> None:
    statement = tmp_path / "be.txt"
    statement.write_text(TEXT_BE, encoding="utf-8")
    data = extract_json("--registry", str(statement))
    by_name = {p["name"]: p for p in data["persons"]}
    bialacki = Person.objects.get(display_name="Aleś Bialacki")
    # the instrumental case (Алесем Бяляцкім) is put in the nominative and matched through the names core
    assert by_name["Алесь Бяляцкі"]["person_id"] == bialacki.pk
    assert by_name["Алесь Бяляцкі"]["candidates"][0]["person_id"] == bialacki.pk
    assert by_name["Ігнат Навумчык"]["person_id"] is None  # not in the registry


@pytest.mark.django_db
def test_the_seed_matches_every_demo_person(demo: Any) -> None:
    data = extract_json("--registry", str(SEED))
    ids = {p["name_latin"]: p["person_id"] for p in data["persons"]}
    assert None not in ids.values()
    assert ids["Aleś Bialacki"] == Person.objects.get(display_name="Aleś Bialacki").pk
    assert len(set(ids.values())) == len(ids)  # no two persons matched to one


@pytest.mark.django_db
def test_no_registry_leaves_person_id_empty(demo: Any) -> None:
    data = extract_json("--no-registry", str(SEED))
    assert all(p["person_id"] is None for p in data["persons"])


@pytest.mark.django_db
def test_the_table_shows_the_registry_id(demo: Any) -> None:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(
        main, ["extract", "--registry", str(SEED)], catch_exceptions=False
    )
    assert result.exit_code == 0 and "registry" in result.stdout
    assert f"#{Person.objects.get(display_name='Maksim Znak').pk}" in result.stdout
