"""Reading scans: each page image is turned upright, deskewed and read by Tesseract; the pages'
words are laid out into one text, each word keeping its box and its place in that text.

A page goes through:

1. its orientation by Tesseract's OSD (``--psm 0``), turned upright when it is sure enough;
2. its skew by a projection profile (:func:`letapis.documents.images.skew_angle`), levelled;
3. Tesseract in the page's language: given (``be``/``ru``/``en``), or else read with all three,
   and read again in English alone when the letters say English
   (:func:`letapis.documents.ocr.guess_language`).

The text of a page is its paragraphs separated by blank lines, a paragraph's lines joined into
one run of sentences (but a list item or a line after a short one starts a line of its own);
pages are separated by blank lines too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from letapis.documents.errors import DocumentError
from letapis.documents.images import deskew, png_bytes, rotate, shrink, skew_angle
from letapis.documents.ocr import (
    OcrWord,
    check_languages,
    guess_language,
    orientation,
    recognise,
    tesseract_language,
    tesseract_version,
)
from letapis.documents.pages import OCR_TEXT, OCR_WORDS, PAGE_IMAGE, Derived, Page, Word, pages_to_json

#: Tesseract's page segmentation: one column of text of various sizes (orientation is found
#: before). The automatic 3 splits a numbered list's numbers off into a column of their own.
PSM = 4
#: The orientation confidence above which a page is turned as OSD says.
MIN_ORIENTATION_CONFIDENCE = 3.0
#: The default limits of OCR (``LETAPIS_OCR_MAX_PAGES``, ``LETAPIS_OCR_PAGE_SECONDS``).
DEFAULT_MAX_PAGES = 100
DEFAULT_PAGE_SECONDS = 60.0

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class OcrOptions:
    """How a scan is read: the language (``None``: found), the most pages, the seconds one
    page's Tesseract call may take, and the resolution of the images when known (a rendered PDF
    page)."""

    language: str | None = None
    max_pages: int = DEFAULT_MAX_PAGES
    page_seconds: float = DEFAULT_PAGE_SECONDS


@dataclass
class PageRead:
    """One page read: OCRed (``image`` set) or from a text layer (``text`` only)."""

    text: str
    words: list[tuple[OcrWord, int, int]] = field(default_factory=list)  # word, start, end in ``text``
    image: bytes | None = None
    width: int = 0
    height: int = 0
    language: str = ""
    rotation: int = 0
    settings: dict[str, Any] = field(default_factory=dict)


_LIST_MARKER = re.compile(r"^(\d{1,3}[.)]|[•·▪*–—-])$")


def _starts_item(word: OcrWord) -> bool:
    """Whether the word starts a list item: ``1.``, ``2)``, ``•``, ``—``…"""
    return _LIST_MARKER.match(word.text) is not None or re.match(r"^\d{1,3}[.)]\S", word.text) is not None


def _line_gap(previous: OcrWord, word: OcrWord, line_end: int, paragraph_end: int) -> str:
    """What joins two lines of one paragraph: nothing after a hyphen going on in lower case (the
    hyphen is kept), a line break before a list item or after a short line (a heading, a date, a
    line ended early), else a space: the lines of a paragraph are one run of sentences, as
    :func:`letapis.documents.pdf.unwrap_lines` joins a PDF's."""
    if previous.text.endswith("-") and word.text[:1].islower():
        return ""
    if _starts_item(word):
        return "\n"
    short = line_end < paragraph_end - max(3 * word.height, (paragraph_end // 5))
    if short and word.text[:1].isupper():
        return "\n"
    return " "


_SENTENCE_END = (".", "!", "?", ":", ";", "…", "»", '"', "”", ")")


def _goes_on(previous: OcrWord, word: OcrWord, previous_bottom: int, next_top: int) -> bool:
    """Whether a paragraph Tesseract started is the same sentence going on: it starts in lower
    case, or the previous one did not end a sentence and the new line follows at the usual
    spacing (no blank line between)."""
    if word.text[:1].islower():
        return True
    if _starts_item(word):
        return False
    return not previous.text.endswith(_SENTENCE_END) and next_top - previous_bottom < max(word.height, 1)


def layout(words: Sequence[OcrWord]) -> tuple[str, list[tuple[OcrWord, int, int]]]:
    """The text of a page's words and each word's span in it: paragraphs (Tesseract's blocks and
    paragraphs) separated by blank lines, their lines joined by :func:`_line_gap`."""
    line_end: dict[tuple[int, int, int], int] = {}
    line_top: dict[tuple[int, int, int], int] = {}
    line_bottom: dict[tuple[int, int, int], int] = {}
    paragraph_end: dict[tuple[int, int], int] = {}
    for word in words:
        right = word.left + word.width
        key = (word.block, word.paragraph, word.line)
        line_end[key] = max(line_end.get(key, 0), right)
        line_top[key] = min(line_top.get(key, word.top), word.top)
        line_bottom[key] = max(line_bottom.get(key, 0), word.top + word.height)
        paragraph_end[key[:2]] = max(paragraph_end.get(key[:2], 0), right)
    parts: list[str] = []
    spans: list[tuple[OcrWord, int, int]] = []
    length = 0
    previous: OcrWord | None = None
    for word in words:
        if previous is not None:
            before = (previous.block, previous.paragraph, previous.line)
            if (word.block, word.paragraph) != before[:2]:
                here = (word.block, word.paragraph, word.line)
                gap = "\n\n"
                if _goes_on(previous, word, line_bottom[before], line_top[here]):
                    gap = "" if previous.text.endswith("-") and word.text[:1].islower() else " "
                elif _starts_item(word) and line_top[here] - line_bottom[before] < max(word.height, 1):
                    gap = "\n"  # the next item of a list
            elif word.line != previous.line:
                gap = _line_gap(previous, word, line_end[before], paragraph_end[before[:2]])
            else:
                gap = " "
            parts.append(gap)
            length += len(gap)
        parts.append(word.text)
        spans.append((word, length, length + len(word.text)))
        length += len(word.text)
        previous = word
    return "".join(parts), spans


def _mean_confidence(words: Sequence[OcrWord]) -> float:
    return sum(w.confidence for w in words) / len(words) if len(words) > 0 else 0.0


def ocr_page(page: Any, number: int, options: OcrOptions, *, dpi: int | None, what: str) -> PageRead:
    """Read one page image (a Pillow image in grey): upright, deskewed, recognised."""
    page = shrink(page)
    timeout = options.page_seconds
    rotation, osd_confidence = orientation(png_bytes(page), timeout=timeout, what=what)
    if rotation != 0 and osd_confidence >= MIN_ORIENTATION_CONFIDENCE:
        page = rotate(page, rotation)
    else:
        rotation = 0
    angle = skew_angle(page)
    page = deskew(page, angle)
    image = png_bytes(page)
    lang = tesseract_language(options.language)
    check_languages(lang)
    words = recognise(image, lang=lang, psm=PSM, dpi=dpi, timeout=timeout, what=what)
    if options.language is None and guess_language(" ".join(w.text for w in words)) == "en":
        # read with Cyrillic models too, Latin words come out in look-alike Cyrillic letters
        # ("Мау", "іп"); Belarusian and Russian pages read best with all three (measured)
        lang = tesseract_language("en")
        words = recognise(image, lang=lang, psm=PSM, dpi=dpi, timeout=timeout, what=what)
    text, spans = layout(words)
    return PageRead(
        text=text,
        words=spans,
        image=image,
        width=page.width,
        height=page.height,
        language=lang,
        rotation=rotation,
        settings={
            "lang": lang,
            "psm": PSM,
            "dpi": dpi,
            "rotation": rotation,
            "orientation_confidence": osd_confidence,
            "deskew": angle,
            "page": number,
        },
    )


def assemble(reads: Sequence[PageRead]) -> tuple[str, tuple[Page, ...], tuple[Derived, ...]]:
    """The document's text, pages and derived files from its pages read in order."""
    version = tesseract_version()
    texts: list[str] = []
    length = 0
    pages: list[Page] = []
    images: list[Derived] = []
    for number, read in enumerate(reads, start=1):
        body = read.text.strip("\n")
        if body != "" and len(texts) > 0:
            texts.append("\n\n")
            length += 2
        start = length
        image_index: int | None = None
        if read.image is not None:
            image_index = 2 + len(images)
            images.append(
                Derived(
                    kind=PAGE_IMAGE,
                    data=read.image,
                    media_type="image/png",
                    tool="tesseract",
                    tool_version=version,
                    settings=read.settings,
                    page=number,
                )
            )
        offset = start - (len(read.text) - len(read.text.lstrip("\n")))
        words = tuple(
            Word(w.text, w.confidence, w.left, w.top, w.width, w.height, offset + s, offset + e)
            for w, s, e in read.words
        )
        if body != "":
            texts.append(body)
            length += len(body)
        confidence = None
        if read.image is not None:
            confidence = round(_mean_confidence([w for w, _, _ in read.words]), 2)
        pages.append(
            Page(
                number=number,
                method="ocr" if read.image is not None else "text",
                start=start,
                end=length,
                confidence=confidence,
                language=read.language,
                rotation=read.rotation,
                width=read.width,
                height=read.height,
                words=words,
                image=image_index,
            )
        )
    text = "".join(texts) + "\n" if len(texts) > 0 else ""
    languages = sorted({r.language for r in reads if r.image is not None})
    settings = {"lang": "+".join(languages) if len(languages) == 1 else languages, "psm": PSM}
    ocr_text = Derived(OCR_TEXT, text.encode("utf-8"), "text/plain", "tesseract", version, settings)
    pages_tuple = tuple(pages)
    ocr_words = Derived(
        OCR_WORDS,
        json.dumps(pages_to_json(pages_tuple), ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
        "application/json",
        "tesseract",
        version,
        settings,
    )
    return text, pages_tuple, (ocr_text, ocr_words, *images)


def check_page_count(count: int, name: str, max_pages: int) -> None:
    if count > max_pages:
        raise DocumentError(f"{name} has {count} pages to read with OCR: at most {max_pages} are read")
