"""Reading under limits: a hostile file is stopped by the CPU-time or the memory limit, quickly and
with the limit named; an ordinary document reads as it does without limits."""

from __future__ import annotations

import time

import pytest

from letapis.documents import (
    DocumentError,
    ReadLimitError,
    ReadLimits,
    check_document,
    read_document,
    read_document_limited,
)
from tests.documents.conftest import make_docx, make_pdf, make_shared_stream_pdf, make_tiny_runs_docx

SMALL = ReadLimits(cpu_seconds=2, memory_bytes=200 * 1024 * 1024)


def test_a_pdf_of_many_pages_sharing_one_stream_is_stopped_by_the_cpu_limit() -> None:
    started = time.monotonic()
    with pytest.raises(ReadLimitError) as caught:
        read_document_limited(make_shared_stream_pdf(), "pages.pdf", SMALL)
    assert str(caught.value) == "pages.pdf was refused: reading took more than 2 s of CPU"
    assert caught.value.limit == "cpu"
    assert time.monotonic() - started < SMALL.wall  # stopped by the CPU limit, not the wall clock


def test_a_docx_of_tiny_runs_is_stopped_by_the_memory_limit() -> None:
    started = time.monotonic()
    with pytest.raises(ReadLimitError) as caught:
        read_document_limited(make_tiny_runs_docx(), "runs.docx", SMALL)
    assert str(caught.value) == "runs.docx was refused: reading needed more than 200 MB of memory"
    assert caught.value.limit == "memory"
    assert time.monotonic() - started < 10


def test_the_wall_clock_limit_kills_a_read_that_waits() -> None:
    limits = ReadLimits(cpu_seconds=30, wall_seconds=0.5)
    started = time.monotonic()
    with pytest.raises(ReadLimitError, match=r"^pages.pdf was refused: reading took more than 0.5 s$"):
        read_document_limited(make_shared_stream_pdf(), "pages.pdf", limits)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("statement.pdf", make_pdf(["Ales Bialiatski was released on 13 December 2025 in Minsk."])),
        ("letter.docx", make_docx(["Maryna Zolatava was released."], title="A letter")),
        ("note.txt", "Алесь Бяляцкі вызвалены.\n".encode("cp1251")),
        ("page.html", b"<html><head><title>News</title></head><body><p>Ihar Losik was released.</p></body></html>"),
    ],
)
def test_an_ordinary_document_reads_as_without_limits(name: str, data: bytes) -> None:
    assert read_document_limited(data, name, SMALL) == read_document(data, name)


def test_a_refusal_of_the_reader_comes_back_as_it_is() -> None:
    with pytest.raises(DocumentError, match="^photo.pdf is not a PDF: it looks like a PNG image$") as caught:
        read_document_limited(b"\x89PNG\r\n\x1a\n" + bytes(100), "photo.pdf", SMALL)
    assert not isinstance(caught.value, ReadLimitError)


def test_the_text_a_reader_gives_is_capped() -> None:
    with pytest.raises(DocumentError, match=r"^long.txt holds more than 1,000 characters of text: refused$"):
        read_document(b"word " * 1000, "long.txt", max_chars=1000)
    with pytest.raises(DocumentError, match=r"^pages.pdf holds more than 5,000 characters of text: refused$"):
        read_document(make_shared_stream_pdf(pages=200, operations=100), "pages.pdf", max_chars=5000)


def test_the_quick_check_refuses_what_is_plainly_bad_without_reading() -> None:
    assert check_document(make_shared_stream_pdf(), "pages.pdf") == "pdf"
    assert check_document(b"<html><p>News</p></html>", "page.html") == "text"
    for name, data, line in [
        ("empty.txt", b"", "empty.txt is empty"),
        ("photo.pdf", b"\x89PNG\r\n\x1a\n" + bytes(10), "photo.pdf is not a PDF: it looks like a PNG image"),
        ("x.docx", make_pdf(["A statement."]), "x.docx is not a Word document: it looks like a PDF"),
        ("x.txt", make_pdf(["A statement."]), "x.txt is not plain text: it looks like a PDF"),
        ("blob.txt", b"abc\x00def", "blob.txt is not text: it holds binary data"),
        ("x.doc", b"text", "x.doc: .doc files are not read"),
    ]:
        with pytest.raises(DocumentError, match="^" + line):
            check_document(data, name)
