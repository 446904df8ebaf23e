"""The registry commands, run in-process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from letapis.cli import main

pytestmark = pytest.mark.django_db


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


def test_serve_runs_the_job_workers_beside_gunicorn_and_stops_them_with_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from letapis.cli import registry

    calls: list[str] = []
    monkeypatch.setattr("django.core.management.call_command", lambda *args, **kwargs: None)
    monkeypatch.setattr(registry, "start_job_workers", lambda count: calls.append(f"start {count}") or ["w"])
    monkeypatch.setattr(registry, "stop_job_workers", lambda processes: calls.append(f"stop {processes}"))

    def gunicorn() -> None:
        calls.append("gunicorn")
        raise SystemExit(0)  # how gunicorn's arbiter ends on SIGTERM

    monkeypatch.setattr("gunicorn.app.wsgiapp.run", gunicorn)
    result = CliRunner().invoke(main, ["serve", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert calls == ["start 1", "gunicorn", "stop ['w']"]
    calls.clear()
    CliRunner().invoke(main, ["serve", "--job-workers", "0"])
    assert calls == ["start 0", "gunicorn", "stop ['w']"]


@pytest.mark.django_db(transaction=True)  # the workers and the enqueuer commit from other processes
def test_the_job_workers_serve_starts_run_queued_jobs_and_stop(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from django.db import connection

    import letapis
    from letapis.cli.registry import start_job_workers, stop_job_workers
    from tests.review.test_jobs import _database_url, _env

    if connection.vendor == "sqlite":  # the test database lives in memory: give the worker a file
        url = f"sqlite:///{tmp_path / 'jobs.sqlite3'}"
        subprocess.run(
            [sys.executable, "-m", "letapis", "migrate"], env=_env(tmp_path, url), check=True, capture_output=True
        )
    else:
        url = _database_url()
    env = {**_env(tmp_path, url), "DJANGO_SETTINGS_MODULE": "letapis.settings"}
    env["PYTHONPATH"] = os.pathsep.join([str(Path(letapis.__file__).parents[1]), env["PYTHONPATH"]])  # this code
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    log = tmp_path / "runs.log"
    enqueue = (
        "import django; django.setup()\n"
        "from letapis.review import jobs\n"
        f"print(jobs.enqueue(None, jobs.PING, {{'log': {str(log)!r}}}).pk)\n"
    )
    job_id = subprocess.run(
        [sys.executable, "-c", enqueue], env=env, check=True, capture_output=True, text=True, timeout=120
    ).stdout.strip()
    workers = start_job_workers(1)
    try:
        deadline = time.monotonic() + 60
        while not log.exists():
            assert time.monotonic() < deadline, "the worker never ran the job"
            assert workers[0].poll() is None, "the worker stopped"
            time.sleep(0.2)
        assert log.read_text().split()[0] == job_id
    finally:
        started = time.monotonic()
        stop_job_workers(workers)
    assert workers[0].returncode == 0 and time.monotonic() - started < 10
