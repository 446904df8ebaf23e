"""pymorphy3 behind the typed wrapper: Russian readings, never Belarusian words."""

from __future__ import annotations

from letapis.extract.morph import (
    agrees_with_a_woman,
    cases_of_given,
    is_russian_word,
    nominative_in_agreement,
    readings,
)


def test_only_russian_spelling_goes_to_the_dictionary() -> None:
    assert is_russian_word("Кригером") and is_russian_word("Колесниковой")
    assert not is_russian_word("Ігара") and not is_russian_word("Мар'яна") and not is_russian_word("Kriger")
    assert readings("Ціханоўскага") == ()


def test_a_foreign_surname_is_read_in_the_case_of_its_given_name() -> None:
    cases = cases_of_given("Эвана", "m") | cases_of_given("Рико", "m")
    assert "ablt" in cases
    assert nominative_in_agreement("Кригером", frozenset({"ablt"}), "m") == "Кригер"
    assert nominative_in_agreement("Колесниковой", frozenset({"gent"}), "f") == "Колесникова"
    assert nominative_in_agreement("Навального", frozenset({"gent"}), "m") == "Навальный"


def test_no_reading_agrees_with_another_sex() -> None:
    assert nominative_in_agreement("Колесниковой", frozenset({"gent"}), "m") is None


def test_places_are_tagged() -> None:
    assert any(r.kind == "place" for r in readings("Минска"))
    assert all(r.kind != "surname" for r in readings("Минска"))


def test_words_that_agree_with_a_woman() -> None:
    assert agrees_with_a_woman("журналистка") and agrees_with_a_woman("сказала")
    assert not agrees_with_a_woman("пресс-служба") and not agrees_with_a_woman("службы")
    assert not agrees_with_a_woman("помиловал") and not agrees_with_a_woman("журналістка")
