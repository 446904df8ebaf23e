"""Writes :mod:`letapis.vocab.codes`: the codes of some vocabularies as Python constants.

The YAML files stay the one source. Code that compares or builds an event type or a status
uses these constants, so that a typo is a name error and a renamed code shows every place that
used it; ``python -m letapis.vocab --write-codes`` regenerates the module after an edit of the
YAML, and a test fails while the module and the YAML differ.
"""

from __future__ import annotations

from pathlib import Path

from letapis.vocab.load import vocabulary

#: The vocabularies made into constants, and the name of each one's class.
GENERATED = {"event_types": "EventType", "statuses": "Status"}

CODES_PATH = Path(__file__).with_name("codes.py")


def codes_module() -> str:
    """The text of :mod:`letapis.vocab.codes` for the vocabularies as they are."""
    lines = [
        '"""Codes of the vocabularies as constants (generated from the YAML files: do not edit).',
        "",
        "Regenerate with ``python -m letapis.vocab --write-codes`` (see :mod:`letapis.vocab.generate`).",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from enum import StrEnum",
    ]
    for name, cls in GENERATED.items():
        lines += ["", "", f"class {cls}(StrEnum):", f'    """The codes of ``{name}.yaml``."""', ""]
        for term in vocabulary(name):
            lines.append(f'    {term.code.upper()} = "{term.code}"')
    return "\n".join(lines) + "\n"


def write_codes() -> Path:
    CODES_PATH.write_text(codes_module(), encoding="utf-8")
    return CODES_PATH
