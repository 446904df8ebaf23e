"""Writing numbers, dates, lists, countries, vocabulary labels and person names in en/be/ru.

The words live in ``language.yaml`` beside this module (loaded once, validated); this module only applies them.
Labels of codes (occupations, event types, membership roles…) come from the vocabularies
(:func:`letapis.vocab.vocabulary`), so a label is translated in one place for the whole project.

Person names follow the form the registry keeps with each name variant:

* ``be`` → the native form (Belarusian Cyrillic);
* ``ru`` → the Russian form;
* ``en`` → Łacinka (as PEN Belarus writes in English), else the primary name when it is in the
  Latin script (e.g. the Polish form of a Polish citizen), else the passport form;
* lacking that, the form the names core derives (:func:`derived_name`: a Russian text writes
  Russian names in Russian, not the Belarusian form), flagged for an editor to check; else the
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
WORDS_FILE = Path(__file__).with_name("language.yaml")


class LanguageDataError(ValueError):
    """The language data file is incomplete."""


@cache
def words() -> dict[str, Any]:
    """The validated content of ``language.yaml``."""
    data: dict[str, Any] = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
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


def term_phrase(months: int, lang: str) -> str:
    """A term in years and months: ``3 years``, ``1 год 6 месяцаў``, ``2 года 1 месяц``."""
    years, rest = divmod(months, 12)
    parts = [count_phrase(years, "year", lang)] if years else []
    if rest or not parts:
        parts.append(count_phrase(rest, "month", lang))
    return " ".join(parts)


def format_date(day: date, lang: str) -> str:
    return str(words()["date_format"][lang]).format(
        day=day.day, month=words()["months"][lang][day.month - 1], year=day.year
    )


def format_month(day: date, lang: str) -> str:
    return f"{words()['month_names'][lang][day.month - 1]} {day.year}"


#: how a partial date's bound reads ("on or before 12 December 2025")
_BOUNDS = {
    "before": {"en": "on or before {date}", "be": "не пазней за {date}", "ru": "не позднее {date}"},
    "after": {"en": "on or after {date}", "be": "не раней за {date}", "ru": "не ранее {date}"},
    "uncertain": {"en": "{date} (uncertain)", "be": "{date} (недакладна)", "ru": "{date} (неточно)"},
    "approximate": {"en": "about {date}", "be": "каля {date}", "ru": "около {date}"},
}


def format_partial(text: str, lang: str) -> str:
    """A partial date (:mod:`letapis.edtf`) as a reader says it: ``2021-11`` → "November 2021",
    ``[..2025-12-12]`` → "on or before 12 December 2025", ``2021/2022`` → "2021 – 2022".
    A text that is not a partial date is returned as it is."""
    from letapis.edtf import InvalidDate, parse

    raw = text.strip()
    try:
        parsed = parse(raw)
    except InvalidDate:
        return raw
    if raw.startswith("[") and raw.endswith("]"):
        inner = raw[1:-1].strip(".")
        kind = "before" if raw[1:].startswith("..") else "after"
        return _BOUNDS[kind][lang].format(date=format_partial(inner, lang))
    if "/" in raw:
        start, _, end = raw.partition("/")
        return f"{format_partial(start, lang)} – {format_partial(end, lang)}"
    mark = raw[-1] if raw[-1] in "?~%" else ""
    core = raw.rstrip("?~%")
    assert parsed.earliest is not None
    if len(core) == 4:
        shown = core
    elif len(core) == 7:
        shown = format_month(parsed.earliest, lang)
    else:
        shown = format_date(parsed.earliest, lang)
    if mark == "?":
        return _BOUNDS["uncertain"][lang].format(date=shown)
    if mark in "~%" and mark != "":
        return _BOUNDS["approximate"][lang].format(date=shown)
    return shown


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
    (``False``: the form is derived by the names core, or another form stands in; an editor
    checks it and adds the right spelling as a name variant)."""
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
    if order[0] in by_form:
        return by_form[order[0]], True
    if lang == "en":
        primary = next((v for v in variants if v.is_primary), None)
        if primary is not None and primary.script == "Latn":
            return primary.text, True
        if "passport" in by_form:
            return by_form["passport"], True
    derived = derived_name(by_form, lang)
    if derived is not None:
        return derived, False
    for form in order[1:]:
        if form in by_form:
            return by_form[form], False
    return fallback, False


#: the form of :func:`letapis.names.all_forms` each language's text calls for
_DERIVED_FORM = {"be": "be", "ru": "ru", "en": "lacinka"}


def derived_name(by_form: dict[str, str], lang: str) -> str | None:
    """The name in ``lang``'s form and script derived by the names core from a form the registry
    holds (the native Belarusian one first): a Russian text then says "Сергей Павловицкий", not
    the Belarusian "Сяргей Паўлавіцкі". Derived spellings are approximate, so callers flag them
    for an editor to check; ``None`` when no form converts."""
    from letapis.names import all_forms

    for form in ("native", "russian", "lacinka"):
        if form in by_form:
            derived = all_forms(by_form[form]).get(_DERIVED_FORM[lang])
            if derived:
                return derived
    return None
