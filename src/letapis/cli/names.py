"""``letapis names …``: the names core from the command line (no database needed).

- ``letapis names translit TEXT`` — every form of a name (Łacinka, national, passport, Russian…);
- ``letapis names match A B`` — the score of two names, the decision and why;
- ``letapis names find TEXT`` — the registry's persons whose names match TEXT, with scores and why;
- ``letapis names eval PAIRS.tsv`` — precision, recall and F1 of the matcher on labelled pairs.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from letapis import names as names_core
from letapis.cli import UserError, main, setup_django


@main.group()
def names() -> None:
    """Names in Belarusian, Russian and Latin scripts: forms, matching, evaluation."""


@names.command()
@click.argument("text")
def translit(text: str) -> None:
    """Print every form of the name TEXT, one ``form: value`` per line.

    Example: letapis names translit "Алесь Бяляцкі"
    """
    if text.strip() == "":
        raise UserError('give a name, e.g. letapis names translit "Алесь Бяляцкі"')
    click.echo(f"script: {names_core.detect_script(text)}")
    click.echo(f"language: {names_core.detect_language(text)}")
    for form, value in names_core.all_forms(text).items():
        click.echo(f"{form}: {value}")
    click.echo(f"to_lacinka: {names_core.to_lacinka(text)}")


@names.command()
@click.argument("a")
@click.argument("b")
def match(a: str, b: str) -> None:
    """Score two names A and B, say whether they are the same person and why.

    Exit status 0 either way; the first line is the score and the decision.
    """
    click.echo(str(names_core.why(a, b)))


@names.command()
@click.argument("text")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 200), help="At most this many.")
@click.option(
    "--min-score", default=0.5, show_default=True, type=click.FloatRange(0.0, 1.0), help="Leave out weaker candidates."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def find(text: str, limit: int, min_score: float, as_json: bool) -> None:
    """Persons of the registry whose names match TEXT (any script or form), best first.

    Each candidate is printed with its score, ``match`` (at or above the matcher's threshold) or
    ``possible``, the name of the person that matched best, and why. Persons merged into another
    are not listed; with LETAPIS_CLI_PUBLIC=1 only public, publishable persons are.

    Example: letapis names find "Ales Bialiatski"
    """
    query = " ".join(text.split())
    if query == "":
        raise UserError('give a name, e.g. letapis names find "Ales Bialiatski"')
    if len(query) > names_core.MAX_NAME_LENGTH:
        raise UserError(f"a name is at most {names_core.MAX_NAME_LENGTH} characters ({len(query)} given)")
    setup_django()
    from letapis.access import visible_persons
    from letapis.cli.registry import cli_operator
    from letapis.registry.lookup import find_persons

    candidates = find_persons(query, limit=limit, persons=visible_persons(cli_operator()), min_score=min_score)
    if as_json:
        rows = [
            {
                "id": c.person.pk,
                "name": c.person.display_name,
                "matched_name": c.name,
                "score": c.score,
                "match": c.is_match,
                "reason": c.reason.splitlines()[1:],
            }
            for c in candidates
        ]
        payload = {"query": query, "threshold": names_core.MATCH_THRESHOLD, "candidates": rows}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if len(candidates) == 0:
        click.echo(f"No person in the registry matches {query!r} (score >= {min_score}).")
        return
    for c in candidates:
        decision = "match" if c.is_match else "possible"
        shown = "" if c.name == c.person.display_name else f" (as {c.name!r})"
        click.echo(f"{c.score:.3f} {decision:<8} #{c.person.pk} {c.person.display_name}{shown}")
        for reason in c.reason.splitlines()[1:]:
            click.echo(f"      {reason.strip()}")


def _read_pairs(path: Path) -> list[tuple[str, str, bool]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot read {path}: {exc}") from exc
    pairs: list[tuple[str, str, bool]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() == "" or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 3 or fields[2].strip() not in ("0", "1"):
            raise UserError(f"{path}:{number}: expected name_a<TAB>name_b<TAB>1|0")
        pairs.append((fields[0], fields[1], fields[2].strip() == "1"))
    if len(pairs) == 0:
        raise UserError(f"{path}: no pairs")
    return pairs


@names.command("eval")
@click.argument("pairs", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--show-errors", is_flag=True, help="List the pairs the matcher decides wrongly.")
def eval_(pairs: Path, show_errors: bool) -> None:
    """Precision, recall and F1 of the matcher on labelled PAIRS.

    PAIRS is a TSV file of lines ``name_a<TAB>name_b<TAB>1|0`` (1: same person); further
    columns and lines starting with # are ignored. The last line printed is
    ``precision=… recall=… f1=…``.
    """
    rows = _read_pairs(pairs)
    tp = fp = fn = tn = 0
    errors: list[str] = []
    for a, b, same in rows:
        explanation = names_core.why(a, b)
        decided = explanation.decision
        if decided and same:
            tp += 1
        elif decided and not same:
            fp += 1
            errors.append(f"false match  {explanation.score:.3f}  {a} | {b}")
        elif same:
            fn += 1
            errors.append(f"missed match {explanation.score:.3f}  {a} | {b}")
        else:
            tn += 1
    precision = tp / (tp + fp) if tp + fp > 0 else 1.0
    recall = tp / (tp + fn) if tp + fn > 0 else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    if show_errors:
        for line in errors:
            click.echo(line)
    click.echo(f"pairs={len(rows)} tp={tp} fp={fp} fn={fn} tn={tn} threshold={names_core.MATCH_THRESHOLD}")
    click.echo(f"precision={precision:.4f} recall={recall:.4f} f1={f1:.4f}")
