"""Builders of test files: DOCX with python-docx, PDF with fpdf2 (core fonts, Latin-1 text).

The Cyrillic PDF is a committed fixture (``fixtures/statement-be.pdf``, made with fpdf2 and
the DejaVu Sans font), so that the tests need no font installed on the machine.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

FIXTURES = Path(__file__).with_name("fixtures")


def make_docx(paragraphs: list[str], *, title: str | None = None, table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table is not None:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    if title is not None:
        document.core_properties.title = title
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_pdf(paragraphs: list[str], *, password: str | None = None, draw_only: bool = False) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    if draw_only:
        pdf.rect(20, 20, 100, 60, style="F")  # a "scan": marks on the page, no text layer
    else:
        pdf.set_font("Helvetica", size=11)
        for text in paragraphs:
            pdf.multi_cell(0, 6, text)
            pdf.ln(4)
    if password is not None:
        pdf.set_encryption(owner_password="owner-secret", user_password=password)
    return bytes(pdf.output())


def make_zip(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def make_shared_stream_pdf(pages: int = 200, operations: int = 2000) -> bytes:
    """A hostile PDF: ``pages`` pages that all point at one content stream of ``operations`` text
    operations, so the file stays small (about 30 KB) while reading it costs ``pages`` times the
    stream (200 × 2000 take some 10 s of CPU)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    resources = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 10 Tf 20 700 Td " + b"(x) Tj 1 0 Td " * operations + b"ET")
    shared = writer._add_object(stream)
    for _ in range(pages):
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = resources
        page[NameObject("/Contents")] = shared
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_tiny_runs_docx(runs: int = 600_000) -> bytes:
    """A hostile DOCX: one paragraph of ``runs`` runs of one letter each (random letters, so the
    zip's ratio stays far below a bomb's). 600,000 runs are a 0.9 MB file whose XML tree needs
    more than 200 MB."""
    import random
    import string

    letters = random.Random(14).choices(string.ascii_letters, k=runs)
    body = "".join(f"<w:r><w:t>{letter}</w:t></w:r>" for letter in letters)
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body><w:p>{body}</w:p></w:body></w:document>"
    )
    return make_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": xml.encode()})
