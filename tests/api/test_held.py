"""/held, /search, /stats/held and /stats/series."""

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


def test_the_series_counts_each_month_end_and_links_each_number_to_its_list(
    demo: Any, anon: Any, viewer: Any, as_user: Any
) -> None:
    series = anon.get("stats/series", **{"from": "2025-10-01", "to": "2025-12-14"})
    assert series.status_code == 200, series.data
    assert series.data["from"] == "2025-10-01" and series.data["to"] == "2025-12-14"
    assert [p["day"] for p in series.data["points"]] == ["2025-10-31", "2025-11-30", "2025-12-14"]
    last = series.data["points"][-1]
    assert last["count"] == 5 and last["persons"].endswith("/api/v1/held?on=2025-12-14")
    listed = anon.get("held", on="2025-12-14").data
    assert listed["count"] == last["count"]
    # a person the public may not see is counted for the team only
    hidden = s.do_create_person(None, names=["Unpublished Prisoner"], confidentiality="internal", publishable=False)
    s.do_create_event(None, type="detention", date="2025-11-02", victims=[hidden])
    public = [p["count"] for p in anon.get("stats/series", **{"from": "2025-10-01", "to": "2025-12-14"}).data["points"]]
    team = [
        p["count"]
        for p in as_user(viewer).get("stats/series", **{"from": "2025-10-01", "to": "2025-12-14"}).data["points"]
    ]
    assert [t - p for t, p in zip(team, public, strict=True)][1:] == [1, 1]


def test_a_series_backwards_or_too_long_is_refused_with_a_message(demo: Any, anon: Any) -> None:
    backwards = anon.get("stats/series", **{"from": "2025-10-01", "to": "2025-01-01"})
    assert backwards.status_code == 400 and "before" in backwards.data["detail"]
    too_long = anon.get("stats/series", **{"from": "1900-01-01", "to": "2025-01-01"})
    assert too_long.status_code == 400 and "600 months" in too_long.data["detail"]
    assert anon.get("stats/series").status_code == 422  # `from` is required


def test_held_filters_match_only_records_the_caller_may_see(demo: Any, anon: Any, viewer: Any, as_user: Any) -> None:
    """A public person held on public events, whose occupation, membership and place of
    detention are internal records: filtering by them must not tell the public what the person's
    own page would not."""
    person = s.do_create_person(None, names=["Filtered Prisoner"], confidentiality="public", publishable=True)
    s.do_add_occupation(None, person, "composer", confidentiality="internal")
    org = s.do_create_organisation(None, "Open Circle", kind="ngo", confidentiality="public")
    s.do_add_membership(None, person, org, confidentiality="internal")
    place = s.do_create_place(None, "Colony No. 99", kind="penal_colony", confidentiality="public")
    s.do_create_event(
        None, type="detention", date="2025-12-01", place=place, confidentiality="internal", victims=[person]
    )
    team = as_user(viewer)
    for params in ({"occupation": "composer"}, {"organisation": org.pk}, {"place": place.pk}):
        public = anon.get("held", on="2025-12-14", **params).data
        assert "Filtered Prisoner" not in {r["name"] for r in public["results"]}, params
        assert "Filtered Prisoner" in {r["name"] for r in team.get("held", on="2025-12-14", **params).data["results"]}


def test_a_person_held_by_an_event_the_caller_may_not_see_is_not_held_for_them(
    demo: Any, anon: Any, viewer: Any, as_user: Any
) -> None:
    person = s.do_create_person(None, names=["Quietly Held"], confidentiality="public", publishable=True)
    s.do_create_event(None, type="detention", date="2025-12-02", confidentiality="internal", victims=[person])
    public = anon.get("held", on="2025-12-14", limit=100).data
    assert "Quietly Held" not in {r["name"] for r in public["results"]}  # as if the detention did not exist
    assert public["count"] == len(public["results"])
    team = {r["name"]: r for r in as_user(viewer).get("held", on="2025-12-14", limit=100).data["results"]}
    assert team["Quietly Held"]["event"]["type"] == "detention" and team["Quietly Held"]["since"] == "2025-12-02"


@pytest.mark.parametrize("offset", [0, 2, 4, 5, 9])
def test_a_page_and_its_total_read_together_agree_with_reading_them_apart(demo: Any, offset: int) -> None:
    from datetime import date

    from letapis.registry.queries import held_rows

    day = date(2025, 12, 12)
    apart = held_rows(day, None)
    total, page = held_rows(day, None).counted_page(offset, 3)
    assert total == len(apart) == 10
    assert page == apart[offset : offset + 3] == list(apart)[offset : offset + 3]
    assert len(page) == max(0, min(3, 10 - offset))
