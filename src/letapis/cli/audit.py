"""Audit commands: ``letapis audit verify`` and ``letapis audit history TYPE ID``.

``verify`` recomputes the hash chain of the audit log and compares every registry record with
its history (:mod:`letapis.audit.verify`); it exits with status 1 when anything does not fit, so
that a cron job or a monitoring check can alert on it.
"""

from __future__ import annotations

import json
from typing import Any

import click

from letapis.cli import UserError, main, setup_django


@main.group()
def audit() -> None:
    """Check the audit log and show the history of a record."""


@audit.command("verify")
@click.option(
    "--limit", default=50, show_default=True, type=click.IntRange(1, 10_000), help="Stop after this many problems."
)
@click.option("--chain-only", is_flag=True, help="Check only the hash chain, not the records against it.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def verify_command(limit: int, chain_only: bool, as_json: bool) -> None:
    """Recompute the hash chain and compare every registry record with its audit history.

    Prints the number of entries and records checked, the time taken, and the problems found one
    per line (the first entry that does not fit comes first). Exits with status 1 when anything
    does not fit.
    """
    setup_django()
    from letapis.audit.verify import verify

    report = verify(records=not chain_only, limit=limit)
    if as_json:
        data = {
            "ok": report.ok,
            "entries": report.entries,
            "records": report.records,
            "seconds": round(report.seconds, 3),
            "problems": [{"kind": p.kind, "text": p.text} for p in report.problems],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        what = f"{report.entries} audit entries" + ("" if chain_only else f" and {report.records} records")
        click.echo(f"Checked {what} in {report.seconds:.2f} s.")
        if report.ok:
            click.echo("The audit log is intact and every record matches it.")
        else:
            more = " (stopped at the limit)" if len(report.problems) >= limit else ""
            click.echo(f"{len(report.problems)} problems{more}:")
            for problem in report.problems:
                click.echo(f"  {problem.text}")
    if not report.ok:
        raise SystemExit(1)


def _value(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 200 else text[:199] + "…"


def _resolve_type(object_type: str) -> str:
    """``person`` → ``registry.person``; a full ``app.model`` label is kept."""
    from django.apps import apps

    label = object_type.lower()
    if "." in label:
        return label
    found = [m._meta.label_lower for m in apps.get_models() if m._meta.model_name == label]
    if len(found) == 1:
        return found[0]
    if len(found) == 0:
        raise UserError(f"unknown record type {object_type!r}: use e.g. person, event, note or registry.person")
    raise UserError(f"{object_type!r} is ambiguous: use one of {', '.join(sorted(found))}")


@audit.command("history")
@click.argument("object_type", metavar="TYPE")
@click.argument("object_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print the entries as JSON.")
def history_command(object_type: str, object_id: str, as_json: bool) -> None:
    """The history of one record: every audit entry, oldest first, with the fields it changed.

    TYPE is a model name (person, event, note, source, claim…) or a full label (registry.person).
    """
    setup_django()
    from letapis.audit.history import changes
    from letapis.audit.verify import history

    label = _resolve_type(object_type)
    entries = history(label, object_id)
    if len(entries) == 0:
        raise UserError(f"{label} {object_id} has no audit entry")
    if as_json:
        data = [
            {
                "id": e.pk,
                "at": e.at.isoformat(),
                "actor": e.actor_label,
                "action": e.action,
                "changes": [{"field": c.field, "before": c.before, "after": c.after} for c in changes(e)],
                "hash": e.hash,
            }
            for e in entries
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    click.echo(f"{label} {object_id}: {entries[-1].object_repr}  ({len(entries)} entries)")
    for entry in entries:
        click.echo(f"#{entry.pk}  {entry.at:%Y-%m-%d %H:%M:%S}  {entry.actor_label}  {entry.action}")
        for change in changes(entry):
            if change.before is None and entry.before is None:
                click.echo(f"    {change.field} = {_value(change.after)}")
            else:
                click.echo(f"    {change.field}: {_value(change.before)} → {_value(change.after)}")
