"""The job table: enqueue, claim with a lease, retry, fail; several worker processes never
take the same job."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from letapis.documents import DocumentError
from letapis.registry import storage
from letapis.registry.models import Source
from letapis.review import jobs
from letapis.review.models import Job
from tests.conftest import REPO, SEED
from tests.documents.conftest import make_shared_stream_pdf, make_tiny_runs_docx
from tests.review.conftest import FakeResult, person

pytestmark = pytest.mark.django_db


def small_result(text: str) -> FakeResult:
    return FakeResult(persons=[person(text, "Maksim Znak", status="released")])


def test_it_queues_an_ingest_and_a_worker_runs_it(fake_extractor: Any, editor: Any) -> None:
    fake_extractor(small_result)
    queued = jobs.enqueue_ingest(editor, SEED.read_bytes(), SEED.name, publisher="PEN Belarus")
    assert queued.job is not None and queued.job.state == "queued" and Source.objects.count() == 0
    assert storage.path_for(queued.job.payload["sha256"]).exists()
    assert jobs.run_worker(worker="w1", idle_exit=True) == 1
    job = Job.objects.get(pk=queued.job.pk)
    assert (job.state, job.attempts, job.worker, job.error) == ("done", 1, "w1", "")
    source = Source.objects.get(pk=job.result["source"])
    assert source.publisher == "PEN Belarus" and source.created_by == editor
    assert len(job.result["claims"]) == source.claims.count() == 2


def test_a_file_is_not_queued_twice_and_an_ingested_one_is_recognised(fake_extractor: Any, editor: Any) -> None:
    fake_extractor(small_result)
    first = jobs.enqueue_ingest(editor, SEED.read_bytes(), SEED.name)
    assert jobs.enqueue_ingest(editor, SEED.read_bytes(), "again.txt").job == first.job
    jobs.run_worker(worker="w1", idle_exit=True)
    again = jobs.enqueue_ingest(editor, SEED.read_bytes(), SEED.name)
    assert again.duplicate and again.existing is not None and Job.objects.count() == 1


def test_bad_input_is_refused_before_anything_is_queued(settings: Any) -> None:
    with pytest.raises(DocumentError, match="photo.pdf is not a PDF: it looks like a PNG image"):
        jobs.enqueue_ingest(None, b"\x89PNG\r\n\x1a\n" + bytes(100), "photo.pdf")
    assert Job.objects.count() == 0
    assert not Path(settings.SOURCES_DIR).exists() or not any(Path(settings.SOURCES_DIR).rglob("*"))


def test_a_job_whose_lease_expired_is_taken_again() -> None:
    job = jobs.enqueue(None, jobs.PING, {})
    taken = jobs.claim_next("dead-worker", lease_seconds=60)
    assert taken is not None and taken.pk == job.pk and taken.worker == "dead-worker"
    assert jobs.claim_next("w2") is None  # held by its lease
    Job.objects.filter(pk=job.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    again = jobs.claim_next("w2")
    assert again is not None and again.pk == job.pk and (again.worker, again.attempts) == ("w2", 2)
    assert jobs.run_job(again, "w2") == "done"
    assert jobs.run_job(taken, "dead-worker") == "lost"  # the first worker comes back: too late
    assert Job.objects.get(pk=job.pk).result == {"worker": "w2"}


def test_a_job_that_keeps_dying_fails_after_its_attempts() -> None:
    job = jobs.enqueue(None, jobs.PING, {}, max_attempts=2)
    for worker in ("w1", "w2"):
        assert jobs.claim_next(worker) is not None
        Job.objects.filter(pk=job.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    assert jobs.claim_next("w3") is None
    job.refresh_from_db()
    assert job.state == "failed" and "no attempts left" in job.error


def test_an_unexpected_error_is_retried_later(fake_extractor: Any) -> None:
    def crash(text: str) -> FakeResult:
        raise ConnectionError("the extractor's lexicon is unreachable")

    fake_extractor(crash)
    queued = jobs.enqueue_ingest(None, SEED.read_bytes(), SEED.name)
    assert queued.job is not None
    taken = jobs.claim_next("w1")
    assert taken is not None and jobs.run_job(taken, "w1", retry_delay=60) == "queued"
    job = Job.objects.get(pk=queued.job.pk)
    assert job.state == "queued" and "unreachable" in job.error and job.run_after > timezone.now()
    assert jobs.claim_next("w1") is None  # not before run_after
    assert storage.path_for(job.payload["sha256"]).exists()  # kept for the retry


def test_a_refused_file_fails_at_once_and_its_upload_is_removed(fake_extractor: Any) -> None:
    fake_extractor(small_result)
    queued = jobs.enqueue_ingest(None, SEED.read_bytes(), SEED.name)
    assert queued.job is not None
    storage.path_for(queued.job.payload["sha256"]).write_bytes(b"")  # the stored upload went bad
    jobs.run_worker(worker="w1", idle_exit=True)
    job = Job.objects.get(pk=queued.job.pk)
    assert job.state == "failed" and job.attempts == 1 and "is empty" in job.error
    assert not storage.path_for(job.payload["sha256"]).exists()


@pytest.mark.parametrize(
    ("name", "build", "error"),
    [
        ("pages.pdf", make_shared_stream_pdf, "pages.pdf was refused: reading took more than 2 s of CPU"),
        ("runs.docx", make_tiny_runs_docx, "runs.docx was refused: reading needed more than 200 MB of memory"),
    ],
)
def test_a_read_over_a_limit_is_queued_at_once_and_fails_its_job_with_the_limit_named(
    fake_extractor: Any, settings: Any, name: str, build: Any, error: str
) -> None:
    settings.LETAPIS_READ_CPU_SECONDS = 2
    settings.LETAPIS_READ_MEMORY_MB = 200
    fake_extractor(small_result)
    data = build()
    started = time.monotonic()
    queued = jobs.enqueue_ingest(None, data, name)  # the quick checks only: the job reads it
    assert time.monotonic() - started < 1
    assert queued.job is not None
    started = time.monotonic()
    assert jobs.run_worker(worker="w1", idle_exit=True) == 1
    assert time.monotonic() - started < 12
    job = Job.objects.get(pk=queued.job.pk)
    assert (job.state, job.attempts, job.error) == ("failed", 1, error)  # never retried
    assert Source.objects.count() == 0 and not storage.path_for(job.payload["sha256"]).exists()


# --- several processes ---------------------------------------------------------------------------


def _database_url() -> str:
    settings_dict = connection.settings_dict
    if connection.vendor == "postgresql":
        password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
        return (
            f"postgres://{settings_dict['USER']}{password}@{settings_dict['HOST'] or '127.0.0.1'}:"
            f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
        )
    return f"sqlite:///{settings_dict['NAME']}"


def _env(tmp_path: Path, url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"DATABASE_URL": url, "LETAPIS_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(REPO)})
    env.pop("LETAPIS_TEST_DB_NAME", None)
    return env


def _workers_database(tmp_path: Path) -> str:
    """The database URL for worker processes: the test database, or on SQLite (whose test
    database lives in memory) a migrated file."""
    if connection.vendor != "sqlite":
        return _database_url()
    url = f"sqlite:///{tmp_path / 'jobs.sqlite3'}"
    migrate = [sys.executable, "-m", "letapis", "migrate"]
    subprocess.run(migrate, env=_env(tmp_path, url), check=True, capture_output=True, timeout=120)
    return url


@pytest.mark.django_db(transaction=True)
def test_several_worker_processes_never_take_the_same_job(tmp_path: Path) -> None:
    url = _workers_database(tmp_path)
    log = tmp_path / "runs.log"
    count = 60
    enqueue = (
        "import django; django.setup()\n"
        "from letapis.review import jobs\n"
        f"for _ in range({count}): jobs.enqueue(None, jobs.PING, {{'sleep': 0.01, 'log': {str(log)!r}}})\n"
    )
    env = {**_env(tmp_path, url), "DJANGO_SETTINGS_MODULE": "letapis.settings"}
    subprocess.run([sys.executable, "-c", enqueue], env=env, check=True, timeout=120)
    started = time.monotonic()
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "letapis", "worker", "--idle-exit"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [w.communicate(timeout=240) for w in workers]
    elapsed = time.monotonic() - started
    assert all(w.returncode == 0 for w in workers), outputs
    runs = [line.split() for line in log.read_text().splitlines()]
    by_job = Counter(job_id for job_id, _ in runs)
    assert len(by_job) == count and set(by_job.values()) == {1}, by_job.most_common(3)
    by_worker = Counter(worker for _, worker in runs)
    assert len(by_worker) >= 2, by_worker  # the work was shared
    check = (
        "import django, json; django.setup()\n"
        "from letapis.review.models import Job\n"
        "print(json.dumps(sorted(set(Job.objects.values_list('state', flat=True)))))\n"
    )
    states = subprocess.run(
        [sys.executable, "-c", check], env=env, check=True, capture_output=True, text=True, timeout=120
    ).stdout.strip()
    assert states == '["done"]'
    print(f"{count} jobs by 3 workers in {elapsed:.1f} s")


@pytest.mark.django_db(transaction=True)
def test_a_job_of_a_killed_worker_is_run_by_another(tmp_path: Path) -> None:
    url = _workers_database(tmp_path)
    env = {**_env(tmp_path, url), "DJANGO_SETTINGS_MODULE": "letapis.settings", "LETAPIS_JOB_LEASE_SECONDS": "1"}
    log = tmp_path / "runs.log"
    enqueue = (
        "import django; django.setup()\n"
        "from letapis.review import jobs\n"
        # long enough that a loaded machine's polling still sees it running before it ends
        f"print(jobs.enqueue(None, jobs.PING, {{'sleep': 10, 'log': {str(log)!r}}}).pk)\n"
    )
    job_id = subprocess.run(
        [sys.executable, "-c", enqueue], env=env, check=True, capture_output=True, text=True, timeout=120
    ).stdout.strip()
    doomed = subprocess.Popen(
        [sys.executable, "-m", "letapis", "worker", "--once"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    state = (
        "import django, sys; django.setup()\n"
        "from letapis.review.models import Job\n"
        f"job = Job.objects.get(pk={job_id}); print(job.state, job.attempts, job.worker)\n"
    )

    def job_state() -> list[str]:
        return subprocess.run(
            [sys.executable, "-c", state], env=env, check=True, capture_output=True, text=True, timeout=120
        ).stdout.split()

    deadline = time.monotonic() + 60
    while job_state()[0] != "running":
        assert time.monotonic() < deadline, "the first worker never took the job"
        time.sleep(0.2)
    doomed.kill()  # dies in the middle of the job, holding its lease
    doomed.wait(timeout=30)
    time.sleep(1.5)  # the lease ends
    rescue = subprocess.run(
        [sys.executable, "-m", "letapis", "worker", "--idle-exit"], env=env, capture_output=True, text=True, timeout=120
    )
    assert rescue.returncode == 0, rescue.stderr
    assert f"job {job_id} done (ping)" in rescue.stdout
    final = job_state()
    assert final[:2] == ["done", "2"]
    assert [line.split()[0] for line in log.read_text().splitlines()] == [job_id]  # the dead one never finished


def test_an_ingest_job_records_its_phases_and_ends_with_them(
    fake_extractor: Any, editor: Any, monkeypatch: Any
) -> None:
    fake_extractor(small_result)
    seen: list[tuple[str, int, int]] = []
    real_write = jobs.JobProgress._write

    def spy(self: jobs.JobProgress, **fields: Any) -> None:
        real_write(self, **fields)
        row = Job.objects.get(pk=self.job.pk)
        seen.append((row.phase, row.pages_done, row.pages_total))

    monkeypatch.setattr(jobs.JobProgress, "_write", spy)
    queued = jobs.enqueue_ingest(editor, SEED.read_bytes(), SEED.name)
    assert jobs.run_worker(worker="w1", idle_exit=True) == 1
    assert [phase for phase, _done, _total in seen] == ["reading", "extracting", "storing"]
    job = Job.objects.get(pk=queued.job.pk)  # type: ignore[union-attr]
    assert (job.state, job.phase, job.pages_total) == ("done", "storing", 0)  # a text file has no pages


def test_page_progress_is_throttled_renews_the_lease_and_stops_with_the_lease() -> None:
    job = jobs.enqueue(None, jobs.PING, {})
    taken = jobs.claim_next("w1", lease_seconds=5)
    assert taken is not None
    before = Job.objects.get(pk=job.pk).lease_until
    now = [100.0]
    progress = jobs.JobProgress(taken, "w1", every=1.0, clock=lambda: now[0])
    progress.pages(1, 50)  # the first page: written
    for k in range(2, 10):  # in the same second: not written
        progress.pages(k, 50)
    row = Job.objects.get(pk=job.pk)
    assert (row.pages_done, row.pages_total, progress.writes) == (1, 50, 1)
    assert row.lease_until is not None and before is not None and row.lease_until > before  # renewed
    now[0] += 1.5
    progress.pages(10, 50)
    progress.pages(50, 50)  # the last page: always written
    row = Job.objects.get(pk=job.pk)
    assert (row.pages_done, progress.writes) == (50, 3)
    # another worker took the job: the first one's progress no longer writes
    Job.objects.filter(pk=job.pk).update(worker="w2")
    jobs.JobProgress(taken, "w1").phase("storing")
    assert Job.objects.get(pk=job.pk).phase == ""


def test_a_retried_job_starts_its_progress_again() -> None:
    job = jobs.enqueue(None, jobs.PING, {})
    taken = jobs.claim_next("w1", lease_seconds=60)
    assert taken is not None
    jobs.JobProgress(taken, "w1").pages(3, 50)
    Job.objects.filter(pk=job.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    again = jobs.claim_next("w2")
    assert again is not None and (again.pages_done, again.pages_total, again.phase) == (0, 0, "")


def test_a_polling_worker_outlives_a_database_that_refuses_it_for_a_while(
    fake_extractor: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The worker `letapis serve` runs beside the web server must not die at the first database
    error (it would leave every upload queued): it logs it and claims again at the next poll."""
    from django.db import OperationalError

    fake_extractor(small_result)
    queued = jobs.enqueue_ingest(None, SEED.read_bytes(), SEED.name)
    assert queued.job is not None
    claim_next, refusals = jobs.claim_next, [OperationalError("database is locked")] * 2

    def flaky(name: str) -> Any:
        if refusals:
            raise refusals.pop()
        return claim_next(name)

    monkeypatch.setattr(jobs, "claim_next", flaky)
    done: list[str] = []
    ran = jobs.run_worker(
        worker="w1", poll_seconds=0.01, should_stop=lambda: len(done) == 1, on_job=lambda job, out: done.append(out)
    )
    assert ran == 1 and done == ["done"] and Job.objects.get(pk=queued.job.pk).state == "done"
    assert caplog.text.count("the database refused a claim") == 2
    refusals.append(OperationalError("database is locked"))
    with pytest.raises(OperationalError):  # a worker told to stop when idle says so at once
        jobs.run_worker(worker="w1", idle_exit=True)
