"""Pages of following: the person page's term section takes an editor's contact and term change.

The section itself is rendered by :func:`letapis.web.persons.person_page` (from
:func:`letapis.read.persons.term_section`); these two forms post here, through the
services of :mod:`letapis.following.services`, and go back to the person page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
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
from letapis.registry.models import CriminalCase, Person, TermChangeKind
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


def _carry_out(
    request: HttpRequest, person: Person, call: Callable[[], object] | None, done: str, invalid: str
) -> HttpResponse:
    """Run the service ``call`` of a valid form (``None``: the form was not valid), say on the
    next page how it went, and go back to the person page."""
    if call is None:
        messages.error(request, invalid)
    else:
        try:
            call()
        except ServiceError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, done)
    return redirect("web:person", person_id=person.pk)


@require_POST
@role_required("editor")
def term_record_contact(request: HttpRequest, person_id: int) -> HttpResponse:
    """Record a letter, a lawyer's or a family visit of a person the editor may see."""
    person = get_object_or_404(access.visible_persons(request.user), pk=person_id)
    form = ContactForm(request.POST, user=request.user)
    call = None
    if form.is_valid():
        data = form.cleaned_data
        call = partial(
            services.do_record_contact,
            signed_in_user(request),
            person,
            type=data["type"],
            date=data["date"],
            confidentiality=data["confidentiality"],
        )
    return _carry_out(
        request, person, call, _("Contact recorded."), _("Choose the contact, its date and who may read it.")
    )


@require_POST
@role_required("editor")
def term_add_change(request: HttpRequest, person_id: int) -> HttpResponse:
    """Record a later change of the term of one of the person's cases the editor may see (the
    case being served, which the form names)."""
    person = get_object_or_404(access.visible_persons(request.user), pk=person_id)
    form = TermChangeForm(request.POST, user=request.user)
    call = None
    if form.is_valid():
        data = form.cleaned_data
        case = access.visible(request.user, CriminalCase.objects.filter(person=person)).filter(pk=data["case"]).first()
        if case is not None:
            call = partial(
                services.do_add_term_change,
                signed_in_user(request),
                case,
                kind=data["kind"],
                months=data["months"],
                days=data["days"],
                date=data["date"] or "",
                confidentiality=data["confidentiality"],
            )
    return _carry_out(
        request,
        person,
        call,
        _("Term change recorded."),
        _("Give the change, its months or days, and who may read it."),
    )


urlpatterns: list[Any] = [
    path("following/persons/<int:person_id>/contact/", term_record_contact, name="term_record_contact"),
    path("following/persons/<int:person_id>/term-change/", term_add_change, name="term_add_change"),
]
