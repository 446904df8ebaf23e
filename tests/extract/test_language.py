"""The language of a document from its letters."""

from __future__ import annotations

import pytest

from letapis.extract.language import detect_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("On 13 December, 123 political prisoners were released.", "en"),
        ("Учора на волю выйшлі 18 палітвязняў, у тым ліку трое замежных грамадзян.", "be"),
        ("Вчера на свободу вышли 14 политзаключенных, в том числе трое иностранцев.", "ru"),
        ("Ігар Лосік застаецца за кратамі.", "be"),
        ("Игорь Лосик остаётся за решёткой; ещё 1 200 человек.", "ru"),
        # an English text quoting Cyrillic names stays English
        ("Journalist Ihar Losik (Ігар Лосік) remains behind bars in penal colony No. 15.", "en"),
        # Łacinka is Latin script: English is the only Latin language we read
        ("Aleś Bialacki i Maksim Znak.", "en"),
    ],
)
def test_it_tells_the_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_an_empty_text_is_english() -> None:
    assert detect_language("") == "en"
