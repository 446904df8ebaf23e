"""The dashboard: who is held today (and by occupation), the latest events with their sources,
the review queue's size, and how well the extractor reads the team's sources. Every number links
to the list it counts."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from letapis import access
from letapis.following.places import places_now
from letapis.registry.models import ClaimState, NameVariant, Occupation
from letapis.registry.queries import claims_supporting, count_held
from letapis.registry.status import held_on, status_since
from letapis.web import common
from letapis.web.access import can, public, role_required, user_or_none
from letapis.web.naming import names_choice, shown_name, variants_of

HELD_SHOWN = 30
EVENTS_SHOWN = 8


@public
def dashboard(request: HttpRequest) -> HttpResponse:
    """The first page: who is held today, recent events, the review queue's size."""
    user = user_or_none(request)
    day = common.parse_day(request.GET.get("on")) or timezone.localdate()
    held = held_on(day, persons=access.visible_persons(user), levels=access.levels_for(user))
    held_count = count_held(day, user)
    by_occupation = [
        {"code": row["code"], "label": common.label("occupations", row["code"]), "count": row["n"]}
        for row in access.visible(user, Occupation.objects.filter(person__in=held.values("pk")))
        .values("code")
        .annotate(n=Count("person_id", distinct=True))
        .order_by("-n", "code")
    ]
    shown = list(held.order_by("name_key", "id")[:HELD_SHOWN])
    since = status_since([p.pk for p in shown], day, levels=access.levels_for(user))  # "held since"
    choice = names_choice(request)
    names: dict[int, list[tuple[str, str, bool]]] = {p.pk: [] for p in shown}
    for person_id, text, form, primary in (
        access.visible_names(user, NameVariant.objects.filter(person_id__in=list(names)))
        .order_by("-is_primary", "id")
        .values_list("person_id", "text", "form", "is_primary")
    ):
        names[person_id].append((text, form, primary))
    where = places_now([p.pk for p in shown], user, day) if shown else {}  # one query: the places of detention
    held_rows = [
        {
            "id": p.pk,
            "shown": shown_name(p.display_name, variants_of(names[p.pk]), choice),
            "since": since.get(p.pk),
            "place": where.get(p.pk),
        }
        for p in shown
    ]
    recent = list(
        access.visible_events(user)
        .filter(date_latest__isnull=False, date_latest__lte=day)
        .select_related("place")
        .order_by("-date_latest", "-sequence", "-id")[:EVENTS_SHOWN]
    )
    refs = claims_supporting([e.pk for e in recent], user)
    events: list[dict[str, Any]] = [
        {"event": e, "type_label": common.label("event_types", e.type), "sources": refs.get(e.pk, [])} for e in recent
    ]
    watch_items = None
    if can(request, "viewer"):  # the watch lists are the team's (letapis.following.web.watch)
        from letapis.following import watch
        from letapis.following.web.watch import TITLES

        watch_items = [
            {"name": item.name, "title": TITLES[item.name], "days": item.days, "count": item.count}
            for item in watch.panel(day, user)
        ]
    extraction = None
    if can(request, "viewer"):  # figures last computed for the viewer's tier; never computed here
        from letapis.review.evaluation import latest_figures

        figures, stale = latest_figures(user)
        extraction = {"figures": figures, "total": None if figures is None else figures.total, "stale": stale}
    queue = None
    if user is not None:
        queue = access.visible_claims(user).filter(state=ClaimState.PROPOSED).count()
    context = {
        "day": day,
        "is_today": day == timezone.localdate(),
        "held_count": held_count,
        "by_occupation": by_occupation,
        "held_rows": held_rows,
        "held_more": held_count > len(held_rows),
        "events": events,
        "queue": queue,
        "watch_items": watch_items,
        "extraction": extraction,
    }
    return render(request, "web/dashboard.html", context)


@role_required("viewer")
def extraction(request: HttpRequest) -> HttpResponse:
    """How well the extractor reads the team's sources: its proposals today against the claims
    editors accepted, edited and rejected, per kind and per language — only the sources and
    claims the viewer may see count (:func:`letapis.review.evaluation.extraction_figures`)."""
    from letapis.review.evaluation import extraction_figures
    from letapis.web.review.describe import KIND_LABELS

    figures = extraction_figures(user_or_none(request), use_cache=request.GET.get("fresh") != "1")
    rows: list[dict[str, object]] = [
        {"language": None, "kind": KIND_LABELS[k], "tally": t} for k, t in figures.by_kind.items()
    ]
    rows.append({"language": None, "kind": None, "tally": figures.total})
    for lang, kinds in sorted(figures.by_language.items()):
        rows += [
            {"language": lang, "kind": KIND_LABELS[k], "tally": t} for k, t in kinds.items() if t.accepted or t.rejected
        ]
    return render(request, "web/extraction.html", {"figures": figures, "rows": rows})
