"""Russian morphology from pymorphy3 and its OpenCorpora dictionary, behind a small typed API.

Measured against the extractor's own endings table on the same inflected names (docs/extract.md,
"The field's libraries, measured"), pymorphy3 puts Russian names back into the nominative more
often, foreign and adjectival ones above all (Кригером, Гершковича, Кара-Мурзы, Навального);
it knows given names the families lack and tells a common noun from a name. It knows no
Belarusian: Belarusian words are never given to it (:func:`is_russian_word`).

pymorphy3 has no type information; every call to it stays in this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

__all__ = [
    "Reading",
    "agrees_with_a_woman",
    "is_a_word_not_a_name",
    "cases_of_given",
    "is_russian_word",
    "nominative_in_agreement",
    "nominative_of",
    "readings",
]

_BELARUSIAN_ONLY = frozenset("іўґ'’ʼ")
_GENDER = {"masc": "m", "femn": "f"}


@dataclass(frozen=True)
class Reading:
    """One analysis of a word as a singular noun or adjective: its case, its sex (m, f or None),
    its kind (name, surname, patronymic, place, organisation or word) and whether the dictionary
    knows the word (``known``) or guessed it from its ending."""

    case: str
    sex: str | None
    kind: str
    known: bool
    score: float
    #: the dictionary's lemma (a masculine for a woman's surname: колесников)
    lemma: str
    #: where the reading stands among the analyser's parses of the word
    index: int


@cache
def _analyzer() -> Any:
    try:
        import pymorphy3  # the dictionary (pymorphy3-dicts-ru) is a package: nothing is downloaded
    except ImportError as exc:  # a virtualenv made before pymorphy3 became a dependency
        raise ImportError("letapis.extract needs pymorphy3: run `.venv/bin/pip install -e .`") from exc
    return pymorphy3.MorphAnalyzer()


def is_russian_word(word: str) -> bool:
    """A Cyrillic word that Russian spelling allows (no і, ў, ґ, apostrophe)."""
    lower = word.lower()
    return any("а" <= c <= "я" or c == "ё" for c in lower) and not any(c in _BELARUSIAN_ONLY for c in lower)


def _kind(tag: Any) -> str:
    for grammeme, kind in (("Name", "name"), ("Surn", "surname"), ("Patr", "patronymic")):
        if grammeme in tag:
            return kind
    if "Geox" in tag:
        return "place"
    if "Orgn" in tag:
        return "organisation"
    return "word"


def _capitalise(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


@lru_cache(maxsize=65536)
def readings(word: str) -> tuple[Reading, ...]:
    """The singular noun and adjective readings of a Russian ``word``, best first; none for a word
    Russian spelling does not allow."""
    if not is_russian_word(word):
        return ()
    out: list[Reading] = []
    for index, parse in enumerate(_analyzer().parse(word)):
        tag = parse.tag
        if tag.POS not in ("NOUN", "ADJF") or tag.number == "plur" or tag.case is None:
            continue
        sex = _GENDER.get(str(tag.gender)) if tag.gender is not None else None
        known = bool(parse.is_known)
        lemma = _capitalise(parse.normal_form, word)
        out.append(Reading(str(tag.case), sex, _kind(tag), known, float(parse.score), lemma, index))
    return tuple(out)


@lru_cache(maxsize=65536)
def nominative_of(word: str, reading: Reading) -> str:
    """``word`` in the nominative of ``reading``, keeping its sex (Колесниковой → Колесникова)."""
    parse = _analyzer().parse(word)[reading.index]
    form = parse.inflect({"nomn"})
    return _capitalise(form.word if form is not None else parse.normal_form, word)


def nominative_in_agreement(word: str, cases: frozenset[str], sex: str | None) -> str | None:
    """The nominative of ``word`` read in one of ``cases`` and of ``sex`` (the given name beside it
    decided both), preferring a surname reading; None when no reading agrees."""
    agreeing = [r for r in readings(word) if r.case in cases and (sex is None or r.sex in (sex, None))]
    if len(agreeing) == 0:
        return None
    best = max(agreeing, key=lambda r: (r.kind == "surname", r.kind in ("name", "word"), r.score))
    return nominative_of(word, best)


def cases_of_given(word: str, sex: str | None) -> frozenset[str]:
    """The cases a given name (of ``sex``) may be in, as pymorphy3 reads it."""
    return frozenset(
        r.case for r in readings(word) if r.kind == "name" and (sex is None or r.sex == sex) and r.case != "voct"
    )


@lru_cache(maxsize=65536)
def agrees_with_a_woman(word: str) -> bool:
    """Whether a Russian ``word`` may agree with a woman named right after it: a feminine noun for
    a person or an adjective in the nominative singular (журналистка, известная) or a verb in the
    feminine past (сказала)."""
    if not is_russian_word(word):
        return False
    for parse in _analyzer().parse(word):
        tag = parse.tag
        if tag.gender != "femn" or tag.number == "plur":
            continue
        if tag.POS in ("VERB", "PRTS", "ADJS") or (tag.case == "nomn" and (tag.POS != "NOUN" or tag.animacy == "anim")):
            return True  # a person's noun only: "пресс-служба Александра X" is a man's service
    return False


@lru_cache(maxsize=65536)
def is_a_word_not_a_name(word: str) -> bool:
    """Whether the dictionary knows a Russian ``word`` only as a word that is no noun, no adjective
    (Белая may be a surname) and no name: a short participle, a verb, an adverb (Задержана,
    Помилованы, Вчера)."""
    if not is_russian_word(word):
        return False
    parses = _analyzer().parse(word)
    return all(
        bool(p.is_known)
        and p.tag.POS not in ("NOUN", "ADJF")
        and not any(g in p.tag for g in ("Name", "Surn", "Patr", "Geox"))
        for p in parses
    )
