"""Derived files are stored beside the untouched original, with their provenance and a
custody step each."""

from __future__ import annotations

from typing import Any

import pytest

from letapis.audit.models import AuditEntry
from letapis.custody.models import CustodyAction, CustodyEvent, DerivedFile
from letapis.custody.services import derived_files, do_record_custody, do_store_derived
from letapis.documents import Derived
from letapis.registry import services as s
from letapis.registry import storage
from letapis.registry.models import Source

ORIGINAL = b"\x89PNG\r\n\x1a\n pretend image bytes"


@pytest.fixture
def source(db: Any) -> Source:
    created, _ = s.do_create_source(None, data=ORIGINAL, filename="scan.png", text="Recognised text.")
    return created


def test_a_derived_file_is_stored_with_its_hash_and_provenance(source: Source) -> None:
    made = do_store_derived(
        None,
        source,
        Derived("ocr-text", b"Recognised text.", "text/plain", "tesseract", "5.3.0", {"lang": "bel+rus+eng"}),
    )
    assert made.sha256 == storage.sha256_of(b"Recognised text.")
    assert storage.read(made.sha256) == b"Recognised text."
    assert storage.read(source.sha256) == ORIGINAL  # the original is untouched
    assert (made.tool, made.tool_version, made.settings) == ("tesseract", "5.3.0", {"lang": "bel+rus+eng"})
    step = CustodyEvent.objects.get(source=source, action=CustodyAction.DERIVED)
    assert step.derived_file == made
    assert step.detail["from_sha256"] == source.sha256
    assert AuditEntry.objects.filter(action="custody.derived").count() == 1


def test_derived_files_are_listed_by_kind_and_page(source: Source) -> None:
    for page in (2, 1):
        do_store_derived(
            None, source, Derived("page-image", f"png {page}".encode(), "image/png", "pillow", "", page=page)
        )
    do_store_derived(None, source, Derived("ocr-text", b"text", "text/plain", "tesseract", "5.3.0"))
    assert [(f.kind, f.page) for f in derived_files(source)] == [
        ("ocr-text", None),
        ("page-image", 1),
        ("page-image", 2),
    ]
    assert [f.page for f in derived_files(source, "page-image")] == [1, 2]
    assert DerivedFile.objects.count() == 3


def test_an_unknown_custody_action_is_refused(source: Source) -> None:
    with pytest.raises(ValueError, match="unknown custody action"):
        do_record_custody(None, source, "lost")
    assert not CustodyEvent.objects.exists()
