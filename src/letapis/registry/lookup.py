"""Finding persons by any spelling of their name, through the names core.

:func:`find_persons` takes the blocking keys of the query, fetches the name variants that share
one (an indexed lookup), scores each with the names matcher and returns the best per person,
with the matcher's reasons.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from letapis import names as names_core
from letapis.registry.models import NameKey, NameVariant, Person
from letapis.registry.naming import search_text


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
    variant_ids = set(
        NameKey.objects.filter(key__in=keys, person__in=scope).values_list("variant_id", flat=True)[:2000]
    )
    exact = NameVariant.objects.filter(search_text=search_text(query), person__in=scope)
    if not _storable(query):
        exact = NameVariant.objects.none()
    variants = NameVariant.objects.filter(pk__in=variant_ids).select_related("person") | exact.select_related("person")
    best: dict[int, PersonCandidate] = {}
    for variant in variants:
        explanation = names_core.why(query, variant.text)
        candidate = PersonCandidate(variant.person, variant.text, explanation.score, str(explanation))
        current = best.get(variant.person_id)
        if current is None or candidate.score > current.score:
            best[variant.person_id] = candidate
    ranked = sorted(best.values(), key=lambda c: (-c.score, c.person.display_name))
    return [c for c in ranked if c.score >= min_score][:limit]
