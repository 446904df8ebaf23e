"""Scans end to end, as a monitor sends them: a photographed statement uploaded alone, a scanned
PDF and a mixed PDF (a text page and a scanned one) through the job queue, into the review queue
with the claims the real extractor proposes from the recognised text, reviewed beside the page
images; a refused oversized image; a job refused on a limit. Real Tesseract: each page is small,
and each test reads one or two of them."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from letapis.custody.models import DerivedFile
from letapis.registry.models import Source
from letapis.review import jobs
from letapis.review.jobs import run_worker
from letapis.review.models import Job
from tests.documents.test_ocr import _png_claiming, as_bytes, render
from tests.web.review_helpers import login, make_user

pytestmark = pytest.mark.django_db

#: A short statement in our own words; the names are invented.
STATEMENT = [
    "Minsk, 3 March 2026.",
    "The court in Minsk sentenced the poet Ales Novik",
    "to five years in a penal colony. He remains in custody.",
]
OPTIONS = {"confidentiality": "internal", "reliability": "unknown"}


def _file(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def _stored(settings: Any) -> list[Path]:
    root = Path(settings.SOURCES_DIR)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def photo() -> bytes:
    """The statement as a phone photo would give it: a JPEG, greyish paper."""
    image = render(STATEMENT, size=(1400, 330), font_size=40).point(lambda v: 235 if v > 200 else v)
    return as_bytes(image.convert("RGB"), "JPEG", quality=90)


def scanned_pdf(*, text_page: bool) -> bytes:
    """A PDF of one scanned page (the statement), after a page with a text layer if asked."""
    from fpdf import FPDF

    pdf = FPDF()
    if text_page:
        pdf.add_page()
        pdf.set_font("Helvetica", size=12)
        pdf.multi_cell(0, 6, "Cover letter. The journalist Ihar Lavrenau was released on 1 March 2026.")
    pdf.add_page()
    pdf.image(io.BytesIO(as_bytes(render(STATEMENT, size=(2000, 420), font_size=42), "PNG")), x=10, y=10, w=190)
    return bytes(pdf.output())


@pytest.fixture
def monitor(client: Client, django_user_model: Any) -> Client:
    return login(client, make_user(django_user_model, "monitor", "editor"))


def novik_claims(source: Source) -> list[Any]:
    return [c for c in source.claims.all() if "Novik" in str(c.value.get("name") or c.value.get("person_name") or "")]


def test_a_photographed_statement_is_read_in_the_background_and_reviewed_beside_its_image(
    monitor: Client, settings: Any
) -> None:
    settings.LETAPIS_UPLOAD_READ_SECONDS = 60  # however long a wait is allowed, OCR is not waited for
    answer = monitor.post("/upload/", {"files": _file("statement.jpg", photo()), **OPTIONS})
    job = Job.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/upload/jobs/?jobs={job.pk}"
    assert Source.objects.count() == 0 and "queued" in monitor.get(answer["Location"]).content.decode()
    assert run_worker(idle_exit=True) == 1
    source = Source.objects.get()
    assert f'href="/review/sources/{source.pk}/"' in monitor.get(answer["Location"]).content.decode()
    assert source.media_type == "image/jpeg" and "Ales Novik" in source.text
    person = next(c for c in novik_claims(source) if c.kind == "person")
    assert person.state == "proposed"
    assert any(c.kind == "status" and c.value["status"] == "held" for c in novik_claims(source))
    kinds = set(DerivedFile.objects.filter(source=source).values_list("kind", flat=True))
    assert {"ocr-text", "ocr-words", "page-image"} <= kinds
    html = monitor.get(f"/review/sources/{source.pk}/").content.decode()
    assert f'src="/sources/{source.pk}/pages/1.png"' in html
    # the person's two words boxed on the image
    boxes = re.findall(
        rf'class="box claim proposed[^"]*" href="#claim-\d+" tabindex="-1" aria-hidden="true" '
        rf'data-claims="[^"]*\b{person.pk}\b',
        html,
    )
    assert len(boxes) == 2
    image = monitor.get(f"/sources/{source.pk}/pages/1.png")
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    # the review queue lists it
    assert f'href="/review/sources/{source.pk}/"' in monitor.get("/review/").content.decode()


def test_a_scanned_and_a_mixed_pdf_go_through_the_job_queue_with_their_progress(
    monitor: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[dict[str, Any]] = []
    real_write = jobs.JobProgress._write

    def spy(self: jobs.JobProgress, **fields: Any) -> None:
        written.append({"job": self.job.pk, **fields})
        real_write(self, **fields)

    monkeypatch.setattr(jobs.JobProgress, "_write", spy)
    files = [_file("scan.pdf", scanned_pdf(text_page=False)), _file("mixed.pdf", scanned_pdf(text_page=True))]
    answer = monitor.post("/upload/", {"files": files, **OPTIONS})
    scan_job, mixed_job = Job.objects.order_by("id")
    assert answer.status_code == 302 and Source.objects.count() == 0
    assert "queued" in monitor.get(answer["Location"]).content.decode()
    assert run_worker(idle_exit=True) == 2
    html = monitor.get(answer["Location"]).content.decode()
    assert html.count("proposed claim") == 2 and 'http-equiv="refresh"' not in html

    for job in (scan_job, mixed_job):
        job.refresh_from_db()
        assert (job.state, job.phase, job.pages_done, job.pages_total) == ("done", "storing", 1, 1)
        steps = [w for w in written if w["job"] == job.pk]
        assert [w.get("phase") for w in steps if "phase" in w] == ["reading", "extracting", "storing"]
        assert {"pages_done": 1, "pages_total": 1} in [
            {k: w[k] for k in ("pages_done", "pages_total")} for w in steps if "pages_done" in w
        ]

    scan = Source.objects.get(pk=scan_job.result["source"])
    assert "Ales Novik" in scan.text and any(c.kind == "person" for c in novik_claims(scan))
    mixed = Source.objects.get(pk=mixed_job.result["source"])
    assert "Ihar Lavrenau" in mixed.text and "Ales Novik" in mixed.text
    # the mixed PDF's review: page 1 read from its text layer, page 2 an image with its boxes
    html = monitor.get(f"/review/sources/{mixed.pk}/").content.decode()
    assert "read from its text layer" in html and f'src="/sources/{mixed.pk}/pages/2.png"' in html
    assert f"/sources/{mixed.pk}/pages/1.png" not in html
    person = next(c for c in novik_claims(mixed) if c.kind == "person")
    assert re.search(rf'data-claims="[^"]*\b{person.pk}\b', html)
    assert re.search(rf'id="claim-{person.pk}" tabindex="-1" data-state="proposed"[^>]* data-scan-page="2"', html)


def test_an_oversized_image_is_refused_with_a_clear_message_and_nothing_stored(monitor: Client, settings: Any) -> None:
    huge = _png_claiming(20000, 20000)
    expected = "photo.png is 20,000 × 20,000 pixels: images over 60 megapixels are refused"
    answer = monitor.post("/upload/", {"files": _file("photo.png", huge), **OPTIONS})
    assert answer.status_code == 400 and expected in answer.content.decode()
    both = [_file("photo.png", huge), _file("other.png", _png_claiming(9000, 9000))]
    answer = monitor.post("/upload/", {"files": both, **OPTIONS})  # the queue's quick checks
    assert answer.status_code == 400 and expected in answer.content.decode()
    assert Source.objects.count() == 0 and Job.objects.count() == 0 and _stored(settings) == []


def test_a_scan_over_the_page_limit_fails_its_job_in_one_line(
    monitor: Client, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import Image

    settings.LETAPIS_OCR_MAX_PAGES = 2
    monkeypatch.setattr("letapis.web.review.upload.SYNC_MAX_BYTES", 0)  # every file to the queue
    frames = [Image.new("L", (60, 60), 255) for _ in range(3)]
    tiff = as_bytes(frames[0], "TIFF", save_all=True, append_images=frames[1:])
    answer = monitor.post("/upload/", {"files": _file("pages.tiff", tiff), **OPTIONS})
    job = Job.objects.get()
    assert answer["Location"] == f"/upload/jobs/?jobs={job.pk}"
    assert run_worker(idle_exit=True) == 1
    job.refresh_from_db()
    assert job.state == "failed" and job.attempts == 1  # refused at once, not retried
    html = monitor.get(answer["Location"]).content.decode()
    assert "pages.tiff has 3 pages: at most 2 are read" in html and 'http-equiv="refresh"' not in html
    assert Source.objects.count() == 0 and _stored(settings) == []
