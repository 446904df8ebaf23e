"""Transliteration between Belarusian Cyrillic, Łacinka, the romanisations and Russian forms.

Every direction is a table in ``tables/*.yaml`` read once by a small engine; the tables carry
the comments that say which standard they follow. The functions take any text and leave what
they do not know (digits, punctuation, other scripts) unchanged.

- :func:`be_to_lacinka` / :func:`lacinka_to_be` — Belarusian Cyrillic ↔ Łacinka, exact both ways
  on names (Алесь Бяляцкі ↔ Aleś Bialacki).
- :func:`be_to_national` — the official national romanisation (Aleś Bialiacki).
- :func:`be_to_passport` — passport and English-press forms (Ales Bialiatski).
- :func:`ru_to_latin` — Russian Cyrillic in one of :data:`RU_SYSTEMS`.
- :func:`ru_to_be` / :func:`be_to_ru` — the regular spelling correspondences of surnames.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

__all__ = [
    "RU_SYSTEMS",
    "be_to_lacinka",
    "be_to_national",
    "be_to_passport",
    "be_to_ru",
    "lacinka_pieces",
    "lacinka_to_be",
    "ru_to_be",
    "ru_to_latin",
]

#: The Russian romanisation systems :func:`ru_to_latin` offers (see tables/ru_latin.yaml).
RU_SYSTEMS = ("bgn", "press", "passport", "scholarly")

_CYR_VOWELS = frozenset("аеёіиоуыэюя")
#: After these the iotated vowels are written with j (Андрэева → Andrejeva, Салаўёў → Sałaŭjoŭ).
_NOT_CONSONANT = _CYR_VOWELS | frozenset("ьъ'’ʼў")


@dataclass(frozen=True)
class _Table:
    letters: dict[str, str]
    iotated: dict[str, tuple[str, str]]
    digraphs: dict[str, str] = field(default_factory=dict)
    soft: dict[str, str] = field(default_factory=dict)
    endings: dict[str, str] = field(default_factory=dict)
    l_hard: str | None = None
    l_soft: str | None = None
    drop_i_before_iotated: bool = False


def _load_yaml(name: str) -> Any:
    text = resources.files("letapis.names").joinpath("tables", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _str_map(raw: Any, where: str) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in raw.items()):
        raise ValueError(f"{where}: expected a mapping of strings to strings")
    return dict(raw)


def _table(raw: Any, where: str) -> _Table:
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: expected a mapping")
    iotated: dict[str, tuple[str, str]] = {}
    for key, value in (raw.get("iotated") or {}).items():
        if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
            raise ValueError(f"{where}: iotated {key!r} needs [after consonant, elsewhere]")
        iotated[str(key)] = (value[0], value[1])
    letters = _str_map(raw.get("letters"), where)
    missing = set("абвгдзклмнопрстуфхцчшы") - set(letters)
    if missing:
        raise ValueError(f"{where}: letters missing {''.join(sorted(missing))}")
    l_rules = raw.get("l_rules") or {}
    return _Table(
        letters=letters,
        iotated=iotated,
        digraphs=_str_map(raw.get("digraphs"), where),
        soft=_str_map(raw.get("soft"), where),
        endings=_str_map(raw.get("endings"), where),
        l_hard=l_rules.get("hard"),
        l_soft=l_rules.get("soft"),
        drop_i_before_iotated=bool(l_rules.get("drop_i_before_iotated", False)),
    )


@cache
def _be_table(name: str) -> _Table:
    return _table(_load_yaml(f"be_{name}.yaml"), f"be_{name}.yaml")


@cache
def _ru_table(system: str) -> _Table:
    raw = _load_yaml("ru_latin.yaml")
    systems = raw.get("systems", {})
    if system not in systems:
        raise ValueError(f"unknown Russian romanisation {system!r}; choose one of {', '.join(RU_SYSTEMS)}")
    return _table(systems[system], f"ru_latin.yaml:{system}")


@cache
def _rules(name: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    raw = _load_yaml(name)
    out = []
    for pair in raw["rules"]:
        if not (isinstance(pair, list) and len(pair) == 2):
            raise ValueError(f"{name}: each rule is [pattern, replacement]")
        out.append((re.compile(pair[0]), pair[1]))
    return tuple(out)


def _cased(rep: str, src: str, text: str, start: int, end: int) -> str:
    """Give ``rep`` the case of ``src`` (text[start:end]): Ч → Č, Ч in ЧАРНЕЦКІ → Č, Х → Ch / CH."""
    if not src[:1].isupper() or rep == "":
        return rep
    nxt = text[end] if end < len(text) else ""
    prv = text[start - 1] if start > 0 else ""
    if (len(src) > 1 and src[1].isupper()) or nxt.isupper() or (prv.isupper() and not nxt.isalpha()):
        return rep.upper()
    return rep[:1].upper() + rep[1:]


def _romanise(text: str, t: _Table) -> str:
    low = text.lower()
    n = len(text)
    out: list[str] = []
    i = 0
    while i < n:
        c = low[i]
        prev = low[i - 1] if i > 0 else ""
        prev_is_consonant = prev.isalpha() and prev not in _NOT_CONSONANT
        step = 1
        rep: str | None = None
        for ending, erep in t.endings.items():
            j = i + len(ending)
            if low.startswith(ending, i) and prev.isalpha() and (j == n or not low[j].isalpha()):
                rep, step = erep, len(ending)
                break
        if rep is None:
            for dg, drep in t.digraphs.items():
                if low.startswith(dg, i):
                    if i + 2 < n and low[i + 2] == "ь" and dg in t.soft:
                        rep, step = t.soft[dg], 3
                    else:
                        rep, step = drep, 2
                    break
        if rep is None:
            nxt = low[i + 1] if i + 1 < n else ""
            if c in t.iotated:
                after, elsewhere = t.iotated[c]
                if prev_is_consonant and prev == "л" and t.drop_i_before_iotated:
                    rep = elsewhere[1:]
                elif prev_is_consonant:
                    rep = after
                else:
                    rep = elsewhere
            elif c == "л" and t.l_hard is not None and t.l_soft is not None:
                if nxt == "ь":
                    rep, step = t.soft.get("л", t.l_soft), 2
                elif nxt in t.iotated or nxt in "іи":
                    rep = t.l_soft
                elif nxt == "л" and i + 2 < n and (low[i + 2] in t.iotated or low[i + 2] in "іиь"):
                    rep = t.l_soft  # a doubled soft л is soft twice: Наталля → Natalla
                else:
                    rep = t.l_hard
            elif c in t.soft and nxt == "ь":
                rep, step = t.soft[c], 2
            elif c in t.letters:
                rep = t.letters[c]
        out.append(text[i] if rep is None else _cased(rep, text[i : i + step], text, i, i + step))
        i += step
    return "".join(out)


@lru_cache(maxsize=65536)
def be_to_lacinka(text: str) -> str:
    """Belarusian Cyrillic → Łacinka: ``Алесь Бяляцкі`` → ``Aleś Bialacki``."""
    return _romanise(text, _be_table("lacinka"))


@lru_cache(maxsize=65536)
def be_to_national(text: str) -> str:
    """Belarusian Cyrillic → the national romanisation (2007): ``Бяляцкі`` → ``Bialiacki``."""
    return _romanise(text, _be_table("national"))


@lru_cache(maxsize=65536)
def be_to_passport(text: str) -> str:
    """Belarusian Cyrillic → passport / English press form: ``Алесь Бяляцкі`` → ``Ales Bialiatski``."""
    return _romanise(text, _be_table("passport"))


@lru_cache(maxsize=65536)
def ru_to_latin(text: str, system: str = "bgn") -> str:
    """Russian Cyrillic → Latin in ``system`` (one of :data:`RU_SYSTEMS`).

    ``bgn`` (BGN/PCGN without apostrophes: Yekaterina Andreyeva, Belyatskiy), ``press``
    (Belyatsky, Pyotr), ``passport`` (ICAO 2013, Russian passports: Ekaterina Andreeva, Iurii),
    ``scholarly`` (Jurij, Čechov). An unknown system raises :class:`ValueError`.
    """
    return _romanise(text, _ru_table(system))


# --- Łacinka → Cyrillic -------------------------------------------------------------------

_LAT_VOWELS = frozenset("aeiouy")
_IOTATED_BACK = {"a": "я", "e": "е", "o": "ё", "u": "ю"}
_PLAIN_BACK = {"a": "а", "e": "э", "o": "о", "u": "у", "y": "ы", "i": "і"}


@cache
def _lacinka_back() -> tuple[dict[str, str], dict[str, str]]:
    """(single letters, soft letters) of Łacinka → Cyrillic, inverted from be_lacinka.yaml."""
    t = _be_table("lacinka")
    single: dict[str, str] = {}
    for cyr, lat in t.letters.items():
        if len(lat) == 1 and cyr not in ("и", "щ", "ъ", "ь", "'") and cyr not in single.values():
            single.setdefault(lat, cyr)
    soft = {lat: cyr + "ь" for cyr, lat in t.soft.items()}
    return single, soft


@lru_cache(maxsize=65536)
def lacinka_to_be(text: str) -> str:
    """Łacinka → Belarusian Cyrillic: ``Aleś Bialacki`` → ``Алесь Бяляцкі``.

    The inverse of :func:`be_to_lacinka` on names. ``i`` before a vowel after a consonant marks
    softness (``Bialacki`` → Бяляцкі); ``j`` before a vowel after a consonant becomes the
    apostrophe (``Vierabjoŭ`` → Вераб'ёў); ``l`` is soft ``л`` and ``ł`` hard ``л``.
    """
    return "".join(piece for _, _, piece in lacinka_pieces(text))


def lacinka_pieces(text: str) -> list[tuple[int, int, str]]:
    """:func:`lacinka_to_be` piece by piece: ``(start, end, cyrillic)`` for each run of ``text``
    it reads as one (``dź`` → ``дзь``, ``ia`` after a consonant → ``я``), in order, covering
    ``text``; a reader of a whole document keeps the offsets of what it finds in Cyrillic."""
    single, soft = _lacinka_back()
    low = text.lower()
    n = len(text)
    out: list[tuple[int, int, str]] = []
    i = 0

    def letter_before(pos: int) -> str:
        return low[pos - 1] if pos > 0 else ""

    while i < n:
        c = low[i]
        nxt = low[i + 1] if i + 1 < n else ""
        nxt2 = low[i + 2] if i + 2 < n else ""
        prev = letter_before(i)
        prev_is_consonant = prev.isalpha() and prev not in _LAT_VOWELS and prev != "ŭ"
        step = 1
        rep: str | None = None
        if c == "d" and nxt == "z" and nxt2 == "́":  # combining acute on z: dź decomposed
            rep, step = "дзь", 3
        elif c == "d" and nxt == "ź":
            rep, step = "дзь", 2
        elif c == "d" and nxt == "ž":
            rep, step = "дж", 2
        elif c == "d" and nxt == "z":
            rep, step = "дз", 2
        elif c == "c" and nxt == "h":
            rep, step = "х", 2
        elif c == "j" and nxt in _IOTATED_BACK:
            vowel = _IOTATED_BACK[nxt]
            if prev_is_consonant and prev in soft:
                rep = vowel  # the consonant already wrote its ь: Ilja → Ілья
            elif prev_is_consonant and prev.isalpha():
                rep = "'" + vowel
            else:
                rep = vowel
            step = 2
        elif c == "i" and nxt in _IOTATED_BACK and prev_is_consonant:
            rep, step = _IOTATED_BACK[nxt], 2
        elif c == "l":
            if nxt in _IOTATED_BACK:
                rep, step = "л" + _IOTATED_BACK[nxt], 2
            elif nxt in ("i", "y", "l"):
                rep = "л"
            else:
                rep = "ль"
        elif c in _PLAIN_BACK:
            rep = _PLAIN_BACK[c]
        elif c in soft:
            rep = soft[c]
        elif c in single:
            rep = single[c]
        out.append((i, i + step, text[i] if rep is None else _cased(rep, text[i : i + step], text, i, i + step)))
        i += step
    return out


def _apply_rules(text: str, rules_file: str) -> str:
    def one_word(word: str) -> str:
        low = word.lower()
        for pattern, rep in _rules(rules_file):
            low = pattern.sub(rep, low)
        if word[:1].isupper():
            return low.upper() if word.isupper() and len(word) > 1 else low[:1].upper() + low[1:]
        return low

    return re.sub(r"[^\W\d_'’]+", lambda m: one_word(m.group(0)), text)


@lru_cache(maxsize=65536)
def ru_to_be(text: str) -> str:
    """Russian spelling → Belarusian spelling by the regular rules of tables/ru_be.yaml.

    ``Тихановский`` → ``Ціханоўскі``; stress-dependent vowels are left as they are.
    """
    return _apply_rules(text, "ru_be.yaml")


@lru_cache(maxsize=65536)
def be_to_ru(text: str) -> str:
    """Belarusian spelling → an approximate Russian spelling (tables/be_ru.yaml): Бяляцкі → Беляцкий."""
    return _apply_rules(text, "be_ru.yaml")
