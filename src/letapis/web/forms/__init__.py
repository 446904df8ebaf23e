"""Form fields the editing pages share: partial dates, terms, lists of codes, suggested names.

- :class:`PartialDateField` — a date known to the year, the month or the day, with a
  qualifier (about, perhaps, on or before, on or after, between), entered as separate year,
  month and day inputs (no browser date picker) and given as the EDTF text of
  :mod:`letapis.edtf`.
- :class:`TermField` — a term in years and months, given as a number of months.
- :class:`CodesField` — a list of codes: known ones ticked by their names, others typed
  (countries by ISO code, Criminal Code articles); :func:`country_choices`,
  :func:`article_choices` give the known ones in the page's language.
- :class:`SuggestInput` — a text input with a ``<datalist>`` of suggestions (the browser's own
  autocomplete): :func:`place_suggestions` and :func:`organisation_suggestions` give the names
  a user may see (:mod:`letapis.access`).

Every label, hint and error is translated; every input wraps on a phone (no fixed widths).
"""

from __future__ import annotations

from letapis.web.forms.codes import CodesField, article_choices, countries_field, country_choices
from letapis.web.forms.dates import PartialDateField, PartialDateWidget, compose_date, decompose_date
from letapis.web.forms.suggest import SuggestInput, organisation_suggestions, place_suggestions
from letapis.web.forms.terms import TermField

__all__ = [
    "CodesField",
    "PartialDateField",
    "PartialDateWidget",
    "SuggestInput",
    "TermField",
    "article_choices",
    "compose_date",
    "countries_field",
    "country_choices",
    "decompose_date",
    "organisation_suggestions",
    "place_suggestions",
]
