"""Accepting every claim of the seed statement and of the project's own-words structure texts
(tests/extract/structures/) into the demo registry creates no duplicate person and no duplicate
event (issue 16): a fact stated again — in another sentence, document or language, dated or
not — becomes one more source of the record the registry has."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

from letapis.names import MATCH_THRESHOLD, name_keys, score
from letapis.registry.corroboration import same_event
from letapis.registry.models import Claim, ClaimState, Event, Involvement, InvolvementRole, Person
from letapis.review.ingest import do_ingest
from letapis.review.services import accept_all_of_source
from tests.conftest import SEED

pytestmark = pytest.mark.django_db

STRUCTURES = Path(__file__).resolve().parents[1] / "extract" / "structures"


def duplicate_persons() -> list[tuple[str, str]]:
    """Pairs of persons whose names share a full-name key (``p:``) and match."""
    by_key: dict[str, list[Person]] = defaultdict(list)
    for person in Person.objects.filter(merged_into__isnull=True):
        for key in name_keys(person.display_name):
            if key.startswith("p:"):
                by_key[key].append(person)
    pairs = {
        (a.display_name, b.display_name)
        for persons in by_key.values()
        for a, b in combinations(sorted(persons, key=lambda p: p.pk), 2)
        if score(a.display_name, b.display_name) >= MATCH_THRESHOLD
    }
    return sorted(pairs)


def events_by_person() -> dict[tuple[int, str, str], list[int]]:
    """The events of each person as a victim, by (person, type, date)."""
    found: dict[tuple[int, str, str], list[int]] = defaultdict(list)
    for involvement in Involvement.objects.filter(role=InvolvementRole.VICTIM, person__isnull=False).select_related(
        "event"
    ):
        event = involvement.event
        found[(involvement.person_id, event.type, event.date)].append(event.pk)  # type: ignore[index]
    return found


def test_accepting_the_seed_and_the_structure_texts_duplicates_nothing(demo: Any, editor: Any) -> None:
    texts = [SEED, *sorted(STRUCTURES.glob("*/*.txt"))]
    assert len(texts) > 60
    accepted = 0
    for path in texts:
        source = do_ingest(editor, path.read_bytes(), path.name, confidentiality="public").source
        outcomes = accept_all_of_source(editor, source.pk)
        accepted += sum(1 for _, why in outcomes if why is None)
    assert accepted > 500

    assert duplicate_persons() == []
    events = events_by_person()
    assert {key: ids for key, ids in events.items() if len(ids) > 1} == {}

    # nor two events of one person that corroboration would take for one: each event of a
    # person is the one the registry finds for its own type and date
    for (person_id, type_, _), (event_id,) in events.items():
        event = Event.objects.get(pk=event_id)
        person = Person.objects.get(pk=person_id)
        bounds = (event.date_earliest, event.date_latest)
        found = same_event(person, type_, bounds, levels=("public", "internal", "confidential"))
        assert found is not None
        if found.pk != event_id:
            pytest.fail(f"{person} has {type_} {event.date} (event {event_id}) and {found.date} (event {found.pk})")

    # the facts stated again gained sources: some events are supported by claims of two sources
    sources = defaultdict(set)
    for event_id, source_id in Claim.objects.filter(state=ClaimState.ACCEPTED, event__isnull=False).values_list(
        "event_id", "source_id"
    ):
        sources[event_id].add(source_id)
    assert sum(1 for ids in sources.values() if len(ids) > 1) >= 20
