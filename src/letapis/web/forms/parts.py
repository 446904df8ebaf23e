"""What the fields of several inputs share: their numbers' messages, their inputs' labels."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def number_messages(message: Any) -> dict[str, Any]:
    """The same sentence for a number that is too small, too large or not a number."""
    return {"min_value": message, "max_value": message, "invalid": message}


def labelled(context: dict[str, Any], key: str, labels: Iterable[Any], start: int = 0) -> None:
    """Put the subwidgets of a multi-input widget's context, from ``start``, beside their labels
    under ``key`` (the widget's template shows each input inside its label)."""
    labels = list(labels)
    subwidgets = context["widget"]["subwidgets"][start : start + len(labels)]
    context["widget"][key] = list(zip(labels, subwidgets, strict=True))
