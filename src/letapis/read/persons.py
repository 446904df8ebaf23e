"""Persons: the list with its filters and a person's page, as the caller may see them.

The persons list of the API (``GET /api/v1/persons``), of the pages (``/persons/``) and of the
exports is :func:`filter_persons`: one place owns each filter's rule. A person's page is
:func:`person_detail`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Literal

from django.db.models import Prefetch, QuerySet
from pydantic import BaseModel, Field

from letapis import access
from letapis.accounts.actor import Viewer
from letapis.following.models import FollowUp
from letapis.following.terms import display_end, reasoning
from letapis.read import records
from letapis.read.records import MAX_ID, Level, Refused
from letapis.read.shapes import PersonDetail, PersonRow, TermSection
from letapis.registry.lookup import find_persons
from letapis.registry.models import (
    CriminalCase,
    Honour,
    Involvement,
    InvolvementRole,
    Membership,
    NameVariant,
    Note,
    Occupation,
    Person,
    StatusSpan,
)
from letapis.registry.queries import (
    SourceRef,
    claims_behind_records,
    claims_supporting,
    count_held,
    status_data,
    supporting_events,
)
from letapis.registry.status import HELD, NOT_PRISONER, status_from, statuses_since
from letapis.vocab import vocabulary

#: The languages of the term section's sentences.
LANGUAGES = ("en", "be", "ru")

StatusName = Literal["held", "released", "died", "not_prisoner"]
SortName = Literal["name", "-name", "id", "-id", "updated", "-updated"]
_SORT = {
    "name": ("name_key", "id"),  # the alphabetical order of be, ru and Łacinka (names.collation)
    "-name": ("-name_key", "-id"),
    "id": ("id",),
    "-id": ("-id",),
    "updated": ("updated_at", "id"),
    "-updated": ("-updated_at", "-id"),
}


class PersonFilters(BaseModel):
    q: str | None = Field(None, max_length=300, description="A name in any spelling and script.")
    text: str | None = Field(
        None,
        max_length=300,
        description="Words in the descriptions of the person's events or the quotes of claims about them.",
    )
    status: StatusName | None = Field(None, description="Status on the day `on`.")
    on: date | None = Field(None, description="The day of `status` and of each row's status (default today).")
    occupation: str | None = Field(None, max_length=100, description="An occupation code or label, e.g. writer.")
    organisation: int | None = Field(None, ge=1, le=MAX_ID, description="Members of this organisation (id).")
    place: int | None = Field(None, ge=1, le=MAX_ID, description="With an event at this place (id).")
    event_type: str | None = Field(None, max_length=40, description="With an event of this type (as a victim)…")
    start: date | None = Field(None, alias="from", description="…on or after this day (the event's latest day)…")
    end: date | None = Field(None, alias="to", description="…and on or before this day.")
    confidentiality: Level | None = None
    sort: SortName = "name"


#: The persons list's filters by their names in a query (``from`` and ``to`` for start and end).
FILTER_KEYS = tuple(field.alias or name for name, field in PersonFilters.model_fields.items())


def person_prefetches(user: Viewer) -> list[Prefetch]:  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    """A person's names, occupations, memberships (of organisations ``user`` may see) and
    honours, as ``user`` may see them, in the order they were entered (the primary name first):
    what an export row and a statement say of a person."""
    return [
        Prefetch("names", queryset=access.visible_names(user, NameVariant.objects.order_by("-is_primary", "id"))),
        Prefetch("occupations", queryset=access.visible(user, Occupation.objects.order_by("id"))),
        Prefetch(
            "memberships",
            queryset=access.visible_memberships(user, Membership.objects.select_related("organisation").order_by("id")),
        ),
        Prefetch("honours", queryset=access.visible(user, Honour.objects.order_by("id"))),
    ]


def occupation_code(text: str) -> str:
    occupations = vocabulary("occupations")
    term = occupations.get(text) or occupations.lookup(text)
    if term is None:
        raise Refused(f"unknown occupation {text!r}")
    return term.code


def _persons_with_text(user: Viewer, words: str) -> set[int]:
    """Ids of persons whose events or claims (those ``user`` may see) contain ``words`` (notes are
    encrypted at rest, so not searched)."""
    events = access.visible_events(user).filter(description__icontains=words)
    found = set(
        Involvement.objects.filter(
            event__in=events, person__isnull=False, confidentiality__in=access.levels_for(user)
        ).values_list("person_id", flat=True)
    )
    claims = access.visible_claims(user).filter(quote__icontains=words, person__isnull=False)
    found.update(claims.values_list("person_id", flat=True))
    return found


def filter_persons(user: Viewer, f: PersonFilters, day: date) -> tuple[QuerySet[Person], list[int] | None]:
    """The persons ``user`` may see that pass the filters (``status`` is the status on
    ``day``); with ``q``, also the ids in the order of the name match."""
    qs = access.visible_persons(user)
    if f.confidentiality is not None:
        qs = qs.filter(confidentiality=f.confidentiality)
    # filters by subqueries, not joins: no duplicate rows, so no DISTINCT, which would make the
    # database compute every person's status (and the count) before taking one page
    if f.occupation:
        code = occupation_code(f.occupation)
        occupied = Occupation.objects.filter(code=code, confidentiality__in=access.levels_for(user))
        qs = qs.filter(pk__in=occupied.values("person_id"))
    if f.organisation is not None:
        members = access.visible_memberships(user, Membership.objects.filter(organisation_id=f.organisation))
        qs = qs.filter(pk__in=members.values("person_id"))
    events = access.visible_events(user)
    if f.place is not None:
        events = events.filter(place_id=f.place, place__confidentiality__in=access.levels_for(user))
    events = records.events_dated(events, f.event_type, f.start, f.end)
    if f.place is not None or f.event_type or f.start is not None or f.end is not None:
        involved = Involvement.objects.filter(event__in=events, confidentiality__in=access.levels_for(user))
        qs = qs.filter(pk__in=involved.values("person_id"))
    tier = access.tier_for(user)
    if f.status == NOT_PRISONER:  # no span of the caller's tier covers the day
        qs = qs.exclude(pk__in=StatusSpan.objects.filter(level=tier, since__lte=day, until__gt=day).values("person_id"))
    elif f.status is not None:
        # the span of the caller's tier covering the day says the status (the derivation the
        # rows show), read through the person's index; a join, as at most one span of a tier
        # covers a day: no duplicates
        qs = qs.filter(
            status_spans__level=tier,
            status_spans__status=f.status,
            status_spans__since__lte=day,
            status_spans__until__gt=day,
        )
    words = records.clean(f.text)
    if words:
        qs = qs.filter(pk__in=_persons_with_text(user, words))
    ranked: list[int] | None = None
    text = records.clean(f.q)
    if text:
        found = [
            c.person.pk
            for c in find_persons(text, limit=200, persons=access.visible_persons(user), levels=access.levels_for(user))
        ]
        contains = list(
            access.visible_names(user, NameVariant.objects.filter(access.visible_person_q(user)))
            .filter(search_text__contains=text.casefold())
            .values_list("person_id", flat=True)[:200]
        )
        ranked = list(dict.fromkeys(found + contains))
        qs = qs.filter(pk__in=ranked)
    # a list shows no contacts: they are not read (nor decrypted) for its rows
    return qs.defer("contacts").order_by(*_SORT[f.sort]), ranked


def person_rows(persons: list[Person], user: Viewer, day: date) -> list[PersonRow]:
    ids = [p.pk for p in persons]
    names: dict[int, list[str]] = {i: [] for i in ids}
    for person_id, text in (
        access.visible_names(user, NameVariant.objects.filter(person_id__in=ids))
        .order_by("-is_primary", "id")
        .values_list("person_id", "text")
    ):
        names[person_id].append(text)
    occupations: dict[int, list[str]] = {i: [] for i in ids}
    for person_id, code in access.visible(
        user, Occupation.objects.filter(person_id__in=ids).order_by("id")
    ).values_list("person_id", "code"):
        occupations[person_id].append(code)
    # the status of the page's persons only (as a column of the list query, the database would
    # compute it for every person that passes the filters before sorting them), as the caller's
    # tier sees it, with the day it began ("held since": the one definition)
    statuses = statuses_since(ids, day, levels=access.levels_for(user))
    rows: list[PersonRow] = []
    for p in persons:
        status, day_since = statuses.get(p.pk, (NOT_PRISONER, None))
        rows.append(
            {
                "id": p.pk,
                "name": p.display_name,
                "names": names[p.pk],
                "occupations": occupations[p.pk],
                "status": status,
                "status_since": None if day_since is None else day_since.isoformat(),
                "confidentiality": p.confidentiality,
                "publishable": p.publishable,
            }
        )
    return rows


#: The filters the held list (:func:`~letapis.registry.queries.held_rows`) reads alike; any
#: other filter given (one added later too) counts through the persons' query.
_HELD_LIST_FILTERS = {"status", "on", "occupation", "organisation", "sort"}


def _held_filters_only(f: PersonFilters) -> bool:
    """Whether the filters ask for the held list: ``status=held`` with at most an occupation and
    an organisation."""
    given = {name for name, value in f.model_dump().items() if value is not None and value != ""}
    return f.status == HELD and given <= _HELD_LIST_FILTERS


def person_page(
    user: Viewer, filters: PersonFilters, day: date, offset: int, limit: int, *, sorted_by_match: bool
) -> tuple[int, list[PersonRow]]:
    """The count of persons ``user`` may see that pass ``filters`` and the rows ``offset`` to
    ``offset + limit`` (their status on ``day``); with ``q`` and ``sorted_by_match``, in the
    order of the name match."""
    qs, ranked = filter_persons(user, filters, day)
    if ranked is not None and sorted_by_match:
        order = {pk: i for i, pk in enumerate(ranked)}
        rows: Any = sorted(qs, key=lambda p: order.get(p.pk, len(order)))
    elif _held_filters_only(filters):
        # the held list by another road: counted as the held list is (count_held, quicker on
        # PostgreSQL than counting the persons' query)
        code = occupation_code(filters.occupation) if filters.occupation else None
        rows = records.CountedApart(
            qs,
            lambda: count_held(day, user, occupation=code, organisation=filters.organisation),
            persons_by_name=filters.sort in ("name", "-name"),
        )
    else:
        rows = qs
    count, page = records.counted_page(rows, offset, limit)
    return count, person_rows(page, user, day)


def person_detail(person: Person, user: Viewer, day: date) -> PersonDetail:
    """Everything about ``person`` that ``user`` may see (``person`` itself must be one of
    :func:`~letapis.access.visible_persons`), the status on ``day`` included."""
    levels = access.levels_for(user)
    persons = access.visible_persons(user)
    # every involvement of the person in one query, of which those the caller may see: an event
    # is shown when it is of a level the caller reads and names a person the caller may see
    # (access.visible_events), and this person is one wherever their involvement is of such a level
    everything = records.in_order(
        Involvement.objects.filter(person=person).select_related("event", "event__place"),
        # the registry's order of events; undated ones last, on either database
        key=lambda i: (i.event.date_latest is None, i.event.date_latest or date.min, i.event.sequence, i.event_id),
    )
    involvements = [i for i in everything if i.confidentiality in levels and i.event.confidentiality in levels]
    shown = {i.event_id for i in involvements}
    # the status as the caller sees it: from those involvements alone (status_on, the spans of
    # the caller's tier), so a hidden event neither decides it nor dates it
    result = status_from((i.event for i in involvements if i.role == InvolvementRole.VICTIM), day)
    refs = claims_supporting(shown | set(supporting_events(result)), user)
    status = status_data(person, result, refs)
    memberships = records.in_order(
        access.visible_memberships(user, Membership.objects.filter(person=person)).select_related("organisation")
    )
    cases = records.in_order(
        access.visible(user, CriminalCase.objects.filter(person=person)).select_related("court", "judge")
    )
    shown_sentences = set(  # a case names its sentence event only where the caller may see it
        access.visible_events(user)
        .filter(pk__in=[c.sentence_event_id for c in cases if c.sentence_event_id])
        .values_list("pk", flat=True)
    )
    visible_judges = set(persons.filter(pk__in=[c.judge_id for c in cases if c.judge_id]).values_list("pk", flat=True))
    case_refs = case_sources(cases, shown_sentences, user)
    occupations = records.in_order(access.visible(user, Occupation.objects.filter(person=person)))
    honours = records.in_order(access.visible(user, Honour.objects.filter(person=person)))
    # each fact with the sources behind it that the caller may see (corroboration adds up)
    backing = {
        label: claims_behind_records(label, [r.pk for r in rows], user)
        for label, rows in (
            ("registry.occupation", occupations),
            ("registry.honour", honours),
            ("registry.membership", memberships),
        )
    }
    return {
        "id": person.pk,
        "name": person.display_name,
        "version": person.version,
        "gender": person.gender,
        "birth_date": person.birth_date,
        "nationalities": list(person.nationalities),
        "confidentiality": person.confidentiality,
        "publishable": person.publishable,
        "names": [
            {
                "id": n.pk,
                "text": n.text,
                "script": n.script,
                "language": n.language,
                "form": n.form,
                "is_primary": n.is_primary,
                "confidentiality": n.confidentiality,
            }
            # prefetched or one query
            for n in sorted(access.shown_names(user, person.names.all()), key=lambda n: (not n.is_primary, n.pk))
        ],
        "occupations": [
            {
                "id": o.pk,
                "code": o.code,
                "label": records.label_of("occupations", o.code),
                "confidentiality": o.confidentiality,
                "sources": backing["registry.occupation"].get(o.pk, []),
            }
            for o in occupations
        ],
        "honours": [
            {
                "id": h.pk,
                "code": h.code,
                "label": records.label_of("honours", h.code) if h.code else h.text,
                "text": h.text,
                "year": h.year,
                "confidentiality": h.confidentiality,
                "sources": backing["registry.honour"].get(h.pk, []),
            }
            for h in honours
        ],
        "memberships": [
            {
                "id": m.pk,
                "organisation_id": m.organisation_id,
                "organisation": m.organisation.name,
                "role": m.role,
                "start": m.start,
                "end": m.end,
                "confidentiality": m.confidentiality,
                "sources": backing["registry.membership"].get(m.pk, []),
            }
            for m in memberships
        ],
        "external_ids": [
            {"scheme": e.scheme, "value": e.value}
            for e in sorted(person.external_ids.all(), key=lambda e: (e.scheme, e.pk))  # prefetched or one query
            if e.confidentiality in access.levels_for(user)
        ],
        "status": status,
        "events": [
            {
                "id": i.event.pk,
                "type": i.event.type,
                "date": i.event.date,
                "role": i.role,
                "place": records.place_json(i.event.place, user),
                "description": i.event.description,
                "parent_id": i.event.parent_id,
                "sources": records.source_refs(refs.get(i.event_id, [])),
            }
            for i in involvements
        ],
        "cases": [
            {
                "id": c.pk,
                "articles": list(c.articles),
                "case_number": c.case_number,
                "court": c.court.name if c.court is not None and c.court.confidentiality in levels else None,
                "judge": c.judge.display_name
                if c.judge is not None and c.judge_id in visible_judges
                else (c.judge_name or None),
                "sentence_kind": c.sentence_kind,
                "sentence_months": c.sentence_months,
                "sentence_date": c.sentence_date,
                "appeal_date": c.appeal_date,
                "sentence_event_id": c.sentence_event_id if c.sentence_event_id in shown_sentences else None,
                "confidentiality": c.confidentiality,
                "sources": case_refs.get(c.pk, []),
            }
            for c in cases
        ],
        "notes": records.notes_json(Note.objects.filter(person=person), user),
        "term": term_section(person, user),
    }


def case_sources(cases: Sequence[CriminalCase], shown_events: set[int], user: Viewer) -> dict[int, list[SourceRef]]:
    """The sources of each case that ``user`` may see: the claims behind the case itself, then
    those of its verdict event where the caller may see that event (one of ``shown_events``)."""
    behind = claims_behind_records("registry.criminalcase", [c.pk for c in cases], user)
    verdicts = claims_supporting({c.sentence_event_id for c in cases if c.sentence_event_id in shown_events}, user)
    out: dict[int, list[SourceRef]] = {}
    for case in cases:
        refs = list(behind.get(case.pk, []))
        if case.sentence_event_id in shown_events:
            refs += verdicts.get(case.sentence_event_id, [])
        out[case.pk] = list({r["claim_id"]: r for r in refs}.values())  # each claim once, in order
    return out


def _day(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def term_section(person: Person, user: Viewer) -> TermSection | None:
    """The term section of ``person`` (one the caller may see) in the caller's tier, or
    ``None`` when that tier knows of no term, place or contact."""
    row = (
        FollowUp.objects.filter(person=person, level=access.tier_for(user))
        .select_related("place", "place_event", "contact_event")
        .first()
    )
    if row is None:
        return None
    place = access.place_shown(user, row.place)  # read by the tier by construction; checked again
    return {
        "case_id": row.case_id,
        "custody_start": _day(row.custody_start),
        "end_earliest": _day(row.end_earliest),
        "end_latest": _day(row.end_latest),
        "end": {lang: display_end(row.end_earliest, row.end_latest, lang) for lang in LANGUAGES},
        "steps": list(row.reasoning),
        "reasoning": {lang: reasoning(row.reasoning, lang) for lang in LANGUAGES},
        "place": None
        if place is None
        else {
            "id": place.pk,
            "name": place.name,
            "kind": place.kind,
            "country": place.country,
            "number": place.number,
            "postal_address": place.postal_address,
        },
        "place_since": _day(row.place_since) if place is not None else None,
        "place_event_id": row.place_event_id if place is not None else None,
        "place_event_date": row.place_event.date if place is not None and row.place_event is not None else None,
        "last_contact": _day(row.last_contact),
        "contact_event_id": row.contact_event_id,
        "contact_event_date": None if row.contact_event is None else row.contact_event.date,
    }
