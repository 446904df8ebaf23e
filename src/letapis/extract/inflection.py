"""Belarusian and Russian personal names from any case back to the nominative.

``Артёма Гурского`` → ``Артём Гурский``, ``Марыі Калеснікавай`` → ``Марыя Калеснікава``,
``Ігарам Лосікам`` → ``Ігар Лосік``. The given name tells the case and the sex (it is looked up
in the names core's given-name families); the surname is then rewritten by the endings table in
``lexicon/inflection.yaml``. Latin-script names are returned unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from letapis.extract.lexicons import load
from letapis.extract.morph import cases_of_given, is_russian_word, nominative_in_agreement, nominative_of, readings

__all__ = [
    "GivenName",
    "given_name",
    "is_given_name",
    "is_surname_first",
    "alternative_nominative",
    "nominative",
    "nominative_surname",
    "official_spelling",
    "surname_forms",
]

_VOWELS = set("аеёіиоуўыэюяaeiouy")


@dataclass(frozen=True)
class GivenName:
    """A given name read from a word: its nominative, its sex (m/f/None) and whether the word was
    in an oblique case."""

    nominative: str
    sex: str | None
    oblique: bool


@cache
def _given_forms() -> dict[str, str | None]:
    """Every exact given-name form (lower case) → sex, from the names core's families, with the
    Łacinka, national and Russian romanisations of the Cyrillic forms."""
    from letapis.names.given import families
    from letapis.names.translit import be_to_lacinka, be_to_national, be_to_passport, ru_to_latin

    out: dict[str, str | None] = {}

    def add(form: str, sex: str) -> None:
        key = form.lower().replace("ё", "е")
        if key in out and out[key] != sex:
            out[key] = None  # Саша: both
        else:
            out[key] = sex

    extra = load("names")["given"]
    for sex in ("m", "f"):
        for form in extra[sex]:
            add(str(form), sex)
    for family in families().values():
        for lang, values in family.forms.items():
            for form in values:
                add(form, family.sex)
                if lang in ("be", "ru", "uk", "dim") and any("а" <= c <= "я" or c in "ёіў" for c in form.lower()):
                    for spelled in (be_to_lacinka(form), be_to_national(form), be_to_passport(form)):
                        add(spelled, family.sex)
                    for system in ("bgn", "press", "passport"):
                        add(ru_to_latin(form, system), family.sex)
    return out


def is_given_name(word: str) -> bool:
    """Whether ``word`` is a given name in the nominative (any script, any spelling we know)."""
    forms = _given_forms()
    return word.lower().replace("ё", "е") in forms or official_spelling(word).lower() in forms


@lru_cache(maxsize=65536)
def given_name(word: str, language: str | None = None) -> GivenName | None:
    """The given name ``word`` is, in any case, or None if it is not one we know. In a Russian text
    a name the families lack is looked up in pymorphy3's dictionary (Рико, Гиорги, Мамуки)."""
    found = _given_name(word)
    if language == "ru" and found is not None and found.oblique and _common_noun(word):
        return None  # "Жена Мелешко": a case ending restored (Женя) on a word that is no name
    if found is None and language == "ru":
        return _dictionary_given_name(word)
    return found


def _common_noun(word: str) -> bool:
    """A Russian word the dictionary knows with no reading as a given name (Жена, Письма)."""
    found = readings(word)
    return any(r.known for r in found) and not any(r.kind == "name" for r in found)


def _dictionary_given_name(word: str) -> GivenName | None:
    names = [r for r in readings(word) if r.kind == "name" and r.known and r.case != "voct"]
    if len(names) == 0 or len(word) < 3:
        return None
    best = max(names, key=lambda r: r.score)
    return GivenName(nominative_of(word, best), best.sex, best.case != "nomn")


@cache
def _classical() -> tuple[tuple[str, str], ...]:
    return tuple((str(a), str(b)) for a, b in load("names")["classical"])


def official_spelling(word: str) -> str:
    """``word`` with the soft signs and ґ of the classical Belarusian orthography as the official
    one writes them (Зьміцер → Зміцер, Сьвятлана → Святлана, Натальля → Наталля), and an initial
    Ў as У (Ўлада → Улада)."""
    if word[:1] == "Ў":  # "і Ўлада Лабковіча": у after a vowel
        word = "У" + word[1:]
    if "ь" not in word and "ґ" not in word and "Ґ" not in word:
        return word
    out = word.lower()
    for classical, official in _classical():
        out = out.replace(classical, official)
    return _match_case(word, out) if word.isupper() else out[:1].upper() + out[1:] if word[:1].isupper() else out


def is_surname_first(word: str) -> bool:
    """A family name written before the given name (Huang Xueqin): ``names.yaml`` surname_first."""
    return word in _surname_first()


@cache
def _surname_first() -> frozenset[str]:
    return frozenset(str(w) for w in load("names")["surname_first"])


@lru_cache(maxsize=65536)
def _given_name(word: str) -> GivenName | None:
    word = word.replace("’", "'").replace("ʼ", "'")
    if word.endswith("'"):
        word = word[:-1]  # Kastus’: a soft sign romanised
    if not _is_cyrillic(word) and word.isalpha() and word.lower() not in _given_forms():
        # Łacinka in a case (Dzianisam, Mikałaja): read in Cyrillic, given back in Łacinka
        from letapis.names.translit import be_to_lacinka, lacinka_to_be

        cyrillic = _given_name_as_written(official_spelling(lacinka_to_be(word)))  # Ŭładzimira: У
        if cyrillic is not None and cyrillic.oblique:
            return GivenName(be_to_lacinka(cyrillic.nominative), cyrillic.sex, True)
    found = _given_name_as_written(word)
    if found is None:
        official = official_spelling(word)
        if official != word:
            found = _given_name_as_written(official)
    return found


def _given_name_as_written(word: str) -> GivenName | None:
    forms = _given_forms()
    key = word.lower().replace("ё", "е")
    if key in forms:
        return GivenName(word, forms[key], False)
    table = load("inflection")["given"]
    irregular: dict[str, str] = table["irregular"]
    if word in irregular:
        nom = irregular[word]
        return GivenName(nom, forms.get(nom.lower().replace("ё", "е")), True)
    if not _is_cyrillic(word):
        from letapis.names.given import family_sex, given_name_families

        ids = given_name_families(word)  # a spelling the tables do not make (Pavieł): the loose key
        return None if len(ids) == 0 or len(word) < 3 else GivenName(word, family_sex(ids), False)
    for candidate, ckey in _restored(word):
        if ckey in forms:
            return GivenName(candidate, forms[ckey], True)
    return None


def _is_cyrillic(word: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in word)


def _match_case(template: str, word: str) -> str:
    return word.upper() if template.isupper() and len(template) > 1 else word


@lru_cache(maxsize=65536)
def _oblique_reading(word: str) -> GivenName | None:
    """The reading of ``word`` as an oblique case of another given name (Алеся → Алесь)."""
    forms = _given_forms()
    key = word.lower().replace("ё", "е")
    for candidate, ckey in _restored(word):
        if ckey in forms and ckey != key:
            return GivenName(candidate, forms[ckey], True)
    return None


def _restored(word: str) -> Iterator[tuple[str, str]]:
    """Each nominative ``word`` would have were it an oblique case of a given name, with its
    key: the lexicon's oblique endings taken off, each restoring ending put on."""
    if word[:1] == "Ў":  # "і Ўладзіміра": у after a vowel
        word = "У" + word[1:]
    key = word.lower().replace("ё", "е")
    table = load("inflection")["given"]
    never_from: dict[str, list[str]] = table["never_from"]
    forms = _given_forms()
    for ending in table["oblique"]:
        if len(word) > len(ending) + 1 and key.endswith(ending):
            stem = word[: len(word) - len(ending)]
            for restore in table["restore"]:
                if restore in never_from.get(ending, ()):
                    continue  # Настю is not Наста's
                candidate = stem + restore
                ckey = candidate.lower().replace("ё", "е")
                if restore == "" and forms.get(ckey) == "f":
                    continue  # a woman's name in a consonant does not decline: Марину is not Марин's
                yield candidate, ckey


@lru_cache(maxsize=65536)
def _oblique_readings(word: str) -> tuple[GivenName, ...]:
    """Every given name ``word`` may be an oblique case of (Алесем: Алеся, Алесь)."""
    forms = _given_forms()
    out: list[GivenName] = []
    for candidate, ckey in _restored(word):
        if ckey in forms and all(g.nominative != candidate for g in out):
            out.append(GivenName(candidate, forms[ckey], True))
    return tuple(out)


@lru_cache(maxsize=65536)
def nominative_surname(
    surname: str, sex: str | None, *, oblique: bool, strict: bool = False, russian: bool = False
) -> str:
    """The nominative of a Cyrillic ``surname``. With ``oblique`` (the given name was in an oblique
    case) every rule of ``sex`` may apply; without it only the adjectival ones (-скага, -ской).
    A fleeting vowel comes back before a final к (Ашурка → Ашурак; ``russian``: Дедка → Дедок)."""
    if not _is_cyrillic(surname) or "-" in surname:
        if "-" in surname:  # a double surname: each part on its own
            return "-".join(nominative_surname(p, sex, oblique=oblique) for p in surname.split("-"))
        return surname
    table = load("inflection")["surname"]
    lower = surname.lower()
    sexes = ("m", "f") if sex is None else (sex,)
    for s in sexes:
        for ending, nominative in table["adjectival"][s]:
            if lower.endswith(ending) and len(lower) > len(ending) + 1:
                return surname[: len(surname) - len(ending)] + _match_case(surname, nominative)
    if not oblique or sex is None:
        return surname
    for ending, nominative in table[sex]:
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            return surname[: len(surname) - len(ending)] + _match_case(surname, nominative)
    if sex == "m" and not strict and not lower.endswith(tuple(table["m_nominative"])):
        for ending in table["m_consonant"]:
            stem = lower[: len(lower) - len(ending)]
            if lower.endswith(ending) and len(stem) >= 3 and stem[-1] not in _VOWELS and stem[-1] not in "ьй'":
                if stem[-1] == "к" and stem[-2] not in _VOWELS and stem[-2] not in "ьй'сшцчк":
                    # a fleeting vowel: Ашурка → Ашурак, Дедком → Дедок
                    return surname[: len(stem) - 1] + ("о" if russian else "а") + surname[len(stem) - 1 : len(stem)]
                return surname[: len(stem)]
    return surname


@lru_cache(maxsize=65536)
def nominative(name: str, language: str | None = None) -> str:
    """The nominative of a whole name written as words (given name and surname in either order;
    initials and patronymics are kept as they are). In a Russian text (``language`` ru) the
    surname is read with pymorphy3 first."""
    words = name.split()
    found: tuple[int, GivenName] | None = None
    for i, word in enumerate(words):
        g = given_name(word, language)
        if g is not None:
            found = (i, g)
            break
    if found is None:
        return " ".join(nominative_surname(w, None, oblique=False) if len(w) > 2 else w for w in words)
    index, given = found
    if not any(_is_cyrillic(w) for w in words) and (given.oblique or language == "be"):
        # Łacinka is read in Cyrillic: a case (Dzianisam), and in a Belarusian text a given name
        # that is a woman's nominative and a man's genitive (Alesia Puškina is Aleś's genitive)
        from letapis.names.translit import be_to_lacinka, lacinka_to_be

        cyrillic = lacinka_to_be(name)
        read = nominative(cyrillic, "be")
        return name if read == cyrillic and not given.oblique else be_to_lacinka(read)
    if given.oblique and len(words) > 1:
        # Алесем: Алесь's or Алеся's instrumental? The reading whose sex a surname rule fits
        # (Бяляцкім → Бяляцкі) wins over the first one found.
        rest = [w for i, w in enumerate(words) if i != index]
        for reading in _oblique_readings(words[index]):
            # Валянціну Стэфановіч: a man's surname in a consonant would be in a case too
            if (
                reading.sex != given.sex
                and all(nominative_surname(w, given.sex, oblique=True) == w for w in rest)
                and (
                    any(nominative_surname(w, reading.sex, oblique=True) != w for w in rest)
                    or (reading.sex == "f" and all(_a_man_s_would_decline(w) for w in rest))
                )
            ):
                given = reading
                break
    if not given.oblique and len(words) > 1:
        # Алеся, Аляксандра: a nominative of one name and an oblique case of another; the
        # surname decides (Алеся Бяляцкага is Алесь's genitive).
        other = _oblique_reading(words[index])
        if (
            other is not None
            and other.sex != given.sex
            and any(nominative_surname(w, other.sex, oblique=True) != w for i, w in enumerate(words) if i != index)
        ):
            given = other
    out = []
    for i, word in enumerate(words):
        if i == index:
            out.append(given.nominative)
        elif len(word) <= 2 or word.endswith("."):
            out.append(word)
        else:
            out.append(_surname_beside(word, words[index], given, language == "ru"))
    return " ".join(out)


@lru_cache(maxsize=65536)
def alternative_nominative(name: str, language: str | None = None) -> str | None:
    """The other reading of a name whose given name is both a nominative of one sex and an oblique
    case of the other (Аляксандра, Алеся: "Аляксандра Лукашэнка" is a woman, or Аляксандр's
    genitive), when the surname allows it; None for a name that has one reading. The caller
    decides by the document's other mentions."""
    words = name.split()
    if language == "be" and not any(_is_cyrillic(w) for w in words):
        from letapis.names.translit import be_to_lacinka, lacinka_to_be

        found = alternative_nominative(lacinka_to_be(name), "be")  # Alesia Puškina: read in Cyrillic
        return None if found is None else be_to_lacinka(found)
    for index, word in enumerate(words):
        given = given_name(word, language)
        if given is None:
            continue
        other = _oblique_reading(word)
        if given.oblique or other is None or other.sex == given.sex or other.sex is None:
            return None
        readings = []
        for reading in (given, other):
            out = list(words)
            out[index] = reading.nominative
            for i, w in enumerate(words):
                if i != index and len(w) > 2 and not w.endswith("."):
                    out[i] = _surname_beside(w, word, reading, language == "ru")
            readings.append(" ".join(out))
        chosen = nominative(name, language)
        if chosen == readings[1] and not all(_nominative_shape(w) for i, w in enumerate(words) if i != index):
            return None  # "Аляксандра Лукашэнкі", "Алеся Бяляцкага": a case form, not a woman's name
        alternative = readings[1] if chosen == readings[0] else readings[0]
        return None if alternative == chosen else alternative
    return None


_OBLIQUE_ENDINGS = ("і", "ы", "и", "ага", "ого", "аго", "ому", "аму", "ым", "ім", "им", "ом", "ам", "ем", "у", "ю", "е")


def _a_man_s_would_decline(surname: str) -> bool:
    """Whether a Cyrillic surname ends in a consonant that a man's surname keeps only in the
    nominative (Стэфановіч, Лабковіч): beside a given name in a case it is a woman's."""
    last = surname[-1:].lower()
    return _is_cyrillic(surname) and last.isalpha() and last not in _VOWELS and last not in "ьйў'"


def _nominative_shape(surname: str) -> bool:
    """Whether a surname may be a nominative as written (not Лукашэнкі, Бяляцкага, Знаку)."""
    return len(surname) <= 2 or surname.endswith(".") or not surname.lower().endswith(_OBLIQUE_ENDINGS)


def _surname_beside(surname: str, written_given: str, given: GivenName, russian: bool) -> str:
    """The nominative of ``surname`` written beside the given name ``written_given``: a Russian
    surname in the case and sex pymorphy3 reads in the given name (its dictionary knows foreign and
    adjectival surnames the endings table does not: Кригером, Кара-Мурзы, Навального), else the
    endings table."""
    if russian and is_russian_word(surname) and is_russian_word(written_given):
        # an indeclinable given name (Рико, Гиорги) may stand in any case: the surname tells
        cases = cases_of_given(written_given, given.sex)
        if not given.oblique and len(cases) < 3:
            cases = frozenset()
        elif given.oblique:
            cases = cases - {"nomn"}
        if len(cases) > 0:
            found = nominative_in_agreement(surname, cases, given.sex)
            if found is not None:
                return found
    return nominative_surname(surname, given.sex, oblique=given.oblique, russian=russian)


@lru_cache(maxsize=65536)
def surname_forms(word: str) -> tuple[str, ...]:
    """The nominatives a surname written alone may stand for, a man's and a woman's: Лосіка →
    Лосік, Колесниковой → Колесникова, Aŭtuchoviča → Aŭtuchovič (Łacinka, read in Cyrillic),
    Losik's → Losik."""
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    forms = [word]
    for sex in ("m", "f"):
        forms.append(nominative_surname(word, sex, oblique=True))
    if not _is_cyrillic(word) and word.isalpha():
        from letapis.names.translit import be_to_lacinka, lacinka_to_be

        cyrillic = lacinka_to_be(word)
        for sex in ("m", "f"):
            form = nominative_surname(cyrillic, sex, oblique=True)
            if form != cyrillic:
                forms.append(be_to_lacinka(form))
    return tuple(dict.fromkeys(forms))
