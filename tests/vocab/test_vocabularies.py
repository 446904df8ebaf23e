"""The vocabularies shipped with Letapis: they load, they cover what the project needs, the API works."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from letapis.vocab import LANGUAGES, VOCABULARY_NAMES, Term, Vocabulary, VocabularyError, vocabulary

SEED_GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "shared" / "eval" / "seed-gold.json"
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
LATIN = re.compile(r"[A-Za-z]")


@pytest.mark.parametrize("name", VOCABULARY_NAMES)
def test_it_loads_every_vocabulary(name: str) -> None:
    vocab = vocabulary(name)
    assert isinstance(vocab, Vocabulary)
    assert len(vocab) > 0
    assert vocabulary(name) is vocab  # loaded once


def test_every_vocabulary_file_opens_with_a_comment() -> None:
    for name in VOCABULARY_NAMES:
        text = vocabulary(name).path.read_text(encoding="utf-8")
        assert text.startswith("# "), name
        assert "add" in text.split("\n- code:")[0].lower(), f"{name}.yaml: the header must say how to add a term"


def test_it_refuses_an_unknown_vocabulary() -> None:
    with pytest.raises(VocabularyError, match="no vocabulary 'occupation'; known: occupations, event_types"):
        vocabulary("occupation")


@pytest.mark.parametrize("name", VOCABULARY_NAMES)
def test_be_and_ru_labels_are_cyrillic(name: str) -> None:
    for term in vocabulary(name):
        for lang in ("be", "ru"):
            label = term.labels[lang]
            assert CYRILLIC.search(label) is not None, (term.code, lang)
            # Latin letters only inside a proper name that is written in Latin in Cyrillic texts too
            if name != "honours":
                assert LATIN.search(label) is None, (term.code, lang, label)
        assert CYRILLIC.search(term.labels["en"]) is None


def test_it_has_every_role_of_the_seed_statement() -> None:
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    occupations = vocabulary("occupations")
    english = {term.labels["en"] for term in occupations}
    roles = {role for doc in gold["docs"].values() for person in doc["persons"] for role in person["roles"]}
    assert len(roles) == 16
    assert roles <= english, sorted(roles - english)
    for role in roles:
        term = occupations.lookup(role)
        assert term is not None and term.labels["en"] == role


def test_it_has_every_honour_and_membership_role_of_the_seed_statement() -> None:
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    persons = [person for doc in gold["docs"].values() for person in doc["persons"]]
    for honour in {h for p in persons for h in p.get("honours", [])}:
        term = vocabulary("honours").lookup(honour)
        assert term is not None and term.labels["en"] == honour
    for role in {m["role"] for p in persons for m in p.get("memberships", [])}:
        term = vocabulary("membership_roles").lookup(role)
        assert term is not None and term.labels["en"] == role


COMMON_OCCUPATIONS = """
artist photographer composer theatre_director film_director actor singer teacher university_lecturer scientist
historian philosopher philologist linguist designer architect programmer doctor student priest entrepreneur
politician trade_unionist volunteer election_observer sculptor playwright screenwriter critic art_critic curator
museum_worker librarian dancer choreographer conductor rapper rock_musician filmmaker tv_presenter radio_host
cameraman illustrator cartoonist childrens_writer novelist bard folklorist ethnographer local_historian
archaeologist economist sociologist psychologist engineer craftsman
""".split()  # noqa: SIM905 - a word list reads better as words


def test_it_has_the_common_occupations() -> None:
    occupations = vocabulary("occupations")
    missing = [code for code in COMMON_OCCUPATIONS if code not in occupations]
    assert missing == []
    assert len(occupations) >= 80


def test_occupation_codes_are_the_english_label_in_snake_case() -> None:
    for term in vocabulary("occupations"):
        expected = re.sub(r"[^a-z0-9]+", "_", term.labels["en"].replace("'", "")).strip("_")
        if term.code in {"military", "channel_administrator"}:  # short codes for long labels
            continue
        assert term.code == expected, (term.code, term.labels["en"])


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Пісьменніца", "writer"),
        ("пісьменнікі", "writer"),
        ("писательница", "writer"),
        ("правозащитница", "human_rights_defender"),
        ("праваабаронка", "human_rights_defender"),
        ("Human-rights activist", "human_rights_defender"),
        ("журналістка", "journalist"),
        ("журналистки", "journalist"),
        ("journalists", "journalist"),
        ("паэтка", "poet"),
        ("поэтесса", "poet"),
        ("актриса", "actor"),
        ("актер", "actor"),
        ("перакладчыца", "translator"),
        ("літаратуразнаўца", "literary_scholar"),
        ("рок-музыкант", "rock_musician"),
        ("мастачка", "artist"),
        ("художница", "artist"),
        ("human_rights_defender", "human_rights_defender"),
        ("пісьменьнік", "writer"),  # taraškievica
        ("палітоляг", "political_analyst"),
        ("сьпявачка", "singer"),
        ("блоггер", "blogger"),
    ],
)
def test_it_looks_up_feminine_plural_and_synonym_forms(text: str, code: str) -> None:
    term = vocabulary("occupations").lookup(text)
    assert term is not None, text
    assert term.code == code


def test_it_finds_nothing_for_an_unknown_word() -> None:
    assert vocabulary("occupations").lookup("astronaut") is None
    assert vocabulary("occupations").lookup("") is None


def test_the_term_api() -> None:
    occupations = vocabulary("occupations")
    term = occupations["writer"]
    assert isinstance(term, Term)
    assert term.code == "writer"
    assert term.labels == {"en": "writer", "be": "пісьменнік", "ru": "писатель"}
    assert term.label("ru") == "писатель"
    assert term.forms["be"][0] == "пісьменнік"
    assert "пісьменніца" in term.forms["be"]
    assert set(term.forms) == set(LANGUAGES)
    assert term.extra["cultural"] is True
    assert occupations.label("human_rights_defender", "be") == "праваабаронца"
    assert occupations.get("writer") is term
    assert occupations.get("nobody") is None
    assert "writer" in occupations and "nobody" not in occupations and 3 not in occupations
    assert list(occupations)[0].code == occupations.codes()[0]
    with pytest.raises(KeyError, match="no term with code 'nobody'"):
        occupations["nobody"]
    with pytest.raises(VocabularyError, match="no label in 'pl'"):
        term.label("pl")
    assert hash(term) == hash(occupations["writer"])
    assert occupations.index()["писательница"] == "writer"
    assert occupations.index()["музыка"] == "musician"
    assert "музыка" not in occupations.index("ru")
    assert occupations.index("be")["музыка"] == "musician"
    assert occupations.index("en")["human rights activist"] == "human_rights_defender"
    with pytest.raises(VocabularyError, match="no language 'pl'"):
        occupations.index("pl")


def test_the_cultural_flag_marks_cultural_figures_only() -> None:
    occupations = vocabulary("occupations")
    cultural = {t.code for t in occupations if t.extra.get("cultural") is True}
    assert {"writer", "poet", "translator", "musician", "artist", "literary_scholar", "cultural_scholar"} <= cultural
    assert not {"human_rights_defender", "lawyer", "politician", "journalist", "blogger"} & cultural


def test_event_types_encode_how_status_is_derived() -> None:
    events = vocabulary("event_types")
    effects = {t.code: t.extra["status_effect"] for t in events}
    assert effects["detention"] == "held"
    assert effects["sentence"] == "held"
    assert effects["release"] == "released"
    assert effects["expulsion"] == "released"
    assert effects["death_in_custody"] == "died"
    assert effects["transfer"] == "held"
    assert effects["trial"] is None and effects["health_alert"] is None
    assert [t.code for t in events if t.extra.get("exile") is True] == ["expulsion"]
    assert events.lookup("re-arrest") is events["detention"]
    # the seed statement: "they were forcibly transferred to Ukraine and Lithuania"
    assert events.lookup("forcibly transferred") is events["expulsion"]
    assert events.lookup("transferred") is events["transfer"]
    assert events.lookup("вызваленыя") is events["release"]
    design = [
        "detention",
        "charge",
        "trial",
        "sentence",
        "transfer",
        "release",
        "expulsion",
        "death_in_custody",
        "health_alert",
        "search",
        "ban",
        "liquidation",
        "pardon",
    ]
    assert [code for code in design if code not in events] == []


def test_same_day_events_have_the_order_of_the_design() -> None:
    events = vocabulary("event_types")
    order = ["detention", "sentence", "release", "expulsion", "death_in_custody"]
    ranks = [events[code].extra["precedence"] for code in order]
    assert ranks == sorted(ranks)


def test_statuses_are_the_four_of_the_extraction_format() -> None:
    statuses = vocabulary("statuses")
    assert statuses.codes() == ("held", "released", "died", "not_prisoner")
    assert all(t.extra["description"] != "" for t in statuses)


def test_involvement_roles_have_a_side_and_cover_the_registry_roles() -> None:
    roles = vocabulary("involvement_roles")
    assert {t.extra["side"] for t in roles} == {"victim", "perpetrator", "other"}
    for code, side in [
        ("victim", "victim"),
        ("judge", "perpetrator"),
        ("prosecutor", "perpetrator"),
        ("investigator", "perpetrator"),
        ("perpetrator", "perpetrator"),
        ("intervener", "other"),
        ("witness", "other"),
    ]:
        assert roles[code].extra["side"] == side


def test_codes_the_registry_and_the_demo_use_exist() -> None:
    assert "pen_centre" in vocabulary("organisation_kinds") and "un_body" in vocabulary("organisation_kinds")
    assert "reinforced_regime_colony" in vocabulary("sentence_regimes")
    assert "penal_colony" in vocabulary("place_kinds")
    assert vocabulary("confidentiality").codes() == ("public", "internal", "confidential")
    articles = vocabulary("criminal_code_articles")
    for code in [
        "130",
        "191",
        "193-1",
        "203-1",
        "228",
        "243",
        "293",
        "342",
        "356",
        "357",
        "361",
        "361-1",
        "361-2",
        "361-4",
        "367",
        "368",
        "369",
        "369-1",
        "370",
        "411",
    ]:
        assert code in articles, code
    assert articles.lookup("treason") is articles["356"]


def test_sentence_regimes_say_whether_they_deprive_of_liberty() -> None:
    regimes = vocabulary("sentence_regimes")
    assert regimes["strict_regime_colony"].extra["custodial"] is True
    assert regimes["fine"].extra["custodial"] is False
    assert regimes.lookup("хімія") is regimes["restricted_freedom_open_institution"]
    assert regimes.lookup("домашняя химия") is regimes["restricted_freedom_home"]


def test_honours_are_found_by_their_forms_in_three_languages() -> None:
    honours = vocabulary("honours")
    for text in ["Nobel laureate", "лаўрэат Нобелеўскай прэміі міру", "лауреат Нобелевской премии мира"]:
        term = honours.lookup(text)
        assert term is not None and term.code == "nobel_peace_prize", text


def test_feminine_labels_for_drafts_that_name_a_woman() -> None:
    occupations = vocabulary("occupations")
    assert occupations.label("writer", "be", feminine=True) == "пісьменніца"
    assert occupations.label("human_rights_defender", "ru", feminine=True) == "правозащитница"
    assert occupations.label("actor", "en", feminine=True) == "actress"
    assert occupations.label("writer", "en", feminine=True) == "writer"  # English has no feminine here
    assert occupations.label("photographer", "ru", feminine=True) == "фотограф"  # the word serves both
    assert occupations.lookup("деятельница культуры") is occupations["cultural_figure"]  # a feminine is a form
    assert vocabulary("membership_roles").label("honorary_member", "be", feminine=True) == "ганаровая сяброўка"
