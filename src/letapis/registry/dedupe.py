"""Likely duplicate persons in the registry, for ``letapis dedupe --report``.

Comparing every person with every other is n² (5·10⁹ pairs at 100,000 persons). Instead the
database groups the stored blocking keys (:class:`~letapis.registry.models.NameKey`) of the tight
kinds — ``p:`` surname skeleton with given-name family, ``i:`` surname skeleton with the given
name's initial (see :mod:`letapis.names.index`) — and returns only the keys that two or more
persons share. Only the persons of one such block are compared, each pair once, by the best score
of their names (:func:`letapis.names.why`). A block of more than ``max_block`` persons (a very
common name written with initials only) is skipped and counted, never compared pairwise.

Nothing is changed: merging is :func:`letapis.registry.services.merge.do_merge_persons`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations

from django.db.models import Count, Q, QuerySet

from letapis import names as names_core
from letapis.names.match import compare_parsed
from letapis.names.parse import InvalidName, ParsedName, readings
from letapis.registry.models import NameKey, NameVariant, Person

#: Blocks with more persons than this are not compared pairwise (counted in the report).
MAX_BLOCK = 50

#: Keys are read and pairs compared in chunks of this many (bounded memory, bounded query size).
CHUNK = 500


@dataclass(frozen=True)
class DuplicatePair:
    """Two persons that are likely one, the names that matched best, and why."""

    first: Person
    second: Person
    score: float
    first_name: str
    second_name: str
    reason: str
    warnings: tuple[str, ...] = ()


@dataclass
class DuplicateReport:
    pairs: list[DuplicatePair] = field(default_factory=list)
    persons: int = 0
    blocks: int = 0
    compared: int = 0
    skipped_blocks: list[tuple[str, int]] = field(default_factory=list)


def _shared_keys(scope: QuerySet[Person], keys_of: QuerySet[NameKey]) -> Iterator[list[str]]:
    """The tight keys (of ``keys_of``) two or more persons of ``scope`` share, a chunk at a time."""
    shared = (
        keys_of.filter(Q(key__startswith="p:") | Q(key__startswith="i:"), person__in=scope)
        .values("key")
        .annotate(n=Count("person", distinct=True))
        .filter(n__gt=1)
        .order_by("key")
        .values_list("key", "n")
    )
    chunk: list[str] = []
    for key, _n in shared.iterator(chunk_size=CHUNK):
        chunk.append(key)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _warnings(a: Person, b: Person) -> tuple[str, ...]:
    """Facts of the records that speak against one person (shown, not scored)."""
    out: list[str] = []
    if a.birth_date != "" and b.birth_date != "" and a.birth_date[:4] != b.birth_date[:4]:
        out.append(f"birth dates differ: {a.birth_date} / {b.birth_date}")
    if a.gender != "" and b.gender != "" and a.gender != b.gender:
        out.append(f"genders differ: {a.gender} / {b.gender}")
    return tuple(out)


def duplicate_pairs(
    *,
    persons: QuerySet[Person] | None = None,
    min_score: float = names_core.MATCH_THRESHOLD,
    max_block: int = MAX_BLOCK,
    levels: tuple[str, ...] | None = None,
) -> DuplicateReport:
    """Pairs of persons (not merged into another; of ``persons`` when given) whose names score
    at least ``min_score``, best first — compared on the name forms of ``levels`` only (default:
    every level), so a caller's report is what it would be without the forms they may not see."""
    scope = Person.objects.filter(merged_into__isnull=True) if persons is None else persons
    keys_of = NameKey.objects.all()
    variants = NameVariant.objects.all()
    if levels is not None:
        keys_of = keys_of.filter(variant__confidentiality__in=levels)
        variants = variants.filter(confidentiality__in=levels)
    report = DuplicateReport(persons=scope.count())
    candidates: set[tuple[int, int]] = set()
    for keys in _shared_keys(scope, keys_of):
        blocks: dict[str, set[int]] = defaultdict(set)
        for key, person_id in keys_of.filter(key__in=keys, person__in=scope).values_list("key", "person_id"):
            blocks[key].add(person_id)
        for key, members in blocks.items():
            if len(members) < 2:
                continue
            report.blocks += 1
            if len(members) > max_block:
                report.skipped_blocks.append((key, len(members)))
                continue
            candidates.update(combinations(sorted(members), 2))
    report.compared = len(candidates)
    ordered = sorted(candidates)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        ids = {pid for pair in chunk for pid in pair}
        names: dict[int, list[tuple[str, tuple[ParsedName, ...]]]] = defaultdict(list)
        for person_id, text in variants.filter(person_id__in=ids).values_list("person_id", "text"):
            try:
                names[person_id].append((text, readings(text)))  # parsed once per name, not per pair
            except InvalidName:
                continue
        people = Person.objects.in_bulk(list(ids))
        for a, b in chunk:
            best: tuple[float, str, str] | None = None
            for x, xs in names[a]:
                for y, ys in names[b]:
                    value = max(compare_parsed(rx, ry)[0] for rx in xs for ry in ys)
                    if best is None or value > best[0]:
                        best = (value, x, y)
            if best is None or round(best[0], 4) < min_score:
                continue
            explanation = names_core.why(best[1], best[2])  # the reasons, for the pairs reported only
            first, second = people[a], people[b]
            report.pairs.append(
                DuplicatePair(
                    first, second, explanation.score, best[1], best[2], str(explanation), _warnings(first, second)
                )
            )
    report.pairs.sort(key=lambda p: (-p.score, p.first.pk, p.second.pk))
    return report
