"""The edit form of each kind of claim: labelled fields with the right inputs, read from and
written back to the claim's stored value (the keys of :mod:`letapis.claims`).

A form shows every field of its kind, filled or not, so that a field the extractor left empty
(a detention's date) can be added and a filled one cleared. :meth:`ClaimForm.edits` gives only
what the reviewer changed, as the value's keys and JSON values, for
:func:`letapis.review.services.do_accept_claim` or :func:`~letapis.review.services.do_edit_claim`.
:func:`value_rows` says what a claim's value holds, in words, for the claim's page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from django import forms
from django.utils.dates import MONTHS, MONTHS_ALT
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from letapis.accounts.actor import Viewer
from letapis.vocab import vocabulary
from letapis.web import common
from letapis.web.forms import (
    CodesField,
    PartialDateField,
    SuggestInput,
    TermField,
    article_choices,
    countries_field,
    country_choices,
    decompose_date,
    organisation_suggestions,
    place_suggestions,
)
from letapis.web.forms.dates import QUALIFIERS
from letapis.web.review.describe import HIDDEN_KEYS

#: The label of each key of a claim's value, wherever it appears.
KEY_LABELS: dict[str, Any] = {
    "name": _("Name as written"),
    "name_latin": _("Name in Łacinka"),
    "names": _("Other forms of the name"),
    "status": _("Status"),
    "person_name": _("Person, as the source names them"),
    "occupation": _("Occupation"),
    "label": _("Words of the source"),
    "organisation": _("Organisation"),
    "role": _("Role"),
    "honour": _("Honour"),
    "text": _("Words of the source"),
    "date": _("Date"),
    "type": _("Event type"),
    "place": _("Place"),
    "count": _("Number of persons"),
    "foreign_nationals": _("Of them foreign nationals"),
    "destinations": _("Sent to (countries)"),
    "forced_exile": _("Forced into exile"),
    "persons": _("Persons named"),
    "term_months": _("Term"),
    "article": _("Article of the Criminal Code"),
    "articles": _("Articles of the Criminal Code"),
    "court": _("Court"),
    "judge": _("Judge"),
    "months": _("Term"),
    "regime": _("Regime"),
    "appeal_date": _("Date of the appeal"),
    "case_number": _("Case number"),
}


def key_label(key: str) -> str:
    """The label of a value's key; a key no form knows, in words (``some_key`` → "Some key")."""
    known = KEY_LABELS.get(key)
    return str(known) if known is not None else key.replace("_", " ").capitalize()


def _vocab_choices(vocab: str) -> Callable[[], list[tuple[str, str]]]:
    return lambda: [("", "—"), *common.options(vocab)]


def _vocab_field(vocab: str, *, required: bool = False, **kwargs: Any) -> forms.ChoiceField:
    messages = {"required": _("Choose one from the list.")}
    return forms.ChoiceField(choices=_vocab_choices(vocab), required=required, error_messages=messages, **kwargs)


class LinesField(forms.CharField):
    """A list of texts, one per line."""

    widget = forms.Textarea

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        kwargs.setdefault("help_text", _("One per line."))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(str(v) for v in value) if isinstance(value, list | tuple) else value

    def to_python(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return [str(v) for v in value]
        text = super().to_python(value)
        return [" ".join(line.split()) for line in str(text).splitlines() if line.strip() != ""]


def _count_field() -> forms.IntegerField:
    message = _("A number of persons: a whole number, 0 or more.")
    return forms.IntegerField(required=False, min_value=0, error_messages={"min_value": message, "invalid": message})


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


def _person_name_field() -> forms.CharField:
    return forms.CharField(required=False, max_length=300)


class ClaimForm(forms.Form):
    """The fields of one kind of claim; the inputs are named ``value.KEY`` (``value.date_year``
    for the parts of one)."""

    kind: ClassVar[str] = ""
    #: keys of older values that a field of the form reads under another name: key → field
    older_keys: ClassVar[dict[str, str]] = {}
    #: vocabulary fields whose stored value may be a label rather than a code: field → vocabulary
    vocab_keys: ClassVar[dict[str, str]] = {}
    required_css_class = "required"

    def __init__(self, data: Any = None, *, value: Mapping[str, Any], user: Viewer) -> None:
        self.stored = dict(value)
        super().__init__(data, initial={name: self.initial_of(name) for name in self.base_fields}, label_suffix="")
        for name, field in self.fields.items():
            field.label = key_label(name) if field.label is None else field.label
            if isinstance(field, PartialDateField):
                raw = self.stored.get(name)
                if isinstance(raw, str) and raw.strip() != "" and decompose_date(raw) is None:
                    field.help_text = _("Stored as “%(text)s”; enter it again to change it.") % {"text": raw}
        self.setup(user)

    def add_prefix(self, field_name: str) -> str:
        return f"value.{field_name}"

    def setup(self, user: Viewer) -> None:
        """Per-request choices and suggestions (what ``user`` may see)."""

    def initial_of(self, name: str) -> Any:
        raw = self.stored.get(name)
        vocab = self.vocab_keys.get(name)
        if vocab is not None:
            if not isinstance(raw, str) or raw == "":
                return ""
            term = vocabulary(vocab).get(raw) or vocabulary(vocab).lookup(raw)
            return "" if term is None else term.code
        return raw

    def edits(self) -> dict[str, Any]:
        """What the reviewer changed (call after ``is_valid()``): the value's keys with their new
        JSON values, ``None`` for a cleared field. A field the form did not send is left alone."""
        if not self.is_valid():
            raise ValueError("the form has errors: show them, do not save it")
        out: dict[str, Any] = {}
        for name in self.changed_data:
            field = self.fields[name]
            if field.widget.value_omitted_from_data(self.data, self.files, self.add_prefix(name)):
                continue
            new = self.cleaned_data.get(name)
            old = self.stored.get(name)
            if _empty(new) and _empty(old):
                continue
            new = None if _empty(new) and not isinstance(new, list) else new
            if new != old:
                out[name] = new
        return out

    def errors_in_words(self) -> list[str]:
        """Every error, each after its field's label."""
        lines = []
        for name, errors in self.errors.items():
            label = "" if name == "__all__" else f"{self.fields[name].label}: "
            lines += [f"{label}{error}" for error in errors]
        return lines


class PersonForm(ClaimForm):
    kind = "person"
    name = forms.CharField(
        max_length=300, error_messages={"required": _("A person claim needs the name as the source writes it.")}
    )
    name_latin = forms.CharField(required=False, max_length=300)
    names = LinesField()
    status = _vocab_field("statuses")
    vocab_keys = {"status": "statuses"}


def _coded_form(kind: str, key: str, vocab: str, words: str, max_length: int) -> type[ClaimForm]:
    """The form of a claim about a person that names a vocabulary term (``key``) and keeps the
    source's own words (``words``)."""
    fields = {
        "person_name": _person_name_field(),
        key: _vocab_field(vocab),
        words: forms.CharField(required=False, max_length=max_length),
    }
    return type(f"{kind.capitalize()}Form", (ClaimForm,), {"kind": kind, "vocab_keys": {key: vocab}, **fields})


OccupationForm = _coded_form("occupation", "occupation", "occupations", "label", 300)


class MembershipForm(ClaimForm):
    kind = "membership"
    person_name = _person_name_field()
    organisation = forms.CharField(required=False, max_length=300, widget=SuggestInput)
    role = _vocab_field("membership_roles")
    vocab_keys = {"role": "membership_roles"}

    def setup(self, user: Viewer) -> None:
        self.fields["organisation"].widget.suggestions = organisation_suggestions(user)


HonourForm = _coded_form("honour", "honour", "honours", "text", 500)


class StatusForm(ClaimForm):
    kind = "status"
    person_name = _person_name_field()
    status = _vocab_field("statuses", required=True)
    date = PartialDateField(help_text=_("The exact day; leave it empty for the source's date."))
    vocab_keys = {"status": "statuses"}

    def clean_date(self) -> str:
        text: str = self.cleaned_data["date"]
        if text != "" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) is None:
            raise forms.ValidationError(
                _("A status is on one day: give the year, the month and the day, with no qualifier."),
                code="not_a_day",
            )
        return text


def _articles_field(**kwargs: Any) -> CodesField:
    return CodesField(
        choices=article_choices,
        # an article's number, then perhaps its part in words: "342.1", "361-1", "342 part 1"
        pattern=r"\d{1,3}(-\d{1,2})?([ .][\w. ]{1,30})?",
        separators=r"\s*[,;]\s*",
        invalid=_("%(code)s is not an article number (e.g. 342, 361-1 or 342 part 1)."),
        other_label=_("Other articles"),
        **kwargs,
    )


class EventForm(ClaimForm):
    kind = "event"
    type = _vocab_field("event_types", required=True)
    date = PartialDateField()
    place = forms.CharField(required=False, max_length=300, widget=SuggestInput)
    count = _count_field()
    foreign_nationals = _count_field()
    destinations = countries_field()
    forced_exile = forms.BooleanField(required=False)
    persons = LinesField()
    term_months = TermField()
    article = forms.CharField(required=False, max_length=40, widget=SuggestInput)
    regime = _vocab_field("sentence_regimes")
    vocab_keys = {"type": "event_types", "regime": "sentence_regimes"}

    def setup(self, user: Viewer) -> None:
        self.fields["place"].widget.suggestions = place_suggestions(user)
        self.fields["article"].widget.suggestions = [code for code, _label in article_choices()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        count, foreign = data.get("count"), data.get("foreign_nationals")
        if foreign is not None and (count is None or foreign > count):
            self.add_error(
                "foreign_nationals",
                _("The foreign nationals are part of the number of persons: give that number, at least as large."),
            )
        return data


class CaseForm(ClaimForm):
    """A criminal case: the articles, the court and the judge, the term and its regime, the
    dates of the verdict and of the appeal."""

    kind = "criminal_case"
    older_keys = {"months": "term_months"}
    person_name = _person_name_field()
    articles = _articles_field()
    case_number = forms.CharField(required=False, max_length=100)
    court = forms.CharField(required=False, max_length=300, widget=SuggestInput)
    judge = forms.CharField(required=False, max_length=300)
    term_months = TermField()
    regime = _vocab_field("sentence_regimes")
    date = PartialDateField(label=_("Date of the verdict"))
    appeal_date = PartialDateField()
    vocab_keys = {"regime": "sentence_regimes"}

    def initial_of(self, name: str) -> Any:
        if name == "term_months" and self.stored.get("term_months") is None:
            return self.stored.get("months")  # the term as older values give it
        return super().initial_of(name)

    def edits(self) -> dict[str, Any]:
        out = super().edits()
        if "term_months" in out and self.stored.get("months") is not None:
            out["months"] = None  # one term, under the key of today's values
        return out

    def setup(self, user: Viewer) -> None:
        self.fields["court"].widget.suggestions = organisation_suggestions(user, kind="court")


FORMS: dict[str, type[ClaimForm]] = {
    form.kind: form
    for form in (PersonForm, OccupationForm, MembershipForm, HonourForm, StatusForm, EventForm, CaseForm)
}


def _field_for(value: Any) -> forms.Field:
    """The input of a key no form knows, by the type of its value."""
    if isinstance(value, bool):
        return forms.BooleanField(required=False)
    if isinstance(value, int):
        return forms.IntegerField(required=False)
    if isinstance(value, list | tuple):
        return LinesField()
    return forms.CharField(required=False, max_length=2000)


def claim_form(kind: str, value: Mapping[str, Any], user: Viewer, data: Any = None) -> ClaimForm:
    """The edit form of a claim of ``kind`` holding ``value`` (``data``: the submitted form).
    A key of the value that the kind's form has no field for gets an input by its type, so that
    nothing the claim holds is out of reach."""
    cls = FORMS.get(kind, ClaimForm)
    extra = {
        key: _field_for(item)
        for key, item in value.items()
        if key not in cls.base_fields and key not in HIDDEN_KEYS and key not in cls.older_keys
    }
    if extra:
        cls = type(f"{cls.__name__}WithExtra", (cls,), dict(extra))
    return cls(data, value=value, user=user)


# ---------------------------------------------------------------------------------------------
# A value in words


def date_words(text: str) -> str:
    """A stored partial date in words: "about November 2021", "on or before 12 December 2025"."""
    parts = decompose_date(text)
    if parts is None:
        return text
    qualifier, year, month, day, to_year, to_month, to_day = parts

    def simple(y: Any, m: str, d: Any) -> str:
        if y is None:
            return ""
        if m == "":
            return str(y)
        if d is None:
            return f"{MONTHS[int(m)]} {y}"  # the month's own name: "лістапад 2021"
        return f"{d} {MONTHS_ALT[int(m)]} {y}"  # the month of a day (genitive in be, ru): "5 лістапада 2021"

    start = simple(year, month, day)
    if qualifier == "":
        return start
    label = str(dict(QUALIFIERS)[qualifier])
    if qualifier == "between":
        return f"{label} {start} — {simple(to_year, to_month, to_day)}"
    return f"{label} {start}"


def term_words(months: int) -> str:
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(ngettext("%(n)d year", "%(n)d years", years) % {"n": years})
    if rest or not years:
        parts.append(ngettext("%(n)d month", "%(n)d months", rest) % {"n": rest})
    return " ".join(parts)


_VOCAB_OF_KEY = {
    "status": "statuses",
    "occupation": "occupations",
    "role": "membership_roles",
    "honour": "honours",
    "type": "event_types",
    "regime": "sentence_regimes",
}


def _words(key: str, item: Any) -> str:
    if isinstance(item, bool):
        return str(_("yes")) if item else str(_("no"))
    if key in ("term_months", "months") and isinstance(item, int):
        return term_words(item)
    if key in ("date", "appeal_date") and isinstance(item, str):
        return date_words(item)
    if key == "destinations" and isinstance(item, list | tuple):
        names = dict(country_choices())
        return ", ".join(names.get(str(c), str(c)) for c in item)
    vocab = _VOCAB_OF_KEY.get(key)
    if vocab is not None and isinstance(item, str):
        return common.label(vocab, item)
    if isinstance(item, list | tuple):
        return ", ".join(str(i) for i in item)
    if isinstance(item, Mapping):
        return "; ".join(f"{key_label(str(k))}: {_words(str(k), v)}" for k, v in item.items())
    return str(item)


def value_rows(kind: str, value: Mapping[str, Any]) -> list[tuple[str, str]]:
    """What a claim's value holds, as (label, words), in its form's order; empty fields left out."""
    cls = FORMS.get(kind, ClaimForm)
    older = {field: key for key, field in cls.older_keys.items() if key in value and field not in value}
    keys = [older.get(k, k) for k in cls.base_fields if k in value or k in older]
    keys += [k for k in value if k not in cls.base_fields and k not in cls.older_keys]
    return [(key_label(k), _words(k, value[k])) for k in keys if k not in HIDDEN_KEYS and not _empty(value[k])]
