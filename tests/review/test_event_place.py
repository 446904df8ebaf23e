"""An accepted event claim's place: the registry place it names, among those the claim may use."""

from __future__ import annotations

from typing import Any

import pytest

from letapis.registry.models import Claim, Event
from letapis.registry.services import do_create_place, do_create_source, do_record_claim
from letapis.review.services import do_accept_claim

pytestmark = pytest.mark.django_db


def _claim(place: str) -> Claim:
    text = f"Detained and taken to {place}."
    source, _ = do_create_source(None, data=text.encode(), filename=f"{place}.txt", text=text)
    value = {"type": "detention", "date": "2021-07-14", "place": place}
    return do_record_claim(None, source, kind="event", value=value, quote="Detained")


def test_the_place_it_names_by_name_or_alias_is_the_events(editor: Any) -> None:
    colony = do_create_place(None, "Penal colony No. 2", kind="city", aliases=["ИК-2"], confidentiality="internal")
    for written in ("penal colony  no. 2", "ик-2"):
        done = do_accept_claim(editor, _claim(written))
        assert Event.objects.get(pk=done.record_id).place == colony


def test_a_place_the_registry_does_not_have_stays_in_the_claim(editor: Any) -> None:
    done = do_accept_claim(editor, _claim("Somewhere Else"))
    assert Event.objects.get(pk=done.record_id).place is None
    assert done.value["place"] == "Somewhere Else"


def test_a_place_the_reviewer_may_not_see_is_not_used(editor: Any) -> None:
    do_create_place(None, "A hidden house", kind="city", confidentiality="confidential")
    done = do_accept_claim(editor, _claim("A hidden house"))
    assert Event.objects.get(pk=done.record_id).place is None
