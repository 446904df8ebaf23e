"""Roles, memberships, honours and degrees said of a person in an apposition or a list.

"writer, publicist, translator … and PEN Belarus member Alaksandr Fiaduta", "журналістка
Кацярына Андрэева", "Максим Знак, юрист и писатель": the words next to a name are read as a chain
of attributes joined by commas and "and/і/и"; the chain ends at the first word that is neither an
attribute nor a joiner. Occupations are the terms of the occupations vocabulary
(:mod:`letapis.vocab`), matched in any case form through their stems; official roles (judge,
prosecutor, head of state) mark a person who is not a prisoner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from letapis.extract.lexicons import LANGUAGES, compile_folded, fold, fold_pattern, load
from letapis.extract.model import Span

__all__ = ["Attribute", "attributes_after", "attributes_before", "find_attributes", "is_joiner", "organisation_name"]

#: occupations that make a person an official (status ``not_prisoner``)
OFFICIAL_CODES = frozenset({"official", "judge", "prosecutor", "police_officer"})

_ADJ_ENDINGS = [
    "ь",
    "й",
    "ага",
    "аму",
    "ім",
    "ым",
    "ая",
    "ую",
    "ай",
    "ой",
    "ого",
    "ому",
    "ие",
    "ія",
    "ых",
    "іх",
    "ыя",
    "ыі",
    "ые",
    "ий",
    "ый",
    "ій",
    "ими",
    "ымі",
    "імі",
    "ей",
    "ёй",
    "ьі",
    "ья",
    "ьі",
    "ью",
    "ьей",
]


@dataclass(frozen=True)
class Attribute:
    """One attribute found in the text: ``kind`` is role, official, membership, honour or degree."""

    kind: str
    label: str
    span: Span
    organization: str | None = None
    #: the words also name an official's post ("press secretary" of a ruler, "Спецдакладчыца")
    official: bool = False


def _is_cyrillic(word: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in word)


def _stem(word: str) -> str:
    """The part of a Cyrillic occupation word that every case form keeps (паэтк-а, пісьменнік-ам)."""
    return word[:-1] if len(word) > 4 and word[-1] in "аеёіиоуыэюяйь" else word


@cache
def _endings() -> frozenset[str]:
    return frozenset(load("common")["role_endings"]) | frozenset(_ADJ_ENDINGS)


def _word_pattern(word: str) -> str:
    """A loose pattern for one word of a form: the Latin word with a plural ending, or the Cyrillic
    stem with up to three more letters. :func:`_form_matches` then checks the exact endings."""
    if not _is_cyrillic(word):
        return re.escape(word) + "(?:s|es)?" if word.isalpha() else re.escape(word)
    return re.escape(_stem(word)) + r"[^\W\d_]{0,3}"


def _form_words(form: str) -> list[str]:
    return fold(form).replace("-", " ").split()


def _form_pattern(form: str) -> str:
    return r"[\s-]+".join(_word_pattern(w) for w in _form_words(form))


def _word_matches(form_word: str, word: str) -> bool:
    if not _is_cyrillic(form_word):
        return word == form_word or (form_word.isalpha() and word in (form_word + "s", form_word + "es"))
    stem = _stem(form_word)
    return word.startswith(stem) and (len(word) == len(stem) or word[len(stem) :] in _endings())


def _form_matches(form_words: list[str], matched: str) -> bool:
    words = matched.replace("-", " ").split()
    return len(words) == len(form_words) and all(_word_matches(f, w) for f, w in zip(form_words, words, strict=True))


@cache
def _vocab_patterns(name: str) -> tuple[re.Pattern[str], dict[str, list[tuple[list[str], str]]]]:
    """One loose pattern over every form of vocabulary ``name`` and, by first letter, the words
    of each form with the English label it stands for (checked exactly by :func:`_label_of`).

    One alternation of exact patterns (stem + every case ending) took seconds to compile; the
    loose one compiles in a fraction of that, and the exact check is a few string comparisons."""
    from letapis.vocab import vocabulary

    alternatives: set[str] = set()
    by_letter: dict[str, list[tuple[list[str], str]]] = {}
    for term in vocabulary(name):
        label = term.label("en")
        for form in term.all_forms():
            words = _form_words(form)
            if len(words) == 0:
                continue
            alternatives.add(_form_pattern(form))
            by_letter.setdefault(words[0][0], []).append((words, label))
    ordered = sorted(alternatives, key=len, reverse=True)
    big = re.compile(r"(?<!\w)(?:" + "|".join(ordered) + r")(?!\w)")
    return big, by_letter


def _label_of(name: str, matched: str) -> str | None:
    _, by_letter = _vocab_patterns(name)
    for words, label in by_letter.get(matched[:1], []):
        if _form_matches(words, matched):
            return label
    return None


@cache
def _official_pattern() -> re.Pattern[str]:
    alternatives = "|".join(f"(?:{load(lang)['official_roles']})" for lang in LANGUAGES)
    return re.compile(r"(?<!\w)(?:" + fold_pattern(alternatives) + r")[^\W\d_]{0,4}(?!\w)")


@cache
def _joiner_pattern() -> re.Pattern[str]:
    words = "|".join(f"(?:{load(lang)['role_joiners']})" for lang in LANGUAGES)
    return re.compile(r"^(?:[\s,;:()\-–—]|(?<!\w)(?:" + fold(words) + r")(?!\w))*$")


@cache
def _membership_patterns() -> list[re.Pattern[str]]:
    return [re.compile(entry["pattern"]) for lang in LANGUAGES for entry in load(lang)["memberships"]]


@cache
def _degree_patterns() -> list[re.Pattern[str]]:
    return [re.compile(load("en")["degrees"])] + [compile_folded(load(lang)["degrees"]) for lang in ("be", "ru")]


@cache
def _organisations() -> list[tuple[str, str]]:
    out = [(fold(stem), name) for name, stems in load("common")["organizations"].items() for stem in stems]
    return sorted(out, key=lambda e: len(e[0]), reverse=True)


def organisation_name(text: str) -> str:
    """The name an organisation is reported under (``Беларускага ПЭН-цэнтра`` → PEN Belarus), or the
    text itself, trimmed, when it is not one we know."""
    folded = fold(text)
    for stem, name in _organisations():
        if stem in folded:
            return name
    return text.strip(' ,;:«»"')


def _membership_role(text: str) -> str:
    t = fold(text)
    if any(w in t for w in ("honorary", "ганаров", "почетн")):
        return "honorary member"
    if "board" in t:
        return "board member"
    if any(w in t for w in ("founder", "заснав", "основат")):
        return "founder"
    if any(w in t for w in ("chair", "head", "leader", "старшын", "председат", "кіраўні", "руковод")):
        return "chair"
    if any(w in t for w in ("coordinator", "каардынат", "координат")):
        return "coordinator"
    if any(w in t for w in ("volunteer", "валанц", "волонт")):
        return "volunteer"
    if "director" in t or "editor" in t:
        return "director"
    return "member"


def find_attributes(text: str, folded: str, start: int, end: int) -> list[Attribute]:
    """Every attribute inside ``text[start:end]``, in text order, without overlaps."""
    found: list[Attribute] = []
    segment = text[start:end]
    for pattern in _membership_patterns():
        for m in pattern.finditer(segment):
            org = organisation_name(m.group("org"))
            found.append(
                Attribute(
                    "membership", _membership_role(m.group("role")), Span(start + m.start(), start + m.end()), org
                )
            )
    for index, pattern in enumerate(_degree_patterns()):
        for m in pattern.finditer(segment if index == 0 else folded[start:end]):
            found.append(
                Attribute("degree", segment[m.start() : m.end()].strip(), Span(start + m.start(), start + m.end()))
            )
    honours, _ = _vocab_patterns("honours")
    for m in honours.finditer(folded, start, end):
        label = _label_of("honours", m.group())
        if label is not None:
            found.append(Attribute("honour", label, Span(m.start(), m.end())))
    roles, _ = _vocab_patterns("occupations")
    for m in roles.finditer(folded, start, end):
        label = _label_of("occupations", m.group())
        if label is not None:
            kind = "official" if label.replace(" ", "_") in OFFICIAL_CODES else "role"
            found.append(Attribute(kind, label, Span(m.start(), m.end())))
    for m in _official_pattern().finditer(folded, start, end):
        found.append(Attribute("official", fold(m.group()), Span(m.start(), m.end())))
    found.sort(key=lambda a: (a.span.start, -(a.span.end - a.span.start), a.kind == "official"))
    out: list[Attribute] = []
    for attribute in found:
        if len(out) > 0 and attribute.span.start < out[-1].span.end:
            if attribute.kind == "official" and out[-1].kind == "role":  # "press secretary": both
                last = out[-1]
                out[-1] = Attribute(last.kind, last.label, last.span, last.organization, True)
            continue  # inside a longer one ("member" inside "honorary member of Catalan PEN")
        out.append(attribute)
    return out


def is_joiner(folded_gap: str) -> bool:
    return _joiner_pattern().match(folded_gap) is not None


def attributes_before(text: str, folded: str, start: int, name_start: int) -> list[Attribute]:
    """The chain of attributes that ends right before a name starting at ``name_start``."""
    found = find_attributes(text, folded, start, name_start)
    chain: list[Attribute] = []
    position = name_start
    for attribute in reversed(found):
        if not is_joiner(folded[attribute.span.end : position]):
            break
        chain.append(attribute)
        position = attribute.span.start
    chain.reverse()
    return chain


@cache
def _continues_pattern() -> re.Pattern[str]:
    words = "|".join(f"(?:{load(lang)['apposition_continues']})" for lang in LANGUAGES)
    return re.compile(r"\s*(?:$|[,.;:!?)\]»”\"—–]|-\s|(?:" + fold(words) + r")(?!\w))")


_OPENING = re.compile(r"^\s*(?:,|—|–|-|\()\s*(?:(?:a|an|the|вядомы|вядомая|известный|известная)\s+)?")
_ALIAS = re.compile(r"^\s*\([^()]{1,40}\)")


def attributes_after(text: str, folded: str, name_end: int, end: int, *, next_name: bool = False) -> list[Attribute]:
    """The chain of attributes in an apposition right after a name ("Максим Знак, юрист и
    писатель", "Ales Bialiatski (writer)"). ``next_name``: another name starts at ``end``, and a
    chain that runs up to it is that name's ("Лосик, анархист Николай Дедок")."""
    alias = _ALIAS.match(folded[name_end:end])
    if alias is not None and len(find_attributes(text, folded, name_end, name_end + alias.end())) == 0:
        name_end += alias.end()  # "Кацярына Андрэева (Бахвалава), журналістка"
    opening = _OPENING.match(folded[name_end:end])
    if opening is None:
        return []
    found = find_attributes(text, folded, name_end, end)
    chain: list[Attribute] = []
    position = name_end
    for attribute in found:
        if not is_joiner(folded[position : attribute.span.start]):
            break
        chain.append(attribute)
        position = attribute.span.end
    if next_name and len(chain) > 0 and is_joiner(folded[position:end]):
        return []
    if len(chain) > 0 and _continues_pattern().match(folded, position, end) is None and not next_name:
        return []  # "Александр Шпак, музыканта поместили …": the role words open a new clause
    return chain
