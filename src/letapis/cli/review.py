"""Ingest and review commands.

- ``letapis ingest FILE…`` — store documents, extract their facts as proposed claims (or queue
  them with ``--background``);
- ``letapis worker`` — run queued jobs;
- ``letapis review list|accept|reject|undo`` — the review queue on the command line.
"""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path
from typing import Any

import click

from letapis.cli import UserError, level_option, main, setup_django
from letapis.cli.registry import cli_operator, parse_day


def _read_file(path: Path, max_bytes: int) -> bytes:
    from letapis.documents import DocumentError, check_size

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DocumentError(f"{path.name}: {exc.strerror.lower() if exc.strerror else 'cannot be read'}") from exc
    if path.is_dir():
        raise DocumentError(f"{path.name} is a folder, not a file")
    check_size(size, path.name, max_bytes=max_bytes)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{path.name} cannot be read: {exc.strerror}") from exc


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--background", is_flag=True, help="Queue the files for `letapis worker` instead of reading them now.")
@click.option(
    "--lang", "language", type=click.Choice(["be", "ru", "en"]), help="The documents' language (default: detected)."
)
@click.option("--date", "day", metavar="DATE", help="The documents' date, YYYY-MM-DD (default: found in the text).")
@level_option("--confidentiality", default="internal", help="Who may read the sources and their claims.")
@click.option("--publisher", default="", help='Who published the documents, e.g. "PEN Belarus".')
@click.option(
    "--reliability", type=click.Choice(["high", "medium", "low", "unknown"]), default="unknown", show_default=True
)
@click.option(
    "--origin",
    default="",
    help='Who gave you the files, e.g. "the wife of the prisoner, by Signal" (kept in the custody record).',
)
def ingest(
    files: tuple[Path, ...],
    background: bool,
    language: str | None,
    day: str | None,
    confidentiality: str,
    publisher: str,
    reliability: str,
    origin: str,
) -> None:
    """Store documents (.txt .md .html .pdf .docx) and propose the facts they state as claims.

    Each file is stored once (by its sha-256); a file ingested before is recognised. One line per
    file: the new source and its number of proposed claims, or why the file was refused. The exit
    status is 1 when any file was refused.

    Example: letapis ingest statement.pdf --lang en --confidentiality public
    """
    document_date = None if day is None else parse_day(day)
    setup_django()
    from rich.console import Console
    from rich.progress import Progress

    from letapis.documents import DocumentError
    from letapis.registry.services import ServiceError
    from letapis.review.conf import max_upload_bytes
    from letapis.review.ingest import SourceDetails, do_ingest
    from letapis.review.jobs import enqueue_ingest

    actor = cli_operator()
    limit = max_upload_bytes()
    failed = 0
    options: SourceDetails = {
        "language": language,
        "document_date": document_date,
        "confidentiality": confidentiality,
        "publisher": publisher,
        "reliability": reliability,
        "how": "cli",
        "origin": origin.strip(),
    }
    console = Console(stderr=True)
    # the bars only on a terminal (a single file's only shows while a scan's pages are read)
    with Progress(console=console, transient=True, disable=len(files) < 2 and not console.is_terminal) as progress:
        # a bar over the files when there are several; one over the pages of a scan being read
        task = progress.add_task("Ingesting", total=len(files), visible=len(files) > 1)
        for path in files:
            progress.update(task, description=path.name[:40])
            pages = progress.add_task(f"{path.name[:30]}: reading", total=None, visible=False)

            def on_page(done: int, total: int, pages: Any = pages, name: str = path.name[:30]) -> None:
                progress.update(
                    pages, completed=done, total=total, visible=True, description=f"{name}: page {done} of {total}"
                )

            def on_phase(phase: str, pages: Any = pages, name: str = path.name[:30]) -> None:
                progress.update(pages, description=f"{name}: {phase}")

            try:
                data = _read_file(path, limit)
                if background:
                    queued = enqueue_ingest(actor, data, path.name, **options)
                    if queued.existing is not None:
                        click.echo(f"{path.name}: already ingested as source {queued.existing.pk}")
                    elif queued.job is not None:
                        already = "already " if queued.already_queued else ""
                        click.echo(f"{path.name}: {already}queued as job {queued.job.pk}")
                else:
                    result = do_ingest(actor, data, path.name, on_phase=on_phase, on_progress=on_page, **options)
                    if result.created:
                        click.echo(f"{path.name}: source {result.source.pk}, {len(result.claims)} proposed claims")
                    else:
                        click.echo(f"{path.name}: already ingested as source {result.source.pk}")
            except (DocumentError, ServiceError) as exc:
                failed += 1
                click.echo(f"error: {exc}", err=True)
            progress.remove_task(pages)
            progress.advance(task)
    if failed > 0:
        raise SystemExit(1)


@main.command()
@click.option("--once", is_flag=True, help="Run at most one job, then stop.")
@click.option("--idle-exit", is_flag=True, help="Stop when no job is waiting (instead of polling).")
@click.option("--poll", default=2.0, show_default=True, type=click.FloatRange(0.05, 600), help="Seconds between polls.")
@click.option("--parent", type=int, hidden=True, help="Stop when the process of this id is no longer the parent.")
def worker(once: bool, idle_exit: bool, poll: float, parent: int | None) -> None:
    """Run queued jobs (ingests queued with --background or by the web upload).

    Several workers, on several machines, may run against one PostgreSQL database: a job is
    taken by one worker only, and a job whose worker died is taken again when its lease ends.
    SIGTERM or Ctrl-C stops the worker after the job in hand. `letapis serve` runs one beside
    the web server (--job-workers); run more, or run them apart, with this command.
    """
    setup_django()
    from letapis.review.jobs import run_worker, worker_id
    from letapis.review.models import Job

    stopping = {"now": False}

    def stop(signum: int, frame: Any) -> None:
        if stopping["now"]:
            raise KeyboardInterrupt
        stopping["now"] = True
        click.echo("Stopping after the job in hand (again to stop now).", err=True)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    name = worker_id()

    def report(job: Job, outcome: str) -> None:
        if outcome == "done" and job.kind != "ingest":
            click.echo(f"job {job.pk} done ({job.kind})")
        elif outcome == "done":
            result = job.result
            what = (
                f"source {result.get('source')}, {len(result.get('claims', []))} proposed claims"
                if result.get("created")
                else f"already ingested as source {result.get('source')}"
            )
            click.echo(f"job {job.pk} done: {job.payload.get('filename')}: {what}")
        elif outcome == "queued":
            click.echo(f"job {job.pk} will be retried: {job.error}")
        elif outcome == "lost":
            click.echo(f"job {job.pk} was taken over by another worker")
        else:
            click.echo(f"job {job.pk} failed: {job.error}")

    if not (once or idle_exit):
        click.echo(f"Worker {name} waiting for jobs (Ctrl-C stops).", err=True)
    count = run_worker(
        worker=name,
        once=once,
        idle_exit=idle_exit,
        poll_seconds=poll,
        should_stop=lambda: stopping["now"] or (parent is not None and os.getppid() != parent),
        on_job=report,
    )
    if once or idle_exit:
        click.echo(f"{count} job{'s' if count != 1 else ''} run.", err=True)


@main.command("jobs")
@click.option(
    "--state", type=click.Choice(["queued", "running", "done", "failed", "all"]), default="all", show_default=True
)
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
def list_jobs(state: str, limit: int) -> None:
    """The newest background jobs: state, attempts, worker, and the error of a failed one."""
    setup_django()
    from letapis.review.models import Job

    jobs = Job.objects.order_by("-id")
    if state != "all":
        jobs = jobs.filter(state=state)
    rows = list(jobs[:limit])
    if not rows:
        click.echo("No jobs.")
    for job in rows:
        what = job.payload.get("filename") or job.kind
        line = f"job {job.pk} {job.kind} {what}: {job.state}, attempt {job.attempts} of {job.max_attempts}"
        if job.worker != "":
            line += f", {job.worker}"
        if job.state == "running" and job.phase:
            line += f", {job.phase}" + (f" page {job.reading_page} of {job.pages_total}" if job.pages_total else "")
        if job.state == "done" and job.result.get("source") is not None:
            line += f" → source {job.result['source']}"
        if job.error != "":
            line += f" — {job.error.splitlines()[0][:200]}"
        click.echo(line)


@main.group()
def review() -> None:
    """The review queue: list, accept (or edit and accept), reject and undo proposed claims."""


def summary(claim: Any, value: Any = None) -> str:
    """One line saying what a claim proposes (``value``: its value as the operator may see it)."""
    v = claim.value if value is None else value
    who = v.get("person_name", "")
    if claim.kind == "person":
        candidate = v.get("candidate")
        return f"{v.get('name')}" + (f" (registry person {candidate}?)" if candidate is not None else " (new?)")
    if claim.kind == "occupation":
        return f"{who}: {v.get('label') or v.get('occupation')}"
    if claim.kind == "membership":
        return f"{who}: {v.get('role')} of {v.get('organisation')}"
    if claim.kind == "honour":
        return f"{who}: {v.get('text') or v.get('honour')}"
    if claim.kind == "status":
        return f"{who}: {v.get('status')} on {v.get('date') or '(source date)'}"
    if claim.kind == "event":
        parts = [str(v.get("type")), str(v.get("date") or "(no date)")]
        if v.get("count") is not None:
            parts.append(f"{v['count']} persons")
        if v.get("persons"):
            parts.append(", ".join(v["persons"][:3]) + ("…" if len(v["persons"]) > 3 else ""))
        return " ".join(parts)
    return json.dumps(v, ensure_ascii=False)[:80]


@review.command("list")
@click.option("--source", "source_id", type=int, help="Claims of this source only.")
@click.option(
    "--state", type=click.Choice(["proposed", "accepted", "rejected", "all"]), default="proposed", show_default=True
)
@click.option("--limit", default=200, show_default=True, type=click.IntRange(1, 100_000))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def list_claims(source_id: int | None, state: str, limit: int, as_json: bool) -> None:
    """List claims with what each proposes and the text it rests on."""
    setup_django()
    from letapis import access
    from letapis.registry.models import Claim

    # in the extractor's order: each person, then the claims about that person, then the events
    claims = access.visible(cli_operator(), Claim.objects.select_related("source")).order_by("source_id", "id")
    if source_id is not None:
        claims = claims.filter(source_id=source_id)
    if state != "all":
        claims = claims.filter(state=state)
    rows = list(claims[:limit])
    from letapis.review.candidates import shown_values

    values = shown_values(cli_operator(), [c.value for c in rows])  # only the candidates the operator may see
    if as_json:
        payload = [
            {
                "id": c.pk,
                "source": c.source_id,
                "kind": c.kind,
                "state": c.state,
                "value": value,
                "quote": c.quote,
                "span": [c.span_start, c.span_end],
                "confidence": c.confidence,
                "proposer": c.proposer,
                "version": c.version,
                "person": c.person_id,
                "event": c.event_id,
            }
            for c, value in zip(rows, values, strict=True)
        ]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rows)} claim{'s' if len(rows) != 1 else ''} ({state})")
    for column in ("id", "source", "kind", "state", "conf.", "proposes", "quote"):
        table.add_column(column)
    for c, value in zip(rows, values, strict=True):
        quote = " ".join(c.quote.split())
        table.add_row(
            str(c.pk),
            str(c.source_id),
            c.kind,
            c.state,
            f"{c.confidence:.2f}",
            summary(c, value),
            quote[:70] + ("…" if len(quote) > 70 else ""),
        )
    Console().print(table)


def _claims(ids: tuple[int, ...], all_of_source: int | None) -> list[Any]:
    from letapis.registry.models import Claim, ClaimState

    if all_of_source is not None:
        if ids:
            raise UserError("give claim ids or --all-of-source, not both")
        from letapis.review.services import in_accept_order

        found = list(Claim.objects.filter(source_id=all_of_source, state=ClaimState.PROPOSED))
        if not found:
            raise UserError(f"source {all_of_source} has no proposed claims")
        return in_accept_order(found)
    if not ids:
        raise UserError("give at least one claim id")
    by_id = {c.pk: c for c in Claim.objects.filter(pk__in=ids)}
    missing = [str(i) for i in ids if i not in by_id]
    if missing:
        raise UserError(f"no claim with id {', '.join(missing)}")
    return [by_id[i] for i in ids]


def _parse_edits(pairs: tuple[str, ...]) -> dict[str, Any] | None:
    if not pairs:
        return None
    edits: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if sep == "" or key.strip() == "":
            raise UserError(f"--set {pair!r}: use KEY=VALUE, e.g. --set occupation=poet")
        try:
            edits[key.strip()] = json.loads(raw)
        except json.JSONDecodeError:
            edits[key.strip()] = raw
    return edits


def _outcome(claim: Any) -> str:
    if claim.record_type:
        return f"{claim.record_type.split('.')[1]} {claim.record_id}"
    return "no registry change"


@review.command()
@click.argument("claim_ids", nargs=-1, type=int)
@click.option("--all-of-source", type=int, metavar="SOURCE", help="Accept every proposed claim of this source.")
@click.option("--person", "person_id", type=int, help="The registry person the claim is about (links a person claim).")
@click.option("--set", "edits", multiple=True, metavar="KEY=VALUE", help="Edit the claim's value, then accept.")
@click.option(
    "--with-claims", is_flag=True, help="Accept a person claim with its proposed claims (status, occupations…)."
)
def accept(
    claim_ids: tuple[int, ...],
    all_of_source: int | None,
    person_id: int | None,
    edits: tuple[str, ...],
    with_claims: bool,
) -> None:
    """Accept claims: the registry gains the facts they state (found, not duplicated, when it has
    them already). A claim about a person waits for that person's claim. Exit status 1 when any
    claim could not be accepted."""
    setup_django()
    from letapis.access import visible_persons
    from letapis.registry.services import ServiceError
    from letapis.review.services import Decided, accept_all, do_accept_claim, do_accept_with_claims

    changes = _parse_edits(edits)
    actor = cli_operator()
    if all_of_source is not None:
        if claim_ids or person_id is not None or changes is not None or with_claims:
            raise UserError("--all-of-source takes no claim ids, --person, --set nor --with-claims")
        _claims((), all_of_source)  # a source with no proposed claims is an error
        _report(actor, accept_all(actor, all_of_source))
        return
    claims = _claims(claim_ids, None)
    if (person_id is not None or changes is not None or with_claims) and len(claims) != 1:
        raise UserError("--person, --set and --with-claims apply to one claim at a time")
    if with_claims and changes is not None:
        raise UserError("edit the person claim alone (--set), then accept it --with-claims")
    person = None
    if person_id is not None:
        person = visible_persons(actor).filter(pk=person_id).first()
        if person is None:  # the same answer for a person the operator may not see
            raise UserError(f"no person with id {person_id}")
    done = Decided()
    for claim in claims:
        try:
            if with_claims:
                done = do_accept_with_claims(actor, claim, person=person)
            else:
                done.accepted.append(do_accept_claim(actor, claim, person=person, edits=changes))
        except ServiceError as exc:
            click.echo(f"claim {claim.pk}: {exc}", err=True)
            done.failed += 1
    _report(actor, done)


@review.command()
@click.argument("claim_id", type=int)
@click.option(
    "--keep",
    type=click.Choice(["existing", "new", "both"]),
    required=True,
    help="existing: reject the claim, the registry's fact stays; new: undo the claims behind the registry's "
    "event, then accept the claim; both: accept the claim, its event after the registry's on that day.",
)
@click.option("--person", "person_id", type=int, help="The registry person the claim is about.")
def settle(claim_id: int, keep: str, person_id: int | None) -> None:
    """Decide on a claim the registry contradicts (held where it says released on the same day):
    keep the registry's fact, take the claim's, or keep both. A claim that no longer conflicts
    is accepted."""
    setup_django()
    from letapis.access import visible_persons
    from letapis.registry.models import ClaimState
    from letapis.registry.services import ServiceError
    from letapis.review.services import KEEP_BOTH, KEEP_EXISTING, TAKE_NEW, do_settle_conflict

    actor = cli_operator()
    (claim,) = _claims((claim_id,), None)
    person = None
    if person_id is not None:
        person = visible_persons(actor).filter(pk=person_id).first()
        if person is None:  # the same answer for a person the operator may not see
            raise UserError(f"no person with id {person_id}")
    choice = {"existing": KEEP_EXISTING, "new": TAKE_NEW, "both": KEEP_BOTH}[keep]
    try:
        done = do_settle_conflict(actor, claim, choice, person=person)
    except ServiceError as exc:
        raise UserError(f"claim {claim.pk}: {exc}") from exc
    if done.state == ClaimState.REJECTED:
        click.echo(f"claim {done.pk} rejected: the registry's fact is kept")
    else:
        click.echo(f"claim {done.pk} accepted → {_outcome(done)}")


def _report(actor: Any, done: Any) -> None:
    """Each claim accepted, each left with why; exit status 1 when any was not accepted."""
    from letapis.review.candidates import shown_value, sight_of

    for claim in done.accepted:
        shown = shown_value(claim.value, sight_of(actor, [claim.value]))
        click.echo(f"claim {claim.pk} accepted ({claim.kind}: {summary(claim, shown)}) → {_outcome(claim)}")
    for left in done.left:
        click.echo(f"claim {left.claim.pk} left: {left.why}", err=True)
    if done.left or done.failed:
        raise SystemExit(1)


@review.command()
@click.argument("claim_id", type=int)
@click.option(
    "--set",
    "edits",
    multiple=True,
    required=True,
    metavar="KEY=VALUE",
    help="A field of the value (JSON or text; null clears it).",
)
def edit(claim_id: int, edits: tuple[str, ...]) -> None:
    """Edit a proposed claim's value without deciding on it (e.g. --set date=2021-07-14)."""
    setup_django()
    from letapis.registry.services import ServiceError
    from letapis.review.candidates import shown_value, sight_of
    from letapis.review.services import do_edit_claim

    claim = _claims((claim_id,), None)[0]
    actor = cli_operator()
    try:
        done = do_edit_claim(actor, claim, _parse_edits(edits) or {})
    except ServiceError as exc:
        raise UserError(f"claim {claim.pk}: {exc}") from exc
    shown = shown_value(done.value, sight_of(actor, [done.value]))
    click.echo(f"claim {done.pk} edited ({done.kind}: {summary(done, shown)}), still proposed")


@review.command()
@click.argument("claim_ids", nargs=-1, type=int, required=True)
@click.option("--reason", default="", help="Why (kept with the decision).")
def reject(claim_ids: tuple[int, ...], reason: str) -> None:
    """Reject claims; the registry does not change."""
    setup_django()
    from letapis.registry.services import ServiceError
    from letapis.review.services import do_reject_claim

    failed = 0
    for claim in _claims(claim_ids, None):
        try:
            do_reject_claim(cli_operator(), claim, reason)
        except ServiceError as exc:
            failed += 1
            click.echo(f"claim {claim.pk}: {exc}", err=True)
            continue
        click.echo(f"claim {claim.pk} rejected")
    if failed > 0:
        raise SystemExit(1)


@review.command()
@click.argument("claim_id", type=int)
def undo(claim_id: int) -> None:
    """Undo the decision on a claim: what its acceptance added to the registry is removed and the
    claim is proposed again."""
    setup_django()
    from letapis.registry.services import ServiceError
    from letapis.review.services import do_undo_review

    claim = _claims((claim_id,), None)[0]
    try:
        do_undo_review(cli_operator(), claim)
    except ServiceError as exc:
        raise UserError(str(exc)) from exc
    click.echo(f"claim {claim_id} is proposed again")
