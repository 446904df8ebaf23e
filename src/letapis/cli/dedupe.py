"""``letapis dedupe --report`` and ``letapis merge``: one person, one record.

- ``letapis dedupe --report`` — pairs of persons that are likely one, with scores and why
  (:func:`letapis.registry.dedupe.duplicate_pairs`); changes nothing;
- ``letapis merge KEEP OTHER`` — merge OTHER into KEEP (:func:`letapis.registry.services.merge.do_merge_persons`);
- ``letapis merge --undo MERGE_ID`` — undo a merge exactly (:func:`letapis.registry.services.merge.do_unmerge_persons`).
"""

from __future__ import annotations

import json
from typing import Any

import click

from letapis import names as names_core
from letapis.cli import UserError, main, setup_django


@main.command()
@click.option("--report", is_flag=True, help="Print the report (required: this command never changes anything).")
@click.option(
    "--min-score",
    default=names_core.MATCH_THRESHOLD,
    show_default=True,
    type=click.FloatRange(0.0, 1.0),
    help="Leave out pairs that score lower.",
)
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1), help="At most this many pairs.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def dedupe(report: bool, min_score: float, limit: int, as_json: bool) -> None:
    """Pairs of persons in the registry that are likely one person, best first, with why.

    Persons are compared only when they share a name key (surname with given name or initial, in
    any script), so the report scales to a large registry. Each pair ends with the command that
    merges it; check the records first. Persons already merged into another are left out.

    Example: letapis dedupe --report --min-score 0.9
    """
    if not report:
        raise UserError("letapis dedupe only reports: add --report (merge a pair with letapis merge KEEP OTHER)")
    setup_django()
    from letapis.access import levels_for, visible_persons
    from letapis.cli.registry import cli_operator
    from letapis.registry.dedupe import duplicate_pairs

    operator = cli_operator()
    found = duplicate_pairs(persons=visible_persons(operator), min_score=min_score, levels=levels_for(operator))
    pairs = found.pairs[:limit]
    if as_json:
        payload: dict[str, Any] = {
            "persons": found.persons,
            "compared": found.compared,
            "skipped_blocks": [{"key": k, "persons": n} for k, n in found.skipped_blocks],
            "pairs": [
                {
                    "first": {"id": p.first.pk, "name": p.first.display_name, "matched_name": p.first_name},
                    "second": {"id": p.second.pk, "name": p.second.display_name, "matched_name": p.second_name},
                    "score": p.score,
                    "reason": [line.strip() for line in p.reason.splitlines()[1:]],
                    "warnings": list(p.warnings),
                }
                for p in pairs
            ],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    click.echo(
        f"{len(found.pairs)} likely duplicate pair(s) with score >= {min_score} among {found.persons} persons "
        f"({found.compared} pairs compared)" + (f"; showing {len(pairs)}" if len(pairs) < len(found.pairs) else "")
    )
    for p in pairs:
        click.echo("")
        click.echo(f"{p.score:.3f}  #{p.first.pk} {p.first.display_name}  ~  #{p.second.pk} {p.second.display_name}")
        click.echo(f"       names: {p.first_name!r} ~ {p.second_name!r}")
        for line in p.reason.splitlines()[1:]:
            click.echo(f"       {line.strip()}")
        for warning in p.warnings:
            click.echo(f"       warning: {warning}")
        click.echo(f"       merge: letapis merge {p.first.pk} {p.second.pk}")
    for key, size in found.skipped_blocks:
        click.echo(f"not compared: {size} persons share the key {key!r} (too common to compare pairwise)")


def _person(value: str) -> Any:
    from letapis.access import levels_for
    from letapis.cli.registry import cli_operator
    from letapis.registry.models import Person

    if not value.isdigit():
        raise UserError(f"{value!r} is not a person id: give the numbers shown by letapis dedupe --report")
    person = Person.objects.filter(pk=int(value), confidentiality__in=levels_for(cli_operator())).first()
    if person is None:  # the same answer for a person the operator may not see
        raise UserError(f"no person with id {value}")
    return person


@main.command()
@click.argument("keep", required=False)
@click.argument("other", required=False)
@click.option("--undo", "undo", metavar="MERGE_ID", type=int, help="Undo the merge MERGE_ID exactly.")
def merge(keep: str | None, other: str | None, undo: int | None) -> None:
    """Merge person OTHER into person KEEP (ids), or undo a merge.

    KEEP gets every name of OTHER and every occupation, honour, membership, external id,
    involvement (so every event), criminal case, note and claim; KEEP becomes as confidential as
    the stricter of the two and publishable only if both were. OTHER stays, marked as merged
    into KEEP, and is left out of lists and searches. The merge is written to the audit log;
    its id undoes it: letapis merge --undo MERGE_ID.
    """
    setup_django()
    from letapis.cli.registry import cli_operator
    from letapis.registry.services import ServiceError
    from letapis.registry.services.merge import do_merge_persons, do_unmerge_persons

    try:
        if undo is not None:
            if keep is not None or other is not None:
                raise UserError("give either KEEP OTHER or --undo MERGE_ID, not both")
            result = do_unmerge_persons(cli_operator(), undo)
            click.echo(
                f"Merge {undo} undone (audit entry {result.merge_id}): #{result.other.pk} "
                f"{result.other.display_name} is its own record again."
            )
            click.echo(
                f"  names removed from #{result.keep.pk}: {-result.names_added}; moved back: "
                + (", ".join(f"{n} {k.replace('_', ' ')}" for k, n in result.moved.items() if n > 0) or "nothing")
            )
        else:
            if keep is None or other is None:
                raise UserError("give KEEP and OTHER (person ids), e.g. letapis merge 12 40; or --undo MERGE_ID")
            result = do_merge_persons(cli_operator(), _person(keep), _person(other))
            click.echo(
                f"Merged #{result.other.pk} {result.other.display_name} into #{result.keep.pk} "
                f"{result.keep.display_name}: merge {result.merge_id}."
            )
            click.echo(f"  {result.summary()}")
            for field, (was, now) in result.keep_changes.items():
                click.echo(f"  #{result.keep.pk} {field}: {was!r} → {now!r}")
            if {"confidentiality", "publishable"} & set(result.keep_changes):
                click.echo(
                    f"  access of #{result.keep.pk} narrowed to the stricter of the two records: "
                    "widen it again only if that is safe"
                )
            click.echo(f"  undo with: letapis merge --undo {result.merge_id}")
    except ServiceError as exc:
        raise UserError(str(exc)) from exc
