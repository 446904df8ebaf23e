"""A monitor's corrections on the person page and the event page: facts added (each citing,
if the monitor says so, the source and the words it comes from), corrected, removed, made
primary or given another level.

The views validate; every change is a registry service (``do_*``), which checks it again and
writes the audit log in the same transaction. A record is found only among those the editor may
see, and only as a part of the person or the event of the URL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
from letapis.registry import services as registry
from letapis.registry.models import (
    Confidentiality,
    Event,
    Honour,
    Involvement,
    InvolvementRole,
    Membership,
    NameVariant,
    Note,
    Occupation,
    Person,
    Place,
)
from letapis.web import common
from letapis.web.access import role_required, signed_in_user, user_or_none
from letapis.web.naming import FORM_LABELS

#: The sources offered in a citation's list: the newest the editor may read.
SOURCES_OFFERED = 200

BLANK = ("", "—")


def level_choices(user: Viewer) -> list[tuple[str, str]]:
    from letapis.web.persons import level_choices  # the person page imports this module

    return level_choices(user)


def source_choices(user: Viewer) -> list[tuple[Any, str]]:
    """The sources a citation may name: the newest the user may read, by number and title."""
    rows = access.visible_sources(user).order_by("-id").values_list("pk", "title", "filename")[:SOURCES_OFFERED]
    return [(pk, f"{pk} · {(title or filename)[:70]}") for pk, title, filename in rows]


class CitedForm(forms.Form):
    """A fact typed by hand, with the source it comes from and the words that state it (both optional)."""

    source = forms.TypedChoiceField(
        label=gettext_lazy("Source"), required=False, coerce=int, empty_value=None, choices=()
    )
    quote = forms.CharField(
        label=gettext_lazy("Quote"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("The words of the source that state the fact (optional)."),
    )

    def __init__(self, *args: Any, user: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        common.set_choices(self, "source", [BLANK, *source_choices(user)])
        if "confidentiality" in self.fields:
            common.set_choices(self, "confidentiality", level_choices(user))

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


def _level_field(required: bool = False) -> forms.ChoiceField:
    """A level of the user's (left out of a post: the level the service gives, the person's)."""
    return forms.ChoiceField(label=gettext_lazy("Confidentiality"), required=required, choices=())


class NameForm(CitedForm):
    text = forms.CharField(label=gettext_lazy("Name"), max_length=300)
    form = forms.ChoiceField(label=gettext_lazy("Form"), choices=())
    primary = forms.BooleanField(label=gettext_lazy("Make it the primary name"), required=False)
    confidentiality = _level_field()
    field_order = ("text", "form", "primary", "confidentiality", "source", "quote")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        common.set_choices(self, "form", [(code, str(label)) for code, label in FORM_LABELS.items()])


class OccupationForm(CitedForm):
    """An occupation: the list starts at "—", never at a code chosen for the editor."""

    code = forms.ChoiceField(label=gettext_lazy("Occupation"), choices=())
    confidentiality = _level_field()
    field_order = ("code", "confidentiality", "source", "quote")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        common.set_choices(self, "code", [BLANK, *common.options("occupations")])


class MembershipForm(CitedForm):
    organisation = forms.TypedChoiceField(label=gettext_lazy("Organisation"), coerce=int, choices=())
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=())
    start = forms.CharField(label=gettext_lazy("From"), required=False, max_length=40)
    end = forms.CharField(label=gettext_lazy("Until"), required=False, max_length=40)
    confidentiality = _level_field()
    field_order = ("organisation", "role", "start", "end", "confidentiality", "source", "quote")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = common.alphabetical(access.visible_organisations(self.user).values_list("pk", "name"))
        common.set_choices(self, "organisation", [BLANK, *organisations])
        common.set_choices(self, "role", common.options("membership_roles"))
        self.fields["role"].initial = "member"


class HonourForm(CitedForm):
    code = forms.ChoiceField(label=gettext_lazy("Honour"), required=False, choices=())
    text = forms.CharField(
        label=gettext_lazy("Or its name"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("For an honour not in the list."),
    )
    year = forms.CharField(label=gettext_lazy("Year"), required=False, max_length=10)
    confidentiality = _level_field()
    field_order = ("code", "text", "year", "confidentiality", "source", "quote")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        common.set_choices(self, "code", [BLANK, *common.options("honours")])


class NoteForm(CitedForm):
    text = forms.CharField(label=gettext_lazy("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=20000)
    confidentiality = _level_field()
    field_order = ("text", "confidentiality", "source", "quote")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["confidentiality"].initial = Confidentiality.INTERNAL


class LevelForm(forms.Form):
    confidentiality = _level_field(required=True)
    reason = forms.CharField(
        label=gettext_lazy("Why"),
        required=False,
        max_length=500,
        help_text=gettext_lazy("Needed when more people may see it."),
    )

    def __init__(self, *args: Any, user: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        common.set_choices(self, "confidentiality", level_choices(user))


class NameEditForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Name"), max_length=300)
    form = forms.ChoiceField(label=gettext_lazy("Form"), choices=())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        common.set_choices(self, "form", [(code, str(label)) for code, label in FORM_LABELS.items()])


class MembershipEditForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=())
    start = forms.CharField(label=gettext_lazy("From"), required=False, max_length=40)
    end = forms.CharField(label=gettext_lazy("Until"), required=False, max_length=40)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        common.set_choices(self, "role", common.options("membership_roles"))


class NoteEditForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=20000)


def person_forms(person: Person, user: Viewer) -> dict[str, forms.Form]:
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


def _visible_person(request: HttpRequest, person_id: int) -> Person:
    return get_object_or_404(access.visible_persons(user_or_none(request)), pk=person_id)


def _back(person: Person) -> HttpResponse:
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


def _add(
    request: HttpRequest, person_id: int, form_class: type[CitedForm], make: Callable[..., Any], done: str
) -> HttpResponse:
    """Add a fact to a person from ``form_class``: ``make(actor, person, data)`` calls the service."""
    person = _visible_person(request, person_id)
    form = form_class(request.POST, user=request.user)
    if not form.is_valid():
        _invalid(request, form)
        return _back(person)
    actor = signed_in_user(request)
    form.cleaned_data["confidentiality"] = form.cleaned_data["confidentiality"] or None
    citation = form.citation()
    _apply(request, lambda: registry.do_cited(actor, citation, lambda: make(actor, person, form.cleaned_data)), done)
    return _back(person)


def _add_name(actor: Any, person: Person, data: dict[str, Any]) -> NameVariant:
    return registry.do_add_name(
        actor,
        person,
        data["text"],
        form=data["form"],
        is_primary=data["primary"],
        confidentiality=data["confidentiality"],
    )


@require_POST
@role_required("editor")
def person_add_name(request: HttpRequest, person_id: int) -> HttpResponse:
    return _add(request, person_id, NameForm, _add_name, _("Name added."))


@require_POST
@role_required("editor")
def person_add_occupation(request: HttpRequest, person_id: int) -> HttpResponse:
    return _add(
        request,
        person_id,
        OccupationForm,
        lambda actor, person, data: registry.do_add_occupation(
            actor, person, data["code"], confidentiality=data["confidentiality"]
        ),
        _("Occupation added."),
    )


def _add_membership(actor: Any, person: Person, data: dict[str, Any]) -> Membership:
    organisation = access.visible_organisations(actor).filter(pk=data["organisation"]).first()
    if organisation is None:
        raise Http404("No such organisation.")
    return registry.do_add_membership(
        actor,
        person,
        organisation,
        role=data["role"],
        start=data["start"].strip(),
        end=data["end"].strip(),
        confidentiality=data["confidentiality"],
    )


@require_POST
@role_required("editor")
def person_add_membership(request: HttpRequest, person_id: int) -> HttpResponse:
    return _add(request, person_id, MembershipForm, _add_membership, _("Membership added."))


@require_POST
@role_required("editor")
def person_add_honour(request: HttpRequest, person_id: int) -> HttpResponse:
    return _add(
        request,
        person_id,
        HonourForm,
        lambda actor, person, data: registry.do_add_honour(
            actor,
            person,
            code=data["code"],
            text=data["text"],
            year=data["year"].strip(),
            confidentiality=data["confidentiality"],
        ),
        _("Honour added."),
    )


@require_POST
@role_required("editor")
def person_add_note(request: HttpRequest, person_id: int) -> HttpResponse:
    return _add(
        request,
        person_id,
        NoteForm,
        lambda actor, person, data: registry.do_add_note(
            actor, person=person, text=data["text"], confidentiality=data["confidentiality"] or Confidentiality.INTERNAL
        ),
        _("Note added."),
    )


#: The facts of a person the page corrects, by the name in their URLs.
FACTS: dict[str, type[Model]] = {
    "names": NameVariant,
    "occupations": Occupation,
    "honours": Honour,
    "memberships": Membership,
    "notes": Note,
}


def _fact(request: HttpRequest, person: Person, kind: str, fact_id: int) -> Any:
    """A fact of ``person`` the user may see, or 404."""
    model = FACTS.get(kind)
    if model is None:
        raise Http404("No such kind of fact.")
    records: QuerySet[Any] = model._default_manager.filter(person=person)
    if model is Membership:
        records = access.visible_memberships(user_or_none(request), records)
    else:
        records = access.within_levels(user_or_none(request), records)
    return get_object_or_404(records, pk=fact_id)


def _edit_fact(request: HttpRequest, actor: Any, fact: Any) -> None:
    if isinstance(fact, NameVariant):
        form: forms.Form = NameEditForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            _apply(
                request, lambda: registry.do_update_name(actor, fact, text=data["text"], form=data["form"]), _("Saved.")
            )
            return
    elif isinstance(fact, Membership):
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
    elif isinstance(fact, Note):
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
    elif action == "primary" and isinstance(fact, NameVariant):
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


class EventForm(CitedForm):
    """An event's own fields, with the version the editor read."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    type = forms.ChoiceField(label=gettext_lazy("Type"), choices=())
    date = forms.CharField(
        label=gettext_lazy("Date"),
        required=False,
        max_length=40,
        help_text=gettext_lazy("A partial date: 2021, 2021-05 or 2021-05-17."),
    )
    place = forms.TypedChoiceField(
        label=gettext_lazy("Place"), required=False, coerce=int, empty_value=None, choices=()
    )
    description = forms.CharField(
        label=gettext_lazy("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    count = forms.IntegerField(label=gettext_lazy("How many people"), required=False, min_value=0)
    foreign_nationals = forms.IntegerField(label=gettext_lazy("Of them foreign nationals"), required=False, min_value=0)
    destinations = forms.CharField(
        label=gettext_lazy("Sent to"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("ISO 3166 codes separated by commas, e.g. LT, PL."),
    )
    forced_exile = forms.BooleanField(label=gettext_lazy("Forced exile"), required=False)
    confidentiality = _level_field(required=True)
    field_order = ("version", "type", "date", "place", "description", "count", "foreign_nationals", "destinations")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        common.set_choices(self, "type", [BLANK, *common.options("event_types")])
        places = common.alphabetical(access.visible_places(self.user, Place.objects.all()).values_list("pk", "name"))
        common.set_choices(self, "place", [BLANK, *places])

    def changes(self, event: Event) -> dict[str, Any]:
        """The fields the form changes."""
        data = self.cleaned_data
        wanted: dict[str, Any] = {
            "type": data["type"],
            "date": data["date"].strip(),
            "description": data["description"],
            "count": data["count"],
            "foreign_nationals": data["foreign_nationals"],
            "destinations": [c.strip().upper() for c in data["destinations"].split(",") if c.strip() != ""],
            "forced_exile": data["forced_exile"],
            "confidentiality": data["confidentiality"],
        }
        changed = {f: v for f, v in wanted.items() if getattr(event, f) != v}
        if data["place"] != event.place_id:
            place = None
            if data["place"] is not None:
                place = access.visible_places(self.user, Place.objects.filter(pk=data["place"])).first()
                if place is None:
                    raise Http404("No such place.")
            changed["place"] = place
        return changed


def _event_initial(event: Event) -> dict[str, Any]:
    return {
        "version": event.version,
        "type": event.type,
        "date": event.date,
        "place": event.place_id,
        "description": event.description,
        "count": event.count,
        "foreign_nationals": event.foreign_nationals,
        "destinations": ", ".join(event.destinations),
        "forced_exile": event.forced_exile,
        "confidentiality": event.confidentiality,
    }


class InvolvementForm(CitedForm):
    person = forms.CharField(
        label=gettext_lazy("Person"),
        max_length=300,
        help_text=gettext_lazy("The person's number (on their page), or their name as the registry writes it."),
    )
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=())
    confidentiality = _level_field()
    field_order = ("person", "role", "confidentiality", "source", "quote")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        common.set_choices(self, "role", common.options("involvement_roles"))
        self.fields["role"].initial = InvolvementRole.VICTIM

    def clean_person(self) -> Person:
        text = " ".join(self.cleaned_data["person"].split()).lstrip("#")
        persons = access.visible_persons(self.user)
        if text.isdigit():
            found = list(persons.filter(pk=int(text))[:2])
        else:
            found = list(persons.filter(Q(display_name__iexact=text) | Q(names__text__iexact=text)).distinct()[:2])
        if len(found) != 1:
            raise forms.ValidationError(
                _("No person is written so.") if not found else _("Several persons are written so: give the number.")
            )
        return found[0]


def _visible_event(request: HttpRequest, event_id: int) -> Event:
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
        actor, Involvement.objects.filter(event=event).select_related("person", "organisation")
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
def event_remove_involvement(request: HttpRequest, event_id: int, involvement_id: int) -> HttpResponse:
    event = _visible_event(request, event_id)
    actor = signed_in_user(request)
    involvement = get_object_or_404(
        access.within_levels(actor, Involvement.objects.filter(event=event)), pk=involvement_id
    )
    _apply(request, lambda: registry.do_remove(actor, involvement), _("Removed."))
    return redirect("web:event_edit", event_id=event.pk)
