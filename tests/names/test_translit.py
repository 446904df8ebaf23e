from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from letapis.names import (
    RU_SYSTEMS,
    be_to_lacinka,
    be_to_national,
    be_to_passport,
    lacinka_to_be,
    ru_to_latin,
)
from letapis.names.translit import be_to_ru, ru_to_be

HERE = Path(__file__).parent


def _load(name: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


BE = _load("cases_be.yaml")
RU = _load("cases_ru.yaml")


def test_the_tables_have_at_least_fifty_real_names() -> None:
    assert len(BE) >= 50
    assert len(RU) >= 50


@pytest.mark.parametrize("case", BE, ids=[c["be"] for c in BE])
def test_it_writes_belarusian_in_lacinka(case: dict[str, str]) -> None:
    assert be_to_lacinka(case["be"]) == case["lacinka"]


@pytest.mark.parametrize("case", BE, ids=[c["be"] for c in BE])
def test_it_reads_lacinka_back_exactly(case: dict[str, str]) -> None:
    assert lacinka_to_be(case["lacinka"]) == case["be"]
    assert lacinka_to_be(be_to_lacinka(case["be"])) == case["be"]


@pytest.mark.parametrize("case", BE, ids=[c["be"] for c in BE])
def test_it_gives_the_national_romanisation(case: dict[str, str]) -> None:
    assert be_to_national(case["be"]) == case["national"]


@pytest.mark.parametrize("case", BE, ids=[c["be"] for c in BE])
def test_it_gives_the_passport_form(case: dict[str, str]) -> None:
    assert be_to_passport(case["be"]) == case["passport"]


@pytest.mark.parametrize("case", RU, ids=[c["ru"] for c in RU])
@pytest.mark.parametrize("system", RU_SYSTEMS)
def test_it_romanises_russian(case: dict[str, str], system: str) -> None:
    assert ru_to_latin(case["ru"], system) == case[system]


@pytest.mark.parametrize(
    ("be", "lacinka"),
    [
        ("Лявон", "Lavon"),  # л before an iotated vowel is soft and drops the i
        ("Лёня", "Lonia"),
        ("Вераб'ёў", "Vierabjoŭ"),  # iotated after the apostrophe
        ("Салаўёў", "Sałaŭjoŭ"),  # iotated after ў
        ("Наталля", "Natalla"),  # doubled soft л
        ("Дзьмітры", "Dźmitry"),
        ("Вольга", "Volha"),
        ("ЧАРНЕЦКІ", "ČARNIECKI"),
        ("Шчорс", "Ščors"),
        ("Хрысціна", "Chryscina"),
    ],
)
def test_it_follows_the_lacinka_rules(be: str, lacinka: str) -> None:
    assert be_to_lacinka(be) == lacinka
    assert lacinka_to_be(lacinka) == be


def test_it_leaves_what_it_does_not_know() -> None:
    assert be_to_lacinka("Бяляцкі (2021), № 5 — ✓") == "Bialacki (2021), № 5 — ✓"
    assert lacinka_to_be("Bialacki 42!") == "Бяляцкі 42!"
    assert be_to_passport("") == ""


def test_an_unknown_russian_system_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown Russian romanisation"):
        ru_to_latin("Иван", "klingon")


@pytest.mark.parametrize(
    ("ru", "be"),
    [
        ("Тихановский", "Ціханоўскі"),
        ("Лукашенко", "Лукашэнка"),
        ("Иванов", "Іваноў"),
        ("Щорс", "Шчорс"),
        ("Жилинский", "Жылінскі"),
    ],
)
def test_it_applies_the_regular_russian_belarusian_correspondences(ru: str, be: str) -> None:
    assert ru_to_be(ru) == be


def test_it_gives_an_approximate_russian_spelling() -> None:
    assert be_to_ru("Бяляцкі") == "Беляцкий"
    assert be_to_ru("Ціханоўскі") == "Тихановский"


def _legal_words(count: int) -> list[str]:
    """Random words that Belarusian spelling allows (no ьі, no soft ч ш ж р дж шч, no кы)."""
    import random
    import re

    rng = random.Random(3)
    consonants = [*"бвгджзклмнпрстфхцчш", "дз", "дж", "шч"]
    forbidden = re.compile(r"[чшжр][еёюяі]|[чшжр]ь|ць[бвкмп]|[гкх]ы|дж[еёюяі]|шч[еёюяі]|ь[бвкмп][еёюяі]|ьі")
    words: list[str] = []
    while len(words) < count:
        w = ""
        for _ in range(rng.randint(1, 4)):
            c = rng.choice(consonants)
            w += c
            if c in ("з", "с", "н", "ц", "л", "дз") and rng.random() < 0.2:
                w += "ь" + rng.choice("еёюябвкмп")
            w += rng.choice("аеёіоуыэюя")
        if rng.random() < 0.3:
            w += rng.choice(["й", "ў", "скі", "ль", "сь", "нь"])
        if forbidden.search(w) is None:
            words.append(w.capitalize())
    return words


def test_the_lacinka_round_trip_is_exact_on_random_legal_words() -> None:
    failures = [w for w in _legal_words(3000) if lacinka_to_be(be_to_lacinka(w)) != w]
    assert failures == []
