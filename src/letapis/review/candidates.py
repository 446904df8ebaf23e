"""The extractor's candidates of a person claim, as a caller may see them.

A person claim keeps what the extractor matched when it was ingested: ``value["candidate"]``
(a person id) and ``value["candidates"]`` (``[id, score, reason]`` or dicts), matched over the
whole registry. Shown to a caller they must be what they would be if the records the caller may
not see did not exist: a candidate the caller may not see is left out, and every other candidate
is scored again against the name forms the caller sees (the stored score and reason were taken
over every form, and may come from, or quote, a hidden one; scoring only the candidates with a
hidden form would tell those apart).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from letapis import access
from letapis import names as names_core
from letapis.accounts.actor import Viewer
from letapis.claims import PersonValue, candidate_id
from letapis.registry.models import NameVariant


@dataclass
class Sight:
    """What one caller sees of the candidates of some claims."""

    persons: set[int] = field(default_factory=set)
    #: for each candidate the caller may see: the name forms they see
    partial: dict[int, list[str]] = field(default_factory=dict)


def candidate_ids(value: Any) -> set[int]:
    if not isinstance(value, dict):
        return set()
    ids = {pid for pid in map(candidate_id, value.get("candidates") or []) if pid is not None}
    candidate = PersonValue.from_json(value).candidate
    return ids if candidate is None else ids | {candidate}


def sight_of(user: Viewer, values: Iterable[Any]) -> Sight:
    """What ``user`` sees of the candidates named in ``values`` (claim values): two queries."""
    wanted: set[int] = set()
    for value in values:
        wanted |= candidate_ids(value)
    if not wanted:
        return Sight()
    persons = set(access.visible_persons(user).filter(pk__in=wanted).values_list("pk", flat=True))
    levels = access.levels_for(user)
    forms: dict[int, list[str]] = {pid: [] for pid in persons}
    for pid, text in NameVariant.objects.filter(person_id__in=persons, confidentiality__in=levels).values_list(
        "person_id", "text"
    ):
        forms[pid].append(text)
    return Sight(persons, forms)


def _rescored(name: str, forms: list[str]) -> tuple[float, str]:
    best: names_core.MatchExplanation | None = None
    for text in forms:
        explanation = names_core.why(name, text)
        if best is None or explanation.score > best.score:
            best = explanation
    return (0.0, "") if best is None else (best.score, str(best))


def shown_value(value: Any, sight: Sight) -> Any:
    """``value`` with only the candidates of ``sight`` (rescored where needed); other values
    unchanged."""
    if not isinstance(value, dict) or ("candidate" not in value and "candidates" not in value):
        return value
    shown = dict(value)
    if "candidate" in value:
        shown["candidate"] = value["candidate"] if value["candidate"] in sight.persons else None
    if "candidates" in value:
        name = str(value.get("name") or "")
        kept: list[Any] = []
        for item in value.get("candidates") or []:
            is_dict = isinstance(item, dict)
            pid = candidate_id(item)
            if pid not in sight.persons:
                continue
            if pid in sight.partial:
                score, reason = _rescored(name, sight.partial[pid])
                if score < 0.5:
                    continue
                item = {**item, "score": score, "reason": reason} if is_dict else [pid, score, reason]
            kept.append(item)
        shown["candidates"] = kept
    return shown


def shown_values(user: Viewer, values: list[Any]) -> list[Any]:
    sight = sight_of(user, values)
    return [shown_value(v, sight) for v in values]
