"""``letapis names find``: registry candidates for a name in any form, with scores and reasons."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from letapis.cli import main

pytestmark = pytest.mark.django_db


def run(*args: str) -> Any:
    return CliRunner().invoke(main, ["names", "find", *args], catch_exceptions=False)


def test_it_finds_a_person_by_the_passport_form(demo: Any) -> None:
    result = run("Ales Bialiatski")
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith("1.000 match")
    assert "Aleś Bialacki" in first
    assert "(as 'Ales Bialiatski')" in first  # the stored name written as asked comes first
    assert "surname: 'Bialiatski' ~ 'Bialiatski' = 1.00" in result.output


def test_it_finds_a_person_by_the_russian_form_surname_first(demo: Any) -> None:
    result = run("АНДРЕЕВА Екатерина")
    assert result.exit_code == 0, result.output
    assert "Kaciaryna Andrejeva" in result.output.splitlines()[0]
    assert " match " in result.output.splitlines()[0]


def test_a_surname_alone_is_a_possible_candidate_not_a_match(demo: Any) -> None:
    result = run("Andreyeva")
    assert result.output.splitlines()[0].startswith("0.650 possible")
    assert "a given name is missing" in result.output


def test_another_given_name_scores_low_and_says_why(demo: Any) -> None:
    result = run("Eduard Bialiatski", "--min-score", "0.1")
    assert result.exit_code == 0, result.output
    assert "possible" in result.output.splitlines()[0]
    assert "different given names" in result.output


def test_it_prints_json(demo: Any) -> None:
    data = json.loads(run("Andrei Pachobut", "--json").output)
    assert data["threshold"] == 0.75
    [candidate] = data["candidates"]
    assert candidate["name"] == "Andrzej Poczobut"
    assert candidate["match"] is True
    assert any("Pachobut" in line for line in candidate["reason"])


def test_it_says_when_nothing_matches(demo: Any) -> None:
    result = run("Zianon Pazniak")
    assert result.exit_code == 0
    assert "No person in the registry matches 'Zianon Pazniak'" in result.output


def test_hostile_text_is_an_answer_or_a_clear_error(demo: Any) -> None:
    assert run("😀 \u200fАлесь 123").exit_code == 0
    for bad in ("   ", "x" * 1200):
        result = CliRunner().invoke(main, ["names", "find", bad])
        assert result.exit_code == 1
        assert result.output.startswith("Error: ")
        assert "Traceback" not in result.output


def test_merged_persons_are_not_listed(demo: Any) -> None:
    from letapis.registry.models import Person

    person = Person.objects.get(display_name="Maksim Znak")
    other = Person.objects.get(display_name="Aleś Bialacki")
    Person.objects.filter(pk=person.pk).update(merged_into=other)
    assert "#" + str(person.pk) + " " not in run("Maksim Znak").output
    assert run("Maksim Znak").output.startswith("No person in the registry matches")


def test_public_mode_lists_only_publishable_persons(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from letapis.registry.services import do_create_person

    do_create_person(None, names=["Ігар Лосік"], publishable=True, confidentiality="public")
    do_create_person(None, names=["Ihar Losik"], publishable=False, confidentiality="internal")
    assert len(json.loads(run("Ihar Losik", "--json").output)["candidates"]) == 2
    monkeypatch.setenv("LETAPIS_CLI_PUBLIC", "1")
    [only] = json.loads(run("Ihar Losik", "--json").output)["candidates"]
    assert only["name"] == "Ігар Лосік"
