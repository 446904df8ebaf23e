"""Plain text: is it text at all, and in which encoding?

Monitors receive statements saved by every kind of editor: UTF-8 mostly, but also Windows'
CP1251 and the older KOI8-R, both of which decode *any* byte sequence without error. So the
Cyrillic code pages are not told apart by trying them: each decoding is scored by how much of it
reads as well-formed words (one script, lower case or Title case) and holds the commonest
Belarusian and Russian letters, and the best wins. KOI8-R read as CP1251 (or the reverse) turns
lower case into capitals and scatters the letters, which the score sees at once. Text that is
neither UTF-8 nor Cyrillic goes to charset-normalizer.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from letapis.documents.errors import DocumentError

#: Code pages tried for text that is not UTF-8, best first on a tie.
CYRILLIC_CODEPAGES = ("cp1251", "koi8_r")

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_WORD = re.compile(r"[^\W\d_]+")
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if name.startswith("CYRILLIC"):
        return "Cyrl"
    if name.startswith("LATIN"):
        return "Latn"
    return "other"


#: The commonest letters of Belarusian and Russian text; a wrong code page scatters them.
_COMMON_CYRILLIC = frozenset("оаеиінтсрвлкмдпуы")


def word_score(text: str) -> float:
    """Letters in well-formed words minus letters in ill-formed ones (mixed scripts, or case
    changing inside a word in a way no language writes, e.g. ``пРИВЕТ`` or ``мИр``). Words in
    CAPITALS count a quarter: a wrong Cyrillic code page turns lower case into capitals."""
    score = 0.0
    for match in _WORD.finditer(text):
        word = match.group()
        scripts = {_script(ch) for ch in word}
        single = len(scripts) == 1 and "other" not in scripts
        if single and (word.islower() or (word[0].isupper() and word[1:].islower())):
            score += len(word)
        elif single and word.isupper():
            score += len(word) / 4
        else:
            score -= len(word)
    return score


def cyrillic_score(text: str) -> float:
    """How much ``text`` reads as Belarusian or Russian: well-formed words plus the share of
    the commonest letters (which a text decoded with the wrong code page lacks)."""
    common = sum(1 for ch in text.casefold() if ch in _COMMON_CYRILLIC)
    return word_score(text) + common


def cyrillic_letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha() and _script(ch) == "Cyrl")


def _controls(text: str) -> int:
    return sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS)


def _check_not_binary(text: str, filename: str) -> None:
    if "\x00" in text or _controls(text) > max(2, len(text) // 200):
        raise DocumentError(f"{filename} is not text: it holds binary data")


def decode_text(data: bytes, filename: str) -> Decoded:
    """Decode ``data`` as text, or raise :class:`DocumentError` when it is binary."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DocumentError(f"{filename} starts like {encoding} text but is not: {exc.reason}") from exc
            _check_not_binary(text.lstrip("\ufeff"), filename)
            return Decoded(text.lstrip("\ufeff"), encoding.removesuffix("-sig"))
    if b"\x00" in data:
        raise DocumentError(f"{filename} is not text: it holds binary data")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check_not_binary(text, filename)
        return Decoded(text, "utf-8")
    candidates: list[Decoded] = []
    for codepage in CYRILLIC_CODEPAGES:
        try:
            candidates.append(Decoded(data.decode(codepage), codepage))
        except UnicodeDecodeError:  # CP1251 leaves one byte (0x98) undefined
            continue
    if len(candidates) > 0:
        best = max(candidates, key=lambda d: cyrillic_score(d.text))  # max keeps the first on a tie
        letters = sum(1 for ch in best.text if ch.isalpha())
        if letters > 0 and cyrillic_letters(best.text) * 4 >= letters and word_score(best.text) > 0:
            _check_not_binary(best.text, filename)
            return best
    return _normalizer_guess(data, filename)


def _normalizer_guess(data: bytes, filename: str) -> Decoded:
    from charset_normalizer import from_bytes

    match = from_bytes(data).best()
    if match is None:
        raise DocumentError(f"{filename} is not text: its encoding cannot be recognised")
    text = str(match)
    _check_not_binary(text, filename)
    if word_score(text) <= 0:
        raise DocumentError(f"{filename} is not text: no encoding turns it into words")
    return Decoded(text, match.encoding)


def normalise_text(text: str) -> str:
    """Unix line ends, NFC, no trailing spaces, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line == "" and (len(out) == 0 or out[-1] == ""):
            continue
        out.append(line)
    while len(out) > 0 and out[-1] == "":
        out.pop()
    return "\n".join(out) + ("\n" if len(out) > 0 else "")


def first_line_title(text: str, *, limit: int = 200) -> str:
    """A title from the first non-empty line (without Markdown's ``#``), cut at a word."""
    for line in text.split("\n"):
        clean = line.strip().lstrip("#").strip()
        if clean != "":
            if len(clean) <= limit:
                return clean
            cut = clean[:limit].rsplit(" ", 1)[0]
            return cut + "…"
    return ""
