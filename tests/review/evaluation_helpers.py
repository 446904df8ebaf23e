"""Decided claims for the tests of letapis.review.evaluation and of the page that shows its
figures: an internal source with decisions (one edited, one rejected) and a confidential one."""

from __future__ import annotations

from typing import Any

import pytest

from letapis.registry.models import Claim
from letapis.review.ingest import do_ingest
from letapis.review.services import do_accept_claim, do_reject_claim
from tests.review.conftest import FakeResult, person

TEXT = (
    "14 December 2025. The poet Ryhor Novy was released yesterday. The journalist Ala Staraja "
    "remains behind bars. Judge Ivan Sudzdzia read the verdict. On 13 December 52 prisoners were released.\n"
)
SECRET_TEXT = "15 December 2025. The blogger Zmicier Tajny is held in Hrodna prison.\n"


def proposed(text: str) -> FakeResult:
    """What the extractor proposed when the source was ingested."""
    if "Tajny" in text:
        return FakeResult(persons=[person(text, "Zmicier Tajny", status="held", roles=["blogger"])])
    return FakeResult(
        persons=[
            person(text, "Ryhor Novy", status="held", roles=["poet"]),
            person(text, "Ala Staraja", status="held", roles=["journalist"]),
            person(text, "Ivan Sudzdzia", status="released"),
        ],
        events=[{"type": "release", "date": "2025-12-13", "count": 52, "persons": [], "confidence": 0.8}],
    )


def today(text: str) -> FakeResult:
    """What the extractor proposes now: it still misses Ala Staraja's role and calls the judge
    released; it no longer calls Ryhor Novy held."""
    if "Tajny" in text:
        return FakeResult(persons=[person(text, "Zmicier Tajny", status="held", roles=["blogger"])])
    return FakeResult(
        persons=[
            person(text, "Ryhor Novy", status="released", roles=["poet"]),
            person(text, "Ala Staraja", status="held"),
            person(text, "Ivan Sudzdzia", status="released"),
        ],
        events=[{"type": "release", "date": "2025-12-13", "count": 52, "persons": [], "confidence": 0.8}],
    )


def _ingest(monkeypatch: pytest.MonkeyPatch, text: str, level: str) -> list[Claim]:
    monkeypatch.setattr("letapis.review.ingest.run_extractor", lambda t, **kwargs: proposed(t))
    return do_ingest(None, text.encode(), f"{level}.txt", confidentiality=level, language="en").claims


def make_decisions(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Two sources: an internal one with decisions (one edited), a confidential one with one."""
    claims = _ingest(monkeypatch, TEXT, "internal")
    by = {
        (c.kind, c.value.get("name") or c.value.get("person_name"), c.value["status"] if c.kind == "status" else ""): c
        for c in claims
    }
    for key in [("person", "Ryhor Novy", ""), ("person", "Ala Staraja", ""), ("person", "Ivan Sudzdzia", "")]:
        do_accept_claim(None, by[key])
    do_accept_claim(None, by[("status", "Ryhor Novy", "held")], edits={"status": "released"})
    do_accept_claim(None, by[("status", "Ala Staraja", "held")])
    do_reject_claim(None, by[("status", "Ivan Sudzdzia", "released")], reason="a judge")
    occupations = {c.value["person_name"]: c for c in claims if c.kind == "occupation"}
    do_accept_claim(None, occupations["Ala Staraja"])
    event = next(c for c in claims if c.kind == "event")
    do_accept_claim(None, event)
    secret = _ingest(monkeypatch, SECRET_TEXT, "confidential")
    do_accept_claim(None, next(c for c in secret if c.kind == "person"))
    monkeypatch.setattr("letapis.review.evaluation._run", lambda source: today(source.text))
    return {"claims": claims, "secret": secret}
