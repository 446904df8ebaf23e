"""Reading documents into text — the Django-free core of ingest.

:func:`read_document` takes the bytes of an uploaded or named file and returns a
:class:`Document`: its text (paragraphs separated by blank lines), the media type, the encoding
the text was in and a title. The kind is told by the content, never by the name alone:

- PDF (``%PDF-``), read with pypdf (:mod:`.pdf`);
- DOCX (a zip holding ``word/document.xml``), read from its XML (:mod:`.docx`);
- HTML (by its markup), turned into text with the standard library's parser (:mod:`.html`);
- anything else that decodes as text: UTF-8, else the Cyrillic code pages CP1251 and KOI8-R,
  else what charset-normalizer finds (:mod:`.text`).

A file that cannot be read (empty, binary, too large, a PDF without a text layer, encrypted, a
zip bomb, a name whose extension says another kind) raises :class:`DocumentError`, a
``ValueError`` whose message is one line fit for the user.

:func:`read_document_limited` (:mod:`.limits`) reads in a child process under a CPU-time, a
memory and a wall-clock limit, and raises :class:`ReadLimitError` (a :class:`DocumentError`)
naming the limit a file went over: the one to use for files from outside.
"""

from __future__ import annotations

from letapis.documents.errors import DocumentError
from letapis.documents.limits import ReadLimitError, ReadLimits, read_document_limited
from letapis.documents.pages import Derived, Page, Word
from letapis.documents.read import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CHARS,
    EXTENSIONS,
    Document,
    check_document,
    check_size,
    read_document,
    sniff_kind,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Derived",
    "Page",
    "Word",
    "DEFAULT_MAX_CHARS",
    "EXTENSIONS",
    "Document",
    "DocumentError",
    "ReadLimitError",
    "ReadLimits",
    "check_document",
    "check_size",
    "read_document",
    "read_document_limited",
    "sniff_kind",
]
