"""Names of persons across Belarusian, Russian and Latin scripts — the Django-free core.

The same person reaches a monitor as ``Алесь Бяляцкі``, ``Aleś Bialacki``, ``Ales Bialiatski``,
``Алесь Беляцкий`` and ``Ales Belyatsky``. This package decides that these are one person and
that ``Viktar Babaryka`` and ``Eduard Babaryka`` are two:

- :func:`detect_script`, :func:`detect_language` — which alphabet and, where letters tell,
  Belarusian or Russian (:mod:`.scripts`).
- :func:`be_to_lacinka`, :func:`lacinka_to_be`, :func:`be_to_national`, :func:`be_to_passport`,
  :func:`ru_to_latin` — table-driven transliteration (:mod:`.translit`, ``tables/*.yaml``);
  :func:`to_lacinka` and :func:`all_forms` for whole names in any script (:mod:`.forms`).
- :func:`given_name_family` — given-name families (Кацярына = Екатерина = Katarzyna) from
  ``given_names.yaml`` (:mod:`.given`).
- :func:`name_keys` — script-independent blocking keys (:mod:`.keys`, :mod:`.index`).
- :func:`score`, :func:`why`, :data:`MATCH_THRESHOLD` — the matcher (:mod:`.match`), which
  reads names into roles first (:mod:`.parse`).
- :class:`NameIndex` — top-k candidates among many names.

Input that is not a name (empty, over :data:`MAX_NAME_LENGTH` characters) is
:class:`InvalidName`: :func:`score` gives 0.0 and :func:`why` says why; only
:meth:`NameIndex.add` raises.
"""

from __future__ import annotations

from letapis.names.forms import all_forms, to_lacinka
from letapis.names.given import given_name_family
from letapis.names.index import Candidate, NameIndex, name_keys
from letapis.names.match import MATCH_THRESHOLD, MatchExplanation, PartMatch, score, why
from letapis.names.parse import MAX_NAME_LENGTH, InvalidName
from letapis.names.scripts import detect_language, detect_script
from letapis.names.translit import (
    RU_SYSTEMS,
    be_to_lacinka,
    be_to_national,
    be_to_passport,
    lacinka_to_be,
    ru_to_latin,
)

__all__ = [
    "MATCH_THRESHOLD",
    "MAX_NAME_LENGTH",
    "RU_SYSTEMS",
    "Candidate",
    "InvalidName",
    "MatchExplanation",
    "NameIndex",
    "PartMatch",
    "all_forms",
    "be_to_lacinka",
    "be_to_national",
    "be_to_passport",
    "detect_language",
    "detect_script",
    "given_name_family",
    "lacinka_to_be",
    "name_keys",
    "ru_to_latin",
    "score",
    "to_lacinka",
    "why",
]
