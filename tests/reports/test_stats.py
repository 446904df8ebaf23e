"""Statistics: numbers with the persons behind them, on the registry's own queries."""

from __future__ import annotations

from datetime import date
from typing import Any

from letapis.access import PUBLIC_ONLY
from letapis.registry import services as s
from letapis.registry.models import Person
from letapis.registry.status import held_on
from letapis.reports import stats


def _ids(*names: str) -> set[int]:
    return set(Person.objects.filter(display_name__in=names).values_list("id", flat=True))


def test_the_monthly_series_agrees_with_held_on_for_every_month(demo: Any, django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(3):
        series = stats.held_series(date(2020, 5, 1), date(2025, 12, 31), None)
    assert len(series) == 68
    for point in series:
        assert set(point.person_ids) == set(held_on(point.day, levels=PUBLIC_ONLY).values_list("id", flat=True)), (
            point.day
        )
        assert list(point.person_ids) == sorted(point.person_ids)  # in the order of ids, each once
    assert [p.count for p in series if p.day.year == 2020] == [0, 1, 1, 1, 2, 2, 3, 3]


def test_movements_count_a_collective_release_once_with_its_named_persons(demo: Any) -> None:
    moves = stats.movements(date(2025, 12, 1), date(2025, 12, 31), None)
    release = moves["release"]
    assert release.count == 123
    assert set(release.person_ids) == _ids(
        "Aleś Bialacki", "Maksim Znak", "Siarhiej Paŭłavicki", "Pavieł Sieviaryniec", "Alaksandr Fiaduta"
    )
    # partial dates count on their last day: the three detentions "[..2025-12-12]"
    assert moves["detention"].count == 3
    assert moves["sentence"].count == 0
    november = stats.movements(date(2020, 11, 1), date(2020, 11, 30), None)
    assert set(november["detention"].person_ids) == _ids("Kaciaryna Andrejeva")


def test_movements_show_only_the_victims_and_events_the_caller_may_see(
    demo: Any, viewer: Any, django_assert_max_num_queries: Any
) -> None:
    public = s.do_create_person(None, names=["Ihar Testavy"], confidentiality="public", publishable=True)
    unpublished = s.do_create_person(None, names=["Alena Niepublikavanaja"], confidentiality="public")
    internal = s.do_create_person(None, names=["Pavał Unutrany"], publishable=True)
    both = s.do_create_event(None, type="detention", date="2027-02-03", victims=[public, unpublished])
    s.do_add_involvement(None, both, person=internal)
    linked_internally = s.do_create_person(None, names=["Jana Schavanaja"], confidentiality="public", publishable=True)
    hidden_link = s.do_create_event(None, type="detention", date="2027-02-04")
    s.do_add_involvement(None, hidden_link, person=linked_internally, confidentiality="internal")
    s.do_create_event(None, type="sentence", date="2027-02-05", victims=[public], confidentiality="internal")
    month = (date(2027, 2, 1), date(2027, 2, 28))
    with django_assert_max_num_queries(1):  # the events with their visible victims, joined
        anonymous = stats.movements(*month, None)
    assert set(anonymous["detention"].person_ids) == {public.pk}
    # the public sees no one in hidden_link (its only person is linked internally): as everywhere
    # (visible_events), an event naming only hidden persons is not theirs to count
    assert set(anonymous["detention"].event_ids) == {both.pk}
    assert anonymous["sentence"].count == 0 and anonymous["sentence"].event_ids == ()
    team = stats.movements(*month, viewer)
    assert set(team["detention"].person_ids) == {public.pk, unpublished.pk, internal.pk, linked_internally.pk}
    assert team["detention"].count == 4  # three named in one event, one in the other
    assert set(team["sentence"].person_ids) == {public.pk}
    by_month = stats.movements_by_month(date(2027, 1, 1), month[1], None)
    assert [m.month for m in by_month] == [date(2027, 1, 1), date(2027, 2, 1)]
    assert by_month[1].by_type == anonymous


def test_breakdowns_carry_the_persons_behind_each_group(demo: Any) -> None:
    day = date(2025, 12, 14)
    occupations = {st.code: set(st.person_ids) for st in stats.breakdown(day, None, "occupation")}
    assert occupations["journalist"] == _ids("Kaciaryna Andrejeva", "Andrzej Poczobut", "Dzianis Ivašyn")
    nationality = {st.code: st.count for st in stats.breakdown(day, None, "nationality")}
    assert nationality == {"BY": 1, "PL": 1, "unknown": 4}
    articles = {st.code: st.count for st in stats.breakdown(day, None, "article")}
    assert articles == {"356": 2, "361": 1, "130": 1}
    lengths = {st.code: set(st.person_ids) for st in stats.breakdown(day, None, "sentence_length")}
    assert lengths["10y_and_more"] == _ids("Dzianis Ivašyn")
    assert lengths["unknown"] == _ids("Dzmitryj Hałavač", "Vacłaŭ Areška")
    organisations = stats.breakdown(day, None, "organisation")
    assert [(st.label, st.count) for st in organisations] == [("Catalan PEN", 1)]
    genders = {st.code: st.count for st in stats.breakdown(day, None, "gender")}
    assert genders == {"male": 4, "female": 1}


def test_time_served_counts_from_the_start_of_the_current_spell(demo: Any) -> None:
    served = stats.time_served(date(2025, 12, 14), None)
    andrejeva = Person.objects.get(display_name="Kaciaryna Andrejeva")
    assert served[andrejeva.pk] == (date(2025, 12, 14) - date(2020, 11, 15)).days
    assert set(served) == set(held_on(date(2025, 12, 14), levels=PUBLIC_ONLY).values_list("id", flat=True))
    s.do_create_event(None, type="release", date="2025-12-20", victims=[andrejeva])
    s.do_create_event(None, type="detention", date="2026-01-10", victims=[andrejeva])
    assert stats.time_served(date(2026, 1, 15), None)[andrejeva.pk] == 5


def test_numbers_for_the_public_count_only_publishable_persons(demo: Any, editor: Any) -> None:
    hidden = Person.objects.get(display_name="Vacłaŭ Areška")
    s.do_update_person(None, hidden, publishable=False)
    day = date(2025, 12, 14)
    assert hidden.pk not in stats.held_count(day, None).person_ids
    assert stats.held_count(day, None).count == 4
    assert stats.held_count(day, editor).count == 5


def test_held_counts_are_the_series_without_the_persons(demo: Any, django_assert_num_queries: Any) -> None:
    start, end = date(2019, 11, 1), date(2025, 12, 14)  # the last month unfinished
    series = stats.held_series(start, end, None)
    with django_assert_num_queries(1):
        counts = stats.held_counts(start, end, None)
    assert counts == [(p.day, p.count) for p in series]
    assert counts[-1] == (date(2025, 12, 14), held_on(date(2025, 12, 14), levels=PUBLIC_ONLY).count())
    assert stats.held_counts(end, start, None) == []


def test_the_sentence_terms_list_each_term_with_its_persons(demo: Any, client: Any) -> None:
    day = date(2025, 12, 14)
    terms = stats.breakdown(day, None, "sentence_term")
    assert [t.code for t in terms][-1] == "unknown"  # shortest first, the unknown last
    known = [int(t.code) for t in terms if t.code != "unknown"]
    assert known == sorted(known)
    by_term = {t.code: set(t.person_ids) for t in terms}
    assert by_term["unknown"] == _ids("Dzmitryj Hałavač", "Vacłaŭ Areška")
    # a term typed by hand counts at once, under its own term and no longer as unknown
    areska = Person.objects.get(display_name="Vacłaŭ Areška")
    s.do_create_criminal_case(None, areska, articles=["342 part 1"], sentence_months=42, sentence_date="2025-01")
    by_term = {t.code: set(t.person_ids) for t in stats.breakdown(day, None, "sentence_term")}
    assert by_term["42"] == {areska.pk} and areska.pk not in by_term["unknown"]
    articles = {st.code: set(st.person_ids) for st in stats.breakdown(day, None, "article")}
    assert areska.pk in articles["342"]  # an article counts by its number, whatever its part
    page = client.get("/reports/stats/", {"on": day.isoformat(), "lang": "en"}).content.decode()
    assert "Term of the sentence" in page and "3 years 6 months" in page
