"""The watch lists on a small registry whose answers were worked out by hand (watch_world.py)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from letapis.following import watch
from tests.following.watch_world import D, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> Any:
    return build()


def names(rows: watch.WatchRows) -> list[str]:
    return [e["name"] for e in rows]


def test_due_within_30_and_90_days(world: Any, viewer: Any) -> None:
    assert names(watch.due(D, None, 30)) == ["Ann Due"]
    assert names(watch.due(D, None, 90)) == ["Ann Due"]  # Dee is internal
    assert names(watch.due(D, viewer, 90)) == ["Ann Due", "Dee Internal"]
    ann = watch.due(D, None, 30)[0]
    assert ann["days"] == 19
    assert (ann["end_earliest"], ann["end_latest"]) == ("2026-06-20", "2026-06-20")
    assert ann["place"] == {"id": world.colony.pk, "name": "Penal colony No. 2"}
    assert ann["place_since"] == "2025-01-10"
    assert ann["held_since"] == "2024-06-20"  # the spell began with the detention, not the sentence
    assert ann["url"] == f"/persons/{world.persons['ann'].pk}/"
    # the term's sentence decides the row, and its source sentence comes with it
    assert ann["event"] == {"id": world.events["ann_sentence"].pk, "type": "sentence", "date": "2025-01-10"}
    assert [ref["quote"] for ref in ann["sources"]] == ["Ann Due was sentenced to two years."]
    assert set(ann["evidence"]) == {"held", "term", "place", "contact"}
    assert ann["evidence"]["contact"]["sources"][0]["quote"] == "Ann Due wrote a letter in May."


def test_due_counts_a_term_that_may_end_in_the_window(world: Any, viewer: Any) -> None:
    # Dee was detained in August 2024 (no day known), two years: her term ends 1 … 31 August 2026
    dee = watch.due(D, viewer, 90)[1]
    assert (dee["end_earliest"], dee["end_latest"], dee["days"]) == ("2026-08-01", "2026-08-31", 61)
    assert "Dee Internal" in names(watch.due(D, viewer, 61))
    assert "Dee Internal" not in names(watch.due(D, viewer, 60))
    # on 15 August her term may already have ended (its earliest day is past): still due, 0 days left
    dee = [e for e in watch.due(date(2026, 8, 15), viewer, 30) if e["name"] == "Dee Internal"][0]
    assert dee["days"] == 0
    assert "Dee Internal" not in names(watch.overdue(date(2026, 8, 31), viewer))
    # on 1 September it has ended by every reckoning: overdue (and Ann's, of 20 June, too)
    assert names(watch.overdue(date(2026, 9, 1), viewer)) == ["Bob Overdue", "Ann Due", "Dee Internal"]


def test_overdue(world: Any, viewer: Any) -> None:
    rows = watch.overdue(D, None)
    assert names(rows) == ["Bob Overdue"]  # Cid was released: not overdue
    assert rows[0]["days"] == 92
    assert rows[0]["end_latest"] == "2026-03-01"
    assert names(watch.overdue(D, None, 91)) == ["Bob Overdue"]
    assert names(watch.overdue(D, None, 92)) == []
    # the day before the term's latest end it was not overdue yet
    assert names(watch.overdue(date(2026, 3, 1), None)) == []
    assert names(watch.overdue(date(2026, 3, 2), None)) == ["Bob Overdue"]


def test_silent(world: Any, viewer: Any) -> None:
    assert names(watch.silent(D, None, 60)) == ["Bob Overdue", "Hal Quiet", "Fay Month"]
    assert names(watch.silent(D, viewer, 60)) == [
        "Bob Overdue",
        "Dee Internal",
        "Hal Quiet",
        "Eve Unpublished",
        "Fay Month",
    ]
    rows = {e["name"]: e for e in watch.silent(D, None, 60)}
    assert rows["Hal Quiet"]["days"] == 72 and rows["Hal Quiet"]["last_contact"] == "2026-03-21"
    assert rows["Fay Month"]["days"] == 61 and rows["Fay Month"]["last_contact"] is None
    assert rows["Bob Overdue"]["days"] == (D - date(2020, 6, 1)).days  # held since the verdict
    # without a contact the event the person is held by decides the row
    assert rows["Bob Overdue"]["event"]["type"] == "sentence"
    assert rows["Hal Quiet"]["event"]["type"] == "letter"
    assert names(watch.silent(D, None, 90)) == ["Bob Overdue"]


def test_silent_days_default_is_the_setting(world: Any, settings: Any) -> None:
    settings.SILENT_DAYS = 90
    assert names(watch.watch_list("silent", D, None)) == ["Bob Overdue"]
    settings.SILENT_DAYS = 60
    assert len(watch.watch_list("silent", D, None)) == 3


def test_birthdays_public_persons_with_a_full_birth_date(world: Any, viewer: Any, confidant: Any) -> None:
    for user in (None, viewer, confidant):  # the same rule for every audience
        assert names(watch.birthdays(D, user, 30)) == ["Gus Birthday"]
        assert names(watch.birthdays(D, user, 45)) == ["Gus Birthday", "Ann Due"]
    gus, ann = watch.birthdays(D, None, 45)
    assert (gus["birthday"], gus["age"], gus["days"]) == ("2026-06-01", 51, 0)
    assert (ann["birthday"], ann["age"], ann["days"]) == ("2026-07-10", 46, 39)


def test_birthdays_across_the_new_year(world: Any) -> None:
    from letapis.registry import services as s
    from letapis.registry.models import Person

    def born(name: str, birth: str) -> Person:
        who = s.do_create_person(None, names=[name], confidentiality="public", publishable=True, birth_date=birth)
        s.do_create_event(None, type="detention", date="2026-01-01", victims=[who], confidentiality="public")
        return who

    born("Ivy January", "1960-01-03")
    born("Jon December", "1961-12-30")
    rows = watch.birthdays(date(2026, 12, 20), None, 20)
    assert names(rows) == ["Jon December", "Ivy January"]
    assert [e["birthday"] for e in rows] == ["2026-12-30", "2027-01-03"]


def test_29_february_in_a_common_year() -> None:
    assert "02-29" in watch.birthday_keys(date(2027, 2, 27), 2)
    assert "02-29" not in watch.birthday_keys(date(2027, 3, 1), 30)
    assert "02-29" in watch.birthday_keys(date(2028, 2, 29), 0)
    assert watch.next_birthday("2000-02-29", date(2027, 2, 1)) == (date(2027, 2, 28), 27)
    assert watch.next_birthday("2000-02-29", date(2028, 2, 1)) == (date(2028, 2, 29), 28)
    assert watch.next_birthday("2000-02", date(2028, 2, 1)) == (None, None)
    assert watch.next_birthday("", date(2028, 2, 1)) == (None, None)
    assert watch.full_birth_day("1980-13-01") is None


def test_a_leap_day_birthday_on_28_february(world: Any) -> None:
    rows = watch.birthdays(date(2027, 2, 25), None, 5)
    assert [(e["name"], e["birthday"], e["age"]) for e in rows] == [("Hal Quiet", "2027-02-28", 27)]


def test_rows_are_lazy_counted_and_paged(world: Any, viewer: Any, django_assert_max_num_queries: Any) -> None:
    rows = watch.silent(D, viewer, 60)
    with django_assert_max_num_queries(3):  # SQLite counts apart: the held, less the heard from, less the hidden
        assert len(rows) == 5
    assert [e["name"] for e in rows[1:3]] == ["Dee Internal", "Hal Quiet"]
    assert rows[-1]["name"] == "Fay Month"
    count, page = rows.counted_page(2, 2)
    assert count == 5 and [e["name"] for e in page] == ["Hal Quiet", "Eve Unpublished"]
    count, page = rows.counted_page(10, 2)
    assert count == 5 and page == []
    with pytest.raises(IndexError):
        rows[10]


def test_a_page_costs_a_few_queries_whatever_its_size(
    world: Any, viewer: Any, django_assert_max_num_queries: Any
) -> None:
    # the count (3 on SQLite), the page's rows, follow-ups, events, sources, the spells' starts
    with django_assert_max_num_queries(8):
        watch.silent(D, viewer, 60).counted_page(0, 50)
    # the count, the page's persons, their held spans, follow-ups, events, sources, the spells' starts
    with django_assert_max_num_queries(7):
        watch.due(D, viewer, 90).counted_page(0, 50)


def test_panel_counts(world: Any, viewer: Any) -> None:
    counts = {(i.name, i.days): i.count for i in watch.panel(D, None)}
    assert counts == {("due", 30): 1, ("due", 90): 1, ("overdue", 0): 1, ("silent", 60): 3, ("birthdays", 30): 1}
    counts = {(i.name, i.days): i.count for i in watch.panel(D, viewer)}
    assert counts == {("due", 30): 1, ("due", 90): 2, ("overdue", 0): 1, ("silent", 60): 5, ("birthdays", 30): 1}


def test_unknown_list_and_bad_days() -> None:
    with pytest.raises(ValueError):
        watch.watch_list("nobody", D, None)
    with pytest.raises(ValueError):
        watch.due(D, None, -1)
    with pytest.raises(ValueError):
        watch.due(D, None, watch.MAX_DAYS + 1)


def test_the_day_defaults_to_today(world: Any) -> None:
    rows = watch.watch_list("due", None, None)
    assert rows.day == watch.today() and rows.days == 30
    assert watch.today() - date.today() <= timedelta(days=1)


def test_csv_neutralises_formulas(world: Any) -> None:
    from letapis.registry import services as s

    who = s.do_create_person(None, names=["=HYPERLINK(1)"], confidentiality="public", publishable=True)
    s.do_create_event(None, type="detention", date="2020-01-01", victims=[who], confidentiality="public")
    text = watch.to_csv(list(watch.silent(D, None, 60)))
    header, *lines = text.splitlines()
    assert header.split(",")[:6] == ["id", "name", "url", "list", "on", "days"]
    assert any("'=HYPERLINK(1)" in line for line in lines)
    assert len(lines) == 4


@pytest.mark.parametrize("batch", [1, 2, 3, 250])
def test_silent_pages_and_count_agree_with_the_plain_query(
    world: Any, viewer: Any, confidant: Any, batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The silent list is counted and paged apart (subtraction, a walk of the spans by their
    start): the same persons in the same order as the one query that states the definition."""
    monkeypatch.setattr(watch, "SILENT_BATCH", batch)
    for user in (None, viewer, confidant):
        for day, days in ((D, 60), (D, 30), (D, 0), (date(2026, 4, 15), 10), (date(2021, 1, 1), 60)):
            rows = watch.silent(day, user, days)
            plain = list(rows.persons.values_list("id", flat=True))
            assert len(rows) == len(plain)
            assert [e["id"] for e in rows] == plain
            for offset in range(len(plain) + 1):
                assert [e["id"] for e in rows[offset : offset + 2]] == plain[offset : offset + 2]


def test_the_synthetic_registry_fills_every_list(db: Any) -> None:
    """letapis dev synth writes what the lists need at scale: contacts, extended terms, terms
    with no release, full birth dates."""
    from letapis.following.models import FollowUp
    from letapis.following.refresh import rebuild_all_follow_ups
    from letapis.registry.models import Event, TermChange
    from letapis.registry.synth import generate

    generate(400, 5000, seed=3)
    if not FollowUp.objects.exists():
        rebuild_all_follow_ups()
    assert Event.objects.filter(type__in=["letter", "lawyer_visit", "family_visit"]).count() > 200
    assert TermChange.objects.filter(kind="added", event__type="new_charge_in_custody").exists()
    day = date(2026, 11, 20)
    counts = {item.name: item.count for item in watch.panel(day, None)}
    assert all(counts[name] > 0 for name in watch.LISTS), counts
    rows = watch.silent(day, None, 60)
    assert len(rows) == len(list(rows.persons.values_list("id", flat=True)))
