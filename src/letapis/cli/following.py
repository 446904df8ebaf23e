"""Following each case: the watch lists.

    letapis following list due|overdue|silent|birthdays [--days N] [--on DATE] [--csv|--json] [--public]

The command line runs as the server's operator (internal and confidential records included)
unless ``--public`` (or ``LETAPIS_CLI_PUBLIC=1``) restricts it to what may be published.
"""

from __future__ import annotations

import json

import click

from letapis.cli import main, setup_django
from letapis.cli.registry import cli_operator, parse_day

LISTS = ("due", "overdue", "silent", "birthdays")  # letapis.following.watch.LISTS, without Django


@main.group()
def following() -> None:
    """Following each case: watch lists of who is due for release, overdue, silent, or has a birthday."""


@following.command("list")
@click.argument("name", metavar="LIST", type=click.Choice(LISTS))
@click.option(
    "--days",
    type=click.IntRange(0, 3650),
    help="N: due within N days (default 30), overdue by more than N days (default 0), silent for more than "
    "N days (default LETAPIS_SILENT_DAYS, 60), birthdays within N days (default 30).",
)
@click.option("--on", "on", metavar="DATE", help="The day (YYYY-MM-DD); default today.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV (every row, with the place and the deciding source).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: every row with its events and sources.")
@click.option("--public", is_flag=True, help="Only what may be published: public records of publishable persons.")
def list_command(name: str, days: int | None, on: str | None, as_csv: bool, as_json: bool, public: bool) -> None:
    """The watch list LIST on a day: due (the term may end within N days), overdue (the term
    ended, no release recorded), silent (no contact recorded for more than N days) or birthdays
    (public persons with a full birth date, birthday within N days)."""
    setup_django()
    from letapis.following import watch

    day = parse_day(on) if on is not None else watch.today()
    user = None if public else cli_operator()
    rows = watch.watch_list(name, day, user, days)
    entries = list(rows)
    if as_csv:
        click.echo(watch.to_csv(entries), nl=False)
        return
    if as_json:
        payload = {"list": name, "on": day.isoformat(), "days": rows.days, "count": len(entries), "persons": entries}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    middle = {
        "due": ("ends", "days left"),
        "overdue": ("ended", "days overdue"),
        "silent": ("last contact", "days silent"),
        "birthdays": ("birthday", "age"),
    }[name]
    table = Table(title=f"{name} on {day.isoformat()} (N={rows.days}): {len(entries)}")
    for column in ("id", "name", *middle, "place", "source"):
        table.add_column(column)
    for e in entries:
        if name in ("due", "overdue"):
            ends = e["end_earliest"] or "?"
            if e["end_latest"] != e["end_earliest"]:
                ends += f" … {e['end_latest'] or '?'}"
            cells = (ends, str(e["days"]))
        elif name == "silent":
            cells = (e["last_contact"] or "none recorded", str(e["days"]))
        else:
            cells = (e["birthday"] or "", "" if e["age"] is None else str(e["age"]))
        place = "—" if e["place"] is None else e["place"]["name"]
        source = e["sources"][0]["title"] if e["sources"] else "—"
        table.add_row(str(e["id"]), e["name"], *cells, place, source)
    Console().print(table)
