"""Name mentions: given name + surname in any order, script, spelling and case; initials."""

from __future__ import annotations

from letapis.extract.persons import find_name_mentions, surname_shape, unknown_pairs


def names(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.nominative) for m in find_name_mentions(text)]


def test_it_finds_lacinka_and_press_spellings_after_a_role() -> None:
    text = "PEN Belarus member Aleś Bialacki and lawyer Maksim Znak met Ales Bialiatski's lawyers."
    assert names(text) == [
        ("Aleś Bialacki", "Aleś Bialacki"),
        ("Maksim Znak", "Maksim Znak"),
        ("Ales Bialiatski", "Ales Bialiatski"),
    ]


def test_it_finds_polish_forms() -> None:
    assert names("Andrzej Poczobut, dziennikarz") == [("Andrzej Poczobut", "Andrzej Poczobut")]


def test_it_puts_cyrillic_names_in_the_nominative() -> None:
    text = "Сярод іх Артёма Гурскага, Марыю Калеснікаву і Ігара Лосіка."
    assert names(text) == [
        ("Артёма Гурскага", "Артём Гурскі"),
        ("Марыю Калеснікаву", "Марыя Калеснікава"),
        ("Ігара Лосіка", "Ігар Лосік"),
    ]
    mention = find_name_mentions(text)[1]
    assert mention.given == "Марыя" and mention.sex == "f" and mention.confidence == 0.9
    assert text[mention.span.start : mention.span.end] == "Марыю Калеснікаву"


def test_it_reads_surname_given_patronymic_list_lines() -> None:
    assert names("3. Бабарико Виктор Дмитриевич — общественный деятель") == [
        ("Бабарико Виктор Дмитриевич", "Виктор Бабарико")
    ]
    assert names("Лосік Ігар Мікалаевіч, журналіст") == [("Лосік Ігар Мікалаевіч", "Ігар Лосік")]


def test_a_patronymic_like_surname_is_a_surname() -> None:
    assert names("Мікалай Статкевіч адмовіўся") == [("Мікалай Статкевіч", "Мікалай Статкевіч")]


def test_it_takes_an_initial_and_a_surname_with_lower_confidence() -> None:
    found = find_name_mentions("Як заявіў А. Р. Лукашэнка, і V. Shabunia таксама")
    assert [(m.text, m.confidence) for m in found] == [("А. Р. Лукашэнка", 0.6), ("V. Shabunia", 0.6)]


def test_stop_words_and_acronyms_are_never_names() -> None:
    assert names("The Supreme Court of Belarus in Minsk on Monday") == []
    assert names("Беларускі ПЭН і Праваабарончы цэнтр «Вясна» паведамілі") == []
    assert names("КДБ Беларусі ўнёс Ігара Ілаша ў спіс") == [("Ігара Ілаша", "Ігар Ілаш")]


def test_a_surname_that_is_also_a_given_name_pairs_with_the_given_name_before_it() -> None:
    assert names("Ігар Ілаш і Maksim Znak") == [("Ігар Ілаш", "Ігар Ілаш"), ("Maksim Znak", "Maksim Znak")]


def test_unknown_pairs_are_candidates_for_the_caller_to_vouch_for() -> None:
    text = "musician Zorka Rudnik and Ihar Losik"
    taken = [m.span for m in find_name_mentions(text)]
    assert [m.text for m in find_name_mentions(text)] == ["Ihar Losik"]
    assert [m.text for m in unknown_pairs(text, taken)] == ["Zorka Rudnik"]
    assert [m.text for m in unknown_pairs("In Penal Colony", [])] == []


def test_surname_shape() -> None:
    assert surname_shape("Bialacki") and surname_shape("Лосіка")
    assert not surname_shape("КДБ") and not surname_shape("Minsk") and not surname_shape("A.")


def test_it_finds_names_from_outside_belarus_and_russia() -> None:
    text = (
        "The court in Baku gave reporter Elnara Gasimova eight years and editor Mahammad Kekalov seven; "
        "Ilham Aliyev was silent. In Guangzhou, Huang Xueqin and Wang Jianbing were tried."
    )
    assert [m.text for m in find_name_mentions(text)] == [
        "Elnara Gasimova",
        "Mahammad Kekalov",
        "Ilham Aliyev",
        "Huang Xueqin",
        "Wang Jianbing",
    ]


def test_a_given_name_before_a_family_name_first_is_one_name() -> None:
    found = find_name_mentions("The activist Sophia Huang Xueqin will appeal.")
    assert [(m.text, m.surname) for m in found] == [("Sophia Huang Xueqin", "Huang")]


def test_foreign_nationals_in_russian_text_come_back_in_the_nominative() -> None:
    text = "Обмен Рико Кригера на Эвана Гершковича обсуждали с Юрасом Жилинскасом."
    found = [(m.text, m.nominative) for m in find_name_mentions(text, language="ru")]
    assert ("Рико Кригера", "Рико Кригер") in found and ("Юрасом Жилинскасом", "Юрас Жилинскас") in found


def test_it_reads_the_classical_orthography() -> None:
    text = "Суд над Зьміцерам Дашкевічам і Натальляй Пінчук адклалі, а Сьвятлана Ціханоўская выступіла."
    # a given name may come back in the official spelling: the names core matches both
    assert [m.nominative for m in find_name_mentions(text, language="be")] == [
        "Зьміцер Дашкевіч",
        "Наталля Пінчук",
        "Святлана Ціханоўская",
    ]


def test_a_noun_and_a_name_in_a_case_are_not_an_inverted_name() -> None:
    text = "Письма Андрею не доходят. Его помиловали по просьбе Папы Римского Льва XIV."
    assert find_name_mentions(text, language="ru") == []


def test_an_inverted_caption_in_the_nominative_is_still_a_name() -> None:
    # the caption's "Surname Given" is the same person as "Given Surname"
    assert names("На фота: Лосік Ігар") == [("Лосік Ігар", "Ігар Лосік")]


def test_a_given_name_that_is_also_a_pronoun() -> None:
    # Яна is "she" in Belarusian
    assert [m.nominative for m in find_name_mentions("3) Яна Арабейка, студэнтка;")] == ["Яна Арабейка"]
    # in running text both readings stay, for the document's other mentions to decide
    (mention,) = find_name_mentions("Справа супраць Яна Арабейка.")
    assert {mention.nominative, mention.alternative} == {"Ян Арабейк", "Яна Арабейка"}


def test_a_given_name_before_and_shares_the_surname_after() -> None:
    text = "They held a portrait of Leyla and Arzu Aliyeva."
    assert [m.nominative for m in find_name_mentions(text)] == ["Leyla Aliyeva", "Arzu Aliyeva"]
    # a man's and a woman's names do not share a surname form
    assert [m.nominative for m in find_name_mentions("Сяргей і Святлана Ціханоўская")] == ["Святлана Ціханоўская"]


def test_an_apostrophe_after_a_given_name_is_not_part_of_it() -> None:
    assert names("The musician Kastus’ Dudarau was held.") == [("Kastus’ Dudarau", "Kastus Dudarau")]


def test_a_well_known_surname_alone_is_its_person() -> None:
    found = find_name_mentions("Суд над Бяляцкім працягваецца; Бяляцкі трымаецца.", language="be")
    assert [(m.text, m.nominative) for m in found] == [("Бяляцкім", "Алесь Бяляцкі"), ("Бяляцкі", "Алесь Бяляцкі")]
    found = find_name_mentions("Адвокат сообщил, что Колесникова на свободе.", language="ru")
    assert [m.nominative for m in found] == ["Мария Колесникова"]
    assert [m.nominative for m in find_name_mentions("Navalny died in custody.", language="en")] == ["Alexei Navalny"]


def test_a_ruler_s_surname_alone_is_left_to_the_full_name() -> None:
    assert find_name_mentions("Режим Лукашенко освободил 52 человека.", language="ru") == []


def test_a_common_noun_is_not_a_given_name_in_a_case() -> None:
    # Жена is "wife"; its ending restored would make the given name Женя
    assert find_name_mentions("Жена Мелешко, фотограф, обжалует приговор.", language="ru") == []


def test_streets_and_saints_are_not_persons() -> None:
    text = (
        "Суд на улице Карла Маркса; митинг у проспекта Франциска Скорины. Её перевели в колонию "
        "в Марьиной Горке. Собор Святой Марии. The office on Karl Marx Street and St Mary Church."
    )
    assert find_name_mentions(text, language="ru") == []
    # a name after such a word in another sense stays: a search at a person's home
    assert names("Пришли с обыском в дом Игоря Лосика.") == [("Игоря Лосика", "Игорь Лосик")]


def test_a_surname_in_capitals_beside_a_given_name() -> None:
    text = "1. БАБАРЫКА Віктар Дзмітрыевіч — 14 гадоў;\n2. ЛОСІК Ігар — 15 гадоў. Photo: LOSIK Ihar."
    assert [(m.text, m.nominative) for m in find_name_mentions(text)] == [
        ("БАБАРЫКА Віктар Дзмітрыевіч", "Віктар Бабарыка"),
        ("ЛОСІК Ігар", "Ігар Лосік"),
        ("LOSIK Ihar", "Ihar Losik"),
    ]
    # acronyms stay out of names
    assert names("The KGB and PEN Belarus member Aleś Bialacki") == [("Aleś Bialacki", "Aleś Bialacki")]


def test_a_patronymic_in_a_case() -> None:
    text = "Суд над Ивановой Марией Петровной и Лосиком Игорем Александровичем."
    assert [m.nominative for m in find_name_mentions(text, language="ru")] == ["Мария Иванова", "Игорь Лосик"]


def test_the_word_before_an_ambiguous_russian_name_decides_its_sex() -> None:
    # Александра is a woman's nominative and a man's genitive; Лукашенко does not decline
    def read(text: str) -> list[tuple[str, str | None]]:
        return [(m.nominative, m.sex) for m in find_name_mentions(text, language="ru")]

    assert read("Сообщение пресс-службы Александра Лукашенко.") == [("Александр Лукашенко", "m")]
    assert read("Так сообщила пресс-служба Александра Лукашенко.") == [("Александр Лукашенко", "m")]
    assert read("Журналистка Александра Лукашенко задержана.") == [("Александра Лукашенко", "f")]
    assert read("Александра Лукашенко задержали вчера.") == [("Александра Лукашенко", "f")]


def test_an_editor_s_brackets_inside_a_name() -> None:
    text = "It shows the true face of [Belarusian President Alexander] Lukashenko."
    (mention,) = find_name_mentions(text, language="en")
    assert (mention.text, mention.nominative) == ("Alexander Lukashenko", "Alexander Lukashenko")
    assert text[mention.span.start : mention.span.end] == "Alexander] Lukashenko"


def test_a_common_surname_alone_is_nobody_in_particular() -> None:
    assert find_name_mentions("Судья Андреева огласила приговор.", language="ru") == []


def test_a_relative_s_genitive_is_not_glued_to_the_next_name() -> None:
    # the word for a relative, then the genitive of the person they are a relative of, then the
    # relative's own name
    ru = find_name_mentions("Жена Статкевича Марина Адамович говорит о нем редко.", language="ru")
    assert [m.nominative for m in ru] == ["Николай Статкевич", "Марина Адамович"]
    assert names("Старэйшы брат Віталя Андрэй даўно жыве ў Польшчы.") == []
    assert names("Jaho brat Vitolda Andrej dapamahaŭ siamji.") == []
    # a relative named in full after the person's full name stays a name of its own
    assert names("Жонка Мікалая Статкевіча Марына Адамовіч прыехала.") == [
        ("Мікалая Статкевіча", "Мікалай Статкевіч"),
        ("Марына Адамовіч", "Марына Адамовіч"),
    ]
    assert names("Сястра Ігара Лосіка Алена пісала яму.") == [("Ігара Лосіка", "Ігар Лосік")]


def test_a_word_for_a_relative_opening_a_sentence_is_no_surname() -> None:
    assert names("Baćka Alesia byŭ represavany. Маці Андрэя Пачобута чакае.") == [("Андрэя Пачобута", "Андрэй Пачобут")]


def test_typographic_apostrophes_inside_names() -> None:
    text = "Надзея Ганчарэнка-Мар’іна і Аляксей Вар’яс пішлі. Затрымалі Марию Д’Амбруа и O’Connor Smith."
    assert [m.text for m in find_name_mentions(text)][:3] == [
        "Надзея Ганчарэнка-Мар’іна",
        "Аляксей Вар’яс",
        "Марию Д’Амбруа",
    ]
    assert find_name_mentions("Надзею Аб’ядкову перавялі.")[0].nominative == "Надзея Аб’ядкова"


def test_a_word_opening_a_sentence_is_no_surname_before_a_given_name() -> None:
    # any word is capitalised there; "Surname Given" is for lists and captions
    assert names("Суд ужо скончыўся. Зараз Ганна дома. Сябры Алеся чакалі.") == []
    assert find_name_mentions("Задержана Мария. Помилованы Ольга и Ирина.", language="ru") == []
    found = find_name_mentions("Приговор огласили. Белая Мария вышла.\nЛосик Игорь — 15 лет", language="ru")
    assert [m.nominative for m in found] == ["Игорь Лосик"]
    assert [m.nominative for m in find_name_mentions("2. Лосік Ігар — 15 гадоў")] == ["Ігар Лосік"]


def test_a_man_s_surname_in_a_declines_like_a_noun() -> None:
    # Бабарыкам could be Бабарык's or Бабарыка's: the well-known list and the document decide
    assert names("Мы бачыліся з Віктарам Бабарыкам і Ігарам Лосікам.") == [
        ("Віктарам Бабарыкам", "Віктар Бабарыка"),
        ("Ігарам Лосікам", "Ігар Лосік"),
    ]
    text = "Сяргей Жука выйшаў. Пра Сяргея Жуку пісалі, а з Ігарам Жукам не."
    assert [m.nominative for m in find_name_mentions(text)] == ["Сяргей Жука", "Сяргей Жука", "Ігар Жука"]
    # a fleeting vowel the endings table cannot tell: о, as the well-known list writes it
    assert names("Пісьмо ад Міколы Дзядка. Зь Міколам Дзядкам.")[-1] == ("Міколам Дзядкам", "Мікола Дзядок")


def test_an_abbreviation_written_as_initials_is_no_person() -> None:
    text = (
        "The U.S. Congressman wrote to the court, and the U.N. Secretary asked for her release. "
        "A. Bialacki thanked them."
    )
    assert [m.text for m in find_name_mentions(text)] == ["A. Bialacki"]
