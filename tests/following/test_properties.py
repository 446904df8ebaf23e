"""Property tests over random histories: the expected end is never before the verdict, and the
follow-ups kept in step by the signals equal a rebuild from scratch."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letapis.following import services as fs
from letapis.following.models import FollowUp
from letapis.following.refresh import rebuild_all_follow_ups
from letapis.following.terms import CaseInput, ChangeInput, HeldPeriod, parse_date, term_of
from letapis.registry import services as s
from tests.helpers import partial_date

START = date(2019, 1, 1)
REGIMES = ["", "general_regime_colony", "restricted_freedom_open_institution", "fine", "life_imprisonment"]
LEVELS = ["public", "public", "internal", "confidential"]


def partial(offset: int, precision: str) -> str:
    return partial_date(START + timedelta(days=offset), precision)


precisions = st.sampled_from(["day", "day", "day", "month", "year"])
changes = st.lists(
    st.tuples(st.sampled_from(["added", "reduced", "amnesty"]), st.integers(0, 60), st.integers(0, 400)), max_size=3
)
cases = st.lists(
    st.tuples(st.sampled_from(REGIMES), st.integers(1, 180), st.integers(0, 2500), precisions, changes),
    min_size=1,
    max_size=3,
)
periods = st.lists(st.tuples(st.integers(0, 2500), st.integers(1, 1500)), max_size=3)


@given(cases=cases, periods=periods, still_held=st.booleans())
def test_the_end_is_never_before_the_verdict(
    cases: list[tuple[str, int, int, str, list[tuple[str, int, int]]]],
    periods: list[tuple[int, int]],
    still_held: bool,
) -> None:
    inputs = [
        CaseInput(
            i,
            kind,
            None if kind == "life_imprisonment" else months,
            partial(offset, precision),
            tuple(ChangeInput(k, m, d, "", j) for j, (k, m, d) in enumerate(found)),
        )
        for i, (kind, months, offset, precision, found) in enumerate(cases)
    ]
    held: list[HeldPeriod] = []
    at = START
    for gap, length in periods:
        begin = at + timedelta(days=gap)
        held.append(HeldPeriod(begin, begin + timedelta(days=length), begin - timedelta(days=gap // 2)))
        at = begin + timedelta(days=length)
    if held and still_held:
        held[-1] = HeldPeriod(held[-1].start, None, held[-1].start_earliest)
    term = term_of(inputs, held)
    if term is None or term.end_latest is None:
        return
    assert term.end_earliest is not None and term.end_earliest <= term.end_latest
    verdict = parse_date(next(c.date for c in inputs if c.case_id == term.case_id))
    assert verdict is not None and verdict.earliest is not None and verdict.latest is not None
    assert term.end_earliest >= verdict.earliest and term.end_latest >= verdict.latest
    if term.custody_start is not None:
        assert term.end_latest >= term.custody_start


EVENT_TYPES = ["detention", "sentence", "release", "transfer", "death_in_custody", "letter", "lawyer_visit"]
history = st.lists(
    st.tuples(
        st.sampled_from(EVENT_TYPES + ["case", "change"]),
        st.integers(0, 2500),
        precisions,
        st.sampled_from(LEVELS),
        st.integers(1, 120),
        st.sampled_from(REGIMES),
    ),
    min_size=1,
    max_size=9,
)


@pytest.mark.django_db
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(histories=st.lists(history, min_size=1, max_size=3), place_level=st.sampled_from(LEVELS))
def test_follow_ups_kept_in_step_equal_a_rebuild(
    histories: list[list[tuple[str, int, str, str, int, str]]], place_level: str
) -> None:
    fields = [f.attname for f in FollowUp._meta.concrete_fields if f.name != "id"]
    with transaction.atomic():
        colony = s.do_create_place(
            None, "Penal colony No. 2, Babrujsk", kind="penal_colony", confidentiality=place_level
        )
        for i, events in enumerate(histories):
            p = s.do_create_person(None, names=[f"Person {i}"], confidentiality="public")
            last_case = None
            for kind, offset, precision, level, months, regime in events:
                when = partial(offset, precision)
                if kind == "case":
                    last_case = s.do_create_criminal_case(
                        None,
                        p,
                        sentence_kind=regime,
                        sentence_months=None if regime == "life_imprisonment" else months,
                        sentence_date=when,
                        confidentiality=level,
                    )
                elif kind == "change":
                    if last_case is not None:
                        fs.do_add_term_change(
                            None, last_case, kind="added", months=months % 24 + 1, date=when, confidentiality=level
                        )
                elif kind in ("letter", "lawyer_visit"):
                    fs.do_record_contact(None, p, type=kind, date=when, confidentiality=level)
                else:
                    place = colony if kind in ("transfer", "sentence") else None
                    event = s.do_create_event(None, type=kind, date=when, place=place, confidentiality=level)
                    s.do_add_involvement(None, event, person=p, confidentiality=LEVELS[offset % 4])
        kept = sorted(FollowUp.objects.values_list(*fields))
        rebuild_all_follow_ups()
        assert sorted(FollowUp.objects.values_list(*fields)) == kept
        for row in FollowUp.objects.exclude(end_latest=None).select_related("case"):
            verdict = parse_date(row.case.sentence_date)
            assert verdict is not None and row.end_earliest >= verdict.earliest and row.end_latest >= verdict.latest
            assert row.end_earliest <= row.end_latest
        transaction.set_rollback(True)


hidden = st.lists(
    st.tuples(st.sampled_from(["transfer", "letter", "case", "change", "detention", "release"]), st.integers(0, 2500)),
    min_size=1,
    max_size=4,
)


@pytest.mark.django_db
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=history, secrets=hidden)
def test_confidential_records_change_nothing_outside(
    events: list[tuple[str, int, str, str, int, str]], secrets: list[tuple[str, int]]
) -> None:
    """The public and internal follow-ups are those of the registry without the confidential
    records: adding any change nothing there."""
    fields = [f.attname for f in FollowUp._meta.concrete_fields if f.name != "id"]
    with transaction.atomic():
        colony = s.do_create_place(None, "Penal colony No. 2, Babrujsk", kind="penal_colony", confidentiality="public")
        p = s.do_create_person(None, names=["Person"], confidentiality="public")
        case = None
        for kind, offset, precision, level, months, regime in events:
            when = partial(offset, precision)
            level = "public" if level == "confidential" else level
            if kind == "case":
                case = s.do_create_criminal_case(
                    None, p, sentence_kind=regime, sentence_months=months, sentence_date=when, confidentiality=level
                )
            elif kind == "change":
                if case is not None:
                    fs.do_add_term_change(None, case, kind="reduced", months=months % 12 + 1, date=when)
            elif kind in ("letter", "lawyer_visit"):
                fs.do_record_contact(None, p, type=kind, date=when, confidentiality=level)
            else:
                place = colony if kind in ("transfer", "sentence") else None
                s.do_create_event(None, type=kind, date=when, place=place, confidentiality=level, victims=[p])
        outside = sorted(FollowUp.objects.exclude(level="confidential").values_list(*fields))
        for kind, offset in secrets:
            when = partial(offset, "day")
            if kind == "case":
                case = s.do_create_criminal_case(
                    None, p, sentence_months=30, sentence_date=when, confidentiality="confidential"
                )
            elif kind == "change":
                if case is not None:
                    fs.do_add_term_change(None, case, kind="added", months=9, date=when, confidentiality="confidential")
            elif kind == "letter":
                fs.do_record_contact(None, p, type="letter", date=when, confidentiality="confidential")
            else:
                event = s.do_create_event(None, type=kind, date=when, place=colony, confidentiality="confidential")
                s.do_add_involvement(None, event, person=p)
        assert sorted(FollowUp.objects.exclude(level="confidential").values_list(*fields)) == outside
        transaction.set_rollback(True)
