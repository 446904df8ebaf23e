"""The text of a source with its claims marked at their spans.

Claims' spans may overlap (a person's name inside the sentence that gives the person's
occupation), so the text is cut at every span boundary into segments; each segment covered by
claims becomes one ``<mark>`` whose class is the state of the innermost (shortest) claim covering
it, and which links to that claim. Everything else is escaped text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Span:
    """A claim's span: ``start``/``end`` character offsets into the text."""

    claim_id: int
    start: int
    end: int
    state: str
    label: str  # what the claim proposes, for the mark's title


def usable_spans(spans: Iterable[Span], length: int) -> list[Span]:
    """The spans that lie within a text of ``length`` characters and are not empty."""
    return [s for s in spans if 0 <= s.start < s.end <= length]


def highlight(text: str, spans: Iterable[Span], *, href: str = "#claim-{id}") -> SafeString:
    """``text`` escaped, with a ``<mark class="claim STATE">`` around each claimed segment.

    ``href`` is the link of a mark (``{id}`` is replaced by the claim's id). A segment covered by
    several claims gets the class ``overlap`` too, and a title naming all of them; ``data-claims``
    lists them all (the review page lights up one claim's marks, and its words on a scan).
    """
    kept = usable_spans(spans, len(text))
    if len(kept) == 0:
        return mark_safe(escape(text))  # noqa: S308 - escaped just now
    cuts = sorted({0, len(text), *(s.start for s in kept), *(s.end for s in kept)})
    parts: list[str] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        piece = text[left:right]
        covering = [s for s in kept if s.start <= left and right <= s.end]
        if len(covering) == 0:
            parts.append(escape(piece))
            continue
        inner = min(covering, key=lambda s: (s.end - s.start, s.claim_id))
        classes = f"claim {inner.state}" + (" overlap" if len(covering) > 1 else "")
        title = "; ".join(f"#{s.claim_id} {s.state}: {s.label}" for s in sorted(covering, key=lambda s: s.claim_id))
        parts.append(
            format_html(
                '<mark class="{}" data-claim="{}" data-claims="{}" title="{}"><a href="{}">{}</a></mark>',
                classes,
                inner.claim_id,
                " ".join(str(s.claim_id) for s in sorted(covering, key=lambda s: s.claim_id)),
                title,
                href.replace("{id}", str(inner.claim_id)),
                piece,
            )
        )
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped or built by format_html
