"""From an extraction result to the claims it proposes.

The extractor (:mod:`letapis.extract`) gives, for each person, the name as written, the roles,
memberships, honours and status, and the spans of the text behind them; for each event its type,
date, counts and persons. Each becomes one :class:`Proposal`: one claim kind, its value (JSON),
the span of text it rests on and a confidence. Claims about a person (occupation, membership,
honour, status) name the person's own proposal (``person_index``), so that the reviewer accepts
the person first and the rest follows.

Spans: the extractor's evidence span when it gives one, else the sentence of the person's first
mention, else the mention itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from letapis.vocab import vocabulary

_SENTENCE_END = re.compile(r"(?<=[.!?…;])\s+|\n")


@dataclass(frozen=True)
class Proposal:
    kind: str
    value: dict[str, Any]
    span: tuple[int, int] | None
    confidence: float
    person_index: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence (or line) holding ``start:end``."""
    left = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    right_match = _SENTENCE_END.search(text, end)
    right = len(text) if right_match is None else right_match.start()
    return left, max(right, end)


def _span_of(obj: Any) -> tuple[int, int] | None:
    """A span from ``{"start", "end"}``, ``(start, end)`` or an object with ``start``/``end``."""
    if obj is None:
        return None
    if isinstance(obj, Mapping):
        start, end = obj.get("start"), obj.get("end")
    elif isinstance(obj, Sequence) and not isinstance(obj, str) and len(obj) == 2:
        start, end = obj[0], obj[1]
    else:
        start, end = getattr(obj, "start", None), getattr(obj, "end", None)
    if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end:
        return start, end
    return None


def _evidence(item: Any, name: str, key: str | None = None) -> tuple[int, int] | None:
    """The evidence span the extractor keeps for ``name`` (``roles``, ``status``…) of a person
    or an event, when it has one: ``item.evidence[name]`` (a span, or a mapping label → span)
    or ``item.<name>_span``."""
    evidence = getattr(item, "evidence", None)
    if isinstance(evidence, Mapping) and name in evidence:
        found = evidence[name]
        if key is not None and isinstance(found, Mapping) and "start" not in found:
            return _span_of(found.get(key))
        return _span_of(found)
    if key is None:
        return _span_of(getattr(item, f"{name}_span", None))
    spans = getattr(item, f"{name}_spans", None)
    if isinstance(spans, Mapping):
        return _span_of(spans.get(key))
    return None


def _code(vocab_name: str, label: str) -> str | None:
    term = vocabulary(vocab_name).lookup(label)
    return None if term is None else term.code


def proposals_from(result: Any, text: str) -> list[Proposal]:
    """The proposals of an extraction result (``result.to_dict()`` is the JSON of
    ``letapis extract --json``; spans are read from the result's dataclasses when present)."""
    data: dict[str, Any] = result.to_dict()
    people_objs: list[Any] = list(getattr(result, "persons", []) or [])
    event_objs: list[Any] = list(getattr(result, "events", []) or [])
    doc_date = (data.get("document") or {}).get("date")
    out: list[Proposal] = []
    for i, person in enumerate(data.get("persons", [])):
        obj = people_objs[i] if i < len(people_objs) else None
        mentions = [s for s in (_span_of(m) for m in person.get("mentions", [])) if s is not None]
        mention = mentions[0] if mentions else None
        around = None if mention is None else sentence_around(text, *mention)
        confidence = float(person.get("confidence") or 0.5)
        index = len(out)
        out.append(
            Proposal(
                "person",
                {
                    "name": person["name"],
                    "name_latin": person.get("name_latin") or "",
                    "names": list(person.get("names") or []),
                    "candidate": person.get("person_id"),
                    "status": person.get("status"),
                },
                mention,
                confidence,
                extra={"candidates": list(getattr(obj, "candidates", []) or [])},
            )
        )

        fallback = around or mention

        def dependent(
            kind: str,
            value: dict[str, Any],
            span: tuple[int, int] | None,
            *,
            idx: int = index,
            name: str = person["name"],
            fallback: tuple[int, int] | None = fallback,
            confidence: float = confidence,
        ) -> None:
            out.append(Proposal(kind, {"person_name": name, **value}, span or fallback, confidence, person_index=idx))

        for role in person.get("roles", []) or []:
            dependent(
                "occupation",
                {"occupation": _code("occupations", role) or role, "label": role},
                _evidence(obj, "roles", role),
            )
        for membership in person.get("memberships", []) or []:
            org, role = membership.get("organization") or membership.get("organisation"), membership.get("role")
            dependent(
                "membership",
                {"organisation": org, "role": _code("membership_roles", role or "member") or role or "member"},
                _evidence(obj, "memberships", org),
            )
        for honour in person.get("honours", []) or []:
            dependent(
                "honour", {"honour": _code("honours", honour) or "", "text": honour}, _evidence(obj, "honours", honour)
            )
        status = person.get("status")
        if status is not None:
            dependent("status", {"status": status, "date": doc_date}, _evidence(obj, "status"))
    for j, event in enumerate(data.get("events", [])):
        obj = event_objs[j] if j < len(event_objs) else None
        span = _span_of(getattr(obj, "span", None)) or _evidence(obj, "event")
        value = {
            k: event.get(k)
            for k in (
                "type",
                "date",
                "count",
                "foreign_nationals",
                "destinations",
                "forced_exile",
                "persons",
                "term_months",
                "article",
                "place",
            )
            if event.get(k) not in (None, [], "")
        }
        out.append(Proposal("event", value, span, float(event.get("confidence") or 0.8)))
    return out
