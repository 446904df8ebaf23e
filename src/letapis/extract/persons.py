"""Person mentions: capitalised words in Latin (with diacritics) and Cyrillic that make a name.

A run of capitalised words is a name when one word is a given name we know, in any case or
spelling (the names core's given-name families: Aleś, Alaksandr, Kaciaryna, Andrzej, Артёма,
Марыі), and the word beside it has the shape of a surname; in "Surname Given" order (lists) too.
An initial and a surname (``А. Лукашэнка``) is a name of lower confidence. Months, places,
organisations and common words that open a sentence are never part of a name (``stop_words`` of
each language's lexicon).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from letapis.extract.inflection import (
    GivenName,
    alternative_nominative,
    given_name,
    is_given_name,
    is_surname_first,
    nominative,
    nominative_surname,
    official_spelling,
)
from letapis.extract.lexicons import LANGUAGES, load
from letapis.extract.model import Span
from letapis.extract.morph import agrees_with_a_woman, is_a_word_not_a_name, nominative_of, readings

__all__ = [
    "NameMention",
    "find_name_mentions",
    "is_capitalised_word",
    "surname_shape",
    "unknown_pairs",
    "vouched_by_person_noun",
]


def _letters(predicate: str) -> str:
    chars = [chr(c) for c in range(0x41, 0x250) if chr(c).isalpha() and getattr(chr(c), predicate)()]
    chars += [chr(c) for c in range(0x400, 0x500) if chr(c).isalpha() and getattr(chr(c), predicate)()]
    return "".join(re.escape(c) for c in chars)


_UPPER = _letters("isupper")
_LOWER = _letters("islower")
#: a capitalised word; an apostrophe may stand inside either half of a double surname
#: ("Ганчарэнка-Мар’іна"), after an elided capital ("Д’Амбруа", "O’Connor") and at its end before
#: the next capitalised word (a soft sign romanised: "Kastus’ Dudarau")
_APOSTROPHE = "['’ʼ]"
_CAP = (
    rf"(?:[{_UPPER}]{_APOSTROPHE}(?=[{_UPPER}][{_LOWER}]))?[{_UPPER}][{_LOWER}]+(?:{_APOSTROPHE}[{_LOWER}]+)?"
    rf"(?:-[{_UPPER}][{_LOWER}]+(?:{_APOSTROPHE}[{_LOWER}]+)?)?(?:{_APOSTROPHE}(?=[ \u00a0][{_UPPER}]))?"
)
#: a word in capitals: an acronym (PEN, КДБ) or a surname in a list or caption (БАБАРЫКА Віктар)
_UPWORD = rf"[{_UPPER}]{{2,}}(?:-[{_UPPER}]{{2,}})?"
_WORD = rf"(?:{_CAP}|{_UPWORD})"
_INITIAL = rf"[{_UPPER}][{_LOWER}]?\."
#: a run of capitalised words and initials separated by single spaces; an editor's brackets may
#: stand inside it ("[Belarusian President Alexander] Lukashenko")
RUN = re.compile(rf"(?<![\w.])(?:{_INITIAL}\s?)*{_WORD}(?:\]?[ \u00a0]\[?(?:{_INITIAL}\s?)*{_WORD})*(?!\w)")
_TOKEN = re.compile(rf"{_INITIAL}|{_WORD}")
#: a patronymic's suffix in any case (Дзмітрыевіч, Дзмітрыевіча, Петровной, Іванаўнай)
_PATRONYMIC_ENDING = re.compile(
    r"(?:ьевіч|ьевич|авіч|евіч|ович|евич)(?:а|у|ам|ем|ом|е)?$"
    r"|(?:ьеўн|ьевн|аўн|еўн|овн|евн|ічн|ичн)(?:а|ы|е|у|ай|ой|ою|ае)$"
)


class _Patronymic:
    """A patronymic is a given name with a suffix (Дзмітрыевіч, Александровна); a surname with
    the same ending (Статкевіч) is not."""

    @staticmethod
    def match(word: str) -> bool | None:
        m = _PATRONYMIC_ENDING.search(word)
        if m is None:
            return None
        stem = word[: m.start()]
        for restore in ("", "й", "ий", "ій", "ь", "а"):
            if is_given_name(stem + restore):
                return True
        return None


_PATRONYMIC = _Patronymic()


def _unbracketed(written: str) -> str:
    """A name as written without an editor's brackets inside it ("Alexander] Lukashenko")."""
    return written.replace("] ", " ").replace(" [", " ") if "[" in written or "]" in written else written


@dataclass(frozen=True)
class NameMention:
    """A name as written (``text``), its nominative, its span and how sure we are."""

    span: Span
    text: str
    nominative: str
    given: str | None
    surname: str
    sex: str | None
    confidence: float
    #: the other reading of an ambiguous name (Алеся Атрошчанкава: Алесь's genitive or a woman)
    alternative: str | None = None


@cache
def _stop_words() -> frozenset[str]:
    words: set[str] = {str(w) for w in load("names")["not_in_names"]}
    words.update(w[:1].upper() + w[1:] for w in _kin_nouns())
    for lang in LANGUAGES:
        words.update(str(load(lang).get("stop_words", "")).split())
    return frozenset(words)


@cache
def _not_initials() -> frozenset[str]:
    return frozenset(str(w) for w in load("names")["not_initials"])


@cache
def _kin_nouns() -> frozenset[str]:
    return frozenset(str(w) for w in load("names")["kin_nouns"])


@cache
def _place_words() -> tuple[frozenset[str], frozenset[str]]:
    names = load("names")
    return frozenset(str(w) for w in names["place_after"]), frozenset(str(w).lower() for w in names["place_before"])


_WORD_AFTER = re.compile(r"[ \u00a0]*([^\W\d_][\w'’-]*)")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w-]*)\.?[ \u00a0]*$")


def _names_a_place(text: str, span: Span) -> bool:
    """A name that is part of a street's, building's or institution's name ("Karl Marx Street",
    "улица Карла Маркса")."""
    after, before = _place_words()
    m = _WORD_AFTER.match(text, span.end)
    if m is not None and m.group(1) in after:
        return True
    b = _WORD_BEFORE.search(text, max(0, span.start - 30), span.start)
    return b is not None and b.group(1).lower() in before


def is_capitalised_word(word: str) -> bool:
    return _TOKEN.fullmatch(word) is not None and not word.endswith(".")


def surname_shape(word: str) -> bool:
    """A capitalised word that is not a stop word (nor all capitals: PEN, КДБ)."""
    return len(word) >= 2 and not word.endswith(".") and word not in _stop_words() and not word.isupper()


def _token(m: re.Match[str]) -> tuple[int, int, str]:
    word = m.group()
    if word.endswith(("'s", "’s")):  # a possessive: "Nyaklyayeu's colleague"
        return m.start(), m.end() - 2, word[:-2]
    if word.endswith(("'", "’", "ʼ")):  # Kastus’ Dudarau: the apostrophe is not part of the name
        return m.start(), m.end() - 1, word[:-1]
    return m.start(), m.end(), word


@lru_cache(maxsize=8)
def _runs(text: str) -> tuple[tuple[int, int, tuple[tuple[int, int, str], ...]], ...]:
    """The runs of capitalised words of ``text`` with their tokens, found once for the passes
    over one document (names, unknown pairs, surnames alone)."""
    return tuple(
        (run.start(), run.end(), tuple(_token(m) for m in _TOKEN.finditer(text, run.start(), run.end())))
        for run in RUN.finditer(text)
    )


@cache
def _person_noun() -> re.Pattern[str]:
    stems = sorted({str(w) for words in load("names")["person_nouns"].values() for w in words}, key=len, reverse=True)
    alternatives = "|".join(re.escape(s) for s in stems)
    # the noun (any ending), then at most a country's name or "of Japan", then the name
    return re.compile(rf"(?<!\w)(?P<noun>(?:{alternatives})\w*)(?:\s+(?:of\s+)?(?!the\b|a\b|an\b)\w+)?[ \u00a0]+$")


_ADJECTIVE = re.compile(r"(?:[ыіи]й|[ао]я|[ао]е|[ыі]я|[ыі]е|ага|ога|ого|аму|ому|ым|ім|ой|ай|ую|ых|іх|их)$")


def vouched_by_person_noun(folded: str, start: int) -> bool:
    """Whether a word for a person by citizenship or origin stands right before ``start`` ("the
    American citizen", "грамадзянін Польшчы", "латвиец"): names.yaml ``person_nouns``."""
    m = _person_noun().search(folded, max(0, start - 40), start)
    return m is not None and _ADJECTIVE.search(m.group("noun")) is None


def unknown_pairs(text: str, taken: list[Span]) -> list[NameMention]:
    """Two capitalised words (a third if it is a patronymic) that no given name vouches for:
    candidates the caller keeps only when a role or a list marker stands beside them."""
    out: list[NameMention] = []
    stop = _stop_words()
    for _, _, tokens in _runs(text):
        words = [t for t in tokens if not t[2].endswith(".")]
        if len(words) != len(tokens):
            continue
        if len(words) > 3 or (
            len(words) == 3 and _PATRONYMIC.match(words[1][2]) is None and _PATRONYMIC.match(words[2][2]) is None
        ):
            words = words[-2:]  # "Special Rapporteur Nils Muižnieks": the role is vouched for by the caller
        if len(words) < 2:
            continue
        if any(t[2] in stop or not surname_shape(t[2]) for t in words):
            continue
        span = Span(words[0][0], words[-1][1])
        if any(s.start < span.end and span.start < s.end for s in taken):
            continue
        written = _unbracketed(text[span.start : span.end])
        nom = nominative(written)
        out.append(
            NameMention(span, written, nom, None, nom.split()[-1] if len(words) == 2 else nom.split()[0], None, 0.6)
        )
    return out


def find_name_mentions(
    text: str, start: int = 0, end: int | None = None, *, language: str | None = None
) -> list[NameMention]:
    """Every full name (given name + surname, or initial + surname) in ``text[start:end]``; a
    Russian text's names are read with pymorphy3's dictionary too (:mod:`.morph`)."""
    out: list[NameMention] = []
    stop = _stop_words()
    stop_at = len(text) if end is None else end
    for run_start, run_end, tokens in _runs(text):
        if run_start < start or run_end > stop_at:
            continue
        # split the run at stop words: "PEN Belarus member Aleś Bialacki" → [Aleś, Bialacki]
        groups: list[list[tuple[int, int, str]]] = [[]]
        for k, token in enumerate(tokens):
            word = token[2]
            if word in stop and _name_despite_stop(word, tokens[k + 1 : k + 2], stop):
                groups[-1].append(token)  # "Яна Арабейка": Яна is "she" in Belarusian, and a name
            elif _capitals_surname(tokens, k, stop):
                groups[-1].append((token[0], token[1], _title(word)))  # "БАБАРЫКА Віктар", "LOSIK Ihar"
            elif word in stop or (word.isupper() and len(word) > 1 and not word.endswith(".")):
                groups.append([])
            else:
                groups[-1].append(token)
        for group in groups:
            if len(group) > 0:
                out.extend(_names_in(text, group, language))
    out += _shared_surnames(text, out, language)
    out += _well_known(text, out, language, start, stop_at)
    out = _a_declension_surnames(out)
    out.sort(key=lambda m: m.span.start)
    return [m for m in out if not _names_a_place(text, m.span)]


@dataclass(frozen=True)
class _Known:
    names: dict[str, str]  # be, ru, en → the full name
    sex: str | None


@cache
def _well_known_surnames() -> dict[str, _Known]:
    """Every listed spelling of a well-known person's surname (names.yaml ``well_known``)."""
    out: dict[str, _Known] = {}
    for entry in load("names")["well_known"]:
        names = {lang: str(entry[lang]) for lang in ("be", "ru", "en")}
        given = given_name(names["be"].split()[0])
        known = _Known(names, None if given is None else given.sex)
        for spelling in [n.split(" ", 1)[1] for n in names.values()] + [str(a) for a in entry.get("also", [])]:
            out[spelling] = known
    return out


def _well_known(
    text: str, found: list[NameMention], language: str | None, start: int, stop_at: int
) -> list[NameMention]:
    """Surnames alone of the persons statements name by surname (Бяляцкі, Navalny, Колесниковой)."""
    table = _well_known_surnames()
    covered = [m.span for m in found]
    # a person named in full already: the surname alone is linked to that mention later
    named = {id(k) for m in found if (k := _known_surname(m.surname, language, table)) is not None}
    out: list[NameMention] = []
    for run_start, run_end, tokens in _runs(text):
        if run_start < start or run_end > stop_at:
            continue
        for token_start, token_end, word in tokens:
            if any(s.start <= token_start < s.end for s in covered) or word.endswith("."):
                continue
            known = _known_surname(word, language, table)
            if known is None or id(known) in named:
                continue
            lang = "en" if not any("\u0400" <= c <= "\u04ff" for c in word) else "ru" if language == "ru" else "be"
            full = known.names[lang]
            given, surname = full.split(" ", 1)
            out.append(NameMention(Span(token_start, token_end), word, full, given, surname, known.sex, 0.7))
    return out


@cache
def _well_known_prefixes() -> frozenset[str]:
    return frozenset(official_spelling(s)[:3].lower() for s in _well_known_surnames())


def _known_surname(word: str, language: str | None, table: dict[str, _Known]) -> _Known | None:
    if word in table:
        return table[word]
    if (
        not any("\u0400" <= c <= "\u04ff" for c in word)
        or official_spelling(word)[:3].lower() not in _well_known_prefixes()
    ):
        return None
    forms = {official_spelling(word)}
    for sex in ("m", "f"):
        forms.add(nominative_surname(word, sex, oblique=True))
    if language == "ru":
        forms.update(nominative_of(word, r) for r in readings(word) if r.kind in ("surname", "word"))
    for form in sorted(forms):
        if form in table:
            return table[form]
    return None


def _a_declension_surnames(found: list[NameMention]) -> list[NameMention]:
    """A man's surname in -а declines like a noun (Бабарыкам, Бабарыку): the endings table reads
    it as a surname in a consonant (Бабарык). When the document names someone with that surname
    plus -а, or it is a well-known surname, that is the nominative; so is a fleeting о the table
    wrote as а (Дзядкам: Дзядок, not Дзядак)."""
    known = {m.surname for m in found if m.surname in m.text.split()} | set(_well_known_surnames())
    out: list[NameMention] = []
    for m in found:
        if m.surname in m.text.split() or m.sex == "f" or " " not in m.nominative:
            out.append(m)
            continue
        cyrillic = any("\u0400" <= c <= "\u04ff" for c in m.surname)
        candidates = [m.surname + ("а" if cyrillic else "a"), _FLEETING_A.sub("о" if cyrillic else "o", m.surname)]
        better = next((c for c in candidates if c != m.surname and c in known), None)
        if better is None:
            out.append(m)
            continue
        head, _, tail = m.nominative.rpartition(m.surname)
        out.append(replace(m, surname=better, nominative=head + better + tail))
    return out


_FLEETING_A = re.compile(r"[аa](?=[кk]$)")


_SHARED = re.compile(rf"({_CAP})\s+(?:and|&|і|и|та)\s+$")


def _shared_surnames(text: str, found: list[NameMention], language: str | None) -> list[NameMention]:
    """A given name alone before "and" and a full name of the same sex shares its surname: "Leyla
    and Arzu Aliyeva" names Leyla Aliyeva too."""
    out: list[NameMention] = []
    for mention in found:
        if mention.given is None or mention.sex is None or " " not in mention.nominative:
            continue
        m = _SHARED.search(text, max(0, mention.span.start - 40), mention.span.start)
        if m is None or any(f.span.start <= m.start(1) < f.span.end for f in found):
            continue
        given = given_name(m.group(1), language)
        if given is None or given.sex != mention.sex:
            continue
        name = f"{given.nominative} {mention.surname}"
        out.append(
            NameMention(Span(m.start(1), m.end(1)), m.group(1), name, given.nominative, mention.surname, given.sex, 0.8)
        )
    return out


_LINE_OPENING = re.compile(r"(?:^|\n)[ \t]*(?:[-–—•*]|\d{1,3}[.)])?[ \t]*$")


def _opens_line(text: str, start: int) -> bool:
    """Whether a name at ``start`` opens its line (after a list marker, if any)."""
    return _LINE_OPENING.search(text, max(0, start - 12), start) is not None


_WORD_BEFORE_NAME = re.compile(r"(?<![\w-])([^\W\d_][\w-]*)[ \u00a0]+$")


def _reads_as_nominative(text: str, start: int, language: str | None) -> bool | None:
    """For a Russian name that is a woman's nominative or a man's genitive ("Александра
    Лукашенко"): the word before it decides. A word that agrees with a woman (журналистка,
    сказала) keeps the nominative; any other word in lower case governs a genitive or an
    accusative ("пресс-службы Александра Лукашенко", "помиловал Александра"). None when the text
    does not say (a sentence's first word, another language)."""
    if language != "ru":
        return None
    m = _WORD_BEFORE_NAME.search(text, max(0, start - 40), start)
    if m is None or not m.group(1).islower():
        return None
    return agrees_with_a_woman(m.group(1))


def _title(word: str) -> str:
    return "-".join(part[:1] + part[1:].lower() for part in word.split("-"))


def _capitals_surname(tokens: tuple[tuple[int, int, str], ...], k: int, stop: frozenset[str]) -> bool:
    """A word in capitals of four letters or more right before or after a given name, as lists
    and captions write surnames ("БАБАРЫКА Віктар Дзмітрыевіч", "LOSIK Ihar"); not an acronym
    we know (stop words) nor one beside another word in capitals."""
    word = tokens[k][2]
    if not word.isupper() or len(word.replace("-", "")) < 4 or word in stop or _title(word) in stop:
        return False
    beside = [tokens[j][2] for j in (k - 1, k + 1) if 0 <= j < len(tokens)]
    return any(not w.isupper() and given_name(w) is not None for w in beside) and not any(w.isupper() for w in beside)


def _name_despite_stop(word: str, following: tuple[tuple[int, int, str], ...], stop: frozenset[str]) -> bool:
    """A stop word that is also a given name, before a word shaped like a surname that no list
    of stop words or given names holds."""
    if len(following) == 0 or not is_given_name(word):
        return False
    nxt = following[0][2]
    return nxt not in stop and surname_shape(nxt) and given_name(nxt) is None


_SENTENCE_END_BEFORE = re.compile(r"(?<![\d\W])[.!?…][\"»”)]?[ \u00a0]+$|[»”\")][.!?…][ \u00a0]+$")


def _opens_a_sentence_as_a_word(text: str, token: tuple[int, int, str], language: str | None) -> bool:
    """Whether a word before a given name opens a sentence inside a line, where any word is
    capitalised ("Задержана Мария", "Зараз Ганна"): not a surname of a "Surname Given" name, which
    lists and captions write at a line's start. In a Russian text a word the dictionary reads as a
    surname still is one."""
    written = text[token[0] : token[1]]
    if written.isupper():
        return False
    if language == "ru" and is_a_word_not_a_name(written):
        return True  # "Задержана Мария" opening a paragraph too
    if _SENTENCE_END_BEFORE.search(text, max(0, token[0] - 4), token[0]) is None:
        return False
    return not (language == "ru" and any(r.kind == "surname" and r.case == "nomn" for r in readings(token[2])))


def _relatives_genitive_first(text: str, group: list[tuple[int, int, str]], givens: list[GivenName | None]) -> bool:
    """Whether the first word of ``group`` is the genitive of someone whose relative the word
    before it names, and the relative's own name follows: "Жена Статкевича Марина Адамович",
    "brat Vitolda Andrej" (the relative's given name in the nominative right after one word that
    is a surname or a given name in a case)."""
    if len(group) < 2 or givens[1] is None or givens[1].oblique or (givens[0] is not None and not givens[0].oblique):
        return False
    m = _WORD_BEFORE_NAME.search(text, max(0, group[0][0] - 40), group[0][0])
    return m is not None and m.group(1).lower() in _kin_nouns()


def _names_in(text: str, group: list[tuple[int, int, str]], language: str | None) -> list[NameMention]:
    # a word alone makes no name: the dictionary (slow) is asked only where two words stand
    lookup = language if len(group) > 1 else None
    givens = [given_name(t[2], lookup) if not t[2].endswith(".") else None for t in group]
    used = [False] * len(group)
    if _relatives_genitive_first(text, group, givens):
        used[0] = True  # "Жена Статкевича Марина Адамович": Статкевича is the relative's
    out: list[NameMention] = []
    # a family name written first (Huang Xueqin), with a given name before it (Sophia Huang Xueqin)
    for i, token in enumerate(group[:-1]):
        nxt = group[i + 1][2]
        if is_surname_first(token[2]) and givens[i + 1] is None and surname_shape(nxt) and not nxt.endswith("."):
            first = i - 1 if i > 0 and givens[i - 1] is not None and not used[i - 1] else i
            for k in range(first, i + 2):
                used[k] = True
            written = _unbracketed(text[group[first][0] : group[i + 1][1]])
            out.append(NameMention(Span(group[first][0], group[i + 1][1]), written, written, None, token[2], None, 0.8))
    for i, g in enumerate(givens):
        if g is None or used[i]:
            continue
        parts: list[int] | None = None
        after = i + 1

        def free(k: int) -> bool:
            return 0 <= k < len(group) and not used[k] and givens[k] is None and surname_shape(group[k][2])

        patronymic_after = free(after) and _PATRONYMIC.match(group[after][2]) is not None
        if patronymic_after and free(i - 1):
            parts = [i - 1, i, after]  # Surname Given Patronymic (lists)
        elif patronymic_after and free(after + 1):
            parts = [i, after, after + 1]  # Given Patronymic Surname
        elif free(after):
            parts = [i, after]
        elif free(i - 1) and not g.oblique and not _opens_a_sentence_as_a_word(text, group[i - 1], language):
            # Surname Given (lists, captions); in a case it is a noun and a name ("Римского Льва",
            # "Письма Андрею")
            parts = [i - 1, i]
        elif (
            after < len(group)
            and givens[after] is not None
            and surname_shape(group[after][2])
            and not used[after]
            and (after + 1 >= len(group) or givens[after + 1] is not None)
        ):
            parts = [i, after]  # a surname that is also a given name: "Maksim Znak", "Ігар Ілаш"
        if parts is None:
            continue
        for p in parts:
            used[p] = True
        s, e = group[parts[0]][0], group[parts[-1]][1]
        written = _unbracketed(text[s:e])
        surname_index = next(
            (p for p in parts if p != i and not (len(parts) == 3 and _PATRONYMIC.match(group[p][2]))), parts[-1]
        )
        # the name is "Given Surname" in the nominative; a patronymic stays in the written text
        core = nominative(f"{group[i][2]} {group[surname_index][2]}", language)
        surname = core.split(" ", 1)[1]
        nom = core
        alternative = alternative_nominative(f"{group[i][2]} {group[surname_index][2]}", language)
        given, sex = g.nominative, g.sex
        if alternative is not None:
            as_written = alternative.split()[0] == group[i][2]  # the reading that keeps the given name
            # a list line or a caption names in the nominative ("3) Яна Арабейка" is a woman);
            # elsewhere a Russian text's word before the name may tell
            prefer_written = True if _opens_line(text, s) else _reads_as_nominative(text, s, language)
            if prefer_written is not None and prefer_written == as_written:
                nom, alternative = alternative, nom
                surname = nom.split(" ", 1)[1]
            chosen = given_name(nom.split()[0], language)
            if chosen is not None:
                given, sex = chosen.nominative, chosen.sex
        out.append(NameMention(Span(s, e), written, nom, given, surname, sex, 0.9, alternative))
    # initials + surname: "А. Лукашэнка", "A. Bialacki"
    for i, token in enumerate(group):
        if token[2].endswith(".") and i + 1 < len(group) and not used[i + 1] and surname_shape(group[i + 1][2]):
            j = i + 1
            s, e = token[0], group[j][1]
            k = i - 1
            while k >= 0 and group[k][2].endswith(".") and not used[k]:
                s = group[k][0]
                k -= 1
            if text[s : group[j][0]].replace(" ", "") in _not_initials():  # "U.S. Congressman"
                continue
            written = _unbracketed(text[s:e])
            surname = nominative(group[j][2], language)
            out.append(NameMention(Span(s, e), written, nominative(written, language), None, surname, None, 0.6))
            used[i] = used[j] = True
    return out


def _debug() -> None:  # pragma: no cover - a helper for developers
    for mention in find_name_mentions(sys.stdin.read()):
        print(mention)
