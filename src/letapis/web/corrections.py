"""A monitor's corrections on the person page and the event page: facts added (each citing,
if the monitor says so, the source and the words it comes from), corrected, removed, made
primary or given another level.

The views validate; every change is a registry service (``do_*``), which checks it again and
writes the audit log in the same transaction. A record is found only among those the editor may
see, and only as a part of the person or the event of the URL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from letapis import access
from letapis.accounts.actor import Viewer
from letapis.registry import models as m
from letapis.registry import services as registry
from letapis.web import common
from letapis.web.access import role_required, signed_in_user, user_or_none
from letapis.web.forms import (
    PartialDateField,
    SuggestInput,
    countries_field,
    organisation_suggestions,
    place_suggestions,
)
from letapis.web.naming import FORM_LABELS

#: The sources offered in a citation's list: the newest the editor may read.
SOURCES_OFFERED = 200

BLANK = ("", "—")


if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def level_choices(user: Viewer) -> list[tuple[str, str]]:
    from letapis.web.persons import level_choices  # the person page imports this module

    return level_choices(user)


def source_choices(user: Viewer) -> list[tuple[Any, str]]:
    """The sources a citation may name: the newest the user may read, by number and title."""
    rows = access.visible_sources(user).order_by("-id").values_list("pk", "title", "filename")[:SOURCES_OFFERED]
    return [(pk, f"{pk} · {(title or filename)[:40]}") for pk, title, filename in rows]


def _text(
    label: StrOrPromise, max_length: int, *, help_text: StrOrPromise = "", rows: int = 0, required: bool = False
) -> forms.CharField:
    """A text field (a text area of ``rows`` lines when given)."""
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return forms.CharField(label=label, max_length=max_length, help_text=help_text, widget=widget, required=required)


def _choice(label: StrOrPromise, *, required: bool = True, typed: bool = False) -> forms.ChoiceField:
    """A choice field whose choices are set per request (``typed``: an id, ``None`` when empty)."""
    if typed:
        return forms.TypedChoiceField(label=label, required=required, coerce=int, empty_value=None, choices=())
    return forms.ChoiceField(label=label, required=required, choices=())


def _level_field(required: bool = False) -> forms.ChoiceField:
    """A level of the user's (left out of a post: the level the service gives, the person's)."""
    return _choice(gettext_lazy("Confidentiality"), required=required)


class CitedForm(forms.Form):
    """A fact typed by hand, with the source it comes from and the words that state it (both optional)."""

    source = _choice(gettext_lazy("Source"), required=False, typed=True)
    quote = _text(
        gettext_lazy("Quote"),
        5000,
        rows=2,
        help_text=gettext_lazy("The words of the source that state the fact (optional)."),
    )
    #: vocabulary choices of the form's fields, by field (the first choice "—" where in BLANKS)
    vocabularies: dict[str, str] = {}
    blanks: frozenset[str] = frozenset()

    def __init__(self, *args: Any, user: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        common.set_choices(self, "source", [BLANK, *source_choices(user)])
        if "confidentiality" in self.fields:
            common.set_choices(self, "confidentiality", level_choices(user))
        for field, vocab in self.vocabularies.items():
            common.set_choices(
                self, field, [BLANK, *common.options(vocab)] if field in self.blanks else common.options(vocab)
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("quote", "").strip() != "" and cleaned.get("source") is None:
            self.add_error("source", _("A quote needs its source."))
        return cleaned

    def citation(self) -> registry.Citation | None:
        pk = self.cleaned_data.get("source")
        if pk is None:
            return None
        source = access.visible_sources(self.user).filter(pk=pk).first()
        if source is None:  # the choices hold only sources the user reads: a forged number
            raise Http404("No such source.")
        return registry.Citation(source, self.cleaned_data.get("quote", ""))


class NameForm(CitedForm):
    text = _text(gettext_lazy("Name"), 300, required=True)
    form = _choice(gettext_lazy("Form"))
    primary = forms.BooleanField(label=gettext_lazy("Make it the primary name"), required=False)
    confidentiality = _level_field()
    field_order = ("text", "form", "primary", "confidentiality", "source", "quote")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        common.set_choices(self, "form", [(code, str(label)) for code, label in FORM_LABELS.items()])


class OccupationForm(CitedForm):
    """An occupation: the list starts at "—", never at a code chosen for the editor."""

    code = _choice(gettext_lazy("Occupation"))
    confidentiality = _level_field()
    field_order = ("code", "confidentiality", "source", "quote")
    vocabularies = {"code": "occupations"}
    blanks = frozenset({"code"})


class MembershipForm(CitedForm):
    organisation = forms.CharField(label=gettext_lazy("Organisation"), max_length=300, widget=SuggestInput)
    role = _choice(gettext_lazy("Role"))
    start = PartialDateField(label=gettext_lazy("From"))
    end = PartialDateField(label=gettext_lazy("Until"))
    confidentiality = _level_field()
    field_order = ("organisation", "role", "start", "end", "confidentiality", "source", "quote")
    vocabularies = {"role": "membership_roles"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].widget.suggestions = organisation_suggestions(self.user)
        self.fields["role"].initial = "member"

    def clean_organisation(self) -> m.Organisation:
        name = " ".join(self.cleaned_data["organisation"].split())
        found = access.visible_organisations(self.user).filter(name=name).first()
        if found is None:
            raise forms.ValidationError(_("No organisation of the registry is named so."))
        return found


class HonourForm(CitedForm):
    code = _choice(gettext_lazy("Honour"), required=False)
    text = _text(gettext_lazy("Or its name"), 300, help_text=gettext_lazy("For an honour not in the list."))
    year = _text(gettext_lazy("Year"), 10)
    confidentiality = _level_field()
    field_order = ("code", "text", "year", "confidentiality", "source", "quote")
    vocabularies = {"code": "honours"}
    blanks = frozenset({"code"})


class NoteForm(CitedForm):
    text = _text(gettext_lazy("Note"), 20000, rows=3, required=True)
    confidentiality = _level_field()
    field_order = ("text", "confidentiality", "source", "quote")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["confidentiality"].initial = m.Confidentiality.INTERNAL


class LevelForm(forms.Form):
    confidentiality = _level_field(required=True)
    reason = _text(gettext_lazy("Why"), 500, help_text=gettext_lazy("Needed when more people may see it."))

    def __init__(self, *args: Any, user: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        common.set_choices(self, "confidentiality", level_choices(user))


class NameEditForm(forms.Form):
    text = _text(gettext_lazy("Name"), 300, required=True)
    form = forms.ChoiceField(choices=[(code, code) for code in FORM_LABELS])


class MembershipEditForm(forms.Form):
    role = forms.ChoiceField(choices=())
    start = _text(gettext_lazy("From"), 40)
    end = _text(gettext_lazy("Until"), 40)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        common.set_choices(self, "role", common.options("membership_roles"))


class NoteEditForm(forms.Form):
    text = _text(gettext_lazy("Note"), 20000, required=True)


def person_forms(person: m.Person, user: Viewer) -> dict[str, forms.Form]:
    """The add forms of the person page, the person's level the default of each fact's."""
    level = {"confidentiality": person.confidentiality}
    return {
        "name_form": NameForm(user=user, initial=level),
        "occupation_form": OccupationForm(user=user, initial=level),
        "membership_form": MembershipForm(user=user, initial=level),
        "honour_form": HonourForm(user=user, initial=level),
        "note_form": NoteForm(user=user),
        "level_form": LevelForm(user=user),
    }


def _visible_person(request: HttpRequest, person_id: int) -> m.Person:
    return get_object_or_404(access.visible_persons(user_or_none(request)), pk=person_id)


def _back(person: m.Person) -> HttpResponse:
    return redirect("web:person", person_id=person.pk)


def _apply(request: HttpRequest, change: Callable[[], Any], done: str) -> bool:
    """Run a service; its refusal becomes the page's error message."""
    try:
        change()
    except registry.ServiceError as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, done)
    return True


def _invalid(request: HttpRequest, form: forms.Form) -> None:
    problems = [
        f"{form.fields[f].label if f in form.fields else ''}: {' '.join(str(m) for m in e)}"
        for f, e in form.errors.items()
    ]
    messages.error(request, _("The form has errors: %(errors)s") % {"errors": "; ".join(problems)})


def _add_name(actor: Any, person: m.Person, data: dict[str, Any]) -> m.NameVariant:
    return registry.do_add_name(
        actor, person, data["text"], form=data["form"], is_primary=data["primary"], confidentiality=data["level"]
    )


def _add_occupation(actor: Any, person: m.Person, data: dict[str, Any]) -> m.Occupation:
    return registry.do_add_occupation(actor, person, data["code"], confidentiality=data["level"])


def _add_membership(actor: Any, person: m.Person, data: dict[str, Any]) -> m.Membership:
    return registry.do_add_membership(
        actor,
        person,
        data["organisation"],
        role=data["role"],
        start=data["start"],
        end=data["end"],
        confidentiality=data["level"],
    )


def _add_honour(actor: Any, person: m.Person, data: dict[str, Any]) -> m.Honour:
    return registry.do_add_honour(
        actor, person, code=data["code"], text=data["text"], year=data["year"].strip(), confidentiality=data["level"]
    )


def _add_note(actor: Any, person: m.Person, data: dict[str, Any]) -> m.Note:
    level = data["level"] or m.Confidentiality.INTERNAL
    return registry.do_add_note(actor, person=person, text=data["text"], confidentiality=level)


#: The URL name of each add form.
ADD_URLS = {
    "names": "person_add_name",
    "occupations": "person_add_occupation",
    "memberships": "person_add_membership",
    "honours": "person_add_honour",
    "notes": "person_add_note",
}

#: What each add form of the person page adds: its form, the service call, the message.
ADDERS: dict[str, tuple[type[CitedForm], Callable[[Any, m.Person, dict[str, Any]], Any], StrOrPromise]] = {
    "names": (NameForm, _add_name, gettext_lazy("Name added.")),
    "occupations": (OccupationForm, _add_occupation, gettext_lazy("Occupation added.")),
    "memberships": (MembershipForm, _add_membership, gettext_lazy("Membership added.")),
    "honours": (HonourForm, _add_honour, gettext_lazy("Honour added.")),
    "notes": (NoteForm, _add_note, gettext_lazy("Note added.")),
}


@require_POST
@role_required("editor")
def person_add(request: HttpRequest, person_id: int, kind: str) -> HttpResponse:
    """Add a fact of ``kind`` (:data:`ADDERS`) to a person, citing its source when given."""
    person = _visible_person(request, person_id)
    form_class, make, done = ADDERS[kind]
    form = form_class(request.POST, user=request.user)
    if not form.is_valid():
        _invalid(request, form)
        return _back(person)
    actor = signed_in_user(request)
    data = {**form.cleaned_data, "level": form.cleaned_data["confidentiality"] or None}
    citation = form.citation()
    _apply(request, lambda: registry.do_cited(actor, citation, lambda: make(actor, person, data)), str(done))
    return _back(person)


#: The facts of a person the page corrects, by the name in their URLs.
FACTS: dict[str, type[Model]] = {
    "names": m.NameVariant,
    "occupations": m.Occupation,
    "honours": m.Honour,
    "memberships": m.Membership,
    "notes": m.Note,
}


def _fact(request: HttpRequest, person: m.Person, kind: str, fact_id: int) -> Any:
    """A fact of ``person`` the user may see, or 404."""
    model = FACTS.get(kind)
    if model is None:
        raise Http404("No such kind of fact.")
    records: QuerySet[Any] = model._default_manager.filter(person=person)
    if model is m.Membership:
        records = access.visible_memberships(user_or_none(request), records)
    else:
        records = access.within_levels(user_or_none(request), records)
    return get_object_or_404(records, pk=fact_id)


def _edit_fact(request: HttpRequest, actor: Any, fact: Any) -> None:
    if isinstance(fact, m.NameVariant):
        form: forms.Form = NameEditForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            _apply(
                request, lambda: registry.do_update_name(actor, fact, text=data["text"], form=data["form"]), _("Saved.")
            )
            return
    elif isinstance(fact, m.Membership):
        form = MembershipEditForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            _apply(
                request,
                lambda: registry.do_update_membership(
                    actor, fact, role=data["role"], start=data["start"], end=data["end"]
                ),
                _("Saved."),
            )
            return
    elif isinstance(fact, m.Note):
        form = NoteEditForm(request.POST)
        if form.is_valid():
            _apply(request, lambda: registry.do_update_note(actor, fact, text=form.cleaned_data["text"]), _("Saved."))
            return
    else:
        raise Http404("This fact is removed and added again, not edited.")
    _invalid(request, form)


@require_POST
@role_required("editor")
def person_fact(request: HttpRequest, person_id: int, kind: str, fact_id: int, action: str) -> HttpResponse:
    """Correct one fact of a person: ``edit`` it, ``remove`` it, give it another ``level``, or
    make a name ``primary``."""
    person = _visible_person(request, person_id)
    fact = _fact(request, person, kind, fact_id)
    actor = signed_in_user(request)
    if action == "remove":
        _apply(request, lambda: registry.do_remove(actor, fact), _("Removed."))
    elif action == "primary" and isinstance(fact, m.NameVariant):
        _apply(request, lambda: registry.do_set_primary_name(actor, fact), _("The primary name is changed."))
    elif action == "level":
        form = LevelForm(request.POST, user=actor)
        if form.is_valid():
            data = form.cleaned_data
            _apply(
                request,
                lambda: registry.do_set_confidentiality(actor, fact, data["confidentiality"], data["reason"]),
                _("Saved."),
            )
        else:
            _invalid(request, form)
    elif action == "edit":
        _edit_fact(request, actor, fact)
    else:
        raise Http404("No such correction.")
    return _back(person)


def _count(label: StrOrPromise) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=0)


class EventForm(CitedForm):
    """An event's own fields, with the version the editor read; the place by its name."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    type = _choice(gettext_lazy("Type"))
    date = PartialDateField(label=gettext_lazy("Date"))
    place = forms.CharField(label=gettext_lazy("Place"), required=False, max_length=300, widget=SuggestInput)
    description = _text(gettext_lazy("Description"), 20000, rows=3)
    count = _count(gettext_lazy("How many people"))
    foreign_nationals = _count(gettext_lazy("Of them foreign nationals"))
    destinations = countries_field(label=gettext_lazy("Sent to"))
    forced_exile = forms.BooleanField(label=gettext_lazy("Forced exile"), required=False)
    confidentiality = _level_field(required=True)
    field_order = ("version", "type", "date", "place", "description", "count", "foreign_nationals", "destinations")
    vocabularies = {"type": "event_types"}
    blanks = frozenset({"type"})

    #: the fields the event keeps as the form gives them
    OWN = ("type", "date", "description", "count", "foreign_nationals", "destinations", "forced_exile")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].widget.suggestions = place_suggestions(self.user)

    def clean_place(self) -> m.Place | None:
        name = " ".join(self.cleaned_data["place"].split())
        if name == "":
            return None
        found = list(access.visible_places(self.user, m.Place.objects.filter(name=name))[:2])
        if len(found) != 1:
            raise forms.ValidationError(
                _("No place of the registry is named so.") if not found else _("Several places are named so.")
            )
        place: m.Place = found[0]
        return place

    def changes(self, event: m.Event) -> dict[str, Any]:
        """The fields the form changes."""
        data = self.cleaned_data
        wanted = {f: data[f] for f in (*self.OWN, "confidentiality")}
        changed = {f: v for f, v in wanted.items() if getattr(event, f) != v}
        if data["place"] != event.place:
            changed["place"] = data["place"]
        return changed


def _event_initial(event: m.Event) -> dict[str, Any]:
    initial = {f: getattr(event, f) for f in (*EventForm.OWN, "version", "confidentiality")}
    return {**initial, "place": "" if event.place is None else event.place.name}


class InvolvementForm(CitedForm):
    person = _text(
        gettext_lazy("Person"),
        300,
        required=True,
        help_text=gettext_lazy("The person's number (on their page), or their name as the registry writes it."),
    )
    role = _choice(gettext_lazy("Role"))
    confidentiality = _level_field()
    field_order = ("person", "role", "confidentiality", "source", "quote")
    vocabularies = {"role": "involvement_roles"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].initial = m.InvolvementRole.VICTIM

    def clean_person(self) -> m.Person:
        text = " ".join(self.cleaned_data["person"].split()).lstrip("#")
        persons = access.visible_persons(self.user)
        if text.isdigit():
            found = list(persons.filter(pk=int(text))[:2])
        else:
            named = access.visible_names(self.user, m.NameVariant.objects.filter(text__iexact=text))
            found = list(persons.filter(pk__in=named.values("person_id"))[:2])
        if len(found) != 1:
            raise forms.ValidationError(
                _("No person is written so.") if not found else _("Several persons are written so: give the number.")
            )
        return found[0]


def _visible_event(request: HttpRequest, event_id: int) -> m.Event:
    return get_object_or_404(access.visible_events(user_or_none(request)).select_related("place"), pk=event_id)


@role_required("editor")
def event_edit(request: HttpRequest, event_id: int) -> HttpResponse:
    """The event's own fields, its persons (added, removed) and its source."""
    event = _visible_event(request, event_id)
    actor = signed_in_user(request)
    form = EventForm(request.POST or None, user=actor, initial=_event_initial(event))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            changes = form.changes(event)
            citation = form.citation()
            try:
                registry.do_cited(
                    actor,
                    citation,
                    lambda: (
                        registry.do_update_event(actor, event, expected_version=form.cleaned_data["version"], **changes)
                        if changes
                        else event
                    ),
                )
            except registry.Conflict:
                event.refresh_from_db()
                messages.error(
                    request,
                    _(
                        "Someone else changed this event while you were editing (it is now version %(now)s): "
                        "check and save again."
                    )
                    % {"now": event.version},
                )
                data = request.POST.copy()
                data["version"] = str(event.version)
                form = EventForm(data, user=actor)
                status = 409
            except registry.ServiceError as exc:
                messages.error(request, str(exc))
                status = 400
            else:
                messages.success(request, _("Saved.") if changes or citation else _("Nothing changed."))
                return redirect("web:event_edit", event_id=event.pk)
        else:
            status = 400
    involvements = access.within_levels(
        actor, m.Involvement.objects.filter(event=event).select_related("person", "organisation")
    ).filter(Q(person__isnull=True) | Q(person__in=access.visible_persons(actor)))
    context = {
        "event": event,
        "type_label": common.label("event_types", event.type),
        "form": form,
        "involvements": [
            {"involvement": i, "role_label": common.label("involvement_roles", i.role)} for i in involvements
        ],
        "involvement_form": InvolvementForm(user=actor, initial={"confidentiality": event.confidentiality}),
    }
    return render(request, "web/events/edit.html", context, status=status)


@require_POST
@role_required("editor")
def event_add_person(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _visible_event(request, event_id)
    actor = signed_in_user(request)
    form = InvolvementForm(request.POST, user=actor)
    if form.is_valid():
        data = form.cleaned_data
        citation = form.citation()
        _apply(
            request,
            lambda: registry.do_cited(
                actor,
                citation,
                lambda: registry.do_add_involvement(
                    actor,
                    event,
                    person=data["person"],
                    role=data["role"],
                    confidentiality=data["confidentiality"] or event.confidentiality,
                ),
            ),
            _("Person added."),
        )
    else:
        _invalid(request, form)
    return redirect("web:event_edit", event_id=event.pk)


@require_POST
@role_required("editor")
def event_remove_involvement(request: HttpRequest, event_id: int, i: int) -> HttpResponse:
    event = _visible_event(request, event_id)
    actor = signed_in_user(request)
    involvement = get_object_or_404(access.within_levels(actor, m.Involvement.objects.filter(event=event)), pk=i)
    _apply(request, lambda: registry.do_remove(actor, involvement), _("Removed."))
    return redirect("web:event_edit", event_id=event.pk)
