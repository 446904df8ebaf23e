"""Property test: the monthly counts computed by the database agree with "held on D" for every
month end, for any histories (partial dates, re-arrests, several events a day) and any window."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letapis.access import levels_for, visible_persons
from letapis.registry import services as s
from letapis.registry.models import Person
from letapis.registry.status import held_on
from letapis.reports import stats
from tests.registry.test_held_property import START, history_strategy, partial

pytestmark = pytest.mark.django_db


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    histories=history_strategy,
    levels=st.lists(st.sampled_from(["public", "internal", "confidential"]), min_size=5, max_size=5),
    first=st.integers(min_value=-60, max_value=1600),
    months=st.integers(min_value=1, max_value=60),
    merged=st.booleans(),
)
def test_held_counts_agree_with_held_on_every_month_end(
    histories: list[list[tuple[str, int, str, int]]], levels: list[str], first: int, months: int, merged: bool
) -> None:
    """Anonymous callers, the team and a user granted confidential records; a person merged
    into another keeps its spans here, and no caller counts it."""
    with transaction.atomic():
        persons = []
        for i, history in enumerate(histories):
            p = s.do_create_person(None, names=[f"Person {i}"], confidentiality=levels[i], publishable=i % 2 == 0)
            persons.append(p)
            for type_, offset, precision, sequence in history:
                s.do_create_event(None, type=type_, date=partial(offset, precision), sequence=sequence, victims=[p])
        if merged and len(persons) > 1:
            Person.objects.filter(pk=persons[0].pk).update(merged_into=persons[1])
        start = START + timedelta(days=first)
        end = start + timedelta(days=31 * months)
        for caller in (None, _user("counts-viewer", False), _user("counts-confidant", True)):
            expected = [
                (day, held_on(day, persons=visible_persons(caller), levels=levels_for(caller)).count())
                for day in stats.month_ends(start, end)
            ]
            assert stats.held_counts(start, end, caller) == expected
        transaction.set_rollback(True)


def _user(username: str, sees_confidential: bool) -> object:
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(
        username=username, defaults={"role": "viewer", "sees_confidential": sees_confidential}
    )
    return user


def test_an_empty_window_has_no_points() -> None:
    assert stats.held_counts(date(2025, 2, 1), date(2025, 1, 1), None) == []
    assert stats.held_counts(date(2025, 1, 1), date(2025, 3, 31), None) == [
        (date(2025, 1, 31), 0),
        (date(2025, 2, 28), 0),
        (date(2025, 3, 31), 0),
    ]
