"""The acceptance test of ingest and review (issue 4): ingesting the seed statement into the demo
registry and accepting all its claims gives the same registry facts as the hand-written demo
data — persons matched, not duplicated — with the seed now among each fact's sources.

The first test runs the real extractor. The second feeds the gold facts of the seed
(shared/eval/seed-gold.json) through the same path, so that a failure of the first can be told
apart: the extractor's, or the review services'.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from letapis.access import EVERYTHING
from letapis.registry.models import (
    Claim,
    ClaimState,
    Event,
    Honour,
    Involvement,
    Membership,
    Occupation,
    Person,
)
from letapis.registry.status import status_on
from letapis.review.ingest import do_ingest
from letapis.review.services import accept_all_of_source
from letapis.vocab import vocabulary
from tests.conftest import SEED, SHARED

pytestmark = pytest.mark.django_db

DAYS = (date(2025, 12, 12), date(2025, 12, 14))


def facts(person: Person) -> dict[str, Any]:
    return {
        "occupations": sorted(person.occupations.values_list("code", flat=True)),
        "memberships": sorted(person.memberships.values_list("organisation__name", "role")),
        "honours": sorted(person.honours.values_list("code", "text")),
        "statuses": [
            (status_on(person, day, levels=EVERYTHING).status, status_on(person, day, levels=EVERYTHING).exiled)
            for day in DAYS
        ],
    }


def registry_facts() -> dict[int, dict[str, Any]]:
    return {p.pk: facts(p) for p in Person.objects.order_by("pk")}


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count() for model in (Person, Occupation, Membership, Honour, Event, Involvement)
    }


def gold_persons() -> list[dict[str, Any]]:
    gold = json.loads((SHARED / "eval" / "seed-gold.json").read_text(encoding="utf-8"))
    persons: list[dict[str, Any]] = gold["docs"][SEED.name]["persons"]
    return persons


def seed_claims_of(source_id: int, **where: Any) -> list[Claim]:
    return list(Claim.objects.filter(source_id=source_id, state=ClaimState.ACCEPTED, **where))


def assert_the_seed_is_a_source_of_every_fact(seed_id: int) -> None:
    for entry in gold_persons():
        person = Person.objects.get(names__text=entry["aliases"][0])
        assert seed_claims_of(seed_id, kind="person", person=person), f"{person} has no seed person claim"
        for role in entry["roles"]:
            term = vocabulary("occupations").lookup(role)
            assert term is not None
            occupation = Occupation.objects.get(person=person, code=term.code)
            assert seed_claims_of(seed_id, record_type="registry.occupation", record_id=occupation.pk), (
                f"{person}: {role} has no seed claim"
            )
        for m in entry.get("memberships", []):
            membership = Membership.objects.get(person=person, organisation__name=m["organization"])
            assert seed_claims_of(seed_id, record_type="registry.membership", record_id=membership.pk)
        if entry["status"] != "not_prisoner":
            deciding = status_on(person, date(2025, 12, 14), levels=EVERYTHING).event
            assert (
                deciding is not None
                and status_on(person, date(2025, 12, 14), levels=EVERYTHING).status == entry["status"]
            )
            assert seed_claims_of(seed_id, kind="status", event=deciding), f"{person}: status has no seed claim"

    release = Event.objects.get(type="release", date="2025-12-13", parent__isnull=True)
    assert seed_claims_of(seed_id, kind="event", event=release)


def test_the_seed_over_the_demo_gives_the_same_facts_with_the_seed_as_source(demo: Any, editor: Any) -> None:
    before, before_counts = registry_facts(), counts()
    assert len(before) == 11

    ingested = do_ingest(editor, SEED.read_bytes(), SEED.name, confidentiality="public", publisher="PEN Belarus")
    assert ingested.created and len(ingested.claims) > 0
    seed = ingested.source
    assert str(seed.date) == "2025-12-14"

    outcomes = accept_all_of_source(editor, seed.pk)
    refused = [(c.pk, c.kind, c.value, why) for c, why in outcomes if why is not None]
    assert refused == []

    assert counts() == before_counts  # no person, occupation, membership, honour or event added
    assert registry_facts() == before

    assert_the_seed_is_a_source_of_every_fact(seed.pk)


def gold_result(text: str) -> Any:
    from tests.review.conftest import FakeResult, person

    doc = json.loads((SHARED / "eval" / "seed-gold.json").read_text(encoding="utf-8"))["docs"][SEED.name]
    persons = [
        person(
            text,
            entry["aliases"][0],
            status=entry["status"],
            roles=entry["roles"],
            honours=entry.get("honours", []),
            memberships=entry.get("memberships", []),
        )
        for entry in doc["persons"]
    ]
    released = [p["name"] for p in persons if p["status"] == "released"]
    events = [{**event, "persons": released} for event in doc["events"]]
    return FakeResult(persons=persons, events=events, date=doc["date"], language=doc["language"])


def test_the_gold_facts_of_the_seed_over_the_demo_add_nothing(
    demo: Any, editor: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("letapis.review.ingest.run_extractor", lambda text, **kwargs: gold_result(text))
    before, before_counts = registry_facts(), counts()
    seed = do_ingest(editor, SEED.read_bytes(), SEED.name).source
    outcomes = accept_all_of_source(editor, seed.pk)
    assert [(c.pk, c.kind, why) for c, why in outcomes if why is not None] == []
    assert len(outcomes) == Claim.objects.filter(source=seed).count() > 11
    assert counts() == before_counts
    assert registry_facts() == before
    assert_the_seed_is_a_source_of_every_fact(seed.pk)


def test_the_gold_facts_of_the_seed_build_the_registry_from_nothing(
    editor: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("letapis.review.ingest.run_extractor", lambda text, **kwargs: gold_result(text))
    seed = do_ingest(editor, SEED.read_bytes(), SEED.name).source
    outcomes = accept_all_of_source(editor, seed.pk)
    assert [(c.pk, c.kind, why) for c, why in outcomes if why is not None] == []
    assert Person.objects.count() == 11
    release = Event.objects.get(type="release", parent__isnull=True)
    assert (release.date, release.count, release.foreign_nationals, release.forced_exile) == (
        "2025-12-13",
        123,
        13,
        True,
    )
    for entry in gold_persons():
        person = Person.objects.get(names__text=entry["aliases"][0])
        on_the_day = status_on(person, date(2025, 12, 14), levels=EVERYTHING)
        assert on_the_day.status == entry["status"], person
        if entry["status"] == "released":
            assert on_the_day.event is not None and on_the_day.event.parent == release and on_the_day.exiled
        if entry["status"] == "held":
            assert on_the_day.event is not None and on_the_day.event.date == "[..2025-12-14]"
        roles = sorted(vocabulary("occupations").lookup(r).code for r in entry["roles"])  # type: ignore[union-attr]
        assert sorted(person.occupations.values_list("code", flat=True)) == roles
    assert release.children.count() == 5
