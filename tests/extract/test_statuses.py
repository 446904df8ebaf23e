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


# Clauses, not windows (issue 15): which predicate governs which name - lists after a cue and a
# colon, verdict lists with dashes, deaths in other words, the one who reports, in absentia and
# house arrest, demands and plans, directory lines, coordination. Sentences written for these
# tests; the structures are those of real digests, verdict lists and death reports. Each case: the
# text (its lines joined by spaces, \n for a new line), then "=> Name: status; …".
CLAUSE_CASES = """
Released after serving their terms: Andrei Aliaksandrau, Maryna Zolatava, Dzianis Ivashin.
=> Andrei Aliaksandrau: released; Maryna Zolatava: released; Dzianis Ivashin: released

The court handed down its verdict to two activists from Homiel: Pavel Seviarynets – 10 years; Mikola
Statkevich – 9 years.
=> Pavel Seviarynets: held; Mikola Statkevich: held

Суд Гомельской области вынес приговор: Сергей Шелест — 14 лет, Андрей Берёзовик — 15 лет.
=> Сергей Шелест: held; Андрей Берёзовик: held

Political prisoner Ales Pushkin, an artist, passed away in penal colony No. 15 on 8 June.
=> Ales Pushkin: died

В колонии умер политзаключённый художник Вадим Храско. Он отбывал наказание в колонии-поселении.
=> Вадим Храско: died

Умер художник Вадим Храско, ему было 70 лет.
=> Вадим Храско: not_prisoner

Journalist Ihar Losik was freed on Monday, his colleague Larysa Shchyrakova said.
=> Ihar Losik: released; Larysa Shchyrakova: not_prisoner

Ігар Лосік, блогер, вызвалены 20 чэрвеня. Пра гэта паведаміла журналістка Ганна Соўсь.
=> Ігар Лосік: released; Ганна Соўсь: not_prisoner

Opposition leader Sviatlana Tsikhanouskaya was sentenced in absentia to 15 years. Teacher Natallia
Hersche was placed under house arrest.
=> Sviatlana Tsikhanouskaya: not_prisoner; Natallia Hersche: held

Бывшего депутата Ольгу Ковалькову заочно приговорили к 12 годам.
=> Ольга Ковалькова: not_prisoner

Journalist Andrzej Poczobut was due to be released in September but remains behind bars. Human
rights defenders say that Katsiaryna Andreyeva must be freed immediately.
=> Andrzej Poczobut: held; Katsiaryna Andreyeva: held

Праваабаронцы патрабуюць вызвалення Марыі Калеснікавай і Максіма Знака.
=> Марыя Калеснікава: held; Максім Знак: held

Mikalai Dziadok: anarchist blogger and journalist; detained since 11 November 2020.\nPalina
Sharenda-Panasiuk: civil activist; sentenced to 2 years in 2021, released on 21 January 2025.
=> Mikalai Dziadok: held; Palina Sharenda-Panasiuk: released

Journalist Andrei Kuznechyk was sentenced to six years, while his wife Volha Kuznechyk was handed
three years of restricted freedom.
=> Andrei Kuznechyk: held; Volha Kuznechyk: held

News about political prisoner Tatsiana Kaneuskaya, who has back problems.
=> Tatsiana Kaneuskaya: held

В колонии умер политзаключенный, 64-летний активист Игорь Ледник, сообщил «Правозащитный центр».
=> Игорь Ледник: died

Самый известный из противников Александра Лукашенко на тех выборах Николай Статкевич приговорен к шести
годам колонии.
=> Николай Статкевич: held

Лукашэнка падчас сустрэчы паабяцаў вызваліць палітвязня Ігара Лосіка.
=> Ігар Лосік: held

Alaksandr Lukashenka signed a decree pardoning the blogger Ihar Losik, the former Belarusian PEN President
Uladzimir Nyaklyayeu said.
=> Ihar Losik: released; Uladzimir Nyaklyayeu: not_prisoner

Nine prisoners walked free on Friday after serving their sentences. Three of them were named: Ihar
Losik, Nasta Kuzmich and Dzianis Ivashin.
=> Ihar Losik: released; Nasta Kuzmich: released; Dzianis Ivashin: released

Двадцать человек вышли на свободу в пятницу. Трое из них разрешили назвать себя: Игорь Лосик, Настя
Кузьмич и Денис Ивашин.
=> Игорь Лосик: released; Настя Кузьмич: released; Денис Ивашин: released

Among those freed were the blogger Ihar Losik and the Lithuanian citizen Dzianis Ivashin, who had
been sentenced to thirteen years in Belarus.
=> Ihar Losik: released; Dzianis Ivashin: released

Among those detained on Monday was the poet Nasta Kuzmich, whose brother Ihar Losik was sentenced in
2021.
=> Nasta Kuzmich: held; Ihar Losik: held

As part of the swap, Poland handed over Pavel Rubtsov, who had been held there since 2022.
=> Pavel Rubtsov: released

The editor Maryna Zolatava was questioned and released the same night.
=> Maryna Zolatava: released

The blogger Ihar Losik, who had agreed to leave the country in June, is back in prison in Navapolatsk.
=> Ihar Losik: held

The journalist Andrei Aliaksandrau was moved from the jail in Zhodzina to penal colony No. 3.
=> Andrei Aliaksandrau: held

Ihar Losik got four years; Maryna Zolatava and Dzianis Ivashin were each given three and a half years.
=> Ihar Losik: held; Maryna Zolatava: held; Dzianis Ivashin: held

Суд Гомеля: Ігар Лосік — шэсць гадоў, Марына Золатава і Дзяніс Івашын — па тры з паловай гады.
=> Ігар Лосік: held; Марына Золатава: held; Дзяніс Івашын: held

Суд заочно приговорил журналиста Игоря Лосика к восьми годам, а блогера Дениса Ивашина — к шести.
=> Игорь Лосик: not_prisoner; Денис Ивашин: not_prisoner

Суд завочна асудзіў журналістку Марыну Золатаву да дзесяці гадоў.
=> Марына Золатава: not_prisoner

Сярод памілаваных — настаўніца Марына Золатава, паведаміў яе брат Ігар Лосік.
=> Марына Золатава: released; Ігар Лосік: not_prisoner

Жену Игоря Лосика, Ольгу Золотову, допросили и отпустили вечером.
=> Ольга Золотова: released; Игорь Лосик: not_prisoner

The judge gave ten years to Ihar Losik. The editor Maryna Zolatava was among four reporters detained in
Homiel.
=> Ihar Losik: held; Maryna Zolatava: held

The poet Nasta Kuzmich was among those pardoned on Friday.
=> Nasta Kuzmich: released

Dzianis Ivashin received a suspended sentence of two years; Ihar Losik was released in the courtroom.
=> Dzianis Ivashin: released; Ihar Losik: released

There is no news of Maksim Znak. Mikalai Dziadok is back in the same colony in Horki.
=> Maksim Znak: held; Mikalai Dziadok: held

Andrei Aliaksandrau, who spent four years behind bars, walked out of the colony in Navapolatsk in May.
Ihar Ilyash came out of the detention centre on Friday.
=> Andrei Aliaksandrau: released; Ihar Ilyash: released

Игорю Лосику дали восемь лет, а Денис Ивашин получил три года условно.
=> Игорь Лосик: held; Денис Ивашин: released

Журналист Андрей Александров, отсидевший четыре года в колонии, живет в Вильнюсе. Игорь Ильяш вышел из СИЗО.
=> Андрей Александров: released; Игорь Ильяш: released

О Максиме Знаке нет вестей с весны. Николай Дедок опять в колонии.
=> Максим Знак: held; Николай Дедок: held

Редактор Марина Золотова была среди троих журналистов, задержанных в Гомеле.
=> Марина Золотова: held

Граждане Литвы Денис Ивашин и Павел Рубцов, а также гражданин Германии Рико Кригер были освобождены.
=> Денис Ивашин: released; Павел Рубцов: released; Рико Кригер: released

Паэтка Насця Кузьміч апынулася сярод памілаваных. Ігару Лосіку далі восем гадоў.
=> Насця Кузьміч: released; Ігар Лосік: held

Дзяніс Івашын атрымаў два гады ўмоўна, а Марыну Золатаву вызвалілі ў зале суда.
=> Дзяніс Івашын: released; Марына Золатава: released

Пра Максіма Знака няма звестак. Мікалай Дзядок зноў у калоніі ў Горках.
=> Максім Знак: held; Мікалай Дзядок: held

Андрэй Аляксандраў, які правёў за кратамі чатыры гады, выйшаў з калоніі ў траўні. Ігар Ільяш
вызваліўся, цалкам адбыўшы тэрмін.
=> Андрэй Аляксандраў: released; Ігар Ільяш: released

Грамадзяне Літвы Дзяніс Івашын і Павел Рубцоў, а таксама грамадзянін Германіі Рыка Крыгер былі вызваленыя.
=> Дзяніс Івашын: released; Павел Рубцоў: released; Рыка Крыгер: released

По словам матери Ивашина Ольги Козловой, о сыне нет новостей с весны. Денис Ивашин осужден в 2022 году.
=> Ольга Козлова: not_prisoner; Денис Ивашин: held

Fourteen prisoners were freed and driven to Vilnius, except Ihar Losik, who stayed behind. The poet
Nasta Kuzmich was not released either; Maryna Zolatava was not among those pardoned.
=> Ihar Losik: held; Nasta Kuzmich: held; Maryna Zolatava: held

Всех помилованных вывезли в Литву, кроме Игоря Лосика. Ольгу Золотову так и не освободили, а Дениса
Ивашина среди помилованных нет. Освобожденный политзаключенный Андрей Александров сказал, что устал.
=> Игорь Лосик: held; Ольга Золотова: held; Денис Ивашин: held; Андрей Александров: released

Ігара Лосіка сярод вызваленых няма, яго зноў не адпусцілі. У Літву прывезлі паэтку Насцю Кузьміч.
=> Ігар Лосік: held; Насця Кузьміч: released

Rights groups recognised six more people as political prisoners. The list was extended with these
names: Ihar Losik, Nasta Kuzmich, Dzianis Ivashin. Viasna said the number of political prisoners
keeps growing: Andrei Aliaksandrau and Maryna Zolatava were added to the list of political prisoners.
=> Ihar Losik: held; Nasta Kuzmich: held; Dzianis Ivashin: held; Andrei Aliaksandrau: held; Maryna Zolatava: held

At least 40 political prisoners were moved to cell-type premises this year: Ihar Losik, Nasta Kuzmich,
Dzianis Ivashin.
=> Ihar Losik: held; Nasta Kuzmich: held; Dzianis Ivashin: held

Among those released are Ihar Losik, a blogger convicted of inciting hatred; the poet Nasta Kuzmich;
and Dzianis Ivashin, a reporter for the news site TUT.BY and a friend of the exiled politician Pavel
Latushka.
=> Ihar Losik: released; Nasta Kuzmich: released; Dzianis Ivashin: released; Pavel Latushka: not_prisoner

The former political prisoner Ihar Losik told the former political prisoner and journalist Nasta
Kuzmich about the colony.
=> Ihar Losik: released; Nasta Kuzmich: released

Правозащитники признали политзаключенными Игоря Лосика и Ольгу Золотову. В числе помилованных — Денис
Ивашин, а также Андрей Александров, арестованный позднее.
=> Игорь Лосик: held; Ольга Золотова: held; Денис Ивашин: released; Андрей Александров: released

Сегодня исполняется год со дня ареста журналистов Игоря Лосика и Дениса Ивашина. Бывший политзаключенный
Андрей Александров рассказал о колонии.
=> Игорь Лосик: held; Денис Ивашин: held; Андрей Александров: released

Журналиста Игоря Лосика посадили за пост в соцсети. 3 марта он умер. Лосик был политзаключенным.
=> Игорь Лосик: died

Палітвязніцу Насцю Кузьміч вызвалілі. «У мяне памерла мама, калі я была ў калоніі», — сказала Насця
Кузьміч.
=> Насця Кузьміч: released

Былы палітвязень Ігар Лосік расказаў пра калонію. Праваабаронцы прызналі палітвязнямі Дзяніса Івашына і
Марыну Золатаву.
=> Ігар Лосік: released; Дзяніс Івашын: held; Марына Золатава: held

The blogger Ihar Losik was found guilty of insulting officials. The trial of Dzianis Ivashin opens on
Monday.
=> Ihar Losik: held; Dzianis Ivashin: held

Суд над Игорем Лосиком начался в Гомеле. Журналистку Ольгу Золотову признали виновной в клевете. Выход на
свободу Дениса Ивашина стал неожиданностью.
=> Игорь Лосик: held; Ольга Золотова: held; Денис Ивашин: released

Вязня калоніі ў Горках Ігара Лосіка чакае новы суд. Учора суд пакараў турэмным рэжымам Дзяніса Івашына.
Выхад на волю Марыны Золатавай стаў нечаканасцю.
=> Ігар Лосік: held; Дзяніс Івашын: held; Марына Золатава: released

The authorities released the journalist Ihar Losik, held since 2020, for two weeks on medical grounds.
The poet Nasta Kuzmich was found "guilty of slander".
=> Ihar Losik: held; Nasta Kuzmich: held

Былая палітзняволеная Марына Золатава расказала пра калонію. Яе затрымалі ў 2021 годзе.
=> Марына Золатава: released

Мінуў год са смерці палітвязня, настаўніка з Ліды Ігара Лосіка, у калоніі ў Шклове.
=> Ігар Лосік: died

Прошел год со дня гибели политзаключенного Игоря Лосика в колонии.
=> Игорь Лосик: died

За краты на мінулым тыдні трапілі шэсць актывістаў, адзін з якіх — Ігар Лосік — галадае.
=> Ігар Лосік: held

The blogger Ihar Losik died in custody in a colony last year.\n- 'Shameful' - "This is a shameful verdict,"
the lawyer Nasta Kuzmich told Reuters.
=> Ihar Losik: died; Nasta Kuzmich: not_prisoner

The editor Maryna Zolatava, jailed since May 2021, sent a letter. Ihar Losik has been in detention for
three years. Nasta Kuzmich left the colony in June.
=> Maryna Zolatava: held; Ihar Losik: held; Nasta Kuzmich: released

Журналистка Ольга Золотова отбывает шестилетний срок. Игорь Лосик, отбывающий восемь лет, переведен в
тюрьму. Денис Ивашин покинул колонию в июне.
=> Ольга Золотова: held; Игорь Лосик: held; Денис Ивашин: released

Марына Золатава ўтрымліваецца ў зняволенні з 2021 года. Ігар Лосік, які адбывае восем гадоў, пераведзены
ў турму. Дзяніс Івашын пакінуў калонію ў чэрвені.
=> Марына Золатава: held; Ігар Лосік: held; Дзяніс Івашын: released

The poet Nasta Kuzmich, his sister, has had no news of Ihar Losik since May.
=> Nasta Kuzmich: not_prisoner; Ihar Losik: held

Ігар Лосік не трапіў у лік памілаваных, а Марына Золатава трапіла ў спіс вызваленых.
=> Ігар Лосік: held; Марына Золатава: released

Игорь Лосик попал в число помилованных, а Денис Ивашин не вошел в список освобожденных.
=> Игорь Лосик: released; Денис Ивашин: held

The cameraman Ihar Losik has been released from remand and put under house arrest. The poet Nasta Kuzmich
was imprisoned again; Dzianis Ivashin has been placed in solitary confinement.
=> Ihar Losik: held; Nasta Kuzmich: held; Dzianis Ivashin: held

Ігар Лосік: «Марына, вы правялі ў калоніі тры гады. Як вы гэта вытрымалі?»
=> Ігар Лосік: not_prisoner

Мария Колесникова вышла на свободу и позвонила своей сестре, а потом встретилась с подругой Ольгой
Золотовой.
=> Мария Колесникова: released; Ольга Золотова: not_prisoner

A court remanded the poet Nasta Kuzmich in custody; Ihar Losik was remanded too. Maryna Zolatava's
detention was extended. The lawyer said his client Dzianis Ivashin had been transferred to a penal
colony. Andrei Aliaksandrau's remaining term was commuted to restricted freedom.
=> Nasta Kuzmich: held; Ihar Losik: held; Maryna Zolatava: held; Dzianis Ivashin: held; Andrei Aliaksandrau: released

Суд отправил журналиста Игоря Лосика в СИЗО. Денис Ивашин взят под стражу, а Ольге Золотовой продлили срок
содержания под стражей. Андрею Александрову заменили неотбытую часть срока на штраф. Анну Болотову
депортировали в Польшу.
=> Игорь Лосик: held; Денис Ивашин: held; Ольга Золотова: held; Андрей Александров: released; Анна Болотова: released

Суд адправіў журналіста Ігара Лосіка ў СІЗА. Дзяніс Івашын узяты пад варту, а Марыну Золатаву перавялі ў
турму. Андрэю Аляксандраву замянілі неадбытую частку тэрміну на штраф. Вольгу Балотаву дэпартавалі ў
Польшчу.
=> Ігар Лосік: held; Дзяніс Івашын: held; Марына Золатава: held; Андрэй Аляксандраў: released; Вольга Балотава: released

The minister welcomed the release of 14 prisoners, among them the editor Maryna Zolatava. Rights groups
called for the release of 30 more people, including Ihar Losik.
=> Maryna Zolatava: released; Ihar Losik: held

Посол приветствовал освобождение 14 заключенных, в том числе редактора Ольги Золотовой. Игоря Лосика,
отказавшегося уезжать, вернули в колонию.
=> Ольга Золотова: released; Игорь Лосик: held

Журналиста Игоря Лосика приговорили к трем годам за клевету. Суд постановил отсрочить исполнение
приговора.
=> Игорь Лосик: released

The blogger Ihar Losik was sentenced to three years. The court suspended the sentence. Nasta Kuzmich and
Dzianis Ivashin were detained too. The court also sentenced two more activists.
=> Ihar Losik: released; Nasta Kuzmich: held; Dzianis Ivashin: held

Суд приговорил Игоря Лосика к трем годам колонии. Суд приговорил его также к штрафу и отсрочил исполнение
приговора.
=> Игорь Лосик: released

Six political prisoners have died behind bars since 2021, among them the blogger Ihar Losik.
=> Ihar Losik: died

Translator Siarhei Pavlitski; writer and publicist Pavel Seviarynets; and editor Maryna Zolatava, were also
freed. According to our sources, Natallia Hersche and Ihar Losik were released on 2 May.
=> Siarhei Pavlitski: released; Pavel Seviarynets: released; Natallia Hersche: released
"""


def _clause_cases() -> list[tuple[str, dict[str, str]]]:
    out: list[tuple[str, dict[str, str]]] = []
    for block in CLAUSE_CASES.strip().split("\n\n"):
        *text, wanted = block.splitlines()
        pairs = [item.split(": ") for item in wanted.removeprefix("=> ").split("; ")]
        out.append((" ".join(text).replace(" \\n ", "\n").replace("\\n", "\n"), dict(pairs)))
    return out


@pytest.mark.parametrize(("text", "expected"), _clause_cases())
def test_the_clause_decides_whose_status_it_is(text: str, expected: dict[str, str]) -> None:
    got = statuses(text)
    assert {name: got.get(name) for name in expected} == expected


def test_a_weaker_reading_has_a_lower_confidence() -> None:
    text = (
        "Writer Uladzimir Matskevich was released on Monday. "
        "Human rights defenders say that Katsiaryna Andreyeva must be freed immediately."
    )
    persons = {p.name: p for p in extract(text, document_date=date(2025, 7, 4)).persons}
    released, demanded = persons["Uladzimir Matskevich"], persons["Katsiaryna Andreyeva"]
    assert released.confidence > demanded.confidence
    assert not released.to_dict()["review"] and demanded.to_dict()["review"]


def test_a_negated_or_excepted_release_makes_no_one_released() -> None:
    text = "Minsk, 4 July 2025\n\nMaria Kalesnikava was not released. All the others were freed, except Maksim Znak."
    result = extract(text)
    assert {p.name: p.status for p in result.persons} == {"Maria Kalesnikava": "held", "Maksim Znak": "held"}
    assert all(e.persons == [] for e in result.events if e.type == "release")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a former post, also in the plural, is no office now: the list's verb governs the name
        (
            "У калоніі пад Віцебскам няволяцца юрыст Антон Грыб, былыя следчыя Ігар Ціхан і Павел Мароз.",
            {"Антон Грыб": "held", "Ігар Ціхан": "held", "Павел Мароз": "held"},
        ),
        # a present post still makes an official
        (
            "Учора следчы Ігар Ціхан затрымаў журналіста Антона Грыба.",
            {"Ігар Ціхан": "not_prisoner", "Антон Грыб": "held"},
        ),
    ],
)
def test_a_former_post_in_a_held_list_is_no_office(text: str, expected: dict[str, str]) -> None:
    assert statuses(text) == expected
