"""The persons list and a person's page, with the editors' forms.

The list is the read layer's :func:`letapis.read.persons.person_page` — what ``GET
/api/v1/persons`` answers too: the same filters, the same access rules — rendered as a page;
its JSON twin is that API call (``?format=json`` redirects to it). The person page renders
:func:`letapis.read.persons.person_detail`. Edits go through the registry services, with the
version the editor read: a stale form is answered with a conflict, never a silent overwrite.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from pydantic import ValidationError

from letapis import access
from letapis.accounts.actor import Viewer
from letapis.following import places as following_places
from letapis.following.terms import duration
from letapis.read import history, persons, records
from letapis.read.shapes import NoteRow, PersonDetail
from letapis.registry import services as registry
from letapis.registry.models import Confidentiality, Gender, Person, Place
from letapis.registry.queries import SourceRef
from letapis.registry.services.cases import article_text
from letapis.registry.status import HELD, NOT_PRISONER
from letapis.vocab.codes import Status
from letapis.web import common, corrections
from letapis.web import history as web_history
from letapis.web.access import can, public, role_required, signed_in_user, user_or_none
from letapis.web.naming import FORM_LABELS, names_by_person, names_choice, shown_name, variants_of

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

SORTS = [
    ("name", gettext_lazy("name, A–Z")),
    ("-name", gettext_lazy("name, Z–A")),
    ("-updated", gettext_lazy("recently changed")),
    ("updated", gettext_lazy("least recently changed")),
    ("-id", gettext_lazy("newest first")),
    ("id", gettext_lazy("oldest first")),
]
STATUSES = tuple(Status)
#: The filters of the persons page: the list's, but the words of events and claims (``text``).
FILTER_KEYS = tuple(key for key in persons.FILTER_KEYS if key != "text")
LEVEL_LABELS: dict[str, StrOrPromise] = {
    Confidentiality.PUBLIC: gettext_lazy("public"),
    Confidentiality.INTERNAL: gettext_lazy("internal"),
    Confidentiality.CONFIDENTIAL: gettext_lazy("confidential"),
}
GENDER_LABELS: dict[str, StrOrPromise] = {
    Gender.UNKNOWN: gettext_lazy("unknown"),
    Gender.FEMALE: gettext_lazy("female"),
    Gender.MALE: gettext_lazy("male"),
    Gender.OTHER: gettext_lazy("other"),
}


def status_label(code: str) -> str:
    return common.label("statuses", code)


def level_choices(user: Viewer) -> list[tuple[str, str]]:
    return [(level, str(LEVEL_LABELS[level])) for level in access.levels_for(user)]


def _filters(request: HttpRequest) -> dict[str, str]:
    return {key: request.GET[key] for key in FILTER_KEYS if request.GET.get(key, "").strip() != ""}


def filter_options(user: Viewer, given: dict[str, str]) -> dict[str, str]:
    """The filters' ``<option>`` lists, the given values selected."""
    places = common.alphabetical(access.visible_places(user, Place.objects.all()).values_list("pk", "name"))
    choices: dict[str, Any] = {
        "status": [(s, status_label(s)) for s in STATUSES],
        "occupation": common.options("occupations"),
        "organisation": common.alphabetical(access.visible_organisations(user).values_list("pk", "name")),
        "place": places,
        "event_type": common.options("event_types"),
        "confidentiality": level_choices(user),
        "sort": SORTS,
    }
    return {key: common.option_tags(items, given.get(key)) for key, items in choices.items()}


@public
def persons_list(request: HttpRequest) -> HttpResponse:
    """Persons, filtered, sorted and paged; ``?format=json`` gives the same list from the API."""
    if common.wants_json(request):
        return common.json_redirect(request, "/api/v1/persons")
    user = user_or_none(request)
    given = _filters(request)
    errors: list[str] = []
    result: dict[str, Any] = {"count": 0, "results": []}
    day = timezone.localdate()
    try:
        filters = persons.PersonFilters.model_validate(given)
        day = filters.on or day
        offset = (common.page_number(request) - 1) * common.PAGE_SIZE
        count, found = persons.person_page(
            user, filters, day, offset, common.PAGE_SIZE, sorted_by_match="sort" not in request.GET
        )
        result = {"count": count, "results": found}
    except ValidationError as exc:
        errors = records.validation_messages(exc)
    except records.Refused as exc:
        errors = [str(exc)]
    if (beyond := common.past_the_end(request, result["count"])) is not None:
        return beyond
    found_rows = result["results"]
    choice = names_choice(request)
    variants = names_by_person([r["id"] for r in found_rows], user_or_none(request))
    held = [r["id"] for r in found_rows if r["status"] == HELD]
    where = following_places.places_now(held, user, day) if held else {}  # one query for the page
    rows = [  # the read layer's rows with what the page adds (new dicts: the rows are not changed)
        {
            **row,
            "place": where.get(row["id"]),
            "shown": shown_name(row["name"], variants.get(row["id"], []), choice),
            "status_label": status_label(row["status"]) if row["status"] != NOT_PRISONER else "",
            "occupation_labels": [common.label("occupations", c) for c in row["occupations"]],
            "level_label": LEVEL_LABELS.get(row["confidentiality"], row["confidentiality"]),
        }
        for row in found_rows
    ]
    context = {
        "rows": rows,
        "page": common.page_of(request, result["count"]),
        "errors": errors,
        "given": given,
        "more_filters": len([key for key in given if key not in ("q", "sort")]),  # the fold opens
        "day": day,
        "options": filter_options(user, given),
        "levels": level_choices(user) if not access.is_public_only(user) else [],
        "api_url": common.api_twin(request, "/api/v1/persons"),
        "letters_url": (f"/following/letters/?persons={','.join(map(str, held))}&on={day.isoformat()}" if held else ""),
    }
    return render(request, "web/persons/list.html", context)


class PersonForm(forms.Form):
    """A person's own fields; ``version`` is the one the editor read."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    gender = forms.ChoiceField(label=gettext_lazy("Gender"), required=False, choices=())
    birth_date = forms.CharField(
        label=gettext_lazy("Birth date"),
        required=False,
        max_length=40,
        help_text=gettext_lazy("A partial date: 1962, 1962-09 or 1962-09-25."),
    )
    nationalities = forms.CharField(
        label=gettext_lazy("Nationalities"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("ISO 3166 codes separated by commas, e.g. BY, PL."),
    )
    confidentiality = forms.ChoiceField(label=gettext_lazy("Confidentiality"), choices=())
    publishable = forms.BooleanField(label=gettext_lazy("May appear in public outputs"), required=False)

    def __init__(self, *args: Any, user: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        common.set_choices(self, "gender", [(g, str(label)) for g, label in GENDER_LABELS.items()])
        common.set_choices(self, "confidentiality", level_choices(user))

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        nationalities = [c.strip().upper() for c in data["nationalities"].split(",") if c.strip() != ""]
        return {
            "gender": data["gender"],
            "birth_date": data["birth_date"].strip(),
            "nationalities": nationalities,
            "confidentiality": data["confidentiality"],
            "publishable": data["publishable"],
        }


def _initial(person: Person) -> dict[str, Any]:
    return {
        "version": person.version,
        "gender": person.gender,
        "birth_date": person.birth_date,
        "nationalities": ", ".join(person.nationalities),
        "confidentiality": person.confidentiality,
        "publishable": person.publishable,
    }


def _place_url(place_id: int) -> str | None:
    """The page of a place of detention, when the site has one (following: places)."""
    try:
        return reverse("following:place", args=[place_id])
    except NoReverseMatch:
        return None


def _sources_in(refs: Sequence[SourceRef]) -> int:
    """How many sources support a fact: its claims the caller may see, counted by source (two
    sentences of one statement are one source)."""
    return len({ref["source_id"] for ref in refs})


def _labelled(data: PersonDetail) -> dict[str, Any]:
    """A person's page (:func:`letapis.read.persons.person_detail`) with the labels of the page's
    language, as new dicts: what the read layer gave is not changed."""

    def label(vocab: str, code: str | None) -> str:
        return common.label(vocab, code) if code else ""

    status = data["status"]
    event = status["event"]
    return {
        **data,
        "status": {
            **status,
            "label": status_label(status["status"]),
            "event": None if event is None else {**event, "type_label": label("event_types", event["type"])},
        },
        "names": [{**n, "form_label": FORM_LABELS.get(n["form"], n["form"])} for n in data["names"]],
        "occupations": [
            {**o, "label": label("occupations", o["code"]), "source_count": _sources_in(o["sources"])}
            for o in data["occupations"]
        ],
        "honours": [
            {
                **h,
                "label": label("honours", h["code"]) if h["code"] else h["label"],
                "source_count": _sources_in(h["sources"]),
            }
            for h in data["honours"]
        ],
        "events": [
            {**e, "type_label": label("event_types", e["type"]), "source_count": _sources_in(e["sources"])}
            for e in data["events"]
        ],
        "memberships": [
            {**m, "role_label": label("membership_roles", m["role"]), "source_count": _sources_in(m["sources"])}
            for m in data["memberships"]
        ],
        "cases": [
            {
                **c,
                "regime_label": label("sentence_regimes", c["sentence_kind"]),
                "articles": [article_text(a, common.lang()) for a in c["articles"]],
                "term_label": "" if c["sentence_months"] is None else duration(c["sentence_months"], 0, common.lang()),
            }
            for c in data["cases"]
        ],
        "notes": labelled_notes(data["notes"]),
    }


def labelled_notes(notes: Sequence[NoteRow]) -> list[dict[str, Any]]:
    """Notes (:func:`letapis.read.records.notes_json`) with their level's label, as new dicts."""
    return [{**n, "level_label": LEVEL_LABELS.get(n["confidentiality"], n["confidentiality"])} for n in notes]


def _term_context(data: dict[str, Any]) -> dict[str, Any] | None:
    """The term section of the person page (:func:`letapis.read.persons.term_section`)
    in the page's language: the case, the expected end with its reasoning, the place now and
    the last contact."""
    term = data.get("term")
    if term is None:
        return None
    language = common.lang()
    shown = dict(term)
    shown["end_text"] = term["end"][language]
    shown["reasoning_text"] = term["reasoning"][language]
    shown["case"] = next((c for c in data["cases"] if c["id"] == term["case_id"]), None)
    shown["held"] = data["status"]["status"] == Status.HELD
    if term["place"] is not None:
        shown["place_url"] = _place_url(term["place"]["id"])
        shown["place_label"] = common.label("place_kinds", term["place"]["kind"])
    return shown


def _visible_person(request: HttpRequest, person_id: int) -> Person:
    return get_object_or_404(access.visible_persons(user_or_none(request)), pk=person_id)


@public
def person_page(
    request: HttpRequest,
    person_id: int,
    *,
    person_form: PersonForm | None = None,
    conflict: str | None = None,
    status: int = 200,
) -> HttpResponse:
    """Everything about a person the user may see, and the editors' forms."""
    user = user_or_none(request)
    person = get_object_or_404(access.visible_persons(user).prefetch_related("names", "external_ids"), pk=person_id)
    day = common.parse_day(request.GET.get("on")) or timezone.localdate()
    data = persons.person_detail(person, user, day)
    records.record_detail(user, person, data, "web")
    choice = names_choice(request)
    variants = variants_of((n["text"], n["form"], n["is_primary"]) for n in data["names"])
    shown_data = _labelled(data)
    term = _term_context(shown_data)
    editor = can(request, "editor")
    context: dict[str, Any] = {
        "person": person,
        "data": shown_data,
        "shown": shown_name(person.display_name, variants, choice),
        "day": day,
        "today": timezone.localdate(),
        "gender_label": GENDER_LABELS.get(person.gender, person.gender),
        "level_label": LEVEL_LABELS.get(person.confidentiality, person.confidentiality),
        "editor": editor,
        "conflict": conflict,
        "api_url": f"/api/v1/persons/{person.pk}",
        "term": term,
    }
    if editor:
        context["person_form"] = person_form or PersonForm(initial=_initial(person), user=user)
        context.update(corrections.person_forms(person, user))
        context["name_forms"] = [(code, str(label)) for code, label in FORM_LABELS.items()]
        context["membership_roles"] = common.options("membership_roles")
        context["level_choices"] = level_choices(user)
        from letapis.following.web.terms import ContactForm, TermChangeForm

        context["contact_form"] = ContactForm(user=user)
        if term is not None and term["case_id"] is not None:
            context["term_change_form"] = TermChangeForm(user=user, initial={"case": term["case_id"]})
    return render(request, "web/persons/detail.html", context, status=status)


@require_POST
@role_required("editor")
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    """Save a person's own fields with the version the editor read (409 on a stale one)."""
    person = _visible_person(request, person_id)
    form = PersonForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("The form has errors: see below."))
        return person_page(request, person_id, person_form=form, status=400)
    changes = form.changes()
    if changes["confidentiality"] not in access.levels_for(request.user):
        return person_page(request, person_id, person_form=form, status=403)
    try:
        registry.do_update_person(
            signed_in_user(request), person, expected_version=form.cleaned_data["version"], **changes
        )
    except registry.Conflict:
        person.refresh_from_db()
        stale = form.cleaned_data["version"]
        data = request.POST.copy()  # the form's data
        data["version"] = str(person.version)  # saving again now overwrites knowingly
        message = _(
            "Someone else changed this person while you were editing (you edited version %(yours)s, it is now "
            "version %(now)s). The page shows the current values; the form keeps yours. Check them and save again."
        ) % {"yours": stale, "now": person.version}
        return person_page(
            request, person_id, person_form=PersonForm(data, user=request.user), conflict=message, status=409
        )
    except registry.ServiceError as exc:
        messages.error(request, str(exc))
        return person_page(request, person_id, person_form=form, status=400)
    messages.success(request, _("Saved."))
    return redirect("web:person", person_id=person.pk)


@role_required("viewer")
def person_history(request: HttpRequest, person_id: int) -> HttpResponse:
    """What changed in the person's record, newest first, in words: the person, its names,
    occupations, honours, memberships, notes, events and cases, as the user may see them."""
    user = user_or_none(request)
    person = _visible_person(request, person_id)
    rows = web_history.history_rows(history.person_history(person, user), user)
    context = {"person": person, "rows": rows, "back": reverse("web:person", args=[person.pk])}
    return render(request, "web/persons/history.html", context)
