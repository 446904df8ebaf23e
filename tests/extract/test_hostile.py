"""Hostile text through the extractor: a result whose spans point into the text, never a crash."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letapis.extract import extract
from tests.hostile import HOSTILE, hostile_text

FRAME = "Among those released on 13 December 2025 is the poet {name}, a member of PEN Belarus. {text}"


def _check(text: str) -> None:
    result = extract(text, document_date=date(2025, 12, 14))
    data = result.to_dict()
    json.dumps(data, ensure_ascii=False)  # the JSON of `letapis extract --json` is always writable
    for person in result.persons:
        for mention in person.mentions:
            assert 0 <= mention.start <= mention.end <= len(text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=hostile_text(60), text=hostile_text(), language=st.sampled_from([None, "en", "be", "ru"]))
def test_the_extractor_takes_hostile_names_and_text(name: str, text: str, language: str | None) -> None:
    full = FRAME.format(name=name, text=text)
    result = extract(full, document_date=date(2025, 12, 14), language=language)
    json.dumps(result.to_dict(), ensure_ascii=False)
    _check(full)


def test_the_hand_written_hostile_strings_each_in_a_statement() -> None:
    for hostile in HOSTILE:
        _check(FRAME.format(name=hostile, text=hostile))
