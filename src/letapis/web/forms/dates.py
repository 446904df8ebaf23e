"""A partial date as separate inputs: a qualifier, the year, the month, the day (and the end of a
range), read into and written from the EDTF text the registry keeps (:mod:`letapis.edtf`).

==============  ==========================  ===================
qualifier       inputs                      text
==============  ==========================  ===================
(on / in)       2021 · November · 5         ``2021-11-05``
about           2021 · November             ``2021-11~``
perhaps         2021                        ``2021?``
on or before    2025 · December · 12        ``[..2025-12-12]``
on or after     2025 · December             ``[2025-12..]``
between         2021 · November, 2022       ``2021-11/2022``
==============  ==========================  ===================

The month is a select of month names and the year and day are plain numbers, so the hint beside
the inputs is the inputs' own labels: no browser date picker whose format differs from a hint.
"""

from __future__ import annotations

import calendar
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from letapis import edtf
from letapis.web.forms.parts import labelled, number_messages

#: The qualifiers, their EDTF shapes and their labels.
QUALIFIERS: tuple[tuple[str, Any], ...] = (
    ("", _("on / in")),
    ("about", _("about")),
    ("perhaps", _("perhaps")),
    ("before", _("on or before")),
    ("after", _("on or after")),
    ("between", _("between")),
)

_MARKS = {"~": "about", "?": "perhaps", "%": "about"}
_SUFFIX = {"about": "~", "perhaps": "?"}
_SIMPLE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

#: The names of the inputs after the field's name (``date_year``…), in order.
PARTS = ("q", "year", "month", "day", "to_year", "to_month", "to_day")

MIN_YEAR, MAX_YEAR = 1000, 2999

Parts = list[Any]  # [qualifier, year, month, day, to_year, to_month, to_day]


def _split(text: str) -> list[Any] | None:
    """``[year, month, day]`` of a simple date (``None`` for a missing month or day)."""
    match = _SIMPLE.match(text)
    if match is None:
        return None
    year, month, day = match.groups()
    return [int(year), "" if month is None else str(int(month)), None if day is None else int(day)]


def decompose_date(text: str | None) -> Parts | None:
    """The inputs' values for a stored date text; all empty for no date, ``None`` for a text
    the inputs cannot show (the form then says how it is stored)."""
    empty: Parts = ["", None, "", None, None, "", None]
    raw = (text or "").strip()
    if raw == "":
        return empty
    qualifier = ""
    if raw.startswith("[..") and raw.endswith("]"):
        qualifier, raw = "before", raw[3:-1]
    elif raw.startswith("[") and raw.endswith("..]"):
        qualifier, raw = "after", raw[1:-3]
    elif "/" in raw:
        start, _sep, end = raw.partition("/")
        first, last = _split(start), _split(end)
        if first is None or last is None:
            return None
        return ["between", *first, *last]
    elif raw[-1] in _MARKS:
        qualifier, raw = _MARKS[raw[-1]], raw[:-1]
    parts = _split(raw)
    return None if parts is None else [qualifier, *parts, None, "", None]


def _simple(year: int | None, month: str, day: int | None, *, end: bool = False) -> str:
    if year is None:
        if month != "" or day is not None:
            raise ValidationError(
                _("Give the year of the end as well.") if end else _("Give the year as well."), code="no_year"
            )
        return ""
    if day is not None and month == "":
        raise ValidationError(_("A day needs its month: choose the month."), code="no_month")
    text = f"{year:04d}"
    if month != "":
        text += f"-{int(month):02d}"
        if day is not None:
            if day > calendar.monthrange(year, int(month))[1]:
                raise ValidationError(
                    _("%(month)s %(year)s has no day %(day)s.")
                    % {"month": MONTHS[int(month)], "year": year, "day": day},
                    code="no_such_day",
                )
            text += f"-{day:02d}"
    return text


def compose_date(parts: Parts) -> str:
    """The EDTF text of the inputs' values (``""`` when no year is given); a
    :class:`~django.core.exceptions.ValidationError` that says in words what is wrong."""
    qualifier, year, month, day, to_year, to_month, to_day = (list(parts) + [None] * 7)[:7]
    qualifier, month, to_month = qualifier or "", month or "", to_month or ""
    start = _simple(year, month, day)
    if start == "":
        if qualifier != "" or to_year is not None:
            raise ValidationError(_("Give the year as well."), code="no_year")
        return ""
    if qualifier == "between":
        end = _simple(to_year, to_month, to_day, end=True)
        if end == "":
            raise ValidationError(_("Give the end of the range, at least its year."), code="no_end")
        text = f"{start}/{end}"
    elif qualifier == "before":
        text = f"[..{start}]"
    elif qualifier == "after":
        text = f"[{start}..]"
    else:
        text = start + _SUFFIX.get(qualifier, "")
    try:
        edtf.parse(text)
    except edtf.InvalidDate as exc:
        raise ValidationError(_("The range ends before it starts."), code="reversed") from exc
    return text


def _month_choices() -> list[tuple[str, Any]]:
    return [("", _("month")), *((str(number), name) for number, name in MONTHS.items())]


class PartialDateWidget(forms.MultiWidget):
    """The qualifier, year, month and day inputs, each with its visible label; the end of a
    range shows only when the qualifier is *between* (CSS ``:has``; every input works without)."""

    template_name = "web/forms/partial_date.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        number = {"inputmode": "numeric", "autocomplete": "off"}
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            "q": forms.Select(choices=QUALIFIERS, attrs={"class": "qualifier"}),
            "year": forms.NumberInput(attrs={**number, "min": MIN_YEAR, "max": MAX_YEAR, "class": "year"}),
            "month": forms.Select(choices=_month_choices(), attrs={"class": "month"}),
            "day": forms.NumberInput(attrs={**number, "min": 1, "max": 31, "class": "day"}),
            "to_year": forms.NumberInput(attrs={**number, "min": MIN_YEAR, "max": MAX_YEAR, "class": "year"}),
            "to_month": forms.Select(choices=_month_choices(), attrs={"class": "month"}),
            "to_day": forms.NumberInput(attrs={**number, "min": 1, "max": 31, "class": "day"}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> Parts:
        parts = decompose_date(value if isinstance(value, str) else None)
        return ["", None, "", None, None, "", None] if parts is None else parts

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        labelled(context, "start", (_("Qualifier"), _("Year"), _("Month"), _("Day")))
        labelled(context, "end", (_("Year"), _("Month"), _("Day")), start=4)
        return context


class PartialDateField(forms.MultiValueField):
    """A partial date (see the module): cleaned to its EDTF text, ``""`` when left empty."""

    widget = PartialDateWidget

    def __init__(self, **kwargs: Any) -> None:
        year = number_messages(_("Give the year in four digits, e.g. 2021."))
        day = number_messages(_("A day is a number from 1 to 31."))
        fields = (
            forms.ChoiceField(choices=QUALIFIERS, required=False),
            forms.IntegerField(min_value=MIN_YEAR, max_value=MAX_YEAR, required=False, error_messages=year),
            forms.ChoiceField(choices=_month_choices(), required=False),
            forms.IntegerField(min_value=1, max_value=31, required=False, error_messages=day),
            forms.IntegerField(min_value=MIN_YEAR, max_value=MAX_YEAR, required=False, error_messages=year),
            forms.ChoiceField(choices=_month_choices(), required=False),
            forms.IntegerField(min_value=1, max_value=31, required=False, error_messages=day),
        )
        kwargs.setdefault("required", False)
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[Any]) -> str:
        return compose_date(data_list) if data_list else ""

    def prepare_value(self, value: Any) -> Any:
        return value
