"""The one error of the vocabularies."""

from __future__ import annotations

__all__ = ["VocabularyError"]


class VocabularyError(ValueError):
    """A vocabulary file is broken, or an unknown vocabulary was asked for.

    The message names the file, the code (when there is one) and the problem, e.g.
    ``occupations.yaml: writer: label 'be' is missing``.
    """
