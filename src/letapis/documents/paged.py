"""Images and PDFs read page by page: a PDF's text layer where a page has one, OCR for the
scanned pages and for every frame of an image."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from letapis.documents.errors import DocumentError
from letapis.documents.images import image_metadata, iter_frames, open_frames
from letapis.documents.pages import Derived, Page
from letapis.documents.pdf import (
    MIN_LETTERS,
    MIN_PAGE_LETTERS,
    RENDER_DPI,
    letters,
    pages_with_images,
    pdf_pages_text,
    render_page,
    unwrap_lines,
)
from letapis.documents.scan import OcrOptions, PageRead, assemble, check_page_count, ocr_page
from letapis.documents.text import normalise_text


@dataclass(frozen=True)
class Paged:
    """What :func:`read_paged` found: the text and title, and for a document read with OCR its
    pages, derived files and the original's metadata (``pages`` empty for a PDF whose every page
    has a text layer: its text is then read as before, unnormalised)."""

    text: str
    title: str
    pages: tuple[Page, ...] = ()
    derived: tuple[Derived, ...] = ()
    metadata: Mapping[str, Any] = field(default_factory=dict)


def _progress(on_page: Callable[[int, int], None] | None, k: int, n: int) -> None:
    if on_page is not None:
        on_page(k, n)


def read_paged(
    data: bytes,
    name: str,
    kind: str,
    options: OcrOptions,
    *,
    max_chars: int,
    max_pixels: int,
    on_page: Callable[[int, int], None] | None,
) -> Paged:
    """Read an image (``kind`` ``image``) or a PDF (``pdf``)."""
    if kind == "image":
        return _read_image(data, name, options, max_pixels=max_pixels, on_page=on_page)
    return _read_pdf(data, name, options, max_chars=max_chars, max_pixels=max_pixels, on_page=on_page)


def _read_image(
    data: bytes, name: str, options: OcrOptions, *, max_pixels: int, on_page: Callable[[int, int], None] | None
) -> Paged:
    image, frames = open_frames(data, name, max_pixels=max_pixels, max_pages=options.max_pages)
    metadata = image_metadata(image)
    _progress(on_page, 0, frames)
    reads: list[PageRead] = []
    for index, page in enumerate(iter_frames(image, frames, name, max_pixels), start=1):
        what = name if frames == 1 else f"{name}, page {index},"
        dpi = _image_dpi(image)
        reads.append(ocr_page(page, index, options, dpi=dpi, what=what))
        _progress(on_page, index, frames)
    text, pages, derived = assemble(reads)
    return Paged(text=text, title="", pages=pages, derived=derived, metadata=metadata)


def _image_dpi(image: Any) -> int | None:
    """The resolution an image says it has, when it is believable (scanners write it; phones
    write 72, which says nothing)."""
    dpi = image.info.get("dpi")
    try:
        value = round(float(dpi[0])) if dpi is not None else None
    except (TypeError, ValueError, IndexError):
        return None
    return value if value is not None and 150 <= value <= 1200 else None


def _read_pdf(
    data: bytes,
    name: str,
    options: OcrOptions,
    *,
    max_chars: int,
    max_pixels: int,
    on_page: Callable[[int, int], None] | None,
) -> Paged:
    texts, title = pdf_pages_text(data, name, max_chars=max_chars)
    textless = [i for i, text in enumerate(texts) if letters(text) < MIN_PAGE_LETTERS]
    scanned = pages_with_images(data, name, textless) if len(textless) > 0 else []
    if len(scanned) == 0:
        text = "\n\n".join(unwrap_lines(page.strip()) for page in texts if page.strip() != "")
        if letters(text) < MIN_LETTERS:
            raise DocumentError(f"{name} is a PDF without text: its pages hold neither text nor images")
        return Paged(text=text + "\n", title=title)
    check_page_count(len(scanned), name, options.max_pages)
    _progress(on_page, 0, len(scanned))
    reads: list[PageRead] = []
    done = 0
    for index, page_text in enumerate(texts):
        if index in scanned:
            image, dpi = render_page(data, name, index, dpi=RENDER_DPI, max_pixels=max_pixels)
            reads.append(ocr_page(image, index + 1, options, dpi=dpi, what=f"{name}, page {index + 1},"))
            done += 1
            _progress(on_page, done, len(scanned))
        else:
            reads.append(PageRead(text=normalise_text(unwrap_lines(page_text.strip())).strip("\n")))
    text, pages, derived = assemble(reads)
    return Paged(text=text, title=title, pages=pages, derived=derived)
