"""Pages of following: the person page's term section takes an editor's contact and term change.

The section itself is rendered by :func:`letapis.web.persons.person_page` (from
:func:`letapis.read.persons.term_section`); these two forms post here, through the
services of :mod:`letapis.following.services`, and go back to the person page.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from letapis import access
from letapis.accounts.actor import Viewer
from letapis.following import services
from letapis.following.refresh import contact_types
from letapis.registry.models import CriminalCase, TermChangeKind
from letapis.registry.services import ServiceError
from letapis.web import common
from letapis.web.access import role_required, signed_in_user

KIND_LABELS = {
    TermChangeKind.ADDED: gettext_lazy("sentence added"),
    TermChangeKind.REDUCED: gettext_lazy("term reduced"),
    TermChangeKind.AMNESTY: gettext_lazy("amnesty"),
}
LEVEL_LABELS = {
    "public": gettext_lazy("public"),
    "internal": gettext_lazy("internal"),
    "confidential": gettext_lazy("confidential"),
}


def _levels(user: Viewer) -> list[tuple[str, str]]:
    return [(level, str(LEVEL_LABELS[level])) for level in access.levels_for(user)]


class ContactForm(forms.Form):
    type = forms.ChoiceField(label=gettext_lazy("Contact"), choices=())
    date = forms.CharField(label=gettext_lazy("Date"), max_length=40, help_text=gettext_lazy("2025-03-02 or 2025-03"))
    confidentiality = forms.ChoiceField(label=gettext_lazy("Confidentiality"), choices=())

    def __init__(self, *args: Any, user: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        common.set_choices(self, "type", [(code, common.label("event_types", code)) for code in contact_types()])
        common.set_choices(self, "confidentiality", _levels(user))
        self.fields["confidentiality"].initial = "internal"


class TermChangeForm(forms.Form):
    case = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    kind = forms.ChoiceField(label=gettext_lazy("Change"), choices=())
    months = forms.IntegerField(label=gettext_lazy("Months"), min_value=0, max_value=360, initial=0)
    days = forms.IntegerField(label=gettext_lazy("Days"), min_value=0, max_value=3660, initial=0)
    date = forms.CharField(label=gettext_lazy("Date"), max_length=40, required=False)
    confidentiality = forms.ChoiceField(label=gettext_lazy("Confidentiality"), choices=())

    def __init__(self, *args: Any, user: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        common.set_choices(self, "kind", [(k, str(v)) for k, v in KIND_LABELS.items()])
        common.set_choices(self, "confidentiality", _levels(user))


@require_POST
@role_required("editor")
def term_record_contact(request: HttpRequest, person_id: int) -> HttpResponse:
    """Record a letter, a lawyer's or a family visit of a person the editor may see."""
    person = get_object_or_404(access.visible_persons(request.user), pk=person_id)
    form = ContactForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.do_record_contact(
                signed_in_user(request),
                person,
                type=form.cleaned_data["type"],
                date=form.cleaned_data["date"],
                confidentiality=form.cleaned_data["confidentiality"],
            )
        except ServiceError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Contact recorded."))
    else:
        messages.error(request, _("Choose the contact, its date and who may read it."))
    return redirect("web:person", person_id=person.pk)


@require_POST
@role_required("editor")
def term_add_change(request: HttpRequest, person_id: int) -> HttpResponse:
    """Record a later change of the term of one of the person's cases the editor may see (the
    case being served, which the form names)."""
    person = get_object_or_404(access.visible_persons(request.user), pk=person_id)
    form = TermChangeForm(request.POST, user=request.user)
    case = None
    if form.is_valid():
        case = (
            access.visible(request.user, CriminalCase.objects.filter(person=person))
            .filter(pk=form.cleaned_data["case"])
            .first()
        )
    if form.is_valid() and case is not None:
        try:
            services.do_add_term_change(
                signed_in_user(request),
                case,
                kind=form.cleaned_data["kind"],
                months=form.cleaned_data["months"],
                days=form.cleaned_data["days"],
                date=form.cleaned_data["date"] or "",
                confidentiality=form.cleaned_data["confidentiality"],
            )
        except ServiceError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Term change recorded."))
    else:
        messages.error(request, _("Give the change, its months or days, and who may read it."))
    return redirect("web:person", person_id=person.pk)


urlpatterns: list[Any] = [
    path("following/persons/<int:person_id>/contact/", term_record_contact, name="term_record_contact"),
    path("following/persons/<int:person_id>/term-change/", term_add_change, name="term_add_change"),
]
