"""do_ingest: one transaction per document, stored once, bad input refused with nothing stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from letapis.audit.models import AuditEntry
from letapis.documents import DocumentError
from letapis.registry import storage
from letapis.registry.models import Claim, Source
from letapis.registry.services import ServiceError
from letapis.review.ingest import do_ingest
from tests.conftest import SEED
from tests.review.conftest import FakeResult, person

pytestmark = pytest.mark.django_db


def seed_result(text: str) -> FakeResult:
    return FakeResult(
        persons=[
            person(
                text,
                "Maksim Znak",
                status="released",
                roles=["lawyer", "writer"],
                memberships=[{"organization": "PEN Belarus", "role": "member"}],
            ),
            person(text, "Dzmitryj Hałavač", status="held", roles=["musician"], name_latin="Dzmitryj Hałavač"),
        ],
        events=[
            {
                "type": "release",
                "date": "2025-12-13",
                "count": 123,
                "foreign_nationals": 13,
                "destinations": ["UA", "LT"],
                "forced_exile": True,
                "persons": ["Maksim Znak"],
            }
        ],
    )


def stored_files(settings: Any) -> list[Path]:
    root = Path(settings.SOURCES_DIR)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_it_stores_the_source_and_proposes_claims(fake_extractor: Any, settings: Any) -> None:
    fake_extractor(seed_result)
    data = SEED.read_bytes()
    result = do_ingest(None, data, SEED.name, publisher="PEN Belarus")
    assert result.created
    source = result.source
    assert (source.sha256, source.size, source.media_type) == (storage.sha256_of(data), len(data), "text/plain")
    assert str(source.date) == "2025-12-14" and source.language == "en" and source.publisher == "PEN Belarus"
    assert storage.read(source.sha256) == data
    kinds = [c.kind for c in result.claims]
    assert kinds == [
        "person",
        "occupation",
        "occupation",
        "membership",
        "status",
        "person",
        "occupation",
        "status",
        "event",
    ]
    assert all(c.state == "proposed" and c.proposer.startswith("extractor:") for c in result.claims)
    znak = result.claims[0]
    assert znak.quote == "Maksim Znak" and znak.value["name"] == "Maksim Znak"
    lawyer = result.claims[1]
    assert lawyer.value == {
        "person_name": "Maksim Znak",
        "occupation": "lawyer",
        "label": "lawyer",
        "person_claim": znak.pk,
    }
    assert "lawyer, writer, and PEN Belarus member Maksim Znak" in lawyer.quote  # the sentence of the mention
    assert source.text[lawyer.span_start : lawyer.span_end] == lawyer.quote


def test_a_second_ingest_of_the_same_bytes_creates_nothing(fake_extractor: Any) -> None:
    fake_extractor(seed_result)
    first = do_ingest(None, SEED.read_bytes(), SEED.name)
    claims, entries = Claim.objects.count(), AuditEntry.objects.count()
    again = do_ingest(None, SEED.read_bytes(), "renamed.txt")
    assert not again.created and again.source.pk == first.source.pk and again.claims == []
    assert (Claim.objects.count(), AuditEntry.objects.count(), Source.objects.count()) == (claims, entries, 1)


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "empty.txt", "empty.txt is empty"),
        (bytes(range(256)) * 8, "blob.txt", "blob.txt is not text: it holds binary data"),
        (b"%PDF-1.4\n" + b"x" * 100, "fake.docx", "fake.docx is not a Word document: it looks like a PDF"),
        (b"some words", "notes.exe", "notes.exe: .exe files are not read"),
    ],
)
def test_bad_input_is_refused_with_nothing_stored(
    fake_extractor: Any, settings: Any, data: bytes, filename: str, message: str
) -> None:
    fake_extractor(seed_result)
    with pytest.raises(DocumentError, match=message.replace(".", r"\.")):
        do_ingest(None, data, filename)
    assert (Source.objects.count(), Claim.objects.count(), AuditEntry.objects.count()) == (0, 0, 0)
    assert stored_files(settings) == []


def test_a_too_large_file_is_refused(fake_extractor: Any, settings: Any) -> None:
    fake_extractor(seed_result)
    settings.LETAPIS_MAX_UPLOAD_MB = 1
    with pytest.raises(DocumentError, match="larger than 1.0 MB"):
        do_ingest(None, b"words " * 200_000, "big.txt")
    assert Source.objects.count() == 0 and stored_files(settings) == []


def test_a_failure_midway_leaves_nothing_behind(fake_extractor: Any, settings: Any, monkeypatch: Any) -> None:
    fake_extractor(seed_result)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr("letapis.review.ingest.record_proposals", broken)
    with pytest.raises(RuntimeError):
        do_ingest(None, SEED.read_bytes(), SEED.name)
    assert (Source.objects.count(), Claim.objects.count(), AuditEntry.objects.count()) == (0, 0, 0)
    assert stored_files(settings) == []


def test_a_viewer_may_not_ingest(fake_extractor: Any, viewer: Any) -> None:
    fake_extractor(seed_result)
    with pytest.raises(ServiceError, match="researcher"):
        do_ingest(viewer, SEED.read_bytes(), SEED.name)
    assert Source.objects.count() == 0


def test_person_claims_carry_their_registry_candidate(demo: Any, fake_extractor: Any, editor: Any) -> None:
    from letapis.review.ingest import registry_resolver

    resolve = registry_resolver()

    def with_candidates(text: str) -> FakeResult:
        result = seed_result(text)
        for p in result.persons:
            found = resolve(p["name"])
            p["person_id"] = found[0][0] if found else None
        return result

    fake_extractor(with_candidates)
    result = do_ingest(editor, SEED.read_bytes(), SEED.name)
    znak = result.claims[0]
    assert znak.value["candidate"] is not None
    from letapis.registry.models import Person

    assert Person.objects.get(pk=znak.value["candidate"]).display_name == "Maksim Znak"
