from __future__ import annotations

import pytest

from letapis.names import MAX_NAME_LENGTH, InvalidName
from letapis.names.parse import parse, readings


def _roles(text: str) -> tuple[list[str], str | None, list[str]]:
    p = parse(text)
    return [g.text for g in p.given], p.patronymic.text if p.patronymic else None, [s.text for s in p.surname]


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("Алесь Бяляцкі", (["Алесь"], None, ["Бяляцкі"])),
        ("Бяляцкі Алесь Віктаравіч", (["Алесь"], "Віктаравіч", ["Бяляцкі"])),
        ("Аляксандр Рыгоравіч Лукашэнка", (["Аляксандр"], "Рыгоравіч", ["Лукашэнка"])),
        ("BIALIATSKI Ales", (["Ales"], None, ["BIALIATSKI"])),
        ("Статкевич Николай Викторович", (["Николай"], "Викторович", ["Статкевич"])),
        ("Вольга Шарэнда-Панасюк", (["Вольга"], None, ["Шарэнда-Панасюк"])),
        ("А. Бяляцкі", (["А"], None, ["Бяляцкі"])),
        ("Бяляцкі А.В.", (["А"], "В", ["Бяляцкі"])),
        ("A.V. Bialiatski", (["A"], "V", ["Bialiatski"])),
        ("\u200fАлесь 😀 Бяляцкі 123", (["Алесь"], None, ["Бяляцкі"])),
    ],
)
def test_it_reads_roles(text: str, roles: tuple[list[str], str | None, list[str]]) -> None:
    assert _roles(text) == roles


def test_a_double_surname_keeps_its_halves() -> None:
    surname = parse("Вольга Шарэнда-Панасюк").surname[0]
    assert [s.text for s in surname.subparts] == ["Шарэнда", "Панасюк"]


def test_two_unknown_words_give_both_orders() -> None:
    assert len(readings("Ган Карней")) == 2


@pytest.mark.parametrize("text", ["", "   ", "12345", "😀😀", "—", "x" * (MAX_NAME_LENGTH + 1), "a b c d e f g h i"])
def test_input_that_is_not_a_name_is_invalid(text: str) -> None:
    with pytest.raises(InvalidName):
        readings(text)
