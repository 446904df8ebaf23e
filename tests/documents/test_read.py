"""read_document: kinds told by content, encodings, and every refusal in one clear line."""

from __future__ import annotations

import pytest

from letapis.documents import DocumentError, read_document, sniff_kind
from tests.conftest import SEED
from tests.documents.conftest import FIXTURES, make_docx, make_pdf, make_zip

BE = "Кацярына Андрэева, журналістка і пісьменніца, ганаровая сяброўка Каталонскага ПЭН, застаецца за кратамі."
RU = "Екатерина Андреева, журналистка и писательница, остаётся за решёткой с ноября 2020 года."


def refusal(data: bytes, filename: str, **kwargs: int) -> str:
    with pytest.raises(DocumentError) as info:
        read_document(data, filename, **kwargs)  # type: ignore[arg-type]
    message = str(info.value)
    assert "\n" not in message
    return message


# --- text and encodings ------------------------------------------------------------------------


def test_it_reads_the_seed_as_utf8_text() -> None:
    doc = read_document(SEED.read_bytes(), SEED.name)
    assert (doc.kind, doc.media_type, doc.encoding) == ("text", "text/plain", "utf-8")
    assert "Aleś Bialacki" in doc.text and "Dzianis Ivašyn" in doc.text
    assert doc.title.startswith("14 December 2025: PEN Belarus welcomes")
    assert len(doc.title) <= 201


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_it_detects_russian_in_legacy_code_pages(encoding: str) -> None:
    doc = read_document(RU.encode(encoding), "zajava.txt")
    assert doc.encoding == encoding
    assert doc.text == RU + "\n"


def test_it_detects_belarusian_in_cp1251() -> None:
    doc = read_document(BE.encode("cp1251"), "zajava.txt")
    assert (doc.encoding, doc.text) == ("cp1251", BE + "\n")


def test_it_detects_short_lower_case_koi8() -> None:
    text = "его освободили вчера, а она остаётся в колонии"
    assert read_document(text.encode("koi8_r"), "a.txt").text == text + "\n"
    assert read_document(text.encode("cp1251"), "a.txt").text == text + "\n"


def test_it_reads_utf8_with_bom_and_utf16() -> None:
    assert read_document(b"\xef\xbb\xbf" + BE.encode(), "a.txt").text == BE + "\n"
    doc = read_document(BE.encode("utf-16"), "a.txt")
    assert (doc.encoding, doc.text) == ("utf-16", BE + "\n")


def test_it_normalises_line_ends_and_blank_lines() -> None:
    doc = read_document(b"First line  \r\n\r\n\r\n\r\nSecond line\r\n", "a.txt")
    assert doc.text == "First line\n\nSecond line\n"


def test_it_reads_markdown_with_its_heading_as_title() -> None:
    doc = read_document("# Заява\n\nПЭН вітае <b>вызваленне</b>.\n".encode(), "zajava.md")
    assert (doc.kind, doc.media_type, doc.title) == ("markdown", "text/markdown", "Заява")


# --- HTML --------------------------------------------------------------------------------------


def test_it_turns_html_into_paragraphs_without_scripts() -> None:
    page = """<!DOCTYPE html><html><head><title>PEN Belarus &mdash; statement</title>
    <style>p { color: red }</style><script>alert("x")</script></head>
    <body><nav>Menu</nav><h1>Statement</h1>
    <p>Among those   released is
       <a href="#">Aleś Bialacki</a>.</p><p>Line one<br>line two</p>
    <ul><li>Maksim Znak</li><li>Dzianis Ivašyn</li></ul>
    <table><tr><td>name</td><td>status</td></tr></table><noscript>enable js</noscript></body></html>"""
    doc = read_document(page.encode("utf-8"), "statement.html")
    assert doc.kind == "html" and doc.media_type == "text/html"
    assert doc.title == "PEN Belarus — statement"
    assert "alert" not in doc.text and "color" not in doc.text and "enable js" not in doc.text
    assert "Among those released is Aleś Bialacki." in doc.text
    assert "Line one\nline two" in doc.text
    assert "\n\nMaksim Znak\n\nDzianis Ivašyn\n\n" in doc.text


def test_it_reads_cp1251_html() -> None:
    page = f"<html><body><p>{BE}</p></body></html>".encode("cp1251")
    doc = read_document(page, "a.htm")
    assert (doc.encoding, doc.text) == ("cp1251", BE + "\n")


# --- PDF ---------------------------------------------------------------------------------------


def test_it_reads_a_pdf() -> None:
    data = make_pdf(
        ["PEN Belarus welcomes the news of the release of 123 political prisoners.", "Maksim Znak is among them."]
    )
    doc = read_document(data, "statement.pdf")
    assert doc.kind == "pdf" and doc.encoding == ""
    assert "release of 123 political prisoners" in doc.text
    assert "Maksim Znak is among them." in doc.text


def test_it_reads_cyrillic_from_a_pdf_and_joins_broken_lines() -> None:
    doc = read_document((FIXTURES / "statement-be.pdf").read_bytes(), "statement-be.pdf")
    assert doc.title == "Заява ПЭН Беларусь"
    assert "пісьменнік і праваабаронца Алесь Бяляцкі." in doc.text
    assert "Siarhiej Paŭłavicki" in doc.text


def test_it_refuses_a_pdf_without_text() -> None:
    assert "without text" in refusal(make_pdf([], draw_only=True), "scan.pdf")


def test_it_refuses_a_password_protected_pdf() -> None:
    data = make_pdf(["secret statement text about the release"], password="user-secret")
    message = refusal(data, "locked.pdf")
    assert "locked.pdf" in message and ("password" in message or "encrypted" in message)


def test_it_refuses_a_damaged_pdf() -> None:
    assert "damaged PDF" in refusal(b"%PDF-1.7\n1 0 obj <</Type /Catalog>>\ntrailer garbage" * 3, "x.pdf")


# --- DOCX --------------------------------------------------------------------------------------


def test_it_reads_a_docx_with_its_title_and_tables() -> None:
    data = make_docx([BE, "", "Maksim Znak\twas freed."], title="Заява", table=[["імя", "статус"]])
    doc = read_document(data, "zajava.docx")
    assert doc.kind == "docx" and doc.title == "Заява"
    assert doc.text == f"{BE}\n\nMaksim Znak\twas freed.\n\nімя\n\nстатус\n"


def test_it_refuses_a_docx_zip_bomb() -> None:
    body = b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'>"
    bomb = make_zip({"word/document.xml": body + b" " * (80 * 1024 * 1024) + b"</w:document>"})
    assert len(bomb) < 1024 * 1024
    assert "zip bomb" in refusal(bomb, "bomb.docx")


def test_it_refuses_a_docx_with_a_dtd() -> None:
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]>'
        b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'>&lol;</w:document>"
    )
    assert "DTD" in refusal(make_zip({"word/document.xml": xml}), "x.docx")


# --- kinds and extensions ----------------------------------------------------------------------


def test_it_tells_kinds_by_content() -> None:
    assert sniff_kind(make_pdf(["a PDF with some text in it for the test"])) == "pdf"
    assert sniff_kind(make_docx(["x"])) == "docx"
    assert sniff_kind(make_zip({"xl/workbook.xml": b"<x/>"})) == "an Excel workbook"
    assert sniff_kind(b"\x89PNG\r\n\x1a\n....") == "image"
    assert sniff_kind(b"GIF89a....") == "a GIF image: save it as PNG or JPEG"
    assert sniff_kind(b"plain words") == "text"


def test_it_refuses_a_mismatching_extension() -> None:
    assert refusal(make_docx(["x"]), "x.pdf") == "x.pdf is not a PDF: it looks like a Word document"
    assert refusal(make_pdf(["some text for a PDF file here"]), "x.docx") == (
        "x.docx is not a Word document: it looks like a PDF"
    )
    html = b"<html><body><p>a</p></body></html>"
    assert refusal(html, "x.txt") == "x.txt is not plain text: it looks like an HTML page"
    assert refusal(b"just words", "x.html") == "x.html is not an HTML page: it looks like plain text"
    assert refusal(b"\x89PNG\r\n\x1a\n\x00\x00", "photo.pdf") == "photo.pdf is not a PDF: it looks like a PNG image"


def test_it_refuses_unknown_extensions() -> None:
    message = refusal(b"{\\rtf1 hello}", "x.rtf")
    assert message.startswith("x.rtf: .rtf files are not read (use ")


def test_it_reads_a_file_without_extension_by_content() -> None:
    assert read_document(make_docx([BE]), "upload").kind == "docx"


def test_it_refuses_empty_and_blank_files() -> None:
    assert refusal(b"", "a.txt") == "a.txt is empty"
    assert refusal(b" \n\n\t \n", "a.txt") == "a.txt holds no text"


def test_it_refuses_binary_data() -> None:
    assert "binary" in refusal(bytes(range(256)) * 40, "a.txt")
    assert "binary" in refusal(b"abc\x00def" * 100, "a.txt")
    assert "a program" in refusal(b"\x7fELF\x02\x01\x01" + bytes(200), "a.txt")


def test_it_refuses_a_file_larger_than_the_limit() -> None:
    data = b"word " * (11 * 1024 * 1024 // 5)
    assert refusal(data, "big.txt", max_bytes=10 * 1024 * 1024) == (
        "big.txt is 11.0 MB: files larger than 10.0 MB are refused"
    )
    assert read_document(data, "big.txt", max_bytes=12 * 1024 * 1024).kind == "text"


def test_it_refuses_a_50_mb_file_by_default() -> None:
    assert "larger than 20.0 MB" in refusal(b"a" * (50 * 1024 * 1024), "big.txt")
