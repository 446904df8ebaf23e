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
