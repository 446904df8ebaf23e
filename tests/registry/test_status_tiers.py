"""A status is what its audience would derive if the records it may not see did not exist.

A public person, detained and released in public, is detained again on a record the public (or
a team member without the grant) may not see: every output for them — the API's person and
list, the web page, the held list, the series, the public CSV, the static site — must say what
it said before that record existed, while a caller who may see it sees the person held.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letapis import access
from letapis.registry import services as s
from letapis.registry.models import Event, Involvement, Person, StatusSpan
from letapis.registry.queries import count_held
from letapis.registry.status import held_on, status_on

pytestmark = pytest.mark.django_db

DAY = "2023-12-01"
RELEASED_ON = "2023-03-15"
REARRESTED_ON = "2023-06-20"

#: case → (the re-arrest event's level, the person's involvement's level, who may see it)
CASES = {
    "confidential event": ("confidential", "public", {"confidant"}),
    "internal event": ("internal", "public", {"viewer", "confidant"}),
    "confidential involvement": ("public", "confidential", {"confidant"}),
    "internal involvement": ("public", "internal", {"viewer", "confidant"}),
}


@pytest.fixture
def released(db: Any) -> Person:
    """A public, publishable person detained and released in public."""
    person = s.do_create_person(
        None, names=["Secret Rearrest"], confidentiality="public", publishable=True, occupations=["writer"]
    )
    s.do_create_event(None, type="detention", date="2021-01-10", victims=[person])
    s.do_create_event(None, type="release", date=RELEASED_ON, victims=[person])
    return person


def rearrest(person: Person, event_level: str, involvement_level: str) -> Event:
    event = s.do_create_event(None, type="detention", date=REARRESTED_ON, confidentiality=event_level)
    s.do_add_involvement(None, event, person=person, confidentiality=involvement_level)
    return event


def client_of(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def get(client: Client, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return response


def outputs(client: Client, person: Person) -> dict[str, Any]:
    """What the caller of ``client`` is told about the person's status, everywhere."""
    detail = get(client, f"/api/v1/persons/{person.pk}?on={DAY}").json()
    listed = get(client, f"/api/v1/persons?on={DAY}&limit=200").json()
    held = get(client, f"/api/v1/held?on={DAY}&limit=200").json()
    series = get(client, "/api/v1/stats/series?from=2023-01-01&to=2023-12-31").json()
    web = get(client, f"/persons/{person.pk}/?on={DAY}").context["data"]["status"]
    return {
        "detail": detail["status"],
        "detail events": [e["id"] for e in detail["events"]],
        "list row": next(r for r in listed["results"] if r["id"] == person.pk),
        "held as": get(client, f"/api/v1/persons?on={DAY}&status=held&limit=200").json()["count"],
        "held": held["count"],
        "held ids": [r["id"] for r in held["results"]],
        "held in June": get(client, "/api/v1/held?on=2023-06-20").json()["count"],
        "stats": get(client, f"/api/v1/stats/held?on={DAY}").json(),
        "series": series["points"],
        "web": {k: v for k, v in web.items() if k != "label"},
        "web label": web["label"],
    }


def public_csv(person: Person) -> dict[str, str]:
    response = get(Client(), "/reports/export/csv/?public=1")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return next(row for row in csv.DictReader(io.StringIO(text)) if row.get("id") == str(person.pk))


@pytest.mark.parametrize("case", list(CASES))
def test_a_hidden_rearrest_changes_nothing_for_who_may_not_see_it(
    case: str, released: Person, viewer: Any, confidant: Any
) -> None:
    event_level, involvement_level, seers = CASES[case]
    users = {"public": None, "viewer": viewer, "confidant": confidant}
    before = {name: outputs(client_of(user), released) for name, user in users.items()}
    csv_before = public_csv(released)
    assert before["public"]["detail"]["status"] == "released"

    rearrest(released, event_level, involvement_level)

    for name, user in users.items():
        after = outputs(client_of(user), released)
        if name not in seers:  # exactly as if the re-arrest did not exist
            assert after == before[name], (case, name)
            assert after["detail"]["status"] == after["list row"]["status"] == after["web"]["status"] == "released"
            assert after["detail"]["since"] == after["list row"]["status_since"] == RELEASED_ON
            assert after["web"]["since"] == RELEASED_ON
            assert released.pk not in after["held ids"]
        else:
            assert after["detail"]["status"] == after["list row"]["status"] == after["web"]["status"] == "held"
            assert after["detail"]["since"] == after["list row"]["status_since"] == REARRESTED_ON
            assert released.pk in after["held ids"] and after["held"] == before[name]["held"] + 1
            assert after["held in June"] == before[name]["held in June"] + 1
            june = next(p for p in after["series"] if p["day"] == "2023-06-30")
            assert june["count"] == next(p for p in before[name]["series"] if p["day"] == "2023-06-30")["count"] + 1
    assert public_csv(released) == csv_before
    assert csv_before["status"] == "released"


@pytest.mark.parametrize("case", ["confidential event", "internal involvement"])
def test_the_static_site_is_the_same_without_the_hidden_rearrest(case: str, released: Person, tmp_path: Path) -> None:
    from letapis.reports.publish import publish

    def site(out: Path) -> dict[str, bytes]:
        publish(out, date.fromisoformat(DAY))
        return {str(f.relative_to(out)): f.read_bytes() for f in sorted(out.rglob("*")) if f.is_file()}

    before = site(tmp_path / "before")
    rearrest(released, *CASES[case][:2])
    after = site(tmp_path / "after")
    assert after.keys() == before.keys()
    assert [name for name in after if after[name] != before[name]] == []
    held = json.loads(after["data/held.json"])
    assert released.pk not in {p["id"] for p in held["persons"]}
    page = after[f"en/persons/{released.pk}.html"].decode("utf-8")
    assert "Released" in page or "released" in page


def test_a_change_of_an_events_confidentiality_refreshes_the_spans(released: Person) -> None:
    day = date.fromisoformat(DAY)
    event = rearrest(released, "public", "public")
    assert released in held_on(day, levels=access.PUBLIC_ONLY) and count_held(day, None) == 1
    s.do_update_event(None, Event.objects.get(pk=event.pk), confidentiality="confidential")
    assert released not in held_on(day, levels=access.PUBLIC_ONLY) and count_held(day, None) == 0
    assert released not in held_on(day, levels=access.TEAM)
    assert released in held_on(day, levels=access.EVERYTHING)
    s.do_update_event(None, Event.objects.get(pk=event.pk), confidentiality="internal")
    assert released in held_on(day, levels=access.TEAM) and released not in held_on(day, levels=access.PUBLIC_ONLY)


def test_a_change_of_an_involvements_confidentiality_refreshes_the_spans(released: Person) -> None:
    day = date.fromisoformat(DAY)
    rearrest(released, "public", "public")
    involvement = Involvement.objects.get(person=released, event__date=REARRESTED_ON)
    involvement.confidentiality = "confidential"
    involvement.save()  # as the admin does
    assert released not in held_on(day, levels=access.PUBLIC_ONLY) and count_held(day, None) == 0
    assert released in held_on(day, levels=access.EVERYTHING)
    involvement.confidentiality = "public"
    involvement.save()
    assert released in held_on(day, levels=access.PUBLIC_ONLY) and count_held(day, None) == 1


def test_each_caller_reads_the_spans_of_their_tier(viewer: Any, confidant: Any) -> None:
    assert access.tier_for(None) == "public"
    assert access.tier_for(viewer) == "internal"
    assert access.tier_for(confidant) == "confidential"
    assert {access.tier_of(levels) for levels in access.TIERS.values()} == set(access.TIERS)


START = date(2020, 1, 1)
LEVELS = ("public", "internal", "confidential")
TYPES = ("detention", "sentence", "release", "expulsion", "death_in_custody", "charge")
event_strategy = st.tuples(
    st.sampled_from(TYPES), st.integers(0, 1500), st.integers(0, 2), st.sampled_from(LEVELS), st.sampled_from(LEVELS)
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    histories=st.lists(st.lists(event_strategy, max_size=5), min_size=1, max_size=4),
    probe=st.integers(min_value=-30, max_value=1600),
    changes=st.lists(st.tuples(st.integers(0, 20), st.booleans(), st.sampled_from(LEVELS)), max_size=3),
)
def test_the_spans_of_each_tier_are_the_status_of_its_levels(
    histories: list[list[tuple[str, int, int, str, str]]], probe: int, changes: list[tuple[int, bool, str]]
) -> None:
    """Events and involvements of every level, some changed afterwards: each tier's spans and
    held list are the derivation from the records of that tier's levels alone."""
    with transaction.atomic():
        persons = []
        involvements: list[Involvement] = []
        for i, history in enumerate(histories):
            p = s.do_create_person(None, names=[f"Person {i}"], confidentiality="public", publishable=True)
            persons.append(p)
            for kind, offset, sequence, event_level, involvement_level in history:
                event = s.do_create_event(
                    None, type=kind, date=(START + timedelta(days=offset)).isoformat(), confidentiality=event_level
                )
                event.sequence = sequence
                event.save()
                involvements.append(s.do_add_involvement(None, event, person=p, confidentiality=involvement_level))
        for index, on_event, level in changes:
            if not involvements:
                break
            involvement = involvements[index % len(involvements)]
            if on_event:
                s.do_update_event(None, Event.objects.get(pk=involvement.event_id), confidentiality=level)
            else:
                involvement.refresh_from_db()
                involvement.confidentiality = level
                involvement.save()
        day = START + timedelta(days=probe)
        for tier, levels in access.TIERS.items():
            truth = {p: status_on(p, day, levels=levels) for p in persons}
            assert set(held_on(day, levels=levels)) == {p for p, t in truth.items() if t.status == "held"}, tier
            for p, t in truth.items():
                span = StatusSpan.objects.filter(person=p, level=tier, since__lte=day, until__gt=day).first()
                got = None if span is None else (span.status, span.event_id)
                assert got == (None if t.event is None else (t.status, t.event.pk)), tier
        transaction.set_rollback(True)
