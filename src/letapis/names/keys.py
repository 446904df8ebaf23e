"""Script-independent keys of names: what stays the same across Belarusian, Russian and Latin forms.

A name part is reduced in three steps:

1. Cyrillic (Belarusian or Russian) is written in Łacinka (:func:`be_to_lacinka` reads Russian
   letters too), so both arrive in one Latin spelling with č š ž and ch for х.
2. Latin spellings are folded into one phonetic code (:func:`part_keys`, the *fine key*): the
   digraphs of Polish (cz sz rz w), English (ch sh zh kh ts) and Łacinka (č š ž ch c) meet;
   г/h/g are one letter; дз/д and ц/т are one (dzekanye, tsekanye); ў, w and v are one; soft
   and iotation markers (i/j/y before a vowel) go; о and а are one (akanye); ы/и/і are one;
   doubled letters are single. ``Бяляцкі``, ``Bialacki``, ``Bialiatski``, ``Byalyatski`` and
   ``Беляцкий`` give ``balatki``/``belatki``. Plain ASCII ``ch`` is ambiguous (English ч, Polish
   х), so a part can have two fine keys.
3. The *loose key* (:func:`loose`) folds е/я into а and forgives lost diacritics; the
   *skeleton* (:func:`skeleton`) keeps the first letter and the consonants: it also
   survives yakanye (я/е) and the vowel differences of romanisations (``balatki`` and
   ``belatki`` → ``bltk``) and lost diacritics (ш/с, ч/ц/т, ж/з are one there); it is what
   blocking uses.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from letapis.names.scripts import detect_script
from letapis.names.translit import be_to_lacinka

__all__ = ["fold", "loose", "part_keys", "skeleton"]

_VOWELS = "aeiouy"
#: Letters with diacritics in Łacinka and Polish, folded to the phonetic code's capitals:
#: C = ч, S = ш, Z = ж, J = дж, X = х. Lower-case letters are themselves.
_DIACRITIC = {
    "š": "S",
    "č": "C",
    "ž": "Z",
    "ż": "Z",
    "ł": "l",
    "ŭ": "U",
    "ś": "s",
    "ć": "t",
    "ź": "z",
    "ń": "n",
    "ĺ": "l",
    "ó": "o",
    "ą": "a",
    "ę": "e",
    "ė": "e",
    "ë": "o",
    "ü": "u",
    "ö": "o",
    "ä": "a",
    "é": "e",
    "á": "a",
    "í": "i",
    "ú": "u",
    "ý": "i",
    "ě": "e",
    "ř": "Z",
    "ů": "u",
    "ß": "s",
    "ø": "o",
    "æ": "e",
    "ʹ": "",
    "ʺ": "",
    "'": "",
    "’": "",
    "ʼ": "",
    "-": "",
}
#: Digraphs, longest first. Applied to Łacinka/Polish ("diacritic" spelling) and to ASCII alike,
#: except ``ch`` which differs (see _CH).
_DIGRAPHS = (
    ("shch", "SC"),
    ("szcz", "SC"),
    ("tsch", "C"),
    ("dzh", "J"),
    ("dž", "J"),
    ("dż", "J"),
    ("dź", "d"),
    ("tch", "C"),
    ("tsh", "C"),
    ("zh", "Z"),
    ("kh", "X"),
    ("sh", "S"),
    ("sz", "S"),
    ("cz", "C"),
    ("ts", "t"),
    ("tz", "t"),
    ("dz", "d"),
    ("ph", "f"),
    ("th", "t"),
    ("ct", "kt"),
    ("x", "ks"),
    ("q", "k"),
    ("w", "v"),
    ("g", "h"),
    ("c", "t"),
)
_GLIDE = re.compile(r"(?<=[a-zCSZJXU])[ijy](?=[aeou])")
_INITIAL_GLIDE = re.compile(r"^[ij](?=[aeou])")
_U_AFTER_VOWEL = re.compile(r"(?<=[aeo])u")
_DOUBLE = re.compile(r"(.)\1+")


def _ascii_variants(text: str) -> tuple[str, ...]:
    """The readings of ``ch`` in a spelling without diacritics: ч (English) and х (Polish, Łacinka)."""
    text = text.replace("tsch", "C").replace("sch", "S")  # German-style press spellings: Hersche
    if "ch" not in text:
        return (text,)
    return (text.replace("ch", "C"), text.replace("ch", "X"))


@lru_cache(maxsize=131072)
def fold(part: str) -> tuple[str, ...]:
    """A part in the phonetic code before vowel reduction (one or two readings)."""
    text = unicodedata.normalize("NFC", part).casefold()
    script = detect_script(text)
    from_cyrillic = script in ("Cyrl", "mixed")
    if from_cyrillic:
        text = be_to_lacinka(text).casefold()
    english = any(d in text for d in ("zh", "kh", "sh"))  # Siarzhuk: r + zh, not Polish rz
    has_diacritics = (
        from_cyrillic
        or any(ch in _DIACRITIC and ch not in "'’ʼ-" for ch in text)
        or (not english and any(d in text for d in ("sz", "cz", "rz", "w")))
    )
    if has_diacritics:
        text = text.replace("rz", "Z").replace("ch", "X")
        variants: tuple[str, ...] = (text,)
    else:
        variants = _ascii_variants(text)
    out: list[str] = []
    for variant in variants:
        v = variant
        for digraph, code in _DIGRAPHS:
            if digraph in v:
                v = v.replace(digraph, code)
        v = "".join(_DIACRITIC.get(ch, ch) for ch in v)
        v = "".join(ch for ch in v if ch.isascii() and ch.isalpha())
        out.append(v)
    return tuple(dict.fromkeys(out))


def _reduce(code: str) -> str:
    v = _U_AFTER_VOWEL.sub("v", code)  # u after a vowel is ў: Tsikhanouski / Ціханоўскі / Tikhanovsky
    v = v.replace("U", "v")  # a written ў is always в-like: Сіўцук / Сивцук
    v = _INITIAL_GLIDE.sub("y", v)
    previous = None
    while previous != v:
        previous = v
        v = _GLIDE.sub("", v)
    v = (
        v.replace("o", "a").replace("y", "i")
        if not v.startswith("y")
        else "y" + v[1:].replace("o", "a").replace("y", "i")
    )
    v = re.sub(r"i+$", "i", v)  # -ій, -ий, -ый, -iy, -ii, -yj → i
    v = re.sub(r"ij$", "i", v)
    v = v.replace("j", "i")
    v = _DOUBLE.sub(r"\1", v)
    return v


@lru_cache(maxsize=131072)
def part_keys(part: str) -> tuple[str, ...]:
    """The fine keys of one name part (usually one; two when ASCII ``ch`` is ambiguous)."""
    return tuple(dict.fromkeys(_reduce(code) for code in fold(part) if code != ""))


#: The skeleton also forgives lost diacritics (Ivašyn typed as Ivasyn, Pačobut as Pacobut):
#: ш/с, ч/ц/т, ж/з and дж/дз/д fall together, and х with г/h.
_SKELETON_CLASS = str.maketrans({"X": "h", "J": "d", "S": "s", "C": "t", "Z": "z"})


@lru_cache(maxsize=131072)
def skeleton(fine: str) -> str:
    """First letter (a vowel as ``a``) and the consonants of a fine key: ``balatki`` → ``bltk``."""
    if fine == "":
        return ""
    first = "a" if fine[0] in _VOWELS else fine[0]
    rest = "".join(ch for ch in fine[1:] if ch not in _VOWELS)
    return _DOUBLE.sub(r"\1", (first + rest).translate(_SKELETON_CLASS))


@lru_cache(maxsize=131072)
def loose(fine: str) -> str:
    """A fine key with the skeleton's consonant classes and е/я folded into а (yakanye).

    Two surnames with the same loose key differ only by regular correspondences or lost
    diacritics (Беляцкий / Бяляцкі, Herše / Хершэ); the same skeleton with another loose key
    means other vowels (Рабкова / Рыбкова), which is not evidence of one name.
    """
    folded = fine[1:] if fine.startswith("ye") else fine  # Ермашук: Yermashuk / Ermashuk
    return _DOUBLE.sub(r"\1", folded.translate(_SKELETON_CLASS).replace("e", "a"))
