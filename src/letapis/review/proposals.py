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
from collections.abc import Mapping
from dataclasses import dataclass, replace

from letapis.claims import (
    AboutPerson,
    Candidate,
    ClaimValue,
    EventValue,
    HonourValue,
    MembershipValue,
    OccupationValue,
    PersonValue,
    StatusValue,
)
from letapis.extract.model import EventFinding, ExtractionResult, PersonFinding, Span
from letapis.vocab import vocabulary

#: where a sentence of a source ends (the review page breaks its text there too)
SENTENCE_END = re.compile(r"(?<=[.!?…;])\s+|\n")


@dataclass(frozen=True)
class Proposal:
    """One claim to record: its value, the span of text it rests on, a confidence and, for a
    claim about a person, the index of that person's own proposal."""

    value: ClaimValue
    span: tuple[int, int] | None
    confidence: float
    person_index: int | None = None

    @property
    def kind(self) -> str:
        return _KINDS[type(self.value)]

    def about(self, person_claim: int) -> ClaimValue:
        """The value, naming the person claim recorded for :attr:`person_index`."""
        return replace(self.value, person_claim=person_claim) if isinstance(self.value, AboutPerson) else self.value


_KINDS: dict[type[ClaimValue], str] = {
    PersonValue: "person",
    OccupationValue: "occupation",
    MembershipValue: "membership",
    HonourValue: "honour",
    StatusValue: "status",
    EventValue: "event",
}


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence (or line) holding ``start:end``."""
    left = 0
    for match in SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    right_match = SENTENCE_END.search(text, end)
    right = len(text) if right_match is None else right_match.start()
    return left, max(right, end)


def _bounds(span: object) -> tuple[int, int] | None:
    """The offsets of ``span``; ``None`` for an empty one, which points at no text."""
    return (span.start, span.end) if isinstance(span, Span) and 0 <= span.start < span.end else None


def _evidence(person: PersonFinding, name: str, key: str | None = None) -> tuple[int, int] | None:
    """The evidence span the extractor keeps for ``name`` (``roles``, ``status``…) of a person:
    ``person.evidence[name]``, a span or a mapping label → span."""
    found = person.evidence.get(name)
    if key is not None and isinstance(found, Mapping):
        found = found.get(key)
    return _bounds(found)


def _code(vocab_name: str, label: str) -> str | None:
    term = vocabulary(vocab_name).lookup(label)
    return None if term is None else term.code


def _person_proposals(person: PersonFinding, text: str, doc_date: str | None, index: int) -> list[Proposal]:
    """The person's own proposal (at ``index`` of all proposals) and those about them."""
    mentions = [s for s in (_bounds(m) for m in person.mentions) if s is not None]
    mention = mentions[0] if mentions else None
    fallback = None if mention is None else sentence_around(text, *mention)
    confidence = round(person.confidence, 3) or 0.5
    own = PersonValue(
        name=person.name,
        name_latin=person.name_latin or "",
        names=tuple(person.names),
        candidate=person.person_id,
        status=person.status,
        candidates=tuple(Candidate(*c) for c in person.candidates),
    )
    out = [Proposal(own, mention, confidence)]

    def dependent(value: ClaimValue, span: tuple[int, int] | None) -> None:
        out.append(Proposal(value, span or fallback, confidence, person_index=index))

    for role in person.roles:
        occupation = _code("occupations", role) or role
        dependent(
            OccupationValue(person_name=person.name, occupation=occupation, label=role),
            _evidence(person, "roles", role),
        )
    for membership in person.memberships:
        role = _code("membership_roles", membership.role or "member") or membership.role or "member"
        dependent(
            MembershipValue(person_name=person.name, organisation=membership.organization, role=role),
            _evidence(person, "memberships", membership.organization),
        )
    for honour in person.honours:
        dependent(
            HonourValue(person_name=person.name, honour=_code("honours", honour) or "", text=honour),
            _evidence(person, "honours", honour),
        )
    if person.status is not None:
        dependent(
            StatusValue(person_name=person.name, status=person.status, date=doc_date), _evidence(person, "status")
        )
    return out


#: The extractor's regimes (its lexicons' ``regimes``) as codes of the sentence regimes.
EXTRACTED_REGIMES: Mapping[str, str] = {
    "general": "general_regime_colony",
    "enhanced": "reinforced_regime_colony",
    "strict": "strict_regime_colony",
    "special": "special_regime_colony",
    "prison": "prison",
    "colony_settlement": "colony_settlement",
}


def _event_proposal(event: EventFinding) -> Proposal:
    value = EventValue(
        type=event.type,
        date=None if event.date is None else event.date.isoformat(),
        count=event.count,
        foreign_nationals=event.foreign_nationals,
        destinations=tuple(event.destinations),
        forced_exile=event.forced_exile,
        persons=tuple(event.persons),
        term_months=event.term_months,
        article=event.article,
        regime=None if event.regime is None else EXTRACTED_REGIMES.get(event.regime, event.regime),
    )
    return Proposal(value, _bounds(event.span), round(event.confidence, 3) or 0.8)


def proposals_from(result: ExtractionResult, text: str) -> list[Proposal]:
    """The proposals of an extraction result of ``text``, persons (each followed by the claims
    about them) first, then events."""
    doc_date = None if result.document.date is None else result.document.date.isoformat()
    out: list[Proposal] = []
    for person in result.persons:
        out.extend(_person_proposals(person, text, doc_date, len(out)))
    out.extend(_event_proposal(event) for event in result.events)
    return out
