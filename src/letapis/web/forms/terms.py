"""A term in years and months (a sentence, a restriction), kept as a number of months."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from letapis.web.forms.parts import labelled, number_messages

#: The longest term the inputs take: 100 years.
MAX_MONTHS = 1200


class TermWidget(forms.MultiWidget):
    """Two numbers side by side, each labelled after it: "3 years 6 months"."""

    template_name = "web/forms/term.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        number = {"inputmode": "numeric", "autocomplete": "off", "min": 0}
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            "years": forms.NumberInput(attrs={**number, "max": MAX_MONTHS // 12, "class": "years"}),
            "months": forms.NumberInput(attrs={**number, "max": MAX_MONTHS, "class": "months"}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[int | None]:
        if not isinstance(value, int) or isinstance(value, bool):
            return [None, None]
        return [value // 12, value % 12]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        labelled(context, "parts", (_("years"), _("months")))
        return context


class TermField(forms.MultiValueField):
    """Years and months, cleaned to the number of months (``None`` when both are empty)."""

    widget = TermWidget

    def __init__(self, **kwargs: Any) -> None:
        years = number_messages(_("Years: a number from 0 to 100."))
        months = number_messages(_("Months: a whole number, 0 or more."))
        fields = (
            forms.IntegerField(min_value=0, max_value=MAX_MONTHS // 12, required=False, error_messages=years),
            forms.IntegerField(min_value=0, required=False, error_messages=months),
        )
        kwargs.setdefault("required", False)
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[Any]) -> int | None:
        years, months = (list(data_list) + [None, None])[:2]
        if years is None and months is None:
            return None
        total = (years or 0) * 12 + (months or 0)
        if total > MAX_MONTHS:
            raise forms.ValidationError(_("A term of more than 100 years is not a term."), code="too_long")
        return total
