"""Every form of a name: :func:`to_lacinka` and :func:`all_forms`.

Given names take their forms from their family (Екатерина → Кацярына → Kaciaryna), surnames and
patronymics go through the spelling correspondences of tables/ru_be.yaml and tables/be_ru.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from letapis.names.given import families, given_name_families
from letapis.names.scripts import detect_language, detect_script
from letapis.names.translit import (
    be_to_lacinka,
    be_to_national,
    be_to_passport,
    be_to_ru,
    lacinka_to_be,
    ru_to_be,
    ru_to_latin,
)

__all__ = ["all_forms", "to_lacinka"]

_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")


def _map_words(text: str, fn: Callable[[str], str]) -> str:
    return _WORD.sub(lambda m: fn(m.group(0)), text)


def _with_case(word: str, form: str) -> str:
    if word.isupper() and len(word) > 1:
        return form.upper()
    return form


def _family_form(word: str, source: str, target: str) -> str | None:
    """The ``target`` form of a given name written exactly as the main ``source`` form, if any.

    Only the main form converts: Алесь stays Алесь in Russian (not Александр).
    """
    folded = word.casefold()
    for ident in sorted(given_name_families(word)):
        fam = families()[ident]
        main = fam.form(source)
        if main is not None and folded == main.casefold():
            out = fam.form(target)
            if out is not None:
                return _with_case(word, out)
    return None


def _ru_word_to_be(word: str) -> str:
    given = _family_form(word, "ru", "be")
    return given if given is not None else ru_to_be(word)


def be_word_to_ru(word: str) -> str:
    given = _family_form(word, "be", "ru")
    return given if given is not None else be_to_ru(word)


def _cyrillic_language(name: str) -> str:
    lang = detect_language(name)
    return "ru" if lang == "ru" else "be"


def to_lacinka(name: str) -> str:
    """The best Łacinka rendering of a name in any script.

    Belarusian Cyrillic is exact (``Алесь Бяляцкі`` → ``Aleś Bialacki``); Russian Cyrillic goes
    through the given-name families and the regular Russian→Belarusian correspondences
    (``Екатерина Андреева`` → ``Kaciaryna Andrejeva``); Latin text is returned as it is.
    """
    script = detect_script(name)
    if script == "Latn" or script == "none":
        return name
    if script == "Cyrl" and _cyrillic_language(name) == "ru":
        return be_to_lacinka(_map_words(name, _ru_word_to_be))
    return be_to_lacinka(name)


def all_forms(name: str) -> dict[str, str]:
    """Every form Letapis can produce for a name, keyed by form.

    Keys: ``be`` (Belarusian Cyrillic), ``lacinka``, ``national`` (official romanisation),
    ``passport`` (passport / English press), ``ru`` (Russian Cyrillic; derived forms are
    approximate), ``ru_latin`` (BGN), ``ru_press``, ``ru_passport`` (ICAO), ``ru_scholarly``;
    for Latin text that is not Łacinka only ``latin``. Empty input gives an empty dict.
    """
    text = " ".join(name.split())
    if text == "":
        return {}
    script = detect_script(text)
    be: str | None = None
    ru: str | None = None
    if script == "Cyrl":
        if _cyrillic_language(text) == "ru":
            ru = text
            be = _map_words(text, _ru_word_to_be)
        else:
            be = text
            ru = _map_words(text, be_word_to_ru)
    elif script == "Latn" and detect_language(text) == "be-latn":
        be = lacinka_to_be(text)
        ru = _map_words(be, be_word_to_ru)
    elif script == "mixed":
        be = text
    if be is None:
        return {"latin": text}
    forms: dict[str, str] = {
        "be": be,
        "lacinka": text if script == "Latn" else be_to_lacinka(be),
        "national": be_to_national(be),
        "passport": be_to_passport(be),
    }
    if ru is not None:
        forms["ru"] = ru
        forms["ru_latin"] = ru_to_latin(ru, "bgn")
        forms["ru_press"] = ru_to_latin(ru, "press")
        forms["ru_passport"] = ru_to_latin(ru, "passport")
        forms["ru_scholarly"] = ru_to_latin(ru, "scholarly")
    return forms
