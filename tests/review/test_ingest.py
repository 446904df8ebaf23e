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
from tests.review.conftest import COLLECTIVE_RELEASE, FakeResult, person

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
        events=[{**COLLECTIVE_RELEASE, "persons": ["Maksim Znak"]}],
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
            found = resolve(p.name)
            p.person_id = found[0][0] if found else None
        return result

    fake_extractor(with_candidates)
    result = do_ingest(editor, SEED.read_bytes(), SEED.name)
    znak = result.claims[0]
    assert znak.value["candidate"] is not None
    from letapis.registry.models import Person

    assert Person.objects.get(pk=znak.value["candidate"]).display_name == "Maksim Znak"


# A duplicate of a source the uploader may not see: for them that source does not exist.

SECRET_TITLE = "SECRET-SOURCE-TITLE"


def _hidden_source(level: str = "confidential") -> Source:
    data = SEED.read_bytes()
    from letapis.registry.services import do_create_source

    return do_create_source(
        None, data=data, filename="secret.txt", text=data.decode(), title=SECRET_TITLE, confidentiality=level
    )[0]


@pytest.fixture
def researcher(django_user_model: Any) -> Any:
    return django_user_model.objects.create_user("res", password="x-long-password-5", role="researcher")


def test_a_duplicate_of_a_hidden_source_becomes_a_source_of_its_own(fake_extractor: Any, researcher: Any) -> None:
    fake_extractor(seed_result)
    secret = _hidden_source()
    result = do_ingest(researcher, SEED.read_bytes(), "mine.txt")
    assert result.created and result.source.pk != secret.pk and len(result.claims) > 0
    assert result.source.confidentiality == "internal" and result.source.sha256 == secret.sha256
    assert result.source.title != SECRET_TITLE and len(stored_files_of(secret.sha256)) == 1
    again = do_ingest(researcher, SEED.read_bytes(), "again.txt")  # now a visible duplicate
    assert not again.created and again.source.pk == result.source.pk


def stored_files_of(digest: str) -> list[Path]:
    return [storage.path_for(digest)] if storage.path_for(digest).exists() else []


def test_a_source_may_not_be_stored_above_what_its_uploader_reads(fake_extractor: Any, researcher: Any) -> None:
    fake_extractor(seed_result)
    _hidden_source()
    with pytest.raises(ServiceError, match="you may not store a confidential source"):
        do_ingest(researcher, SEED.read_bytes(), "mine.txt", confidentiality="confidential")


def test_the_web_upload_of_a_hidden_sources_file_does_not_name_it(fake_extractor: Any, researcher: Any) -> None:
    from django.test import Client

    fake_extractor(seed_result)
    secret = _hidden_source()
    client = Client()
    client.force_login(researcher)
    answer = client.post(
        "/upload/", {"files": _upload("mine.txt"), "confidentiality": "internal", "reliability": "unknown"}, follow=True
    )
    page = answer.content.decode()
    mine = Source.objects.exclude(pk=secret.pk).get()
    assert answer.redirect_chain[-1][0] == f"/review/sources/{mine.pk}/"
    assert f"mine.txt: source {mine.pk}," in page and "ingested before" not in page and SECRET_TITLE not in page
    # the API, as the same user: the file is their source, and only theirs
    listed = client.get("/api/v1/sources", {"q": "Znak"}).json()
    assert [s["id"] for s in listed["results"]] == [mine.pk] and SECRET_TITLE not in str(listed)
    assert client.get(f"/api/v1/sources/{secret.pk}").status_code == 404


def test_a_queued_upload_of_a_hidden_sources_file_is_queued_like_any(fake_extractor: Any, researcher: Any) -> None:
    from letapis.review.jobs import enqueue_ingest, run_worker

    fake_extractor(seed_result)
    secret = _hidden_source()
    hidden_job = enqueue_ingest(None, SEED.read_bytes() + b"\n", "queued.txt", confidentiality="confidential").job
    queued = enqueue_ingest(researcher, SEED.read_bytes(), "mine.txt")
    assert queued.existing is None and queued.job is not None and not queued.already_queued
    again = enqueue_ingest(researcher, SEED.read_bytes() + b"\n", "mine2.txt")
    assert again.existing is None and again.job is not None and again.job != hidden_job
    assert Source.objects.get() == secret  # nothing read yet: the worker makes the researcher's sources
    assert run_worker(idle_exit=True) == 3
    queued.job.refresh_from_db()
    mine = Source.objects.get(pk=queued.job.result["source"])
    assert queued.job.result["created"] and mine != secret and mine.confidentiality == "internal"


def test_the_cli_in_public_mode_ingests_a_hidden_sources_file_as_its_own(
    fake_extractor: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from letapis.cli import main

    fake_extractor(seed_result)
    secret = _hidden_source("internal")
    monkeypatch.setenv("LETAPIS_CLI_PUBLIC", "1")
    result = CliRunner().invoke(main, ["ingest", str(SEED), "--confidentiality", "public"])
    mine = Source.objects.exclude(pk=secret.pk).get()
    assert result.exit_code == 0 and mine.confidentiality == "public"
    assert result.stdout.startswith(f"{SEED.name}: source {mine.pk}, ") and "already" not in result.stdout
    assert SECRET_TITLE not in result.output


def _upload(name: str) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, SEED.read_bytes(), content_type="text/plain")
