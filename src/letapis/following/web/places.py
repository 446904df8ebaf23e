"""Pages of following: places of detention and the letter sheet.

``/places/`` lists the places of detention the caller may see with how many are held in each
today (or on ``?on=``); ``/places/<id>/`` shows one — its postal address, the team's letter rules
(signed-in team users only), the persons held there on a chosen day — and an editor's form for
the address, the rules, the number and the regime (:func:`letapis.registry.services.do_update_place`,
with the values the form showed: a change made meanwhile is a conflict, not a silent overwrite).
``/following/letters/`` is the printable letter sheet of a set of persons (``?persons=`` ids,
``?place=`` everyone held there, ``?watch=`` a watch list with ``days``), ``letters.pdf`` the
same as PDF. Each page reads what its JSON twin in :mod:`letapis.following.api.places` reads
(:mod:`letapis.following.places`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from letapis import access
from letapis.following import places
from letapis.following.web import params
from letapis.read import places as read_places
from letapis.read import records
from letapis.registry import services as registry
from letapis.registry.models import Place
from letapis.registry.services import detention_kinds
from letapis.web import common
from letapis.web.access import can, public, role_required, signed_in_user, user_or_none

#: the fields of a place the editors' form changes, and what the form sends back as shown
EDITED = ("number", "regime", "postal_address", "letter_rules")


def _day(request: HttpRequest) -> date:
    return params.day(request, timezone.localdate())


def _labelled(row: dict[str, Any]) -> dict[str, Any]:
    row["kind_label"] = common.label("place_kinds", row["kind"])
    row["regime_label"] = common.label("sentence_regimes", row["regime"]) if row["regime"] else ""
    return row


@public
def places_list(request: HttpRequest) -> HttpResponse:
    """The places of detention the caller may see, with how many are held in each on a day."""
    if common.wants_json(request):
        return common.json_redirect(request, "/api/v1/places")
    user = user_or_none(request)
    day = _day(request)
    kind = request.GET.get("kind", "").strip()
    if kind not in detention_kinds():
        kind = ""
    q = (request.GET.get("q") or "").replace("\x00", "").strip()[:300]
    rows = [_labelled(read_places.place_row(r)) for r in places.places_list(user, day, kind=kind or None, q=q or None)]
    kinds = [(code, label) for code, label in common.options("place_kinds") if code in detention_kinds()]
    context = {
        "rows": rows,
        "day": day,
        "today": timezone.localdate(),
        "held": sum(r["held"] for r in rows),
        "kind_options": common.option_tags(kinds, kind),
        "q": q,
        "api_url": f"/api/v1/places?on={day.isoformat()}",
    }
    return render(request, "following/places_list.html", context)


class PlaceForm(forms.Form):
    """What an editor changes of a place of detention; ``shown_*`` are the values the form
    showed (a place has no version: these are compared instead)."""

    number = forms.CharField(label=gettext_lazy("Number"), required=False, max_length=20)
    regime = forms.ChoiceField(label=gettext_lazy("Regime"), required=False, choices=())
    postal_address = forms.CharField(
        label=gettext_lazy("Postal address"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("As the post needs it, in Russian: index, town, street, institution."),
    )
    letter_rules = forms.CharField(
        label=gettext_lazy("Letter rules"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("The team's note: what passes the censor, what to enclose. Never public."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        common.set_choices(self, "regime", [("", "—"), *common.options("sentence_regimes")])
        for name in EDITED:
            self.fields[f"shown_{name}"] = forms.CharField(required=False, widget=forms.HiddenInput, max_length=20000)

    def changes(self) -> dict[str, str]:
        return {name: self.cleaned_data[name].strip() for name in EDITED}

    def shown(self) -> dict[str, str]:
        return {name: self.cleaned_data[f"shown_{name}"].replace("\r\n", "\n").strip() for name in EDITED}


def _initial(place: Place) -> dict[str, str]:
    values = {name: getattr(place, name) for name in EDITED}
    return {**values, **{f"shown_{name}": value for name, value in values.items()}}


def _place(request: HttpRequest, place_id: int) -> Place:
    found = places.detention_places(user_or_none(request)).filter(pk=place_id).first()
    if found is None:
        raise Http404(f"no place {place_id}")
    return found


@public
def place_page(
    request: HttpRequest, place_id: int, *, form: PlaceForm | None = None, conflict: str = "", status: int = 200
) -> HttpResponse:
    """A place of detention: where it is, its postal address, the team's letter rules (for
    signed-in team users), the persons held there on a day, and the editors' form."""
    user = user_or_none(request)
    day = _day(request)
    try:
        data = _labelled(read_places.place_detail(place_id, day, user))
    except records.NotFound as exc:
        raise Http404(str(exc)) from exc
    for person in data["persons"]:
        person["others"] = [n for n in person["names"] if n != person["name"]]
        if person["event"] is not None:
            person["event"]["type_label"] = common.label("event_types", person["event"]["type"])
    editor = can(request, "editor")
    context: dict[str, Any] = {
        "place": data,
        "day": day,
        "today": timezone.localdate(),
        "team": not access.is_public_only(user),
        "editor": editor,
        "conflict": conflict,
        "api_url": f"/api/v1/places/{place_id}?on={day.isoformat()}",
        "letters_url": f"/following/letters/?place={place_id}&on={day.isoformat()}",
    }
    if editor:
        context["form"] = form or PlaceForm(initial=_initial(_place(request, place_id)))
    return render(request, "following/places_detail.html", context, status=status)


@require_POST
@role_required("editor")
def place_edit(request: HttpRequest, place_id: int) -> HttpResponse:
    """Save an editor's change of a place: 409 when the place changed since the form was shown,
    400 for a value the registry refuses."""
    place = _place(request, place_id)
    form = PlaceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form has errors: see below."))
        return place_page(request, place_id, form=form, status=400)
    try:
        registry.do_update_place(signed_in_user(request), place, expected=form.shown(), **form.changes())
    except registry.Conflict:
        place.refresh_from_db()
        data = request.POST.copy()  # the form's data
        for name in EDITED:  # saving again now overwrites knowingly
            data[f"shown_{name}"] = getattr(place, name)
        message = _(
            "Someone else changed this place while you were editing. The page shows the current values; "
            "the form keeps yours. Check them and save again."
        )
        return place_page(request, place_id, form=PlaceForm(data), conflict=message, status=409)
    except registry.ServiceError as exc:
        messages.error(request, str(exc))
        return place_page(request, place_id, form=form, status=400)
    messages.success(request, _("Saved."))
    return redirect("following:place", place_id=place.pk)


def _sheet(request: HttpRequest) -> tuple[date, list[places.Letter], dict[str, Any]]:
    user = user_or_none(request)
    day = _day(request)
    place_text = request.GET.get("place", "")
    place = int(place_text) if place_text.isdigit() and 0 < int(place_text) < 2**53 else None
    persons = params.ids(request)
    watch = request.GET.get("watch", "").strip()[:20]
    days_text = request.GET.get("days", "")
    days = int(days_text) if days_text.isdigit() and int(days_text) <= 3650 else None
    try:
        sheet = read_places.letters_for(user, day, persons, place, watch, days) if persons or place or watch else []
    except records.NotFound as exc:  # a place the caller may not see: as if it did not exist
        raise Http404(str(exc)) from exc
    except records.Refused as exc:
        messages.error(request, str(exc))
        sheet = []
    chosen = {"persons": persons, "place": place, "watch": watch, "days": days, "on": day.isoformat()}
    return day, sheet, chosen


def _query(chosen: dict[str, Any]) -> str:
    from urllib.parse import urlencode

    return urlencode({k: v for k, v in chosen.items() if v not in (None, "")})


@public
def letters_page(request: HttpRequest) -> HttpResponse:
    """The letter sheet of the persons chosen (``?persons=1,2``, ``?place=ID``), to print."""
    user = user_or_none(request)
    day, sheet, chosen = _sheet(request)
    query = _query(chosen)
    context = {
        "sheet": sheet,
        "day": day,
        "chosen": chosen,
        "team": not access.is_public_only(user),
        "place_options": common.option_tags(
            common.alphabetical(places.detention_places(user).values_list("pk", "name")), str(chosen["place"] or "")
        ),
        "pdf_url": f"/following/letters.pdf?{query}",
        "api_url": f"/api/v1/letters?{query}",
    }
    return render(request, "following/places_letters.html", context)


@public
def letters_pdf(request: HttpRequest) -> HttpResponse:
    """The letter sheet as PDF (DejaVu Sans, so that Cyrillic prints)."""
    from letapis.following.letters_pdf import sheet_pdf

    user = user_or_none(request)
    day, sheet, _chosen = _sheet(request)
    body = sheet_pdf(sheet, day, common.lang(), team=not access.is_public_only(user))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="letters-{day.isoformat()}.pdf"'
    return response


urlpatterns: list[Any] = [
    path("places/", places_list, name="places"),
    path("places/<int:place_id>/", place_page, name="place"),
    path("places/<int:place_id>/edit/", place_edit, name="place_edit"),
    path("following/letters/", letters_page, name="letters"),
    path("following/letters.pdf", letters_pdf, name="letters_pdf"),
]
