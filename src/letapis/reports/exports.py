"""Exports: CSV and XLSX of a list, JSON of the registry, FollowTheMoney entities.

Every export is made *as a user sees the registry* (:mod:`letapis.access`): the public
(``user=None``) gets public records of publishable persons only, never an internal or
confidential note, source, claim or record. The ``confidentiality`` column appears only in
exports for the team.

The persons list (:func:`persons_table`) has one row per person with the columns of
:data:`PERSON_COLUMNS`; the importer reads the same columns back with its default mapping, so an
export can be imported into another Letapis database. A code column (``occupations``,
``status``…) has its labels in the export's language beside it (``occupations_label``…), and
memberships read "PEN Belarus (member)"; ``sources`` lists the sources the user may see that
support the row (one a line). :func:`filtered_rows` applies the persons list's own filters
(:func:`letapis.read.persons.filter_persons`), so an export holds exactly the rows of the list.
XLSX cells are typed: whole dates are dates, numbers are numbers.

CSV and XLSX cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return — also after leading spaces, line breaks or invisible
characters, and in their full-width forms) get a leading apostrophe (OWASP's advice on CSV
injection); :func:`unneutralise` takes it off again on import. XLSX cannot hold the control
characters U+0000–U+001F (but tab and line breaks): they are written as their visible symbols
(U+2400–U+241F, e.g. ``␇``) instead of failing the whole export.
"""

from __future__ import annotations

import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from letapis import access
from letapis.accounts.actor import Actor, Viewer
from letapis.read import persons as read_persons
from letapis.registry.models import (
    Claim,
    ClaimState,
    CriminalCase,
    Involvement,
    InvolvementRole,
    Note,
    Organisation,
    Place,
    Source,
)
from letapis.registry.status import status_effects, status_since, with_status_on
from letapis.review import candidates
from letapis.spreadsheets import is_formula_like as is_formula_like
from letapis.spreadsheets import neutralise as neutralise
from letapis.spreadsheets import to_csv as to_csv
from letapis.spreadsheets import unneutralise as unneutralise
from letapis.vocab import vocabulary
from letapis.vocab.codes import EventType, Status

#: The columns of a person's name forms (letapis.registry.models.NameForm), by column.
NAME_FORMS = {
    "name_native": "native",
    "name_lacinka": "lacinka",
    "name_passport": "passport",
    "name_russian": "russian",
}
#: A person's names, as the export writes them and the importer reads them.
NAME_COLUMNS = ("name", *NAME_FORMS, "other_names")

#: The columns of the persons list, in order (``confidentiality`` only for the team).
PERSON_COLUMNS = (
    "id",
    *NAME_COLUMNS,
    "gender",
    "gender_label",
    "birth_date",
    "nationalities",
    "occupations",
    "occupations_label",
    "memberships",
    "honours",
    "honours_label",
    "status",
    "status_label",
    "status_since",
    "detention_date",
    "sentence_date",
    "sentence_months",
    "articles",
    "sentence_regime",
    "sentence_regime_label",
    "court",
    "judge",
    "appeal_date",
    "release_date",
    "place",
    "place_address",
    "sources",
    "publishable",
    "confidentiality",
)
#: columns whose whole-day values (YYYY-MM-DD) an XLSX holds as dates; partial dates stay text
DATE_COLUMNS = frozenset(
    {"birth_date", "status_since", "detention_date", "sentence_date", "appeal_date", "release_date"}
)
#: what separates the sources of a row (a title or a URL may hold a semicolon)
SOURCE_SEPARATOR = "\n"
_WHOLE_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: the labels of genders in one person's row (the same words as the person form's)
GENDER_LABELS = {
    "": gettext_lazy("unknown"),
    "female": gettext_lazy("female"),
    "male": gettext_lazy("male"),
    "other": gettext_lazy("other"),
}
LIST_SEPARATOR = "; "
#: control characters an XLSX worksheet refuses
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _person_queryset(user: Viewer) -> Any:
    return (
        access.visible_persons(user)
        .prefetch_related(
            *read_persons.person_prefetches(user),
            Prefetch(
                "criminal_cases",
                queryset=access.visible(user, CriminalCase.objects.select_related("court", "judge").order_by("id")),
            ),
        )
        .order_by("name_key", "id")
    )


def _latest_event_dates(person_ids: list[int], user: Viewer) -> dict[tuple[int, str], str]:
    """The date text of each person's latest visible event of each type (one query)."""
    rows = (
        access.visible(
            user,
            Involvement.objects.filter(
                person_id__in=person_ids,
                role=InvolvementRole.VICTIM,
                event__date_latest__isnull=False,
            ),
        )
        .filter(event__confidentiality__in=access.levels_for(user))
        .order_by(
            "event__date_latest",
            "event__sequence",
            "event_id",
        )
        .values_list("person_id", "event__type", "event__date")
    )
    latest: dict[tuple[int, str], str] = {}
    for person_id, kind, text in rows:
        latest[(person_id, kind)] = text
    return latest


def shown_judges(cases: Iterable[CriminalCase], user: Viewer) -> set[int]:
    """The ids of the judges of ``cases`` (registry persons) that ``user`` may see."""
    ids = {c.judge_id for c in cases if c.judge_id is not None}
    return set(access.visible_persons(user).filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()


def case_columns(case: CriminalCase | None, user: Viewer, judges: set[int], lang: str) -> dict[str, str]:
    """The persons list's columns of a case (one ``user`` may see): its regime (code and
    label), its court where ``user`` may see it, its judge (a registry person among ``judges``,
    else the name the source gives), the date of the appeal."""
    from letapis import language

    if case is None:
        return {"sentence_regime": "", "sentence_regime_label": "", "court": "", "judge": "", "appeal_date": ""}
    court = case.court
    return {
        "sentence_regime": case.sentence_kind,
        "sentence_regime_label": language.vocab_label("sentence_regimes", case.sentence_kind, lang)
        if case.sentence_kind
        else "",
        "court": court.name if court is not None and court.confidentiality in access.levels_for(user) else "",
        "judge": case.judge.display_name if case.judge is not None and case.judge_id in judges else case.judge_name,
        "appeal_date": case.appeal_date,
    }


def persons_table(
    user: Viewer, day: date | None = None, *, only: Iterable[int] | QuerySet[Any] | None = None, lang: str = "en"
) -> list[dict[str, Any]]:
    """One row per person ``user`` may see (optionally only ``only``), status as of ``day``
    (default today), and for those held the place of detention and its postal address as the
    user's tier knows them (:func:`letapis.following.places.places_now`). Labels of codes are
    in ``lang`` (en, be, ru). A fixed number of queries whatever the number of persons."""
    from letapis import language
    from letapis.following.places import places_now

    language.check_language(lang)
    day = timezone.localdate() if day is None else day
    qs = _person_queryset(user)
    if only is not None:
        qs = qs.filter(pk__in=only.values("pk") if isinstance(only, QuerySet) else list(only))
    persons = list(with_status_on(qs, day, levels=access.levels_for(user)))
    ids = [p.pk for p in persons]
    latest = _latest_event_dates(ids, user)
    supporting = sources_of(ids, user)
    since = status_since(ids, day, levels=access.levels_for(user))  # "held since": the one definition
    effects = status_effects()
    team = not access.is_public_only(user)
    held = [p.pk for p in persons if effects.get(p.status_event_type) == Status.HELD]  # type: ignore[attr-defined]  # annotated by with_status_on()
    judges = shown_judges([c for p in persons for c in p.criminal_cases.all()], user)
    where = places_now(held, user, day) if held else {}
    occupations, roles, honours = vocabulary("occupations"), vocabulary("membership_roles"), vocabulary("honours")

    def label(vocab: Any, code: str, feminine: bool = False) -> str:
        term = vocab.get(code)
        return code.replace("_", " ") if term is None else str(term.label(lang, feminine=feminine))

    rows = []
    with translation.override(lang):
        genders = {code: str(text) for code, text in GENDER_LABELS.items()}
    for person in persons:
        names = list(person.names.all())
        by_form: dict[str, str] = {}
        for variant in names:
            by_form.setdefault(variant.form, variant.text)
        used = {person.display_name, *[by_form[f] for f in NAME_FORMS.values() if f in by_form]}
        cases = list(person.criminal_cases.all())
        # the latest verdict (by its date, then as recorded), as the statistics read a term
        case = max(cases, key=lambda c: (c.sentence_date, c.pk)) if cases else None
        event_type = person.status_event_type  # type: ignore[attr-defined]  # annotated by with_status_on()
        status = Status.NOT_PRISONER if event_type is None else effects.get(event_type, Status.NOT_PRISONER)
        woman = person.gender == "female"
        row: dict[str, Any] = {
            "id": person.pk,
            "name": person.display_name,
            **{column: by_form.get(form, "") for column, form in NAME_FORMS.items()},
            "other_names": LIST_SEPARATOR.join(v.text for v in names if v.text not in used),
            "gender": person.gender,
            "gender_label": genders.get(person.gender, person.gender),
            "birth_date": person.birth_date,
            "nationalities": LIST_SEPARATOR.join(person.nationalities),
            "occupations": LIST_SEPARATOR.join(o.code for o in person.occupations.all()),
            "occupations_label": LIST_SEPARATOR.join(
                label(occupations, o.code, woman) for o in person.occupations.all()
            ),
            "memberships": LIST_SEPARATOR.join(
                f"{m.organisation.name} ({label(roles, m.role, woman)})" for m in person.memberships.all()
            ),
            "honours": LIST_SEPARATOR.join(h.code or h.text for h in person.honours.all()),
            "honours_label": LIST_SEPARATOR.join(
                (label(honours, h.code) if h.code else h.text) + (f" ({h.year})" if h.year else "")
                for h in person.honours.all()
            ),
            "status": status,
            "status_label": "" if status == Status.NOT_PRISONER else language.vocab_label("statuses", status, lang),
            "status_since": "" if person.pk not in since else since[person.pk].isoformat(),
            "detention_date": latest.get((person.pk, EventType.DETENTION), ""),
            "sentence_date": "" if case is None else case.sentence_date,
            "sentence_months": "" if case is None or case.sentence_months is None else case.sentence_months,
            "articles": "" if case is None else LIST_SEPARATOR.join(case.articles),
            **case_columns(case, user, judges, lang),
            "release_date": latest.get((person.pk, EventType.RELEASE), ""),
            "place": where[person.pk].name if person.pk in where else "",
            "place_address": where[person.pk].postal_address if person.pk in where else "",
            "sources": SOURCE_SEPARATOR.join(supporting.get(person.pk, [])),
            "publishable": "yes" if person.publishable else "no",
        }
        if team:
            row["confidentiality"] = person.confidentiality
        rows.append(row)
    return rows


#: the lists an export may hold: every person, or those held on a day (``status=held``)
LISTS = ("persons", "held")
#: the persons list's filters (``/persons/`` and ``GET /api/v1/persons``), read alike here
FILTER_KEYS = read_persons.FILTER_KEYS


class ExportError(ValueError):
    """A list or a filter an export cannot use (a message for the user)."""


def read_filters(params: Any) -> tuple[Any, date]:
    """The persons list's filters (:class:`letapis.read.persons.PersonFilters`) and the day of
    the statuses, from query parameters (or the command line's options): ``list=held`` is
    ``status=held``. :class:`ExportError` on a value the persons list would refuse."""
    from pydantic import ValidationError

    from letapis.read.records import Refused, validation_messages

    which = str(params.get("list") or "persons")
    if which not in LISTS:
        raise ExportError(_("“%(value)s” is not a list: choose every person or those held.") % {"value": which})
    given = {key: str(params[key]).strip() for key in FILTER_KEYS if str(params.get(key) or "").strip() != ""}
    if which == "held":
        if given.get("status", Status.HELD) != Status.HELD:
            raise ExportError(_("The list of those held cannot also have another status."))
        given["status"] = Status.HELD
    try:
        filters = read_persons.PersonFilters.model_validate(given)
        if filters.occupation:
            read_persons.occupation_code(filters.occupation)  # the persons list's own check
        if filters.event_type and filters.event_type not in vocabulary("event_types"):
            raise ExportError(_("“%(value)s” is not an event type.") % {"value": filters.event_type})
    except ValidationError as exc:
        raise ExportError(" ".join(validation_messages(exc))) from exc
    except Refused as exc:  # the occupation is the only one it checks
        raise ExportError(_("“%(value)s” is not an occupation.") % {"value": given.get("occupation", "")}) from exc
    return filters, filters.on or timezone.localdate()


def filtered_rows(user: Viewer, filters: Any, day: date, lang: str = "en") -> list[dict[str, Any]]:
    """The rows of :func:`persons_table` for the persons the persons list shows with these
    filters (:func:`letapis.read.persons.filter_persons`: one place owns each filter's rule),
    in the list's order. :class:`ExportError` on a filter it refuses (an unknown occupation)."""
    from letapis.read.persons import filter_persons
    from letapis.read.records import Refused

    try:
        chosen, _ranked = filter_persons(user, filters, day)
        order = {pk: i for i, pk in enumerate(chosen.values_list("pk", flat=True))}
    except Refused as exc:
        raise ExportError(str(exc)) from exc
    rows = persons_table(user, day, only=chosen, lang=lang)
    return sorted(rows, key=lambda row: order[row["id"]])


def source_line(source: Source) -> str:
    """A source as a spreadsheet cell shows it: title — publisher, date, URL (what it has)."""
    head = " — ".join(part for part in (source.title, source.publisher) if part)
    parts = [part for part in (head, _iso(source.date) or "", source.url) if part]
    return ", ".join(parts) if parts else f"source {source.pk}"


def sources_of(person_ids: Sequence[int], user: Viewer) -> dict[int, list[str]]:
    """The sources ``user`` may see behind each person's row: those of the claims about the
    person and about the events they are a victim of, each once, oldest first (four queries)."""
    if not person_ids:
        return {}
    levels = access.levels_for(user)
    claims = access.visible_claims(user).filter(state=ClaimState.ACCEPTED)
    pairs = set(claims.filter(person_id__in=person_ids).values_list("person_id", "source_id"))
    victims = access.visible(
        user, Involvement.objects.filter(person_id__in=person_ids, role=InvolvementRole.VICTIM)
    ).filter(event__confidentiality__in=levels)
    by_event: dict[int, set[int]] = defaultdict(set)
    for person_id, event_id in victims.values_list("person_id", "event_id"):
        by_event[event_id].add(person_id)
    for event_id, source_id in claims.filter(event_id__in=list(by_event)).values_list("event_id", "source_id"):
        pairs.update((person_id, source_id) for person_id in by_event[event_id])
    wanted = {pair[1] for pair in pairs}
    sources = {s.pk: s for s in access.visible(user, Source.objects.filter(pk__in=wanted))}
    found: dict[int, list[str]] = defaultdict(list)
    shown = sorted(
        (pair for pair in pairs if pair[1] in sources),
        key=lambda pair: (pair[0], sources[pair[1]].date or date.max, pair[1]),
    )
    for person_id, source_id in shown:
        found[person_id].append(source_line(sources[source_id]))
    return found


def columns_of(rows: Sequence[dict[str, Any]], user: Viewer) -> list[str]:
    columns = list(PERSON_COLUMNS)
    if access.is_public_only(user):
        columns.remove("confidentiality")
    if rows:
        columns = [c for c in columns if c in rows[0]] + [c for c in rows[0] if c not in columns]
    return columns


def _xlsx_text(value: Any) -> str:
    return _XLSX_ILLEGAL.sub(lambda m: chr(0x2400 + ord(m.group())), neutralise(value))


def xlsx_value(column: str, value: Any) -> Any:
    """A cell's value for XLSX: a whole date of a date column as a date, a number as a number,
    anything else as neutralised text."""
    if isinstance(value, bool):
        return _xlsx_text(value)
    if isinstance(value, int | float | date):
        return value
    if column in DATE_COLUMNS and isinstance(value, str) and _WHOLE_DAY.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:  # 2025-02-30: kept as the text it is
            pass
    return _xlsx_text(value)


def to_xlsx(rows: Sequence[dict[str, Any]], columns: Sequence[str], title: str = "persons") -> bytes:
    """An XLSX workbook with one sheet: dates are date cells (shown YYYY-MM-DD), numbers are
    numbers, and every other cell is text, so a formula never runs."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append([_xlsx_text(c) for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([xlsx_value(c, row.get(c, "")) for c in columns])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(cell.value, str):
                cell.data_type = "s"
                if "\n" in cell.value:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# The registry as JSON


def registry_json(user: Viewer) -> dict[str, Any]:
    """Every record ``user`` may see, as plain data (one query per model)."""
    levels = access.levels_for(user)
    persons = list(_person_queryset(user))
    person_ids = {p.pk for p in persons}
    events = list(access.visible_events(user).order_by("date_latest", "id"))
    event_ids = {e.pk for e in events}
    involvements = list(
        access.visible(user, Involvement.objects.filter(event_id__in=event_ids)).filter(
            Q(person_id__in=person_ids) | Q(person__isnull=True, organisation__confidentiality__in=levels)
        )
    )
    organisations = list(access.visible(user, Organisation.objects.all()))
    organisation_ids = {o.pk for o in organisations}
    sources = list(access.visible(user, Source.objects.all()).order_by("id"))
    source_ids = {s.pk for s in sources}
    claims = list(
        access.visible(user, Claim.objects.filter(state=ClaimState.ACCEPTED, source_id__in=source_ids))
        .filter(Q(person__isnull=True) | Q(person_id__in=person_ids))
        .filter(Q(event__isnull=True) | Q(event_id__in=event_ids))
        .order_by("id")
    )
    # a person claim's stored match candidates as the user may see them (hidden persons left out)
    sight = candidates.sight_of(user, [c.value for c in claims])
    notes = list(access.visible(user, Note.objects.filter(person_id__in=person_ids)))
    notes += list(access.visible(user, Note.objects.filter(person__isnull=True, event_id__in=event_ids)))
    places = list(access.visible_places(user, Place.objects.filter(pk__in={e.place_id for e in events})))
    place_ids = {p.pk for p in places}
    return {
        "format": "letapis-registry/1",
        "public": levels == access.PUBLIC_ONLY,
        "persons": [
            {
                "id": p.pk,
                "name": p.display_name,
                "gender": p.gender,
                "birth_date": p.birth_date,
                "nationalities": p.nationalities,
                "publishable": p.publishable,
                **({} if levels == access.PUBLIC_ONLY else {"confidentiality": p.confidentiality}),
                "names": [
                    {
                        "text": n.text,
                        "form": n.form,
                        "script": n.script,
                        "language": n.language,
                        "primary": n.is_primary,
                    }
                    for n in p.names.all()
                ],
                "occupations": [o.code for o in p.occupations.all()],
                "honours": [{"code": h.code, "text": h.text, "year": h.year} for h in p.honours.all()],
                "memberships": [
                    {"organisation": m.organisation_id, "role": m.role, "start": m.start, "end": m.end}
                    for m in p.memberships.all()
                ],
                "criminal_cases": [
                    {
                        "id": c.pk,
                        "articles": c.articles,
                        "case_number": c.case_number,
                        "court": c.court_id if c.court_id in organisation_ids else None,
                        "judge": c.judge_id if c.judge_id in person_ids else None,
                        "judge_name": c.judge_name,
                        "sentence_kind": c.sentence_kind,
                        "sentence_months": c.sentence_months,
                        "sentence_date": c.sentence_date,
                        "appeal_date": c.appeal_date,
                        "sentence_event": c.sentence_event_id if c.sentence_event_id in event_ids else None,
                    }
                    for c in p.criminal_cases.all()
                ],
            }
            for p in persons
        ],
        "organisations": [
            {"id": o.pk, "name": o.name, "aliases": o.aliases, "kind": o.kind, "country": o.country}
            for o in organisations
        ],
        "places": [{"id": p.pk, "name": p.name, "kind": p.kind, "country": p.country} for p in places],
        "events": [
            {
                "id": e.pk,
                "type": e.type,
                "date": e.date,
                "date_earliest": _iso(e.date_earliest),
                "date_latest": _iso(e.date_latest),
                "place": e.place_id if e.place_id in place_ids else None,
                "description": e.description,
                "count": e.count,
                "foreign_nationals": e.foreign_nationals,
                "destinations": e.destinations,
                "forced_exile": e.forced_exile,
                "parent": e.parent_id,
            }
            for e in events
        ],
        "involvements": [
            {"event": i.event_id, "person": i.person_id, "organisation": i.organisation_id, "role": i.role}
            for i in involvements
        ],
        "notes": [{"person": n.person_id, "event": n.event_id, "text": n.text} for n in notes],
        "sources": [
            {
                "id": s.pk,
                "sha256": s.sha256,
                "title": s.title,
                "publisher": s.publisher,
                "url": s.url,
                "date": _iso(s.date),
                "language": s.language,
                "reliability": s.reliability,
            }
            for s in sources
        ],
        "claims": [
            {
                "id": c.pk,
                "source": c.source_id,
                "kind": c.kind,
                "value": candidates.shown_value(c.value, sight),
                "quote": c.quote,
                "person": c.person_id,
                "event": c.event_id,
                "record": f"{c.record_type}:{c.record_id}",
            }
            for c in claims
        ],
    }


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


# ---------------------------------------------------------------------------------------------
# FollowTheMoney


def ftm_entities(user: Viewer, dataset: str = "letapis", *, data: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The registry as FollowTheMoney entities: ``Person``, ``Organization``, ``Membership``,
    ``Event`` (with the persons ``involved``) and ``Documentation`` linking a person to a source
    (a ``Document`` with its title and publisher). Ids are stable: ``letapis-<kind>-<id>``."""
    from followthemoney import model

    data = registry_json(user) if data is None else data
    entities: list[Any] = []

    def make(schema: str, kind: str, pk: int | str) -> Any:
        proxy = model.make_entity(schema)
        proxy.id = f"{dataset}-{kind}-{pk}"
        return proxy

    roles = vocabulary("membership_roles")
    orgs = {}
    for org in data["organisations"]:
        proxy = make("Organization", "org", org["id"])
        proxy.add("name", org["name"])
        proxy.add("alias", org["aliases"])
        if org["country"]:
            proxy.add("country", org["country"].lower())
        orgs[org["id"]] = proxy
        entities.append(proxy)
    for person in data["persons"]:
        proxy = make("Person", "person", person["id"])
        proxy.add("name", person["name"])
        proxy.add("alias", [n["text"] for n in person["names"] if n["text"] != person["name"]])
        if person["gender"]:
            proxy.add("gender", person["gender"])
        if person["birth_date"]:
            proxy.add("birthDate", person["birth_date"])
        proxy.add("nationality", [c.lower() for c in person["nationalities"]])
        proxy.add(
            "profession",
            [
                vocabulary("occupations").label(c, "en") if c in vocabulary("occupations") else c
                for c in person["occupations"]
            ],
        )
        entities.append(proxy)
        for i, membership in enumerate(person["memberships"]):
            link = make("Membership", "membership", f"{person['id']}-{i}")
            link.add("member", proxy.id)
            link.add("organization", orgs[membership["organisation"]].id)
            role = membership["role"]
            link.add("role", roles.label(role, "en") if role in roles else role.replace("_", " "))
            entities.append(link)
    person_ids = {p["id"] for p in data["persons"]}
    involved: dict[int, list[int]] = defaultdict(list)
    for inv in data["involvements"]:
        if inv["person"] in person_ids:
            involved[inv["event"]].append(inv["person"])
    for event in data["events"]:
        proxy = make("Event", "event", event["id"])
        label = event["type"].replace("_", " ")
        proxy.add("name", f"{label} {event['date']}".strip())
        if re.fullmatch(r"\d{4}(-\d{2}){0,2}", event["date"]):  # FtM dates may be partial: 2022-07
            proxy.add("date", event["date"])
        elif event["date_latest"] is not None:  # a range or an open bound: its last day
            proxy.add("date", event["date_latest"])
        proxy.add("description", event["description"])
        proxy.add("summary", [f"count: {event['count']}"] if event["count"] is not None else [])
        proxy.add("country", [c.lower() for c in event["destinations"]])
        proxy.add("involved", [f"{dataset}-person-{p}" for p in involved.get(event["id"], [])])
        entities.append(proxy)
    for source in data["sources"]:
        proxy = make("PlainText", "source", source["id"])
        proxy.add("title", source["title"])
        proxy.add("publisher", source["publisher"])
        if source["url"]:
            proxy.add("sourceUrl", source["url"])
        entities.append(proxy)
    documented = {(c["person"], c["source"]) for c in data["claims"] if c["person"] in person_ids}
    for person_id, source_id in sorted(documented):
        link = make("Documentation", "doc", f"{person_id}-{source_id}")
        link.add("entity", f"{dataset}-person-{person_id}")
        link.add("document", f"{dataset}-source-{source_id}")
        entities.append(link)
    return [e.to_dict() for e in entities]


def to_ftm_lines(entities: Sequence[dict[str, Any]]) -> str:
    """Line-delimited JSON, the format ``ftm`` and Aleph read."""
    return "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in entities)


# ---------------------------------------------------------------------------------------------
# Exports that carry sources: recorded in their chain of custody


@dataclass(frozen=True)
class RegistryExport:
    """An export of the registry: its bytes, what it holds (``persons``, ``events``,
    ``entities``) and how many sources it carried."""

    body: bytes
    counts: dict[str, int]
    sources: int


def do_export_registry(actor: Actor, user: Viewer, fmt: str, *, how: str, indent: int | None = None) -> RegistryExport:
    """The registry as ``user`` sees it, as JSON (``fmt="json"``) or FollowTheMoney lines
    (``"ftm"``), and an EXPORTED step in the chain of custody of each source it includes (one per
    source, the export's format in its detail) by ``actor`` — a signed-in user or the operator
    of the command line. An anonymous download of the public export records nothing: its
    sources are public, published by the static site, and anyone on the internet would
    otherwise write a row per source per download."""
    from letapis.custody.models import CustodyAction
    from letapis.custody.services import do_record_release

    data = registry_json(user)
    if fmt == "json":
        body = json.dumps(data, ensure_ascii=False, indent=indent).encode("utf-8")
        counts = {"persons": len(data["persons"]), "events": len(data["events"])}
    elif fmt == "ftm":
        entities = ftm_entities(user, data=data)
        body = to_ftm_lines(entities).encode("utf-8")
        counts = {"entities": len(entities)}
    else:
        raise ValueError(f"not a registry export: {fmt!r}")
    ids = [int(source["id"]) for source in data["sources"]]
    if how == "cli" or getattr(actor, "is_authenticated", False):
        name = "registry.json" if fmt == "json" else "registry.ftm.json"
        detail = {"name": name, "format": fmt, "public": data["public"]}
        do_record_release(actor, ids, CustodyAction.EXPORTED, how=how, detail=detail)
    return RegistryExport(body, counts, len(ids))
