"""Small builders that tests in several folders share."""

from __future__ import annotations

from datetime import date
from typing import Any

from letapis.registry import services
from letapis.registry.models import Claim


def claim_of(text: str, value: dict[str, Any], *, day: date, kind: str = "event", level: str = "public") -> Claim:
    """A proposed claim of ``kind`` whose quote is ``text``, the whole of a source of ``level``
    dated ``day`` (one source for each text)."""
    source, _ = services.do_create_source(
        None,
        data=text.encode(),
        filename=f"{abs(hash(text))}.txt",
        text=text,
        title=f"Report: {text[:20]}",
        date=day,
        confidentiality=level,
    )
    return services.do_record_claim(None, source, kind=kind, value=value, quote=text)
