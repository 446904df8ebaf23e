"""A stand-in extraction result for tests that are about ingest and review, not extraction.

Only the JSON shape of ``letapis extract --json`` (shared/eval/README.md) is used; the seed
round trip (test_seed_roundtrip.py) runs the real extractor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest


@dataclass
class FakeResult:
    persons: list[dict[str, Any]]
    events: list[dict[str, Any]] = field(default_factory=list)
    date: str | None = "2025-12-14"
    language: str = "en"

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": {"language": self.language, "date": self.date},
            "persons": self.persons,
            "events": self.events,
        }


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
