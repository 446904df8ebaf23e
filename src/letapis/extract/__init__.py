"""Letapis' extractor: a statement's text → the facts it proposes (Django-free, typed).

::

    from letapis.extract import extract
    result = extract(text)                       # language and date found in the text
    result.to_dict()                             # the JSON of ``letapis extract FILE --json``

It finds the persons named (Łacinka, Belarusian and Russian Cyrillic in any case, English-press
and Polish spellings), grouped across mentions; their roles, memberships, honours and degrees;
their status on the document's date from the clause that governs each name; and the events
(type, date, counts, destinations of forced exile, places, sentence terms, articles). Every item
carries the span of text behind it and a confidence. Cue words and word lists are YAML under
``lexicon/`` (one file per language and ``common.yaml``). See docs/extract.md.
"""

from __future__ import annotations

from datetime import date

from letapis.extract import model
from letapis.extract.model import *  # noqa: F403 - the values the extractor returns, model.__all__

__all__ = ["VERSION", "extract", *model.__all__]

#: Changes when the rules or lexicons change what is proposed (recorded with each extraction run).
VERSION = "1.0"


def extract(
    text: str,
    *,
    document_date: date | None = None,
    language: str | None = None,
    resolver: model.Resolver | None = None,
) -> model.ExtractionResult:
    """The facts ``text`` proposes. ``document_date`` and ``language`` (en, be, ru) override what
    the text says; ``resolver`` maps a name to registry candidates ``[(person_id, score, reason)]``
    and, when given, each person carries the best one at or above the names core's threshold."""
    from letapis.extract.pipeline import run

    if language is not None and language not in ("en", "be", "ru"):
        raise ValueError(f"unknown language {language!r}: use en, be or ru")
    return run(text, document_date=document_date, language=language, resolver=resolver)
