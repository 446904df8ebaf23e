"""Pages of following: the weekly digest, the alerts a monitor subscribes to, and the inbox.

- ``/following/digest/?week=DAY`` — the digest of the week of DAY (default: this week) as the
  caller may see it (:mod:`letapis.following.digest`); ``&format=md`` gives it as Markdown and
  the JSON is the API's ``/api/v1/digest``.
- ``/following/alerts/`` — the signed-in user's subscriptions: follow a person (searched by
  name), a place, an occupation or an organisation, with or without email; stop following.
- ``/inbox/`` — the alerts, unread first, rendered through the access rules when read; mark
  them read.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from letapis import access
from letapis.following import alerts
from letapis.following import digest as digests
from letapis.following.models import SubscriptionTarget
from letapis.registry.lookup import find_persons
from letapis.registry.models import Organisation
from letapis.registry.services import ServiceError
from letapis.web import common
from letapis.web.access import public, role_required, signed_in_user, user_or_none

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def week_day(request: HttpRequest) -> tuple[date, list[str]]:
    """The day whose week is asked for (``?week=``), today when none or unreadable."""
    text = request.GET.get("week", "")
    day = common.parse_day(text)
    if day is None:
        return timezone.localdate(), (
            [_("“%(value)s” is not a date: use YYYY-MM-DD.") % {"value": text}] if text else []
        )
    try:
        digests.week_of(day)
    except digests.WeekOutOfRange:
        return timezone.localdate(), [_("“%(value)s” is not a date: use YYYY-MM-DD.") % {"value": text}]
    return day, []


@public
def digest_page(request: HttpRequest) -> HttpResponse:
    """The weekly digest as the caller may see it; ``?format=md`` as Markdown."""
    day, errors = week_day(request)
    user = user_or_none(request)
    data = digests.build_digest(day, user, common.lang())
    if request.GET.get("format") == "md":
        text = digests.render_markdown(data, request.build_absolute_uri("/").rstrip("/"))
        return HttpResponse(text, content_type="text/markdown; charset=utf-8")
    context = {"d": data, "errors": errors, "site": "", "api_url": f"/api/v1/digest?week={data.start.isoformat()}"}
    return render(request, "following/digest_page.html", context)


def _back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(default)


def _target_label(code: str) -> str:
    labels: dict[str, StrOrPromise] = {
        SubscriptionTarget.PERSON: _("person"),
        SubscriptionTarget.PLACE: _("place"),
        SubscriptionTarget.OCCUPATION: _("occupation"),
        SubscriptionTarget.ORGANISATION: _("organisation"),
    }
    return str(labels.get(code, code))


@role_required("viewer")
def alerts_page(request: HttpRequest) -> HttpResponse:
    """The user's subscriptions and the forms to add one (a person found by name, a place, an
    occupation, an organisation)."""
    user = signed_in_user(request)
    rows = alerts.subscriptions_of(user, common.lang())
    for row in rows:
        row["target_label"] = _target_label(row["target"])
    query = request.GET.get("q", "").strip()[:200]
    found = []
    if query:
        candidates = find_persons(query, persons=access.visible_persons(user), levels=access.levels_for(user))
        from letapis.registry.queries import names_in

        names = names_in([c.person.pk for c in candidates], common.lang(), user)
        found = [{"id": c.person.pk, "name": names[c.person.pk], "matched": c.name} for c in candidates]
    places = common.alphabetical(access.visible_places(user).values_list("pk", "name"))
    organisations = common.alphabetical(access.visible(user, Organisation.objects.all()).values_list("pk", "name"))
    context = {
        "rows": rows,
        "query": query,
        "found": found,
        "place_options": common.option_tags(places, None),
        "occupation_options": common.option_tags(common.options("occupations"), None),
        "organisation_options": common.option_tags(organisations, None),
        "unread": alerts.unread_count(user),
    }
    return render(request, "following/digest_alerts.html", context)


def _int_or_none(text: str | None) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isdigit() and len(text) < 19 else None


@require_POST
@role_required("viewer")
def alerts_add(request: HttpRequest) -> HttpResponse:
    """Follow a target (``target`` and ``target_id`` or ``target_code``; ``email`` for email too)."""
    target = request.POST.get("target", "")
    try:
        alerts.do_subscribe(
            signed_in_user(request),
            target,
            target_id=_int_or_none(request.POST.get("target_id")),
            target_code=request.POST.get("target_code", "")[:60],
            email=request.POST.get("email") in ("1", "on", "true"),
        )
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("You follow it now: accepted facts about it come to your inbox."))
    return _back(request, reverse("following:alerts"))


@require_POST
@role_required("viewer")
def alerts_remove(request: HttpRequest) -> HttpResponse:
    """Stop following (``subscription``: the id of one of the user's subscriptions)."""
    try:
        alerts.do_unsubscribe(signed_in_user(request), _int_or_none(request.POST.get("subscription")))
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("You no longer follow it."))
    return _back(request, reverse("following:alerts"))


@role_required("viewer")
def inbox_page(request: HttpRequest) -> HttpResponse:
    """The user's alerts, unread first, each as the user may see it now."""
    user = signed_in_user(request)
    items = alerts.inbox_items(user)
    page = common.page_of(request, items.count())
    chosen = list(items[(page.number - 1) * page.size : page.number * page.size])
    context = {
        "rows": alerts.inbox_rows(user, chosen, common.lang()),
        "page": page,
        "unread": alerts.unread_count(user),
    }
    return render(request, "following/digest_inbox.html", context)


@require_POST
@role_required("viewer")
def inbox_read(request: HttpRequest) -> HttpResponse:
    """Mark alerts read: ``item`` (one or more ids), or all of them with ``all``."""
    ids = None if request.POST.get("all") else [i for i in map(_int_or_none, request.POST.getlist("item")) if i]
    alerts.do_mark_read(signed_in_user(request), ids)
    return _back(request, reverse("following:inbox"))


urlpatterns: list[Any] = [
    path("following/digest/", digest_page, name="digest"),
    path("following/alerts/", alerts_page, name="alerts"),
    path("following/alerts/add/", alerts_add, name="alerts_add"),
    path("following/alerts/remove/", alerts_remove, name="alerts_remove"),
    path("inbox/", inbox_page, name="inbox"),
    path("inbox/read/", inbox_read, name="inbox_read"),
]
