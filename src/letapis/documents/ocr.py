"""Tesseract, called as a program: the page's orientation, and its words with their boxes.

Tesseract is run directly (``tesseract stdin stdout … tsv``) rather than through pytesseract:
the image goes in on standard input and the words come back as TSV on standard output, so no
temporary file is written, the call has a timeout of its own (a page that takes too long stops
the read with a clear message instead of a stuck worker), and the TSV is parsed here into typed
values. pytesseract does the same with temporary files and untyped dictionaries.

Tesseract runs on one thread (``OMP_THREAD_LIMIT=1``): a worker reads one page at a time and
the machine's other cores stay free for the web and the other workers.
"""

from __future__ import annotations

import functools
import os
import subprocess
import unicodedata
from dataclasses import dataclass

from letapis.documents.errors import DocumentError
from letapis.documents.pages import WordBox

#: The project's language codes → Tesseract's. A Cyrillic page is read with its language first and
#: the others after: Belarusian and Russian texts quote each other and Latin names, and with all
#: three Tesseract reads them better than with one (0.3% and 0% CER against 0.9% and 1.1%). An
#: English page is read in English alone: the Cyrillic models turn Latin words into look-alike
#: Cyrillic letters ("Мау", "іп").
TESSERACT_LANGUAGES = {"be": "bel+rus+eng", "ru": "rus+bel+eng", "en": "eng"}
#: What is read when the language is not known: every language Letapis reads, Belarusian first.
ALL_LANGUAGES = "bel+rus+eng"

_DEBIAN_PACKAGES = "tesseract-ocr tesseract-ocr-bel tesseract-ocr-rus tesseract-ocr-eng"
_MISSING = f"OCR needs Tesseract with its Belarusian, Russian and English data: apt-get install {_DEBIAN_PACKAGES}"


@dataclass(frozen=True)
class OcrWord(WordBox):
    """A word as Tesseract gives it: text, confidence (0–100), box in pixels, and the block,
    paragraph and line it belongs to (which the text is laid out by)."""

    block: int
    paragraph: int
    line: int


def _env() -> dict[str, str]:
    return {**os.environ, "OMP_THREAD_LIMIT": "1", "LC_ALL": "C"}


def _run(args: list[str], stdin: bytes, timeout: float, what: str) -> str:
    try:
        done = subprocess.run(
            ["tesseract", *args], input=stdin, capture_output=True, timeout=timeout, env=_env(), check=False
        )
    except FileNotFoundError as exc:
        raise DocumentError(_MISSING) from exc
    except subprocess.TimeoutExpired as exc:
        raise DocumentError(f"{what} took more than {timeout:g} s to read: refused") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        last = message[-1] if len(message) > 0 else f"exit status {done.returncode}"
        if done.returncode < 0:
            last = f"stopped by signal {-done.returncode} (a limit of memory or time?)"
        raise DocumentError(f"{what} could not be read by Tesseract: {last}")
    return done.stdout.decode("utf-8", "replace")


@functools.cache
def tesseract_version() -> str:
    """``5.3.0``: the version of the installed Tesseract (what the derived files record)."""
    out = _run(["--version"], b"", 30, "Tesseract's version")
    first = out.strip().splitlines()[0] if out.strip() != "" else "tesseract unknown"
    return first.split()[-1]


@functools.cache
def installed_languages() -> frozenset[str]:
    out = _run(["--list-langs"], b"", 30, "Tesseract's languages")
    return frozenset(line.strip() for line in out.splitlines()[1:] if line.strip() != "")


def check_languages(lang: str) -> None:
    """Refuse, naming the Debian package, when Tesseract lacks one of the languages in ``lang``
    (``"bel+rus+eng"``)."""
    installed = installed_languages()
    for code in lang.split("+"):
        if code not in installed:
            raise DocumentError(f"Tesseract has no {code} language data: apt-get install tesseract-ocr-{code}")


def tesseract_language(language: str | None) -> str:
    """The Tesseract language(s) for the project's code ``be``/``ru``/``en`` (``None``: all)."""
    if language is None or language == "":
        return ALL_LANGUAGES
    if language not in TESSERACT_LANGUAGES:
        raise DocumentError(f"OCR reads Belarusian, Russian and English (be, ru, en), not {language!r}")
    return TESSERACT_LANGUAGES[language]


def orientation(png: bytes, *, timeout: float, what: str) -> tuple[int, float]:
    """The clockwise rotation (0, 90, 180, 270) that turns the page upright, by Tesseract's
    orientation and script detection, and its confidence. ``(0, 0.0)`` when the page holds too
    little text to tell."""
    try:
        out = _run(["stdin", "stdout", "--psm", "0", "-l", "osd"], png, timeout, what)
    except DocumentError as exc:
        if "Too few characters" in str(exc) or "could not be read" in str(exc):
            return 0, 0.0
        raise
    rotate, confidence = 0, 0.0
    for line in out.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "Rotate":
            rotate = int(value.strip()) % 360
        elif key.strip() == "Orientation confidence":
            confidence = float(value.strip())
    return rotate, confidence


def recognise(png: bytes, *, lang: str, psm: int, dpi: int | None, timeout: float, what: str) -> list[OcrWord]:
    """The words Tesseract reads on the image (PNG bytes), in reading order."""
    args = ["stdin", "stdout", "-l", lang, "--psm", str(psm)]
    if dpi is not None:
        args += ["--dpi", str(dpi)]
    out = _run([*args, "tsv"], png, timeout, what)
    words: list[OcrWord] = []
    for row in out.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5":
            continue
        text = unicodedata.normalize("NFC", cells[11]).strip()
        if text == "":
            continue
        try:
            confidence = max(0.0, min(100.0, float(cells[10])))
            left, top, width, height = (int(cells[i]) for i in range(6, 10))
            block, paragraph, line = int(cells[2]), int(cells[3]), int(cells[4])
        except ValueError:
            continue
        words.append(OcrWord(text, confidence, left, top, width, height, block, paragraph, line))
    return words


_BELARUSIAN = frozenset("іўІЎ")
_RUSSIAN = frozenset("иъщИЪЩ")


def guess_language(text: str) -> str | None:
    """``be``, ``ru`` or ``en`` by the letters of a recognised text: Latin letters outnumbering
    Cyrillic ones say English; among Cyrillic, і and ў say Belarusian, и, щ and ъ Russian (the
    letters one language has and the other lacks). ``None`` when the text says nothing."""
    latin = cyrillic = 0
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            if name.startswith("LATIN"):
                latin += 1
            elif name.startswith("CYRILLIC"):
                cyrillic += 1
    if latin + cyrillic < 20:
        return None
    if latin > cyrillic:
        return "en"
    be = sum(1 for ch in text if ch in _BELARUSIAN)
    ru = sum(1 for ch in text if ch in _RUSSIAN)
    if be == ru:
        return None
    return "be" if be > ru else "ru"
