"""Controlled vocabularies with English, Belarusian and Russian labels.

One commented YAML file per vocabulary in this package (occupations, event types, statuses,
honours, organisation kinds, sentence regimes, place kinds, involvement roles, membership roles,
confidentiality levels, Criminal Code articles), each loaded once and validated when first used.
Django-free::

    from letapis.vocab import vocabulary
    occupations = vocabulary("occupations")
    occupations.lookup("Пісьменніца").code    # "writer"
    occupations.label("human_rights_defender", "be")   # "праваабаронца"

See docs/vocabularies.md for what each vocabulary holds and how to add a term.
"""

from __future__ import annotations

from letapis.vocab.errors import VocabularyError
from letapis.vocab.load import load_file, vocabulary
from letapis.vocab.model import LANGUAGES, Term, Vocabulary
from letapis.vocab.normalise import normalise
from letapis.vocab.schema import VOCABULARY_NAMES

__all__ = [
    "LANGUAGES",
    "VOCABULARY_NAMES",
    "Term",
    "Vocabulary",
    "VocabularyError",
    "load_file",
    "normalise",
    "vocabulary",
]
