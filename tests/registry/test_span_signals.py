"""Status spans follow every change that matters to a status, and only those."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import pytest

from letapis.access import EVERYTHING
from letapis.registry import services as s
from letapis.registry import spans
from letapis.registry.models import Event, Involvement, InvolvementRole, Person, StatusSpan
from letapis.registry.status import status_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def refreshes(monkeypatch: pytest.MonkeyPatch) -> list[set[int]]:
    calls: list[set[int]] = []
    real = spans.refresh_spans

    def counting(ids: Iterable[int]) -> None:
        ids = list(ids)
        calls.append(set(ids))
        real(ids)

    monkeypatch.setattr(spans, "refresh_spans", counting)
    return calls


def spans_of(person: Person) -> list[tuple[str, date, date]]:
    """The person's spans as the confidential tier sees them (every record)."""
    spans = StatusSpan.objects.filter(person=person, level="confidential").order_by("since")
    return list(spans.values_list("status", "since", "until"))


def agrees(person: Person, *days: str) -> None:
    """The spans say what status_on derives, on each day."""
    for text in days:
        day = date.fromisoformat(text)
        span = StatusSpan.objects.filter(person=person, level="confidential", since__lte=day, until__gt=day).first()
        assert (span.status if span else "not_prisoner") == status_on(person, day, levels=EVERYTHING).status, text


def test_a_detention_refreshes_its_victim(refreshes: list[set[int]]) -> None:
    p = s.do_create_person(None, names=["Ганна Кавалевіч"])
    s.do_create_event(None, type="detention", date="2021-03-04", victims=[p])
    assert refreshes == [{p.pk}]
    assert spans_of(p) == [("held", date(2021, 3, 4), spans.OPEN_END)]


def test_changes_that_cannot_change_a_status_refresh_nothing(refreshes: list[set[int]]) -> None:
    p = s.do_create_person(None, names=["Ганна Кавалевіч"])
    judge = s.do_create_person(None, names=["Пётр Суддзя"])
    sentence = s.do_create_event(None, type="sentence", date="2021-09-01", victims=[p])
    refreshes.clear()
    s.do_add_involvement(None, sentence, person=judge, role=InvolvementRole.JUDGE)
    s.do_create_event(None, type="health_alert", date="2022-01-10", victims=[p])
    s.do_create_event(None, type="detention", date="", victims=[p])  # no date: decides nothing
    s.do_update_event(None, sentence, description="Three years in a general-regime colony.")
    assert refreshes == []
    assert spans_of(judge) == []
    agrees(p, "2021-08-31", "2021-09-01", "2023-01-01")


def test_an_event_edit_that_moves_a_day_refreshes_and_the_spans_follow(refreshes: list[set[int]]) -> None:
    p = s.do_create_person(None, names=["Ганна Кавалевіч"])
    s.do_create_event(None, type="detention", date="2021-03-04", victims=[p])
    release = s.do_create_event(None, type="release", date="2022-03-04", victims=[p])
    refreshes.clear()
    s.do_update_event(None, release, date="2023-05")
    assert refreshes == [{p.pk}]
    assert spans_of(p) == [
        ("held", date(2021, 3, 4), date(2023, 5, 31)),
        ("released", date(2023, 5, 31), spans.OPEN_END),
    ]
    agrees(p, "2022-06-01", "2023-05-30", "2023-05-31")


def test_an_event_that_becomes_status_changing_refreshes(refreshes: list[set[int]]) -> None:
    p = s.do_create_person(None, names=["Ганна Кавалевіч"])
    alert = s.do_create_event(None, type="health_alert", date="2021-03-04", victims=[p])
    assert refreshes == [] and spans_of(p) == []
    s.do_update_event(None, alert, type="detention")
    assert spans_of(p) == [("held", date(2021, 3, 4), spans.OPEN_END)]
    undated = s.do_create_event(None, type="release", date="", victims=[p])
    s.do_update_event(None, undated, date="2022-01-02")
    agrees(p, "2021-03-04", "2022-01-01", "2022-01-02")


def test_involvement_role_person_and_deletes_are_followed() -> None:
    p = s.do_create_person(None, names=["Ганна Кавалевіч"])
    q = s.do_create_person(None, names=["Мікола Кавалевіч"])
    detention = s.do_create_event(None, type="detention", date="2021-03-04", victims=[p])
    involvement = Involvement.objects.get(event=detention, person=p)
    involvement.role = InvolvementRole.WITNESS
    involvement.save()
    assert spans_of(p) == []
    involvement.role = InvolvementRole.VICTIM
    involvement.save()
    assert spans_of(p) == [("held", date(2021, 3, 4), spans.OPEN_END)]
    involvement.person = q  # the wrong person was named: both are refreshed
    involvement.save()
    assert spans_of(p) == [] and spans_of(q) == [("held", date(2021, 3, 4), spans.OPEN_END)]
    involvement.delete()
    assert spans_of(q) == []
    release = s.do_create_event(None, type="release", date="2022-01-01", victims=[q])
    s.do_create_event(None, type="detention", date="2021-01-01", victims=[q])
    Event.objects.filter(pk=release.pk).get().delete()
    assert spans_of(q) == [("held", date(2021, 1, 1), spans.OPEN_END)]


def test_saving_an_unchanged_involvement_refreshes_nothing(refreshes: list[set[int]]) -> None:
    p = s.do_create_person(None, names=["Ганна Кавалевіч"])
    detention = s.do_create_event(None, type="detention", date="2021-03-04", victims=[p])
    refreshes.clear()
    involvement: Any = Involvement.objects.get(event=detention, person=p)
    involvement.save()
    assert refreshes == []
    involvement.confidentiality = "internal"  # what each tier sees changes: refreshed
    involvement.save()
    assert refreshes == [{p.pk}]


def test_deferred_refreshes_each_person_once_on_leaving(refreshes: list[set[int]]) -> None:
    p = s.do_create_person(None, names=["Ганна Кавалевіч"])
    q = s.do_create_person(None, names=["Мікола Кавалевіч"])
    with spans.deferred():
        s.do_create_event(None, type="detention", date="2021-03-04", victims=[p, q])
        with spans.deferred():  # nested: joins the outer block
            s.do_create_event(None, type="release", date="2022-03-04", victims=[p])
        assert refreshes == [] and spans_of(p) == []
    assert refreshes == [{p.pk, q.pk}]
    assert spans_of(p) == [("held", date(2021, 3, 4), date(2022, 3, 4)), ("released", date(2022, 3, 4), spans.OPEN_END)]
    agrees(q, "2021-03-04", "2025-01-01")


def test_deferred_refreshes_nothing_when_the_block_fails(refreshes: list[set[int]]) -> None:
    p = s.do_create_person(None, names=["Ганна Кавалевіч"])
    with pytest.raises(RuntimeError), spans.deferred():
        s.do_create_event(None, type="detention", date="2021-03-04", victims=[p])
        raise RuntimeError("the caller's transaction rolls back")
    assert refreshes == []


def test_the_demo_load_gets_the_same_spans_as_a_rebuild(demo: Any) -> None:
    loaded = set(StatusSpan.objects.values_list("person_id", "level", "status", "since", "until", "event_id"))
    assert loaded
    spans.rebuild_all_spans()
    assert set(StatusSpan.objects.values_list("person_id", "level", "status", "since", "until", "event_id")) == loaded
