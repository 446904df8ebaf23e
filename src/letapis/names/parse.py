"""Split a personal name into given name, patronymic and surname parts.

Handles the orders monitors meet (``Алесь Бяляцкі``, ``Бяляцкі Алесь Віктаравіч``,
``BIALIATSKI Ales``), initials (``А. Бяляцкі``, ``Бяляцкі А.В.``, ``A.V. Bialiatski``), double
surnames (``Šarenda-Panasiuk``) and noise around a name (digits, emoji, RTL marks, brackets).
Roles are guessed from the given-name families and the patronymic endings; where they do not
decide (two unknown words), :func:`readings` gives both orders and the matcher takes the better.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from letapis.names.given import given_name_families
from letapis.names.keys import part_keys, skeleton

__all__ = ["MAX_NAME_LENGTH", "MAX_PARTS", "InvalidName", "ParsedName", "Part", "clean", "parse", "readings"]

#: Longer input is not a name (InvalidName).
MAX_NAME_LENGTH = 1000
#: More words than this are not one person's name (InvalidName).
MAX_PARTS = 8


class InvalidName(ValueError):
    """Input that is not a personal name: empty after cleaning, too long, too many words."""


@dataclass(frozen=True)
class Part:
    """One word of a name with its precomputed keys."""

    text: str
    keys: tuple[str, ...]
    skeletons: tuple[str, ...]
    families: frozenset[str]
    initial: bool = False
    subparts: tuple[Part, ...] = ()

    @property
    def initials(self) -> frozenset[str]:
        """First letters of the keys (an initial's own letter for an initial)."""
        return frozenset(k[0] for k in self.keys if k != "")


@dataclass(frozen=True)
class ParsedName:
    """A name split into roles. ``order`` is how the roles were decided."""

    text: str
    given: tuple[Part, ...]
    patronymic: Part | None
    surname: tuple[Part, ...]
    order: str  # "given-first", "surname-first", "single", "guessed"


_PATRONYMIC = re.compile(r"(?:[aei]vi[CX]|avna|evna|i[CX]na|i[CX]i[CX]|avic|evic)$")
_TOKEN_SPLIT = re.compile(r"[\s,;:/|()\[\]{}<>\"«»“”„*_+=#@!?&~^%$0-9]+")
_ALLOWED_INNER = re.compile(r"[^\w'’ʼ.\-]+")


def clean(text: str) -> str:
    """NFC, no control/format characters (RTL marks, zero-width joiners), single spaces."""
    if len(text) > MAX_NAME_LENGTH:
        raise InvalidName(f"longer than {MAX_NAME_LENGTH} characters")
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] not in ("C",) or ch in "\t\n")
    text = "".join(ch if (ch.isalpha() or ch in " -'’ʼ.") else " " for ch in text)
    return " ".join(text.split())


@lru_cache(maxsize=65536)
def make_part(word: str, initial: bool = False) -> Part:
    """A :class:`Part` with its fine keys, skeletons, given-name families and double-surname halves."""
    halves = [h for h in re.split(r"[-‐–]+", word) if h != ""]
    keys = part_keys(word.replace("-", ""))
    subparts: tuple[Part, ...] = ()
    if len(halves) > 1:
        subparts = tuple(make_part(h) for h in halves)
    families = frozenset() if initial else given_name_families(word)
    return Part(
        text=word,
        keys=keys,
        skeletons=tuple(dict.fromkeys(skeleton(k) for k in keys)),
        families=families,
        initial=initial,
        subparts=subparts,
    )


def _tokens(text: str) -> list[tuple[str, bool]]:
    """Words and initials: ``А.В.Бяляцкі`` → [(А, initial), (В, initial), (Бяляцкі, word)]."""
    out: list[tuple[str, bool]] = []
    for chunk in text.split():
        pieces = [p for p in re.split(r"(?<=\.)", chunk) if p not in ("", ".")]
        for piece in pieces:
            bare = piece.strip(".-'’ʼ")
            if bare == "":
                continue
            letters = sum(ch.isalpha() for ch in bare)
            is_initial = (
                letters <= 2
                and (piece.endswith(".") or letters == 1)
                and not (letters == 2 and not piece.endswith("."))
            )
            out.append((bare, is_initial))
    return out


def _is_patronymic(part: Part) -> bool:
    return any(_PATRONYMIC.search(k) is not None for k in part.keys) and len(part.subparts) == 0


def _known(part: Part) -> bool:
    return len(part.families) > 0


@lru_cache(maxsize=65536)
def readings(text: str) -> tuple[ParsedName, ...]:
    """The plausible role assignments of a name, most likely first. Raises :class:`InvalidName`."""
    cleaned = clean(text)
    tokens = _tokens(cleaned)
    if len(tokens) == 0:
        raise InvalidName("no letters")
    if len(tokens) > MAX_PARTS:
        raise InvalidName(f"more than {MAX_PARTS} words")
    initials = [make_part(t, initial=True) for t, is_initial in tokens if is_initial]
    words = [make_part(t) for t, is_initial in tokens if not is_initial]
    if len(words) == 0:
        raise InvalidName("only initials")
    init_given = tuple(initials[:1])
    init_patronymic = initials[1] if len(initials) > 1 else None

    def reading(given: list[Part], patronymic: Part | None, surname: list[Part], order: str) -> ParsedName:
        g = tuple(given) if len(given) > 0 else init_given
        p = patronymic if patronymic is not None else init_patronymic
        return ParsedName(cleaned, g, p, tuple(surname), order)

    n = len(words)
    if n == 1:
        only = words[0]
        if _known(only) and len(initials) == 0:
            return (reading([only], None, [], "single"),)
        return (reading([], None, [only], "single"),)
    if n >= 3:
        if _is_patronymic(words[1]) and not _is_patronymic(words[-1]):
            return (reading([words[0]], words[1], words[2:], "given-first"),)
        if _is_patronymic(words[-1]) and (_known(words[-2]) or not _known(words[0])):
            return (reading([words[-2]], words[-1], words[:-2], "surname-first"),)
        if _is_patronymic(words[-1]) and _known(words[0]):
            return (reading([words[0]], words[-1], words[1:-1], "given-first"),)
        if _known(words[0]) and not _known(words[-1]):
            return (
                reading([words[0]], None, words[1:], "given-first"),
                reading(words[:-1], None, words[-1:], "guessed"),
            )
        if _known(words[-1]) and not _known(words[0]):
            return (reading([words[-1]], None, words[:-1], "surname-first"),)
        return (
            reading([words[0]], None, words[1:], "guessed"),
            reading([words[-1]], None, words[:-1], "guessed"),
            reading(words[:-1], None, words[-1:], "guessed"),
        )
    first, last = words
    if _known(first) and not _known(last):
        return (reading([first], None, [last], "given-first"),)
    if _known(last) and not _known(first):
        return (reading([last], None, [first], "surname-first"),)
    return (
        reading([first], None, [last], "guessed"),
        reading([last], None, [first], "guessed"),
    )


def parse(text: str) -> ParsedName:
    """The most likely reading of a name (see :func:`readings`)."""
    return readings(text)[0]
