"""Statuses from the governing clause, through the whole pipeline (cues need sentences and names)."""

from __future__ import annotations

from datetime import date

import pytest

from letapis.extract import extract
from letapis.extract.lexicons import fold
from letapis.extract.model import Span
from letapis.extract.statuses import find_cues, governing_cue


def statuses(text: str) -> dict[str, str | None]:
    return {p.name: p.status for p in extract(text, document_date=date(2025, 7, 4)).persons}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Among those released are journalist Ihar Losik and poet Nasta Kuzmich. "
            "Writer Uladzimir Matskevich remains behind bars.",
            {"Ihar Losik": "released", "Nasta Kuzmich": "released", "Uladzimir Matskevich": "held"},
        ),
        (
            "Maria Kalesnikava and Maksim Znak continue to be held incommunicado.",
            {"Maria Kalesnikava": "held", "Maksim Znak": "held"},
        ),
        (
            "Journalist Ihar Losik was re-arrested a week after he had been released.",
            {"Ihar Losik": "held"},
        ),
        (
            "Political prisoner Vitold Ashurak died in custody in Shklou colony.",
            {"Vitold Ashurak": "died"},
        ),
        (
            "Ігар Лосік і Марыя Калеснікава застаюцца за кратамі.",
            {"Ігар Лосік": "held", "Марыя Калеснікава": "held"},
        ),
        (
            "Сярод вызваленых — Алесь Бяляцкі і Максім Знак.",
            {"Алесь Бяляцкі": "released", "Максім Знак": "released"},
        ),
        (
            "Мария Колесникова остаётся в заключении, а Виктор Бабарико освобожден.",
            {"Мария Колесникова": "held", "Виктор Бабарико": "released"},
        ),
    ],
)
def test_it_reads_the_governing_clause(text: str, expected: dict[str, str]) -> None:
    assert statuses(text) == expected


def test_among_them_takes_the_cue_of_the_sentence_before() -> None:
    text = "On 3 July, 14 political prisoners were released. Among them are Ihar Losik and Ihar Ilyash."
    assert statuses(text) == {"Ihar Losik": "released", "Ihar Ilyash": "released"}


def test_list_lines_after_a_heading_take_its_cue() -> None:
    text = "Ніжэй пералічаныя застаюцца за кратамі:\n1. Ігар Лосік\n2. Марыя Калеснікава\n"
    assert statuses(text) == {"Ігар Лосік": "held", "Марыя Калеснікава": "held"}


def test_officials_and_agents_are_not_prisoners() -> None:
    text = (
        "Judge Viktoryia Shabunia sentenced blogger Eduard Babaryka to 8 years. "
        "Alaksandr Lukashenka pardoned 16 people on 3 July."
    )
    assert statuses(text) == {
        "Viktoryia Shabunia": "not_prisoner",
        "Eduard Babaryka": "held",
        "Alaksandr Lukashenka": "not_prisoner",
    }
    ru = "Судья Марина Запасник вынесла приговор Игорю Лосику."
    assert statuses(ru)["Марина Запасник"] == "not_prisoner"


def test_a_person_only_mentioned_is_not_a_prisoner() -> None:
    assert statuses("The statement was signed by Tatsiana Niadbai.") == {"Tatsiana Niadbai": "not_prisoner"}


def test_cues_are_found_in_text_order_with_the_first_listed_winning_overlaps() -> None:
    text = "Ihar Losik was released, while Maria Kalesnikava remains behind bars."
    cues = find_cues(fold(text), Span(0, len(text)), "en")
    assert [(text[c.span.start : c.span.end], c.status) for c in cues] == [
        ("was released", "released"),
        ("remains behind bars", "held"),
    ]
    last = governing_cue(cues)
    assert last is not None and last.status == "held"
    assert governing_cue([]) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an impersonal plural governs the name before it; a singular verb has an agent
        (
            "Учора затрымалі Ігара Случака. На наступны дзень Таццяну Случак адпусцілі, а Ігара Случака "
            "змясцілі ў ізалятар.",
            {"Ігар Случак": "held", "Таццяна Случак": "released"},
        ),
        ("Игоря Банцера задержали в Гомеле.", {"Игорь Банцер": "held"}),
        (
            "Александр Лукашенко помиловал Сергея Тихановского.",
            {"Александр Лукашенко": "not_prisoner", "Сергей Тихановский": "released"},
        ),
    ],
)
def test_impersonal_plurals_and_singular_agents(text: str, expected: dict[str, str]) -> None:
    assert statuses(text) == expected


def test_a_sentence_opening_with_a_pronoun_speaks_of_the_person_named_before() -> None:
    ru = "Задержана также фотограф Юлия Шидловская. Ее отпустили на следующий день."
    assert statuses(ru) == {"Юлия Шидловская": "released"}
    en = "Police detained the blogger Siarhei Piatrukhin. He was released on 3 July."
    assert statuses(en) == {"Siarhei Piatrukhin": "released"}
    # a pronoun sentence without a status cue changes nothing
    assert statuses("Ihar Losik remains behind bars. He writes letters.") == {"Ihar Losik": "held"}
