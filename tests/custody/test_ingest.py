"""Ingest keeps the two copies and starts the chain of custody: the original untouched, each
derived file under its own hash with what made it, the step that received it (how, from whom,
hash, size) and the original's EXIF — all in the source's transaction, or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.core.files.uploadedfile import SimpleUploadedFile

from letapis.audit.models import AuditEntry
from letapis.cli import main
from letapis.custody.models import CustodyAction, CustodyEvent, DerivedFile
from letapis.custody.services import STRIPPED, received_metadata
from letapis.documents.strip import has_metadata
from letapis.registry import storage
from letapis.registry.models import Source
from letapis.review.ingest import do_ingest
from tests.custody.conftest import EXIF, exif_jpeg
from tests.web.review_helpers import login, make_user

pytestmark = pytest.mark.django_db


def stored_files(settings: Any) -> set[Path]:
    root = Path(settings.SOURCES_DIR)
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def test_every_derived_file_is_stored_under_the_hash_of_its_bytes(fake_reader: Any, researcher: Any) -> None:
    photo = exif_jpeg()
    progress: list[tuple[int, int]] = []
    result = do_ingest(
        researcher,
        photo,
        "verdict.jpg",
        how="upload",
        origin="the prisoner's wife, by Signal",
        on_progress=lambda k, n: progress.append((k, n)),
    )
    source = result.source
    assert progress == [(1, 1)]
    assert storage.read(source.sha256) == photo  # the evidentiary copy, untouched
    files = list(DerivedFile.objects.filter(source=source))
    assert sorted(f.kind for f in files) == ["ocr-text", "ocr-words", "page-image", STRIPPED]
    for made in files:
        data = storage.read(made.sha256)
        assert storage.sha256_of(data) == made.sha256 and len(data) == made.size
        assert made.tool != "" and made.created_by == researcher
    steps = CustodyEvent.objects.filter(source=source, action=CustodyAction.DERIVED)
    assert {s.derived_file_id for s in steps} == {f.pk for f in files}
    assert all(s.detail["from_sha256"] == source.sha256 for s in steps)
    stripped = next(f for f in files if f.kind == STRIPPED)
    assert not has_metadata(storage.read(stripped.sha256)) and has_metadata(photo)


def test_the_received_step_says_how_from_whom_and_what(fake_reader: Any, researcher: Any) -> None:
    photo = exif_jpeg()
    source = do_ingest(researcher, photo, "verdict.jpg", how="upload", origin=" the lawyer ").source
    received = CustodyEvent.objects.get(source=source, action=CustodyAction.RECEIVED)
    assert (received.how, received.origin, received.actor) == ("upload", "the lawyer", researcher)
    assert received.detail["sha256"] == storage.sha256_of(photo) and received.detail["size"] == len(photo)
    assert (received.detail["filename"], received.detail["media_type"]) == ("verdict.jpg", "image/jpeg")
    assert received_metadata(source) == {"exif": EXIF}
    assert AuditEntry.objects.filter(action="custody.received", object_id=str(source.pk)).count() == 1


def test_a_failed_ingest_leaves_no_derived_file_in_the_store(
    fake_reader: Any, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr("letapis.review.ingest.record_proposals", broken)
    with pytest.raises(RuntimeError):
        do_ingest(None, exif_jpeg(), "verdict.jpg", how="cli")
    assert (Source.objects.count(), DerivedFile.objects.count(), CustodyEvent.objects.count()) == (0, 0, 0)
    assert stored_files(settings) == set()


def test_a_failed_ingest_keeps_the_files_other_sources_hold(
    fake_reader: Any, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = do_ingest(None, exif_jpeg("white"), "first.jpg", how="cli").source  # same page image and text
    before = stored_files(settings)
    monkeypatch.setattr("letapis.review.ingest.record_proposals", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        do_ingest(None, exif_jpeg("black"), "second.jpg", how="cli")
    assert stored_files(settings) == before
    for made in DerivedFile.objects.filter(source=first):
        assert storage.read(made.sha256)


def test_the_upload_form_records_upload_and_the_origin(fake_reader: Any, client: Any, django_user_model: Any) -> None:
    login(client, make_user(django_user_model, "res", "researcher"))
    photo = SimpleUploadedFile("verdict.jpg", exif_jpeg(), content_type="image/jpeg")
    answer = client.post(
        "/upload/", {"files": photo, "confidentiality": "internal", "reliability": "high", "origin": "a cousin"}
    )
    assert answer.status_code == 302, answer.content[:400]
    assert answer["Location"].startswith("/upload/jobs/")  # a photo is read (OCR) in the background
    from letapis.review.jobs import run_worker

    assert run_worker(idle_exit=True) == 1
    received = CustodyEvent.objects.get(action=CustodyAction.RECEIVED)
    assert (received.how, received.origin, received.actor.username) == ("upload", "a cousin", "res")


def test_letapis_ingest_records_cli_and_the_origin(fake_reader: Any, tmp_path: Path) -> None:
    photo = tmp_path / "verdict.jpg"
    photo.write_bytes(exif_jpeg())
    result = CliRunner().invoke(main, ["ingest", str(photo), "--origin", "by post from Navapolack"])
    assert result.exit_code == 0, result.output
    received = CustodyEvent.objects.get(action=CustodyAction.RECEIVED)
    assert (received.how, received.origin) == ("cli", "by post from Navapolack")


def test_a_queued_ingest_keeps_how_and_origin(fake_reader: Any, researcher: Any) -> None:
    from letapis.review.jobs import enqueue_ingest, run_worker

    queued = enqueue_ingest(researcher, exif_jpeg(), "verdict.jpg", how="upload", origin="a neighbour")
    assert queued.job is not None
    run_worker(once=True)
    received = CustodyEvent.objects.get(action=CustodyAction.RECEIVED)
    assert (received.how, received.origin, received.actor) == ("upload", "a neighbour", researcher)


def test_a_real_photo_is_read_and_kept_with_its_two_copies(researcher: Any, monkeypatch: Any) -> None:
    """The OCR reader itself (one Tesseract call): its derived files and the photo's EXIF."""
    from tests.custody.conftest import LINES
    from tests.review.conftest import FakeResult

    monkeypatch.setattr("letapis.review.ingest.run_extractor", lambda text, **kwargs: FakeResult(persons=[]))
    photo = exif_jpeg(lines=LINES)
    pages: list[tuple[int, int]] = []
    source = do_ingest(
        researcher, photo, "verdict.jpg", language="en", how="api", on_progress=lambda k, n: pages.append((k, n))
    ).source
    assert "sentenced" in source.text and pages[-1] == (1, 1)
    kinds = sorted(DerivedFile.objects.filter(source=source).values_list("kind", flat=True))
    assert kinds == ["ocr-text", "ocr-words", "page-image", STRIPPED]
    for made in DerivedFile.objects.filter(source=source):
        assert storage.sha256_of(storage.read(made.sha256)) == made.sha256
        if made.media_type.startswith("image/"):
            assert not has_metadata(storage.read(made.sha256))
    exif = received_metadata(source)["exif"]
    assert (exif["make"], exif["model"]) == ("Google", "Pixel 7") and exif["gps"]["latitude"] > 53


def test_a_file_sent_to_the_api_is_received_by_api_from_its_origin(fake_reader: Any, researcher: Any) -> None:
    from django.test import Client

    from letapis.api.tokens import do_create_token
    from letapis.review.jobs import run_worker

    token = do_create_token(None, researcher, "scanner")[1]
    photo = SimpleUploadedFile("verdict.jpg", exif_jpeg(), content_type="image/jpeg")
    answer = Client().post(
        "/api/v1/sources",
        {"file": photo, "origin": "a lawyer, by e-mail", "confidentiality": "internal"},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert answer.status_code == 202, answer.content
    assert answer.json()["job_id"] is not None and answer.json()["source_id"] is None
    run_worker(once=True)
    received = CustodyEvent.objects.get(action=CustodyAction.RECEIVED)
    assert (received.how, received.origin, received.actor) == ("api", "a lawyer, by e-mail", researcher)
    again = Client().post(
        "/api/v1/sources", {"file": SimpleUploadedFile("again.jpg", exif_jpeg())}, HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert again.status_code == 200 and again.json()["source_id"] == received.source_id


def test_the_api_refuses_a_bad_file_and_a_viewer(fake_reader: Any, researcher: Any, viewer: Any) -> None:
    from django.test import Client

    from letapis.api.tokens import do_create_token

    token = do_create_token(None, researcher, "scanner")[1]
    empty = Client().post(
        "/api/v1/sources", {"file": SimpleUploadedFile("empty.txt", b"")}, HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert empty.status_code == 400 and "empty" in empty.json()["detail"]
    viewer_token = do_create_token(None, viewer, "reader")[1]
    refused = Client().post(
        "/api/v1/sources", {"file": SimpleUploadedFile("a.txt", b"text")}, HTTP_AUTHORIZATION=f"Bearer {viewer_token}"
    )
    assert refused.status_code == 403 and not Source.objects.exists()
