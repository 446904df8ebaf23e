"""/persons filters beyond the first ones: place, confidentiality and full text; each as the
caller may see the records it looks through."""

from __future__ import annotations

from typing import Any

import pytest

from letapis.registry import services as s

pytestmark = pytest.mark.django_db


def _names(response: Any) -> set[str]:
    assert response.status_code == 200, response.data
    return {row["name"] for row in response.data["results"]}


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    colony = s.do_create_place(
        None, "Penal colony No. 1, Navapolack", kind="penal_colony", country="BY", confidentiality="public"
    )
    held = s.do_create_person(None, names=["Kola Public"], confidentiality="public", publishable=True)
    team = s.do_create_person(None, names=["Tana Internal"], confidentiality="internal", publishable=True)
    s.do_create_event(None, type="transfer", date="2024-05-01", place=colony, victims=[held, team])
    s.do_create_event(
        None, type="search", date="2024-06-01", description="flat searched after a poetry evening", victims=[held]
    )
    secret = s.do_create_event(
        None, type="search", date="2024-07-01", description="a samizdat printing press", confidentiality="internal"
    )
    s.do_add_involvement(None, secret, person=held)
    text = "Kola Public wrote from the colony about the hunger strike."
    source = s.do_create_source(None, data=text.encode(), filename="a.txt", text=text, confidentiality="public")[0]
    s.do_record_claim(
        None, source, kind="event", value={"type": "health_alert"}, quote="hunger strike", person=held, state="accepted"
    )
    return {"place": colony, "held": held, "team": team}


def test_it_filters_by_place_as_the_caller_may_see(world: Any, anon: Any, viewer: Any, as_user: Any) -> None:
    assert _names(anon.get("persons", place=world["place"].pk)) == {"Kola Public"}
    assert _names(as_user(viewer).get("persons", place=world["place"].pk)) == {"Kola Public", "Tana Internal"}


def test_it_filters_by_confidentiality(world: Any, anon: Any, viewer: Any, as_user: Any) -> None:
    assert _names(as_user(viewer).get("persons", confidentiality="internal")) == {"Tana Internal"}
    assert _names(anon.get("persons", confidentiality="internal")) == set()
    assert anon.get("persons", confidentiality="secret").status_code == 422


def test_full_text_looks_through_event_descriptions_and_claim_quotes(
    world: Any, anon: Any, viewer: Any, as_user: Any
) -> None:
    assert _names(anon.get("persons", text="POETRY evening")) == {"Kola Public"}
    assert _names(anon.get("persons", text="hunger strike")) == {"Kola Public"}
    assert _names(anon.get("persons", text="samizdat")) == set()  # an internal event
    assert _names(as_user(viewer).get("persons", text="samizdat")) == {"Kola Public"}
    assert _names(anon.get("persons", text="nothing like this")) == set()
