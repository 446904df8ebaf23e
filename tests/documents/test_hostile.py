"""Whatever the bytes, read_document returns a Document or raises DocumentError — nothing else."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from letapis.documents import Document, DocumentError, read_document
from tests.documents.conftest import make_docx, make_pdf

NAMES = st.sampled_from(["a.txt", "a.md", "a.html", "a.pdf", "a.docx", "noext", "a.TXT"])
PREFIXES = st.sampled_from([b"", b"%PDF-1.7\n", b"PK\x03\x04", b"<html><body>", b"\xef\xbb\xbf", b"\xff\xfe"])


def _read(data: bytes, name: str) -> None:
    try:
        document = read_document(data, name)
    except DocumentError as exc:
        assert "\n" not in str(exc)
    else:
        assert isinstance(document, Document) and document.text.strip() != ""


@settings(max_examples=300, deadline=None)
@given(prefix=PREFIXES, body=st.binary(max_size=3000), name=NAMES)
def test_random_bytes(prefix: bytes, body: bytes, name: str) -> None:
    _read(prefix + body, name)


@settings(max_examples=60, deadline=None)
@given(cut=st.integers(min_value=1, max_value=4000), flip=st.integers(min_value=0, max_value=255), name=NAMES)
def test_damaged_pdf_and_docx(cut: int, flip: int, name: str) -> None:
    for good in (PDF, DOCX):
        damaged = bytearray(good[: max(1, len(good) - cut)])
        damaged[len(damaged) // 2] = flip
        _read(bytes(damaged), name)


PDF = make_pdf(["A statement about the release of political prisoners in Belarus."])
DOCX = make_docx(["A statement about the release of political prisoners in Belarus."])
