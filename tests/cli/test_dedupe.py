"""``letapis dedupe --report`` and ``letapis merge`` (with ``--undo``), run in-process."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from click.testing import CliRunner

from letapis.cli import main

pytestmark = pytest.mark.django_db


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def duplicates(demo: Any) -> tuple[int, int]:
    from letapis.registry.models import Person
    from letapis.registry.services import do_create_person

    other = do_create_person(None, names=["Ales Byalyatski"], confidentiality="public", publishable=True)
    return Person.objects.get(display_name="Aleś Bialacki").pk, other.pk


def test_the_report_lists_the_pair_with_why_and_the_merge_command(duplicates: tuple[int, int]) -> None:
    keep, other = duplicates
    result = run("dedupe", "--report")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 likely duplicate pair(s) with score >= 0.75")
    assert f"1.000  #{keep} Aleś Bialacki  ~  #{other} Ales Byalyatski" in result.output
    assert "surname: 'Bialacki' ~ 'Byalyatski' = 1.00" in result.output
    assert f"merge: letapis merge {keep} {other}" in result.output


def test_the_report_as_json(duplicates: tuple[int, int]) -> None:
    data = json.loads(run("dedupe", "--report", "--json").output)
    [pair] = data["pairs"]
    assert pair["score"] == 1.0
    assert {pair["first"]["id"], pair["second"]["id"]} == set(duplicates)


def test_dedupe_without_report_explains_itself(demo: Any) -> None:
    result = run("dedupe")
    assert result.exit_code == 1
    assert "add --report" in result.output


def test_merge_then_undo(duplicates: tuple[int, int]) -> None:
    keep, other = duplicates
    result = run("merge", str(keep), str(other))
    assert result.exit_code == 0, result.output
    assert f"Merged #{other} Ales Byalyatski into #{keep} Aleś Bialacki" in result.output
    merge_id = re.search(r"letapis merge --undo (\d+)", result.output)
    assert merge_id is not None
    assert "no person" not in run("names", "find", "Ales Byalyatski").output
    assert f"#{other} " not in run("names", "find", "Ales Byalyatski").output
    assert run("dedupe", "--report").output.startswith("0 likely duplicate pair(s)")
    verified = run("audit", "verify")
    assert verified.exit_code == 0, verified.output
    undone = run("merge", "--undo", merge_id.group(1))
    assert undone.exit_code == 0, undone.output
    assert f"#{other} Ales Byalyatski is its own record again" in undone.output
    assert run("audit", "verify").exit_code == 0
    again = run("merge", "--undo", merge_id.group(1))
    assert again.exit_code == 1
    assert again.output == f"Error: merge {merge_id.group(1)} was undone already\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("merge",), "give KEEP and OTHER"),
        (("merge", "1"), "give KEEP and OTHER"),
        (("merge", "Aleś", "2"), "is not a person id"),
        (("merge", "{id}", "99999"), "no person with id 99999"),
        (("merge", "{id}", "{id}"), "cannot be merged into itself"),
        (("merge", "{id}", "2", "--undo", "3"), "not both"),
        (("merge", "--undo", "99999"), "there is no merge 99999"),
    ],
)
def test_merge_mistakes_are_one_clear_line(demo: Any, args: tuple[str, ...], message: str) -> None:
    from letapis.registry.models import Person

    known = str(Person.objects.get(display_name="Maksim Znak").pk)
    result = run(*[a.replace("{id}", known) for a in args])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and message in result.output
    assert result.output.count("\n") == 1
