"""The registry commands, run in-process."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from letapis.cli import main

pytestmark = pytest.mark.django_db(transaction=True)


def run(*args: str, input: str | None = None) -> Any:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_every_command_has_help() -> None:
    for name, command in main.commands.items():
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert (command.help or "").strip() != "", name


def test_held_json_lists_the_five_held_on_14_december(demo: Any) -> None:
    result = run("held", "--on", "2025-12-14", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["count"] == 5
    assert {p["name"] for p in data["persons"]} == {
        "Kaciaryna Andrejeva",
        "Andrzej Poczobut",
        "Dzmitryj Hałavač",
        "Vacłaŭ Areška",
        "Dzianis Ivašyn",
    }
    assert all(p["sources"] for p in data["persons"])


def test_held_on_12_december_lists_the_released_too(demo: Any) -> None:
    data = json.loads(run("held", "--on", "2025-12-12", "--json").output)
    assert data["count"] == 10


def test_held_filters_by_occupation(demo: Any) -> None:
    data = json.loads(run("held", "--on", "2025-12-14", "--occupation", "journalist", "--json").output)
    assert {p["name"] for p in data["persons"]} == {"Kaciaryna Andrejeva", "Andrzej Poczobut", "Dzianis Ivašyn"}


def test_held_as_a_table(demo: Any) -> None:
    result = run("held", "--on", "2025-12-14")
    assert "Held on 2025-12-14: 5" in result.output


def test_status_says_released(demo: Any) -> None:
    result = run("status", "Aleś Bialacki", "--on", "2025-12-14")
    assert result.exit_code == 0
    assert result.output.startswith("Aleś Bialacki: released on 2025-12-14")
    assert "forced exile" in result.output


@pytest.mark.parametrize("spelling", ["Алесь Бяляцкі", "Ales Bialiatski"])
def test_status_finds_a_person_by_another_spelling(demo: Any, spelling: str) -> None:
    data = json.loads(run("status", spelling, "--on", "2025-12-12", "--json").output)
    assert data["name"] == "Aleś Bialacki" and data["status"] == "held"


def test_status_of_an_unknown_person_is_one_clear_line(demo: Any) -> None:
    result = run("status", "Nobody Atall", "--on", "2025-12-14")
    assert result.exit_code == 1
    assert result.output.startswith("Error: no person matches 'Nobody Atall'")


@pytest.mark.parametrize("args", [["held", "--on", "14.12.2025"], ["status", "x", "--on", "tomorrow"]])
def test_a_bad_date_is_one_clear_line(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 1
    assert "is not a date: use YYYY-MM-DD" in result.output


def test_unknown_occupation(demo: Any) -> None:
    result = run("held", "--occupation", "astronaut")
    assert result.exit_code == 1 and "unknown occupation" in result.output


def test_createuser_prints_a_generated_password_once() -> None:
    result = run("createuser", "olga", "--role", "editor")
    assert result.exit_code == 0
    assert "Password (shown once):" in result.output
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="olga")
    password = result.output.split("Password (shown once):")[1].strip()
    assert user.check_password(password) and user.role == "editor"


def test_createuser_refuses_a_weak_password() -> None:
    result = run("createuser", "olga", "--password-stdin", input="12345\n")
    assert result.exit_code == 1 and "password is refused" in result.output


def test_demo_no_serve_prepares_data_and_an_admin(settings: Any) -> None:
    result = run("demo", "--no-serve")
    assert result.exit_code == 0, result.output
    assert "Local admin account: admin / " in result.output
    again = run("demo", "--no-serve")
    assert "Demo registry already present." in again.output
    assert "Local admin account" not in again.output
