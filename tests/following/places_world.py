"""A small registry of places of detention for the tests of places and letters.

The FollowUp rows are the refresh's (:mod:`letapis.following.refresh`: the place of the
latest detention, sentence or transfer at a place of detention each tier sees); :func:`follow`
checks that they are what the tests expect.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from letapis.following.models import FollowUp
from letapis.registry import services as s
from letapis.registry.models import ClaimState, Event, Person, Place

TIERS = ("public", "internal", "confidential")
DAY = date(2025, 6, 1)


def follow(person: Person, place: Place | None, since: str | None, event: Event | None, tiers: Any = TIERS) -> None:
    """Check that the refresh (:func:`letapis.following.refresh.refresh_follow_ups`, run by the
    services) holds ``person`` at ``place`` since ``since`` by ``event`` in ``tiers``: the world
    below is built on the rows it derives, and says here what they are."""
    for tier in tiers:
        row = FollowUp.objects.filter(person=person, level=tier).first()
        found = None if row is None else (row.place_id, row.place_since, row.place_event_id)
        wanted = (
            None if place is None else place.pk,
            None if since is None else date.fromisoformat(since),
            None if event is None else event.pk,
        )
        assert (found or (None, None, None)) == wanted, f"{person} in {tier}: {found} != {wanted}"


@dataclass
class World:
    region: Place
    city: Place
    colony: Place
    sizo: Place
    secret: Place
    bialacki: Person  # public, held at the colony since a public transfer
    kalesnikava: Person  # public, at the SIZO; a confidential transfer to the secret place
    released: Person  # held once at the SIZO, released
    unplaced: Person  # held, no place known
    inner: Person  # an internal person held at the colony
    transfer: Event


def build() -> World:
    region = s.do_create_place(None, "Viciebsk region", kind="region", country="BY", confidentiality="public")
    city = s.do_create_place(None, "Navapolack", kind="city", country="BY", parent=region, confidentiality="public")
    colony = s.do_create_place(
        None,
        "Penal colony No. 1, Navapolack",
        kind="penal_colony",
        country="BY",
        parent=city,
        number="1",
        regime="reinforced_regime_colony",
        postal_address="211440, Витебская обл., г. Новополоцк, ИК-1",
        letter_rules="Write in Russian; no stamps inside the envelope.",
        confidentiality="public",
    )
    minsk = s.do_create_place(None, "Minsk", kind="city", country="BY", confidentiality="public")
    sizo = s.do_create_place(
        None,
        "SIZO No. 1, Minsk",
        kind="sizo",
        country="BY",
        parent=minsk,
        number="1",
        postal_address="220030, г. Минск, ул. Володарского, 2, СИЗО-1",
        letter_rules="Letters take a month.",
        confidentiality="public",
    )
    secret = s.do_create_place(
        None,
        "Hidden prison",
        kind="prison",
        postal_address="SECRET ADDRESS",
        letter_rules="SECRET RULES",
        confidentiality="confidential",
    )

    def person(names: list[s.NameInput], level: str = "public") -> Person:
        return s.do_create_person(None, names=names, confidentiality=level, publishable=True)

    bialacki = person([s.NameInput("Aleś Bialacki", "lacinka", True), s.NameInput("Алесь Бяляцкі", "native")])
    s.do_create_event(None, type="detention", date="2021-07-14", place=sizo, victims=[bialacki])
    transfer = s.do_create_event(None, type="transfer", date="2023-05-01", place=colony, victims=[bialacki])
    text = "Aleś Bialacki was moved to Penal colony No. 1 in Navapolack."
    source, _ = s.do_create_source(
        None, data=text.encode(), filename="moved.txt", text=text, title="Moved", confidentiality="public"
    )
    s.do_record_claim(
        None,
        source,
        kind="event",
        value={"type": "transfer"},
        quote="moved to Penal colony No. 1",
        event=transfer,
        state=ClaimState.ACCEPTED,
    )
    follow(bialacki, colony, "2023-05-01", transfer)

    kalesnikava = person(
        [s.NameInput("Maryja Kalesnikava", "lacinka", True), s.NameInput("Мария Колесникова", "russian")]
    )
    detention = s.do_create_event(None, type="detention", date="2020-09-07", place=sizo, victims=[kalesnikava])
    hidden = s.do_create_event(
        None, type="transfer", date="2024-01-10", place=secret, victims=[kalesnikava], confidentiality="confidential"
    )
    follow(kalesnikava, sizo, "2020-09-07", detention, ("public", "internal"))
    follow(kalesnikava, secret, "2024-01-10", hidden, ("confidential",))

    released = person([s.NameInput("Ihar Losik", "lacinka", True)])
    arrest = s.do_create_event(None, type="detention", date="2020-06-25", place=sizo, victims=[released])
    s.do_create_event(None, type="release", date="2025-02-01", victims=[released])
    follow(released, sizo, "2020-06-25", arrest)  # the place of the last spell: not held, not listed

    unplaced = person([s.NameInput("Андрэй Пачобут", "native", True)])
    s.do_create_event(None, type="detention", date="2021-03-25", victims=[unplaced])
    follow(unplaced, None, None, None)

    inner = person([s.NameInput("Inner Person", "other", True)], level="internal")
    moved = s.do_create_event(None, type="detention", date="2022-01-01", place=colony, victims=[inner])
    follow(inner, colony, "2022-01-01", moved, ("internal", "confidential"))
    return World(region, city, colony, sizo, secret, bialacki, kalesnikava, released, unplaced, inner, transfer)
