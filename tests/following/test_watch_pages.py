"""The watch lists' pages, API, dashboard panel and command line."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from click.testing import CliRunner
from django.test import Client

from tests.following.watch_world import D, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> Any:
    return build()


@pytest.fixture
def team(viewer: Any) -> Client:
    client = Client()
    client.force_login(viewer)
    return client


def test_pages_are_for_signed_in_users(world: Any) -> None:
    anonymous = Client()
    for url in ("/following/", "/following/due/", "/following/silent/?format=csv"):
        response = anonymous.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_the_panel_links_each_count_to_its_list(world: Any, team: Client) -> None:
    body = team.get(f"/following/?on={D}").content.decode()
    assert 'data-testid="watch-due-30" href="/following/due/?on=2026-06-01&amp;days=30">1<' in body
    assert 'data-testid="watch-due-90" href="/following/due/?on=2026-06-01&amp;days=90">2<' in body
    assert 'data-testid="watch-silent-60" href="/following/silent/?on=2026-06-01&amp;days=60">5<' in body
    assert 'data-testid="watch-overdue-0"' in body and 'data-testid="watch-birthdays-30"' in body


def test_a_list_page(world: Any, team: Client) -> None:
    response = team.get(f"/following/due/?on={D}&days=90")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ann Due" in body and "Dee Internal" in body
    assert "Penal colony No. 2" in body
    assert "Ann Due was sentenced to two years." in body  # the deciding source
    assert f'href="/persons/{world.persons["ann"].pk}/"' in body
    assert '<option value="90" selected>' in body
    assert "format=csv" in body and "/api/v1/following/due?" in body


def test_a_list_page_is_paged(world: Any, team: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    from letapis.web import common

    monkeypatch.setattr(common, "PAGE_SIZE", 2)
    first = team.get(f"/following/silent/?on={D}&days=60").content.decode()
    assert "Bob Overdue" in first and "Dee Internal" in first and "Hal Quiet" not in first
    assert "page 1 of 3" in first
    third = team.get(f"/following/silent/?on={D}&days=60&page=3").content.decode()
    assert "Fay Month" in third and "Bob Overdue" not in third
    past = team.get(f"/following/silent/?on={D}&days=60&page=9").content.decode()
    assert "Fay Month" in past  # a page past the end shows the last


def test_csv_export(world: Any, team: Client) -> None:
    response = team.get(f"/following/silent/?on={D}&days=60&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "following-silent-2026-06-01.csv" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["name"] for r in rows] == ["Bob Overdue", "Dee Internal", "Hal Quiet", "Eve Unpublished", "Fay Month"]
    hal = rows[2]
    assert hal["days"] == "72" and hal["last_contact"] == "2026-03-21" and hal["event"] == "letter 2026-03-21"


def test_json_twin_redirects_to_the_api(world: Any, team: Client) -> None:
    response = team.get(f"/following/due/?on={D}&days=90&format=json")
    assert response.status_code == 302
    assert response["Location"].startswith("/api/v1/following/due?")
    assert "days=90" in response["Location"]


def test_api_list(world: Any, team: Client) -> None:
    data = team.get(f"/api/v1/following/due?on={D}&days=90&limit=1").json()
    assert data["count"] == 2 and data["list"] == "due" and data["days"] == 90 and data["on"] == "2026-06-01"
    assert [r["name"] for r in data["results"]] == ["Ann Due"]
    assert data["next"] is not None and "offset=1" in data["next"]
    ann = data["results"][0]
    assert ann["sources"][0]["quote"] == "Ann Due was sentenced to two years."
    assert ann["evidence"]["place"]["event"]["type"] == "sentence"
    public = Client().get(f"/api/v1/following/due?on={D}&days=90").json()
    assert public["count"] == 1  # anonymous: the public tier, publishable persons only


def test_api_defaults_and_errors(world: Any, team: Client) -> None:
    data = team.get(f"/api/v1/following/silent?on={D}").json()
    assert data["days"] == 60 and data["count"] == 5
    assert team.get("/api/v1/following/silent?days=-1").status_code == 422
    assert team.get("/api/v1/following/silent?on=2026-13-01").status_code == 422
    assert team.get("/api/v1/following/nobody").status_code == 404


def test_api_panel(world: Any, team: Client) -> None:
    data = team.get(f"/api/v1/following?on={D}").json()
    assert {(i["list"], i["days"]): i["count"] for i in data["lists"]} == {
        ("due", 30): 1,
        ("due", 90): 2,
        ("overdue", 0): 1,
        ("silent", 60): 5,
        ("birthdays", 30): 1,
    }
    assert data["lists"][0]["url"].endswith("/api/v1/following/due?on=2026-06-01&days=30")


def test_dashboard_counts_and_menu_for_the_team(world: Any, team: Client) -> None:
    body = team.get(f"/?on={D}").content.decode()
    assert 'data-testid="watch-due-90"' in body
    assert 'href="/following/"' in body  # the menu link
    anonymous = Client().get(f"/?on={D}").content.decode()
    assert "watch-due-90" not in anonymous and 'href="/following/"' not in anonymous


def test_pages_in_belarusian(world: Any, team: Client) -> None:
    body = team.get(f"/following/?on={D}", HTTP_ACCEPT_LANGUAGE="be").content.decode()
    assert "Назіранне" in body


def test_cli_list(world: Any) -> None:
    from letapis.cli import main

    runner = CliRunner()
    result = runner.invoke(main, ["following", "list", "silent", "--on", "2026-06-01", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["count"] == 5 and data["days"] == 60  # the operator sees internal records
    result = runner.invoke(main, ["following", "list", "silent", "--on", "2026-06-01", "--public", "--csv"])
    assert result.exit_code == 0, result.output
    assert [r["name"] for r in csv.DictReader(io.StringIO(result.output))] == ["Bob Overdue", "Hal Quiet", "Fay Month"]
    result = runner.invoke(main, ["following", "list", "due", "--on", "2026-06-01", "--days", "90"])
    assert result.exit_code == 0, result.output
    assert "Ann Due" in result.output and "Dee Internal" in result.output
    result = runner.invoke(main, ["following", "list", "birthdays", "--on", "2026-06-01"])
    assert result.exit_code == 0 and "Gus Birthday" in result.output
    result = runner.invoke(main, ["following", "list", "due", "--on", "June"])
    assert result.exit_code != 0 and "not a date" in result.output


@pytest.mark.parametrize("on", ["0001-01-01", "9999-12-31"])
def test_the_ends_of_the_calendar(world: Any, team: Client, on: str) -> None:
    for name in ("due", "overdue", "silent", "birthdays"):
        response = team.get(f"/api/v1/following/{name}?on={on}&days=3650")
        assert response.status_code == 200, (name, response.content[:200])
        assert team.get(f"/following/{name}/?on={on}&days=3650").status_code == 200


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("/following/due/?days=abc", "“abc” is not a number of days: use 0 to"),
        ("/following/silent/?days=-5", "“-5” is not a number of days"),
        ("/following/overdue/?on=2025-13-45", "“2025-13-45” is not a date: use YYYY-MM-DD."),
        ("/following/?on=yesterday", "“yesterday” is not a date"),
        ("/places/?on=bad", "“bad” is not a date"),
        ("/following/letters/?persons=1,x", "“1,x” is not a list of ids"),
    ],
)
def test_a_parameter_that_cannot_be_read_is_said_on_the_page(world: Any, team: Client, url: str, said: str) -> None:
    """The page is shown for the default value, and says what it could not read."""
    response = team.get(url)
    assert response.status_code == 200
    assert said in response.content.decode()


def test_the_message_is_in_the_readers_language(world: Any, team: Client) -> None:
    team.cookies["django_language"] = "be"
    assert "не колькасць дзён" in team.get("/following/due/?days=abc").content.decode()
