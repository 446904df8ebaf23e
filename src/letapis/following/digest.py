"""The weekly digest: what changed in a week (Monday to Sunday), as one caller may see it.

A monitor's week starts with it: the arrests, verdicts (with the term and the regime of the
case), releases (a collective release with its count, the foreign nationals among them, the
countries people were taken to and the persons it names), expulsions into forced exile,
transfers (with the place) and deaths in custody of the week, each with its persons and the
sources that support it.

Which events belong to a week: those whose date range lies within it — ``date_earliest`` on or
after the Monday and ``date_latest`` on or before the Sunday (:mod:`letapis.edtf`). An exact day
counts in its week; a range of days ("2025-12-08/2025-12-10") counts when the whole range is in
the week; a month, a year, a range across two weeks or an open bound ("[..2025-12-12]", on or
before that day) belongs to no week's digest — the digest never places an event in a week it
may not have happened in. Those events still count everywhere else (status, lists, reports).

Everything is read through :mod:`letapis.access` for the caller: the events of the
levels they read that name a person they may see (or none), the persons of the involvements
they may see, the cases, places, names and claims of their levels. The digest of a tier is
exactly the digest of a registry in which the records that tier may not see do not exist: a
confidential arrest is neither listed nor counted in the public and internal digests. The
count of a collective release is the number the sources give (a fact of the event, not a count
of the persons the caller may see); the persons are those the caller may see.

An individual event that belongs to a collective one of the same section in the same week (the
release of one person within the release of 123) is shown within it: its persons join the
collective event's, its sources join the collective event's sources.

Renderings: :func:`render_markdown`, :func:`render_html` (a self-contained page, for email),
the web page (:mod:`letapis.following.web.digest`) and the API's JSON (:func:`digest_json`).
:func:`send_digests` mails each recipient the digest of their own tier.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Q
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from letapis import access
from letapis import language as lang_
from letapis.accounts.actor import Viewer
from letapis.language import LANGUAGES
from letapis.names.collation import sort_key
from letapis.registry.models import CriminalCase, Event, Involvement, InvolvementRole
from letapis.registry.queries import SourceRef, claims_supporting
from letapis.vocab.codes import EventType


class WeekOutOfRange(ValueError):
    """The week of the day given does not fit the calendar (its Monday or Sunday is out of range)."""


@dataclass(frozen=True)
class Section:
    """One group of the digest: the event types it shows."""

    key: str
    types: tuple[str, ...]
    label: Promise


#: The groups of the digest, in the order they are shown.
SECTIONS: tuple[Section, ...] = (
    Section("arrests", (EventType.DETENTION,), _("Arrests")),
    Section("verdicts", (EventType.SENTENCE,), _("Verdicts")),
    Section("releases", (EventType.RELEASE, EventType.PARDON), _("Releases")),
    Section("expulsions", (EventType.EXPULSION,), _("Expulsions and forced exile")),
    Section("transfers", (EventType.TRANSFER,), _("Transfers")),
    Section("deaths", (EventType.DEATH_IN_CUSTODY,), _("Deaths in custody")),
)
SECTION_OF: dict[str, str] = {t: s.key for s in SECTIONS for t in s.types}


def week_of(day: date) -> tuple[date, date]:
    """The Monday and the Sunday of the week of ``day``."""
    try:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    except OverflowError as exc:
        raise WeekOutOfRange(f"the week of {day.isoformat()} is out of the calendar's range") from exc


@dataclass
class DigestPerson:
    id: int
    name: str


@dataclass
class Verdict:
    """The sentence of one person by a verdict of the week, from the criminal case."""

    person_id: int
    name: str
    months: int | None
    term: str  # "10 years", "8 years 3 months" in the digest's language
    regime: str  # a sentence regime code, or ""
    regime_label: str
    articles: list[str]


@dataclass
class DigestItem:
    """One event of the week (with the individual events folded into it)."""

    event_id: int
    type: str
    type_label: str
    date: str  # the partial date as written
    day: str  # the day in words, or the date as written when it is a range
    place: dict[str, Any] | None  # {"id", "name"}: only a place the caller may see
    description: str
    count: int | None
    foreign_nationals: int | None
    destinations: list[str]
    destinations_text: str  # "to Ukraine and Lithuania"
    forced_exile: bool
    persons: list[DigestPerson]
    verdicts: list[Verdict]
    sources: list[SourceRef]
    events: list[int]  # this event and the individual events shown within it


@dataclass
class DigestSection:
    key: str
    label: str
    items: list[DigestItem]

    @property
    def count(self) -> int:
        """How many events of the section the caller may see."""
        return len(self.items)

    @property
    def persons_named(self) -> int:
        return len({p.id for item in self.items for p in item.persons})


@dataclass
class Digest:
    start: date
    end: date
    lang: str
    tier: str  # the audience tier: public, internal or confidential
    sections: list[DigestSection]
    #: The watch lists due, overdue and silent (:mod:`letapis.following.watch`) at the week's
    #: end: {"key", "label", "description", "on", "days", "count", "persons"} each.
    watch: list[dict[str, Any]] | None = None
    start_text: str = ""
    end_text: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def public(self) -> bool:
        return self.tier == "public"

    @property
    def is_empty(self) -> bool:
        return all(not s.items for s in self.sections)

    @property
    def previous_week(self) -> date | None:
        """The Monday of the week before (``None`` before the calendar's first)."""
        return self.start - timedelta(days=7) if self.start - date.min >= timedelta(days=7) else None

    @property
    def next_week(self) -> date | None:
        """The Monday of the week after (``None`` when that week does not fit the calendar)."""
        return self.start + timedelta(days=7) if date.max - self.start >= timedelta(days=13) else None

    @property
    def title(self) -> str:
        with translation.override(self.lang):
            return str(_("Weekly digest, %(start)s – %(end)s")) % {"start": self.start_text, "end": self.end_text}


def _term(months: int | None, lang: str) -> str:
    if not months:
        return ""
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(lang_.count_phrase(years, "year", lang))
    if rest:
        parts.append(lang_.count_phrase(rest, "month", lang))
    return " ".join(parts)


def _names(person_ids: set[int], lang: str, user: Viewer) -> dict[int, str]:
    from letapis.registry.queries import names_in

    return names_in(person_ids, lang, user) if person_ids else {}


def build_digest(day: date, user: Viewer, lang: str = "en") -> Digest:
    """The digest of the week of ``day`` as ``user`` may see it (``None``: the public), in ``lang``."""
    start, end = week_of(day)
    return build_period(start, end, user, lang)


def build_period(start: date, end: date, user: Viewer, lang: str = "en") -> Digest:
    """The digest of the days ``start``…``end`` (a week for :func:`build_digest`; any period for
    a longer look back, and for the property test of the confidentiality rule)."""
    lang_.check_language(lang)
    types = [t for s in SECTIONS for t in s.types]
    events = list(
        access.visible_events(
            user,
            Event.objects.filter(type__in=types, date_earliest__gte=start, date_latest__lte=end),
        )
        .select_related("place")
        .order_by("date_latest", "sequence", "id")
    )
    by_id = {e.pk: e for e in events}

    def head_of(event: Event) -> Event:
        """The collective event of the same section (and of this week) that ``event`` is part of."""
        seen = {event.pk}
        while event.parent_id in by_id and event.parent_id not in seen:
            parent = by_id[event.parent_id]
            if SECTION_OF[parent.type] != SECTION_OF[event.type]:
                break
            seen.add(parent.pk)
            event = parent
        return event

    members: dict[int, list[int]] = defaultdict(list)  # head → its events, itself first
    for event in events:
        members[head_of(event).pk].append(event.pk)
    ids = list(by_id)

    persons: dict[int, list[int]] = defaultdict(list)  # event → its victims the caller may see
    involvements = access.visible(
        user,
        Involvement.objects.filter(Q(event_id__in=ids), access.visible_person_q(user), role=InvolvementRole.VICTIM),
    ).order_by("id")
    for event_id, person_id in involvements.values_list("event_id", "person_id"):
        if person_id not in persons[event_id]:
            persons[event_id].append(person_id)

    verdict_ids = [e.pk for e in events if e.type == EventType.SENTENCE]
    cases = list(
        access.visible(user, CriminalCase.objects.filter(sentence_event_id__in=verdict_ids))
        .filter(access.visible_person_q(user))
        .order_by("id")
        .values_list("sentence_event_id", "person_id", "sentence_months", "sentence_kind", "articles")
    )
    everyone = {p for ps in persons.values() for p in ps} | {c[1] for c in cases}
    names = _names(everyone, lang, user)
    sources = claims_supporting(ids, user)
    cases_of: dict[int, list[Verdict]] = defaultdict(list)
    for event_id, person_id, months, kind, articles in cases:
        cases_of[event_id].append(
            Verdict(
                person_id=person_id,
                name=names[person_id],
                months=months,
                term=_term(months, lang),
                regime=kind,
                regime_label=lang_.vocab_label("sentence_regimes", kind, lang) if kind else "",
                articles=list(articles),
            )
        )

    sections = {s.key: DigestSection(s.key, str(_label(s, lang)), []) for s in SECTIONS}
    for head_id, member_ids in members.items():
        head = by_id[head_id]
        named: list[int] = []
        refs: list[SourceRef] = []
        verdicts: list[Verdict] = []
        for event_id in member_ids:
            named += [p for p in persons[event_id] if p not in named]
            refs += [r for r in sources.get(event_id, []) if r["claim_id"] not in {x["claim_id"] for x in refs}]
            verdicts += cases_of[event_id]
        place = access.place_shown(user, head.place)
        exact = head.date_earliest == head.date_latest and head.date_latest is not None
        sections[SECTION_OF[head.type]].items.append(
            DigestItem(
                event_id=head.pk,
                type=head.type,
                type_label=lang_.vocab_label("event_types", head.type, lang),
                date=head.date,
                day=lang_.format_date(head.date_latest, lang) if exact and head.date_latest is not None else head.date,
                place=None if place is None else {"id": place.pk, "name": place.name},
                description=head.description,
                count=head.count,
                foreign_nationals=head.foreign_nationals,
                destinations=list(head.destinations),
                destinations_text=lang_.countries_to(head.destinations, lang),
                forced_exile=head.forced_exile,
                persons=sorted((DigestPerson(p, names[p]) for p in named), key=lambda p: (sort_key(p.name), p.id)),
                verdicts=sorted(verdicts, key=lambda v: (sort_key(v.name), v.person_id)),
                sources=refs,
                events=member_ids,
            )
        )
    return Digest(
        start=start,
        end=end,
        lang=lang,
        tier=access.tier_for(user),
        sections=[sections[s.key] for s in SECTIONS],
        watch=_watch_lists(end, user, lang),
        start_text=lang_.format_date(start, lang),
        end_text=lang_.format_date(end, lang),
    )


def _label(section: Section, lang: str) -> str:
    with translation.override(lang):
        return str(section.label)


#: The watch lists the digest ends with: (list, N days; None: the list's own default).
WATCH_LISTS: tuple[tuple[str, int | None], ...] = (("due", 30), ("overdue", 0), ("silent", None))
#: How many persons of each watch list the digest names (the count is always the whole list's).
WATCH_NAMED = 100
WATCH_TITLES = {
    "due": _("Due for release"),
    "overdue": _("Overdue"),
    "silent": _("Silent"),
}
WATCH_TEXTS = {
    "due": _("Held, with a term that may end within %(days)s days."),
    "overdue": _("Held, though the term ended more than %(days)s days ago and no release is recorded."),
    "silent": _("Held, with no letter, visit or court appearance recorded for more than %(days)s days."),
}


def _watch_note(name: str, entry: dict[str, Any], lang: str) -> str:
    """The fact that puts a person on a list, in ``lang``, with their place of detention."""
    with translation.override(lang):
        if name == "due":
            when = entry["end_earliest"] or ""
            if entry["end_latest"] and entry["end_latest"] != entry["end_earliest"]:
                when = f"{when} … {entry['end_latest']}"
            text = str(_("the term ends %(when)s")) % {"when": when}
        elif name == "overdue":
            text = str(_("the term ended %(when)s, %(days)s days ago")) % {
                "when": entry["end_latest"] or "",
                "days": entry["days"],
            }
        elif entry["last_contact"]:
            text = str(_("last contact %(when)s, %(days)s days ago")) % {
                "when": entry["last_contact"],
                "days": entry["days"],
            }
        else:
            text = str(_("no contact recorded; held since %(when)s")) % {"when": entry["held_since"] or "?"}
    if entry["place"] is not None:
        text = f"{text}; {entry['place']['name']}"
    return text


def _watch_lists(day: date, user: Viewer, lang: str) -> list[dict[str, Any]]:
    """The due, overdue and silent lists (:mod:`letapis.following.watch`) on the week's Sunday,
    or today for the current week, as ``user``'s tier sees them: each with its count and the
    first :data:`WATCH_NAMED` persons, with the dates that put them on it."""
    from letapis.following import watch

    on = min(day, watch.today())
    lists = []
    for name, days in WATCH_LISTS:
        rows = watch.watch_list(name, on, user, days)
        entries = rows[:WATCH_NAMED]
        names = _names({e["id"] for e in entries}, lang, user)
        with translation.override(lang):
            label, text = str(WATCH_TITLES[name]), str(WATCH_TEXTS[name]) % {"days": rows.days}
        lists.append(
            {
                "key": name,
                "label": label,
                "description": text,
                "on": on.isoformat(),
                "days": rows.days,
                "count": len(rows),
                "persons": [
                    {"id": e["id"], "name": names[e["id"]], "note": _watch_note(name, dict(e), lang)} for e in entries
                ],
            }
        )
    return lists


# ---------------------------------------------------------------------------------------------
# Renderings


def digest_json(digest: Digest) -> dict[str, Any]:
    """The digest as JSON-ready data (the API's answer)."""
    return {
        "week_start": digest.start.isoformat(),
        "week_end": digest.end.isoformat(),
        "lang": digest.lang,
        "tier": digest.tier,
        "sections": [
            {
                "key": s.key,
                "label": s.label,
                "count": s.count,
                "persons_named": s.persons_named,
                "items": [asdict(item) for item in s.items],
            }
            for s in digest.sections
        ],
        "watch": digest.watch,
    }


def _context(digest: Digest, site_url: str) -> dict[str, Any]:
    return {"d": digest, "site": site_url.rstrip("/")}


def render_markdown(digest: Digest, site_url: str = "") -> str:
    """The digest as Markdown (links to the persons' pages, absolute when ``site_url`` is given)."""
    from django.template.loader import render_to_string

    with translation.override(digest.lang):
        text = render_to_string("following/digest.md", _context(digest, site_url))
    # the template's blank lines come from its tags: at most one empty line in a row
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip() == "" and (not lines or lines[-1] == ""):
            continue
        lines.append(line.rstrip())
    return "\n".join(lines).strip() + "\n"


def render_html(digest: Digest, site_url: str = "") -> str:
    """The digest as one self-contained HTML page (the email's HTML part, the CLI's default)."""
    from django.template.loader import render_to_string

    with translation.override(digest.lang):
        return render_to_string("following/digest_email.html", _context(digest, site_url))


@dataclass
class Sent:
    username: str
    email: str
    tier: str
    sections: dict[str, int]


def site_url() -> str:
    from django.conf import settings

    return str(getattr(settings, "SITE_URL", "") or "")


def send_digests(day: date, users: list[Any], lang: str = "en", base_url: str | None = None) -> list[Sent]:
    """Mail the digest of the week of ``day`` to each of ``users`` (who have an email address):
    each one gets the digest of their own tier, built for them, never another's rendering."""
    from django.conf import settings
    from django.core.mail import EmailMultiAlternatives, mailers

    url = site_url() if base_url is None else base_url
    sent: list[Sent] = []
    messages: list[EmailMultiAlternatives] = []
    for user in users:
        if not user.is_active or not user.email:
            continue
        digest = build_digest(day, user, lang)
        message = EmailMultiAlternatives(
            subject=digest.title,
            body=render_markdown(digest, url),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[user.email],
        )
        message.attach_alternative(render_html(digest, url), "text/html")
        messages.append(message)
        sent.append(Sent(user.get_username(), user.email, digest.tier, {s.key: s.count for s in digest.sections}))
    if messages:
        mailers.default.send_messages(messages)  # one connection for all
    return sent


__all__ = [
    "LANGUAGES",
    "SECTIONS",
    "Digest",
    "DigestItem",
    "DigestPerson",
    "DigestSection",
    "Sent",
    "Verdict",
    "WeekOutOfRange",
    "build_digest",
    "build_period",
    "digest_json",
    "render_html",
    "render_markdown",
    "send_digests",
    "week_of",
]
