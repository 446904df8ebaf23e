"""Developer commands (``letapis dev …``): a synthetic registry for measuring, and status-span
maintenance."""

from __future__ import annotations

from collections.abc import Callable

import click

from letapis.cli import UserError, main, setup_django


def _rebuild(rebuild: bool, rebuild_all: Callable[[], int], what: str) -> None:
    """Run ``rebuild_all`` in one transaction and say how many ``what`` it rebuilt, in how long."""
    import time

    from django.db import transaction

    if not rebuild:
        raise UserError("say --rebuild")
    started = time.monotonic()
    with transaction.atomic():
        count = rebuild_all()
    click.echo(f"Rebuilt {count} {what} in {time.monotonic() - started:.1f} s.")


@main.group()
def dev() -> None:
    """Developer tools: a synthetic registry for benchmarks, status-span and follow-up maintenance."""


@dev.command()
@click.option("--persons", type=click.IntRange(1, 10_000_000), required=True, help="How many persons.")
@click.option("--events", type=click.IntRange(0, 100_000_000), required=True, help="About how many events.")
@click.option("--seed", type=int, default=1, show_default=True, help="The same seed gives the same registry.")
@click.option("--force", is_flag=True, help="Write even into a registry that already holds persons.")
@click.option("--no-migrate", is_flag=True, help="Do not create or update the tables first.")
def synth(persons: int, events: int, seed: int, force: bool, no_migrate: bool) -> None:
    """Fill the database with an invented registry (persons with names in every form, their
    detentions, sentences, transfers, releases, expulsions, re-arrests over 2010–2026, sources
    and claims). Every record is marked synthetic; refuses a registry holding real persons."""
    setup_django()
    from django.core.management import call_command

    from letapis.registry.synth import SynthError, generate

    if not no_migrate:
        call_command("migrate", interactive=False, verbosity=0)
    try:
        result = generate(persons, events, seed=seed, force=force, progress=lambda line: click.echo(line, err=True))
    except SynthError as exc:
        raise UserError(str(exc)) from exc
    s = result.seconds
    click.echo(
        f"Synthetic registry: {result.persons} persons, {result.names} names ({result.name_keys} name keys), "
        f"{result.events} events, {result.involvements} involvements, {result.cases} criminal cases, "
        f"{result.sources} sources, {result.claims} claims, {result.spans} status spans, "
        f"{result.follow_ups} follow-ups."
    )
    click.echo(
        f"Time: {s['total']:.1f} s (set-up {s['setup']:.1f} s, rows {s['rows']:.1f} s, spans {s['spans']:.1f} s, "
        f"follow-ups {s.get('follow_ups', 0.0):.1f} s)."
    )


@dev.command()
@click.option("--rebuild", is_flag=True, required=True, help="Recompute every person's status spans from the events.")
def spans(rebuild: bool) -> None:
    """Rebuild the status spans (the cached status intervals) from the events."""
    setup_django()
    from letapis.registry.spans import rebuild_all_spans

    _rebuild(rebuild, rebuild_all_spans, "status spans")


@dev.command("follow-ups")
@click.option("--rebuild", is_flag=True, required=True, help="Recompute every person's follow-ups from the records.")
def follow_ups(rebuild: bool) -> None:
    """Rebuild the follow-ups (each person's term, place of detention and last contact per
    audience tier) from the cases, term changes and events."""
    setup_django()
    from letapis.following.refresh import rebuild_all_follow_ups

    _rebuild(rebuild, rebuild_all_follow_ups, "follow-ups")
