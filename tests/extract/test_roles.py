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


def roles_of(text: str) -> dict[str, list[str]]:
    from letapis.extract import extract

    return {p.name: sorted(p.roles) for p in extract(text).persons}


def test_an_apposition_with_modifiers_an_age_or_a_colon() -> None:
    assert after("Hanna Kalach, an acclaimed human rights lawyer, was detained", "Hanna Kalach") == ["lawyer"]
    assert after("Иван Сидоренко, 52 года, водитель.", "Иван Сидоренко") == ["driver"]
    assert after("Mikalai Statkevich: opposition politician and journalist; detained", "Mikalai Statkevich") == [
        "politician",
        "journalist",
    ]
    assert after("Марына Золатава — галоўная рэдактарка; затрыманая", "Марына Золатава") == ["editor"]


def test_a_quoted_outlet_between_a_role_and_its_name() -> None:
    assert before("главного редактора портала «Гродно.Life» Андрея Мелешко", "Андрея") == ["editor"]
    assert before("корреспондентка «Белсата» Мария Калиновская", "Мария") == ["journalist"]


def test_inflected_belarusian_role_nouns() -> None:
    assert found("журналістцы") == [("role", "journalist", None)]
    assert found("студэнтцы") == [("role", "student", None)]
    assert roles_of("Суд вынес прысуд журналістцы Алене Цімашчук.") == {"Алена Цімашчук": ["journalist"]}


def test_roles_in_lacinka() -> None:
    # a Łacinka text reaches the role words in Cyrillic (orthography.py): inflected, feminine,
    # after a predicate and a pronoun
    text = (
        "Ała Zujeva z Babrujska atrymała dva hady kałonii. Jana pracavała nastaŭnicaj u škole, ciapier"
        " jana na piensii. Pierakładčycu Volhu Kałackuju taksama asudzili ŭ Minsku. Žurnalistka Hłafira"
        " Žuk vyjšła na volu paśla trydcaci sutak."
    )
    assert roles_of(text) == {
        "Ała Zujeva": ["teacher"],
        "Volha Kałackaja": ["translator"],
        "Hłafira Žuk": ["journalist"],
    }
    # English words keep their English reading
    assert roles_of("The journalist Ihar Losik was sentenced.") == {"Ihar Losik": ["journalist"]}


def test_a_plural_role_is_said_of_every_name_of_its_list() -> None:
    got = roles_of("The court convicted writers Uladzimir Niakliaeu, Pavel Seviarynets and Maksim Znak.")
    assert set(map(tuple, got.values())) == {("writer",)} and len(got) == 3
    got = roles_of("Журналісты Андрэй Аляксандраў, Дзяніс Івашын і Андрэй Кузнечык застаюцца ў калоніі.")
    assert set(map(tuple, got.values())) == {("journalist",)} and len(got) == 3
    # a singular role stays with its own name
    got = roles_of("Журналист Андрей Александров и Денис Ивашин остаются в колонии.")
    assert got == {"Андрей Александров": ["journalist"], "Денис Ивашин": []}


def test_members_of_parliaments_and_kindergarten_teachers() -> None:
    assert before("Евродепутат Петрас Ауштрявичюс", "Петрас") == ["politician"]
    assert after("Ольга Петрова, 47 лет, воспитательница из Гомеля.", "Ольга Петрова") == ["teacher"]


def test_a_predicate_gives_its_subject_a_role() -> None:
    assert roles_of("Ала Зуева з Бабруйска. Яна працавала настаўніцай у школе.") == {"Ала Зуева": ["teacher"]}
    assert roles_of("Ihar Losik worked as a blogger before his arrest.") == {"Ihar Losik": ["blogger"]}
    # a possessive subject is someone else's: the wife is the teacher
    assert roles_of("Ihar Losik's wife worked as a teacher.") == {"Ihar Losik": []}
    # the pronoun speaks of the person named last, and only across one sentence
    got = roles_of("Суд выслухаў Івана Петрова і Марыю Сідаравіч. Яна працавала журналісткай.")
    assert sorted(got.values()) == [[], ["journalist"]] and got["Марыя Сідаравіч"] == ["journalist"]
    assert roles_of("Ala Zujeva was detained. Ihar Losik spoke. She worked as a teacher.")["Ala Zujeva"] == []


def test_an_outlet_in_words_between_a_role_and_its_name() -> None:
    assert before("Корреспондент польской газеты Анджей Почобут", "Анджей") == ["journalist"]
    assert before("editor-in-chief of independent news site TUT.BY Maryna Zolatava", "Maryna") == ["editor"]
    assert before("Активистка из Бреста Полина Шарендо-Панасюк", "Полина") == ["civic activist"]
    # the outlet in capitals closes an apposition; a name that was not read as one does not
    assert after("Марына Золатава — галоўная рэдактарка TUT.BY; затрыманая", "Марына Золатава") == ["editor"]
    text = "In addition to Labkovich, opposition figures Vitkar Babaryka and Maria"
    end = text.index("Labkovich") + len("Labkovich")
    got = attributes_after(text, fold(text), end, text.index("Babaryka"), next_name=True)
    assert got == []


def test_a_plural_addressee_is_not_the_speakers_role() -> None:
    text = "сообщила журналистам пресс-секретарь главы государства Наталья Эйсмонт"
    assert "journalist" not in before(text, "Наталья")
    assert "press secretary" in before(text, "Наталья")


def test_outlets_places_and_organisations_between_a_role_and_its_name() -> None:
    assert roles_of("Среди них и репортер Wall Street Journal Эван Гершкович.") == {"Эван Гершкович": ["journalist"]}
    assert before("нашай карэспандэнткі ў Літве Таццяны Смоткінай", "Таццяны") == ["journalist"]
    got = roles_of("Его выслали, как активисток Союза поляков Ирену Бернацкую, Марию Тишковскую и Анну Панишеву.")
    assert sorted(got.values()) == [["civic activist"]] * 3
    # Latin words between an English role and a name are not an outlet of a Cyrillic text
    assert roles_of("The journalist Ihar Losik spoke to Radio Free Europe Ales Bialiatski.")["Ales Bialiatski"] == []


def test_a_photo_credit_names_a_photographer() -> None:
    assert roles_of("Evgeniy Maloletka / AP / Scanpix") == {"Evgeniy Maloletka": ["photographer"]}
    assert roles_of("Фото: Вадзім Замірскі") == {"Вадзім Замірскі": ["photographer"]}
    # "На фото:" names who is pictured
    assert roles_of("На фото: Анастасия Колтович в зале суда.") == {"Анастасия Колтович": []}


def test_a_group_counted_by_its_role_before_it_is_named() -> None:
    text = (
        "Minsk, 6 October 2022\n\nA court in Minsk sentenced four journalists on Thursday. The president,"
        " Alexander Lukashenko, has called them traitors.\n\nAndrei Aliaksandrau was sentenced to 14 years"
        " in prison. Iryna Zlobina was given nine years in prison. Dzmitry Navazhylau was sentenced to six"
        " years, and the editor Iryna Leushyna was sentenced to four years in a colony."
    )
    got = roles_of(text)
    assert got["Andrei Aliaksandrau"] == got["Iryna Zlobina"] == got["Dzmitry Navazhylau"] == ["journalist"]
    assert got["Iryna Leushyna"] == ["editor", "journalist"]
    assert got["Alexander Lukashenko"] == []
    # fewer persons named than counted: the count is not theirs
    got = roles_of("Minsk, 6 October 2022\n\nThe court sentenced five journalists. Andrei Aliaksandrau got 14 years.")
    assert got == {"Andrei Aliaksandrau": []}


def test_a_genitive_complement_continues_an_apposition() -> None:
    assert after("Ольга Петрова, 41 год, воспитательница детского сада, сказала", "Ольга Петрова") == ["teacher"]
    assert after("Ганна Лазар, настаўніца гісторыі, вызваленая", "Ганна Лазар") == ["teacher"]
    # a verb after the role still opens a new clause
    assert after("Александр Шпак, музыканта поместили в изолятор.", "Александр Шпак") == []


def test_a_director_alone_is_a_post_not_an_occupation() -> None:
    assert before("Amnesty International's China director Sarah Brooks", "Sarah") == []
    assert before("the film director Andrei Kureichik", "Andrei") == ["film director"]
    assert before("режиссёр Андрей Курейчик", "Андрей") == ["director"]


def test_a_sentence_opening_with_a_role_speaks_of_the_one_person_before() -> None:
    text = "Siarhei Tsikhanouski is free. The blogger, jailed since May 2020, arrived, his wife Sviatlana said."
    assert roles_of(text)["Siarhei Tsikhanouski"] == ["blogger"]
    text = "Пра смерць палітвязня Мікалая Клімовіча паведаміла «Вясна». Актывісту з Пінску і блогеру было 61 год."
    assert roles_of(text) == {"Мікалай Клімовіч": ["blogger", "civic activist"]}
    # the role of the next name, of a group, or after two persons: not the person's before
    assert roles_of("Ihar Losik was released. The journalist Andrei Kuznechyk remains in prison.")["Ihar Losik"] == []
    got = roles_of("Ihar Losik and Andrei Kuznechyk were released. The journalist spoke to reporters.")
    assert got == {"Ihar Losik": [], "Andrei Kuznechyk": []}
    got = roles_of("Суд асудзіў Ксенію Луцэвіч. Адвакатка Ксеніі, Іна Мацкевіч, абскардзіць прысуд.")
    assert got["Ксенія Луцэвіч"] == []
