"""Names from any case back to the nominative (Belarusian and Russian), Latin names untouched."""

from __future__ import annotations

import pytest

from letapis.extract.inflection import given_name, is_given_name, nominative, nominative_surname


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Артёма Гурского", "Артём Гурский"),
        ("Марыі Калеснікавай", "Марыя Калеснікава"),
        ("Ігарам Лосікам", "Ігар Лосік"),
        ("Ігара Лосіка", "Ігар Лосік"),
        ("Алеся Бяляцкага", "Алесь Бяляцкі"),
        ("Андрэя Пачобута", "Андрэй Пачобут"),
        ("Кацярыны Андрэевай", "Кацярына Андрэева"),
        ("Паўла Севярынца", "Павел Севярынец"),
        ("Марии Колесниковой", "Мария Колесникова"),
        ("Максима Знака", "Максим Знак"),
        ("Ирины Счастной", "Ирина Счастная"),
        ("Виктору Бабарико", "Виктор Бабарико"),  # an indeclinable surname stays
        ("Таццяну Кузіну", "Таццяна Кузіна"),
        ("Сергея Тихановского", "Сергей Тихановский"),
        ("Марыя Калеснікава", "Марыя Калеснікава"),
    ],
)
def test_it_puts_names_in_the_nominative(written: str, expected: str) -> None:
    assert nominative(written) == expected


def test_it_reads_surname_first_order() -> None:
    assert nominative("Лосіка Ігара") == "Лосік Ігар"


def test_it_leaves_latin_script_names_alone() -> None:
    assert nominative("Aleś Bialacki") == "Aleś Bialacki"
    assert nominative("Andrzej Poczobut") == "Andrzej Poczobut"


def test_a_surname_alone_changes_only_by_adjectival_rules() -> None:
    assert nominative_surname("Бяляцкага", None, oblique=False) == "Бяляцкі"
    assert nominative_surname("Калеснікавай", "f", oblique=False) == "Калеснікавай"
    assert nominative_surname("Калеснікавай", "f", oblique=True) == "Калеснікава"
    assert nominative_surname("Лосіка", "m", oblique=True) == "Лосік"
    assert nominative_surname("Лосіка", "m", oblique=True, strict=True) == "Лосіка"


def test_a_double_surname_inflects_part_by_part() -> None:
    assert nominative_surname("Сідарэвіча-Бяляцкага", "m", oblique=True) == "Сідарэвіч-Бяляцкі"


def test_it_knows_given_names_in_any_spelling_and_case() -> None:
    assert is_given_name("Kaciaryna") and is_given_name("Кацярына") and is_given_name("Алесь")
    assert not is_given_name("Кацярыны")
    found = given_name("Артёма")
    assert found is not None and found.nominative == "Артём" and found.sex == "m" and found.oblique
    found = given_name("Марыі")
    assert found is not None and found.nominative == "Марыя" and found.sex == "f"
    assert given_name("Паўла") is not None and given_name("Паўла").nominative == "Павел"  # type: ignore[union-attr]
    assert given_name("Стол") is None
    assert given_name("Minsk") is None


def test_an_oblique_given_name_of_two_readings_takes_the_one_its_surname_fits() -> None:
    assert nominative("Алесем Бяляцкім") == "Алесь Бяляцкі"  # not Алеся
    assert nominative("Алесяй Бяляцкай") == "Алеся Бяляцкая"
