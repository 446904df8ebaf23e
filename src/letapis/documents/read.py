"""Telling a file's kind by its content and reading it into a :class:`Document`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from letapis.documents.docx import docx_to_text, zip_kind
from letapis.documents.errors import DocumentError
from letapis.documents.html import html_to_text, looks_like_html
from letapis.documents.images import DEFAULT_MAX_PIXELS, open_frames
from letapis.documents.paged import read_paged
from letapis.documents.pages import Derived, Page
from letapis.documents.scan import DEFAULT_MAX_PAGES, DEFAULT_PAGE_SECONDS, OcrOptions
from letapis.documents.text import BOMS, decode_text, first_line_title, normalise_text

#: The default upper limit of a file's size (``LETAPIS_MAX_UPLOAD_MB`` changes it in the apps).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: The most characters of text a document may give (a 20 MB text file holds at most 20 million).
DEFAULT_MAX_CHARS = 20_000_000

#: Extension → the kind a file with it must hold. Markdown is text that may hold HTML.
EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".jpg": "image",
    ".jpeg": "image",
    ".png": "image",
    ".tif": "image",
    ".tiff": "image",
    ".webp": "image",
    ".heic": "image",
    ".heif": "image",
}

MEDIA_TYPES = {
    "text": "text/plain",
    "markdown": "text/markdown",
    "html": "text/html",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "image": "image/png",  # an image's Document has its own type (:func:`image_media_type`)
}

#: An image's media type by its first bytes.
_IMAGE_TYPES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)
#: The ISO-BMFF brands of HEIC/HEIF photos (iPhones and many Android phones).
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1")

#: How each kind is named in messages ("x.pdf is not a PDF: it looks like a Word document").
KIND_NAMES = {
    "text": "plain text",
    "markdown": "Markdown text",
    "html": "an HTML page",
    "pdf": "a PDF",
    "docx": "a Word document",
    "image": "an image",
}

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word or Excel file (.doc/.xls): save it as .docx or PDF"),
    (b"GIF87a", "a GIF image: save it as PNG or JPEG"),
    (b"GIF89a", "a GIF image: save it as PNG or JPEG"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"{\\rtf", "an RTF document: save it as .docx or PDF"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg audio or video file"),
    (b"fLaC", "a FLAC audio file"),
    (b"SQLite format 3\x00", "an SQLite database"),
)


@dataclass(frozen=True)
class Document:
    """A document read into text.

    ``text`` has Unix line ends and paragraphs separated by blank lines; ``encoding`` is the
    encoding of a text or HTML file (``""`` for PDF and DOCX); ``title`` is the document's own
    title, else its first line.

    ``pages``, ``derived`` and ``metadata`` are what a paged or scanned file carries beside its
    text (:mod:`letapis.documents.pages`): empty for a text file. ``metadata`` holds the
    original's own metadata (an image's EXIF: time, device, GPS) as plain JSON-able values.
    """

    text: str
    media_type: str
    encoding: str
    title: str
    kind: str
    pages: tuple[Page, ...] = ()
    derived: tuple[Derived, ...] = ()
    metadata: Mapping[str, Any] = field(default_factory=dict)


def _human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{size / 1024:.0f} KB" if size >= 1024 else f"{size} bytes"


def image_media_type(data: bytes) -> str | None:
    """``image/jpeg``, ``image/png``, ``image/tiff``, ``image/webp`` or ``image/heic`` by the
    first bytes; ``None`` for anything else."""
    for signature, media_type in _IMAGE_TYPES:
        if data.startswith(signature):
            return media_type
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "image/webp"
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return "image/heic"
    return None


_IMAGE_NAMES = {
    "image/png": "a PNG image",
    "image/jpeg": "a JPEG image",
    "image/tiff": "a TIFF image",
    "image/webp": "a WebP image",
    "image/heic": "a HEIC photo",
}


def kind_name(data: bytes, kind: str) -> str:
    """How a file of ``kind`` is named in messages: "a PDF", "a PNG image"."""
    if kind == "image":
        return _IMAGE_NAMES.get(image_media_type(data) or "", "an image")
    return KIND_NAMES.get(kind, kind)


def sniff_kind(data: bytes) -> str:
    """``pdf``, ``docx``, ``html``, ``image`` or ``text`` by content; for anything else, a
    description of what the bytes look like ("a GIF image"). Text is told from HTML only after
    decoding, so this returns ``text`` for both and :func:`read_document` looks closer."""
    if image_media_type(data) is not None:
        return "image"
    if data[:1024].find(b"%PDF-") >= 0:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return zip_kind(data) or "a damaged zip archive"
    for signature, description in _SIGNATURES:
        if data.startswith(signature):
            return description
    if data[4:8] == b"ftyp":
        return "a video or audio file"
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}[data[8:12]]
    return "text"


def _expected_kind(filename: str) -> str | None:
    suffix = PurePath(filename).suffix.lower()
    if suffix == "":
        return None
    kind = EXTENSIONS.get(suffix)
    if kind is None:
        aliases = (".text", ".markdown", ".xhtml", ".htm", ".jpeg", ".tif", ".heif")
        known = ", ".join(sorted({ext for ext in EXTENSIONS if ext not in aliases}))
        raise DocumentError(f"{filename}: {suffix} files are not read (use {known})")
    return kind


def check_size(size: int, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse a file of ``size`` bytes before reading it (the same line :func:`read_document`
    gives)."""
    name = PurePath(filename).name or "the file"
    if size == 0:
        raise DocumentError(f"{name} is empty")
    if size > max_bytes:
        raise DocumentError(f"{name} is {_human_size(size)}: files larger than {_human_size(max_bytes)} are refused")


def check_document(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    max_pages: int = DEFAULT_MAX_PAGES,
) -> str:
    """The quick checks of :func:`read_document`, without reading the document: its size, its
    extension, and its kind by the first bytes (an image, an archive, a PDF named ``.docx``…).
    Returns the kind (``pdf``, ``docx``, ``image`` or ``text`` for any text, HTML included). Takes
    milliseconds whatever the file, so it may run while a web request waits."""
    name = PurePath(filename).name or "the file"
    check_size(len(data), name, max_bytes=max_bytes)
    expected = _expected_kind(name)
    kind = sniff_kind(data)
    if kind not in MEDIA_TYPES:
        what = KIND_NAMES[expected] if expected is not None else "a document Letapis reads"
        raise DocumentError(f"{name} is not {what}: it looks like {kind}")
    if expected is not None and kind != expected and (kind != "text" or expected in ("pdf", "docx", "image")):
        raise DocumentError(f"{name} is not {KIND_NAMES[expected]}: it looks like {kind_name(data, kind)}")
    if kind == "text" and not data.startswith(tuple(bom for bom, _ in BOMS)) and b"\x00" in data:
        raise DocumentError(f"{name} is not text: it holds binary data")
    if kind == "image":  # its size in pixels is in its header: an oversized photo is refused at once
        open_frames(data, name, max_pixels=max_pixels, max_pages=max_pages)
    return kind


def read_document(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
    language: str | None = None,
    on_page: Callable[[int, int], None] | None = None,
    max_pages: int = DEFAULT_MAX_PAGES,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    page_seconds: float = DEFAULT_PAGE_SECONDS,
) -> Document:
    """Read ``data`` (the bytes of the file called ``filename``) into a :class:`Document`.

    Images and the pages of a PDF without a text layer are read with OCR
    (:mod:`letapis.documents.scan`) in ``language`` (``be``, ``ru``, ``en``; ``None``: found
    page by page); ``on_page(k, n)`` is called once the ``n`` pages to OCR are known
    (``k`` = 0) and after each of them is read. At most ``max_pages`` pages are OCRed, an image
    of more than ``max_pixels`` is refused, and one page may take ``page_seconds``.

    Raises :class:`DocumentError` with one line naming the file when it is empty, larger than
    ``max_bytes``, binary, of another kind than its extension says, without text, encrypted,
    damaged, over a limit of OCR, or when it gives more than ``max_chars`` characters of text
    (a PDF stops reading its pages there). This runs in the caller's process without a limit of
    time or memory: :func:`letapis.documents.limits.read_document_limited` is the one for
    untrusted files.
    """
    name = PurePath(filename).name or "the file"
    check_size(len(data), name, max_bytes=max_bytes)
    expected = _expected_kind(name)
    kind = sniff_kind(data)
    encoding = ""
    decoded_text = ""
    if kind == "text":
        decoded = decode_text(data, name)
        encoding, decoded_text = decoded.encoding, decoded.text
        if looks_like_html(decoded_text) and expected != "markdown":
            kind = "html"
        elif expected == "markdown":
            kind = "markdown"
    if kind not in MEDIA_TYPES:
        what = KIND_NAMES[expected] if expected is not None else "a document Letapis reads"
        raise DocumentError(f"{name} is not {what}: it looks like {kind}")
    if expected is not None and kind != expected:
        raise DocumentError(f"{name} is not {KIND_NAMES[expected]}: it looks like {kind_name(data, kind)}")
    options = OcrOptions(language=language, max_pages=max_pages, page_seconds=page_seconds)
    if kind in ("pdf", "image"):
        scanned = read_paged(data, name, kind, options, max_chars=max_chars, max_pixels=max_pixels, on_page=on_page)
        if len(scanned.pages) > 0:
            if len(scanned.text) > max_chars:
                raise DocumentError(f"{name} holds more than {max_chars:,} characters of text: refused")
            if sum(1 for ch in scanned.text if ch.isalpha()) == 0:
                raise DocumentError(f"{name} holds no text: OCR found no words in it")
            return Document(
                text=scanned.text,
                media_type=image_media_type(data) or MEDIA_TYPES[kind],
                encoding="",
                title=" ".join((scanned.title or first_line_title(scanned.text)).split())[:500],
                kind=kind,
                pages=scanned.pages,
                derived=scanned.derived,
                metadata=scanned.metadata,
            )
        raw, title = scanned.text, scanned.title  # a PDF with a text layer on every page
    elif kind == "docx":
        raw, title = docx_to_text(data, name)
    elif kind == "html":
        raw, title = html_to_text(decoded_text)
    else:
        raw, title = decoded_text, ""
    if len(raw) > max_chars:
        raise DocumentError(f"{name} holds more than {max_chars:,} characters of text: refused")
    text = normalise_text(raw)
    if sum(1 for ch in text if ch.isalpha()) == 0:
        raise DocumentError(f"{name} holds no text")
    if title.strip() == "":
        title = first_line_title(text)
    return Document(
        text=text, media_type=MEDIA_TYPES[kind], encoding=encoding, title=" ".join(title.split())[:500], kind=kind
    )
