"""The values the extractor returns: spans, findings and the result, with their JSON."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any, TypedDict

__all__ = [
    "DocumentInfo",
    "EventFinding",
    "ExtractionResult",
    "Membership",
    "PersonFinding",
    "Resolver",
    "Sentence",
    "Span",
]


@cache
def review_threshold() -> float:
    """The confidence below which a proposed fact is marked ``review`` (for a closer look in the
    review queue): ``review_threshold`` of the lexicon ``common.yaml``."""
    from letapis.extract.lexicons import load

    return float(load("common")["review_threshold"])


#: A registry lookup supplied by the caller: a name → ``[(person_id, score, reason)]``, best first.
Resolver = Callable[[str], list[tuple[int, float, str]]]


class SpanDict(TypedDict):
    start: int
    end: int


@dataclass(frozen=True, order=True)
class Span:
    """Character offsets ``[start, end)`` into the original text."""

    start: int
    end: int

    def to_dict(self) -> SpanDict:
        return {"start": self.start, "end": self.end}

    def text(self, source: str) -> str:
        return source[self.start : self.end]

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True)
class Sentence:
    """A sentence (or list line) of the document and its clauses, as spans."""

    index: int
    span: Span
    clauses: tuple[Span, ...]


@dataclass(frozen=True)
class Membership:
    organization: str
    role: str

    def to_dict(self) -> dict[str, str]:
        return {"organization": self.organization, "role": self.role}


@dataclass
class PersonFinding:
    """One person named in the document, with every mention grouped.

    ``evidence`` holds the span of the clause behind each fact: ``evidence["status"]`` is a
    :class:`Span`; ``evidence["roles"]``, ``["memberships"]`` (by organisation) and
    ``["honours"]`` map a label to a :class:`Span`; ``evidence["status_kind"]`` says what the
    status cue was besides a status ("absentia", "house_arrest", "speaker", "demand" or "").
    ``confidence`` is calibrated by how the status was read (a cue of the name's own clause
    highest; a list heading, the sentence before, a demand or a weak cue lower); the JSON's
    ``review`` is true below :func:`review_threshold`.
    """

    name: str
    name_latin: str
    names: list[str] = field(default_factory=list)
    person_id: int | None = None
    status: str | None = None
    roles: list[str] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    honours: list[str] = field(default_factory=list)
    degrees: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    confidence: float = 0.5
    evidence: dict[str, Any] = field(default_factory=dict)
    candidates: list[tuple[int, float, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        def spans(key: str) -> dict[str, SpanDict]:
            found = self.evidence.get(key, {})
            return {label: span.to_dict() for label, span in found.items()} if isinstance(found, dict) else {}

        status_span = self.evidence.get("status")
        return {
            "name": self.name,
            "name_latin": self.name_latin,
            "names": list(self.names),
            "person_id": self.person_id,
            "status": self.status,
            "roles": list(self.roles),
            "memberships": [m.to_dict() for m in self.memberships],
            "honours": list(self.honours),
            "degrees": list(self.degrees),
            "mentions": [m.to_dict() for m in self.mentions],
            "confidence": round(self.confidence, 3),
            "review": self.confidence < review_threshold(),
            "candidates": [{"person_id": c[0], "score": round(c[1], 3), "reason": c[2]} for c in self.candidates],
            "evidence": {
                "status": None if not isinstance(status_span, Span) else status_span.to_dict(),
                "roles": spans("roles"),
                "memberships": spans("memberships"),
                "honours": spans("honours"),
            },
        }


@dataclass
class EventFinding:
    """One event the document reports (a collective release, a sentence, a detention …)."""

    type: str
    span: Span
    date: date | None = None
    date_text: str | None = None
    count: int | None = None
    foreign_nationals: int | None = None
    destinations: list[str] = field(default_factory=list)
    forced_exile: bool = False
    persons: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    term_months: int | None = None
    article: str | None = None
    regime: str | None = None
    confidence: float = 0.7

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "date": None if self.date is None else self.date.isoformat(),
            "date_text": self.date_text,
            "count": self.count,
            "foreign_nationals": self.foreign_nationals,
            "destinations": list(self.destinations),
            "forced_exile": self.forced_exile,
            "persons": list(self.persons),
            "places": list(self.places),
            "term_months": self.term_months,
            "article": self.article,
            "regime": self.regime,
            "span": self.span.to_dict(),
            "confidence": round(self.confidence, 3),
            "review": self.confidence < review_threshold(),
        }


@dataclass(frozen=True)
class DocumentInfo:
    language: str
    date: date | None
    date_span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "date": None if self.date is None else self.date.isoformat(),
            "date_span": None if self.date_span is None else self.date_span.to_dict(),
        }


@dataclass
class ExtractionResult:
    """Everything proposed from one document."""

    document: DocumentInfo
    persons: list[PersonFinding] = field(default_factory=list)
    events: list[EventFinding] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``letapis extract --json`` (see ``../shared/eval/README.md``)."""
        return {
            "document": self.document.to_dict(),
            "persons": [p.to_dict() for p in self.persons],
            "events": [e.to_dict() for e in self.events],
            "organizations": list(self.organizations),
        }
