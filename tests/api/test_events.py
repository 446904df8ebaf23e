"""/events and /organisations: lists with filters, single records, and what the public sees."""

from __future__ import annotations

from typing import Any

import pytest

from letapis.registry import services as s

pytestmark = pytest.mark.django_db


def test_it_lists_events_by_type_and_period(demo: Any, anon: Any) -> None:
    releases = anon.get("events", type="release", collective="true")
    assert releases.data["count"] == 1
    release = releases.data["results"][0]
    assert release["count"] == 123 and release["foreign_nationals"] == 13 and release["destinations"] == ["UA", "LT"]
    in_2021 = anon.get("events", type="detention", **{"from": "2021-01-01", "to": "2021-12-31"})
    assert in_2021.data["count"] >= 1
    assert all("2021" in e["date_latest"] for e in in_2021.data["results"])
    assert anon.get("events", type="picnic").status_code == 400


def test_a_collective_event_lists_its_individual_events_and_sources(demo: Any, anon: Any) -> None:
    release_id = anon.get("events", type="release", collective="true").data["results"][0]["id"]
    event = anon.get(f"events/{release_id}").data
    assert len(event["children"]) >= 5
    assert "123 political prisoners" in event["sources"][0]["quote"]
    child = anon.get(f"events/{event['children'][0]['id']}").data
    assert child["parent_id"] == release_id and child["persons"][0]["role"] == "victim"


def test_events_of_persons_the_public_may_not_see_are_hidden(demo: Any, anon: Any, viewer: Any, as_user: Any) -> None:
    hidden = s.do_create_person(None, names=["Hidden Person"], confidentiality="public", publishable=False)
    event = s.do_create_event(None, type="detention", date="2024-05-01", victims=[hidden])
    assert anon.get(f"events/{event.pk}").status_code == 404
    assert event.pk not in [e["id"] for e in anon.get("events", limit=500).data["results"]]
    seen = as_user(viewer).get(f"events/{event.pk}")
    assert seen.status_code == 200 and seen.data["persons"][0]["name"] == "Hidden Person"


def test_it_lists_organisations_and_their_members(demo: Any, anon: Any) -> None:
    found = anon.get("organisations", q="ПЭН Беларусь")
    assert [o["name"] for o in found.data["results"]] == ["PEN Belarus"]
    pen = anon.get(f"organisations/{found.data['results'][0]['id']}").data
    assert {"Aleś Bialacki", "Maksim Znak"} <= {m["name"] for m in pen["members"]}
    assert anon.get("organisations", kind="pen_centre").data["count"] >= 4
    assert anon.get("organisations/999999").status_code == 404
