"""Loading the YAML lexicons of :mod:`letapis.extract.lexicon`, once, with their patterns compiled."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["LANGUAGES", "compile_folded", "fold", "fold_pattern", "load"]

LANGUAGES = ("en", "be", "ru")


def fold(text: str) -> str:
    """Lower case with ё read as е and apostrophes unified, keeping every offset."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer (İ): go letter by letter
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    # str.replace is many times faster than str.translate with a table on long texts
    return lowered.replace("ё", "е").replace("’", "'").replace("ʼ", "'").replace("`", "'")


def fold_pattern(pattern: str) -> str:
    """A lexicon pattern for folded text (lower case, keeping ``(?P<name>`` groups)."""
    return fold(pattern).replace("(?p<", "(?P<")


def compile_folded(pattern: str) -> re.Pattern[str]:
    """A cue pattern for folded text, anchored at word boundaries."""
    return re.compile(r"(?<!\w)(?:" + fold_pattern(pattern) + r")(?!\w)")


@cache
def load(name: str) -> dict[str, Any]:
    """The lexicon ``name`` (en, be, ru, common or inflection) as loaded from its YAML file."""
    text = resources.files("letapis.extract.lexicon").joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"extract lexicon {name}.yaml: expected a mapping at the top")
    return data
