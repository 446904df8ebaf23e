"""The custody record: the page a lawyer prints, its PDF, `letapis custody`, the download of
the file — and none of it, origin and GPS least of all, for those who may not see the source."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.test import Client

from letapis.cli import main
from letapis.custody.models import CustodyAction, CustodyEvent
from letapis.documents.strip import has_metadata
from letapis.registry import storage
from letapis.registry.models import Source
from letapis.review.ingest import do_ingest
from tests.custody.conftest import exif_jpeg
from tests.web.review_helpers import login

pytestmark = pytest.mark.django_db

ORIGIN = "Hanna K., the prisoner's sister, by Signal"


@pytest.fixture
def photo_source(fake_reader: Any, confidant: Any) -> Source:
    """A confidential photographed verdict, brought in by a user with the grant."""
    confidant.role = "researcher"
    confidant.save()
    return do_ingest(
        confidant, exif_jpeg(), "verdict.jpg", how="upload", origin=ORIGIN, confidentiality="confidential"
    ).source


def client_of(user: Any) -> Client:
    return login(Client(), user)


def test_the_page_lists_the_original_its_steps_and_hashes_in_full(photo_source: Source, confidant: Any) -> None:
    page = client_of(confidant).get(f"/sources/{photo_source.pk}/custody/")
    assert page.status_code == 200
    html = page.content.decode()
    assert photo_source.sha256 in html and "verdict.jpg" in html
    assert "Hanna K., the prisoner&#x27;s sister, by Signal" in html and "upload" in html
    for made in photo_source.derived_files.all():
        assert made.sha256 in html
    assert "Pixel 7" in html and "53.900000, 27.566700" in html  # EXIF and GPS, for who may see the source
    source_page = client_of(confidant).get(f"/sources/{photo_source.pk}/").content.decode()
    assert f"/sources/{photo_source.pk}/custody/" in source_page


def test_the_pdf_renders_with_the_hashes(photo_source: Source, confidant: Any) -> None:
    from pypdf import PdfReader

    answer = client_of(confidant).get(f"/sources/{photo_source.pk}/custody.pdf")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(answer.content)).pages)
    assert photo_source.sha256 in text.replace("\n", "")
    assert "Pixel 7" in text and "Signal" in text


def test_those_who_may_not_see_the_source_get_nothing(photo_source: Source, viewer: Any, client: Client) -> None:
    for path in ("custody/", "custody.pdf", "file"):
        assert client_of(viewer).get(f"/sources/{photo_source.pk}/{path}").status_code == 404
        answer = client.get(f"/sources/{photo_source.pk}/{path}")  # anonymous: the login page
        assert answer.status_code == 302 and "/login/" in answer["Location"]
    assert client_of(viewer).get(f"/sources/{photo_source.pk}/").status_code == 404  # as for the source itself
    api = f"/api/v1/sources/{photo_source.pk}/file"
    assert client_of(viewer).get(api).status_code == 404 and client.get(api).status_code == 401
    assert client_of(viewer).get(f"/api/v1/sources/{photo_source.pk}").status_code == 404
    assert not CustodyEvent.objects.filter(action=CustodyAction.DOWNLOADED).exists()


def test_the_public_never_sees_a_custody_record(fake_reader: Any, editor: Any, client: Client) -> None:
    public = do_ingest(None, exif_jpeg(), "public.jpg", how="cli", origin=ORIGIN, confidentiality="public").source
    assert client.get(f"/sources/{public.pk}/").status_code == 200
    assert ORIGIN not in client.get(f"/sources/{public.pk}/").content.decode()
    assert client.get(f"/sources/{public.pk}/custody/").status_code == 302
    assert client_of(editor).get(f"/sources/{public.pk}/custody/").status_code == 200


def test_downloads_give_the_original_to_the_grant_and_a_stripped_copy_to_others(
    fake_reader: Any, editor: Any, confidant: Any
) -> None:
    photo = exif_jpeg()
    source = do_ingest(None, photo, "verdict.jpg", how="cli", confidentiality="internal").source
    original = client_of(confidant).get(f"/sources/{source.pk}/file")
    assert original.status_code == 200 and original.content == photo
    stripped = client_of(editor).get(f"/sources/{source.pk}/file")
    assert stripped.status_code == 200 and stripped["Content-Type"] == "image/jpeg"
    assert not has_metadata(stripped.content) and has_metadata(photo)
    steps = list(CustodyEvent.objects.filter(source=source, action=CustodyAction.DOWNLOADED).order_by("id"))
    assert [(s.actor, s.detail["copy"]) for s in steps] == [(confidant, "original"), (editor, "stripped")]
    assert steps[0].detail["sha256"] == source.sha256
    assert steps[1].detail["sha256"] == storage.sha256_of(stripped.content)


def test_letapis_custody_prints_the_record_and_writes_the_pdf(
    photo_source: Source, tmp_path: Path, monkeypatch: Any
) -> None:
    out = tmp_path / "custody.pdf"
    result = CliRunner().invoke(main, ["custody", str(photo_source.pk), "--pdf", str(out)])
    assert result.exit_code == 0, result.output
    assert photo_source.sha256 in result.output and ORIGIN in result.output and "Pixel 7" in result.output
    for made in photo_source.derived_files.all():
        assert made.sha256 in result.output
    assert out.read_bytes().startswith(b"%PDF-")
    data = json.loads(CliRunner().invoke(main, ["custody", str(photo_source.pk), "--json"]).output)
    assert data["original"]["sha256"] == photo_source.sha256 and data["received"][0]["origin"] == ORIGIN
    monkeypatch.setenv("LETAPIS_CLI_PUBLIC", "1")
    refused = CliRunner().invoke(main, ["custody", str(photo_source.pk)])
    assert refused.exit_code == 1 and ORIGIN not in refused.output and "no source" in refused.output


def test_an_image_that_cannot_be_stripped_is_not_served_without_the_grant(
    fake_reader: Any, editor: Any, confidant: Any
) -> None:
    broken = exif_jpeg()[:600]  # a photo cut short: its EXIF is there, its pixels are not
    source = do_ingest(None, broken, "cut.jpg", how="cli", confidentiality="internal").source
    assert not source.derived_files.filter(kind="stripped").exists()
    refused = client_of(editor).get(f"/sources/{source.pk}/file")
    assert refused.status_code == 409 and b"Pixel" not in refused.content
    assert client_of(editor).get(f"/api/v1/sources/{source.pk}/file").status_code == 409
    assert client_of(confidant).get(f"/sources/{source.pk}/file").content == broken  # the evidence itself
