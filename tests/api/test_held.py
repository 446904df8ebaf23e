"""/held, /search and /stats/held."""

from __future__ import annotations

from typing import Any

import pytest

from letapis.registry import services as s

pytestmark = pytest.mark.django_db


def test_held_on_a_day_gives_each_person_with_the_deciding_event_and_its_source(demo: Any, anon: Any) -> None:
    held = anon.get("held", on="2025-12-14")
    assert held.status_code == 200 and held.data["on"] == "2025-12-14" and held.data["count"] == 5
    for row in held.data["results"]:
        assert row["event"]["type"] in ("detention", "sentence")
        assert row["sources"] and row["sources"][0]["quote"]
    names = {r["name"] for r in held.data["results"]}
    assert "Aleś Bialacki" not in names
    assert "Aleś Bialacki" in {r["name"] for r in anon.get("held", on="2025-12-12").data["results"]}


def test_held_is_filtered_and_paginated(demo: Any, anon: Any) -> None:
    journalists = anon.get("held", on="2025-12-14", occupation="journalist")
    assert 0 < journalists.data["count"] < 5
    page = anon.get("held", on="2025-12-14", limit=2, offset=2)
    assert len(page.data["results"]) == 2 and page.data["next"] and page.data["previous"]
    assert anon.get("held", on="2025-12-14", occupation="no-such-job").status_code == 400


def test_held_shows_anonymous_callers_public_records_of_publishable_persons_only(
    demo: Any, anon: Any, viewer: Any, as_user: Any
) -> None:
    hidden = s.do_create_person(None, names=["Unpublished Prisoner"], confidentiality="public", publishable=False)
    team = s.do_create_person(None, names=["Team Prisoner"], confidentiality="internal", publishable=True)
    for person in (hidden, team):
        s.do_create_event(None, type="detention", date="2025-01-01", victims=[person])
    public = {r["name"] for r in anon.get("held", on="2025-12-14").data["results"]}
    assert public.isdisjoint({"Unpublished Prisoner", "Team Prisoner"})
    team_view = {r["name"] for r in as_user(viewer).get("held", on="2025-12-14").data["results"]}
    assert {"Unpublished Prisoner", "Team Prisoner"} <= team_view


def test_search_finds_persons_by_any_spelling_and_texts(demo: Any, anon: Any) -> None:
    found = anon.get("search", q="Алесь Бяляцкі").data
    assert found["persons"][0]["name"] == "Aleś Bialacki" and found["persons"][0]["reason"]
    assert anon.get("search", q="Catalan").data["organisations"][0]["name"] == "Catalan PEN"
    assert anon.get("search", q="Lithuania").data["sources"]
    assert anon.get("search", q="").status_code == 422


def test_statistics_of_the_held(demo: Any, anon: Any) -> None:
    stats = anon.get("stats/held", on="2025-12-14").data
    assert stats["held"]["count"] == 5 and len(stats["held"]["person_ids"]) == 5
    journalists = [s for s in stats["breakdowns"]["occupation"] if s["code"] == "journalist"]
    assert journalists and journalists[0]["count"] == 3
