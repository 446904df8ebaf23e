"""The custody record of a source on the command line.

    letapis custody SOURCE_ID [--pdf FILE] [--json]

The same record as the page ``/sources/<id>/custody/`` (:mod:`letapis.custody.record`): the
original with its hash, how and from whom it came, each derived file with its hash and what
made it, each export, publication and download, the camera metadata. Hashes are printed in
full. Like the page, it is the team's: with ``LETAPIS_CLI_PUBLIC=1`` no source has one.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from letapis.cli import UserError, main, setup_django
from letapis.cli.registry import cli_operator


@main.command()
@click.argument("source_id", type=click.IntRange(1))
@click.option(
    "--pdf", "pdf", type=click.Path(dir_okay=False, path_type=Path), help="Also write the record as PDF here."
)
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON.")
def custody(source_id: int, pdf: Path | None, as_json: bool) -> None:
    """Print a source's chain of custody: the original and its hash, who brought it in, how and
    from whom, every derived file with its hash and tool, every export, publication and download.

    Example: letapis custody 12 --pdf custody-12.pdf
    """
    setup_django()
    from rich.console import Console
    from rich.table import Table

    from letapis import access
    from letapis.audit.reads import record_read
    from letapis.custody.record import action_label, custody_record, record_pdf

    user = cli_operator()
    source = access.custody_sources(user).filter(pk=source_id).first()
    if source is None:
        raise UserError(f"no source {source_id}")
    record_read(user, source, "cli")
    record = custody_record(source)
    if pdf is not None:
        pdf.parent.mkdir(parents=True, exist_ok=True)
        pdf.write_bytes(record_pdf(record))
    if as_json:
        data = {k: v for k, v in asdict(record).items() if k not in ("source", "exif")}
        data["original"] = {
            "id": source.pk,
            "title": str(source),
            "filename": source.filename,
            "sha256": source.sha256,
            "size": source.size,
            "media_type": source.media_type,
            "confidentiality": source.confidentiality,
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    console = Console(width=max(Console().width, 150), soft_wrap=False)
    console.print(f"[bold]Custody record of source {source.pk}[/bold]: {source}", highlight=False)
    original = Table(show_header=False, box=None, title="The original (evidentiary copy)", title_justify="left")
    for label, value in (
        ("File name", source.filename),
        ("SHA-256", source.sha256),
        ("Size", f"{source.size:,} bytes"),
        ("Media type", source.media_type),
        ("Confidentiality", source.confidentiality),
    ):
        original.add_row(label, value)
    console.print(original)
    received = Table("When", "By", "How", "From whom", "File name", title="Received", title_justify="left")
    for r in record.received:
        received.add_row(r.at, r.by, r.how or "—", r.origin or "—", r.filename)
    console.print(received)
    if record.exif:
        exif = Table(show_header=False, box=None, title="Camera metadata of the original", title_justify="left")
        for label, value in (
            ("Taken", record.exif.datetime),
            ("Device", record.exif.device),
            ("Software", record.exif.software),
            ("GPS", record.exif.gps),
        ):
            if value:
                exif.add_row(label, value)
        console.print(exif)
    derived = Table(
        "Kind", "Page", "Size", "SHA-256 / made from", "Tool", "Made", title="Derived files", title_justify="left"
    )
    for d in record.derived:
        derived.add_row(
            d.kind, str(d.page or "—"), f"{d.size:,}", f"{d.sha256}\n{d.from_sha256}", d.tool, f"{d.at}\n{d.by}"
        )
    console.print(derived)
    releases = Table(
        "What", "When", "By", "How", "Detail", title="Exports, publications and downloads", title_justify="left"
    )
    for release in record.releases:
        releases.add_row(
            str(action_label(release.action)),
            release.at,
            release.by,
            release.how,
            f"{release.what}\n{release.sha256}".strip(),
        )
    console.print(releases)
    if pdf is not None:
        console.print(f"Wrote the record to {pdf}.")
