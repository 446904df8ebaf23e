from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letapis.names import MATCH_THRESHOLD, score, why

SAME = [
    ("Алесь Бяляцкі", "Aleś Bialacki"),
    ("Алесь Бяляцкі", "Ales Bialiatski"),
    ("Алесь Бяляцкі", "Ales Byalyatski"),
    ("Алесь Бяляцкі", "Алесь Беляцкий"),
    ("Алесь Бяляцкі", "Ales Belyatsky"),
    ("Andrzej Poczobut", "Анджэй Пачобут"),
    ("Andrzej Poczobut", "Andrei Pachobut"),
    ("Andrzej Poczobut", "Анджей Почобут"),
    ("Kaciaryna Andrejeva", "Кацярына Андрэева"),
    ("Kaciaryna Andrejeva", "Katsiaryna Andreyeva"),
    ("Kaciaryna Andrejeva", "Екатерина Андреева"),
    ("Бяляцкі Алесь Віктаравіч", "Ales Bialiatski"),  # surname first, patronymic
    ("BIALIATSKI Ales", "Алесь Бяляцкі"),
    ("А. Бяляцкі", "Ales Bialiatski"),  # initial
    ("Вольга Шарэнда-Панасюк", "Volha Panasiuk"),  # one half of a double surname
    ("Šarenda-Panasiuk Volha", "Вольга Шарэнда-Панасюк"),
    ("Siarhiej Cichanoŭski", "Siarhiej Cichanouski"),  # missing diacritics
    ("Святлана Ціханоўская", "Svetlana Tikhanovskaya"),
    ("Мікалай Статкевіч", "Николай Статкевич"),
    ("Мікола Статкевіч", "Mikalai Statkevich"),
    ("Аляксандр Лукашэнка", "Александр Лукашенко"),
    ("Марыя Калеснікава", "Maria Kolesnikova"),
    ("Дзмітрый Дашкевіч", "Зміцер Дашкевіч"),
]

DIFFERENT = [
    ("Viktar Babaryka", "Eduard Babaryka"),  # same surname, another given name
    ("Сяргей Ціханоўскі", "Святлана Ціханоўская"),  # husband and wife
    ("Аляксандр Іваноў", "Аляксандра Іванова"),  # brother and sister
    ("Алесь Бяляцкі", "Алесь Пушкін"),
    ("Ігар Лосік", "Ігар Ільяш"),
    ("Мікола Статкевіч", "Мікола Дзядок"),
    ("Марыя Калеснікава", "Марына Калеснікава"),
    ("Андрэй Саннікаў", "Андрэй Санько"),
    ("Алесь Бяляцкі Віктаравіч", "Алесь Бяляцкі Іванавіч"),  # namesakes with other patronymics
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_it_matches_forms_of_one_person(a: str, b: str) -> None:
    assert score(a, b) >= MATCH_THRESHOLD, str(why(a, b))
    assert why(a, b).decision is True


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_it_keeps_different_people_apart(a: str, b: str) -> None:
    assert score(a, b) < MATCH_THRESHOLD, str(why(a, b))
    assert why(a, b).decision is False


@pytest.mark.parametrize(("a", "b"), SAME[:6] + DIFFERENT[:4])
def test_it_is_symmetric(a: str, b: str) -> None:
    assert score(a, b) == pytest.approx(score(b, a), abs=1e-6)


def test_why_says_which_parts_matched_how() -> None:
    explanation = why("Viktar Babaryka", "Eduard Babaryka")
    roles = {p.role: p for p in explanation.parts}
    assert roles["surname"].similarity == 1.0
    assert roles["given"].similarity == 0.0
    assert "different given names" in str(explanation)
    assert "different people" in str(explanation)


def test_a_surname_alone_is_not_enough_to_decide() -> None:
    assert 0.0 < score("Бяляцкі", "Алесь Бяляцкі") < MATCH_THRESHOLD


@pytest.mark.parametrize(
    "hostile",
    ["", " ", "x" * 10_000, "12345", "😀🔥", "\u200f\u202eАлесь", "Алесь\u0000Бяляцкі", "Алесь Bialacki 😀 42", "ااا"],
)
def test_hostile_input_gives_a_score_never_an_exception(hostile: str) -> None:
    value = score(hostile, "Алесь Бяляцкі")
    assert 0.0 <= value <= 1.0
    assert isinstance(str(why(hostile, "Алесь Бяляцкі")), str)


def test_input_that_is_not_a_name_scores_zero_and_says_why() -> None:
    assert score("", "Алесь Бяляцкі") == 0.0
    assert "not a name" in str(why("x" * 10_000, "Алесь Бяляцкі"))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_any_text_gives_a_score_in_range(a: str, b: str) -> None:
    assert 0.0 <= score(a, b) <= 1.0


def _pairs(path: Path) -> list[tuple[str, str, bool]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() == "" or line.startswith("#"):
            continue
        a, b, label = line.split("\t")[:3]
        rows.append((a, b, label == "1"))
    return rows


def _f1(rows: list[tuple[str, str, bool]]) -> float:
    tp = sum(1 for a, b, y in rows if y and score(a, b) >= MATCH_THRESHOLD)
    fp = sum(1 for a, b, y in rows if not y and score(a, b) >= MATCH_THRESHOLD)
    fn = sum(1 for a, b, y in rows if y and score(a, b) < MATCH_THRESHOLD)
    return 2 * tp / (2 * tp + fp + fn)


def test_f1_on_the_hand_written_pairs_is_at_least_098() -> None:
    rows = _pairs(Path(__file__).parent / "pairs_own.tsv")
    assert len(rows) >= 60
    assert _f1(rows) >= 0.98


def test_f1_on_the_development_pairs_is_at_least_098() -> None:
    rows = _pairs(Path(__file__).parent / "pairs_dev_own.tsv")
    assert len(rows) >= 400
    assert _f1(rows) >= 0.98
