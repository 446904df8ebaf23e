"""Places of detention: the services, who is held where on a day, the pages and the API."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.test import Client

from letapis.audit.models import AuditEntry
from letapis.following import places
from letapis.registry import services as s
from tests.following.places_world import DAY, build, follow
from tests.helpers import verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> Any:
    return build()


# ---------------------------------------------------------------------------------------------
# Services


def test_a_place_of_detention_carries_its_number_regime_address_and_rules(world: Any) -> None:
    colony = world.colony
    assert (colony.number, colony.regime) == ("1", "reinforced_regime_colony")
    assert colony.postal_address.startswith("211440") and "stamps" in colony.letter_rules
    with pytest.raises(s.ServiceError, match="sentence regime"):
        s.do_create_place(None, "Colony X", kind="penal_colony", regime="holiday_camp")
    with pytest.raises(s.ServiceError, match="number"):
        s.do_create_place(None, "Colony Y", kind="penal_colony", number="1" * 21)


def test_a_place_update_is_audited_and_checks_what_the_form_showed(world: Any, editor: Any) -> None:
    colony = world.colony
    s.do_update_place(editor, colony, expected={"number": "1"}, number="1A", regime="strict_regime_colony")
    colony.refresh_from_db()
    assert (colony.number, colony.regime) == ("1A", "strict_regime_colony")
    entry = AuditEntry.objects.filter(action="place.update").latest("id")
    assert entry.before["number"] == "1" and entry.after["number"] == "1A"
    with pytest.raises(s.Conflict):
        s.do_update_place(editor, colony, expected={"number": "1"}, postal_address="elsewhere")
    colony.refresh_from_db()
    assert colony.postal_address.startswith("211440")
    with pytest.raises(s.ServiceError, match="cannot change"):
        s.do_update_place(editor, colony, kind="prison")
    with pytest.raises(s.ServiceError, match="sentence regime"):
        s.do_update_place(editor, colony, regime="nonsense")


def test_place_kinds_say_which_are_places_of_detention() -> None:
    kinds = s.detention_kinds()
    assert {"sizo", "penal_colony", "prison", "psychiatric_hospital"} <= kinds
    assert not {"city", "region", "country"} & kinds


# ---------------------------------------------------------------------------------------------
# Who is held where


def _counts(user: Any, day: date = DAY) -> dict[str, int]:
    return {r.name: r.held for r in places.places_list(user, day)}


def test_each_tier_counts_only_what_it_may_see(world: Any, viewer: Any, confidant: Any) -> None:
    colony, sizo, secret = world.colony.name, world.sizo.name, world.secret.name
    assert _counts(None) == {colony: 1, sizo: 1}
    assert _counts(viewer) == {colony: 2, sizo: 1}
    assert _counts(confidant) == {colony: 2, sizo: 0, secret: 1}


def test_the_list_says_type_number_city_region_and_regime(world: Any) -> None:
    row = next(r for r in places.places_list(None, DAY) if r.id == world.colony.pk)
    assert (row.kind, row.number, row.city, row.region) == ("penal_colony", "1", "Navapolack", "Viciebsk region")
    assert row.regime == "reinforced_regime_colony"
    assert [r.name for r in places.places_list(None, DAY) if r.kind in ("city", "region")] == []


def test_a_hidden_parent_does_not_locate_a_place(world: Any) -> None:
    s.do_set_confidentiality(None, world.city, "confidential")
    row = next(r for r in places.places_list(None, DAY) if r.id == world.colony.pk)
    assert (row.city, row.region) == ("", "Viciebsk region")


def test_the_persons_held_there_with_since_and_the_sources_of_the_transfer(world: Any) -> None:
    there = places.held_at(world.colony, DAY, None)
    assert [p.name for p in there] == ["Aleś Bialacki"]
    entry = there[0]
    assert entry.since == "2023-05-01" and entry.event is not None and entry.event["type"] == "transfer"
    assert entry.sources and "moved to Penal colony No. 1" in entry.sources[0]["quote"]
    assert "Алесь Бяляцкі" in entry.names


def test_a_day_before_the_transfer_lists_nobody_at_the_new_place(world: Any) -> None:
    assert places.held_at(world.colony, date(2023, 4, 30), None) == []
    assert places.held_counts(date(2023, 4, 30), None).get(world.colony.pk, 0) == 0
    # released: held at the SIZO before, not after
    assert "Ihar Losik" in [p.name for p in places.held_at(world.sizo, date(2024, 1, 1), None)]
    assert "Ihar Losik" not in [p.name for p in places.held_at(world.sizo, DAY, None)]


def test_places_now_of_a_page_of_persons_in_one_query(world: Any, django_assert_num_queries: Any) -> None:
    ids = [world.bialacki.pk, world.kalesnikava.pk, world.unplaced.pk]
    with django_assert_num_queries(1):
        found = places.places_now(ids, None)
    assert found[world.bialacki.pk].name == world.colony.name
    assert found[world.kalesnikava.pk].name == world.sizo.name
    assert world.unplaced.pk not in found


# ---------------------------------------------------------------------------------------------
# Pages


def test_the_places_page_lists_types_names_numbers_and_counts(client: Client, world: Any) -> None:
    page = client.get("/places/", {"on": DAY.isoformat()})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Penal colony No. 1, Navapolack" in text and "Navapolack, Viciebsk region" in text
    assert "reinforced regime colony" in text and "Hidden prison" not in text
    assert [r["held"] for r in page.context["rows"] if r["id"] == world.colony.pk] == [1]


def test_the_place_page_shows_the_address_and_the_rules_to_the_team_only(
    client: Client, world: Any, viewer: Any
) -> None:
    url = f"/places/{world.colony.pk}/?on={DAY.isoformat()}"
    public = client.get(url).content.decode()
    assert "211440" in public and "Aleś Bialacki" in public
    assert "no stamps" not in public
    client.force_login(viewer)
    team = client.get(url).content.decode()
    assert "no stamps" in team and "Inner Person" in team


def test_a_confidential_place_is_not_found_without_the_grant(
    client: Client, world: Any, viewer: Any, confidant: Any
) -> None:
    url = f"/places/{world.secret.pk}/"
    assert client.get(url).status_code == 404
    client.force_login(viewer)
    assert client.get(url).status_code == 404
    client.force_login(confidant)
    answer = client.get(url, {"on": DAY.isoformat()})
    assert answer.status_code == 200 and "Maryja Kalesnikava" in answer.content.decode()
    assert client.get(f"/places/{world.city.pk}/").status_code == 404  # a city is no place of detention


def test_an_editor_changes_the_address_and_a_stale_form_is_a_conflict(
    client: Client, world: Any, editor: Any, viewer: Any
) -> None:
    colony = world.colony
    url = f"/places/{colony.pk}/edit/"
    form = {
        "number": "1",
        "regime": "strict_regime_colony",
        "postal_address": "211440, Новополоцк, ИК-1 (new)",
        "letter_rules": "New rules.",
        "shown_number": colony.number,
        "shown_regime": colony.regime,
        "shown_postal_address": colony.postal_address,
        "shown_letter_rules": colony.letter_rules,
    }
    client.force_login(viewer)
    assert client.post(url, form).status_code == 403
    verified(client, editor)
    page = client.get(f"/places/{colony.pk}/")
    assert 'name="shown_postal_address"' in page.content.decode()
    assert client.post(url, form).status_code == 302
    colony.refresh_from_db()
    assert colony.postal_address.endswith("(new)") and colony.regime == "strict_regime_colony"
    stale = client.post(url, {**form, "postal_address": "other"})
    assert stale.status_code == 409 and "Someone else changed this place" in stale.content.decode()
    colony.refresh_from_db()
    assert colony.postal_address.endswith("(new)")
    assert client.get(url).status_code == 405


# ---------------------------------------------------------------------------------------------
# API


def test_the_api_lists_places_and_one_place_with_its_persons(client: Client, world: Any, viewer: Any) -> None:
    listing = client.get("/api/v1/places", {"on": DAY.isoformat()}).json()
    assert {r["name"]: r["held"] for r in listing["results"]} == {world.colony.name: 1, world.sizo.name: 1}
    assert listing["held"] == 2
    one = client.get(f"/api/v1/places/{world.colony.pk}", {"on": DAY.isoformat()}).json()
    assert one["postal_address"].startswith("211440") and one["letter_rules"] is None
    assert [p["name"] for p in one["persons"]] == ["Aleś Bialacki"]
    assert one["persons"][0]["event"]["type"] == "transfer" and one["persons"][0]["sources"]
    assert client.get(f"/api/v1/places/{world.secret.pk}").status_code == 404
    client.force_login(viewer)
    team = client.get(f"/api/v1/places/{world.colony.pk}", {"on": DAY.isoformat()}).json()
    assert "stamps" in team["letter_rules"] and len(team["persons"]) == 2
    assert client.get("/api/v1/places", {"kind": "spaceship"}).status_code == 400


# ---------------------------------------------------------------------------------------------
# The confidentiality rule


def _everything(client: Client, user: Any, world: Any) -> dict[str, Any]:
    """What ``user`` reads of places: lists, counts, persons there, letters, exports, the API."""
    from letapis.following.places import held_at, letter_sheet, places_list
    from letapis.reports import exports

    client.logout()
    if user is not None:
        client.force_login(user)
    ids = [world.bialacki.pk, world.kalesnikava.pk, world.unplaced.pk]
    rows = exports.persons_table(user, DAY)
    return {
        "list": places_list(user, DAY),
        "held": {p.pk: held_at(p, DAY, user) for p in (world.colony, world.sizo, world.secret)},
        "letters": letter_sheet(ids, DAY, user),
        "export": exports.to_csv(rows, exports.columns_of(rows, user)),
        "api held": client.get("/api/v1/held", {"on": DAY.isoformat()}).json(),
        "api places": client.get("/api/v1/places", {"on": DAY.isoformat()}).json(),
        "persons page": [
            (r["id"], r["place"]) for r in client.get("/persons/", {"on": DAY.isoformat()}).context["rows"]
        ],
    }


def test_a_confidential_place_and_transfer_change_nothing_below_the_grant(
    client: Client, world: Any, viewer: Any, confidant: Any
) -> None:
    before = {kind: _everything(client, user, world) for kind, user in (("public", None), ("team", viewer))}
    hidden = s.do_create_place(
        None, "Closed ward", kind="psychiatric_hospital", postal_address="HIDDEN", confidentiality="confidential"
    )
    moved = s.do_create_event(
        None,
        type="transfer",
        date="2024-05-05",
        place=hidden,
        victims=[world.bialacki],
        confidentiality="confidential",
    )
    follow(world.bialacki, hidden, "2024-05-05", moved, ("confidential",))  # as the refresh writes it
    after = {kind: _everything(client, user, world) for kind, user in (("public", None), ("team", viewer))}
    assert after == before
    secret = _everything(client, confidant, world)
    assert "HIDDEN" in secret["export"] and "Closed ward" in {r.name for r in secret["list"]}
    assert [x.place_id for x in secret["letters"]][:1] == [hidden.pk]


def test_the_exports_carry_the_place_and_its_address(world: Any) -> None:
    from letapis.reports import exports

    rows = {r["name"]: r for r in exports.persons_table(None, DAY)}
    assert rows["Aleś Bialacki"]["place"] == world.colony.name
    assert rows["Aleś Bialacki"]["place_address"].startswith("211440")
    assert rows["Ihar Losik"]["place"] == ""  # released: no place of detention
    assert "place_address" in exports.columns_of(list(rows.values()), None)


def test_the_held_api_rows_and_the_persons_list_show_the_place(client: Client, world: Any) -> None:
    held = client.get("/api/v1/held", {"on": DAY.isoformat()}).json()["results"]
    places_by_name = {r["name"]: r["place"] for r in held}
    assert places_by_name["Aleś Bialacki"]["name"] == world.colony.name
    assert places_by_name["Андрэй Пачобут"] is None
    page = client.get("/persons/", {"status": "held", "on": DAY.isoformat()}).content.decode()
    assert f'href="/places/{world.colony.pk}/"' in page
    letters = re.search(r'href="/following/letters/\?persons=([0-9,]+)&amp;on=', page)
    assert letters is not None and str(world.bialacki.pk) in letters.group(1).split(",")


def test_the_lists_take_a_fixed_number_of_queries(world: Any, viewer: Any, django_assert_max_num_queries: Any) -> None:
    for i in range(5):  # more places and persons change nothing in the count
        more = s.do_create_place(None, f"Colony {i}", kind="penal_colony", parent=world.city, confidentiality="public")
        person = s.do_create_person(None, names=[f"Extra {i}"], confidentiality="public", publishable=True)
        event = s.do_create_event(None, type="detention", date="2024-01-01", place=more, victims=[person])
        follow(person, more, "2024-01-01", event)
    with django_assert_max_num_queries(2):  # the places with their parents, the counts
        assert len(places.places_list(viewer, DAY)) == 7
    with django_assert_max_num_queries(4):  # rows, names, events, sources
        places.held_at(world.colony, DAY, viewer)
    with django_assert_max_num_queries(4):  # persons, names, spans, places
        places.letter_sheet(list(range(1, 30)), DAY, viewer)


def test_the_places_page_in_belarusian_and_russian(client: Client, world: Any) -> None:
    client.post("/i18n/setlang/", {"language": "be", "next": "/places/"})
    page = client.get("/places/").content.decode()
    assert "<h1>Месцы зняволення</h1>" in page and "папраўчая калонія" in page
    client.post("/i18n/setlang/", {"language": "ru", "next": "/places/"})
    assert "Лист для писем" in client.get("/following/letters/").content.decode()
