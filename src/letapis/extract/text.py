"""Sentences and clauses as spans of the original text (nothing is rewritten, so offsets hold).

A sentence ends at ``. ! ? …`` followed by space and a capital, digit, quote or dash, or at a line
break (statements are often lists, one person a line). A full stop after an abbreviation
(``No.``, ``арт.``, ``г.``) or after an initial (``А. Лукашэнка``) does not end a sentence.
Clauses split a sentence at ``;`` and at contrastive joins (``, while``, ``, але``, ``, но``):
a status cue governs the names of its own clause first.
"""

from __future__ import annotations

import re

from letapis.extract.model import Sentence, Span

__all__ = ["WORD", "clauses_of", "sentences", "split_sentences"]

#: A word in any of our alphabets (letters with diacritics, apostrophes and inner hyphens).
WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’ʼ](?=[^\W\d_])|-(?=[^\W\d_]))*")

_BOUNDARY = re.compile(r"(?:[.!?…]+[\"»”’)]*)(?=\s)|\n")
_ABBREVIATIONS = frozenset(
    [
        "no",
        "nos",
        "art",
        "arts",
        "para",
        "p",
        "pp",
        "vs",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "prof",
        "etc",
        "cf",
        "approx",
        "incl",
        "арт",
        "ст",
        "ч",
        "п",
        "пп",
        "г",
        "гг",
        "вул",
        "ул",
        "просп",
        "тыс",
        "млн",
        "руб",
        "кк",
        "ук",
        "т",
        "зн",
        "др",
        "і.т.д",
        "им",
        "імя",
    ]
)
_CLAUSE = re.compile(
    r";|,\s+(?:while|whereas|but|although|however)\b"
    r"|,\s+(?:а|але|аднак|тады як|но|однако|тогда как|в то время как)\s",
    re.IGNORECASE,
)


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviation or an initial."""
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    token = text[start:dot].lower()
    if token == "" and dot > 0 and text[dot - 1].isdigit():
        digits = dot
        while digits > 0 and text[digits - 1].isdigit():
            digits -= 1
        return digits == 0 or text[digits - 1] == "\n"  # "1. Name" opens a list line
    if len(token) == 1 and text[start].isupper():
        return True  # an initial: "А. Лукашэнка", "A. Bialacki"
    return token in _ABBREVIATIONS


def split_sentences(text: str) -> list[Span]:
    """The sentence spans of ``text``, without leading and trailing space."""
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group() != "\n":
            single_dot = text[match.start()] == "." and match.end() - match.start() == 1
            if single_dot and _is_abbreviation(text, match.start()):
                continue
            nxt = end
            while nxt < len(text) and text[nxt] in " \t":
                nxt += 1
            if nxt < len(text) and not (text[nxt].isupper() or text[nxt].isdigit() or text[nxt] in "\"«“„'—–-•(\n"):
                continue
        _add(text, start, end, spans)
        start = end
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))


def clauses_of(text: str, span: Span) -> tuple[Span, ...]:
    """The clauses of the sentence at ``span``."""
    out: list[Span] = []
    start = span.start
    for match in _CLAUSE.finditer(text, span.start, span.end):
        if match.start() > start:
            out.append(Span(start, match.start()))
        start = match.end()
    if span.end > start:
        out.append(Span(start, span.end))
    return tuple(out)


def sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` with their clauses."""
    return [Sentence(i, span, clauses_of(text, span)) for i, span in enumerate(split_sentences(text))]
