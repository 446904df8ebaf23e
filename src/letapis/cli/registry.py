"""Registry commands: set-up (demo, migrate, createuser, serve) and questions (status, held)."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from datetime import date
from typing import Any

import click

from letapis.cli import LEVELS, UserError, main, setup_django
from letapis.vocab import vocabulary


def parse_day(value: str | None) -> date:
    """A day given as YYYY-MM-DD, or today (in the registry's time zone)."""
    if value is None:
        from django.utils import timezone

        return timezone.localdate()
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise UserError(f"{value!r} is not a date: use YYYY-MM-DD, e.g. 2025-12-14") from exc


def _migrate(verbose: bool = False) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1 if verbose else 0)


@main.command()
@click.option("-v", "--verbose", is_flag=True, help="List every migration applied.")
def migrate(verbose: bool) -> None:
    """Create or update the database tables."""
    setup_django()
    _migrate(verbose)
    click.echo("The database is up to date.")


def _create_user(username: str, role: str, email: str, confidential: bool, password: str | None) -> str:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from letapis.accounts.models import Role
    from letapis.audit.log import record, snapshot

    User = get_user_model()
    if role not in Role.values:
        raise UserError(f"unknown role {role!r}: use {', '.join(Role.values)}")
    if User.objects.filter(username=username).exists():
        raise UserError(f"a user named {username!r} exists already")
    generated = password is None
    if password is None:
        password = secrets.token_urlsafe(15)
    user = User(
        username=username,
        email=email,
        role=role,
        sees_confidential=confidential,
        is_staff=role in (Role.EDITOR, Role.ADMIN),
        is_superuser=role == Role.ADMIN,
    )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise UserError("the password is refused: " + " ".join(exc.messages)) from exc
    user.set_password(password)
    with transaction.atomic():
        user.save()
        after = {k: v for k, v in snapshot(user).items() if k != "password"}
        record(None, "user.create", user, after=after)
    return password if generated else ""


@main.command()
@click.argument("username")
@click.option("--role", default="viewer", show_default=True, help="viewer, researcher, editor or admin")
@click.option("--email", default="", help="E-mail address.")
@click.option("--confidential", is_flag=True, help="May read records marked confidential.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input instead of generating one.")
def createuser(username: str, role: str, email: str, confidential: bool, password_stdin: bool) -> None:
    """Create a user; a generated password is printed once."""
    setup_django()
    password = sys.stdin.readline().rstrip("\n") if password_stdin else None
    shown = _create_user(username, role, email, confidential, password)
    click.echo(f"Created {role} {username}.")
    if shown:
        click.echo(f"Password (shown once): {shown}")


def start_job_workers(count: int) -> list[subprocess.Popen[bytes]]:
    """Start ``count`` ``letapis worker`` processes beside the web server. Each one stops by
    itself when this process is gone (``--parent``), so a killed server leaves no worker behind."""
    command = [sys.executable, "-m", "letapis", "worker", "--parent", str(os.getpid())]
    return [subprocess.Popen(command) for _ in range(count)]


def stop_job_workers(processes: list[subprocess.Popen[bytes]], *, grace: float = 30.0) -> None:
    """SIGTERM (the workers finish the job in hand), then SIGKILL after ``grace`` seconds: a job
    cut short is taken again when its lease ends."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _serve(host: str, port: int, workers: int, job_workers: int = 1) -> None:
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    from gunicorn.app.wsgiapp import run  # noqa: PLC0415 — only needed when serving

    sys.argv = [
        "gunicorn",
        "letapis.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--forwarded-allow-ips",
        "127.0.0.1",
    ]
    job_processes = start_job_workers(job_workers)  # uploads are read in the job queue, not in gunicorn
    try:
        run()
    finally:
        stop_job_workers(job_processes)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64))
@click.option(
    "--job-workers",
    default=1,
    show_default=True,
    type=click.IntRange(0, 64),
    help="Job-queue workers run beside the web server (they read uploads); 0 when `letapis worker` runs apart.",
)
def serve(host: str, port: int, workers: int, job_workers: int) -> None:
    """Serve the web site and the API (gunicorn), with the job queue's workers beside it."""
    setup_django()
    _serve(host, port, workers, job_workers)


@main.command()
@click.option("--no-serve", is_flag=True, help="Prepare the data folder and the demo data, then stop.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
def demo(no_serve: bool, host: str, port: int) -> None:
    """Create the data folder, the database and the demo registry, then serve the site."""
    from rich.progress import Progress

    setup_django()
    from django.conf import settings

    from letapis.registry import demo as demo_data

    with Progress(transient=True) as progress:
        task = progress.add_task("Preparing the database", total=3)
        _migrate()
        progress.advance(task)
        loaded_now = False
        if not demo_data.is_loaded():
            progress.update(task, description="Loading the demo registry")
            demo_data.load_demo(following=True)  # with places, transfers and invented histories
            loaded_now = True
        progress.advance(task)
        password = ""
        from django.contrib.auth import get_user_model

        if not get_user_model().objects.filter(username="admin").exists():
            password = _create_user("admin", "admin", "", True, None)
        progress.advance(task)
    click.echo(f"Data folder: {settings.DATA_DIR}")
    click.echo("Demo registry loaded." if loaded_now else "Demo registry already present.")
    if password:
        click.echo(f"Local admin account: admin / {password}   (shown once: note it now)")
    if no_serve:
        return
    click.echo(f"Serving on http://{host}:{port}/ (Ctrl-C stops)")
    _serve(host, port, 2)


def _find_person(text: str) -> Any:
    from letapis.access import levels_for, visible_persons
    from letapis.registry.lookup import find_persons

    operator = cli_operator()  # only the persons and name forms the operator may see
    if text.isdigit():
        person = visible_persons(operator).filter(pk=int(text)).first()
        if person is None:
            raise UserError(f"no person with id {text}")
        return person
    candidates = find_persons(text, limit=5, persons=visible_persons(operator), levels=levels_for(operator))
    matches = [c for c in candidates if c.is_match]
    if len(matches) == 0:
        hint = "; ".join(f"{c.person.pk}: {c.person.display_name}" for c in candidates[:3])
        raise UserError(f"no person matches {text!r}" + (f" (closest: {hint})" if hint else ""))
    if len(matches) > 1 and matches[0].score - matches[1].score < 0.02:
        listed = "; ".join(f"{c.person.pk}: {c.person.display_name}" for c in matches)
        raise UserError(f"{text!r} matches several persons ({listed}): give the id")
    return matches[0].person


@main.command()
@click.argument("person")
@click.option("--on", "on", metavar="DATE", help="The day (YYYY-MM-DD); default today.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def status(person: str, on: str | None, as_json: bool) -> None:
    """The status of PERSON (a name in any spelling, or an id) on a day, with its sources."""
    day = parse_day(on)
    setup_django()
    from letapis.registry.queries import status_report

    report = status_report(_find_person(person), day, cli_operator())
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    line = f"{report['name']}: {report['status'].replace('_', ' ')} on {report['on']}"
    if report["event"] is not None:
        line += f" (since {report['since']}: {report['event']['type']}"
        line += ", forced exile)" if report["exiled"] else ")"
    click.echo(line)
    for ref in report["sources"]:
        click.echo(f"  source {ref['source_id']} «{ref['title']}»: {ref['quote'][:160]}")


def cli_operator() -> Any:
    """The CLI runs on the server as its operator: it sees internal and confidential data,
    unless LETAPIS_CLI_PUBLIC=1 or --public restricts it."""
    from letapis.accounts.models import User

    if os.environ.get("LETAPIS_CLI_PUBLIC", "") in ("1", "true", "yes"):
        return None
    return User(username="cli", is_superuser=True, sees_confidential=True, is_active=True)


def _occupation_label(code: str) -> str:
    """The English label of an occupation code, or the code itself when the vocabulary lost it."""
    term = vocabulary("occupations").get(code)
    return code if term is None else term.label("en")


@main.command()
@click.option("--on", "on", metavar="DATE", help="The day (YYYY-MM-DD); default today.")
@click.option("--occupation", help="An occupation code or label, e.g. writer.")
@click.option("--organisation", help="Members of this organisation only (its name).")
@click.option("--public", is_flag=True, help="Only what may be published: public records of publishable persons.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def held(on: str | None, occupation: str | None, organisation: str | None, public: bool, as_json: bool) -> None:
    """Who is held on a day, with the event that decided each status and its sources."""
    day = parse_day(on)
    setup_django()
    from letapis.registry.models import Organisation
    from letapis.registry.queries import held_list

    occupation_code = None
    if occupation is not None:
        term = vocabulary("occupations").get(occupation) or vocabulary("occupations").lookup(occupation)
        if term is None:
            raise UserError(f"unknown occupation {occupation!r}")
        occupation_code = term.code
    organisation_id = None
    if organisation is not None:
        org = Organisation.objects.filter(name__iexact=organisation).first()
        if org is None:
            raise UserError(f"no organisation named {organisation!r}")
        organisation_id = org.pk
    user = None if public else cli_operator()
    rows = held_list(day, user, occupation=occupation_code, organisation=organisation_id)
    if as_json:
        payload = {"on": day.isoformat(), "count": len(rows), "persons": rows}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Held on {day.isoformat()}: {len(rows)}")
    for column in ("id", "name", "occupations", "since", "source"):
        table.add_column(column)
    for row in rows:
        source = row["sources"][0]["title"] if row["sources"] else "—"
        occupations = ", ".join(_occupation_label(code) for code in row["occupations"])
        table.add_row(str(row["id"]), row["name"], occupations, row["since"] or "?", source)
    Console().print(table)


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.pass_context
def manage(ctx: click.Context) -> None:
    """Run a Django management command (for administrators), e.g. `letapis manage check`."""
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["letapis manage", *ctx.args])


@main.command("set-level")
@click.argument("kind")
@click.argument("record_id", type=int)
@click.argument("level", type=click.Choice(LEVELS))
@click.option("--reason", default="", help="Why (required to lower a level; kept in the audit log).")
def set_level(kind: str, record_id: int, level: str, reason: str) -> None:
    """Set the confidentiality of one record: KIND is person, name, external_id, occupation,
    honour, organisation, membership, place, event, involvement, criminal_case, note, source or
    claim. Lowering a level, or any change from or to confidential, needs the confidential grant
    and a reason; the audit log keeps both levels and the reason."""
    setup_django()
    from letapis.registry.services import LEVELLED, ServiceError, do_set_confidentiality

    model = LEVELLED.get(kind)
    if model is None:
        raise UserError(f"unknown kind {kind!r}: use {', '.join(LEVELLED)}")
    operator = cli_operator()
    from letapis.access import levels_for

    found = model.objects.filter(pk=record_id, confidentiality__in=levels_for(operator)).first()
    if found is None:  # the same answer for a record the operator may not see
        raise UserError(f"no {kind.replace('_', ' ')} with id {record_id}")
    try:
        done = do_set_confidentiality(operator, found, level, reason)
    except ServiceError as exc:
        raise UserError(str(exc)) from exc
    click.echo(f"{kind.replace('_', ' ')} {done.pk} is {done.confidentiality}")
