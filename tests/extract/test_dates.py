"""Dates: absolute forms in three languages, relative days, the document's own date."""

from __future__ import annotations

from datetime import date

import pytest

from letapis.extract.dates import document_date, find_dates, resolve_year
from letapis.extract.lexicons import fold


def dates_of(text: str, lang: str, reference: date | None) -> list[tuple[str, date | None]]:
    return [(m.text, m.date) for m in find_dates(text, fold(text), lang, reference)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("On 13 December, 123 were freed.", "en", date(2025, 12, 13)),
        ("Released on December 13th, 2024.", "en", date(2024, 12, 13)),
        ("Суд адбыўся 3 ліпеня 2025 г. у Мінску.", "be", date(2025, 7, 3)),
        ("Затрыманы 14 траўня.", "be", date(2025, 5, 14)),
        ("Приговор вынесен 12 марта 2024 года.", "ru", date(2024, 3, 12)),
        ("Дата: 2025-01-31.", "ru", date(2025, 1, 31)),
        ("Дата: 31.01.2025.", "be", date(2025, 1, 31)),
    ],
)
def test_it_reads_absolute_dates(text: str, lang: str, expected: date) -> None:
    found = dates_of(text, lang, date(2025, 12, 14))
    assert [d for _, d in found] == [expected]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Учора суд вынес прысуд.", "be", date(2025, 7, 3)),
        ("Ўчора яго этапавалі.", "be", date(2025, 7, 3)),
        ("Пазаўчора прайшоў ператрус.", "be", date(2025, 7, 2)),
        ("Вчера его задержали.", "ru", date(2025, 7, 3)),
        ("Сегодня стало известно.", "ru", date(2025, 7, 4)),
        ("He was detained yesterday.", "en", date(2025, 7, 3)),
        ("On Thursday the court ruled.", "en", date(2025, 7, 3)),  # 2025-07-04 is a Friday
        ("У сераду суд вынес прысуд.", "be", date(2025, 7, 2)),
    ],
)
def test_it_resolves_relative_days_against_the_document_date(text: str, lang: str, expected: date) -> None:
    assert [d for _, d in dates_of(text, lang, date(2025, 7, 4))] == [expected]


def test_it_counts_the_following_day_from_the_date_before() -> None:
    text = "He was detained on 10 March 2024. The following day his flat was searched."
    assert dates_of(text, "en", date(2024, 4, 1)) == [
        ("10 March 2024", date(2024, 3, 10)),
        ("The following day", date(2024, 3, 11)),
    ]
    ru = "Его задержали 10 марта. На следующий день прошел обыск, а накануне вызывали на допрос."
    assert [d for _, d in dates_of(ru, "ru", date(2024, 4, 1))] == [
        date(2024, 3, 10),
        date(2024, 3, 11),
        date(2024, 3, 9),
    ]


def test_it_puts_a_month_without_year_in_the_year_before_when_it_would_be_far_ahead() -> None:
    assert resolve_year(13, 12, date(2026, 1, 10)) == date(2025, 12, 13)
    assert resolve_year(20, 1, date(2026, 1, 10)) == date(2026, 1, 20)
    assert resolve_year(31, 2, date(2026, 1, 10)) is None
    assert resolve_year(1, 1, None) is None


def test_it_leaves_a_date_unresolved_without_a_reference() -> None:
    assert dates_of("On 13 December they were freed.", "en", None) == [("13 December", None)]


def test_it_finds_the_document_date_near_the_top_only() -> None:
    text = "Statement\n14 December 2025\n\nOn 13 December 123 people were freed."
    found = document_date(find_dates(text, fold(text), "en", None), text)
    assert found is not None and found.date == date(2025, 12, 14)
    late = "x" * 400 + " 14 December 2025"
    assert document_date(find_dates(late, fold(late), "en", None), late) is None
    no_year = "On 13 December 123 people were freed."
    assert document_date(find_dates(no_year, fold(no_year), "en", None), no_year) is None


def test_it_keeps_offsets_into_the_original_text() -> None:
    text = "ВЧЕРА, 3 ИЮЛЯ 2025 ГОДА"
    found = find_dates(text, fold(text), "ru", date(2025, 7, 4))
    assert [text[m.span.start : m.span.end] for m in found] == ["ВЧЕРА", "3 ИЮЛЯ 2025 ГОДА"]


def test_overlapping_relative_days_are_one_date() -> None:
    text = "His flat was searched the day before yesterday."
    assert dates_of(text, "en", date(2025, 7, 4)) == [("the day before yesterday", date(2025, 7, 2))]
