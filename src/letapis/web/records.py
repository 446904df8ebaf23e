"""Events and organisations: lists and single pages, rendered from the read layer's queries
(:mod:`letapis.read.events`: the same filters and access rules as ``/api/v1/events`` and
``/api/v1/organisations``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from pydantic import ValidationError

from letapis import access
from letapis.read import events, history, records
from letapis.registry.models import Place
from letapis.web import common
from letapis.web import history as web_history
from letapis.web.access import can, public, role_required, user_or_none
from letapis.web.persons import LEVEL_LABELS, labelled_notes

EVENT_KEYS = ("type", "from", "to", "place", "person", "collective")
ORGANISATION_KEYS = ("q", "kind", "country")


def _given(request: HttpRequest, keys: tuple[str, ...]) -> dict[str, str]:
    return {key: request.GET[key] for key in keys if request.GET.get(key, "").strip() != ""}


def _offset(request: HttpRequest) -> int:
    return (common.page_number(request) - 1) * common.PAGE_SIZE


def _label_event(event: Mapping[str, Any]) -> dict[str, Any]:
    """``event`` with the labels of the page's language (a new dict: the read layer's is not changed)."""
    labelled = {**event, "type_label": common.label("event_types", event["type"])}
    if "confidentiality" in event:
        labelled["level_label"] = LEVEL_LABELS.get(event["confidentiality"], event["confidentiality"])
    return labelled


def _with_role_labels(rows: Sequence[Mapping[str, Any]], vocab: str) -> list[dict[str, Any]]:
    return [{**row, "role_label": common.label(vocab, row["role"])} for row in rows]


#: Members of a collective event named in a row of the events list (its page names them all).
MEMBERS_IN_A_ROW = 5


def _first_members(members: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    return {
        "members": members[:MEMBERS_IN_A_ROW],
        "members_count": len(members),
        "members_more": max(0, len(members) - MEMBERS_IN_A_ROW),
    }


@public
def events_list(request: HttpRequest) -> HttpResponse:
    """Events by date; ``?format=json`` gives the same list from the API."""
    if common.wants_json(request):
        return common.json_redirect(request, "/api/v1/events")
    user = user_or_none(request)
    given = _given(request, EVENT_KEYS)
    errors: list[str] = []
    result: dict[str, Any] = {"count": 0, "results": []}
    try:
        filters = events.EventFilters.model_validate(given)
        count, rows = records.counted_page(events.filter_events(user, filters), _offset(request), common.PAGE_SIZE)
        result = {"count": count, "results": records.events_json(rows, user)}
    except ValidationError as exc:
        errors = records.validation_messages(exc)
    except records.Refused as exc:
        errors = [str(exc)]
    except records.NotFound as exc:
        raise Http404(str(exc)) from exc
    if (beyond := common.past_the_end(request, result["count"])) is not None:
        return beyond
    ids = [e["id"] for e in result["results"]]
    persons, members = events.event_persons(ids, user), events.event_members(ids, user)
    context = {
        "rows": [
            {**_label_event(e), "persons": persons[e["id"]], **_first_members(members[e["id"]])}
            for e in result["results"]
        ],
        "page": common.page_of(request, result["count"]),
        "errors": errors,
        "given": given,
        "event_types": common.options("event_types"),
        "places": common.alphabetical(
            access.visible_places(user, Place.objects.filter(events__isnull=False)).distinct().values_list("pk", "name")
        ),
        "api_url": common.api_twin(request, "/api/v1/events"),
    }
    return render(request, "web/events/list.html", context)


@public
def event_page(request: HttpRequest, event_id: int) -> HttpResponse:
    user = user_or_none(request)
    event = get_object_or_404(access.visible_events(user).select_related("place"), pk=event_id)
    data = events.event_detail(event, user)
    records.record_detail(user, event, data, "web")
    named = {m["event_id"] for m in data["members"]}
    shown = {
        **_label_event(data),
        "persons": _with_role_labels(data["persons"], "involvement_roles"),
        "organisations": _with_role_labels(data["organisations"], "involvement_roles"),
        # the individual events that name no member the reader may see (the others are listed
        # under their members)
        "children": [_label_event(child) for child in data["children"] if child["id"] not in named],
        "notes": labelled_notes(data["notes"]),
    }
    context = {"event": shown, "api_url": f"/api/v1/events/{event_id}", "editor": can(request, "editor")}
    return render(request, "web/events/detail.html", context)


@role_required("viewer")
def event_history(request: HttpRequest, event_id: int) -> HttpResponse:
    """What changed in the event, its persons and notes, newest first, in words."""
    user = user_or_none(request)
    event = get_object_or_404(access.visible_events(user), pk=event_id)
    rows = web_history.history_rows(history.event_history(event, user), user)
    context = {"event": _label_event({"id": event.pk, "type": event.type, "date": event.date}), "rows": rows}
    return render(request, "web/events/history.html", context)


@public
def organisations_list(request: HttpRequest) -> HttpResponse:
    """Organisations by name; ``?format=json`` gives the same list from the API."""
    if common.wants_json(request):
        return common.json_redirect(request, "/api/v1/organisations")
    given = _given(request, ORGANISATION_KEYS)
    errors: list[str] = []
    result: dict[str, Any] = {"count": 0, "results": []}
    try:
        filters = events.OrganisationFilters.model_validate(given)
        count, rows = records.counted_page(
            events.filter_organisations(user_or_none(request), filters), _offset(request), common.PAGE_SIZE
        )
        result = {"count": count, "results": records.organisations_json(rows)}
    except ValidationError as exc:
        errors = records.validation_messages(exc)
    if (beyond := common.past_the_end(request, result["count"])) is not None:
        return beyond
    context = {
        "rows": [{**row, "kind_label": common.label("organisation_kinds", row["kind"])} for row in result["results"]],
        "page": common.page_of(request, result["count"]),
        "errors": errors,
        "given": given,
        "kinds": common.options("organisation_kinds"),
        "api_url": common.api_twin(request, "/api/v1/organisations"),
    }
    return render(request, "web/organisations/list.html", context)


@public
def organisation_page(request: HttpRequest, organisation_id: int) -> HttpResponse:
    user = user_or_none(request)
    data = events.organisation_detail(get_object_or_404(access.visible_organisations(user), pk=organisation_id), user)
    shown = {
        **data,
        "kind_label": common.label("organisation_kinds", data["kind"]),
        "members": _with_role_labels(data["members"], "membership_roles"),
    }
    context = {"organisation": shown, "api_url": f"/api/v1/organisations/{organisation_id}"}
    return render(request, "web/organisations/detail.html", context)
