"""Finding persons by any spelling of their name, through the names core.

:func:`find_persons` takes the blocking keys of the query, fetches the name variants that share
one (an indexed lookup), scores each with the names matcher and returns the best per person,
with the matcher's reasons.

Like the names core's :class:`~letapis.names.NameIndex` it looks in the tight buckets first
(``p:`` surname and given name agree, then ``i:`` surname and initial) and widens to the
surname alone (``s:``) only while it has fewer than ``limit`` persons scoring at least
``min_score``: in a registry of 100,000 persons a common surname has thousands of variants, and
scoring them all is what made a search slow. Namesakes share the text of their names, so each
distinct text is scored once, and only the persons returned are read.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from letapis import names as names_core
from letapis.registry.models import NameKey, NameVariant, Person
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
    text: str, *, limit: int = 10, persons: QuerySet[Person] | None = None, min_score: float = 0.5
) -> list[PersonCandidate]:
    """Ranked candidates for ``text`` (any script, any form) among ``persons`` (default: all
    persons not merged into another)."""
    query = " ".join(text.split())
    if query == "":
        return []
    scope = Person.objects.filter(merged_into__isnull=True) if persons is None else persons
    keys = [k[:120] for k in names_core.name_keys(query) if _storable(k)]
    tiers = [[k for k in keys if k.startswith(prefix)] for prefix in ("p:", "i:")]
    tiers.append([k for k in keys if not k.startswith(("p:", "i:"))])
    scores: dict[str, tuple[float, str]] = {}
    best: dict[int, tuple[float, str, str]] = {}  # person → (score, variant text, reason)

    allowed: dict[int, bool] = {}

    def consider(rows: list[tuple[int, str]]) -> None:
        # the scope is checked on the candidates' ids (an IN over a subquery of every person
        # would read the whole person table on SQLite)
        fresh = {pid for pid, _ in rows if pid not in allowed}
        if fresh:
            inside = set(scope.filter(pk__in=fresh).values_list("pk", flat=True))
            allowed.update((pid, pid in inside) for pid in fresh)
        for person_id, text in rows:
            if not allowed[person_id]:
                continue
            if text not in scores:
                explanation = names_core.why(query, text)
                scores[text] = (explanation.score, str(explanation))
            value, reason = scores[text]
            current = best.get(person_id)
            if current is None or value > current[0]:
                best[person_id] = (value, text, reason)

    if _storable(query):
        consider(list(NameVariant.objects.filter(search_text=search_text(query)).values_list("person_id", "text")))
    seen: set[int] = set()
    for tier in tiers:
        if not tier:
            continue
        rows = NameKey.objects.filter(key__in=tier).values_list("variant_id", "person_id", "variant__text")
        fresh_rows = [(vid, pid, text) for vid, pid, text in rows[:MAX_VARIANTS] if vid not in seen]
        seen.update(vid for vid, _, _ in fresh_rows)
        consider([(pid, text) for _, pid, text in fresh_rows])
        if sum(1 for value, _, _ in best.values() if value >= min_score) >= limit:
            break
    ranked_ids = sorted(
        (pid for pid, (value, _, _) in best.items() if value >= min_score), key=lambda pid: -best[pid][0]
    )
    # ties are ordered by name: read enough persons to order the last score of the page
    cut = ranked_ids[:limit]
    if len(ranked_ids) > limit:
        last = best[cut[-1]][0]
        cut = [pid for pid in ranked_ids if best[pid][0] >= last]
    people = Person.objects.in_bulk(cut)
    ranked = sorted(
        (PersonCandidate(people[pid], best[pid][1], best[pid][0], best[pid][2]) for pid in cut if pid in people),
        key=lambda c: (-c.score, c.person.display_name),
    )
    return ranked[:limit]
