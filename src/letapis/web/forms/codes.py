"""A list of codes: the known ones ticked by their names, the others typed, comma-separated
(countries by ISO 3166 code, Criminal Code articles by number)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django import forms
from django.utils.choices import CallableChoiceIterator
from django.utils.translation import gettext_lazy as _

from letapis.language import country_name, words
from letapis.vocab import vocabulary
from letapis.web import common

Choices = Callable[[], list[tuple[str, str]]]


def country_choices() -> list[tuple[str, str]]:
    """The countries the project names (``letapis.language``), in the page's language."""
    here = common.lang()
    return sorted(((code, country_name(code, here)) for code in words()["countries"]), key=lambda c: c[1])


def article_choices() -> list[tuple[str, str]]:
    """The Criminal Code articles of the vocabulary: "342 — the label", in the page's language."""
    here = common.lang()
    return [(term.code, f"{term.code} — {term.label(here)}") for term in vocabulary("criminal_code_articles")]


def _is_pair(value: Any) -> bool:
    """Whether ``value`` is the inputs' pair (ticked codes, typed text) rather than a stored list."""
    return isinstance(value, list | tuple) and len(value) == 2 and isinstance(value[0], list | tuple)


class CodesWidget(forms.MultiWidget):
    template_name = "web/forms/codes.html"

    def __init__(self, choices: Choices, other_label: Any, attrs: dict[str, Any] | None = None) -> None:
        self.choices_of, self.other_label = choices, other_label
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            "known": forms.CheckboxSelectMultiple(choices=CallableChoiceIterator(choices)),
            "other": forms.TextInput(attrs={"autocomplete": "off", "class": "other"}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if _is_pair(value):
            return list(value)
        codes = [str(c) for c in value] if isinstance(value, list | tuple) else []
        known = {code for code, _label in self.choices_of()}
        return [[c for c in codes if c in known], ", ".join(c for c in codes if c not in known)]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, self.decompress(value), attrs)
        context["widget"]["other_label"] = self.other_label
        return context


class CodesField(forms.MultiValueField):
    """Codes ticked and typed, cleaned to a list (known ones in the choices' order, then the
    typed ones as typed, split at ``separators``); a typed code must match ``pattern``, else
    ``invalid`` says so."""

    def __init__(
        self,
        *,
        choices: Choices,
        pattern: str,
        invalid: Any,
        other_label: Any = None,
        upper: bool = False,
        separators: str = r"[,;\s]+",
        **kwargs: Any,
    ) -> None:
        self.choices_of, self.pattern, self.invalid, self.upper = choices, re.compile(pattern), invalid, upper
        self.separators = re.compile(separators)
        fields = (forms.MultipleChoiceField(choices=choices, required=False), forms.CharField(required=False))
        kwargs.setdefault("required", False)
        kwargs["widget"] = CodesWidget(choices, other_label if other_label is not None else _("Others"))
        super().__init__(fields, require_all_fields=False, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        return self.widget.decompress(value)

    def has_changed(self, initial: Any, data: Any) -> bool:
        return super().has_changed(self.widget.decompress(initial), data)

    def compress(self, data_list: list[Any]) -> list[str]:
        known, other = (list(data_list) + [[], ""])[:2]
        codes = [code for code, _label in self.choices_of() if code in (known or [])]
        for raw in self.separators.split(other or ""):
            code = raw.strip().upper() if self.upper else raw.strip()
            if code == "":
                continue
            if self.pattern.fullmatch(code) is None:
                raise forms.ValidationError(self.invalid % {"code": code[:20]}, code="invalid_code")
            if code not in codes:
                codes.append(code)
        return codes


def countries_field(**kwargs: Any) -> CodesField:
    """Countries (where people were sent): the known ones ticked, others by their two letters."""
    return CodesField(
        choices=country_choices,
        pattern=r"[A-Z]{2}",
        invalid=_("%(code)s is not a country code: two letters, e.g. LT."),
        other_label=_("Other countries (two-letter codes)"),
        upper=True,
        **kwargs,
    )
