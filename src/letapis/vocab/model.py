"""A term and a vocabulary: immutable values built by :mod:`letapis.vocab.load`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from letapis.vocab.errors import VocabularyError
from letapis.vocab.normalise import normalise

__all__ = ["LANGUAGES", "Term", "Vocabulary"]

#: The languages every term is labelled in.
LANGUAGES = ("en", "be", "ru")


@dataclass(frozen=True)
class Term:
    """One entry of a vocabulary.

    ``labels`` holds the label in each of :data:`LANGUAGES` (for persons: masculine nominative).
    ``forms`` holds, per language, every surface form a text may use, in lower case, the label
    first: plurals, feminine forms, synonyms. ``extra`` holds the keys particular to the
    vocabulary (``cultural``, ``status_effect``, ``exile``, ``side``, ``description`` …).
    Treat all three as read-only: terms are cached and shared.
    """

    vocabulary: str
    code: str
    labels: dict[str, str] = field(hash=False)
    forms: dict[str, tuple[str, ...]] = field(hash=False)
    extra: dict[str, Any] = field(hash=False, default_factory=dict)

    def label(self, lang: str = "en", *, feminine: bool = False) -> str:
        """The label in ``lang`` (en, be or ru); with ``feminine``, the feminine label where the
        vocabulary gives one (пісьменніца, писательница), else the usual label."""
        if lang not in self.labels:
            raise VocabularyError(f"{self.vocabulary}: {self.code}: no label in {lang!r}; use one of {LANGUAGES}")
        if feminine:
            female: dict[str, str] = self.extra.get("feminine", {})
            return female.get(lang, self.labels[lang])
        return self.labels[lang]

    def all_forms(self) -> tuple[str, ...]:
        """Every form in every language, labels included, without repeats."""
        return tuple(dict.fromkeys(form for lang in LANGUAGES for form in self.forms.get(lang, ())))


class Vocabulary:
    """The terms of one vocabulary, by code, with a case-insensitive lookup over labels and forms."""

    def __init__(self, name: str, path: Path, terms: tuple[Term, ...], index: dict[str, str]) -> None:
        self.name = name
        self.path = path
        self._terms = terms
        self._by_code = {term.code: term for term in terms}
        self._index = index

    def __repr__(self) -> str:
        return f"<Vocabulary {self.name}: {len(self._terms)} terms>"

    def __getitem__(self, code: str) -> Term:
        try:
            return self._by_code[code]
        except KeyError:
            raise KeyError(f"{self.name}: no term with code {code!r}") from None

    def get(self, code: str) -> Term | None:
        """The term with this code, or None."""
        return self._by_code.get(code)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._by_code

    def __len__(self) -> int:
        return len(self._terms)

    def __iter__(self) -> Iterator[Term]:
        return iter(self._terms)

    def codes(self) -> tuple[str, ...]:
        """The codes in file order."""
        return tuple(term.code for term in self._terms)

    def label(self, code: str, lang: str = "en", *, feminine: bool = False) -> str:
        """The label of ``code`` in ``lang`` (see :meth:`Term.label`); KeyError for an unknown code."""
        return self[code].label(lang, feminine=feminine)

    def lookup(self, text: str) -> Term | None:
        """The term whose code, label or form (any language) ``text`` is, or None.

        Case-insensitive; see :func:`letapis.vocab.normalise.normalise` for what else is forgiven.
        """
        term = self._by_code.get(text.strip())
        if term is not None:
            return term
        code = self._index.get(normalise(text))
        return None if code is None else self._by_code[code]

    def index(self, lang: str | None = None) -> dict[str, str]:
        """Normalised label or form → code (a copy: scan texts with it).

        Every language by default; with ``lang``, only that language's labels and forms, so that a
        Russian text does not meet a Belarusian word of another meaning ("музыка").
        """
        if lang is None:
            return dict(self._index)
        if lang not in LANGUAGES:
            raise VocabularyError(f"{self.name}: no language {lang!r}; use one of {LANGUAGES}")
        return {normalise(form): term.code for term in self._terms for form in term.forms[lang]}
