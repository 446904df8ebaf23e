"""Numerals, dates, countries and names in en/be/ru."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from letapis import language as lang_


@pytest.mark.parametrize(
    ("n", "be", "ru"),
    [
        (1, "1 палітвязень", "1 политзаключённый"),
        (2, "2 палітвязні", "2 политзаключённых"),
        (4, "4 палітвязні", "4 политзаключённых"),
        (5, "5 палітвязняў", "5 политзаключённых"),
        (11, "11 палітвязняў", "11 политзаключённых"),
        (12, "12 палітвязняў", "12 политзаключённых"),
        (21, "21 палітвязень", "21 политзаключённый"),
        (22, "22 палітвязні", "22 политзаключённых"),
        (111, "111 палітвязняў", "111 политзаключённых"),
        (123, "123 палітвязні", "123 политзаключённых"),
    ],
)
def test_numerals_take_the_form_the_number_needs(n: int, be: str, ru: str) -> None:
    assert lang_.count_phrase(n, "political_prisoner", "be") == be
    assert lang_.count_phrase(n, "political_prisoner", "ru") == ru


def test_foreign_nationals_agree_with_their_number() -> None:
    assert lang_.count_phrase(13, "foreign_national", "be") == "13 замежных грамадзян"
    assert lang_.count_phrase(3, "foreign_national", "ru") == "3 иностранных гражданина"
    assert lang_.count_phrase(1, "foreign_national", "en") == "1 foreign national"


def test_countries_take_the_case_of_a_movement() -> None:
    assert lang_.countries_to(["UA", "LT"], "be") == "ва Украіну і Літву"
    assert lang_.countries_to(["LT", "UA"], "be") == "у Літву і Украіну"
    assert lang_.countries_to(["UA", "LT"], "ru") == "в Украину и Литву"
    assert lang_.countries_to(["UA", "LT", "PL"], "en") == "to Ukraine, Lithuania and Poland"
    assert lang_.countries_to(["XX"], "ru") == "XX"  # an unknown code stays a code, never a guess


def test_dates_are_written_out() -> None:
    day = date(2025, 12, 13)
    assert lang_.format_date(day, "en") == "13 December 2025"
    assert lang_.format_date(day, "be") == "13 снежня 2025 года"
    assert lang_.format_date(day, "ru") == "13 декабря 2025 года"


@dataclass
class Name:
    text: str
    form: str
    is_primary: bool = False
    script: str = "Latn"


def test_names_follow_the_language() -> None:
    names = [
        Name("Дзмітрый Галавач", "native", script="Cyrl"),
        Name("Dzmitryj Hałavač", "lacinka", True),
        Name("Dzmitry Halavach", "passport"),
    ]
    assert lang_.person_name(names, "be", "x") == "Дзмітрый Галавач"
    assert lang_.person_name(names, "ru", "x") == "Дмитрий Галавач"  # no Russian form: derived from the native one
    assert lang_.person_name(names, "en", "x") == "Dzmitryj Hałavač"
    polish = [Name("Andrzej Poczobut", "polish", True), Name("Andrei Pachobut", "passport")]
    assert lang_.person_name(polish, "en", "x") == "Andrzej Poczobut"
    assert lang_.person_name([Name("Ales Bialiatski", "passport")], "en", "x") == "Ales Bialiatski"
