"""PDF to text with pypdf (pure Python: nothing is rendered, no fonts are fetched).

A PDF protected by a password is refused; one encrypted only against editing (an empty user
password) is read. A PDF whose pages hold no text (a scan) is refused: it needs OCR first, which
Letapis does not do.
"""

from __future__ import annotations

import io
import logging

from letapis.documents.errors import DocumentError

#: Pages read at most; a longer PDF is refused rather than read for minutes.
MAX_PAGES = 2000
#: Fewer letters than this in the whole file means there is no text layer.
MIN_LETTERS = 20


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
    text = "\n\n".join(unwrap_lines(page.strip()) for page in pages if page.strip() != "")
    if sum(1 for ch in text if ch.isalpha()) < MIN_LETTERS:
        raise DocumentError(f"{filename} is a PDF without text (a scan?): run OCR on it first")
    return text + "\n", title
