"""Events: type, date, counts, foreign nationals, destinations, places, terms and articles."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from letapis.extract import extract


def events(text: str, when: date = date(2025, 7, 4)) -> list[dict[str, Any]]:
    return [e.to_dict() for e in extract(text, document_date=when).events]


def test_a_collective_release_with_counts_and_destinations() -> None:
    text = (
        "On 3 July, 123 political prisoners, including 13 foreign nationals, were released. "
        "Most of them were forcibly transferred to Ukraine, others taken to Lithuania."
    )
    (release,) = events(text)
    assert release["type"] == "release" and release["date"] == "2025-07-03"
    assert release["count"] == 123 and release["foreign_nationals"] == 13
    assert release["destinations"] == ["UA", "LT"] and release["forced_exile"] is True


def test_counts_in_words_and_relative_dates_in_belarusian() -> None:
    text = "Учора на волю выйшлі 18 палітвязняў, у тым ліку трое замежных грамадзян. Іх вывезлі ў Літву."
    (release,) = events(text)
    assert (release["type"], release["date"], release["count"], release["foreign_nationals"]) == (
        "release",
        "2025-07-03",
        18,
        3,
    )
    assert release["destinations"] == ["LT"]


def test_a_russian_release_with_the_verb_after_its_object() -> None:
    text = "Вчера на свободу вышли 14 политзаключенных, в том числе трое иностранных граждан."
    (release,) = events(text)
    assert (release["date"], release["count"], release["foreign_nationals"]) == ("2025-07-03", 14, 3)


def test_a_sentence_with_term_article_regime_and_place() -> None:
    text = (
        "On 2 July the Minsk City Court sentenced blogger Eduard Babaryka to 8 years and 6 months "
        "in a strict-regime colony under Part 1 of Article 342."
    )
    (sentence,) = events(text)
    assert sentence["type"] == "sentence" and sentence["date"] == "2025-07-02"
    assert sentence["term_months"] == 102 and sentence["article"] == "342"
    assert sentence["regime"] == "strict" and "Minsk" in sentence["places"]
    assert sentence["persons"] == ["Eduard Babaryka"]


def test_russian_and_belarusian_sentences() -> None:
    ru = "12 марта суд приговорил журналиста Игоря Лосика к 15 годам колонии усиленного режима по ч. 1 ст. 361-1."
    (sentence,) = events(ru)
    assert (sentence["term_months"], sentence["article"], sentence["regime"]) == (180, "361-1 part 1", "enhanced")
    be = "Суд асудзіў паэтку Насту Кузьміч да трох гадоў і шасці месяцаў калоніі па арт. 342."
    (sentence,) = events(be)
    assert sentence["type"] == "sentence" and sentence["article"] == "342"


def test_a_detention_at_a_facility() -> None:
    (detention,) = events("Вчера в Гомеле задержан музыкант Игорь Банцер, его поместили в ИК-3.")
    assert detention["type"] == "detention" and detention["date"] == "2025-07-03"
    assert detention["places"] == ["penal colony No. 3", "Homiel"]


def test_a_death_in_custody() -> None:
    (death,) = events("On 21 May, political prisoner Vitold Ashurak died in custody in Shklou.")
    assert death["type"] == "death_in_custody" and death["date"] == "2025-05-21"


def test_a_text_without_events() -> None:
    assert events("PEN Belarus thanks its readers.") == []


def test_the_same_release_told_twice_is_one_event() -> None:
    text = "On 3 July, 14 political prisoners were released. The released were taken to Lithuania on 3 July."
    assert [e["type"] for e in events(text)] == ["release"]


def _events(text: str) -> list[dict[str, Any]]:
    return [e.to_dict() for e in extract(text, document_date=date(2025, 6, 10)).events]


def test_an_event_names_the_persons_its_clause_governs() -> None:
    events = _events(
        "The court handed down its verdict: Pavel Seviarynets – 10 years; Mikola Statkevich – 9 years. "
        "Political prisoner Ales Pushkin passed away in penal colony No. 15 on 8 June; "
        "journalist Larysa Shchyrakova reported his death."
    )
    death = next(e for e in events if e["type"] == "death_in_custody")
    assert death["persons"] == ["Ales Pushkin"] and death["date"] == "2025-06-08"


def test_a_sentence_in_absentia_is_its_own_event_and_demands_are_none() -> None:
    events = _events(
        "Opposition leader Sviatlana Tsikhanouskaya was sentenced in absentia to 15 years. "
        "Human rights defenders demand the release of Katsiaryna Andreyeva."
    )
    assert [(e["type"], e["persons"], e["term_months"]) for e in events] == [
        ("sentence_in_absentia", ["Sviatlana Tsikhanouskaya"], 180)
    ]


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("The 28-year-old journalist Andrei Kuznechyk was sentenced to six years.", 72),
        ("Мастака Алеся Пушкіна асудзілі ў 2023 годзе на пяць гадоў калоніі.", 60),
        ("Художника, которому исполнилось 65 лет, приговорили к трём годам колонии.", 36),
    ],
)
def test_an_age_or_a_year_is_not_a_term(text: str, months: int) -> None:
    (sentence,) = [e for e in _events(text) if e["type"] == "sentence"]
    assert sentence["term_months"] == months


def _of(events: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    (event,) = [e for e in events if e["type"] == kind]
    return event


def test_a_verdict_names_the_persons_its_paragraph_lists_after_it() -> None:
    # the verdict's sentence names nobody; the dash lines of its paragraph give the terms
    text = (
        "Hrodna, 3 March 2025\n\n"
        "The regional court read out its verdict in the case of the strike committee. The terms:\n"
        "Andrei Stryzhak – 12 years;\nVolha Zalatar – 4 years.\n\n"
        "Judge Aliaksandr Rabtsau presided."
    )
    sentence = _of(events(text), "sentence")
    assert sentence["persons"] == ["Andrei Stryzhak", "Volha Zalatar"]


def test_a_sentenced_person_released_later_is_still_the_sentences_person() -> None:
    text = (
        "In 2021 the Minsk court sentenced reporter Andrzej Poczobut to eight years in a colony. "
        "On 5 May 2025 Andrzej Poczobut was released and left for Poland."
    )
    found = events(text)
    assert _of(found, "sentence")["persons"] == ["Andrzej Poczobut"]
    assert _of(found, "release")["persons"] == ["Andrzej Poczobut"]


def test_terms_handed_to_each_are_a_verdict() -> None:
    text = "Vasil Shaur and Nina Hryb received three years each; Iryna Kot was given two years."
    (sentence,) = [e for e in events(text) if "Vasil Shaur" in e["persons"]]
    assert sentence["type"] == "sentence" and "Nina Hryb" in sentence["persons"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        (
            "The musician Ihar Bantsar was taken from the jail in Zhodzina to penal colony No. 22 last week.",
            "Ihar Bantsar",
        ),
        ("Правозащитника Марфу Рабкову этапировали из СИЗО в исправительную колонию №4.", "Марфа Рабкова"),
        ("Журналістку Ксенію Луцкіну этапавалі ў калонію № 4 у Гомелі.", "Ксенія Луцкіна"),
        ("Журналістку Ксеньню Луцкіну пераведзена ў калёнію № 4.", "Ксеньня Луцкіна"),
        (
            "Žurnalistku Ksieniu Luckinu etapavali ŭ kałoniju № 4 u Homieli. Pra heta paviedamiŭ jaje baćka.",
            "Ksienija Luckina",
        ),
    ],
)
def test_a_transfer_in_every_wording_names_its_person(text: str, person: str) -> None:
    transfer = _of(events(text), "transfer")
    assert len(transfer["persons"]) == 1 and transfer["persons"][0].split()[-1][:5] == person.split()[-1][:5]


@pytest.mark.parametrize(
    "text",
    [
        "Political prisoner Mikalai Klimovich died on Tuesday in penal colony No. 3 in Vitsebsk.",
        "Политзаключенный Александр Кулинич скончался вчера в больнице исправительной колонии.",
        "Палітвязень Вадзім Храсько памёр учора ў калоніі № 15.",
        "Palitviazień Vadzim Chraśko pamior učora ŭ kałonii № 15. Jamu było 50 hadoŭ.",
    ],
)
def test_a_death_in_custody_in_other_words(text: str) -> None:
    death = _of(events(text), "death_in_custody")
    assert len(death["persons"]) == 1


def test_releases_in_lacinka_and_after_a_served_term() -> None:
    lacinka = (
        "12 vieraśnia 2025 hodu vyzvalili 52 palitviaźniaŭ, siarod ich pismieńnik Mikoła Dziadok. "
        "Usich vyvieźli ŭ Litvu."
    )
    release = _of(events(lacinka), "release")
    assert release["count"] == 52
    served = "Seven political prisoners walked free last week after serving their full terms."
    assert _of(events(served), "release")["count"] == 7


def test_a_verdict_in_absentia_names_both_persons_and_not_the_judge() -> None:
    text = (
        "Гомельский областной суд заочно приговорил журналиста Игоря Ильяша к 4 годам колонии, "
        "а блогера Антона Мотолько — к 10 годам. "
        "Дело в порядке специального производства рассмотрел судья Андрей Сивец."
    )
    verdicts = [e for e in events(text) if e["type"] in ("sentence_in_absentia", "trial_in_absentia")]
    assert [e["type"] for e in verdicts] == ["sentence_in_absentia"]
    assert "Андрей Сивец" not in verdicts[0]["persons"] and len(verdicts[0]["persons"]) == 2


def test_an_undated_event_of_the_lead_takes_the_reports_date() -> None:
    text = (
        "Гродно, 14 сентября 2023\n\n"
        "Областной суд приговорил блогера Дениса Ивашина к 13 годам колонии.\n\n"
        "Ранее в Гродно осудили журналиста Андрея Александрова."
    )
    sentences = sorted((e["date"] or "") for e in extract(text).to_dict()["events"] if e["type"] == "sentence")
    assert sentences == ["", "2023-09-14"]


def test_plans_demands_and_the_press_secretary_are_not_a_release() -> None:
    text = (
        "Press secretary Natallia Eismant said that Lukashenka had pardoned 18 convicts. "
        "Rights groups say Maria Kalesnikava must be freed; Ihar Losik was due to be released in September."
    )
    (release,) = events(text)
    assert release["count"] == 18 and release["persons"] == []


def test_a_verdict_and_a_verdict_in_absentia_in_one_sentence_are_two_events() -> None:
    text = "Marfa Rabkova was given a six-year sentence; and Andrei Chapiuk was sentenced in absentia to five years."
    found = events(text)
    assert _of(found, "sentence")["persons"] == ["Marfa Rabkova"]
    assert _of(found, "sentence_in_absentia")["persons"] == ["Andrei Chapiuk"]


def test_a_name_before_a_verdict_no_cue_reads_and_not_an_insulted_official() -> None:
    text = "Андрея Почобута приговорили к трем годам условно за оскорбление Александра Лукашенко в статьях."
    assert _of(events(text), "sentence")["persons"] == ["Андрей Почобут"]
    verdict = _of(events("Blogger Ihar Losik was on Monday handed a 15-year sentence."), "sentence")
    assert verdict["persons"] == ["Ihar Losik"]


def test_an_event_told_of_the_person_named_before() -> None:
    text = (
        "Dzmitry Shchurko was first given two years of restricted freedom for a walkie-talkie.\n\n"
        "The political prisoner served his term in colony No. 1, where he was released on 6 March."
    )
    release = _of(events(text), "release")
    assert release["persons"] == ["Dzmitry Shchurko"] and release["date"] == "2025-03-06"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Political prisoner Mikalai Statkevich was again put in a punishment cell for ten days.", "punishment_cell"),
        ("Палітвязня Сяргея Каваленку зноў змясцілі ў ШІЗА на дзесяць сутак.", "punishment_cell"),
        ("Политзаключенный Сергей Коваленко объявил голодовку в колонии.", "hunger_strike"),
        (
            "Против политзаключенной Полины Шарендо-Панасюк возбудили новое уголовное дело по статье 411.",
            "new_charge_in_custody",
        ),
        ("Пра палітвязня Мікалая Статкевіча няма ніякіх вестак ужо паўгода.", "incommunicado"),
    ],
)
def test_what_happens_to_a_person_held_is_an_event_with_that_person(text: str, kind: str) -> None:
    event = _of(events(text), kind)
    assert len(event["persons"]) == 1


def test_a_first_date_in_a_sentence_is_the_events_not_a_dateline() -> None:
    text = "Leanid Sudalenka was detained on 21 January 2021. He was later sentenced to three years."
    found = extract(text).to_dict()["events"]
    assert _of(found, "detention")["date"] == "2021-01-21"


def test_the_persons_named_after_the_event_in_a_list_or_the_next_sentence() -> None:
    text = (
        "Лукашенко также помиловал двух католических священников. Ими оказались Андрей Юхневич и Генрих Околотович.\n\n"
        "В обменный список попали:\n\n  • Эван Гершкович,\n  • Илья Яшин.\n"
    )
    persons = {p for e in events(text) if e["type"] == "release" for p in e["persons"]}
    assert {"Андрей Юхневич", "Генрих Околотович", "Эван Гершкович", "Илья Яшин"} <= persons
    assert "Лукашенко" not in " ".join(persons)


def test_a_dateline_date_is_not_the_events_and_counts_in_other_words() -> None:
    text = (
        "14 December 2025: PEN Belarus welcomes the release of 123 political prisoners. "
        "On 13 December they were freed."
    )
    (release,) = [e for e in extract(text).to_dict()["events"] if e["type"] == "release"]
    assert (release["date"], release["count"]) == ("2025-12-13", 123)
    (pardon,) = events("Лукашенко помиловал 31 гражданина Украины.")
    assert pardon["count"] == 31
    (verdicts,) = events("Суд объявил приговоры 12 протестующим.")
    assert verdicts["type"] == "sentence" and verdicts["count"] == 12


@pytest.mark.parametrize(
    ("text", "kind", "person"),
    [
        # imperfective and perfective verbs, a deportation told with an active verb
        ("Калі ўлетку вызвалялі 14 палітвязняў, Павел Северинец заставаўся ў турме.", "release", None),
        ("Увосень 2023 года журналіста Ігара Лосіка прыгаварылі да пятнаццаці гадоў.", "sentence", "Ігар Лосік"),
        ("Уначы палітвязняў дэпартавалі ў Літву.", "expulsion", None),
        ("На дзесяць сутак арыштавалі сёння журналіста Андрэя Пачобута.", "administrative_arrest", "Андрэй Пачобут"),
        ("Пра Марыю Калеснікаву не было ніякіх вестак паўгода.", "incommunicado", "Марыя Калеснікава"),
        # Russian: a release as a noun, an arrest as an anniversary, a trial begun, a term received
        ("Выход на свободу активистов Олега Гурова и Инны Котовой стал неожиданностью.", "release", "Олег Гуров"),
        ("Год прошел со дня ареста журналиста Дениса Ивашина.", "detention", "Денис Ивашин"),
        ("В понедельник в Гомеле начали судить блогера Кирилла Пугача.", "trial", "Кирилл Пугач"),
        ("Срок тогда получила и фотограф Юлия Ланская.", "sentence", "Юлия Ланская"),
        ("О политзаключенной Полине Шарендо-Панасюк ничего не слышно с весны.", "incommunicado", None),
        # English: a decree pardoning, an arrest as a noun, "in jail since", a raised custody level
        ("The ruler signed a decree pardoning 16 political prisoners.", "release", None),
        ("At the time of his arrest in 2021, Ihar Losik worked for a radio station.", "detention", "Ihar Losik"),
        ("Ihar Karnei has been in custody since 3 June 2023.", "detention", "Ihar Karnei"),
        ("The custody level of Aliaksandr Kabanau was increased to prison.", "transfer", "Aliaksandr Kabanau"),
    ],
)
def test_event_cues_in_more_wordings(text: str, kind: str, person: str | None) -> None:
    found = [e for e in events(text) if e["type"] == kind]
    assert len(found) == 1, events(text)
    if person is not None:
        assert person in found[0]["persons"]


def test_among_those_released_is_the_release_told_just_before() -> None:
    text = (
        "On Monday 25 political prisoners were pardoned.\n\nDays earlier, 52 political prisoners were freed. "
        "Among those released were journalist Ihar Losik and politician Mikola Statkevich."
    )
    by_count = {e["count"]: e for e in events(text) if e["type"] == "release"}
    assert "Ihar Losik" in by_count[52]["persons"] and by_count[25]["persons"] == []


@pytest.mark.parametrize(
    ("text", "person"),
    [
        (
            "The court sentenced journalists Katsiaryna Andreyeva and Daria Chultsova to two years in prison "
            "and presenter Dzmitry Luksha to four years.",
            "Dzmitry Luksha",
        ),
        (
            "Суд приговорил журналистку Катерину Андрееву к восьми годам колонии "
            "и оператора Дарью Чульцову к двум годам.",
            "Дарья Чульцова",
        ),
    ],
)
def test_a_second_object_of_a_verdict_after_the_place_of_the_first_term(text: str, person: str) -> None:
    (sentence,) = [e for e in events(text) if e["type"] == "sentence"]
    assert person in sentence["persons"]


def test_a_verdict_on_persons_tried_in_absentia_is_a_verdict_in_absentia() -> None:
    text = (
        "Among those tried in absentia was journalist Dzmitry Navosha. "
        "He and four other defendants were sentenced to 12 years."
    )
    found = {e["type"]: e for e in events(text)}
    assert "sentence" not in found
    assert "Dzmitry Navosha" in found["sentence_in_absentia"]["persons"]


def test_days_of_administrative_arrest_are_no_verdict_and_name_the_person_before() -> None:
    text = (
        "Vitold Ashurak was detained on 9 August. "
        "On 19 September the activist was sentenced to 30 days of administrative arrest."
    )
    found = {e["type"]: e for e in events(text)}
    assert "sentence" not in found
    assert found["administrative_arrest"]["persons"] == ["Vitold Ashurak"]


def test_two_events_of_one_sentence_each_take_their_own_count() -> None:
    text = (
        "By the end of October at least 61 political prisoners were transferred to a prison, "
        "and new criminal cases were opened against another 27 people."
    )
    counts = {e["type"]: e["count"] for e in events(text)}
    assert counts == {"transfer": 61, "new_charge_in_custody": 27}


def test_verdicts_told_one_by_one_after_a_counted_group_take_its_date() -> None:
    text = (
        "Vilnius, 4 July 2025\n\n"
        "On Wednesday a court in Minsk sentenced three journalists to long prison terms.\n\n"
        "Katsiaryna Andreyeva was sentenced to eight years, while her colleague Ihar Losik was handed "
        "fifteen years. Andrei Aliaksandrau was sentenced to fourteen years."
    )
    verdicts = {tuple(e["persons"]): e for e in events(text) if e["type"] == "sentence"}
    dated = {person: e["date"] for persons, e in verdicts.items() for person in persons}
    assert dated == {name: "2025-07-02" for name in ("Katsiaryna Andreyeva", "Ihar Losik", "Andrei Aliaksandrau")}
    terms = {person: e["term_months"] for persons, e in verdicts.items() for person in persons if len(persons) == 1}
    assert terms["Ihar Losik"] == 180 and terms["Katsiaryna Andreyeva"] == 96


def test_verdicts_of_the_next_sentence_take_the_date_unless_told_as_earlier() -> None:
    text = (
        "On Friday, the court sentenced editor Ulvi Hasanli to nine years. "
        "Journalists Nargiz Absalamova and Elnara Gasimova were sentenced to eight years, "
        "and Mahammad Kekalov was sentenced to seven years. "
        "Farid Mehralizada was previously sentenced to two years."
    )
    dated = {p: e["date"] for e in events(text) if e["type"] == "sentence" for p in e["persons"]}
    assert dated["Nargiz Absalamova"] == dated["Mahammad Kekalov"] == "2025-07-04"
    assert dated["Farid Mehralizada"] is None


@pytest.mark.parametrize("lang", ["en", "ru", "be"])
def test_no_cue_pattern_uses_an_upper_case_class_that_folding_would_turn(lang: str) -> None:
    # cues are matched in folded (lower-case) text and lower-cased themselves: \S would become \s
    from letapis.extract.lexicons import load

    patterns = [e["pattern"] for e in load(lang)["event_cues"]] + [load(lang)[k] for k in ("term_tail", "coordinators")]
    assert [p for p in patterns if re.search(r"\\[A-Z]", p)] == []


@pytest.mark.parametrize(
    ("text", "kind", "person"),
    [
        (
            "Maksim Siarheyenka was sentenced in 2021 to three years.\n\nOn 29 February, Maksim was released.",
            "release",
            "Maksim Siarheyenka",
        ),
        (
            "Жонка Мікалая Статкевіча расказала пра ўмовы ў турме. Ужо год Мікалай у адзіночнай камеры. "
            "Са строгага рэжыму яго перавялі 27 снежня 2012 года.",
            "transfer",
            "Мікалай Статкевіч",
        ),
        ("Юрыст Максім Знак маўчыць. У снежні Максім атрымаў тры гады.", "sentence", "Максім Знак"),
    ],
)
def test_an_event_told_of_a_person_named_by_the_given_name_alone(text: str, kind: str, person: str) -> None:
    (event,) = [e for e in events(text) if e["type"] == kind]
    assert person in event["persons"]


def test_a_dateline_of_a_month_gives_the_year_of_a_day_but_no_weekday() -> None:
    text = (
        "May 2023\n\nThe verdict in the case was passed on March 3: Ales Bialiatski was sentenced to ten years. "
        "On Thursday, Nasta Loika was detained."
    )
    found = extract(text).events
    by_type = {e.type: e for e in found}
    assert by_type["sentence"].date == date(2023, 3, 3)
    assert by_type["detention"].date is None


def test_the_pair_is_both_persons_named_before() -> None:
    text = (
        "The authorities moved blogger Roman Protasevich and his partner Sofia Sapega to house arrest.\n\n"
        "The pair have been in custody since 23 May."
    )
    (detention,) = [e for e in events(text) if e["type"] == "detention"]
    assert detention["persons"] == ["Roman Protasevich", "Sofia Sapega"] and detention["date"] == "2025-05-23"


def test_a_quoted_speaker_telling_in_the_first_person() -> None:
    text = (
        "— Мяне выпусцілі а дзявятай раніцы, — кажа Леанід Судаленка.\n\n"
        "Апошнія дзевяць дзён я знаходзіўся ў ШІЗА."
    )
    (cell,) = [e for e in events(text) if e["type"] == "punishment_cell"]
    assert cell["persons"] == ["Леанід Судаленка"]


def test_leaving_the_colony_is_a_release() -> None:
    (release,) = events("On 2 July, Ihar Bantsar left the penal colony in Vitsebsk.")
    assert release["type"] == "release" and release["persons"] == ["Ihar Bantsar"]


@pytest.mark.parametrize(
    ("text", "kind", "person"),
    [
        ("Палітвязня Ігара Лосіка змясцілі ў медычную частку калоніі.", "health_alert", "Ігар Лосік"),
        ("Политзаключенного Николая Статкевича госпитализировали, он перенес инсульт.", "health_alert", None),
        ("Ihar Losik has been in the prison hospital since Monday.", "health_alert", "Ihar Losik"),
        ("Палітвязня Мікалая Аўтуховіча ў пятніцу чакае новы суд.", "trial", "Мікалай Аўтуховіч"),
        ("Суд пакараў Мікалая Статкевіча трыма гадамі турэмнага рэжыму.", "transfer", "Мікалай Статкевіч"),
        ("Адвакат кажа, што лісты ад Марыі Калеснікавай даўно не даходзяць.", "incommunicado", None),
    ],
)
def test_health_a_trial_awaited_a_prison_regime_and_lost_letters(text: str, kind: str, person: str | None) -> None:
    found = [e for e in events(text) if e["type"] == kind]
    assert len(found) == 1, events(text)
    if person is not None:
        assert person in found[0]["persons"]


@pytest.mark.parametrize(
    "text",
    [
        "2023\n\nЖурналісту прысудзілі тры гады калоніі\n\n"
        "Суд у Берасці разгледзеў справу. Ігар Ільяш працаваў у мясцовым выданні. Яго прызналі вінаватым.",
        "Vilnius, 4 July 2025\n\nBlogger sentenced to eight years\n\n"
        "Ihar Losik remains behind bars in Homiel. His wife Darya Losik said he would appeal.",
    ],
)
def test_a_headline_event_is_the_one_person_read_with_its_status(text: str) -> None:
    (sentence,) = [e for e in events(text) if e["type"] == "sentence"]
    assert sentence["persons"] in (["Ігар Ільяш"], ["Ihar Losik"])



def test_the_antecedent_is_no_official_named_last() -> None:
    text = (
        "Корреспондент Анджей Почобут приговорен к трем годам за оскорбление президента Александра Лукашенко.\n\n"
        "Журналист был арестован в апреле в Гродно."
    )
    (detention,) = [e for e in events(text) if e["type"] == "detention"]
    assert detention["persons"] == ["Анджей Почобут"]


@pytest.mark.parametrize(
    "text",
    [
        "Минск, 14 июля 2023\n\nДва года назад в Минске арестовали правозащитника Валентина Стефановича.",
        "Минск, 14 июля 2023\n\n14 июля исполняется два года со дня ареста правозащитника Валентина Стефановича.",
        "Vilnius, 14 July 2023\n\nTwo years ago human rights defender Valiantsin Stefanovich was arrested in Minsk.",
    ],
)
def test_an_event_so_many_years_before_the_day_it_is_told(text: str) -> None:
    (detention,) = [e for e in extract(text).to_dict()["events"] if e["type"] == "detention"]
    assert detention["date"] == "2021-07-14"
