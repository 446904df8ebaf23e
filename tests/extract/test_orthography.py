"""Łacinka and the classical orthography read through the official spelling (letapis.extract.orthography)."""

from __future__ import annotations

from letapis.extract import extract
from letapis.extract.language import detect_language
from letapis.extract.model import Span
from letapis.extract.orthography import is_lacinka, normalise, orthography_of

LACINKA = (
    "Minsk, 3 lutaha 2025\n\n"
    "Sud u Homieli asudziŭ žurnalista Andreja Kuźmiča na try hady kałonii. "
    "Jaho žonka Nasta Kuźmič skazała, što jon nie pryznaje viny i ŭžo paŭhoda ŭ turmie.\n"
)

CLASSICAL = (
    "Менск, 5 сакавіка 2025\n\n"
    "Учора ў калёніі памёр палітвязень Сьцяпан Зьвераў. Праваабаронцы кажуць пра сьмерць "
    "без дапамогі ўрачоў; ягоная сястра Натальля Зьверава патрабуе расьсьледаваньня.\n"
)


def test_lacinka_is_told_from_english_and_polish() -> None:
    assert is_lacinka(LACINKA)
    assert detect_language(LACINKA) == "be"
    assert orthography_of(LACINKA) == "lacinka"
    # an English text with a name or two in Łacinka, a Polish one with ł ś ć but no ŭ
    assert not is_lacinka("The court sentenced Aleś Bialacki and Paŭlina Ŭłasava to ten years.")
    assert detect_language("The court sentenced Aleś Bialacki and Paŭlina Ŭłasava to ten years.") == "en"
    assert not is_lacinka("Sąd skazał dziennikarza na łagodną karę; świadkowie milczeli.")


def test_classical_is_told_from_official_by_words_not_names() -> None:
    assert orthography_of(CLASSICAL) == "classical"
    # the official spelling; a surname with a soft sign (Кузьміч) and пісьменнік are no marks
    assert orthography_of("Пісьменніка Андрэя Кузьміча асудзілі на тры гады калоніі.") == "official"


def test_lacinka_read_in_official_cyrillic_keeps_offsets() -> None:
    read = normalise(LACINKA, "lacinka")
    assert "асудзіў журналіста Андрэя Кузміча на тры гады калоніі" in read.text
    start = read.text.index("калоніі")
    back = read.original(Span(start, start + len("калоніі")))
    assert back.text(LACINKA) == "kałonii"
    written = LACINKA.index("Kuźmiča")
    assert read.original(read.read(Span(written, written + 7))).text(LACINKA) == "Kuźmiča"


def test_classical_soft_signs_and_loans_become_official() -> None:
    read = normalise(CLASSICAL, "classical")
    assert "ў калоніі памёр палітвязень Сцяпан Звераў" in read.text
    assert "расследавання" in read.text
    assert "пра смерць" in read.text
    assert "Мінск" in read.text
    start = read.text.index("смерць")
    assert read.original(Span(start, start + 6)).text(CLASSICAL) == "сьмерць"
    assert normalise("пісьменьнікі", "classical").text == "пісьменнікі"


def test_lacinka_statement_gives_status_roles_and_events_with_names_as_written() -> None:
    result = extract(LACINKA)
    assert result.document.language == "be"
    by_name = {p.name: p for p in result.persons}
    assert "Andrej Kuźmič" in by_name
    andrej = by_name["Andrej Kuźmič"]
    assert andrej.status == "held"
    assert "journalist" in andrej.roles
    assert "Андрэй Кузьміч" in andrej.names
    assert all(LACINKA[m.start : m.end].startswith(("Andr", "Kuźmi")) for m in andrej.mentions)
    status_evidence = andrej.evidence["status"]
    assert isinstance(status_evidence, Span) and "asudziŭ" in status_evidence.text(LACINKA)
    sentence = next(e for e in result.events if e.type == "sentence")
    assert "Andrej Kuźmič" in sentence.persons
    assert "asudziŭ" in sentence.span.text(LACINKA)


def test_classical_death_is_read() -> None:
    result = extract(CLASSICAL)
    # the names core gives the given name in the official spelling; the name as written is kept
    by_name = {written: p for p in result.persons for written in [p.name, *p.names]}
    stsiapan = by_name["Сьцяпан Зьвераў"]
    assert stsiapan.status == "died"
    death = next(e for e in result.events if e.type == "death_in_custody")
    assert death.persons == [stsiapan.name]
    assert "памёр" in death.span.text(CLASSICAL)
    assert by_name["Натальля Зьверава"].status == "not_prisoner"
