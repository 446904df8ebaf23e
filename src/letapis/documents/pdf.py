"""PDF to text with pypdf (pure Python: nothing is rendered, no fonts are fetched), and the
pages without a text layer rendered to images for OCR with pypdfium2.

A PDF protected by a password is refused; one encrypted only against editing (an empty user
password) is read. A page with no text layer but an image on it (a scan) is rendered and read
with OCR (:mod:`letapis.documents.scan`); a PDF with neither text nor images is refused.

Rendering uses pypdfium2, the PDFium engine of Chromium in a self-contained wheel: pages are
rendered one at a time in the reading process (under its limits), with no poppler program or
temporary file, and it is as fast as poppler's ``pdftoppm`` on scans.
"""

from __future__ import annotations

import io
import logging
from typing import Any

from letapis.documents.errors import DocumentError

#: Pages read at most; a longer PDF is refused rather than read for minutes.
MAX_PAGES = 2000
#: Fewer letters than this in the whole file means there is no text layer.
MIN_LETTERS = 20
#: A page with fewer letters than this in its text layer is read with OCR if it holds an image.
MIN_PAGE_LETTERS = 10
#: The resolution scanned pages are rendered at for OCR.
RENDER_DPI = 300


def unwrap_lines(text: str) -> str:
    """Join the lines a PDF broke inside a sentence: a line is continued when the next one
    starts with a lower-case letter (a hyphen at the break is kept, nothing is lost)."""
    lines = [line.strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if len(out) > 0 and out[-1] != "" and line != "" and line[0].islower():
            out[-1] += line if out[-1].endswith("-") else " " + line
        else:
            out.append(line)
    return "\n".join(out)


def pdf_to_text(data: bytes, filename: str, *, max_chars: int | None = None) -> tuple[str, str]:
    """The text of a PDF (one paragraph per text block, pages separated by blank lines) and the
    title from its metadata (or ``""``). Reading stops, refused, once the pages read so far give
    more than ``max_chars`` characters."""
    pages, title = pdf_pages_text(data, filename, max_chars=max_chars)
    text = "\n\n".join(unwrap_lines(page.strip()) for page in pages if page.strip() != "")
    if sum(1 for ch in text if ch.isalpha()) < MIN_LETTERS:
        raise DocumentError(f"{filename} is a PDF without text")
    return text + "\n", title


def letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def pdf_pages_text(data: bytes, filename: str, *, max_chars: int | None = None) -> tuple[list[str], str]:
    """The text layer of each page of a PDF (``""`` for a page without one) and its title."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # warnings about sloppy PDFs are not errors
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (NotImplementedError, PyPdfError) as exc:
                raise DocumentError(f"{filename} is an encrypted PDF that cannot be opened: {exc}") from exc
            if opened == 0:
                raise DocumentError(f"{filename} is protected by a password: save an unprotected copy")
        if len(reader.pages) > MAX_PAGES:
            raise DocumentError(f"{filename} has {len(reader.pages)} pages: at most {MAX_PAGES} are read")
        pages: list[str] = []
        chars = 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            chars += len(pages[-1])
            if max_chars is not None and chars > max_chars:
                raise DocumentError(f"{filename} holds more than {max_chars:,} characters of text: refused")
        title = ""
        metadata = reader.metadata
        if metadata is not None and metadata.title is not None:
            title = str(metadata.title).strip()
    except DocumentError:
        raise
    except (
        PdfReadError,
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        RecursionError,
        AssertionError,
        OSError,
    ) as exc:
        reason = str(exc).splitlines()[0] if str(exc) != "" else type(exc).__name__
        raise DocumentError(f"{filename} is a damaged PDF: {reason}") from exc
    return pages, title


def pages_with_images(data: bytes, filename: str, numbers: list[int]) -> list[int]:
    """Which of the pages ``numbers`` (from 0) hold an image: the scanned ones to OCR."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise DocumentError(f"{filename} is a PDF its pages cannot be rendered from: {exc}") from exc
    try:
        kinds = (pdfium.raw.FPDF_PAGEOBJ_IMAGE,)
        found = []
        for number in numbers:
            page = pdf[number]
            if next(iter(page.get_objects(filter=kinds, max_depth=4)), None) is not None:
                found.append(number)
            page.close()
        return found
    finally:
        pdf.close()


def render_page(data: bytes, filename: str, number: int, *, dpi: int, max_pixels: int) -> tuple[Any, int]:
    """Page ``number`` (from 0) rendered in grey at ``dpi`` (less for a page so large that
    it would be over ``max_pixels``), and the resolution used."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
        try:
            page = pdf[number]
            width, height = page.get_size()  # points
            scale = dpi / 72
            if width * height * scale * scale > max_pixels:
                scale = (max_pixels / max(1.0, width * height)) ** 0.5
            bitmap = page.render(scale=scale, grayscale=True)
            image = bitmap.to_pil().convert("L")
            page.close()
        finally:
            pdf.close()
    except pdfium.PdfiumError as exc:
        raise DocumentError(f"{filename}: page {number + 1} cannot be rendered: {exc}") from exc
    return image, round(scale * 72)
