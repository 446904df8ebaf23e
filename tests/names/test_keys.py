from __future__ import annotations

import pytest

from letapis.names.keys import part_keys, skeleton


def _skeletons(word: str) -> set[str]:
    return {skeleton(k) for k in part_keys(word)}


@pytest.mark.parametrize(
    "forms",
    [
        ["Бяляцкі", "Bialacki", "Bialiatski", "Byalyatski", "Беляцкий", "Belyatsky", "Bialiacki"],
        ["Пачобут", "Pačobut", "Poczobut", "Pachobut", "Почобут"],
        ["Ціханоўскі", "Cichanoŭski", "Tsikhanouski", "Тихановский", "Tikhanovsky", "Cichanowski"],
        ["Андрэева", "Andrejeva", "Andreyeva", "Андреева", "Andreeva"],
        ["Лукашэнка", "Лукашенко", "Lukashenka", "Lukashenko", "Łukašenka"],  # -ка/-ко, э/е
        ["Кавалёнак", "Коваленок", "Kavalionak"],  # -ёнак/-енок, akanye
        ["Дзядок", "Дедок", "Dziadok"],  # dzekanye дз/д
        ["Калеснікава", "Колесникова", "Kalesnikava", "Kolesnikova"],
        ["Статкевіч", "Статкевич", "Statkevich", "Statkievič", "Statkiewicz"],
        ["Гарэлік", "Горелик", "Harelik", "Gorelik"],  # г/h/g
    ],
)
def test_keys_survive_the_belarusian_russian_correspondences(forms: list[str]) -> None:
    common = set.intersection(*(_skeletons(f) for f in forms))
    assert common != set(), {f: _skeletons(f) for f in forms}


def test_ascii_ch_has_both_readings() -> None:
    assert len(part_keys("Pachobut")) == 2  # English ч or Polish/Łacinka х
    assert len(part_keys("Pačobut")) == 1


@pytest.mark.parametrize(("a", "b"), [("Бабарыка", "Бабко"), ("Лосік", "Лысенка"), ("Знак", "Зянкевіч")])
def test_different_surnames_have_different_keys(a: str, b: str) -> None:
    assert _skeletons(a).isdisjoint(_skeletons(b))


def test_empty_and_symbols_give_no_key() -> None:
    assert part_keys("") == ()
    assert part_keys("123") == ()
