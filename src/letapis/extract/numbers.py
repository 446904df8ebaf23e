"""Numbers written in digits or words (123, "three", "трое", "тры", "полтора") → their value."""

from __future__ import annotations

import re
from functools import cache

from letapis.extract.lexicons import fold, load

__all__ = ["parse_number"]

_DIGITS = re.compile(r"\d+(?:[.,]\d+)?")


@cache
def _words() -> dict[str, float]:
    return {fold(str(k)): float(v) for k, v in load("common")["numbers"].items()}


def parse_number(token: str) -> float | None:
    """The value of ``token`` (digits, a number word, or two words joined by a hyphen or a
    space: "twenty-three", "дваццаць тры"), or None."""
    token = token.strip()
    if _DIGITS.fullmatch(token) is not None:
        return float(token.replace(",", "."))
    key = fold(token)
    words = _words()
    if key in words:
        return words[key]
    parts = re.split(r"[-\s]+", key)
    if len(parts) == 2 and parts[0] in words and parts[1] in words and words[parts[0]] >= 20 > words[parts[1]]:
        return words[parts[0]] + words[parts[1]]
    return None
