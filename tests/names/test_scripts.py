from __future__ import annotations

import pytest

from letapis.names import detect_language, detect_script


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Алесь Бяляцкі", "Cyrl"),
        ("Aleś Bialacki", "Latn"),
        ("Алесь Bialacki", "mixed"),
        ("", "none"),
        ("12 345 — !", "none"),
        ("محمد", "mixed"),
    ],
)
def test_it_detects_the_script(text: str, script: str) -> None:
    assert detect_script(text) == script


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Максім Знак", "be"),
        ("Дар'я Лосік", "be"),
        ("Уладзімір Някляеў", "be"),
        ("Максим Знак", "ru"),
        ("Фёдор Щербаков", "ru"),
        ("Марат Ган", "unknown"),  # no letter tells
        ("Aleś Bialacki", "be-latn"),
        ("Siarhiej Cichanoŭski", "be-latn"),
        ("Andrzej Poczobut", "pl"),
        ("Wacław Łapkowski", "pl"),
        ("Ales Bialiatski", "unknown"),
        ("", "unknown"),
    ],
)
def test_it_tells_the_language_where_letters_allow(text: str, language: str) -> None:
    assert detect_language(text) == language
