from __future__ import annotations

from letapis.names import all_forms, to_lacinka


def test_to_lacinka_is_exact_for_belarusian() -> None:
    assert to_lacinka("Алесь Бяляцкі") == "Aleś Bialacki"


def test_to_lacinka_reads_russian_through_families_and_correspondences() -> None:
    assert to_lacinka("Екатерина Андреева") == "Kaciaryna Andrejeva"
    assert to_lacinka("Сергей Тихановский") == "Siarhiej Cichanoŭski"


def test_to_lacinka_leaves_latin_alone() -> None:
    assert to_lacinka("Ales Bialiatski") == "Ales Bialiatski"


def test_all_forms_of_a_belarusian_name() -> None:
    forms = all_forms("Алесь Бяляцкі")
    assert forms["lacinka"] == "Aleś Bialacki"
    assert forms["national"] == "Alieś Bialiacki"
    assert forms["passport"] == "Ales Bialiatski"
    assert forms["ru"] == "Алесь Беляцкий"
    assert forms["ru_press"] == "Ales Belyatsky"


def test_all_forms_of_a_russian_name() -> None:
    forms = all_forms("Екатерина Андреева")
    assert forms["be"] == "Кацярына Андрэева"
    assert forms["passport"] == "Katsiaryna Andreyeva"
    assert forms["ru_passport"] == "Ekaterina Andreeva"


def test_all_forms_of_lacinka_and_of_other_latin() -> None:
    assert all_forms("Aleś Bialacki")["be"] == "Алесь Бяляцкі"
    assert all_forms("Ales Bialiatski") == {"latin": "Ales Bialiatski"}
    assert all_forms("  ") == {}
