"""What monitors publish: statistics, reports, statement drafts, imports, exports, the static site.

    letapis stats [--on DATE] [--json] [--public]
    letapis report statement EVENT [--lang en|be|ru] [--json] [--public] [--out FILE.md|FILE.pdf]
    letapis report monitoring --from DATE --to DATE [--lang …] [--format html|pdf|md] [--out FILE]
    letapis export csv|xlsx|json|ftm --out FILE [--list held] [--on DATE] [--occupation C] [--lang be] [--public]
    letapis import FILE [--mapping M] [--commit] [--save-mapping M]
    letapis publish --out DIR

The command line runs as the server's operator (internal and confidential records included)
unless ``--public`` (or ``LETAPIS_CLI_PUBLIC=1``) restricts it to what may be published.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import click

from letapis.cli import UserError, main, setup_django
from letapis.cli.registry import cli_operator, parse_day

LANG = click.Choice(["en", "be", "ru"])


def report_user(public: bool) -> Any:
    return None if public else cli_operator()


@main.command()
@click.option("--on", "on", metavar="DATE", help="The day (YYYY-MM-DD); default today.")
@click.option("--public", is_flag=True, help="Only what may be published: public records of publishable persons.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON, with the ids of the persons behind each number.")
def stats(on: str | None, public: bool, as_json: bool) -> None:
    """Those held on a day and their breakdowns (occupation, organisation, gender, nationality,
    place, article, sentence length, time served)."""
    day = parse_day(on)
    setup_django()
    from letapis.reports import stats as st

    user = report_user(public)
    held = st.held_count(day, user)
    groups = {by: st.breakdown(day, user, by) for by in st.BREAKDOWNS}
    groups["time_served"] = st.time_served_buckets(day, user)
    if as_json:
        payload = {
            "on": day.isoformat(),
            "held": asdict(held),
            "breakdowns": {k: [asdict(s) for s in v] for k, v in groups.items()},
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    from letapis.registry.queries import names_in
    from letapis.reports.monitoring import stat_label

    names = names_in({p for rows in groups.values() for s in rows for p in s.person_ids}, "en", user)
    click.echo(f"Held on {day.isoformat()}: {held.count}")
    for by, rows in groups.items():
        click.echo(f"\nby {by.replace('_', ' ')}:")
        for stat in rows:
            persons = ", ".join(names[p] for p in stat.person_ids)
            click.echo(f"  {stat_label(stat, 'en')}: {stat.count}  ({persons})")


@main.group()
def report() -> None:
    """Monitoring reports and statement drafts."""


@report.command()
@click.argument("event")
@click.option("--lang", type=LANG, default="en", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON: each sentence with the records and claims it uses.")
@click.option("--public", is_flag=True, help="Only public records of publishable persons.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the draft to FILE instead: a PDF when it ends in .pdf, else Markdown.",
)
def statement(event: str, lang: str, as_json: bool, public: bool, out: Path | None) -> None:
    """Draft the fact paragraphs of a statement about EVENT (an id or TYPE:DATE, e.g.
    release:2025-12-13): each sentence with numbered notes quoting its sources. A monitor
    edits it before use."""
    setup_django()
    from letapis.reports.statement import StatementError, draft_statement, resolve_event, to_markdown, to_pdf

    user = report_user(public)
    try:
        draft = draft_statement(resolve_event(event, user), lang, user)
    except StatementError as exc:
        raise UserError(str(exc)) from exc
    if out is not None:
        if out.suffix.lower() == ".pdf":
            out.write_bytes(to_pdf(draft))
        else:
            out.write_text(to_markdown(draft), encoding="utf-8")
        click.echo(f"Wrote {out}.")
    elif as_json:
        click.echo(json.dumps(draft.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(to_markdown(draft), nl=False)


@report.command()
@click.option("--from", "start", required=True, metavar="DATE", help="First day of the period (YYYY-MM-DD).")
@click.option("--to", "end", required=True, metavar="DATE", help="Last day of the period (YYYY-MM-DD).")
@click.option("--lang", type=LANG, default="en", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["html", "pdf", "md"]), default="html", show_default=True)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output; required for pdf).",
)
@click.option("--public", is_flag=True, help="Only public records of publishable persons.")
def monitoring(start: str, end: str, lang: str, fmt: str, out: Path | None, public: bool) -> None:
    """The monitoring report for a period: numbers, charts, the events with their persons and
    sources, and the list of those held at the end."""
    first, last = parse_day(start), parse_day(end)
    if last < first:
        raise UserError("--to is before --from")
    if fmt == "pdf" and out is None:
        raise UserError("a PDF needs --out FILE")
    setup_django()
    from letapis.reports.monitoring import build_report, render

    began = time.perf_counter()
    data = build_report(first, last, lang, report_user(public))
    content = render(data, fmt)
    if out is None:
        assert isinstance(content, str)
        click.echo(content, nl=False)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        out.write_bytes(content)
    else:
        out.write_text(content, encoding="utf-8")
    click.echo(f"Wrote {out} ({out.stat().st_size} bytes, {time.perf_counter() - began:.2f} s).", err=True)


def _day_or_none(value: str | None) -> date | None:
    return None if value is None else parse_day(value)


@main.command(name="export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(["csv", "xlsx", "json", "ftm"]))
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="File to write.")
@click.option(
    "--list",
    "which",
    type=click.Choice(["persons", "held"]),
    default="persons",
    show_default=True,
    help="For csv/xlsx: every person, or those held on --on.",
)
@click.option("--on", "on", metavar="DATE", help="Status as of this day (YYYY-MM-DD); default today.")
@click.option("--occupation", metavar="CODE", help="For csv/xlsx: only this occupation (a code or a label).")
@click.option("--organisation", metavar="ID", help="For csv/xlsx: only members of this organisation (its id).")
@click.option("--place", metavar="ID", help="For csv/xlsx: only persons with an event at this place (its id).")
@click.option("--lang", type=LANG, default="en", show_default=True, help="The language of the labels beside codes.")
@click.option("--public", is_flag=True, help="Only public records of publishable persons.")
def export_command(
    fmt: str,
    out: Path,
    which: str,
    on: str | None,
    occupation: str | None,
    organisation: str | None,
    place: str | None,
    lang: str,
    public: bool,
) -> None:
    """Export a list as CSV or XLSX (labels beside codes, typed cells, a sources column, the
    persons list's filters), the registry as JSON, or FollowTheMoney entities (one JSON per
    line, for Aleph and OpenSanctions tools), as the caller may see it."""
    parse_day(on)
    setup_django()
    from letapis.reports import exports

    user = report_user(public)
    given = {"list": which, "on": on, "occupation": occupation, "organisation": organisation, "place": place}
    if fmt in ("json", "ftm") and any(v for k, v in given.items() if k != "on" and v not in (None, "persons")):
        raise UserError(f"{fmt} holds the whole registry: the list and its filters apply to csv and xlsx")
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt in ("csv", "xlsx"):
        try:
            filters, day = exports.read_filters(given)
            rows = exports.filtered_rows(user, filters, day, lang)
        except exports.ExportError as exc:
            raise UserError(str(exc)) from exc
        columns = exports.columns_of(rows, user)
        if fmt == "csv":
            out.write_text(exports.to_csv(rows, columns), encoding="utf-8-sig")
        else:
            out.write_bytes(exports.to_xlsx(rows, columns, which))
        click.echo(f"Wrote {len(rows)} persons to {out}.")
    elif fmt == "json":
        made = exports.do_export_registry(cli_operator(), user, "json", how="cli", indent=1)
        out.write_bytes(made.body)
        click.echo(f"Wrote the registry ({made.counts['persons']} persons, {made.counts['events']} events) to {out}.")
    else:
        made = exports.do_export_registry(cli_operator(), user, "ftm", how="cli")
        out.write_bytes(made.body)
        click.echo(f"Wrote {made.counts['entities']} FollowTheMoney entities to {out}.")


@main.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--mapping",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Column mapping (YAML/JSON); default: Letapis' own export columns.",
)
@click.option("--commit", is_flag=True, help="Write to the registry (default: a dry run that writes nothing).")
@click.option(
    "--save-mapping",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Save the mapping used to this file, for the next import.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def import_command(file: Path, mapping: Path | None, commit: bool, save_mapping: Path | None, as_json: bool) -> None:
    """Import a list (CSV or XLSX): a dry run reports new persons, matches (with the names core's
    reasons) and conflicts; --commit creates them, with the file as their source. Rows are
    matched against the persons the operator may see (with LETAPIS_CLI_PUBLIC=1: the published
    ones only)."""
    setup_django()
    from letapis.reports.imports import ImportError_, Mapping, report_json, report_text, run_import

    try:
        chosen = Mapping.default() if mapping is None else Mapping.load(mapping)
        report = run_import(file.read_bytes(), file.name, chosen, commit=commit, actor=cli_operator())
    except ImportError_ as exc:
        raise UserError(str(exc)) from exc
    if save_mapping is not None:
        save_mapping.write_text(chosen.dump(), encoding="utf-8")
    click.echo(report_json(report) if as_json else report_text(report), nl=not as_json)


@main.command()
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to build the site in (an existing Letapis site there is replaced).",
)
@click.option("--on", "on", metavar="DATE", help="The day the site describes (YYYY-MM-DD); default today.")
def publish(out: Path, on: str | None) -> None:
    """Build the static public site (HTML, charts, JSON) from public records of publishable
    persons only, to host anywhere or open from disk."""
    day = parse_day(on)
    setup_django()
    from letapis.reports.publish import publish as build_site

    began = time.perf_counter()
    try:
        counts = build_site(out, day, actor=cli_operator(), how="cli")
    except FileExistsError as exc:
        raise UserError(str(exc)) from exc
    click.echo(
        f"Built {counts['pages']} pages ({counts['held']} held on {day.isoformat()}) in {out} "
        f"({time.perf_counter() - began:.1f} s). Open {out / 'index.html'}."
    )
