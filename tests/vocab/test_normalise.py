from __future__ import annotations

import pytest

from letapis.vocab import normalise


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Human-Rights  Defender", "human rights defender"),
        ("  ПІСЬМЕННІЦА\n", "пісьменніца"),
        ("актёр", "актер"),
        ("Актер", "актер"),
        ("грамадскае аб’яднанне", "грамадскае аб'яднанне"),
        ("рок—музыка", "рок музыка"),
        ("human_rights_defender", "human rights defender"),
        ("Václav", "václav"),
    ],
)
def test_it_gives_one_key_to_spellings_a_reader_takes_for_one(text: str, key: str) -> None:
    assert normalise(text) == key


def test_it_composes_decomposed_letters() -> None:
    decomposed = "у\u0306"  # у + combining breve, as some PDF extractors give ў
    assert decomposed != "ў"
    assert normalise(decomposed) == "ў"
    assert normalise("Е\u0308лка") == "елка"
