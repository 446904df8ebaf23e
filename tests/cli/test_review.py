"""letapis ingest / worker / review, in-process."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from letapis.cli import main
from letapis.registry.models import Claim, Person, Source
from letapis.review.models import Job
from tests.conftest import SEED
from tests.documents.conftest import make_shared_stream_pdf
from tests.review.conftest import FakeResult, person

pytestmark = pytest.mark.django_db


def result_for(text: str) -> FakeResult:
    if "Ryhor Novy" in text:
        return FakeResult(persons=[person(text, "Ryhor Novy", status="held", roles=["poet"])])
    return FakeResult(persons=[person(text, "Maksim Znak", status="released", roles=["lawyer"])])


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setattr("letapis.review.ingest.run_extractor", lambda text, **kwargs: result_for(text))
    return CliRunner()


def test_it_ingests_files_and_says_what_it_did(runner: CliRunner, tmp_path: Path) -> None:
    novy = tmp_path / "novy.txt"
    novy.write_text("14 December 2025. The poet Ryhor Novy is still held.\n", encoding="cp1251")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(main, ["ingest", str(SEED), str(novy), str(empty), str(tmp_path / "missing.pdf")])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    seed_source = Source.objects.get(filename=SEED.name)
    assert lines[0] == f"{SEED.name}: source {seed_source.pk}, 3 proposed claims"
    assert lines[1].startswith("novy.txt: source ") and lines[1].endswith(", 3 proposed claims")
    assert "error: empty.txt is empty" in result.stderr
    assert "error: missing.pdf: no such file or directory" in result.stderr
    again = runner.invoke(main, ["ingest", str(SEED)])
    assert again.exit_code == 0
    assert again.stdout == f"{SEED.name}: already ingested as source {seed_source.pk}\n"


def test_it_refuses_a_bad_date_in_one_line(runner: CliRunner) -> None:
    result = runner.invoke(main, ["ingest", str(SEED), "--date", "14.12.2025"])
    assert result.exit_code == 1 and "is not a date: use YYYY-MM-DD" in result.output
    assert Source.objects.count() == 0


def test_background_ingest_and_the_worker(runner: CliRunner) -> None:
    queued = runner.invoke(main, ["ingest", "--background", str(SEED), "--confidentiality", "public"])
    assert queued.exit_code == 0, queued.output
    job = Job.objects.get()
    assert queued.stdout == f"{SEED.name}: queued as job {job.pk}\n"
    assert Source.objects.count() == 0
    worked = runner.invoke(main, ["worker", "--idle-exit"])
    assert worked.exit_code == 0, worked.output
    source = Source.objects.get()
    assert f"job {job.pk} done: {SEED.name}: source {source.pk}, 3 proposed claims" in worked.stdout
    assert source.confidentiality == "public"


def test_a_read_over_the_cpu_limit_fails_in_one_line_and_its_job_is_not_retried(
    runner: CliRunner, tmp_path: Path, settings: Any
) -> None:
    settings.LETAPIS_READ_CPU_SECONDS = 2
    hostile = tmp_path / "pages.pdf"
    hostile.write_bytes(make_shared_stream_pdf())
    now = runner.invoke(main, ["ingest", str(hostile)])
    assert now.exit_code == 1
    assert now.stderr == "error: pages.pdf was refused: reading took more than 2 s of CPU\n"
    runner.invoke(main, ["ingest", "--background", str(hostile)])
    job = Job.objects.get()
    worked = runner.invoke(main, ["worker", "--idle-exit"])
    assert worked.exit_code == 0, worked.output
    assert f"job {job.pk} failed: pages.pdf was refused: reading took more than 2 s of CPU" in worked.stdout
    listed = runner.invoke(main, ["jobs", "--state", "failed"]).stdout
    assert f"job {job.pk} ingest pages.pdf: failed, attempt 1 of 3" in listed
    assert listed.rstrip().endswith("reading took more than 2 s of CPU")
    assert Source.objects.count() == 0


def test_a_worker_started_by_serve_stops_when_serve_is_gone(runner: CliRunner) -> None:
    runner.invoke(main, ["ingest", "--background", str(SEED)])
    gone = runner.invoke(main, ["worker", "--parent", "1"])  # not this process's parent: serve is gone
    assert gone.exit_code == 0, gone.output
    assert Job.objects.get().state == "queued"


def test_review_list_accept_reject_undo(runner: CliRunner, editor: Any) -> None:
    runner.invoke(main, ["ingest", str(SEED)])
    source = Source.objects.get()
    listed = runner.invoke(main, ["review", "list", "--source", str(source.pk), "--json"])
    rows = json.loads(listed.stdout)
    assert [r["kind"] for r in rows] == ["person", "occupation", "status"]
    person_id, occupation_id, status_id = (r["id"] for r in rows)
    early = runner.invoke(main, ["review", "accept", str(occupation_id)])
    assert early.exit_code == 1 and "is not accepted yet" in early.stderr
    accepted = runner.invoke(main, ["review", "accept", str(person_id)])
    assert accepted.exit_code == 0, accepted.output
    znak = Person.objects.get(display_name="Maksim Znak")
    assert accepted.stdout == f"claim {person_id} accepted (person: Maksim Znak (new?)) → person {znak.pk}\n"
    rejected = runner.invoke(main, ["review", "reject", str(status_id), "--reason", "not in this text"])
    assert rejected.stdout == f"claim {status_id} rejected\n"
    assert runner.invoke(main, ["review", "accept", str(occupation_id)]).exit_code == 0
    assert znak.occupations.filter(code="lawyer").exists()
    undone = runner.invoke(main, ["review", "undo", str(person_id)])  # with the occupation accepted since
    assert undone.exit_code == 0, undone.output
    assert Claim.objects.get(pk=occupation_id).state == "proposed"
    assert Claim.objects.get(pk=status_id).state == "rejected"  # rejected on its own: it stays
    assert runner.invoke(main, ["review", "undo", str(status_id)]).exit_code == 0
    assert Person.objects.count() == 0
    assert set(Claim.objects.values_list("state", flat=True)) == {"proposed"}


def test_accept_all_of_a_source_in_order(runner: CliRunner) -> None:
    runner.invoke(main, ["ingest", str(SEED)])
    source = Source.objects.get()
    result = runner.invoke(main, ["review", "accept", "--all-of-source", str(source.pk)])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 3
    assert set(Claim.objects.values_list("state", flat=True)) == {"accepted"}
    listed = runner.invoke(main, ["review", "list", "--state", "proposed"])
    assert "0 claims (proposed)" in listed.stdout


def test_accept_links_a_person_and_edits(runner: CliRunner, editor: Any) -> None:
    from letapis.registry import services as s

    known = s.do_create_person(None, names=["Максім Знак"])
    runner.invoke(main, ["ingest", str(SEED)])
    person_claim, occupation_claim, _ = Claim.objects.order_by("id")
    linked = runner.invoke(main, ["review", "accept", str(person_claim.pk), "--person", str(known.pk)])
    assert linked.exit_code == 0, linked.output
    assert known.names.filter(text="Maksim Znak").exists()
    edited = runner.invoke(main, ["review", "accept", str(occupation_claim.pk), "--set", "occupation=writer"])
    assert edited.exit_code == 0, edited.output
    assert list(known.occupations.values_list("code", flat=True)) == ["writer"]
    wrong = runner.invoke(main, ["review", "accept", "999999"])
    assert wrong.exit_code == 1 and "no claim with id 999999" in wrong.output


def test_jobs_lists_queued_and_failed_jobs(runner: CliRunner) -> None:
    assert runner.invoke(main, ["jobs"]).stdout == "No jobs.\n"
    runner.invoke(main, ["ingest", "--background", str(SEED)])
    again = runner.invoke(main, ["ingest", "--background", str(SEED)])
    job = Job.objects.get()
    assert again.stdout == f"{SEED.name}: already queued as job {job.pk}\n"
    listed = runner.invoke(main, ["jobs", "--state", "queued"])
    assert listed.stdout == f"job {job.pk} ingest {SEED.name}: queued, attempt 0 of 3\n"
    runner.invoke(main, ["worker", "--once"])
    source = Source.objects.get()
    done = runner.invoke(main, ["jobs"]).stdout
    assert done.startswith(f"job {job.pk} ingest {SEED.name}: done, attempt 1 of 3, ") and done.endswith(
        f" → source {source.pk}\n"
    )


def test_jobs_lists_a_running_scans_page(runner: CliRunner) -> None:
    queued = runner.invoke(main, ["ingest", "--background", str(SEED)])
    assert queued.exit_code == 0
    Job.objects.update(state="running", worker="host1:1:abc", phase="reading", pages_done=5, pages_total=12)
    listed = runner.invoke(main, ["jobs", "--state", "running"])
    assert listed.exit_code == 0
    assert listed.stdout.strip().endswith("host1:1:abc, reading page 6 of 12")


def test_a_person_is_rejected_and_accepted_with_its_claims(runner: CliRunner, editor: Any) -> None:
    runner.invoke(main, ["ingest", str(SEED)])
    source = Source.objects.get()
    person_id, occupation_id, status_id = Claim.objects.order_by("id").values_list("id", flat=True)
    rejected = runner.invoke(main, ["review", "reject", str(person_id), "--reason", "a namesake"])
    assert rejected.exit_code == 0, rejected.output
    assert set(Claim.objects.values_list("state", flat=True)) == {"rejected"}
    assert runner.invoke(main, ["review", "undo", str(person_id)]).exit_code == 0
    assert set(Claim.objects.values_list("state", flat=True)) == {"proposed"}
    accepted = runner.invoke(main, ["review", "accept", str(person_id), "--with-claims"])
    assert accepted.exit_code == 0, accepted.output
    assert [line.split(" accepted")[0] for line in accepted.stdout.splitlines()] == [
        f"claim {pk}" for pk in (person_id, status_id, occupation_id)
    ]
    assert runner.invoke(main, ["review", "undo", str(person_id)]).exit_code == 0
    assert Person.objects.count() == 0
    runner.invoke(main, ["review", "reject", str(person_id)])
    runner.invoke(main, ["review", "undo", str(status_id)])  # proposed again; its person stays rejected
    left = runner.invoke(main, ["review", "accept", "--all-of-source", str(source.pk)])
    assert left.exit_code == 1
    assert left.stderr == (
        f"claim {status_id} left: it is about Maksim Znak, whose person claim {person_id} is rejected\n"
    )


def test_edit_changes_a_proposed_claim_without_deciding(runner: CliRunner) -> None:
    from letapis.registry.services import do_create_source, do_record_claim

    source, _ = do_create_source(None, data=b"Detained in Minsk.", filename="e.txt", text="Detained in Minsk.")
    claim = do_record_claim(None, source, kind="event", value={"type": "detention"}, quote="Detained")
    result = runner.invoke(main, ["review", "edit", str(claim.pk), "--set", "date=2021-07-14", "--set", "count=null"])
    assert result.exit_code == 0, result.output
    assert f"claim {claim.pk} edited (event: detention 2021-07-14), still proposed" in result.output
    claim.refresh_from_db()
    assert claim.state == "proposed" and claim.value == {"type": "detention", "date": "2021-07-14", "count": None}
    refused = runner.invoke(main, ["review", "edit", str(claim.pk), "--set", "person_claim=3"])
    assert refused.exit_code == 1 and "cannot edit person_claim" in refused.output


def test_a_contradicting_claim_is_settled_from_the_command_line(runner: CliRunner) -> None:
    from datetime import date

    from letapis.registry import services

    person_ = services.do_create_person(None, names=["Ales Gate"], confidentiality="public")
    release = services.do_create_event(None, type="release", date="2025-12-13", victims=[person_])
    text = "Ales Gate was detained again at the gate on 13 December."
    source, _ = services.do_create_source(
        None, data=text.encode(), filename="gate.txt", text=text, date=date(2025, 12, 14), confidentiality="public"
    )
    claim = services.do_record_claim(
        None, source, kind="event", value={"type": "detention", "date": "2025-12-13"}, quote=text
    )
    refused = runner.invoke(main, ["review", "accept", str(claim.pk), "--person", str(person_.pk)])
    assert refused.exit_code == 1 and f"the registry has release on that day (event {release.pk})" in refused.stderr
    settled = runner.invoke(main, ["review", "settle", str(claim.pk), "--keep", "both", "--person", str(person_.pk)])
    assert settled.exit_code == 0, settled.output
    claim.refresh_from_db()
    assert settled.stdout == f"claim {claim.pk} accepted → event {claim.event_id}\n"
    assert claim.event is not None and claim.event.sequence == release.sequence + 1
