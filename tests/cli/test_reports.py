"""The reports commands, run in-process."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from letapis.cli import main

pytestmark = pytest.mark.django_db


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["123 political prisoners", "13 foreign nationals", "Ukraine and Lithuania"]),
        ("be", ["123 палітвязні", "13 замежных грамадзян", "ва Украіну і Літву"]),
        ("ru", ["123 политзаключённых", "13 иностранных граждан", "в Украину и Литву"]),
    ],
)
def test_report_statement_prints_the_draft(demo: Any, lang: str, expected: list[str]) -> None:
    result = run("report", "statement", "release:2025-12-13", "--lang", lang)
    assert result.exit_code == 0, result.output
    for text in expected:
        assert text in result.output


def test_report_statement_json_links_facts(demo: Any) -> None:
    data = json.loads(run("report", "statement", "release:2025-12-13", "--json").output)
    assert data["sentences"][0]["facts"][0]["kind"] == "event"
    assert data["sources"]


def test_report_statement_refuses_an_unknown_event_in_one_line(demo: Any) -> None:
    result = CliRunner().invoke(main, ["report", "statement", "release:2025-01-01"])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: no release event on 2025-01-01 in the registry"


def test_report_monitoring_writes_a_pdf(demo: Any, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    result = run(
        "report",
        "monitoring",
        "--from",
        "2025-12-01",
        "--to",
        "2025-12-31",
        "--lang",
        "be",
        "--format",
        "pdf",
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "Маніторынгавы" in text


def test_report_monitoring_refuses_a_reversed_period() -> None:
    result = CliRunner().invoke(main, ["report", "monitoring", "--from", "2025-12-31", "--to", "2025-12-01"])
    assert result.exit_code == 1 and "--to is before --from" in result.output


def test_stats_json_gives_the_persons_behind_each_number(demo: Any) -> None:
    data = json.loads(run("stats", "--on", "2025-12-14", "--json").output)
    assert data["held"]["count"] == 5 and len(data["held"]["person_ids"]) == 5
    assert {b["code"] for b in data["breakdowns"]["occupation"]} >= {"journalist", "musician"}


def test_export_then_import_dry_run_matches_everyone_and_saves_the_mapping(demo: Any, tmp_path: Path) -> None:
    out, saved = tmp_path / "persons.xlsx", tmp_path / "mapping.yaml"
    assert run("export", "xlsx", "--out", str(out)).exit_code == 0
    result = run("import", str(out), "--save-mapping", str(saved))
    assert result.exit_code == 0
    assert result.output.startswith("Dry run") and "0 new, 11 matched" in result.output
    again = run("import", str(out), "--mapping", str(saved), "--json")
    assert json.loads(again.output)["counts"]["match"] == 11


def test_import_refuses_a_bad_mapping_in_one_line(db: Any, tmp_path: Path) -> None:
    mapping, data = tmp_path / "m.yaml", tmp_path / "list.csv"
    mapping.write_text("columns: [1, 2]\n", encoding="utf-8")
    data.write_text("name\nX\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(data), "--mapping", str(mapping)])
    assert result.exit_code == 1 and result.output.startswith("Error: ") and result.output.count("\n") == 1


def test_publish_builds_the_site(demo: Any, tmp_path: Path) -> None:
    result = run("publish", "--out", str(tmp_path / "site"), "--on", "2025-12-14")
    assert result.exit_code == 0 and "5 held on 2025-12-14" in result.output
    assert (tmp_path / "site" / "ru" / "index.html").is_file()


def test_report_statement_writes_a_pdf_with_its_notes(demo: Any, tmp_path: Path) -> None:
    out = tmp_path / "statement-ru.pdf"
    result = run("report", "statement", "release:2025-12-13", "--lang", "ru", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")


def test_stats_name_the_persons_behind_each_number(demo: Any) -> None:
    output = run("stats", "--on", "2025-12-14").output
    assert "Kaciaryna Andrejeva" in output and "persons " not in output
