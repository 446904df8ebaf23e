"""Uploads: the ingest service behind a form, with the same refusals as `letapis ingest`, and
background jobs with a progress page."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from letapis.registry.models import Source
from letapis.review.jobs import run_worker
from letapis.review.models import Job
from letapis.web.review import upload
from tests.conftest import SEED
from tests.documents.conftest import make_shared_stream_pdf, make_tiny_runs_docx
from tests.web.review_helpers import login, make_user

pytestmark = pytest.mark.django_db


def _file(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def _stored(settings: Any) -> list[Path]:
    root = Path(settings.SOURCES_DIR)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.fixture
def researcher_client(client: Client, django_user_model: Any) -> Client:
    return login(client, make_user(django_user_model, "res", "researcher"))


def test_anonymous_visitors_go_to_the_login_page_and_viewers_may_not_upload(client: Client, viewer: Any) -> None:
    answer = client.get("/upload/")
    assert answer.status_code == 302 and "/login/" in answer["Location"]
    login(client, viewer)
    assert client.get("/upload/").status_code == 403
    assert client.post("/upload/", {"files": _file("a.txt", SEED.read_bytes())}).status_code == 403
    assert client.get("/upload/jobs/").status_code == 403
    assert Source.objects.count() == 0


def test_the_form_names_the_size_limit(researcher_client: Client, settings: Any) -> None:
    settings.LETAPIS_MAX_UPLOAD_MB = 3
    page = researcher_client.get("/upload/")
    assert page.status_code == 200
    assert b"up to 3 MB each" in page.content and b'enctype="multipart/form-data"' in page.content


def test_one_small_file_is_ingested_at_once_and_opens_its_review(researcher_client: Client) -> None:
    answer = researcher_client.post(
        "/upload/", {"files": _file(SEED.name, SEED.read_bytes()), "confidentiality": "internal", "reliability": "high"}
    )
    source = Source.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/review/sources/{source.pk}/"
    assert source.reliability == "high" and source.confidentiality == "internal"
    assert source.claims.count() > 20
    page = researcher_client.get(answer["Location"])
    assert f"source {source.pk}, {source.claims.count()} proposed claims".encode() in page.content


def test_the_same_file_again_points_to_its_source(researcher_client: Client) -> None:
    data = {"confidentiality": "internal", "reliability": "unknown"}
    researcher_client.post("/upload/", {**data, "files": _file(SEED.name, SEED.read_bytes())})
    answer = researcher_client.post("/upload/", {**data, "files": _file("again.txt", SEED.read_bytes())}, follow=True)
    source = Source.objects.get()
    assert f"again.txt was ingested before, as source {source.pk}.".encode() in answer.content


@pytest.mark.parametrize(
    ("name", "data", "line"),
    [
        ("empty.txt", b"", "empty.txt is empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "image.txt"),
        ("broken.pdf", b"%PDF-1.4 not really", "broken.pdf"),
    ],
)
def test_a_bad_file_is_refused_with_one_line_and_nothing_stored(
    researcher_client: Client, settings: Any, name: str, data: bytes, line: str
) -> None:
    answer = researcher_client.post(
        "/upload/", {"files": _file(name, data), "confidentiality": "internal", "reliability": "unknown"}
    )
    assert answer.status_code == 400
    text = answer.content.decode()
    assert "Nothing was stored for these files:" in text and line in text
    assert Source.objects.count() == 0 and Job.objects.count() == 0
    assert _stored(settings) == []


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(researcher_client: Client, settings: Any) -> None:
    settings.LETAPIS_MAX_UPLOAD_MB = 1
    big = b"Ales Bialacki was released. " * 50_000  # 1.4 million bytes, 1.3 MiB
    answer = researcher_client.post(
        "/upload/", {"files": _file("big.txt", big), "confidentiality": "internal", "reliability": "unknown"}
    )
    assert answer.status_code == 400
    assert "big.txt is 1.3 MB: files larger than 1.0 MB are refused" in answer.content.decode()
    assert Source.objects.count() == 0 and _stored(settings) == []


def test_a_researcher_may_not_mark_a_source_more_secret_than_they_may_read(researcher_client: Client) -> None:
    page = researcher_client.get("/upload/")
    assert b'value="confidential"' not in page.content
    answer = researcher_client.post(
        "/upload/",
        {"files": _file(SEED.name, SEED.read_bytes()), "confidentiality": "confidential", "reliability": "unknown"},
    )
    assert answer.status_code == 400 and Source.objects.count() == 0


def test_several_files_run_as_jobs_with_a_progress_page(researcher_client: Client, settings: Any) -> None:
    text = SEED.read_bytes()
    files = [
        _file("one.txt", text),
        _file("two.txt", text + b"\nTwo."),
        _file("bad.txt", b""),
        _file("three.md", text + b"\n3"),
    ]
    answer = researcher_client.post(
        "/upload/", {"files": files, "confidentiality": "internal", "reliability": "unknown"}
    )
    jobs = list(Job.objects.order_by("id"))
    assert len(jobs) == 3 and Source.objects.count() == 0
    assert answer.status_code == 302
    assert answer["Location"] == "/upload/jobs/?jobs=" + ",".join(str(j.pk) for j in jobs)
    page = researcher_client.get(answer["Location"])
    html = page.content.decode()
    assert '<meta http-equiv="refresh" content="2">' in html  # polls every 2 seconds while unfinished
    assert '<progress max="3" value="0">' in html
    assert "bad.txt is empty" in html  # the refused file, one line
    assert html.count("queued") >= 3
    assert run_worker(idle_exit=True) == 3
    html = researcher_client.get(answer["Location"]).content.decode()
    assert 'http-equiv="refresh"' not in html
    assert '<progress max="3" value="3">' in html
    for source in Source.objects.all():
        assert f'href="/review/sources/{source.pk}/"' in html
    assert html.count("proposed claims") == 3


def test_the_progress_page_shows_only_ones_own_jobs(researcher_client: Client, django_user_model: Any) -> None:
    files = [_file("one.txt", SEED.read_bytes()), _file("two.txt", SEED.read_bytes() + b"\n2")]
    answer = researcher_client.post(
        "/upload/", {"files": files, "confidentiality": "internal", "reliability": "unknown"}
    )
    other = login(Client(), make_user(django_user_model, "someone", "researcher"))
    html = other.get(answer["Location"]).content.decode()
    assert "one.txt" not in html and "No uploads." in html


def test_a_long_read_does_not_hold_the_request_the_job_reads_it_and_fails_on_the_limit(
    researcher_client: Client, settings: Any
) -> None:
    settings.LETAPIS_UPLOAD_READ_SECONDS = 1
    settings.LETAPIS_READ_CPU_SECONDS = 2
    hostile = make_shared_stream_pdf()  # 30 KB: small enough to be read while the uploader waits
    started = time.monotonic()
    answer = researcher_client.post(
        "/upload/", {"files": _file("pages.pdf", hostile), "confidentiality": "internal", "reliability": "unknown"}
    )
    assert time.monotonic() - started < 4  # one second of CPU, then the queue
    job = Job.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/upload/jobs/?jobs={job.pk}"
    assert job.state == "queued" and Source.objects.count() == 0
    assert "queued" in researcher_client.get(answer["Location"]).content.decode()
    assert run_worker(idle_exit=True) == 1
    html = researcher_client.get(answer["Location"]).content.decode()
    assert "failed" in html and "pages.pdf was refused: reading took more than 2 s of CPU" in html
    assert Source.objects.count() == 0 and _stored(settings) == []


def test_several_files_are_queued_without_being_read(researcher_client: Client, settings: Any) -> None:
    files = [_file("pages.pdf", make_shared_stream_pdf()), _file("runs.docx", make_tiny_runs_docx())]
    started = time.monotonic()
    answer = researcher_client.post(
        "/upload/", {"files": files, "confidentiality": "internal", "reliability": "unknown"}
    )
    assert time.monotonic() - started < 2
    assert answer.status_code == 302 and Job.objects.filter(state="queued").count() == 2


def test_a_read_over_the_memory_limit_is_refused_at_once(researcher_client: Client, settings: Any) -> None:
    settings.LETAPIS_READ_MEMORY_MB = 100  # the docx of 300,000 runs is 466 KB: read while the uploader waits
    answer = researcher_client.post(
        "/upload/",
        {
            "files": _file("runs.docx", make_tiny_runs_docx(300_000)),
            "confidentiality": "internal",
            "reliability": "unknown",
        },
    )
    assert answer.status_code == 400
    assert "runs.docx was refused: reading needed more than 100 MB of memory" in answer.content.decode()
    assert Source.objects.count() == 0 and Job.objects.count() == 0 and _stored(settings) == []


def test_the_progress_page_says_which_page_a_running_job_reads(researcher_client: Client) -> None:
    answer = researcher_client.post(
        "/upload/",
        {
            "files": [_file("one.txt", SEED.read_bytes()), _file("two.txt", SEED.read_bytes() + b"\n2")],
            "confidentiality": "internal",
            "reliability": "unknown",
        },
    )
    one, two = Job.objects.order_by("id")
    Job.objects.filter(pk=one.pk).update(state="running", phase="reading", pages_done=2, pages_total=50)
    Job.objects.filter(pk=two.pk).update(state="running", phase="extracting")
    html = researcher_client.get(answer["Location"]).content.decode()
    assert "reading page 3 of 50" in html and '<progress max="50" value="2">' in html
    assert "extracting the facts" in html
    assert 'http-equiv="refresh"' in html


def test_a_failed_job_shows_one_line(researcher_client: Client) -> None:
    answer = researcher_client.post(
        "/upload/",
        {
            "files": [_file("one.txt", SEED.read_bytes()), _file("two.txt", SEED.read_bytes() + b"\n2")],
            "confidentiality": "internal",
            "reliability": "unknown",
        },
    )
    Job.objects.filter(pk=Job.objects.order_by("id").first().pk).update(  # type: ignore[union-attr]
        state="failed", error="scan.pdf was refused: it has 300 pages, more than 200\nTraceback…"
    )
    html = researcher_client.get(answer["Location"]).content.decode()
    assert "scan.pdf was refused: it has 300 pages, more than 200" in html and "Traceback" not in html


NEWS = "Minsk, 3 March 2025. The poet Ivan Prykład was detained at his home this morning.\n".encode()


def test_the_form_takes_title_address_publisher_date_and_language(researcher_client: Client) -> None:
    fields = {
        "title": "A poet detained in Minsk",
        "url": "https://example.org/news/1",
        "publisher": "Example News",
        "date": "2025-03-03",
        "language": "en",
        "confidentiality": "internal",
        "reliability": "medium",
    }
    answer = researcher_client.post("/upload/", {**fields, "files": _file("news.txt", NEWS)})
    source = Source.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/review/sources/{source.pk}/"
    assert (source.title, source.url, source.publisher) == (fields["title"], fields["url"], "Example News")
    assert source.date is not None and source.date.isoformat() == "2025-03-03" and source.language == "en"


def test_several_files_carry_publisher_date_and_language_into_their_jobs(researcher_client: Client) -> None:
    fields = {"publisher": "Example News", "date": "2025-03-03", "language": "en"}
    files = [_file("a.txt", NEWS), _file("b.txt", NEWS + b"He is held in the KGB prison.\n")]
    researcher_client.post("/upload/", {**fields, "files": files, "confidentiality": "internal", "reliability": "low"})
    assert run_worker(idle_exit=True) == 2
    sources = list(Source.objects.order_by("id"))
    assert [(s.publisher, s.date.isoformat() if s.date else None, s.language) for s in sources] == [
        ("Example News", "2025-03-03", "en")
    ] * 2


def test_a_title_or_an_address_with_several_files_is_refused(researcher_client: Client) -> None:
    files = [_file("a.txt", NEWS), _file("b.txt", NEWS + b"Two.\n")]
    base = {"confidentiality": "internal", "reliability": "unknown"}
    for given in ({"title": "One title"}, {"url": "https://example.org/a"}):
        answer = researcher_client.post("/upload/", {**base, **given, "files": files})
        assert answer.status_code == 400 and "upload these files one by one" in answer.content.decode()
    assert Job.objects.count() == 0 and Source.objects.count() == 0


def test_the_title_and_address_of_a_background_file_reach_its_source(
    researcher_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(upload, "SYNC_MAX_BYTES", 10)  # read in the job queue, as a large file is
    fields = {"title": "A poet detained", "url": "https://example.org/news/2", "language": "en"}
    researcher_client.post(
        "/upload/", {**fields, "files": _file("news.txt", NEWS), "confidentiality": "internal", "reliability": "low"}
    )
    assert Source.objects.count() == 0 and run_worker(idle_exit=True) == 1
    source = Source.objects.get()
    assert (source.title, source.url) == ("A poet detained", "https://example.org/news/2")


def test_the_date_hint_agrees_with_the_date_picker(researcher_client: Client) -> None:
    """The picker shows the day in the browser's own format (mm/dd/yyyy in American English):
    the hint names no format, and a day sent back to the form comes back as the ISO value the
    picker reads, in every language."""
    for language in ("en", "be", "ru"):
        researcher_client.cookies["django_language"] = language
        page = researcher_client.get("/upload/").content.decode()
        assert 'type="date"' in page and "YYYY" not in page and "ГГГГ" not in page
        answer = researcher_client.post("/upload/", {"date": "2025-03-03", "confidentiality": "internal"})
        assert answer.status_code == 400 and 'value="2025-03-03"' in answer.content.decode()
