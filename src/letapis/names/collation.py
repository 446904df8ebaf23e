"""Alphabetical order for Belarusian, Russian and Łacinka lists: ``sort_key`` (issue 17).

Python compares strings by code point, which puts the Belarusian і, ў and ё after я (U+0456,
U+045E, U+0451 > U+044F) and Łacinka's ł, ś, ž after z; databases do the same (SQLite) or
depend on the server's locale (PostgreSQL). The order lives in ``tables/collation.yaml``: two
lines of letters. ``sort_key`` turns a text into a plain ASCII string whose byte order is the
alphabetical order, so the same key sorts a Python list and, stored in a column, a database
query under any collation.

A full Unicode Collation Algorithm (pyuca, PyICU) was weighed: the lists Letapis sorts are names
and labels in these three alphabets, for which the table gives the dictionary order (і between
и and й, ў after у, ё after е), where the default Unicode order would treat ё as a variant of е.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from importlib import resources

import yaml

__all__ = ["sort_key"]

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _code(rank: int) -> str:
    """``rank`` (< 36**3) as three base-36 digits: equal length, so byte order is rank order."""
    return _DIGITS[rank // 1296] + _DIGITS[rank // 36 % 36] + _DIGITS[rank % 36]


@cache
def _ranks() -> dict[str, int]:
    raw = yaml.safe_load(resources.files("letapis.names").joinpath("tables", "collation.yaml").read_text("utf-8"))
    ranks: dict[str, int] = {}
    for offset, line in ((20_000, raw["cyrillic"]), (30_000, raw["latin"])):
        for i, letter in enumerate(line.split()):
            ranks[letter] = offset + i
    return ranks


def _rank(char: str) -> int:
    ranks = _ranks()
    if char in ranks:
        return ranks[char]
    if char.isdigit() and char.isascii():
        return 10_000 + int(char)
    base = unicodedata.normalize("NFD", char)[0]  # é → e, ï → і … after the letters it lacks
    if base != char and base in ranks:
        return ranks[base]
    return min(ord(char), 9_999) if not char.isalpha() else 40_000 + min(ord(char) % 6_000, 5_999)


@lru_cache(maxsize=65_536)
def sort_key(text: str) -> str:
    """An ASCII key whose order is the alphabetical order of ``text`` (case breaks ties only)."""
    folded = unicodedata.normalize("NFC", text).strip()
    primary = "".join(_code(_rank(c)) for c in folded.lower())
    tie = "".join("1" if c.isupper() else "0" for c in folded)
    return f"{primary} {tie}"
