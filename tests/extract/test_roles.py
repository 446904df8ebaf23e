"""Roles, memberships, honours, degrees and official posts beside a name."""

from __future__ import annotations

from letapis.extract.lexicons import fold
from letapis.extract.roles import attributes_after, attributes_before, find_attributes, organisation_name


def found(text: str) -> list[tuple[str, str, str | None]]:
    return [(a.kind, a.label, a.organization) for a in find_attributes(text, fold(text), 0, len(text))]


def before(text: str, name: str) -> list[str]:
    at = text.index(name)
    return [a.label for a in attributes_before(text, fold(text), 0, at)]


def after(text: str, name: str, *, next_name: bool = False) -> list[str]:
    end = text.index(name) + len(name)
    return [a.label for a in attributes_after(text, fold(text), end, len(text), next_name=next_name)]


def test_it_reads_a_chain_of_roles_before_a_name() -> None:
    text = "writer, publicist, translator, literary scholar and PEN Belarus member Alaksandr Fiaduta"
    assert found(text) == [
        ("role", "writer", None),
        ("role", "publicist", None),
        ("role", "translator", None),
        ("role", "literary scholar", None),
        ("membership", "member", "PEN Belarus"),
    ]
    assert before(text, "Alaksandr") == ["writer", "publicist", "translator", "literary scholar", "member"]


def test_the_chain_stops_at_a_word_that_is_not_a_role() -> None:
    text = "a poet who met the journalist Ihar Losik"
    assert before(text, "Ihar") == ["journalist"]


def test_it_reads_roles_in_any_case_form() -> None:
    assert found("пісьменніцы і перакладчыцы") == [("role", "writer", None), ("role", "translator", None)]
    assert found("журналистом и блогером") == [("role", "journalist", None), ("role", "blogger", None)]
    assert found("паэткай") == [("role", "poet", None)]


def test_it_reads_an_apposition_after_a_name() -> None:
    assert after("Максим Знак, юрист и писатель, остается", "Максим Знак") == ["lawyer", "writer"]
    assert after("Кацярына Андрэева (Бахвалава), журналістка", "Кацярына Андрэева") == ["journalist"]
    assert after("Ales Bialiatski (writer)", "Ales Bialiatski") == ["writer"]
    # a chain that runs up to the next name belongs to that name
    assert after("Игорь Лосик, анархист ", "Игорь Лосик", next_name=True) == []


def test_memberships_honours_and_degrees() -> None:
    assert found("honorary member of Catalan PEN") == [("membership", "honorary member", "Catalan PEN")]
    assert found("Nobel Peace Prize laureate") == [("honour", "Nobel Peace Prize laureate", None)]
    assert found("habilitated Doctor in Literary Studies") == [
        ("degree", "habilitated Doctor in Literary Studies", None)
    ]
    assert found("сябра Беларускага ПЭН-цэнтра") == [("membership", "member", "PEN Belarus")]
    assert found("член «Вясны»") == [("membership", "member", "Viasna")]


def test_official_posts_are_marked() -> None:
    assert found("Judge") == [("official", "judge", None)]
    assert found("суддзя") == [("official", "judge", None)]
    assert [a.official for a in find_attributes("press secretary", "press secretary", 0, 15)] == [True]
    assert found("прокурор")[0][0] == "official"


def test_organisation_names_are_normalised() -> None:
    assert organisation_name("Беларускага ПЭН-цэнтра") == "PEN Belarus"
    assert organisation_name("Белорусской ассоциации журналистов") == "Belarusian Association of Journalists"
    assert organisation_name(" «Foo Bar», ") == "Foo Bar"


def test_an_apposition_must_end_where_a_clause_would() -> None:
    # "музыканта" opens a new clause ("музыканта поместили …"): not the official's role
    assert after("Александр Шпак, музыканта поместили в изолятор.", "Александр Шпак") == []
    assert after("Ihar Losik, journalist of Radio Liberty, remains", "Ihar Losik") == ["journalist"]
    assert after("Максим Знак, юрист, который остается", "Максим Знак") == ["lawyer"]
    assert after("Vadzim Khrasko, a 50-year-old photographer, died", "Vadzim Khrasko") == ["photographer"]


def test_a_court_between_a_judge_and_the_name_joins_them() -> None:
    assert before("суддзя Мінскага гарадскога суда Віктар Кавалёнак", "Віктар") == ["judge"]
    assert before("официальный представитель МВД Александр Шпак", "Александр")[0].startswith("официальн")
