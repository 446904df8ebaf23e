from __future__ import annotations

import pytest

from letapis.names import given_name_family
from letapis.names.given import families, given_name_families


def test_it_has_at_least_150_families_with_a_belarusian_form_each() -> None:
    fams = families()
    assert len(fams) >= 150
    assert all(f.be != "" and f.sex in ("m", "f") for f in fams.values())


@pytest.mark.parametrize(
    ("forms", "family"),
    [
        (["Аляксандр", "Александр", "Aleksander", "Alexander", "Aliaksandr", "Alaksandr", "Саша"], "aliaksandr"),
        (["Сяргей", "Сергей", "Siarhei", "Siarhiej", "Sergey", "Sergei", "Serhiy"], "siarhei"),
        (["Кацярына", "Екатерина", "Katarzyna", "Katsiaryna", "Kaciaryna", "Yekaterina", "Ekaterina"], "katsiaryna"),
        (["Мікалай", "Николай", "Mikoła", "Mikalai", "Mikałaj", "Nikolay", "Мікола"], "mikalai"),
        (["Дзмітрый", "Дмитрий", "Dzmitry", "Dmitry", "Dzmitryj", "Зміцер"], "dzmitry"),
        (["Вацлаў", "Вацлав", "Wacław", "Vatslau", "Vaclav"], "vatslau"),
        (["Ігар", "Игорь", "Ihar", "Igor", "Ihor"], "ihar"),
        (["Анджэй", "Andrzej", "Andrei", "Андрэй", "Андрей"], "andrei"),
        (["Юрый", "Юрий", "Yury", "Iurii", "Juryj"], "yury"),
        (["Мар'яна", "Марьяна", "Mar'yana", "Maryana", "Marjana"], "maryana"),
        (["Валяр'ян", "Валерьян", "Valer'yan", "Valerian"], "valerian"),
        (["Лідзія", "Лидия", "Lidziya", "Lidia"], "lidziya"),
    ],
)
def test_it_finds_the_family_of_every_form(forms: list[str], family: str) -> None:
    for form in forms:
        assert family in given_name_families(form), form


def test_a_mans_and_a_womans_name_are_different_families() -> None:
    assert given_name_family("Аляксандр") != given_name_family("Аляксандра")
    assert families()["aliaksandr"].sex == "m"
    assert families()["aliaksandra"].sex == "f"


def test_a_shared_diminutive_belongs_to_both() -> None:
    assert {"aliaksandr", "aliaksandra"} <= given_name_families("Саша")


def test_an_unknown_name_has_no_family() -> None:
    assert given_name_family("Бяляцкі") is None
    assert given_name_family("") is None
