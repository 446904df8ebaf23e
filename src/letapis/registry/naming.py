"""The registry's use of the names core: what is derived from a name when it is stored."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from letapis import names as names_core
from letapis.registry.models import NameForm


@dataclass(frozen=True)
class NameFacts:
    script: str
    language: str
    form: str
    search_text: str
    keys: frozenset[str]


def search_text(text: str) -> str:
    """Lower-case, NFC, single spaces: what exact lookups compare."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _guess_form(script: str, language: str) -> str:
    if script == "Cyrl":
        return NameForm.NATIVE if language == "be" else NameForm.RUSSIAN if language == "ru" else NameForm.OTHER
    if language == "be-latn":
        return NameForm.LACINKA
    if language == "pl":
        return NameForm.POLISH
    return NameForm.OTHER


# The language a stated form implies, when the letters alone cannot tell (Кацярына Андрэева has no і
# or ў, yet a monitor who enters it as the native form knows it is Belarusian).
_LANGUAGE_OF_FORM: dict[str, str] = {
    NameForm.NATIVE: "be",
    NameForm.RUSSIAN: "ru",
    NameForm.LACINKA: "be-latn",
    NameForm.POLISH: "pl",
}


def name_facts(text: str, form: str | None = None) -> NameFacts:
    """Script, language, a guessed form (unless given), the search text and the blocking keys."""
    script = names_core.detect_script(text)
    language = names_core.detect_language(text)
    if language == "unknown" and form is not None:
        language = _LANGUAGE_OF_FORM.get(form, language)
    keys = frozenset(key[:120] for key in names_core.name_keys(text))
    return NameFacts(
        script=script if script in ("Cyrl", "Latn") else "",
        language=language if language != "unknown" else "",
        form=form if form is not None else _guess_form(script, language),
        search_text=search_text(text),
        keys=keys,
    )
