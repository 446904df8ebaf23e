"""Writing numbers, dates, lists, countries, vocabulary labels and person names in en/be/ru.

The words live in ``data/language.yaml`` (loaded once, validated); this module only applies them.
Labels of codes (occupations, event types, membership roles…) come from the vocabularies
(:func:`letapis.vocab.vocabulary`), so a label is translated in one place for the whole project.

Person names follow the form the registry keeps with each name variant:

* ``be`` → the native form (Belarusian Cyrillic);
* ``ru`` → the Russian form, else the native form;
* ``en`` → Łacinka (as PEN Belarus writes in English), else the primary name when it is in the
  Latin script (e.g. the Polish form of a Polish citizen), else the passport form, else the
  display name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import yaml

LANGUAGES = ("en", "be", "ru")
DATA = Path(__file__).with_name("data")


class LanguageDataError(ValueError):
    """The language data file is incomplete."""


@cache
def words() -> dict[str, Any]:
    """The validated content of ``data/language.yaml``."""
    data: dict[str, Any] = yaml.safe_load((DATA / "language.yaml").read_text(encoding="utf-8"))
    for lang in LANGUAGES:
        for section in ("months", "month_names"):
            if len(data[section].get(lang, [])) != 12:
                raise LanguageDataError(f"language.yaml: {section} of {lang!r} must list 12 months")
        for section in ("date_format", "conjunction"):
            if lang not in data[section]:
                raise LanguageDataError(f"language.yaml: {section} lacks {lang!r}")
        for noun, forms in data["nouns"].items():
            needed = {"one", "many"} if lang == "en" else {"one", "few", "many"}
            if not needed <= set(forms.get(lang, {})):
                raise LanguageDataError(f"language.yaml: noun {noun!r} lacks forms {needed} in {lang!r}")
        for code, country in data["countries"].items():
            if lang not in country:
                raise LanguageDataError(f"language.yaml: country {code} lacks {lang!r}")
    return data


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: use en, be or ru")
    return lang


def plural_category(n: int, lang: str) -> str:
    """CLDR plural category of ``n``: ``one``/``many`` in English; ``one``/``few``/``many`` in
    Belarusian and Russian (1, 21 → one; 2–4, 22–24 → few; 0, 5–20, 11–14 → many)."""
    if lang == "en":
        return "one" if n == 1 else "many"
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "few"
    return "many"


def noun_form(noun: str, n: int, lang: str) -> str:
    forms: dict[str, str] = words()["nouns"][noun][lang]
    return forms[plural_category(n, lang)]


def count_phrase(n: int, noun: str, lang: str) -> str:
    """``123 palitviazni``: the number and the noun in the form the number needs."""
    return f"{n} {noun_form(noun, n, lang)}"


def format_date(day: date, lang: str) -> str:
    return str(words()["date_format"][lang]).format(
        day=day.day, month=words()["months"][lang][day.month - 1], year=day.year
    )


def format_month(day: date, lang: str) -> str:
    return f"{words()['month_names'][lang][day.month - 1]} {day.year}"


def join(items: Sequence[str], lang: str) -> str:
    """``A``, ``A and B``, ``A, B and C`` in the language."""
    items = list(items)
    if len(items) == 0:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {words()['conjunction'][lang]} {items[-1]}"


def country_name(code: str, lang: str) -> str:
    entry = words()["countries"].get(code)
    if entry is None:
        return code
    value = entry[lang]
    return str(value) if isinstance(value, str) else str(value["nom"])


def countries_to(codes: Iterable[str], lang: str) -> str:
    """Countries as the goal of a movement: "to Ukraine and Lithuania", "ва Украіну і Літву",
    "в Украину и Литву" (the preposition once, before the first country)."""
    codes = list(codes)
    if len(codes) == 0:
        return ""
    if lang == "en":
        return "to " + join([country_name(c, lang) for c in codes], lang)
    forms = []
    for code in codes:
        entry = words()["countries"].get(code)
        forms.append((code, "") if entry is None else (str(entry[lang]["acc"]), str(entry[lang]["to"])))
    first, preposition = forms[0]
    listed = join([first] + [f for f, _ in forms[1:]], lang)
    return f"{preposition} {listed}".strip()


def gender_label(code: str, lang: str) -> str:
    entry = words()["genders"].get(code)
    return code if entry is None else str(entry[lang])


def vocab_label(vocab_name: str, code: str, lang: str) -> str:
    """The label of a vocabulary code in ``lang`` (the code itself when it is unknown)."""
    from letapis.vocab import vocabulary

    vocab = vocabulary(vocab_name)
    term = vocab.get(code)
    if term is None:
        return code.replace("_", " ")
    return str(term.label(lang))


class NameLike(Protocol):
    text: str
    form: str
    is_primary: bool
    script: str


def person_name(names: Iterable[NameLike], lang: str, fallback: str) -> str:
    """The name of a person in the form ``lang`` calls for (see the module's docstring)."""
    return person_name_form(names, lang, fallback)[0]


def person_name_form(names: Iterable[NameLike], lang: str, fallback: str) -> tuple[str, bool]:
    """The name ``lang`` calls for, and whether the registry holds that language's own form
    (``False``: another form stands in, e.g. the Belarusian one in a Russian text; an editor
    checks it, since Letapis does not invent a spelling)."""
    variants = list(names)
    by_form: dict[str, str] = {}
    for variant in variants:
        by_form.setdefault(variant.form, variant.text)
    if lang == "be":
        order = ["native"]
    elif lang == "ru":
        order = ["russian", "native"]
    else:
        order = ["lacinka"]
    for rank, form in enumerate(order):
        if form in by_form:
            return by_form[form], rank == 0
    if lang == "en":
        primary = next((v for v in variants if v.is_primary), None)
        if primary is not None and primary.script == "Latn":
            return primary.text, True
        if "passport" in by_form:
            return by_form["passport"], True
    return fallback, False
