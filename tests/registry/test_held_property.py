"""Property test: the one-query "held on D" list agrees with status_on for every person."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letapis.access import EVERYTHING
from letapis.registry import services as s
from letapis.registry.models import Involvement, StatusSpan
from letapis.registry.spans import OPEN_END, rebuild_all_spans
from letapis.registry.status import held_on, status_on
from tests.helpers import partial_date

pytestmark = pytest.mark.django_db

TYPES = ["detention", "sentence", "release", "expulsion", "transfer", "death_in_custody", "health_alert"]
START = date(2020, 1, 1)


def partial(day_offset: int, precision: str) -> str:
    return partial_date(START + timedelta(days=day_offset), precision)


event_strategy = st.tuples(
    st.sampled_from(TYPES),
    st.integers(min_value=0, max_value=1500),
    st.sampled_from(["day", "day", "day", "month", "year", "before"]),
    st.integers(min_value=0, max_value=2),
)
history_strategy = st.lists(st.lists(event_strategy, max_size=6), min_size=1, max_size=5)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(histories=history_strategy, probe=st.integers(min_value=-30, max_value=1600))
def test_held_on_equals_status_on_for_every_person(
    histories: list[list[tuple[str, int, str, int]]], probe: int
) -> None:
    with transaction.atomic():
        persons = []
        for i, history in enumerate(histories):
            p = s.do_create_person(None, names=[f"Person {i}"])
            persons.append(p)
            for type_, offset, precision, sequence in history:
                s.do_create_event(None, type=type_, date=partial(offset, precision), sequence=sequence, victims=[p])
        day = START + timedelta(days=probe)
        listed = set(held_on(day, levels=EVERYTHING))
        expected = {p for p in persons if status_on(p, day, levels=EVERYTHING).status == "held"}
        assert listed == expected
        for p in persons:  # the precomputed spans agree with the derivation, status and event
            truth = status_on(p, day, levels=EVERYTHING)
            span = StatusSpan.objects.filter(person=p, level="confidential", since__lte=day, until__gt=day).first()
            got = None if span is None else (span.status, span.event_id)
            assert got == (None if truth.event is None else (truth.status, truth.event.pk))
        transaction.set_rollback(True)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    history=st.lists(event_strategy, min_size=1, max_size=6),
    edits=st.lists(
        st.tuples(st.integers(0, 5), st.sampled_from(["move", "retype", "drop"]), st.integers(0, 1500)), max_size=4
    ),
    probe=st.integers(min_value=-30, max_value=1600),
)
def test_spans_follow_edits_of_events_and_involvements(
    history: list[tuple[str, int, str, int]], edits: list[tuple[int, str, int]], probe: int
) -> None:
    """Events edited or removed outside the create services (the admin saves models) keep the
    spans equal to the derivation."""
    with transaction.atomic():
        p = s.do_create_person(None, names=["Edited Person"])
        events = [
            s.do_create_event(None, type=t, date=partial(o, prec), sequence=seq, victims=[p])
            for t, o, prec, seq in history
        ]
        for index, action, offset in edits:
            event = events[index % len(events)]
            if action == "move":
                event.date_latest = START + timedelta(days=offset)
                event.save()
            elif action == "retype":
                event.type = TYPES[offset % len(TYPES)]
                event.save()
            else:
                Involvement.objects.filter(event=event, person=p).delete()
        day = START + timedelta(days=probe)
        truth = status_on(p, day, levels=EVERYTHING)
        span = StatusSpan.objects.filter(person=p, level="confidential", since__lte=day, until__gt=day).first()
        got = None if span is None else (span.status, span.event_id)
        assert got == (None if truth.event is None else (truth.status, truth.event.pk))
        assert (p in set(held_on(day, levels=EVERYTHING))) == (truth.status == "held")
        transaction.set_rollback(True)


def test_rebuilding_spans_gives_the_same_spans() -> None:
    p = s.do_create_person(None, names=["Rebuilt Person"])
    for type_, when in [
        ("detention", "2020-05"),
        ("sentence", "2020-09-01"),
        ("release", "2022"),
        ("detention", "2023-01-02"),
    ]:
        s.do_create_event(None, type=type_, date=when, victims=[p])
    confidential = StatusSpan.objects.filter(level="confidential").order_by("since")
    before = list(confidential.values_list("status", "since", "until", "event_id"))
    assert [row[0] for row in before] == ["held", "held", "released", "held"]
    assert before[-1][2] == OPEN_END
    assert rebuild_all_spans() == 12  # public events: the same spans in each of the three tiers
    assert list(confidential.values_list("status", "since", "until", "event_id")) == before


def test_held_on_runs_in_one_query(django_assert_num_queries: object) -> None:
    for i in range(30):
        p = s.do_create_person(None, names=[f"Prisoner {i}"], occupations=["writer"])
        s.do_create_event(None, type="detention", date="2021-01-01", victims=[p])
        s.do_create_event(None, type="sentence", date="2021-06-01", victims=[p])
    with django_assert_num_queries(1):  # type: ignore[operator]
        assert len(list(held_on(date(2022, 1, 1), occupation="writer", levels=EVERYTHING))) == 30
