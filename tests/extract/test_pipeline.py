"""The whole extractor: grouping, spans, the JSON, the resolver, overrides."""

from __future__ import annotations

import json
from datetime import date

import pytest

from letapis.extract import VERSION, extract

TEXT_BE = """Мінск, 5 сакавіка 2025 г.

Учора суд Мінскага раёна асудзіў журналістку Кацярыну Андрэеву да 8 гадоў калоніі.
Кацярына Андрэева, сябра Беларускага ПЭН-цэнтра, ужо адбыла частку тэрміну. Андрэеву этапавалі ў калонію № 4.
"""


def test_it_groups_every_mention_of_a_person() -> None:
    result = extract(TEXT_BE)
    assert result.document.language == "be" and result.document.date == date(2025, 3, 5)
    (person,) = result.persons
    assert person.name == "Кацярына Андрэева" and person.name_latin == "Kaciaryna Andrejeva"
    assert person.names == ["Кацярыну Андрэеву"]
    assert [TEXT_BE[m.start : m.end] for m in person.mentions] == [
        "Кацярыну Андрэеву",
        "Кацярына Андрэева",
        "Андрэеву",
    ]
    assert person.status == "held" and person.roles == ["journalist"]
    assert [m.to_dict() for m in person.memberships] == [{"organization": "PEN Belarus", "role": "member"}]
    sentence = next(e for e in result.events if e.type == "sentence")
    assert sentence.date == date(2025, 3, 4) and sentence.term_months == 96


def test_every_span_points_into_the_text() -> None:
    result = extract(TEXT_BE)
    data = result.to_dict()
    person = data["persons"][0]
    evidence = person["evidence"]["status"]
    assert "Андрэев" in TEXT_BE[evidence["start"] : evidence["end"]]
    for label, span in person["evidence"]["roles"].items():
        assert label == "journalist" and "журналістку" in TEXT_BE[span["start"] : span["end"]]
    for event in data["events"]:
        assert TEXT_BE[event["span"]["start"] : event["span"]["end"]].strip() != ""
    assert 0 < person["confidence"] <= 1


def test_the_json_has_the_scorers_fields() -> None:
    data = json.loads(
        json.dumps(
            extract("On 13 December, writer Ihar Losik was released.", document_date=date(2025, 12, 14)).to_dict()
        )
    )
    assert set(data) == {"document", "persons", "events", "organizations"}
    assert data["document"] == {"language": "en", "date": "2025-12-14", "date_span": None}
    (person,) = data["persons"]
    assert {"name", "name_latin", "names", "person_id", "status", "roles", "memberships", "honours", "mentions"} <= set(
        person
    )
    assert person["person_id"] is None and person["status"] == "released"
    (event,) = data["events"]
    assert event["type"] == "release" and event["date"] == "2025-12-13" and event["persons"] == ["Ihar Losik"]


def test_a_resolver_gives_the_person_id_above_the_threshold() -> None:
    def resolver(name: str) -> list[tuple[int, float, str]]:
        return {"Ihar Losik": [(7, 0.97, "same name key"), (9, 0.5, "surname only")]}.get(name, [(3, 0.2, "weak")])

    result = extract("Ihar Losik and Maria Kalesnikava remain behind bars.", resolver=resolver)
    by_name = {p.name: p for p in result.persons}
    assert by_name["Ihar Losik"].person_id == 7
    assert by_name["Ihar Losik"].to_dict()["candidates"][0] == {
        "person_id": 7,
        "score": 0.97,
        "reason": "same name key",
    }
    assert by_name["Maria Kalesnikava"].person_id is None
    assert len(by_name["Maria Kalesnikava"].candidates) == 1


def test_language_and_date_can_be_given() -> None:
    result = extract("Ігар Лосік застаецца за кратамі.", language="be", document_date=date(2024, 1, 2))
    assert result.document.language == "be" and result.document.date == date(2024, 1, 2)
    with pytest.raises(ValueError, match="unknown language 'pl'"):
        extract("x", language="pl")


def test_an_empty_text_gives_an_empty_result() -> None:
    result = extract("   \n  ")
    assert result.persons == [] and result.events == [] and result.document.date is None


def test_organisations_are_listed() -> None:
    result = extract("PEN Belarus and Viasna report that Ihar Losik remains behind bars.")
    assert result.organizations == ["PEN Belarus", "Viasna"]


def test_the_version_is_a_string() -> None:
    assert isinstance(VERSION, str) and VERSION != ""


def test_a_role_before_a_genitive_owner_belongs_to_the_name_after_it() -> None:
    text = "Прэс-сакратарка Аляксандра Лукашэнкі Наталля Эйсмант заявіла пра памілаванне."
    roles = {p.name: p.roles for p in extract(text).persons}
    assert roles == {"Аляксандр Лукашэнка": [], "Наталля Эйсмант": ["press secretary"]}


def test_a_name_in_brackets_after_a_name_is_the_same_person() -> None:
    text = "Среди помилованных — Сергей Тихановский (Siarhei Tsikhanouski), которого вывезли в Литву."
    (person,) = extract(text).persons
    assert person.name == "Сергей Тихановский" and "Siarhei Tsikhanouski" in person.names
    assert person.status == "released"


def test_an_unknown_given_name_is_kept_after_an_official_post_and_a_body() -> None:
    result = extract("Спецдокладчица ООН Анаис Марен приветствовала освобождение.")
    assert [(p.name, p.status) for p in result.persons] == [("Анаис Марен", "not_prisoner")]


def test_a_word_for_a_citizen_vouches_for_a_name_we_do_not_know() -> None:
    text = "Сярод вызваленых — грамадзянін Японіі Масатосі Наканісі і латвіец Юрыс Сеглінш."
    assert [p.name for p in extract(text, language="be").persons] == ["Масатосі Наканісі", "Юрыс Сеглінш"]
    # an adjective of origin before an institution vouches for nothing
    text = "The Ukrainian Armed Forces and the Polish Foreign Ministry responded; Украинская Правда сообщила."
    assert extract(text, language="en").persons == []
    # "a resident of the Moscow Region": a place after the article
    text = "A court sentenced Savely Frolov, a resident of the Moscow Region, to six years."
    assert [p.name for p in extract(text, language="en").persons] == ["Savely Frolov"]


def test_a_surname_alone_is_linked_in_a_case_a_script_and_a_possessive() -> None:
    text = "Mikałaj Aŭtuchovič was moved; the case of Aŭtuchoviča is heard today. Ihar Losik too; Losik's wife spoke."
    found = extract(text, language="en").persons
    assert [(p.name, len(p.mentions)) for p in found] == [("Mikałaj Aŭtuchovič", 2), ("Ihar Losik", 2)]
    losik = found[1].mentions[1]
    assert text[losik.start : losik.end] == "Losik"


def test_units_awards_and_organisations_named_after_persons_are_not_persons() -> None:
    text = (
        "He fought in the Kastus Kalinouski Regiment; Reporters Without Borders condemned it. "
        "Ён ваяваў у палку Кастуся Каліноўскага і атрымаў ордэн Францыска Скарыны."
    )
    assert extract(text, language="en").persons == []
