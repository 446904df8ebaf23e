"""A person's page counts the sources behind each fact (issue 16): a detention stated by two
documents is one event with its sources added up, and a source the viewer may not see is neither
counted nor shown."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.test import Client

from letapis.registry.models import Event, Person
from letapis.review.services import do_accept_claim
from tests import helpers

pytestmark = pytest.mark.django_db


def accept_from(editor: Any, person: Person, text: str, level: str, kind: str, value: dict[str, Any]) -> Any:
    claim = helpers.claim_of(text, value, day=date(2025, 1, 10), kind=kind, level=level)
    return do_accept_claim(editor, claim, person=person)


def counts_on_page(html: str, section: str) -> list[str]:
    """The "N sources" of the items of a section of the person's page."""
    part = html.split(section, 1)[1].split("</section>", 1)[0]
    return re.findall(r"<summary>(\d+ sources?)</summary>", part)


def test_a_detention_stated_again_gains_its_sources(demo: Any, editor: Any, client: Client) -> None:
    poczobut = Person.objects.get(display_name="Andrzej Poczobut")
    detention = Event.objects.get(type="detention", involvements__person=poczobut)
    events_before = Event.objects.count()
    said = [
        ("public", "Andrzej Poczobut was detained in March 2021.", {"type": "detention", "date": "2021-03"}),
        ("internal", "Poczobut has been in custody since his arrest.", {"type": "detention"}),
    ]
    for level, text, value in said:
        claim = accept_from(editor, poczobut, text, level, "event", {**value, "persons": ["Andrzej Poczobut"]})
        assert claim.event_id == detention.pk
    accept_from(
        editor, poczobut, "Poczobut, a journalist, wrote.", "public", "occupation", {"occupation": "journalist"}
    )
    assert Event.objects.count() == events_before

    anonymous = Client().get(f"/persons/{poczobut.pk}/").content.decode()
    client.force_login(editor)
    team = client.get(f"/persons/{poczobut.pk}/").content.decode()
    # the timeline's detention: the demo statement and the public report; the team also the internal one
    assert counts_on_page(anonymous, 'id="timeline-h"')[0] == "2 sources"
    assert counts_on_page(team, 'id="timeline-h"')[0] == "3 sources"
    assert "Poczobut has been in custody" in team and "Poczobut has been in custody" not in anonymous
    # occupations: essayist, journalist (demo and the public report), publicist
    assert counts_on_page(anonymous, 'id="facts-h"')[:3] == ["1 source", "2 sources", "1 source"]

    api = Client().get(f"/api/v1/persons/{poczobut.pk}").json()
    shown = next(e for e in api["events"] if e["id"] == detention.pk)
    assert len({ref["source_id"] for ref in shown["sources"]}) == 2
    journalist = next(o for o in api["occupations"] if o["code"] == "journalist")
    assert [ref["quote"] for ref in journalist["sources"]][-1] == "Poczobut, a journalist, wrote."
