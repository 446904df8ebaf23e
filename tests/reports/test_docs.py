"""The docs name every option of the reports commands (they drift otherwise)."""

from __future__ import annotations

from pathlib import Path

import click

from letapis.cli import main

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAGES = ("reports.md", "statement.md", "import-export.md", "public-site.md")


def _commands() -> list[click.Command]:
    report = main.commands["report"]
    assert isinstance(report, click.Group)
    return [main.commands[n] for n in ("stats", "export", "import", "publish")] + list(report.commands.values())


def test_every_option_of_the_reports_commands_is_in_the_docs() -> None:
    text = "\n".join((DOCS / page).read_text(encoding="utf-8") for page in PAGES)
    for command in _commands():
        for param in command.params:
            if isinstance(param, click.Option):
                name = max(param.opts, key=len)
                assert name in text, f"{command.name} {name} is not in docs/{{{','.join(PAGES)}}}"
