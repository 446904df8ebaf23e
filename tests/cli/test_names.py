from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from letapis.cli import main


def test_it_prints_every_form() -> None:
    result = CliRunner().invoke(main, ["names", "translit", "Алесь Бяляцкі"])
    assert result.exit_code == 0, result.output
    assert "lacinka: Aleś Bialacki" in result.output
    assert "passport: Ales Bialiatski" in result.output
    assert "language: be" in result.output


def test_translit_of_nothing_is_a_user_error() -> None:
    result = CliRunner().invoke(main, ["names", "translit", "  "])
    assert result.exit_code == 1
    assert "Error:" in result.output


def test_it_matches_two_names_and_says_why() -> None:
    result = CliRunner().invoke(main, ["names", "match", "Viktar Babaryka", "Eduard Babaryka"])
    assert result.exit_code == 0, result.output
    assert "different people" in result.output
    assert "given names" in result.output


def test_it_evaluates_labelled_pairs(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text(
        "# a comment\n"
        "Алесь Бяляцкі\tAles Bialiatski\t1\n"
        "Viktar Babaryka\tEduard Babaryka\t0\tnamesake\n"
        "Кацярына Андрэева\tKatsiaryna Andreyeva\t1\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["names", "eval", str(pairs)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "precision=1.0000 recall=1.0000 f1=1.0000"


def test_eval_reports_a_bad_line(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("Алесь Бяляцкі\tAles Bialiatski\tyes\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["names", "eval", str(pairs)])
    assert result.exit_code == 1
    assert "pairs.tsv:1" in result.output


def test_eval_of_a_missing_file_is_a_user_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["names", "eval", str(tmp_path / "none.tsv")])
    assert result.exit_code == 1
    assert "cannot read" in result.output
