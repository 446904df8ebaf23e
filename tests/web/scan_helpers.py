"""A scanned source without OCR: the derived files OCR would leave (page images, the words with
their boxes) made up from a source's text, so that the review pages of a scan are tested quickly
and apart from Tesseract. The end-to-end tests (test_scan_end_to_end.py) run the real thing."""

from __future__ import annotations

import io
import json
import re
from typing import Any

from letapis.custody.services import do_store_derived
from letapis.documents.pages import OCR_TEXT, OCR_WORDS, PAGE_IMAGE, Derived, Page, Word, pages_to_json

WIDTH, HEIGHT = 600, 800


def png(width: int = WIDTH, height: int = HEIGHT, shade: int = 255) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (width, height), shade).save(out, format="PNG")
    return out.getvalue()


def pages_of(text: str, count: int = 2, *, low: tuple[str, ...] = ()) -> tuple[Page, ...]:
    """``text`` cut into ``count`` pages at line breaks, each word boxed as if typeset on a
    600×800 page (one line of text a line of boxes); words in ``low`` get a confidence of 40."""
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text)]
    per_page = max(1, -(-len(lines) // count))
    pages = []
    for index in range(count):
        chunk = lines[index * per_page : (index + 1) * per_page]
        if not chunk:
            break
        words = []
        for row, (offset, line) in enumerate(chunk):
            x = 20
            for m in re.finditer(r"\S+", line):
                width = 8 * len(m.group())
                words.append(
                    Word(
                        m.group(),
                        40.0 if m.group().strip(".,") in low else 91.0,
                        min(x, WIDTH - 10),
                        20 + 22 * (row % 34),
                        min(width, WIDTH - min(x, WIDTH - 10)),
                        18,
                        offset + m.start(),
                        offset + m.end(),
                    )
                )
                x += width + 8
        start = chunk[0][0]
        end = chunk[-1][0] + len(chunk[-1][1])
        if index == count - 1 or (index + 1) * per_page >= len(lines):
            end = len(text)
        confidence = sum(w.confidence for w in words) / len(words) if words else 0.0
        pages.append(Page(index + 1, "ocr", start, end, confidence, "eng", 0, WIDTH, HEIGHT, tuple(words), image=index))
    return tuple(pages)


def attach_scan(source: Any, count: int = 2, *, low: tuple[str, ...] = (), images: bool = True) -> tuple[Page, ...]:
    """Store the derived files of an OCR of ``source`` (made up from its text)."""
    pages = pages_of(source.text, count, low=low)
    tool = {"tool": "tesseract", "tool_version": "5.3.0", "settings": {"lang": "eng"}}
    do_store_derived(None, source, Derived(OCR_TEXT, source.text.encode(), "text/plain", **tool))
    words = json.dumps(pages_to_json(pages)).encode()
    do_store_derived(None, source, Derived(OCR_WORDS, words, "application/json", **tool))
    if images:
        for page in pages:
            data = png(shade=255 - page.number)  # each page's image its own file
            do_store_derived(None, source, Derived(PAGE_IMAGE, data, "image/png", page=page.number, **tool))
    return pages
