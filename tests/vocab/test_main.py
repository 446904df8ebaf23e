from __future__ import annotations

from pathlib import Path

import pytest

from letapis.vocab import VOCABULARY_NAMES, vocabulary
from letapis.vocab.__main__ import main


def test_it_checks_every_vocabulary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == list(VOCABULARY_NAMES)
    assert lines[0].split()[1:3] == [str(len(vocabulary("occupations"))), "terms"]


def test_it_checks_a_given_file_and_reports_its_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "occupations.yaml"
    path.write_text("- code: writer\n  labels: {en: writer, be: пісьменнік}\n", encoding="utf-8")
    assert main([str(path)]) == 1
    assert capsys.readouterr().err == "error: occupations.yaml: writer: label 'ru' is missing\n"
    path.write_text("- code: writer\n  labels: {en: writer, be: пісьменнік, ru: писатель}\n", encoding="utf-8")
    assert main([str(path)]) == 0
    assert capsys.readouterr().out.split()[:3] == ["occupations", "1", "terms"]
