"""Numbers in digits and in words of the three languages."""

from __future__ import annotations

import pytest

from letapis.extract.numbers import parse_number


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("123", 123),
        ("1,5", 1.5),
        ("2.5", 2.5),
        ("three", 3),
        ("Thirteen", 13),
        ("twenty-three", 23),
        ("a dozen", 12),
        ("трое", 3),
        ("траіх", 3),
        ("чатыры", 4),
        ("васямнаццаць", 18),
        ("дваццаць тры", 23),
        ("пятеро", 5),
        ("тринадцать", 13),
        ("двадцать пять", 25),
        ("полтора", 1.5),
        ("паўтара", 1.5),
        ("Трое", 3),
    ],
)
def test_it_reads_numbers(token: str, value: float) -> None:
    assert parse_number(token) == value


@pytest.mark.parametrize("token", ["", "many", "некалькі", "несколько", "three hundred thousand", "пяць пяць"])
def test_it_returns_none_for_what_is_not_a_number(token: str) -> None:
    assert parse_number(token) is None
