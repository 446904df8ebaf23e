"""No image leaves Letapis with its camera metadata.

A registry holding a public photo with EXIF, GPS and XMP (and its OCR page image) is put through
every way out — the static site, every export (web and CLI, public and the team's), the
downloads of the file by users without the grant (web and API), the page images of the review
page — and every file of every
output is opened: each image in it (a file, a member of a zip such as an XLSX, a ``data:`` URI
in a page) must carry no EXIF, no GPS, no XMP, no ICC profile; and no output may hold the
camera's words (its model, the origin) as text either. Each source that left is recorded once
per export in its chain of custody.
"""

from __future__ import annotations

import base64
import io
import re
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.test import Client
from PIL import Image

from letapis.cli import main
from letapis.custody.models import CustodyAction, CustodyEvent
from letapis.documents.strip import has_metadata
from letapis.registry import services as s
from letapis.registry.models import Person, Source
from letapis.reports.publish import publish
from letapis.review.ingest import do_ingest
from tests.custody.conftest import EXIF, exif_jpeg
from tests.web.review_helpers import login

pytestmark = pytest.mark.django_db

ORIGIN = "ORIGIN-MARKER-a41f"
SECRET_WORDS = (EXIF["model"], ORIGIN, "HDR+ 1.0")


def images_in(data: bytes, where: str) -> Iterator[tuple[str, bytes]]:
    """Every image in ``data``: itself, the members of a zip, the ``data:`` URIs of a text."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        yield where, data
        return
    except Exception:
        pass
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                yield from images_in(archive.read(name), f"{where}!{name}")
        return
    for n, match in enumerate(re.finditer(rb"data:image/[a-z+.-]+;base64,([A-Za-z0-9+/=]+)", data)):
        yield f"{where}#data-uri-{n}", base64.b64decode(match.group(1))


def assert_clean(data: bytes, where: str) -> int:
    """Fail on any image with metadata in ``data`` or on the camera's words; returns the images."""
    for word in SECRET_WORDS:
        assert word.encode() not in data, f"{where} holds {word!r}"
    found = 0
    for name, image_bytes in images_in(data, where):
        found += 1
        with Image.open(io.BytesIO(image_bytes)) as image:
            exif = image.getexif()
            assert not exif.get_ifd(0x8825), f"{name} carries GPS"
            assert image.format == "TIFF" or len(exif) == 0, f"{name} carries EXIF: {dict(exif)}"
            assert not any(k in image.info for k in ("xmp", "XML:com.adobe.xmp", "exif", "icc_profile")), name
        assert not has_metadata(image_bytes), f"{name} carries metadata"
    return found


@pytest.fixture
def photo(demo: Any, fake_reader: Any, editor: Any) -> Source:
    """A public photographed verdict, cited by an accepted claim about a published person."""
    photo = do_ingest(
        None, exif_jpeg(), "verdict.jpg", how="cli", origin=ORIGIN, confidentiality="public", publisher="PEN"
    ).source
    person = Person.objects.filter(publishable=True, confidentiality="public").order_by("pk").first()
    s.do_record_claim(
        None, photo, kind="attribute", value={"note": "verdict"}, quote=photo.text[:20], state="accepted", person=person
    )
    return photo


def test_no_output_carries_exif(photo: Source, tmp_path: Path, editor: Any, viewer: Any) -> None:
    images = 0
    # the static site
    site = tmp_path / "site"
    publish(site, date(2025, 12, 14))
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        images += assert_clean(path.read_bytes(), str(path.relative_to(site)))
    # the exports, public and the team's, on the web and the command line
    team = login(Client(), editor)
    for fmt in ("csv", "xlsx", "json", "ftm"):
        for client, query in ((Client(), ""), (team, ""), (team, "?public=1")):
            answer = client.get(f"/reports/export/{fmt}/{query}")
            assert answer.status_code == 200, (fmt, query, answer.status_code)
            images += assert_clean(b"".join(answer.streaming_content), f"export {fmt}{query}")
        out = tmp_path / f"export.{fmt}"
        result = CliRunner().invoke(main, ["export", fmt, "--out", str(out)])
        assert result.exit_code == 0, result.output
        images += assert_clean(out.read_bytes(), f"letapis export {fmt}")
    # the downloads by users without the grant, web and API
    for user in (editor, viewer):
        for url in (f"/sources/{photo.pk}/file", f"/api/v1/sources/{photo.pk}/file"):
            answer = login(Client(), user).get(url)
            assert answer.status_code == 200, (url, answer.status_code)
            assert answer.content[:3] == b"\xff\xd8\xff"
            images += assert_clean(answer.content, f"{url} as {user.username}")
        # the page image of the review page (the test's page image kept the camera's EXIF)
        answer = login(Client(), user).get(f"/sources/{photo.pk}/pages/1.png")
        assert answer.status_code == 200 and answer.content[:4] == b"\x89PNG"
        images += assert_clean(answer.content, f"page image as {user.username}")
    assert images >= 4  # the downloads at least: a test that opens nothing proves nothing


def test_each_export_and_publication_is_a_step_of_each_source_it_carries(
    photo: Source, tmp_path: Path, editor: Any
) -> None:
    sources = Source.objects.filter(confidentiality="public").count()
    publish(tmp_path / "site", date(2025, 12, 14), actor=editor)
    published = CustodyEvent.objects.filter(action=CustodyAction.PUBLISHED)
    assert published.count() == sources and published.filter(source=photo, actor=editor).count() == 1
    assert published.get(source=photo).detail["name"] == "static site"
    login(Client(), editor).get("/reports/export/json/")
    exported = CustodyEvent.objects.filter(action=CustodyAction.EXPORTED, how="web")
    assert exported.filter(source=photo).count() == 1 and exported.get(source=photo).detail["format"] == "json"
    assert exported.count() == Source.objects.filter(confidentiality__in=("public", "internal")).count()
    Client().get("/reports/export/json/")  # anonymous: public data, nothing recorded per download
    assert CustodyEvent.objects.filter(action=CustodyAction.EXPORTED).count() == exported.count()
    CliRunner().invoke(main, ["export", "ftm", "--out", str(tmp_path / "e.ftm")])
    assert CustodyEvent.objects.filter(action=CustodyAction.EXPORTED, how="cli", source=photo).count() == 1
    page = login(Client(), editor).get(f"/sources/{photo.pk}/custody/").content.decode()
    assert "static site" in page and "registry.json" in page and "registry.ftm.json" in page
