"""Images with camera metadata, and a stand-in for the OCR reader.

:func:`exif_jpeg` makes a tiny photo carrying what a phone writes: the time, the device, GPS,
an XMP packet. :func:`fake_reader` makes ingest read any file as a one-page scan, with the page
image, the recognised text and words, and the EXIF the OCR reader reports
(``Document.metadata``), so that the custody tests do not wait for Tesseract.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from PIL import Image

from letapis.documents import Document
from letapis.documents.pages import OCR_TEXT, OCR_WORDS, PAGE_IMAGE, Derived, Page, pages_to_json
from tests.review.conftest import FakeResult

TEXT = "The verdict of the court of Minsk, 3 December 2025.\n"

EXIF = {
    "datetime": "2025:12:03 14:05:00",
    "make": "Google",
    "model": "Pixel 7",
    "software": "HDR+ 1.0",
    "gps": {"latitude": 53.9, "longitude": 27.5667, "altitude": 220.0},
}

XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description>secret</rdf:Description></rdf:RDF></x:xmpmeta>'


def exif_jpeg(colour: str = "white", size: tuple[int, int] = (48, 32), *, lines: list[str] | None = None) -> bytes:
    """A JPEG with EXIF (device, time, orientation), a GPS folder and an XMP packet; with
    ``lines``, a photo of those lines of text (upright) for the real OCR reader."""
    exif = Image.Exif()
    exif[0x010F] = EXIF["make"]
    exif[0x0110] = EXIF["model"]
    exif[0x0131] = EXIF["software"]
    exif[0x0132] = EXIF["datetime"]
    exif[0x0112] = 6 if lines is None else 1  # turned: the stripped copy must be turned before the tag goes
    exif[0x8825] = {1: "N", 2: (53.0, 54.0, 0.0), 3: "E", 4: (27.0, 34.0, 0.0), 6: 220.0}
    image = Image.new("RGB", size, colour) if lines is None else text_image(lines)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), xmp=XMP)
    return out.getvalue()


LINES = ["Verdict of the Minsk city court", "Ivan Shymanski was sentenced", "to three years on 3 December 2025."]


def text_image(lines: list[str]) -> Image.Image:
    from pathlib import Path

    import matplotlib
    from PIL import ImageDraw, ImageFont

    font = ImageFont.truetype(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"), 36)
    image = Image.new("RGB", (1100, 300), "white")
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((50, 40 + i * 70), line, font=font, fill="black")
    return image


def png_page(number: int) -> bytes:
    """A page image from a careless tool: it kept the camera's EXIF (OCR's own carry none), so
    that the paths serving page images are seen to strip it."""
    exif = Image.Exif()
    exif[0x0110] = EXIF["model"]
    out = io.BytesIO()
    Image.new("L", (20 + number, 30), 255).save(out, "PNG", exif=exif.tobytes())
    return out.getvalue()


def scan_document(data: bytes, filename: str) -> Document:
    """What the OCR reader gives for a one-page image: the page, its image, text and words."""
    page = Page(1, "ocr", 0, len(TEXT) - 1, confidence=91.5, language="bel+rus+eng", width=21, height=30, image=0)
    tesseract = ("tesseract", "5.3.0", {"lang": "bel+rus+eng", "psm": 3})
    derived = (
        Derived(PAGE_IMAGE, png_page(1), "image/png", "Pillow", "12.0", {"dpi": 300}, page=1),
        Derived(OCR_TEXT, TEXT.encode(), "text/plain", *tesseract),
        Derived(OCR_WORDS, json.dumps(pages_to_json([page])).encode(), "application/json", *tesseract),
    )
    return Document(
        text=TEXT.strip(),
        media_type="image/jpeg",
        encoding="",
        title="The verdict",
        kind="image",
        pages=(page,),
        derived=derived,
        metadata={"exif": EXIF},
    )


@pytest.fixture
def fake_reader(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """Ingest reads every file as a one-page scan; returns the page progress reported."""
    progress: list[tuple[int, int]] = []

    def read(data: bytes, filename: str, limits: Any = None, *, language: Any = None, on_page: Any = None) -> Document:
        if on_page is not None:
            on_page(1, 1)
            progress.append((1, 1))
        return scan_document(data, filename)

    monkeypatch.setattr("letapis.review.ingest.read_document_limited", read)
    monkeypatch.setattr("letapis.review.ingest.run_extractor", lambda text, **kwargs: FakeResult(persons=[]))
    return progress


@pytest.fixture
def researcher(django_user_model: Any) -> Any:
    return django_user_model.objects.create_user("researcher", password="x-long-password-4", role="researcher")
