"""Finding persons by any spelling of their name, through the names core.

:func:`find_persons` takes the blocking keys of the query, fetches the name variants that share
one (an indexed lookup), scores each with the names matcher and returns the best per person,
with the matcher's reasons.

Like the names core's :class:`~letapis.names.NameIndex` it looks in the tight buckets first
(``p:`` surname and given name agree, then ``i:`` surname and initial) and widens to the
surname alone (``s:``) only while it has fewer than ``limit`` persons scoring at least
``min_score``: in a registry of 100,000 persons a common surname has thousands of variants, and
scoring them all is what made a search slow. Namesakes share the text of their names, so each
distinct text is scored once (its printable reason written only for the persons returned), and
only the persons returned are read, through the caller's scope: a search checks the scope once,
when it reads them, unless persons outside it could stop the widening early.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from letapis import names as names_core
from letapis.registry.models import Confidentiality, NameKey, NameVariant, Person
from letapis.registry.naming import search_text

#: At most this many name variants are read from one tier of keys.
MAX_VARIANTS = 2000


def _storable(text: str) -> bool:
    """Whether ``text`` could be stored at all: the services refuse NUL characters and lone
    surrogates (and the databases cannot compare them), so no stored name contains them."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@dataclass(frozen=True)
class PersonCandidate:
    person: Person
    name: str
    score: float
    reason: str

    @property
    def is_match(self) -> bool:
        return self.score >= names_core.MATCH_THRESHOLD


def find_persons(
    text: str,
    *,
    limit: int = 10,
    persons: QuerySet[Person] | None = None,
    min_score: float = 0.5,
    levels: tuple[str, ...] | None = None,
) -> list[PersonCandidate]:
    """Ranked candidates for ``text`` (any script, any form) among ``persons`` (default: all
    persons not merged into another), matched on the name forms of ``levels`` only (default:
    every level) — a caller's search passes :func:`~letapis.access.levels_for`, so a
    name form it may not see neither finds a person nor is given as the reason."""
    query = " ".join(text.split())
    if query == "":
        return []
    scope = Person.objects.filter(merged_into__isnull=True) if persons is None else persons
    variants = NameVariant.objects.all()
    name_keys = NameKey.objects.all()
    if levels is not None and set(levels) != set(Confidentiality.values):
        variants = variants.filter(confidentiality__in=levels)
        name_keys = name_keys.filter(variant__confidentiality__in=levels)
    keys = [k[:120] for k in names_core.name_keys(query) if _storable(k)]
    tiers = [[k for k in keys if k.startswith(prefix)] for prefix in ("p:", "i:")]
    tiers.append([k for k in keys if not k.startswith(("p:", "i:"))])
    scores: dict[str, names_core.MatchExplanation] = {}
    best: dict[int, tuple[float, str]] = {}  # person → (score, variant text)
    allowed: dict[int, bool] = {}  # person → inside the scope, for those checked

    def check_scope(ids: Iterable[int]) -> None:
        # on the candidates' ids (an IN over a subquery of every person would read the whole
        # person table on SQLite), and only when needed: one query at the end for most searches
        fresh = [pid for pid in ids if pid not in allowed]
        if fresh:
            inside = set(scope.filter(pk__in=fresh).values_list("pk", flat=True))
            allowed.update((pid, pid in inside) for pid in fresh)

    def consider(rows: list[tuple[int, str]]) -> None:
        for person_id, text in rows:
            explanation = scores.get(text)
            if explanation is None:
                explanation = scores[text] = names_core.why(query, text)
            current = best.get(person_id)
            if current is None or explanation.score > current[0]:
                best[person_id] = (explanation.score, text)

    def enough() -> bool:
        # a tier is widened while fewer than ``limit`` persons of the scope score well
        found = [pid for pid, (value, _) in best.items() if value >= min_score]
        if len(found) < limit:
            return False
        check_scope(found)
        return sum(1 for pid in found if allowed[pid]) >= limit

    if _storable(query):
        consider(list(variants.filter(search_text=search_text(query)).values_list("person_id", "text")))
    seen: set[int] = set()
    for tier in tiers:
        if not tier:
            continue
        rows = name_keys.filter(key__in=tier).values_list("variant_id", "person_id", "variant__text")
        fresh_rows = [(vid, pid, text) for vid, pid, text in rows[:MAX_VARIANTS] if vid not in seen]
        seen.update(vid for vid, _, _ in fresh_rows)
        consider([(pid, text) for _, pid, text in fresh_rows])
        if enough():
            break
    ranked_ids = sorted((pid for pid, (value, _) in best.items() if value >= min_score), key=lambda pid: -best[pid][0])
    people = _first_in_scope(ranked_ids, best, scope, allowed, limit)
    ranked = sorted(
        (
            PersonCandidate(person, best[pid][1], best[pid][0], str(scores[best[pid][1]]))
            for pid, person in people.items()
        ),
        key=lambda c: (-c.score, c.person.name_key, c.person.pk),
    )
    return ranked[:limit]


def _first_in_scope(
    ranked_ids: list[int],
    best: dict[int, tuple[float, str]],
    scope: QuerySet[Person],
    allowed: dict[int, bool],
    limit: int,
) -> dict[int, Person]:
    """The persons of ``scope`` among the first of ``ranked_ids``: at least ``limit`` of them
    when there are, with every person of the last score read (ties are ordered by name).
    Persons known to be outside the scope are skipped; the rest are read through the scope,
    a batch at a time, so a person outside it is never read as a candidate."""
    people: dict[int, Person] = {}
    candidates = [pid for pid in ranked_ids if allowed.get(pid, True)]
    start = 0
    while start < len(candidates) and len(people) < limit:
        end = min(len(candidates), start + limit - len(people))
        while end < len(candidates) and best[candidates[end]][0] == best[candidates[end - 1]][0]:
            end += 1  # through the ties of the batch's last score
        people.update(scope.in_bulk(candidates[start:end]))
        start = end
    return people
