"""Alphabetical order of Belarusian, Russian and Łacinka (letapis.names.collation)."""

from __future__ import annotations

from letapis.names.collation import sort_key


def test_belarusian_letters_sort_in_their_places() -> None:
    words = ["я", "ўзор", "ёлка", "іней", "ерш", "урок", "йод", "жук", "Ігар", "абед", "дзень", "джала", "дом"]
    assert sorted(words, key=sort_key) == [
        "абед", "джала", "дзень", "дом", "ерш", "ёлка", "жук", "Ігар", "іней", "йод", "урок", "ўзор", "я",
    ]  # fmt: skip


def test_russian_letters_sort_in_their_places() -> None:
    words = ["щука", "ёж", "еда", "игла", "йод", "ъ", "ы", "шар", "эхо"]
    assert sorted(words, key=sort_key) == ["еда", "ёж", "игла", "йод", "шар", "щука", "ъ", "ы", "эхо"]


def test_lacinka_and_case() -> None:
    words = ["Źmicier", "Łukašenka", "Lukin", "Čarniak", "Ciapa", "zianon", "Šarko", "Sapieha"]
    assert sorted(words, key=sort_key) == [
        "Ciapa",
        "Čarniak",
        "Lukin",
        "Łukašenka",
        "Sapieha",
        "Šarko",
        "zianon",
        "Źmicier",
    ]
    assert sorted(["ігар", "Ігар", "Іван"], key=sort_key) == ["Іван", "ігар", "Ігар"]


def test_the_key_is_ascii_and_sorts_as_bytes() -> None:
    key = sort_key("Алесь Бяляцкі 1962")
    assert key.isascii()
    names = ["Юрый", "Ірына", "Ўладзімір", "Аляксандр", "Uładzimir", "12"]
    assert sorted(names, key=lambda n: sort_key(n).encode()) == sorted(names, key=sort_key)
    assert sorted(names, key=sort_key) == ["12", "Аляксандр", "Ірына", "Ўладзімір", "Юрый", "Uładzimir"]
