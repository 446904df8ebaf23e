"""The expected end of a term, by hand-checked histories (no database)."""

from __future__ import annotations

from datetime import date

from letapis.following.terms import (
    CaseInput,
    ChangeInput,
    HeldPeriod,
    add_months,
    display_end,
    duration,
    held_periods,
    reasoning,
    term_of,
)
from letapis.registry.spans import OPEN_END

D = date.fromisoformat


def held(*periods: tuple[str, str | None]) -> list[HeldPeriod]:
    return [HeldPeriod(D(a), None if b is None else D(b)) for a, b in periods]


def test_months_are_added_on_the_same_day_or_the_last_of_a_shorter_month() -> None:
    assert add_months(D("2021-03-25"), 96) == D("2029-03-25")
    assert add_months(D("2024-01-31"), 1) == D("2024-02-29")
    assert add_months(D("2024-03-31"), -1) == D("2024-02-29")


def test_eight_years_with_pre_trial_credit_day_for_day() -> None:
    # detained 25 March 2021, sentenced 8 February 2023 to eight years: 685 days in custody
    # before the verdict count, so the term runs out eight years after the detention
    term = term_of([CaseInput(7, "", 96, "2023-02-08")], held(("2021-03-25", None)))
    assert term is not None
    assert (term.case_id, term.custody_start) == (7, D("2021-03-25"))
    assert (term.end_earliest, term.end_latest) == (D("2029-03-25"), D("2029-03-25"))
    credit = next(s for s in term.steps if s["step"] == "credit")
    assert (credit["days"], credit["credited"], credit["rate"]) == (685, 685, 1.0)
    assert reasoning(term.steps, "en") == (
        "8 years from 8 February 2023, pre-trial credit 23 months (in custody since 25 March 2021) → 25 March 2029"
    )
    assert reasoning(term.steps, "be") == (
        "8 гадоў з 8 лютага 2023, залік папярэдняга зняволення 23 месяцы (пад вартай з 25 сакавіка 2021)"
        " → 25 сакавіка 2029"
    )
    assert reasoning(term.steps, "ru") == (
        "8 лет с 8 февраля 2023, зачёт предварительного заключения 23 месяца (под стражей с 25 марта 2021)"
        " → 25 марта 2029"
    )


def test_a_verdict_known_by_its_month_gives_the_same_end_day_for_day() -> None:
    # detained 15 November 2020, sentenced "July 2022" to 8 years 3 months: whatever the day of
    # July, the custody since 15 November is credited, and the end is one day
    term = term_of([CaseInput(1, "", 99, "2022-07")], held(("2020-11-15", None)))
    assert term is not None and (term.end_earliest, term.end_latest) == (D("2029-02-15"), D("2029-02-15"))
    assert reasoning(term.steps, "en").startswith("8 years 3 months from July 2022, pre-trial credit 19–20 months")


def test_a_partial_verdict_with_a_credit_rate_gives_a_range() -> None:
    # restriction of liberty in an open-type institution: a day in custody is 1.5 days of it.
    # Detained 16 May 2023, sentenced "November 2023" to two years: 169 to 198 days in custody,
    # credited as 253 to 297 days
    term = term_of([CaseInput(2, "restricted_freedom_open_institution", 24, "2023-11")], held(("2023-05-16", None)))
    assert term is not None
    # two years from 1 November 2023 less 253 days (21 February 2023), and from 30 November 2023
    # less 297 days (6 February 2023)
    assert (term.end_earliest, term.end_latest) == (D("2025-02-06"), D("2025-02-21"))
    credit = next(s for s in term.steps if s["step"] == "credit")
    assert (credit["days"], credit["days_max"], credit["credited"], credit["credited_max"]) == (169, 198, 253, 297)
    assert display_end(term.end_earliest, term.end_latest, "en") == "6–21 February 2025"
    assert "at 1.5 per day" in reasoning(term.steps, "en")


def test_an_added_sentence_moves_the_end() -> None:
    change = ChangeInput("added", 12, 0, "2024-06-20", 1)
    term = term_of([CaseInput(3, "general_regime_colony", 36, "2022-02-15", (change,))], held(("2021-08-10", None)))
    assert term is not None
    # 15 Feb 2025 less 189 days of custody = 10 Aug 2024; a year added: 10 Aug 2025
    assert (term.end_earliest, term.end_latest) == (D("2025-08-10"), D("2025-08-10"))
    assert {"step": "added", "months": 12, "days": 0, "date": "2024-06-20"} in term.steps
    assert reasoning(term.steps, "en").endswith("+1 year (added, 20 June 2024) → 10 August 2025")


def test_reductions_and_amnesties_take_off_and_never_before_the_verdict() -> None:
    changes = (ChangeInput("reduced", 6, 0, "2022-01-10", 1), ChangeInput("amnesty", 0, 100, "2023-07", 2))
    term = term_of([CaseInput(4, "", 24, "2021-06-01", changes)], held(("2021-06-01", None)))
    assert term is not None
    # two years from 1 June 2021: 1 June 2023; six months off: 1 December 2022; 100 days off
    assert (term.end_earliest, term.end_latest) == (D("2022-08-23"), D("2022-08-23"))
    huge = (ChangeInput("amnesty", 60, 0, "2022", 1),)
    freed = term_of([CaseInput(4, "", 24, "2021-06-01", huge)], held(("2021-06-01", None)))
    assert freed is not None and freed.end_earliest == freed.end_latest == D("2021-06-01")


def test_a_re_arrest_starts_afresh() -> None:
    cases = [CaseInput(1, "", 18, "2021-03"), CaseInput(2, "", 24, "2023-11-20")]
    periods = held(("2020-09-01", "2022-03-01"), ("2023-05-16", None))
    term = term_of(cases, periods)
    assert term is not None and term.case_id == 2 and term.custody_start == D("2023-05-16")
    assert term.end_latest == D("2025-05-16")
    # re-arrested, not yet sentenced: the first term is not being served again
    assert term_of(cases[:1], periods) is None


def test_the_first_term_while_it_was_served() -> None:
    cases = [CaseInput(1, "", 18, "2021-03")]
    term = term_of(cases, held(("2020-09-01", "2022-03-01")))
    assert term is not None and term.end_earliest == term.end_latest == D("2022-03-01")


def test_a_later_sentence_while_held_is_added() -> None:
    cases = [CaseInput(1, "", 36, "2021-06-01"), CaseInput(2, "", 12, "2024-05-10")]
    term = term_of(cases, held(("2021-01-10", None)))
    assert term is not None and term.case_id == 2
    assert term.end_latest == D("2025-01-10")
    assert reasoning(term.steps, "en").endswith("+1 year (new sentence, 10 May 2024) → 10 January 2025")


def test_a_verdict_before_a_detention_known_only_as_on_or_before() -> None:
    # detention "[..2025-12-12]": held from 12 December 2025; the verdict of 2022 is in no
    # earlier period: it is the term being served, without credit
    term = term_of([CaseInput(1, "", 60, "2022-09-01")], held(("2025-12-12", None)))
    assert term is not None and term.end_latest == D("2027-09-01") and term.custody_start is None


def test_non_custodial_and_endless_sentences() -> None:
    periods = held(("2021-01-10", None))
    assert term_of([CaseInput(1, "fine", None, "2021-06-01")], periods) is None
    assert term_of([CaseInput(1, "suspended_sentence", 36, "2021-06-01")], periods) is None
    life = term_of([CaseInput(1, "life_imprisonment", None, "2021-06-01")], periods)
    assert life is not None and life.end_earliest is None and life.end_latest is None
    assert reasoning(life.steps, "en") == "a term without an end"
    assert term_of([CaseInput(1, "", 12, "2021-06-01")], []) is None  # never held: nothing to follow


def test_held_periods_join_consecutive_held_spans() -> None:
    spans = [
        ("held", D("2020-09-01"), D("2021-03-31"), D("2020-09-01")),
        ("held", D("2021-03-31"), D("2022-03-01"), D("2021-03-01")),
        ("released", D("2022-03-01"), D("2023-05-16"), D("2022-03-01")),
        ("held", D("2023-05-16"), OPEN_END, D("2023-05-01")),
    ]
    assert held_periods(spans, OPEN_END) == [
        HeldPeriod(D("2020-09-01"), D("2022-03-01"), D("2020-09-01")),
        HeldPeriod(D("2023-05-16"), None, D("2023-05-01")),
    ]


def test_durations_and_ends_in_three_languages() -> None:
    assert [duration(157, 0, lang) for lang in ("en", "be", "ru")] == [
        "13 years 1 month",
        "13 гадоў 1 месяц",
        "13 лет 1 месяц",
    ]
    assert duration(24, 0, "ru") == "2 года" and duration(0, 21, "be") == "21 дзень"
    assert display_end(D("2029-03-01"), D("2029-03-31"), "en") == "March 2029"
    assert display_end(D("2029-03-01"), D("2029-03-31"), "be") == "сакавік 2029"
    assert display_end(D("2029-03-25"), D("2029-03-25"), "ru") == "25 марта 2029"
    assert display_end(D("2029-01-01"), D("2029-12-31"), "en") == "2029"
    assert display_end(None, None, "en") == ""
