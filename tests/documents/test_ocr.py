"""OCR of images and scanned PDFs: words, boxes and offsets, orientation, mixed PDFs, EXIF, limits.

The pages are rendered here from sentences written for the tests (Pillow with matplotlib's
DejaVu font), small so that each module reads only a few of them.
"""

from __future__ import annotations

import io
import json
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest

from letapis.documents import DocumentError, ReadLimits, check_document, read_document, read_document_limited
from letapis.documents.pages import OCR_TEXT, OCR_WORDS, PAGE_IMAGE, pages_from_json

LINES = [
    "Пратакол затрымання № 4512",
    "Іван Пятровіч Шыманскі быў затрыманы ў Мінску",
    "12 сакавіка 2024 года і асуджаны на тры гады.",
]


def font_path() -> str:
    import matplotlib

    return str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")


def render(lines: list[str], *, size: tuple[int, int] = (1300, 330), font_size: int = 38) -> Any:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(font_path(), font_size)
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((60, 50 + i * round(font_size * 1.8)), line, font=font, fill=0)
    return image


def as_bytes(image: Any, fmt: str, **options: Any) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()


def jpeg_with_exif() -> bytes:
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0110] = "Model X"
    exif[0x0132] = "2024:03:12 10:15:00"
    gps = {1: "N", 2: (53.0, 54.0, 0.0), 3: "E", 4: (27.0, 33.0, 36.0), 5: 0, 6: 220.5}
    exif[0x8825] = gps
    return as_bytes(render(LINES).convert("RGB"), "JPEG", quality=92, exif=exif)


@pytest.fixture(scope="module")
def photo() -> Any:
    calls: list[tuple[int, int]] = []
    document = read_document(jpeg_with_exif(), "photo.jpg", language=None, on_page=lambda k, n: calls.append((k, n)))
    return document, calls


def test_an_image_gives_words_with_boxes_and_offsets(photo: Any) -> None:
    document, _ = photo
    assert document.kind == "image" and document.media_type == "image/jpeg"
    assert "Шыманскі" in document.text and "2024" in document.text
    (page,) = document.pages
    assert page.method == "ocr" and page.number == 1 and page.language.startswith("bel")
    assert document.text[page.start : page.end] == document.text.rstrip("\n")
    assert page.confidence is not None and page.confidence > 70
    assert (page.width, page.height) == (1300, 330)
    assert len(page.words) >= 15
    for word in page.words:
        assert document.text[word.start : word.end] == word.text
        assert 0 <= word.left < page.width and 0 <= word.top < page.height and word.width > 0 and word.height > 0
        assert 0 <= word.confidence <= 100
    first = next(w for w in page.words if w.text == "Пратакол")
    assert first.top < 100 and first.left < 120  # where it was drawn (60, 50)


def test_an_image_gives_derived_files(photo: Any) -> None:
    document, _ = photo
    kinds = [d.kind for d in document.derived]
    assert kinds == [OCR_TEXT, OCR_WORDS, PAGE_IMAGE]
    text, words, image = document.derived
    assert text.data.decode() == document.text and text.media_type == "text/plain" and text.page is None
    assert pages_from_json(json.loads(words.data)) == document.pages
    assert image.media_type == "image/png" and image.page == 1 and document.pages[0].image == 2
    assert image.data.startswith(b"\x89PNG") and b"eXIf" not in image.data and b"PhoneMaker" not in image.data
    for derived in document.derived:
        assert derived.tool == "tesseract" and derived.tool_version[0].isdigit()
    assert image.settings["psm"] == 4 and "deskew" in image.settings and "lang" in image.settings


def test_an_image_gives_its_exif(photo: Any) -> None:
    document, _ = photo
    exif = document.metadata["exif"]
    assert exif["make"] == "PhoneMaker" and exif["model"] == "Model X"
    assert exif["datetime"] == "2024-03-12T10:15:00"
    assert exif["gps"]["latitude"] == pytest.approx(53.9) and exif["gps"]["longitude"] == pytest.approx(27.56)
    assert exif["gps"]["altitude"] == pytest.approx(220.5)
    json.dumps(document.metadata)  # plain values


def test_on_page_is_called_k_of_n(photo: Any) -> None:
    _, calls = photo
    assert calls == [(0, 1), (1, 1)]


def test_a_turned_page_is_read_upright() -> None:
    from PIL import Image

    turned = render(LINES).transpose(Image.Transpose.ROTATE_90)  # lying on its side
    document = read_document(as_bytes(turned, "PNG"), "turned.png", language="be")
    (page,) = document.pages
    assert page.rotation in (90, 270) and page.language == "bel+rus+eng"
    assert "Шыманскі" in document.text
    assert page.width > page.height  # the stored page image is the upright one


def _scan_pdf(text_page: bool) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    if text_page:
        pdf.add_page()
        pdf.set_font("Helvetica", size=12)
        pdf.multi_cell(0, 6, "The first page has a text layer: Ales Bialiatski was sentenced in March 2023.")
    pdf.add_page()
    scan = io.BytesIO(as_bytes(render(LINES, size=(2000, 500), font_size=42), "PNG"))
    pdf.image(scan, x=10, y=10, w=190)
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def mixed() -> Any:
    calls: list[tuple[int, int]] = []
    return read_document(_scan_pdf(True), "mixed.pdf", on_page=lambda k, n: calls.append((k, n))), calls


def test_a_mixed_pdf_keeps_its_text_page_and_reads_the_scanned_one(mixed: Any) -> None:
    document, calls = mixed
    assert document.kind == "pdf" and document.media_type == "application/pdf"
    first, second = document.pages
    assert (first.method, second.method) == ("text", "ocr")
    assert "Bialiatski was sentenced" in document.text[first.start : first.end]
    assert "Шыманскі" in document.text[second.start : second.end]
    assert first.words == () and first.image is None and second.image == 2
    assert [d.page for d in document.derived] == [None, None, 2]
    for word in second.words:
        assert document.text[word.start : word.end] == word.text
    assert calls == [(0, 1), (1, 1)]  # only the scanned page is OCRed
    assert document.derived[2].settings["dpi"] == 300


def test_a_scanned_pdf_is_read_in_a_limited_child() -> None:
    calls: list[tuple[int, int]] = []
    document = read_document_limited(
        _scan_pdf(False),
        "scan.pdf",
        ReadLimits(cpu_seconds=20),
        language="be",
        on_page=lambda k, n: calls.append((k, n)),
    )
    (page,) = document.pages
    assert page.method == "ocr" and "Шыманскі" in document.text
    assert calls == [(0, 1), (1, 1)]  # called here, in the parent
    assert document.derived[-1].kind == PAGE_IMAGE


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` × ``height`` pixels."""
    from PIL import Image

    data = bytearray(as_bytes(Image.new("L", (8, 8), 255), "PNG"))
    header = b"IHDR" + struct.pack(">II", width, height) + bytes(data[24:29])
    data[12:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(header))
    return bytes(data)


def test_an_oversized_image_is_refused_before_it_is_decoded() -> None:
    huge = _png_claiming(20000, 20000)
    expected = "photo.png is 20,000 × 20,000 pixels: images over 60 megapixels are refused"
    with pytest.raises(DocumentError) as caught:
        check_document(huge, "photo.png")
    assert str(caught.value) == expected
    with pytest.raises(DocumentError) as caught:
        read_document(huge, "photo.png")
    assert str(caught.value) == expected
    with pytest.raises(DocumentError, match="over 1 megapixels"):
        read_document_limited(_png_claiming(2000, 1000), "photo.png", ReadLimits(max_pixels=1_000_000))


def test_too_many_pages_are_refused() -> None:
    from PIL import Image

    frames = [Image.new("L", (50, 50), 255) for _ in range(3)]
    tiff = as_bytes(frames[0], "TIFF", save_all=True, append_images=frames[1:])
    with pytest.raises(DocumentError, match=r"^pages.tiff has 3 pages: at most 2 are read$"):
        read_document(tiff, "pages.tiff", max_pages=2)


def test_a_damaged_image_is_refused_in_one_line() -> None:
    png = as_bytes(render(["x"], size=(200, 100)), "PNG")
    with pytest.raises(DocumentError, match=r"^broken.png is a damaged") as caught:
        read_document(png[: len(png) // 2], "broken.png")
    assert "\n" not in str(caught.value)


def test_images_are_accepted_by_extension_and_content() -> None:
    png = as_bytes(render(["x"], size=(100, 50)), "PNG")
    assert check_document(png, "scan.png") == "image"
    assert check_document(as_bytes(render(["x"], size=(100, 50)), "WEBP"), "photo.webp") == "image"
    with pytest.raises(DocumentError, match="scan.pdf is not a PDF: it looks like a PNG image"):
        check_document(png, "scan.pdf")
    with pytest.raises(DocumentError, match="notes.png is not an image"):
        check_document(b"just some words", "notes.png")


def test_an_english_page_is_read_in_english() -> None:
    lines = ["On 12 May 2025 the poet Uladzimir Hundar", "was released in Minsk after two years in a colony."]
    document = read_document(as_bytes(render(lines), "PNG"), "letter.png")
    assert document.pages[0].language == "eng"
    assert "12 May 2025" in document.text and "released in Minsk" in document.text  # not Cyrillic look-alikes


def test_lines_of_a_paragraph_are_one_run_of_sentences() -> None:
    from letapis.documents.ocr import OcrWord
    from letapis.documents.scan import layout

    def word(text: str, left: int, top: int, block: int, paragraph: int, line: int) -> OcrWord:
        return OcrWord(text, 90.0, left, top, 20 * len(text), 30, block, paragraph, line)

    words = [
        word("Суд", 0, 0, 1, 1, 1),
        word("прызначыў", 100, 0, 1, 1, 1),
        word("Наталлі", 600, 0, 1, 1, 1),
        word("Козлавай", 0, 40, 1, 1, 2),  # a capital going on: the same sentence
        word("пакаран-", 400, 40, 1, 1, 2),
        word("не", 0, 80, 1, 1, 3),  # a hyphen broken word (kept as written)
        word("Кодэкса", 0, 120, 2, 1, 1),  # Tesseract's new block after no full stop, no blank line
        word("1.", 0, 300, 3, 1, 1),  # a new paragraph after a blank line
        word("Лосік", 60, 300, 3, 1, 1),
        word("2.", 0, 340, 3, 1, 2),  # a list item starts a line
        word("Ашурак", 60, 340, 3, 1, 2),
    ]
    text, spans = layout(words)
    assert text == "Суд прызначыў Наталлі Козлавай пакаран-не Кодэкса\n\n1. Лосік\n2. Ашурак"
    assert all(text[s:e] == w.text for w, s, e in spans)


def test_a_page_over_its_time_is_refused() -> None:
    png = as_bytes(render(LINES), "PNG")
    with pytest.raises(DocumentError, match=r"^slow.png took more than 0.001 s to read: refused$"):
        read_document(png, "slow.png", page_seconds=0.001)


def test_the_caller_may_stop_a_read_at_its_first_page() -> None:
    import time

    class Stop(Exception):
        pass

    def stop(k: int, n: int) -> None:
        raise Stop(f"{n} pages to OCR")

    started = time.monotonic()
    with pytest.raises(Stop, match="1 pages to OCR"):
        read_document_limited(as_bytes(render(LINES), "PNG"), "photo.png", on_page=stop)
    assert time.monotonic() - started < 3  # the child (and its Tesseract) is killed, not awaited


def test_a_heic_photo_is_read() -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    heic = as_bytes(render(LINES).convert("RGB"), "HEIF", quality=90)
    assert check_document(heic, "IMG_0412.HEIC") == "image"
    document = read_document(heic, "IMG_0412.HEIC", language="be")
    assert document.media_type == "image/heic" and "Шыманскі" in document.text
