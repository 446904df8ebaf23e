"""Cells for spreadsheets: text a spreadsheet would not run as a formula, and CSV of rows.

Every export and list that leaves as CSV or XLSX writes its cells through :func:`neutralise`;
an import takes the apostrophe off again with :func:`unneutralise`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: full-width forms a spreadsheet may read as the ASCII ones
_WIDE_FORMULA_STARTS = ("\uff1d", "\uff0b", "\uff0d", "\uff20")
#: what a spreadsheet may skip before the first character it reads: spaces, line breaks,
#: zero-width characters, direction marks and the byte order mark
_SKIPPED = re.compile(r"[\s\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]*")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet could read ``text`` as a formula."""
    if text.startswith(FORMULA_STARTS):
        return True
    rest = text[_SKIPPED.match(text).end() :]  # type: ignore[union-attr]  # the pattern matches ""
    return rest.startswith(FORMULA_STARTS + _WIDE_FORMULA_STARTS)


def neutralise(value: Any) -> str:
    """A cell as text, with a leading apostrophe when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if is_formula_like(text) else text


def unneutralise(text: str) -> str:
    """The cell :func:`neutralise` was given: its apostrophe taken off again (import)."""
    return text[1:] if text.startswith("'") and is_formula_like(text[1:]) else text


def to_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """``rows`` as CSV text with a header of ``columns``, each cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise(row.get(c, "")) for c in columns])
    return buffer.getvalue()
