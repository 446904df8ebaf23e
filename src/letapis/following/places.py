"""Places of detention: which the caller may see, who is held in each on a day, and the letter
sheet (each person's name as the post needs it, the place's postal address and the team's rules
for writing there).

A place of detention is a :class:`~letapis.registry.models.Place` of a kind with
``detention: true`` in ``place_kinds.yaml``. Where a person is held is read from the
:class:`~letapis.following.models.FollowUp` row of the caller's tier (``place``, ``place_since``,
``place_event``: derived only from the records that tier reads, kept in step by
:mod:`letapis.following.refresh`), joined with the held :class:`~letapis.registry.models.StatusSpan`
of the same tier covering the day. So a confidential place, or a confidential transfer to it, is
no part of what a public or internal caller counts or lists: their tier's row does not know it.
Each reader also checks the place's own level and the person's visibility, so that a stale or
hand-made row cannot show a record its reader may not see.

"Held at X on D" is: held on D (the span), the tier's place is X, and the person is known to be
there since a day on or before D (``place_since``). The place is the *present* one: a person
moved elsewhere since D is listed at the new place only (the registry's lists of who is held
where are lists of now; the person page's timeline has the transfers).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from letapis import access
from letapis import names as names_core
from letapis.accounts.actor import Viewer
from letapis.following.models import FollowUp
from letapis.registry.models import Event, NameForm, NameVariant, Place, StatusSpan
from letapis.registry.queries import SourceRef, claims_supporting
from letapis.registry.services import detention_kinds
from letapis.registry.status import HELD

#: kinds of the ancestors a place of detention is located by
CITY_KINDS = ("city", "village", "district")
REGION_KINDS = ("region",)


def detention_places(user: Viewer) -> QuerySet[Place]:
    """The places of detention ``user`` may see."""
    return access.visible_places(user, Place.objects.filter(kind__in=sorted(detention_kinds())))


def _held_rows(day: date, user: Viewer) -> QuerySet[FollowUp]:
    """The FollowUp rows of ``user``'s tier of the persons they may see who are held on ``day``
    at a place of detention they may see, known there on or before ``day``."""
    tier = access.tier_for(user)
    held = StatusSpan.objects.filter(
        person_id=OuterRef("person_id"), level=tier, status=HELD, since__lte=day, until__gt=day
    )
    return (
        FollowUp.objects.filter(
            level=tier,
            place__isnull=False,
            place__confidentiality__in=access.levels_for(user),
            place__kind__in=sorted(detention_kinds()),
        )
        .filter(Q(place_since__isnull=True) | Q(place_since__lte=day))
        .filter(access.visible_person_q(user))
        .filter(Exists(held))
    )


def held_counts(day: date, user: Viewer, place_ids: Iterable[int] | None = None) -> dict[int, int]:
    """How many persons ``user`` may see are held at each place on ``day`` (one query)."""
    rows = _held_rows(day, user)
    if place_ids is not None:
        rows = rows.filter(place_id__in=list(place_ids))
    return dict(rows.order_by().values("place_id").annotate(n=Count("id")).values_list("place_id", "n"))


@dataclass
class PlaceSummary:
    """A place of detention as a list shows it."""

    id: int
    name: str
    kind: str
    number: str
    regime: str
    city: str
    region: str
    country: str
    held: int


def _located(place: Place, user: Viewer) -> tuple[str, str]:
    """The city and the region of a place: the nearest ancestors of those kinds that ``user``
    may see (read through ``parent``; the caller selects three levels of parents at once)."""
    city = region = ""
    ancestor = place.parent
    for _ in range(4):
        if ancestor is None:
            break
        if access.place_shown(user, ancestor) is not None:
            if city == "" and ancestor.kind in CITY_KINDS:
                city = ancestor.name
            if region == "" and ancestor.kind in REGION_KINDS:
                region = ancestor.name
        ancestor = ancestor.parent if ancestor.parent_id is not None else None
    return city, region


def places_list(
    user: Viewer, day: date, *, kind: str | None = None, q: str | None = None, held_only: bool = False
) -> list[PlaceSummary]:
    """Every place of detention ``user`` may see, with how many of the persons they may see are
    held there on ``day``; ordered by name. Two queries, whatever the number of places."""
    places = detention_places(user).select_related("parent__parent__parent").order_by("name", "id")
    if kind:
        places = places.filter(kind=kind)
    if q:
        places = places.filter(Q(name__icontains=q) | Q(number=q))
    counts = held_counts(day, user)
    result = [summary_of(place, counts.get(place.pk, 0), user) for place in places]
    return [r for r in result if r.held > 0] if held_only else result


def summary_of(place: Place, held: int, user: Viewer) -> PlaceSummary:
    """:class:`PlaceSummary` of a place ``user`` may see, ``held`` there."""
    city, region = _located(place, user)
    return PlaceSummary(
        id=place.pk,
        name=place.name,
        kind=place.kind,
        number=place.number,
        regime=place.regime,
        city=city,
        region=region,
        country=place.country,
        held=held,
    )


@dataclass
class HeldThere:
    """A person held at a place on a day: since when they are known there, and the event that
    put them there (a transfer, a detention, a sentence) with its sources."""

    id: int
    name: str
    names: list[str]
    since: str | None
    event: dict[str, Any] | None
    sources: list[SourceRef] = field(default_factory=list)


def held_at(place: Place, day: date, user: Viewer) -> list[HeldThere]:
    """The persons ``user`` may see who are held at ``place`` on ``day``, by name, with the
    event that decides their place (when ``user`` may see it) and its sources. ``place`` must be
    one ``user`` may see (the caller found it through :func:`detention_places`)."""
    rows = list(
        _held_rows(day, user)
        .filter(place_id=place.pk)
        .order_by("person__name_key", "person_id")
        .values_list("person_id", "person__display_name", "place_since", "place_event_id")
    )
    ids = [r[0] for r in rows]
    names = _names(ids, user)
    events = {
        e[0]: e
        for e in access.visible_events(user, Event.objects.filter(pk__in=[r[3] for r in rows if r[3] is not None]))
        .values_list("id", "type", "date")
        .order_by()
    }
    sources = claims_supporting(events, user)
    result = []
    for person_id, name, since, event_id in rows:
        event = events.get(event_id)
        result.append(
            HeldThere(
                id=person_id,
                name=name,
                names=[text for text, _form in names.get(person_id, [])],
                since=None if since is None else since.isoformat(),
                event=None if event is None else {"id": event[0], "type": event[1], "date": event[2]},
                sources=[] if event is None else sources.get(event[0], []),
            )
        )
    return result


def _names(ids: Sequence[int], user: Viewer) -> dict[int, list[tuple[str, str]]]:
    """(text, form) of the name forms ``user`` may see of each person, the primary first."""
    found: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for person_id, text, form in (
        access.visible_names(user, NameVariant.objects.filter(person_id__in=list(ids)))
        .order_by("-is_primary", "id")
        .values_list("person_id", "text", "form")
    ):
        found[person_id].append((text, form))
    return found


@dataclass(frozen=True)
class PlaceNow:
    """Where a person is held now, as a list row or an export shows it."""

    id: int
    name: str
    postal_address: str
    since: date | None


def places_now(person_ids: Iterable[int], user: Viewer, day: date | None = None) -> dict[int, PlaceNow]:
    """The place of detention of each of these persons as ``user``'s tier knows it (one query);
    with ``day``, only a place they are known to be at on that day. Meaningful only for those
    held: the caller shows it on the rows of held persons."""
    rows = FollowUp.objects.filter(
        person_id__in=list(person_ids),
        level=access.tier_for(user),
        place__isnull=False,
        place__confidentiality__in=access.levels_for(user),
        place__kind__in=sorted(detention_kinds()),
    )
    if day is not None:
        rows = rows.filter(Q(place_since__isnull=True) | Q(place_since__lte=day))
    found = rows.order_by().values_list("person_id", "place_id", "place__name", "place__postal_address", "place_since")
    return {pid: PlaceNow(place_id, name, address, since) for pid, place_id, name, address, since in found}


# ---------------------------------------------------------------------------------------------
# The letter sheet


@dataclass
class Letter:
    """One person of a letter sheet: the name to write on the envelope and where to send it.

    ``name_ru`` is the Russian Cyrillic full name the post office of a Belarusian prison needs:
    the person's own Russian form when the registry holds one the reader may see, else derived
    from their Belarusian form with the names core (``name_ru_derived``: check it before
    sending). ``held`` is whether they are held on the day; ``place`` ``None`` when they are held
    at no place known to the reader. ``letter_rules`` is the team's note: empty for the public.
    """

    person_id: int
    name: str
    name_ru: str
    name_ru_derived: bool
    held: bool
    place_id: int | None = None
    place_name: str = ""
    postal_address: str = ""
    letter_rules: str = ""
    since: str | None = None


def russian_name(display_name: str, forms: Sequence[tuple[str, str]]) -> tuple[str, bool]:
    """The Russian Cyrillic name and whether it needs checking: a ``russian`` form as stored
    (``False``); else the Russian form the names core derives from the native (Belarusian
    Cyrillic) form, from the Łacinka form, or from the display name (``True``: check it); else the
    display name as it is (``True``: not in Cyrillic — a Latin name without Łacinka's letters,
    "Ihar Losik", cannot be read back safely: ł and l differ there)."""
    for text, form in forms:
        if form == NameForm.RUSSIAN:
            return text, False
    candidates = [t for t, f in forms if f == NameForm.NATIVE]
    candidates += [t for t, f in forms if f == NameForm.LACINKA]
    candidates.append(display_name)
    for text in candidates:
        derived = names_core.all_forms(text).get("ru")
        if derived:
            return derived, derived != text
    return display_name, True


def letter_sheet(person_ids: Sequence[int], day: date, user: Viewer) -> list[Letter]:
    """The letter sheet of these persons on ``day`` as ``user`` may see them, in the order
    given; a person ``user`` may not see is left out, as if the id did not exist. A fixed
    number of queries (persons, names, spans, places)."""
    wanted = list(dict.fromkeys(person_ids))
    persons = dict(access.visible_persons(user).filter(pk__in=wanted).values_list("pk", "display_name"))
    ids = [pid for pid in wanted if pid in persons]
    names = _names(ids, user)
    tier = access.tier_for(user)
    held = set(
        StatusSpan.objects.filter(
            person_id__in=ids, level=tier, status=HELD, since__lte=day, until__gt=day
        ).values_list("person_id", flat=True)
    )
    rows = (
        FollowUp.objects.filter(
            person_id__in=ids,
            level=tier,
            place__isnull=False,
            place__confidentiality__in=access.levels_for(user),
            place__kind__in=sorted(detention_kinds()),
        )
        .filter(Q(place_since__isnull=True) | Q(place_since__lte=day))
        .order_by()
        .values_list(
            "person_id", "place_id", "place__name", "place__postal_address", "place__letter_rules", "place_since"
        )
    )
    team = not access.is_public_only(user)
    places = {r[0]: r for r in rows}
    sheet = []
    for pid in ids:
        name_ru, derived = russian_name(persons[pid], names.get(pid, []))
        letter = Letter(person_id=pid, name=persons[pid], name_ru=name_ru, name_ru_derived=derived, held=pid in held)
        found = places.get(pid)
        if letter.held and found is not None:
            _, letter.place_id, letter.place_name, letter.postal_address, rules, since = found
            letter.letter_rules = rules if team else ""
            letter.since = None if since is None else since.isoformat()
        sheet.append(letter)
    return sheet


def held_at_ids(place: Place, day: date, user: Viewer) -> list[int]:
    """Ids of the persons ``user`` may see held at ``place`` on ``day``, by name."""
    return list(
        _held_rows(day, user)
        .filter(place_id=place.pk)
        .order_by("person__name_key", "person_id")
        .values_list("person_id", flat=True)
    )


def parse_ids(text: str | None, limit: int = 500) -> list[int]:
    """Person ids from ``1,2, 3`` (or spaces); anything else is ignored, at most ``limit``."""
    if not text:
        return []
    found = []
    for part in text.replace(",", " ").split():
        if part.isdigit() and 0 < int(part) < 2**53:
            found.append(int(part))
    return list(dict.fromkeys(found))[:limit]


__all__ = [
    "HeldThere",
    "Letter",
    "PlaceNow",
    "PlaceSummary",
    "detention_places",
    "held_at",
    "held_at_ids",
    "held_counts",
    "letter_sheet",
    "parse_ids",
    "places_list",
    "places_now",
    "summary_of",
    "russian_name",
]
