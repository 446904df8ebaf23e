"""A stand-in extraction result for tests that are about ingest and review, not extraction.

Persons and events are given in the JSON shape of ``letapis extract --json``
(shared/eval/README.md) and become the extractor's own result model; the seed round trip
(test_seed_roundtrip.py) runs the real extractor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import pytest

from letapis.extract.model import DocumentInfo, EventFinding, ExtractionResult, Membership, PersonFinding, Span

#: The seed statement's collective release, as a claim's value or the extractor's event.
COLLECTIVE_RELEASE: dict[str, Any] = {
    "type": "release",
    "date": "2025-12-13",
    "count": 123,
    "foreign_nationals": 13,
    "destinations": ["UA", "LT"],
    "forced_exile": True,
}


def _span(data: Mapping[str, int] | None) -> Span:
    """An empty span (no text behind the finding) when none is given."""
    return Span(0, 0) if data is None else Span(data["start"], data["end"])


def _person(data: Mapping[str, Any]) -> PersonFinding:
    return PersonFinding(
        name=data["name"],
        name_latin=data.get("name_latin") or "",
        names=list(data.get("names") or []),
        person_id=data.get("person_id"),
        status=data.get("status"),
        roles=list(data.get("roles") or []),
        memberships=[
            Membership(m.get("organization") or m.get("organisation") or "", m.get("role") or "")
            for m in data.get("memberships") or []
        ],
        honours=list(data.get("honours") or []),
        mentions=[_span(m) for m in data.get("mentions") or []],
        confidence=data.get("confidence", 0.5),
    )


def _event(data: Mapping[str, Any]) -> EventFinding:
    return EventFinding(
        type=data["type"],
        span=_span(data.get("span")),
        date=None if data.get("date") is None else dt.date.fromisoformat(data["date"]),
        count=data.get("count"),
        foreign_nationals=data.get("foreign_nationals"),
        destinations=list(data.get("destinations") or []),
        forced_exile=bool(data.get("forced_exile", False)),
        persons=list(data.get("persons") or []),
        confidence=data.get("confidence", 0.8),
    )


class FakeResult(ExtractionResult):
    """An extraction result from persons and events in the JSON shape."""

    def __init__(
        self,
        persons: Iterable[Mapping[str, Any]],
        events: Iterable[Mapping[str, Any]] = (),
        date: str | None = "2025-12-14",
        language: str = "en",
    ) -> None:
        super().__init__(
            DocumentInfo(language, None if date is None else dt.date.fromisoformat(date)),
            persons=[_person(p) for p in persons],
            events=[_event(e) for e in events],
        )


def person(text: str, name: str, **facts: Any) -> dict[str, Any]:
    start = text.index(name)
    return {
        "name": name,
        "name_latin": facts.pop("name_latin", name),
        "names": [],
        "person_id": None,
        "status": None,
        "roles": [],
        "memberships": [],
        "honours": [],
        "mentions": [{"start": start, "end": start + len(name)}],
        "confidence": 0.9,
        **facts,
    }


@pytest.fixture
def fake_extractor(monkeypatch: pytest.MonkeyPatch) -> Any:
    """``fake_extractor(lambda text: FakeResult(...))`` makes ingest use that result."""

    def install(build: Any) -> None:
        monkeypatch.setattr("letapis.review.ingest.run_extractor", lambda text, **kwargs: build(text))

    return install
