"""Which script a text is written in and, where the letters allow, which language.

Belarusian and Russian share most of the Cyrillic alphabet; a few letters tell them apart
(Belarusian і ў and the apostrophe; Russian и щ ъ). A name such as ``Максім Знак`` is
Belarusian, ``Максим Знак`` Russian, and ``Марат`` is either: :func:`detect_language` says
``"unknown"`` rather than guess.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["detect_language", "detect_script"]

_BE_ONLY = frozenset("іўІЎ'’ʼ")
_RU_ONLY = frozenset("иИщЩъЪ")
#: Letters of Łacinka that Polish does not use (ł and ś ć ź ń are shared and decide nothing alone).
_LACINKA_ONLY = frozenset("ŭŬčČšŠžŽ")
_LACINKA_SHARED = frozenset("łŁśŚćĆźŹńŃ")
_POLISH_ONLY = frozenset("ąĄęĘóÓżŻ")
_POLISH_DIGRAPHS = ("sz", "cz", "rz", "w")
#: Without any diacritic only these say Polish (Andrzej Poczobut); w alone does not (Andrew).
_POLISH_ASCII_DIGRAPHS = ("sz", "cz", "rz")


@lru_cache(maxsize=8192)
def _letter_script(ch: str) -> str:
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return ""
    if name.startswith("CYRILLIC"):
        return "Cyrl"
    if name.startswith("LATIN"):
        return "Latn"
    return "other"


def detect_script(text: str) -> str:
    """``"Cyrl"``, ``"Latn"``, ``"mixed"`` (letters of both, or of another script) or ``"none"``."""
    seen: set[str] = set()
    for ch in text:
        if ch.isalpha():
            seen.add(_letter_script(ch))
    if not seen:
        return "none"
    if len(seen) == 1:
        only = next(iter(seen))
        return only if only in ("Cyrl", "Latn") else "mixed"
    return "mixed"


def detect_language(text: str) -> str:
    """The language a name's spelling shows, or ``"unknown"``.

    Cyrillic: ``"be"`` (і ў ') or ``"ru"`` (и щ ъ); both or neither give ``"unknown"``.
    Latin: ``"be-latn"`` for Łacinka (ŭ č š ž, or ł ś ć ź ń without Polish letters or digraphs),
    ``"pl"`` for Polish (ą ę ó ż; ł ś ć ź ń with sz cz rz w; or sz cz rz alone, as in
    ``Andrzej Poczobut``), otherwise ``"unknown"`` —
    plain ASCII such as ``Ales Bialiatski`` could be any romanisation.
    """
    script = detect_script(text)
    chars = set(text)
    if script == "Cyrl":
        be = bool(chars & _BE_ONLY)
        ru = bool(chars & _RU_ONLY)
        if be and not ru:
            return "be"
        if ru and not be:
            return "ru"
        return "unknown"
    if script == "Latn":
        lower = text.lower()
        if chars & _POLISH_ONLY:
            return "pl"
        if chars & _LACINKA_ONLY:
            return "be-latn"
        if chars & _LACINKA_SHARED:
            if any(d in lower for d in _POLISH_DIGRAPHS):
                return "pl"
            return "be-latn"
        if any(d in lower for d in _POLISH_ASCII_DIGRAPHS):
            return "pl"
        return "unknown"
    return "unknown"
