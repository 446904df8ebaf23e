"""docs/cli.md is the commands' own help: it fails here as soon as the two disagree."""

from __future__ import annotations

from pathlib import Path

from letapis.cli.reference import reference

PAGE = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_docs_cli_md_is_the_generated_reference() -> None:
    assert PAGE.read_text(encoding="utf-8") == reference(), (
        "docs/cli.md is out of date: run `python -m letapis.cli.reference > docs/cli.md`"
    )


def test_every_command_has_help() -> None:
    for line in reference().splitlines():
        if line.startswith("#") and "`letapis" in line:
            assert line.count("`") == 2
    assert "letapis held" in reference() and "letapis extract" in reference()
