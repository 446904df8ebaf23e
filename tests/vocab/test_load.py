"""Every validation rule of a vocabulary file, each with the message it must give."""

from __future__ import annotations

from pathlib import Path

import pytest

from letapis.vocab import VocabularyError, load_file

GOOD = """\
- code: writer
  labels: {en: writer, be: пісьменнік, ru: писатель}
  forms:
    be: [пісьменніца]
    ru: [писательница]
  cultural: true
- code: poet
  labels: {en: poet, be: паэт, ru: поэт}
"""


def write(tmp_path: Path, text: str, name: str = "occupations.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path, name: str | None = None) -> str:
    with pytest.raises(VocabularyError) as caught:
        load_file(path, name)
    return str(caught.value)


def test_it_loads_a_good_file(tmp_path: Path) -> None:
    vocab = load_file(write(tmp_path, GOOD))
    assert vocab.name == "occupations"
    assert vocab.codes() == ("writer", "poet")
    assert vocab["writer"].extra == {"cultural": True}
    assert vocab.lookup("ПІСЬМЕННІЦА") is vocab["writer"]


def test_it_refuses_a_duplicate_code(tmp_path: Path) -> None:
    text = GOOD + "- code: writer\n  labels: {en: author, be: аўтар, ru: автор}\n"
    assert error_of(write(tmp_path, text)) == "occupations.yaml: writer: duplicate code"


@pytest.mark.parametrize("code", ["Writer", "human rights", "pisáć", "", "a.b"])
def test_it_refuses_a_bad_code(tmp_path: Path, code: str) -> None:
    text = f"- code: '{code}'\n  labels: {{en: x, be: ікс, ru: икс}}\n"
    message = error_of(write(tmp_path, text))
    assert message.startswith("occupations.yaml: term #1: code ")
    assert "must match ^[a-z0-9_\\-]+$" in message


def test_it_refuses_a_term_without_code(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "- labels: {en: x, be: ікс, ru: икс}\n"))
    assert message.startswith("occupations.yaml: term #1: code None must match")


@pytest.mark.parametrize("lang", ["en", "be", "ru"])
def test_it_refuses_a_missing_label(tmp_path: Path, lang: str) -> None:
    labels = {"en": "writer", "be": "пісьменнік", "ru": "писатель"}
    del labels[lang]
    inner = ", ".join(f"{k}: {v}" for k, v in labels.items())
    text = f"- code: writer\n  labels: {{{inner}}}\n"
    assert error_of(write(tmp_path, text)) == f"occupations.yaml: writer: label '{lang}' is missing"


def test_it_refuses_an_empty_label(tmp_path: Path) -> None:
    text = "- code: writer\n  labels: {en: writer, be: '  ', ru: писатель}\n"
    assert error_of(write(tmp_path, text)) == "occupations.yaml: writer: label 'be' is missing"


def test_it_refuses_an_unknown_key(tmp_path: Path) -> None:
    text = "- code: writer\n  labels: {en: writer, be: пісьменнік, ru: писатель}\n  cultral: true\n"
    assert error_of(write(tmp_path, text)) == "occupations.yaml: writer: unknown key cultral"


def test_it_refuses_a_key_of_another_vocabulary(tmp_path: Path) -> None:
    text = "- code: writer\n  labels: {en: writer, be: пісьменнік, ru: писатель}\n  side: victim\n"
    assert error_of(write(tmp_path, text)) == "occupations.yaml: writer: unknown key side"


def test_it_refuses_an_unknown_language(tmp_path: Path) -> None:
    text = "- code: writer\n  labels: {en: writer, be: пісьменнік, ru: писатель, pl: pisarz}\n"
    assert error_of(write(tmp_path, text)) == "occupations.yaml: writer: unknown label language pl"
    text = "- code: writer\n  labels: {en: writer, be: пісьменнік, ru: писатель}\n  forms: {uk: [письменник]}\n"
    assert error_of(write(tmp_path, text)) == "occupations.yaml: writer: unknown forms language uk"


def test_it_refuses_a_form_claimed_by_two_codes(tmp_path: Path) -> None:
    text = GOOD + "- code: author\n  labels: {en: author, be: аўтар, ru: автор}\n  forms: {ru: [Писательница]}\n"
    message = error_of(write(tmp_path, text.replace("[Писательница]", "[писательница]")))
    assert message == "occupations.yaml: author: form 'писательница' is also a form of 'writer' (ambiguous)"


def test_it_refuses_a_form_that_only_normalises_like_another(tmp_path: Path) -> None:
    text = (
        "- code: actor\n  labels: {en: actor, be: акцёр, ru: актёр}\n"
        "- code: player\n  labels: {en: player, be: ігрок, ru: игрок}\n  forms: {ru: [актер]}\n"
    )
    message = error_of(write(tmp_path, text))
    assert message == "occupations.yaml: player: form 'актер' is also a form of 'actor' (ambiguous)"
    text = (
        "- code: hrd\n  labels: {en: human rights defender, be: праваабаронца, ru: правозащитник}\n"
        "- code: other\n  labels: {en: other, be: іншы, ru: другой}\n  forms: {en: [human-rights  defender]}\n"
    )
    message = error_of(write(tmp_path, text))
    assert message == "occupations.yaml: other: form 'human-rights defender' is also a form of 'hrd' (ambiguous)"


def test_it_refuses_an_ambiguous_label(tmp_path: Path) -> None:
    text = GOOD + "- code: bard\n  labels: {en: bard, be: паэт, ru: бард}\n"
    assert error_of(write(tmp_path, text)) == "occupations.yaml: bard: form 'паэт' is also a form of 'poet' (ambiguous)"


def test_it_refuses_a_form_in_upper_case(tmp_path: Path) -> None:
    text = "- code: writer\n  labels: {en: writer, be: пісьменнік, ru: писатель}\n  forms: {en: [Author]}\n"
    assert error_of(write(tmp_path, text)) == "occupations.yaml: writer: form 'Author' must be lower case"


def test_it_refuses_an_occupation_label_in_capitals(tmp_path: Path) -> None:
    text = "- code: writer\n  labels: {en: Writer, be: пісьменнік, ru: писатель}\n"
    message = error_of(write(tmp_path, text))
    assert message == "occupations.yaml: writer: the English label 'Writer' must be lower case"


def test_it_allows_capitals_where_the_label_is_a_name(tmp_path: Path) -> None:
    text = "- code: nobel\n  labels: {en: Nobel Peace Prize laureate, be: лаўрэат, ru: лауреат}\n"
    assert load_file(write(tmp_path, text, "honours.yaml")).label("nobel") == "Nobel Peace Prize laureate"


@pytest.mark.parametrize(
    ("labels", "problem"),
    [
        ("{en: writer, be: pismennik, ru: писатель}", "label 'be' must be written in Cyrillic"),
        ("{en: writer, be: пісьменнік, ru: pisatel}", "label 'ru' must be written in Cyrillic"),
        ("{en: писатель, be: пісьменнік, ru: писатель}", "label 'en' is English but has Cyrillic letters"),
        ("{en: writer, be: писатель, ru: писатель}", "label 'be' is Belarusian but has и, щ or ъ"),
        ("{en: writer, be: пісьменнік, ru: пісьменнік}", "label 'ru' is Russian but has і or ў"),
    ],
)
def test_it_refuses_a_label_in_the_wrong_script(tmp_path: Path, labels: str, problem: str) -> None:
    message = error_of(write(tmp_path, f"- code: writer\n  labels: {labels}\n"))
    assert message.startswith(f"occupations.yaml: writer: {problem}")


def test_it_refuses_a_status_effect_that_is_not_a_status(tmp_path: Path) -> None:
    text = "- code: arrest\n  labels: {en: arrest, be: арышт, ru: арест}\n  status_effect: jailed\n"
    message = error_of(write(tmp_path, text, "event_types.yaml"))
    assert message == "event_types.yaml: arrest: status_effect 'jailed' is not a status (statuses.yaml) nor null"


def test_it_accepts_every_status_and_null_as_a_status_effect(tmp_path: Path) -> None:
    text = "".join(
        f"- code: e{i}\n  labels: {{en: e{i}, be: падзея{i}, ru: событие{i}}}\n  status_effect: {effect}\n"
        for i, effect in enumerate(["held", "released", "died", "not_prisoner", "null"])
    )
    vocab = load_file(write(tmp_path, text, "event_types.yaml"))
    assert [t.extra["status_effect"] for t in vocab] == ["held", "released", "died", "not_prisoner", None]


def test_it_refuses_an_event_type_without_status_effect(tmp_path: Path) -> None:
    text = "- code: arrest\n  labels: {en: arrest, be: арышт, ru: арест}\n"
    assert error_of(write(tmp_path, text, "event_types.yaml")) == "event_types.yaml: arrest: missing key status_effect"


def test_it_refuses_exile_without_release(tmp_path: Path) -> None:
    text = "- code: exile\n  labels: {en: exile, be: выгнанне, ru: изгнание}\n  status_effect: held\n  exile: true\n"
    message = error_of(write(tmp_path, text, "event_types.yaml"))
    assert message == "event_types.yaml: exile: exile: true needs status_effect: released"


@pytest.mark.parametrize(
    ("name", "line", "problem"),
    [
        ("occupations", "cultural: 'yes'", "cultural must be bool, not 'yes'"),
        ("event_types", "precedence: ten", "precedence must be int, not 'ten'"),
        ("involvement_roles", "side: bystander", "side must be one of victim, perpetrator, other, not 'bystander'"),
    ],
)
def test_it_refuses_an_extra_of_the_wrong_type(tmp_path: Path, name: str, line: str, problem: str) -> None:
    required = "  status_effect: null\n" if name == "event_types" else ""
    text = f"- code: x\n  labels: {{en: x, be: ікс, ru: икс}}\n{required}  {line}\n"
    assert error_of(write(tmp_path, text, f"{name}.yaml")) == f"{name}.yaml: x: {problem}"


def test_it_refuses_a_key_written_twice(tmp_path: Path) -> None:
    text = "- code: writer\n  labels: {en: writer, be: пісьменнік, ru: писатель}\n  labels: {en: poet}\n"
    assert error_of(write(tmp_path, text)) == "occupations.yaml: key 'labels' written twice (line 3)"


def test_it_refuses_a_file_that_is_not_a_list(tmp_path: Path) -> None:
    assert error_of(write(tmp_path, "writer: {}\n")) == "occupations.yaml: must be a list of terms (- code: …)"


def test_it_refuses_a_term_that_is_not_a_mapping(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "- writer\n"))
    assert message == "occupations.yaml: term #1: must be a mapping with code and labels"


def test_it_refuses_bad_yaml_and_a_missing_file(tmp_path: Path) -> None:
    assert error_of(write(tmp_path, "- code: [\n")).startswith("occupations.yaml: cannot read:")
    assert error_of(tmp_path / "nothing.yaml").startswith("nothing.yaml: cannot read:")


def test_it_refuses_forms_that_are_not_a_list_of_text(tmp_path: Path) -> None:
    base = "- code: writer\n  labels: {en: writer, be: пісьменнік, ru: писатель}\n"
    assert error_of(write(tmp_path, base + "  forms: {en: author}\n")) == (
        "occupations.yaml: writer: forms.en must be a list"
    )
    message = error_of(write(tmp_path, base + "  forms: {en: [3]}\n"))
    assert message == "occupations.yaml: writer: forms.en: 3 is not a form"


def test_it_checks_feminine_labels(tmp_path: Path) -> None:
    base = "- code: writer\n  labels: {en: writer, be: пісьменнік, ru: писатель}\n"
    assert error_of(write(tmp_path, base + "  feminine: писательница\n")) == (
        "occupations.yaml: writer: feminine must be a mapping of en, be or ru to a label"
    )
    assert error_of(write(tmp_path, base + "  feminine: {pl: pisarka}\n")) == (
        "occupations.yaml: writer: feminine must be a mapping of en, be or ru to a label"
    )
    assert error_of(write(tmp_path, base + "  feminine: {be: писательница}\n")) == (
        "occupations.yaml: writer: feminine 'be' is Belarusian but has и, щ or ъ (Russian letters)"
    )
    message = error_of(write(tmp_path, base + "  feminine: {ru: ''}\n"))
    assert message == "occupations.yaml: writer: feminine.ru must be text"
    message = error_of(write(tmp_path, base + "  feminine: {be: пісьменніца}\n", "statuses.yaml"))
    assert message == "statuses.yaml: writer: unknown key feminine"
