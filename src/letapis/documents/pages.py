"""What a read document carries beside its text: its pages, the words recognised on them, the
files derived while reading, and the metadata of the original.

A text file has no pages; a PDF with a text layer has pages without words; a scanned page or an
image has the words OCR found, each with its box on the page image and its place in
:attr:`Document.text <letapis.documents.read.Document.text>`, so that a claim's span can be
shown on the image. Derived files (the recognised text, the normalised page images, the words as
JSON) are stored beside the untouched original with the tool, version and settings that made
them: the original is evidence and is never altered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class WordBox:
    """A word recognised on an image: its text, the OCR engine's confidence (0–100) and its box
    in pixels."""

    text: str
    confidence: float
    left: int
    top: int
    width: int
    height: int


@dataclass(frozen=True)
class Word(WordBox):
    """One recognised word: its text, confidence and box on the page image, and where it stands
    in the document's text (``start``/``end`` offsets)."""

    start: int
    end: int


@dataclass(frozen=True)
class Page:
    """One page of a document, numbered from 1.

    ``method`` is ``"text"`` for a page read from its text layer and ``"ocr"`` for a recognised
    one; ``start``/``end`` are the page's span in the document's text; ``confidence`` is the
    mean word confidence of an OCRed page (``None`` for a text page); ``language`` is the OCR
    language(s) used (``"bel+rus+eng"``); ``rotation`` the degrees the page was turned to read
    it; ``width``/``height`` the size of the page image the word boxes refer to; ``image`` the
    index in :attr:`Document.derived` of that image (``None`` when none is kept)."""

    number: int
    method: str
    start: int
    end: int
    confidence: float | None = None
    language: str = ""
    rotation: int = 0
    width: int = 0
    height: int = 0
    words: tuple[Word, ...] = ()
    image: int | None = None


@dataclass(frozen=True)
class Derived:
    """A file made from the original while reading it: ``kind`` says what it is
    (``ocr-text``, ``ocr-words``, ``page-image``…), ``page`` which page it belongs to (or
    ``None`` for the whole document), and ``tool``/``tool_version``/``settings`` what made it."""

    kind: str
    data: bytes
    media_type: str
    tool: str
    tool_version: str
    settings: Mapping[str, Any] = field(default_factory=dict)
    page: int | None = None


# The kinds of derived file reading a scan produces; the review page and the custody record read
# them back by these names.
OCR_TEXT = "ocr-text"  # text/plain, the whole recognised text (page=None)
OCR_WORDS = "ocr-words"  # application/json, :func:`pages_to_json` of every page (page=None)
PAGE_IMAGE = "page-image"  # image/png, the normalised image one page's word boxes refer to


def pages_to_json(pages: tuple[Page, ...] | list[Page]) -> dict[str, Any]:
    """The pages as plain JSON: what is stored as the ``ocr-words`` derived file."""
    return {
        "pages": [
            {
                "number": p.number,
                "method": p.method,
                "start": p.start,
                "end": p.end,
                "confidence": p.confidence,
                "language": p.language,
                "rotation": p.rotation,
                "width": p.width,
                "height": p.height,
                "image": p.image,
                # a word as a short list keeps a 50-page scan's JSON small
                "words": [[w.text, w.confidence, w.left, w.top, w.width, w.height, w.start, w.end] for w in p.words],
            }
            for p in pages
        ]
    }


def pages_from_json(data: Mapping[str, Any]) -> tuple[Page, ...]:
    """Inverse of :func:`pages_to_json`."""
    return tuple(
        Page(
            number=int(p["number"]),
            method=str(p["method"]),
            start=int(p["start"]),
            end=int(p["end"]),
            confidence=None if p.get("confidence") is None else float(p["confidence"]),
            language=str(p.get("language", "")),
            rotation=int(p.get("rotation", 0)),
            width=int(p.get("width", 0)),
            height=int(p.get("height", 0)),
            image=None if p.get("image") is None else int(p["image"]),
            words=tuple(
                Word(str(t), float(c), int(left), int(top), int(w), int(h), int(s), int(e))
                for t, c, left, top, w, h, s, e in p.get("words", [])
            ),
        )
        for p in data.get("pages", [])
    )
