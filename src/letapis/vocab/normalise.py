"""The key under which a label or a form is looked up.

Two spellings that a reader would take for the same word get the same key: Unicode NFC, lower
case, ``ё`` read as ``е`` (Russian texts often drop the dots), every apostrophe (’ ʼ ` ´) read as
``'``, hyphens and dashes read as spaces, runs of spaces collapsed. So "Human-Rights  Defender",
"human rights defender" and "HUMAN RIGHTS DEFENDER" share one key, and so do "актёр" and "актер".
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise"]

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "´": "'", "‘": "'", "ё": "е"})
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_]+")


def normalise(text: str) -> str:
    """The lookup key of ``text`` (see the module docstring)."""
    lowered = unicodedata.normalize("NFC", text).lower().translate(_APOSTROPHES)
    return _SEPARATORS.sub(" ", lowered).strip()
