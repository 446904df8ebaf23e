"""The confidentiality rule on the watch lists: a confidential sentence, term change, contact or
detention changes nothing the public or the team sees in any list, count or CSV — and the
confidential tier does see it (so that the comparison is not of two empty lists).

The records go in through the services; the follow-up rows are derived from them by the refresh,
per tier (:mod:`letapis.following.refresh`).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from letapis.following import watch
from letapis.registry import services as s
from letapis.registry.models import TermChange
from tests.following.watch_world import D, build, case, event, person

pytestmark = pytest.mark.django_db


def snapshot(user: Any) -> dict[str, Any]:
    """Everything a caller reads from the watch lists on D: each list at each N, its count,
    its rows and its CSV, and the panel."""
    seen: dict[str, Any] = {"panel": [(i.name, i.days, i.count) for i in watch.panel(D, user)]}
    for name, spec in watch.SPECS.items():
        for days in spec.choices:
            rows = watch.watch_list(name, D, user, days)
            entries = list(rows)
            seen[f"{name}/{days}"] = (len(rows), entries, watch.to_csv(entries), rows.counted_page(0, 2))
    return seen


def add_confidential_facts(world: Any) -> None:
    """Confidential records, through the services: the refresh derives each tier's follow-ups."""
    w = world
    # a confidential second sentence of Bob while held: four more years in the confidential tier
    bob = w.persons["bob"]
    case(bob, event("sentence", "2023-05-05", bob, level="confidential"), 48, level="confidential")
    # a confidential term change of Ann's case: a year added
    TermChange.objects.create(
        case=w.cases["ann"], kind="added", months=12, date="2026-05-01", confidentiality="confidential"
    )
    # a confidential letter from Hal: not silent in the confidential tier
    event("letter", "2026-05-30", w.persons["hal"], level="confidential")
    # a confidential detention and sentence of a public person with a birthday in the window
    kim = person("Kim Secret", birth="1970-06-10")
    event("detention", "2020-02-10", kim, level="confidential")
    case(kim, event("sentence", "2020-06-01", kim, level="confidential"), 76, level="confidential")
    # a confidential transfer of Ann to a confidential prison
    secret_place = s.do_create_place(None, "Secret prison", kind="prison", confidentiality="confidential")
    event("transfer", "2026-05-25", w.persons["ann"], level="confidential", place=secret_place)


def test_confidential_records_change_nothing_the_public_or_the_team_see(viewer: Any, confidant: Any) -> None:
    world = build()
    before = {who: snapshot(user) for who, user in (("public", None), ("team", viewer), ("confidant", confidant))}
    add_confidential_facts(world)
    after = {who: snapshot(user) for who, user in (("public", None), ("team", viewer), ("confidant", confidant))}
    assert after["public"] == before["public"]
    assert after["team"] == before["team"]
    changed = {key for key in before["confidant"] if before["confidant"][key] != after["confidant"][key]}
    assert {"due/30", "overdue/0", "silent/60", "birthdays/30", "panel"} <= changed


def test_the_confidential_tier_sees_the_confidential_facts(confidant: Any) -> None:
    world = build()
    add_confidential_facts(world)
    assert "Bob Overdue" not in [e["name"] for e in watch.overdue(D, confidant)]
    assert "Ann Due" not in [e["name"] for e in watch.due(D, confidant, 30)]
    assert "Kim Secret" in [e["name"] for e in watch.due(D, confidant, 30)]
    assert "Hal Quiet" not in [e["name"] for e in watch.silent(D, confidant, 60)]
    assert [e["name"] for e in watch.birthdays(D, confidant, 30)] == ["Gus Birthday", "Kim Secret"]
    ann = [e for e in watch.silent(D, confidant, 30) if e["name"] == "Ann Due"]
    assert ann == []  # she wrote on 20 May


def test_pages_and_api_show_nothing_confidential(viewer: Any, confidant: Any) -> None:
    world = build()
    add_confidential_facts(world)
    team = Client()
    team.force_login(viewer)
    secret = Client()
    secret.force_login(confidant)
    anonymous = Client()
    for name in watch.LISTS:
        for client, shows in ((team, False), (secret, True)):
            body = client.get(f"/following/{name}/?on={D}&days=90").content.decode()
            body += client.get(f"/following/{name}/?on={D}&days=90&format=csv").content.decode()
            body += client.get(f"/api/v1/following/{name}?on={D}&days=90").content.decode()
            for marker in ("Kim Secret", "Secret prison"):
                if not shows:
                    assert marker not in body, (name, marker)
        body = anonymous.get(f"/api/v1/following/{name}?on={D}&days=90").content.decode()
        for marker in ("Kim Secret", "Secret prison", "Dee Internal", "Eve Unpublished"):
            assert marker not in body, (name, marker)
    secret_body = secret.get(f"/following/due/?on={D}&days=30").content.decode()
    assert "Kim Secret" in secret_body
    secret_body = secret.get(f"/following/birthdays/?on={D}&days=90").content.decode()
    assert "Ann Due" in secret_body and "Secret prison" in secret_body  # her place now, as they see it
    team_body = team.get(f"/following/birthdays/?on={D}&days=90").content.decode()
    assert "Ann Due" in team_body and "Penal colony No. 2" in team_body
