"""A person's criminal case typed by hand: the form to add one and to correct one.

The page validates; :func:`letapis.registry.services.do_create_criminal_case` and
:func:`~letapis.registry.services.do_update_criminal_case` write, each in one transaction with
its audit entry. A source (one the editor may see) and a quote from it, when given, are
recorded as an accepted claim behind the case, so a fact typed by hand cites what says it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from letapis import access
from letapis.accounts.actor import Viewer
from letapis.registry import services as registry
from letapis.registry.models import CriminalCase, Person, Source
from letapis.web import common
from letapis.web.access import role_required, signed_in_user
from letapis.web.forms import PartialDateField, SuggestInput, TermField, decompose_date, organisation_suggestions
from letapis.web.persons import level_choices

#: How many of the latest sources the form offers to cite.
SOURCE_CHOICES = 200


class CaseForm(forms.Form):
    articles = forms.CharField(
        label=gettext_lazy("Articles of the Criminal Code"),
        required=False,
        max_length=500,
        help_text=gettext_lazy("Separated by commas: 342 part 1, 361-1."),
        widget=forms.TextInput(attrs={"placeholder": "342 part 1, 361-1", "autocomplete": "off"}),
    )
    case_number = forms.CharField(label=gettext_lazy("Case number"), required=False, max_length=100)
    court = forms.CharField(
        label=gettext_lazy("Court"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("A court of the registry, or the name of a new one."),
        widget=SuggestInput,
    )
    judge = forms.CharField(label=gettext_lazy("Judge"), required=False, max_length=300)
    term = TermField(label=gettext_lazy("Term"))
    regime = forms.ChoiceField(label=gettext_lazy("Regime"), required=False, choices=())
    verdict_date = PartialDateField(label=gettext_lazy("Date of the verdict"))
    appeal_date = PartialDateField(label=gettext_lazy("Date of the appeal's decision"))
    confidentiality = forms.ChoiceField(label=gettext_lazy("Confidentiality"), choices=())
    source = forms.TypedChoiceField(label=gettext_lazy("Source"), required=False, coerce=int, empty_value=None)
    quote = forms.CharField(
        label=gettext_lazy("Quote from the source"),
        required=False,
        max_length=5000,
        help_text=gettext_lazy("The words of the source that say so, exactly as they stand in it."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, user: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        common.set_choices(self, "regime", [("", "—"), *common.options("sentence_regimes")])
        common.set_choices(self, "confidentiality", level_choices(user))
        court = self.fields["court"].widget
        assert isinstance(court, SuggestInput)
        court.suggestions = organisation_suggestions(user, kind="court")
        for name in ("verdict_date", "appeal_date"):
            stored = self.initial.get(name)
            if isinstance(stored, str) and stored.strip() != "" and decompose_date(stored) is None:
                self.fields[name].help_text = _("Stored as “%(text)s”; enter it again to change it.") % {"text": stored}
        sources = access.visible_sources(user, Source.objects.order_by("-created_at", "-id"))[:SOURCE_CHOICES]
        common.set_choices(
            self,
            "source",
            [("", _("none")), *((s.pk, f"#{s.pk} {s}" + (f" ({s.date})" if s.date else "")) for s in sources)],
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("term") == 0:
            self.add_error("term", _("A term is at least one month; leave both empty when it is not known."))
        if data.get("quote", "").strip() != "" and data.get("source") is None:
            self.add_error("source", _("Choose the source the quote comes from."))
        return data


def _initial(case: CriminalCase, user: Viewer) -> dict[str, Any]:
    court = case.court if case.court is not None and case.court.confidentiality in access.levels_for(user) else None
    judge = case.judge_name
    if case.judge is not None and access.visible_persons(user).filter(pk=case.judge.pk).exists():
        judge = case.judge.display_name
    return {
        "articles": ", ".join(case.articles),
        "case_number": case.case_number,
        "court": "" if court is None else court.name,
        "judge": judge,
        "term": case.sentence_months,
        "regime": case.sentence_kind,
        "verdict_date": case.sentence_date,
        "appeal_date": case.appeal_date,
        "confidentiality": case.confidentiality,
    }


def _fields(data: dict[str, Any]) -> dict[str, Any]:
    """The service's fields from the form's."""
    return {
        "articles": [a for a in data["articles"].split(",") if a.strip() != ""],
        "case_number": data["case_number"].strip(),
        "court_name": data["court"],
        "judge_name": data["judge"],
        "sentence_kind": data["regime"],
        "sentence_months": data["term"],
        "sentence_date": data["verdict_date"],
        "appeal_date": data["appeal_date"],
        "confidentiality": data["confidentiality"],
    }


def _source(request: HttpRequest, source_id: int | None) -> Source | None:
    if source_id is None:
        return None
    return access.visible_sources(signed_in_user(request)).filter(pk=source_id).first()


def _page(
    request: HttpRequest, person: Person, form: CaseForm, case: CriminalCase | None, status: int = 200
) -> HttpResponse:
    context = {"person": person, "form": form, "case": case}
    return render(request, "web/cases/form.html", context, status=status)


@role_required("editor")
def case_new(request: HttpRequest, person_id: int) -> HttpResponse:
    """Add a criminal case to a person (one the editor may see)."""
    user = signed_in_user(request)
    person = get_object_or_404(access.visible_persons(user), pk=person_id)
    if request.method != "POST":
        return _page(request, person, CaseForm(user=user, initial={"confidentiality": person.confidentiality}), None)
    form = CaseForm(request.POST, user=user)
    if not form.is_valid():
        return _page(request, person, form, None, status=400)
    data = form.cleaned_data
    try:
        registry.do_create_criminal_case(
            user,
            person,
            **_fields(data),
            source=_source(request, data["source"]),
            quote=data["quote"],
        )
    except registry.ServiceError as exc:
        form.add_error(None, str(exc))
        return _page(request, person, form, None, status=400)
    messages.success(request, _("Criminal case added."))
    return redirect("web:person", person_id=person.pk)


@role_required("editor")
def case_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    """Correct a criminal case (one the editor may see, of a person they may see)."""
    user = signed_in_user(request)
    case = get_object_or_404(
        access.visible(user, CriminalCase.objects.filter(person__in=access.visible_persons(user))), pk=case_id
    )
    person = case.person
    if request.method != "POST":
        return _page(request, person, CaseForm(user=user, initial=_initial(case, user)), case)
    form = CaseForm(request.POST, user=user)
    if not form.is_valid():
        return _page(request, person, form, case, status=400)
    data = form.cleaned_data
    try:
        fields = _fields(data)
        shown = _initial(case, user)
        if case.court is not None and shown["court"] == "" and fields["court_name"].strip() == "":
            del fields["court_name"]  # a court the editor may not see stays as it is
        if fields["judge_name"] == shown["judge"]:
            del fields["judge_name"]  # unchanged: a linked judge stays linked
        elif case.judge_id is not None and shown["judge"] != case.judge_name:
            fields["judge"] = None  # the name replaces the linked person the editor saw
        registry.do_update_criminal_case(
            user, case, **fields, source=_source(request, data["source"]), quote=data["quote"]
        )
    except registry.ServiceError as exc:
        form.add_error(None, str(exc))
        return _page(request, person, form, case, status=400)
    messages.success(request, _("Criminal case saved."))
    return redirect("web:person", person_id=person.pk)
