"""The language of a document: English, Belarusian or Russian, told by its letters."""

from __future__ import annotations

__all__ = ["detect_language"]

_BE_ONLY = frozenset("іўІЎ")
_RU_ONLY = frozenset("ищъИЩЪ")


def detect_language(text: str) -> str:
    """``en``, ``be`` or ``ru``: Latin letters outnumbering Cyrillic ones make English, unless
    they are Belarusian Łacinka (:func:`~letapis.extract.orthography.is_lacinka`); among
    Cyrillic texts, і and ў (Belarusian only) against и, щ, ъ (Russian only) decide."""
    latin = cyrillic = be = ru = 0
    for ch in text[:20000]:
        if "a" <= ch <= "z" or "A" <= ch <= "Z":
            latin += 1
        elif "\u0400" <= ch <= "\u04ff":
            cyrillic += 1
            if ch in _BE_ONLY:
                be += 1
            elif ch in _RU_ONLY:
                ru += 1
    if latin >= cyrillic:
        from letapis.extract.orthography import is_lacinka

        return "be" if is_lacinka(text) else "en"
    return "be" if be > ru else "ru"
