"""``letapis search``: rebuild the full-text index, or search it from the shell.

- ``letapis search reindex`` — index every source and claim again
  (:func:`letapis.search.index.do_reindex`): after a bulk import or a restore, which bypass the
  signals that keep the index in step;
- ``letapis search find QUERY`` — what the web page ``/search/`` finds, as the operator sees it.
"""

from __future__ import annotations

import json
import re
from datetime import date

import click

from letapis.cli import UserError, main, setup_django


@main.group()
def search() -> None:
    """Full-text search over sources and claims (see docs/search.md)."""


@search.command()
def reindex() -> None:
    """Index every source and claim again, in one transaction.

    Saving a source or a claim keeps the index in step by itself; bulk writes (an import, a
    restore, a benchmark's registry) do not, and are followed by this command. Audited.

    Example: letapis search reindex
    """
    setup_django()
    from letapis.search.index import do_reindex

    sources, claims = do_reindex(None)
    click.echo(f"indexed {sources} source(s) and {claims} claim(s)")


def _day(value: str | None, what: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(f"{what} must be a day written YYYY-MM-DD, not {value!r}") from None


@search.command()
@click.argument("query")
@click.option("--from", "start", metavar="DAY", help="Sources dated on or after DAY (YYYY-MM-DD).")
@click.option("--to", "end", metavar="DAY", help="Sources dated on or before DAY (YYYY-MM-DD).")
@click.option("--publisher", help="Part of the publisher's name.")
@click.option("--language", help="The source's language code (be, ru, en…).")
@click.option("--kind", type=click.Choice(["source", "claim"]), help="Only sources or only claims.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000), help="At most this many hits.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def find(
    query: str,
    start: str | None,
    end: str | None,
    publisher: str | None,
    language: str | None,
    kind: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """Search sources and claims for QUERY, best first, with snippets.

    Words are ANDed; OR between two words; "a phrase"; -word excludes; word* is a prefix. A word
    in Łacinka or English transliteration finds the Cyrillic text (Bialacki → Бяляцкі). The
    CLI sees what the operator sees (LETAPIS_CLI_PUBLIC=1: the public's view).

    Example: letapis search find 'Nobel' --language be
    """
    setup_django()
    from letapis.cli.registry import cli_operator
    from letapis.search.query import Filters
    from letapis.search.query import search as run
    from letapis.search.text import QueryError

    filters = Filters(
        start=_day(start, "--from"), end=_day(end, "--to"), publisher=publisher, language=language, kind=kind
    )
    try:
        results = run(cli_operator(), query, filters, limit=limit)
    except QueryError as exc:
        raise UserError(str(exc)) from exc
    plain = [re.sub(r"</?mark>", "**", h.snippet) for h in results.hits]
    if as_json:
        payload = {
            "count": results.count,
            "hits": [
                {
                    "kind": h.kind,
                    "source": h.source.pk,
                    "claim": None if h.claim is None else h.claim.pk,
                    "title": h.source.title,
                    "snippet": h.snippet,
                    "persons": [{"id": p.pk, "name": p.display_name} for p in h.persons],
                }
                for h in results.hits
            ],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    click.echo(
        f"{results.count} hit(s)" + (f"; showing {len(results.hits)}" if len(results.hits) < results.count else "")
    )
    for hit, text in zip(results.hits, plain, strict=True):
        where = f"source {hit.source.pk}" + (f", claim {hit.claim.pk}" if hit.claim is not None else "")
        click.echo("")
        click.echo(f"{where}: {hit.source.title or hit.source.filename} ({hit.source.date or 'no date'})")
        click.echo(f"  {text}")
        if hit.persons:
            click.echo("  names: " + ", ".join(f"{p.display_name} (#{p.pk})" for p in hit.persons))
