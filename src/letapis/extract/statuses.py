"""The status of each person on the document's date, from the clause that governs the name.

Cues are data (``status_cues`` of each language's lexicon): "Among those released are" governs
the names after it, to the end of the sentence (a list: "A; B; and C"); "remain behind bars"
governs the names before it in its clause; "continue to be held" either. A sentence opening with
"Among them are" / "Сярод іх" / "Среди них", or a list line after a heading ending in ":", takes
the cue of the sentence before. A name right before an active verb ("Lukashenka pardoned …") is
the one who acts, not a prisoner. Officials, judges and prosecutors are ``not_prisoner``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from letapis.extract.lexicons import compile_folded, fold_pattern, load
from letapis.extract.model import Sentence, Span

__all__ = ["Cue", "StatusFinding", "cues_by_sentence", "find_cues", "is_anaphoric", "status_of_mention"]

_PRIORITY = {"died": 3, "released": 2, "held": 1}
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,3}[.)]|[-•*–—])\s*")


@dataclass(frozen=True)
class Cue:
    span: Span
    status: str
    scope: str  # before | after | both
    agent: bool
    weak: bool
    priority: int


@dataclass(frozen=True)
class StatusFinding:
    status: str
    evidence: Span
    priority: int
    weak: bool


@cache
def _cues(lang: str) -> list[tuple[re.Pattern[str], str, str, bool, bool, int]]:
    out = []
    for entry in load(lang)["status_cues"]:
        status = entry["status"]
        out.append(
            (
                compile_folded(entry["pattern"]),
                status,
                entry.get("scope", "both"),
                bool(entry.get("agent", False)),
                bool(entry.get("weak", False)),
                int(entry.get("priority", _PRIORITY[status])),
            )
        )
    return out


@cache
def _anaphora(lang: str) -> re.Pattern[str]:
    return re.compile(fold_pattern(load(lang)["anaphora"]))


def find_cues(folded: str, span: Span, lang: str) -> list[Cue]:
    """The status cues inside ``span``, in text order; of overlapping cues the one listed first in
    the lexicon wins."""
    taken: list[Cue] = []
    for pattern, status, scope, agent, weak, priority in _cues(lang):
        for m in pattern.finditer(folded, span.start, span.end):
            if any(c.span.start < m.end() and m.start() < c.span.end for c in taken):
                continue
            taken.append(Cue(Span(m.start(), m.end()), status, scope, agent, weak, priority))
    return sorted(taken, key=lambda c: c.span.start)


def cues_by_sentence(folded: str, spans: list[Span], lang: str) -> list[list[Cue]]:
    """:func:`find_cues` of every sentence (``spans``, in text order), each pattern run once over
    the text instead of once per sentence; a pattern with a match across a sentence boundary is
    run sentence by sentence, as :func:`find_cues` would."""
    if len(spans) == 0:
        return []
    starts = [s.start for s in spans]
    taken: list[list[Cue]] = [[] for _ in spans]
    for pattern, status, scope, agent, weak, priority in _cues(lang):
        found: list[tuple[int, re.Match[str]]] = []
        for m in pattern.finditer(folded, spans[0].start, spans[-1].end):
            i = bisect_right(starts, m.start()) - 1
            if i < 0 or m.end() > spans[i].end:
                found = [(j, m) for j, s in enumerate(spans) for m in pattern.finditer(folded, s.start, s.end)]
                break
            found.append((i, m))
        for i, m in found:
            if any(c.span.start < m.end() and m.start() < c.span.end for c in taken[i]):
                continue
            taken[i].append(Cue(Span(m.start(), m.end()), status, scope, agent, weak, priority))
    return [sorted(t, key=lambda c: c.span.start) for t in taken]


def is_anaphoric(folded: str, sentence: Sentence, lang: str, cues: list[Cue]) -> bool:
    """Whether the sentence takes its status from the one before: it opens with "Among them" or
    is a list line, or says "among them" later and has no status cue of its own."""
    head = folded[sentence.span.start : sentence.span.end]
    if _anaphora(lang).match(head) is not None or _LIST_ITEM.match(head) is not None:
        return True
    inner = re.compile(_anaphora(lang).pattern.lstrip("^"))
    return all(c.weak for c in cues) and inner.search(head) is not None


def is_heading(text: str, sentence: Sentence) -> bool:
    return text[sentence.span.start : sentence.span.end].rstrip().endswith(":")


def status_of_mention(
    folded: str,
    mention: Span,
    sentence: Sentence,
    cues: list[Cue],
    inherited: Cue | None,
    inherited_sentence: Span | None,
    *,
    possessive: bool = False,
    others: list[Span] | None = None,
) -> StatusFinding | None:
    """The status a mention gets from the cues of its sentence (or the cue it inherits).
    A ``possessive`` mention ("Nyaklyayeu's colleague") is not what its clause speaks of: None.
    ``others``: the spans of the other names, which bound how far a later cue reaches."""
    if possessive:
        return None
    clause = next((c for c in sentence.clauses if c.start <= mention.start < c.end), sentence.span)
    # the one who acts: "Лукашэнка памілаваў …", "Judge X sentenced …"
    for cue in cues:
        if (
            cue.agent
            and cue.span.start >= mention.end
            and cue.span.start - mention.end <= 12
            and re.fullmatch(r"[\s\w]*", folded[mention.end : cue.span.start]) is not None
        ):
            return StatusFinding("not_prisoner", clause, 5, False)
    after = [
        c
        for c in cues
        if not c.weak
        and c.scope in ("before", "both")
        and c.span.start >= mention.end
        and clause.start <= c.span.start < clause.end
    ]
    if len(after) > 0:
        best = max(after, key=lambda c: (c.priority, -c.span.start))
        return StatusFinding(best.status, clause, best.priority, False)
    before = [c for c in cues if not c.weak and c.scope in ("after", "both") and c.span.end <= mention.start]
    if len(before) > 0:
        best = before[-1]
        return StatusFinding(best.status, Span(min(best.span.start, clause.start), clause.end), best.priority, False)
    # "Statkevich refused to cross the border; he was returned to the colony": a later clause of
    # the sentence, when no other name comes between
    later = [
        c
        for c in cues
        if not c.weak
        and not c.agent
        and c.scope in ("before", "both")
        and c.span.start >= mention.end
        and not any(mention.end <= o.start < c.span.start for o in (others or []))
    ]
    if len(later) > 0:
        best = max(later, key=lambda c: (c.priority, -c.span.start))
        return StatusFinding(best.status, Span(mention.start, best.span.end), best.priority, False)
    if inherited is not None and inherited_sentence is not None:
        span = Span(inherited_sentence.start, max(clause.end, inherited_sentence.end))
        return StatusFinding(inherited.status, span, inherited.priority, inherited.weak)
    weak = [c for c in cues if c.weak]
    if len(weak) > 0:
        return StatusFinding(weak[0].status, sentence.span, 0, True)
    return None


def governing_cue(cues: list[Cue]) -> Cue | None:
    """The cue a following anaphoric sentence inherits: the last strong cue, else a weak one."""
    strong = [c for c in cues if not c.weak]
    if len(strong) > 0:
        return strong[-1]
    weak = [c for c in cues if c.weak]
    return weak[-1] if len(weak) > 0 else None
