"""The letter sheet: names as the post needs them, addresses, the team's rules; HTML, PDF, JSON."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client

from letapis.following import places
from letapis.registry import services as s
from tests.following.places_world import DAY, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> Any:
    return build()


def _ids(world: Any, *persons: Any) -> list[int]:
    return [p.pk for p in persons]


def test_the_russian_name_is_the_stored_one_or_derived_from_the_native_form() -> None:
    assert places.russian_name("Maryja Kalesnikava", [("Мария Колесникова", "russian")]) == ("Мария Колесникова", False)
    name, derived = places.russian_name("Aleś Bialacki", [("Aleś Bialacki", "lacinka"), ("Алесь Бяляцкі", "native")])
    assert derived and name.startswith("Алесь Беляцк")
    name, derived = places.russian_name("John Smith", [])
    assert (name, derived) == ("John Smith", True)  # nothing to derive from: as it is, to check
    assert places.russian_name("Ihar Losik", [("Ihar Losik", "lacinka")]) == ("Ihar Losik", True)
    name, derived = places.russian_name("Aleś Bialacki", [("Aleś Bialacki", "lacinka")])
    assert derived and name == "Алесь Беляцкий"


def test_a_sheet_gives_name_address_and_rules_and_says_who_is_not_held(world: Any, viewer: Any) -> None:
    ids = _ids(world, world.bialacki, world.kalesnikava, world.released, world.unplaced, world.inner)
    sheet = places.letter_sheet([*ids, 10**9], DAY, viewer)
    by_name = {x.name: x for x in sheet}
    assert [x.person_id for x in sheet] == ids  # in the order asked; an unknown id is left out
    first = by_name["Aleś Bialacki"]
    assert first.held and first.place_id == world.colony.pk and first.postal_address.startswith("211440")
    assert "stamps" in first.letter_rules
    assert by_name["Maryja Kalesnikava"].name_ru == "Мария Колесникова"
    assert not by_name["Ihar Losik"].held and by_name["Ihar Losik"].place_id is None
    assert by_name["Андрэй Пачобут"].held and by_name["Андрэй Пачобут"].place_id is None


def test_the_public_sheet_has_no_rules_and_no_person_it_may_not_see(world: Any) -> None:
    sheet = places.letter_sheet(_ids(world, world.bialacki, world.inner), DAY, None)
    assert [x.name for x in sheet] == ["Aleś Bialacki"]
    assert sheet[0].letter_rules == "" and sheet[0].postal_address.startswith("211440")


def test_a_confidential_transfer_changes_nothing_below_the_grant(world: Any, viewer: Any, confidant: Any) -> None:
    for user in (None, viewer):
        (letter,) = places.letter_sheet([world.kalesnikava.pk], DAY, user)
        assert letter.place_id == world.sizo.pk and "SECRET" not in letter.postal_address + letter.letter_rules
    (letter,) = places.letter_sheet([world.kalesnikava.pk], DAY, confidant)
    assert letter.place_id == world.secret.pk and letter.postal_address == "SECRET ADDRESS"


def test_everyone_held_at_a_place(client: Client, world: Any) -> None:
    answer = client.get("/api/v1/letters", {"place": world.colony.pk, "on": DAY.isoformat()}).json()
    assert [x["name"] for x in answer["letters"]] == ["Aleś Bialacki"]
    assert answer["letters"][0]["letter_rules"] is None
    assert client.get("/api/v1/letters", {"place": world.secret.pk}).status_code == 404
    both = client.get("/api/v1/letters", {"persons": f"{world.kalesnikava.pk}, {world.inner.pk}", "on": DAY}).json()
    assert [x["name"] for x in both["letters"]] == ["Maryja Kalesnikava"]


def test_the_printable_page_and_the_pdf(client: Client, world: Any, viewer: Any) -> None:
    from pypdf import PdfReader

    query = {"persons": f"{world.bialacki.pk},{world.released.pk}", "on": DAY.isoformat()}
    page = client.get("/following/letters/", query)
    text = page.content.decode()
    assert page.status_code == 200 and "211440" in text and "Not held on this day" in text
    assert "@media print" in text and "no stamps" not in text
    pdf = client.get("/following/letters.pdf", query)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    extracted = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "211440" in extracted and "Алесь" in extracted and "stamps" not in extracted
    client.force_login(viewer)
    team = client.get("/following/letters.pdf", query)
    assert "stamps" in " ".join(p.extract_text() for p in PdfReader(io.BytesIO(team.content)).pages)
    assert "no stamps" in client.get("/following/letters/", query).content.decode()
    assert client.get("/following/letters/", {"place": world.secret.pk}).status_code == 404
    assert client.get("/following/letters/").status_code == 200


def test_a_confidential_place_changes_nothing_on_the_public_sheet(client: Client, world: Any) -> None:
    query = {"persons": f"{world.bialacki.pk},{world.kalesnikava.pk}", "on": DAY.isoformat()}
    before = client.get("/api/v1/letters", query).json()
    s.do_create_place(None, "Another hidden one", kind="sizo", confidentiality="confidential")
    assert client.get("/api/v1/letters", query).json() == before
    assert "Another hidden one" not in client.get("/following/letters/", query).content.decode()


def test_everyone_on_a_watch_list(client: Client, world: Any, monkeypatch: Any) -> None:
    from letapis.read import places as read_places

    def watch_list(name: str, day: Any, user: Any, days: Any = None) -> list[dict[str, Any]]:
        if name != "silent":
            raise ValueError(f"unknown watch list {name!r}")
        return [{"id": world.unplaced.pk}, {"id": world.inner.pk}]

    monkeypatch.setattr(read_places, "watch_list", watch_list)
    answer = client.get("/api/v1/letters", {"watch": "silent", "days": 60, "on": DAY.isoformat()})
    assert [x["name"] for x in answer.json()["letters"]] == ["Андрэй Пачобут"]  # the internal one left out
    assert client.get("/api/v1/letters", {"watch": "nonsense"}).status_code == 400
    page = client.get("/following/letters/", {"watch": "silent", "on": DAY.isoformat()})
    assert "Андрэй Пачобут" in page.content.decode()
