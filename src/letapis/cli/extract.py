"""``letapis extract FILE``: the facts a statement proposes; works without a database, and with
one each person carries the ``person_id`` of the registry person the names core matches.
``letapis extract eval``: how well the extractor reads the team's own sources, scored against the
claims editors accepted, edited and rejected (:mod:`letapis.review.evaluation`)."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from letapis.cli import UserError, level_option, main, setup_django

if TYPE_CHECKING:
    from rich.table import Table

    from letapis.extract import Resolver

MAX_BYTES = 20 * 1024 * 1024


def read_text(path: Path) -> tuple[str, str | None]:
    """The text of a .txt/.md file and, when it was not UTF-8, the encoding it was read in.
    Raises :class:`UserError` for a missing, empty, binary or unreadable file."""
    if not path.exists():
        raise UserError(f"{path}: no such file")
    if path.is_dir():
        raise UserError(f"{path}: is a directory, not a text file")
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise UserError(f"{path}: {len(data)} bytes is more than the {MAX_BYTES} a statement may have")
    if len(data.strip()) == 0:
        raise UserError(f"{path}: the file is empty")
    if b"\x00" in data[:4096]:
        raise UserError(f"{path}: a binary file, not text (convert it to .txt first, or use `letapis ingest`)")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1251", "koi8_r"):
        try:
            candidate = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_cyrillic(candidate):
            return candidate, encoding
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UserError(f"{path}: cannot tell the text's encoding (save it as UTF-8)")
    return str(best), best.encoding


def _looks_cyrillic(text: str) -> bool:
    """Whether a decoding gives mostly lower-case Cyrillic letters (cp1251 and KOI8-R swap cases)."""
    lower = sum(1 for c in text if "а" <= c <= "я" or c in "ёіў")
    upper = sum(1 for c in text if "А" <= c <= "Я" or c in "ЁІЎ")
    return lower > 0 and lower >= upper


def database_configured() -> bool:
    """Whether a database is there to match names against: ``DATABASE_URL`` is set, or the
    default SQLite file exists in the data folder (nothing is created to find out)."""
    if os.environ.get("DATABASE_URL", "").strip() != "":
        return True
    return (Path(os.environ.get("LETAPIS_DATA_DIR", "data")).expanduser() / "letapis.sqlite3").is_file()


def registry_resolver(*, required: bool) -> Resolver | None:
    """The registry lookup of ``letapis ingest``, or None when there is no migrated database
    (an error when ``required``: the caller asked for ``--registry``)."""
    if not required and not database_configured():
        return None
    setup_django()
    from django.db import DatabaseError, connection

    from letapis.registry.models import Person

    try:
        migrated = Person._meta.db_table in connection.introspection.table_names()
    except DatabaseError as exc:
        if required:
            raise UserError(f"--registry: the database cannot be read: {exc}") from exc
        return None
    if not migrated:
        if required:
            raise UserError("--registry: the database has no registry yet (run `letapis migrate` first)")
        return None
    from letapis.review.ingest import registry_resolver as resolver

    return resolver()


class _ExtractGroup(click.Group):
    """``letapis extract FILE`` reads a file and ``letapis extract eval`` scores the extractor: an
    argument that names no subcommand is the file (``letapis extract file eval`` reads a file
    named ``eval``)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["file", *args]
        return super().parse_args(ctx, args)


@main.group(cls=_ExtractGroup)
def extract() -> None:
    """Read a statement and print the facts it proposes (`letapis extract FILE`), or score the
    extractor on the registry's reviewed claims (`letapis extract eval`)."""


@extract.command("file")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the JSON of ../shared/eval/README.md.")
@click.option("--date", "when", metavar="YYYY-MM-DD", help="The document's date (else read from the text).")
@click.option("--lang", type=click.Choice(["en", "be", "ru"]), help="The document's language (else detected).")
@click.option(
    "--registry/--no-registry",
    default=None,
    help="Match persons against the registry (person_id). Default: when a database exists.",
)
def extract_file(file: Path, as_json: bool, when: str | None, lang: str | None, registry: bool | None) -> None:
    """Read a statement (.txt/.md) and print the persons, statuses, roles and events it proposes.

    Without a database it only reads the text; with one (DATABASE_URL, or the SQLite file in the
    data folder), each person matched in the registry carries its person_id. Nothing is stored:
    `letapis ingest` stores the document and proposes its facts for review. `letapis extract FILE`
    is short for `letapis extract file FILE`."""
    from letapis.extract import extract as run_extract

    document_date = None
    if when is not None:
        try:
            document_date = date.fromisoformat(when)
        except ValueError:
            raise UserError(f"--date {when!r}: use YYYY-MM-DD") from None
    text, encoding = read_text(file)
    if encoding is not None:
        click.echo(f"note: {file} is not UTF-8; read as {encoding}", err=True)
    resolver = None if registry is False else registry_resolver(required=registry is True)
    result = run_extract(text, document_date=document_date, language=lang, resolver=resolver)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    _print_summary(result.to_dict(), file)


def _print_summary(data: dict[str, object], file: Path) -> None:
    from rich.console import Console

    console = Console()
    document = data["document"]
    assert isinstance(document, dict)
    console.print(f"[bold]{file.name}[/bold]: language {document['language']}, date {document['date'] or 'unknown'}")
    people = data["persons"]
    assert isinstance(people, list)
    person_columns = ("name", "Łacinka", "status", "roles", "memberships, honours", "mentions", "conf.", "registry")
    person_rows = [
        [
            p["name"],
            p["name_latin"],
            str(p["status"]),
            ", ".join(p["roles"]),
            "; ".join([f"{m['role']} of {m['organization']}" for m in p["memberships"]] + list(p["honours"])),
            str(len(p["mentions"])),
            f"{p['confidence']:.2f}",
            "" if p["person_id"] is None else f"#{p['person_id']}",
        ]
        for p in people
    ]
    console.print(_table("Persons", person_columns, person_rows))
    found = data["events"]
    assert isinstance(found, list)
    event_columns = ("type", "date", "count", "foreign", "destinations", "persons", "term", "article")
    event_rows = [
        [
            e["type"],
            str(e["date"] or ""),
            str(e["count"] or ""),
            str(e["foreign_nationals"] or ""),
            " ".join(e["destinations"]),
            ", ".join(e["persons"]),
            "" if e["term_months"] is None else f"{e['term_months']} months",
            str(e["article"] or ""),
        ]
        for e in found
    ]
    console.print(_table("Events", event_columns, event_rows))


def _table(title: str, columns: tuple[str, ...], rows: list[list[str]]) -> Table:
    from rich.table import Table

    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    return table


@extract.command("eval")
@level_option(
    "--level", default="confidential", help="Score only the sources and claims an audience of this level may see."
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--fresh", is_flag=True, help="Compute again even when cached figures are still valid.")
def extract_eval(level: str, as_json: bool, fresh: bool) -> None:
    """Score the extractor against the claims editors decided: accepted (as proposed or edited)
    claims are facts it should propose, rejected ones proposals it should no longer make. The
    extractor reads every source with decided claims again; figures per claim kind and per
    language (recall of the facts, precision on decided proposals, share of rejections avoided)."""
    setup_django()
    from letapis.review.evaluation import extraction_figures

    figures = extraction_figures(_audience(level), use_cache=not fresh)
    if as_json:
        click.echo(json.dumps(figures.to_dict(), ensure_ascii=False, indent=2))
        return
    _print_figures(figures)


def _audience(level: str) -> Any:
    """A stand-in reader of ``level``: None (the public), a team member, or the operator."""
    if level == "public":
        return None
    from letapis.accounts.models import User

    return User(username="cli", is_active=True, sees_confidential=level == "confidential")


def _figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _print_figures(figures: Any) -> None:
    click.echo(
        f"extractor {figures.extractor}: {figures.sources} sources, {figures.claims} decided claims "
        f"(audience: {figures.tier})"
    )
    if figures.claims == 0:
        click.echo("No decided claims yet: accept or reject some with `letapis review` first.")
        return
    rows = [("all", kind, tally) for kind, tally in figures.by_kind.items()]
    rows.append(("all", "total", figures.total))
    for lang, kinds in sorted(figures.by_language.items()):
        rows += [(lang, kind, tally) for kind, tally in kinds.items() if tally.accepted or tally.rejected]
    # accepted facts (edited before accepting), found again, recall; rejected proposals, made again, precision
    line = "{:<5} {:<11} {:>8} {:>6} {:>6} {:>7} {:>8} {:>6} {:>9}"
    click.echo(line.format("lang", "kind", "accepted", "edited", "found", "recall", "rejected", "again", "precision"))
    for lang, kind, tally in rows:
        click.echo(
            line.format(
                lang,
                kind,
                tally.accepted,
                tally.edited,
                tally.found,
                _figure(tally.recall),
                tally.rejected,
                tally.repeated,
                _figure(tally.precision),
            )
        )
