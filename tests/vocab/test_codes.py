"""The generated constants are the vocabularies' codes, as the YAML files hold them now."""

from __future__ import annotations

from letapis.vocab import vocabulary
from letapis.vocab.codes import EventType, Status
from letapis.vocab.generate import CODES_PATH, codes_module


def test_the_codes_module_is_generated_from_the_yaml_as_it_is() -> None:
    assert CODES_PATH.read_text(encoding="utf-8") == codes_module(), "run: python -m letapis.vocab --write-codes"


def test_each_constant_is_a_code_and_each_code_a_constant() -> None:
    assert [str(code) for code in EventType] == [term.code for term in vocabulary("event_types")]
    assert [str(code) for code in Status] == [term.code for term in vocabulary("statuses")]
    assert EventType.DETENTION == "detention" and f"{Status.HELD}" == "held"
