"""A statement draft for an event, generated from the registry, each sentence linked to the
facts it uses.

For a collective release the draft states what a statement's fact paragraphs state: the date,
the count and the foreign nationals among them, where they were taken, the named persons
released with their roles, honours and memberships, and the cultural figures still held on that
day with their roles. The sentences are data (``data/statement.yaml``) in English, Belarusian
and Russian; every value comes from a registry record the caller may see, and every sentence
carries the ids of those records and of the accepted claims behind them.

Letapis never invents a fact: a missing number becomes a visible placeholder for the monitor
(``placeholder: true`` in the sentence), a missing list leaves its sentence out.

"Cultural figures" are persons with an occupation marked ``cultural: true`` in the occupations
vocabulary; while no occupation carries that flag, every held person with an occupation counts
(see :func:`cultural_codes`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.db.models import Q

from letapis import access
from letapis import language as lang_
from letapis.accounts.actor import Viewer
from letapis.language import LANGUAGES, check_language
from letapis.read import persons as read_persons
from letapis.registry.models import (
    Claim,
    ClaimState,
    Event,
    Honour,
    Involvement,
    InvolvementRole,
    Membership,
    Occupation,
    Person,
)
from letapis.registry.status import held_on
from letapis.vocab.codes import EventType

DATA = Path(__file__).with_name("data")  # statement.yaml: the sentences of a statement


class StatementError(ValueError):
    """The event cannot be found or has no statement (a message for the user)."""


class EventNotFound(StatementError):
    """No event the user may see answers the request (a 404 rather than a bad request)."""


@cache
def templates() -> dict[str, Any]:
    """The validated content of ``data/statement.yaml``."""
    data: dict[str, Any] = yaml.safe_load((DATA / "statement.yaml").read_text(encoding="utf-8"))
    for key, sentence in data["sentences"].items():
        for lang in LANGUAGES:
            needed = {"one", "many"} if lang == "en" else {"one", "few", "many"}
            if not needed <= set(sentence.get(lang, {})):
                raise lang_.LanguageDataError(f"statement.yaml: sentence {key!r} lacks {needed} in {lang!r}")
    for section in ("placeholder", "membership", "organisation_fallback"):
        if set(data[section]) != set(LANGUAGES):
            raise lang_.LanguageDataError(f"statement.yaml: {section} needs en, be and ru")
    return data


@dataclass(frozen=True)
class Fact:
    """A registry record a sentence uses, with the accepted claims that support it."""

    kind: str  # event, person, occupation, membership, honour
    id: int
    claims: tuple[int, ...]
    what: str = ""


@dataclass
class Sentence:
    key: str
    text: str
    facts: list[Fact] = field(default_factory=list)
    placeholder: bool = False


@dataclass
class SourceInfo:
    id: int
    title: str
    date: str | None
    publisher: str
    url: str = ""


@dataclass(frozen=True)
class Note:
    """A numbered note of a draft: a source with the quotes of it the draft's sentences use."""

    number: int
    source: SourceInfo
    quotes: tuple[str, ...]


@dataclass
class Draft:
    event_id: int
    lang: str
    title: str
    sentences: list[Sentence]
    sources: dict[int, SourceInfo]
    claim_sources: dict[int, int]  # claim id → source id
    #: Names written in another language's form because the registry has none in this one.
    names_to_check: list[str] = field(default_factory=list)
    #: claim id → the words of the source the claim quotes
    quotes: dict[int, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def notes(self) -> tuple[list[Note], list[list[int]]]:
        """The draft's numbered notes, and for each sentence the numbers of its notes. A note is
        a source with the quotes of it that a sentence uses (a sentence that cites two sources has
        two notes; sentences resting on the same quotes share one), numbered in the order the
        sentences cite them: a reader follows a sentence to the very words behind it, not to
        record ids."""
        numbers: dict[tuple[int, tuple[str, ...]], int] = {}
        markers: list[list[int]] = []
        for sentence in self.sentences:
            quotes: dict[int, list[str]] = {}  # source → the quotes of it this sentence uses
            for fact in sentence.facts:
                for claim_id in fact.claims:
                    source_id = self.claim_sources.get(claim_id)
                    if source_id is None:
                        continue
                    quote = " ".join(self.quotes.get(claim_id, "").split())
                    found = quotes.setdefault(source_id, [])
                    if quote and quote not in found:
                        found.append(quote)
            cited = [numbers.setdefault((sid, tuple(qs)), len(numbers) + 1) for sid, qs in quotes.items()]
            markers.append(sorted(set(cited)))
        notes = [Note(number, self.sources[sid], qs) for (sid, qs), number in numbers.items()]
        return notes, markers


# ---------------------------------------------------------------------------------------------
# Finding the event


def resolve_event(spec: str, user: Viewer) -> Event:
    """An event by id (``17``) or by ``TYPE:DATE`` (``release:2025-12-13``): the event of that
    type on that day that is not part of another one."""
    visible = access.visible_events(user)
    if spec.isdigit():
        event = visible.filter(pk=int(spec)).first()
        if event is None:
            raise EventNotFound(f"no event with id {spec}")
        return event
    kind, sep, day_text = spec.partition(":")
    if sep == "" or kind == "":
        raise StatementError(f"{spec!r} is not an event: give an id or TYPE:DATE, e.g. release:2025-12-13")
    try:
        day = date.fromisoformat(day_text)
    except ValueError as exc:
        raise StatementError(f"{day_text!r} is not a date: use YYYY-MM-DD") from exc
    candidates = list(visible.filter(type=kind, date_latest=day).order_by("parent_id", "id"))
    top = [e for e in candidates if e.parent_id is None]
    if len(top) == 0:
        raise EventNotFound(f"no {kind} event on {day.isoformat()} in the registry")
    if len(top) > 1:
        listed = ", ".join(f"{e.pk} ({e.description[:40] or e.date})" for e in top)
        raise StatementError(f"several {kind} events on {day.isoformat()}: {listed}; give the id")
    return top[0]


# ---------------------------------------------------------------------------------------------
# Facts and their claims


def cultural_codes() -> set[str] | None:
    """Occupation codes marked ``cultural: true`` in the vocabulary, or ``None`` when no
    occupation carries the flag (then every occupation counts)."""
    from letapis.vocab import vocabulary

    codes = {t.code for t in vocabulary("occupations") if bool(t.extra.get("cultural", False))}
    return codes if len(codes) > 0 else None


def _claims_of(records: Iterable[tuple[str, int]], user: Viewer) -> dict[tuple[str, int], list[Claim]]:
    """Accepted claims the user may see behind each record (``app_label.model``, id)."""
    by_type: dict[str, list[int]] = defaultdict(list)
    for record_type, record_id in records:
        by_type[record_type].append(record_id)
    if len(by_type) == 0:
        return {}
    condition = Q()
    for record_type, ids in by_type.items():
        condition |= Q(record_type=record_type, record_id__in=ids)
    events = set(by_type.get("registry.event", []))
    if events:  # a claim about an event may support another record (a sentence's criminal case)
        condition |= Q(event_id__in=events)
    claims = (
        access.visible(user, Claim.objects.filter(condition, state=ClaimState.ACCEPTED))
        .filter(source__confidentiality__in=access.levels_for(user))
        .select_related("source")
        .defer("source__text")  # whole documents, the same one for many claims
        .order_by("id")
    )
    result: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for claim in claims:
        keys = set()
        if claim.record_id is not None and claim.record_id in by_type.get(claim.record_type, []):
            keys.add((claim.record_type, claim.record_id))
        if claim.event_id is not None and claim.event_id in events:
            keys.add(("registry.event", claim.event_id))
        for key in keys:
            result[key].append(claim)
    return result


@dataclass
class _PersonFacts:
    person: Person
    occupations: list[Occupation]
    memberships: list[Membership]
    honours: list[Honour]


def _person_facts(ids: list[int], user: Viewer) -> list[_PersonFacts]:
    persons = access.visible_persons(user).filter(pk__in=ids).prefetch_related(*read_persons.person_prefetches(user))
    order = {pid: i for i, pid in enumerate(ids)}
    return sorted(
        (_PersonFacts(p, list(p.occupations.all()), list(p.memberships.all()), list(p.honours.all())) for p in persons),
        key=lambda f: order[f.person.pk],
    )


# ---------------------------------------------------------------------------------------------
# Writing


#: The event types whose statement is about the persons freed.
RELEASING = (EventType.RELEASE, EventType.EXPULSION)

_SLOT = re.compile(r"\{(\w+)(?:\|(\w+))?\}")


def _fill(template: str, lang: str, values: dict[str, Any]) -> str:
    def replace(match: re.Match[str]) -> str:
        name, noun = match.group(1), match.group(2)
        value = values[name]
        return lang_.count_phrase(int(value), noun, lang) if noun is not None else str(value)

    return _SLOT.sub(replace, template)


def _sentence(key: str, lang: str, values: dict[str, Any], number: int | None) -> str:
    spec = templates()["sentences"][key]
    variants: dict[str, str] = spec[lang]
    if number is None:
        template = variants["unknown"]
    else:
        category = lang_.plural_category(number, lang)
        template = variants.get(category, variants["many"])
    return _fill(template, lang, {"placeholder": templates()["placeholder"][lang], **values})


def _organisation(name: str, aliases: list[str], lang: str) -> str:
    known = templates()["organisations"].get(name)
    if known is not None:
        return str(known[lang])
    return str(templates()["organisation_fallback"][lang]).format(name=name)


def person_label(vocab_name: str, code: str, lang: str, gender: str) -> str:
    """A vocabulary label for a person: the feminine label for a woman where the vocabulary has
    one (пісьменніца, писательница), else the usual one; the code itself when it is unknown."""
    from letapis.vocab import vocabulary

    term = vocabulary(vocab_name).get(code)
    if term is None:
        return code.replace("_", " ")
    return str(term.label(lang, feminine=gender == "female"))


class _Writer:
    def __init__(self, lang: str, user: Viewer) -> None:
        self.lang = lang
        self.user = user
        self.claims: dict[tuple[str, int], list[Claim]] = {}
        self.names_to_check: list[str] = []

    def fact(self, kind: str, record: Any, what: str = "") -> Fact:
        key = (record._meta.label_lower, record.pk)
        return Fact(kind, record.pk, tuple(c.pk for c in self.claims.get(key, [])), what)

    def person_phrase(self, facts: _PersonFacts, status_event: Event | None) -> tuple[str, list[Fact]]:
        lang = self.lang
        person = facts.person
        parts: list[str] = []
        used: list[Fact] = []
        roles = [person_label("occupations", o.code, lang, person.gender) for o in facts.occupations]
        if roles:
            parts.append(lang_.join(roles, lang))
        used += [self.fact("occupation", o, person_label("occupations", o.code, "en", "")) for o in facts.occupations]
        for honour in facts.honours:
            parts.append(person_label("honours", honour.code, lang, person.gender) if honour.code else honour.text)
            used.append(
                self.fact(
                    "honour", honour, person_label("honours", honour.code, "en", "") if honour.code else honour.text
                )
            )
        for membership in facts.memberships:
            org = membership.organisation
            parts.append(
                str(templates()["membership"][lang]).format(
                    role=person_label("membership_roles", membership.role, lang, person.gender),
                    organisation=_organisation(org.name, list(org.aliases), lang),
                )
            )
            role = person_label("membership_roles", membership.role, "en", "")
            used.append(self.fact("membership", membership, f"{role} of {org.name}"))
        name, own_form = lang_.person_name_form(person.names.all(), lang, person.display_name)
        if not own_form and name not in self.names_to_check:
            self.names_to_check.append(name)
        used.insert(0, self.fact("person", person, person.display_name))
        if status_event is not None:
            used.append(self.fact("event", status_event, f"{status_event.type} {status_event.date}"))
        text = f"{name}, {', '.join(parts)}" if parts else name
        return text, used


def _released_persons(event: Event, user: Viewer) -> tuple[list[int], dict[int, Event]]:
    """Persons released in the event: its victims and the victims of the events it contains."""
    rows = (
        access.visible(
            user,
            Involvement.objects.filter(
                Q(event=event) | Q(event__parent=event),
                access.visible_person_q(user),
                role=InvolvementRole.VICTIM,
            ),
        )
        .filter(event__confidentiality__in=access.levels_for(user))
        .select_related("event")
        .order_by("event_id", "id")
    )
    ids: list[int] = []
    events: dict[int, Event] = {}
    for involvement in rows:
        assert involvement.person_id is not None
        if involvement.person_id not in events:
            ids.append(involvement.person_id)
            events[involvement.person_id] = involvement.event
    return ids, events


def still_held_ids(day: date, user: Viewer) -> list[int]:
    """Cultural figures held on ``day`` (see :func:`cultural_codes`), in name order."""
    codes = cultural_codes()
    qs = held_on(day, persons=access.visible_persons(user), levels=access.levels_for(user))
    occupations = access.visible(user, Occupation.objects.all())
    if codes is not None:
        occupations = occupations.filter(code__in=codes)
    qs = qs.filter(pk__in=occupations.values("person_id"))
    return list(qs.order_by("name_key", "id").values_list("id", flat=True))


@dataclass(frozen=True)
class _Persons:
    """The persons a statement about an event names, as its reader may see them: those the
    event freed (or involves, for another kind of event) and, after a release, those still
    held that day, with the event that decided each one's status."""

    named: list[_PersonFacts]
    release_events: dict[int, Event]  # person id → the individual release event
    held: list[_PersonFacts]
    deciding: dict[int, Event]  # person id → the event that decided a held person's status


def _persons_of(event: Event, day: date, user: Viewer) -> _Persons:
    from letapis.registry.status import with_status_on

    if event.type in RELEASING:
        named_ids, release_events = _released_persons(event, user)
        held_ids = still_held_ids(day, user)
    else:
        involved = access.visible(
            user, Involvement.objects.filter(access.visible_person_q(user), event=event)
        ).values_list("person_id", flat=True)
        named_ids, release_events, held_ids = [pid for pid in involved if pid is not None], {}, []
    deciding_ids = dict(
        # with_status_on() annotates status_event_id: the plugin cannot see it through QuerySet[Person]
        with_status_on(Person.objects.filter(pk__in=held_ids), day, levels=access.levels_for(user)).values_list(  # type: ignore[misc]  # see above
            "id", "status_event_id"
        )
    )
    events = {  # only events the user may see are cited
        e.pk: e for e in access.visible(user, Event.objects.filter(pk__in=[v for v in deciding_ids.values() if v]))
    }
    deciding = {pid: events[eid] for pid, eid in deciding_ids.items() if eid in events}
    return _Persons(_person_facts(named_ids, user), release_events, _person_facts(held_ids, user), deciding)


def _records_of(event: Event, persons: _Persons) -> list[tuple[str, int]]:
    """The registry records a statement states, whose accepted claims are its sources."""
    records: list[tuple[str, int]] = [("registry.event", event.pk)]
    records += [("registry.event", e.pk) for e in persons.release_events.values()]
    records += [("registry.event", pk) for pk in dict.fromkeys(e.pk for e in persons.deciding.values())]
    for facts in persons.named + persons.held:
        records.append(("registry.person", facts.person.pk))
        records += [("registry.occupation", o.pk) for o in facts.occupations]
        records += [("registry.membership", m.pk) for m in facts.memberships]
        records += [("registry.honour", h.pk) for h in facts.honours]
    return records


def _release_sentences(event: Event, lang: str, date_text: str, event_fact: Fact, named: int) -> list[Sentence]:
    """How many a release freed (and how many of them foreign), and where they went."""
    foreign = ""
    if event.foreign_nationals is not None:
        foreign = _sentence(
            "foreign_part", lang, {"foreign_nationals": event.foreign_nationals}, event.foreign_nationals
        )
    values = {"date": date_text, "count": event.count or 0, "foreign": foreign}
    sentences = [
        Sentence(
            "release_count",
            _sentence("release_count", lang, values, event.count),
            [event_fact],
            placeholder=event.count is None,
        )
    ]
    if len(event.destinations) > 0:
        key = "destinations_exile" if event.forced_exile else "destinations"
        destinations = {"destinations": lang_.countries_to(event.destinations, lang)}
        count = event.count if event.count is not None else named
        sentences.append(Sentence(key, _sentence(key, lang, destinations, count), [event_fact]))
    return sentences


def _persons_sentence(
    writer: _Writer,
    key: str,
    group: list[_PersonFacts],
    status_events: dict[int, Event],
    values: dict[str, Any],
    event_fact: Fact | None,
) -> Sentence:
    """One sentence naming each person of ``group`` with what the registry knows of them."""
    phrases: list[str] = []
    used: list[Fact] = [] if event_fact is None else [event_fact]
    for facts in group:
        text, person_used = writer.person_phrase(facts, status_events.get(facts.person.pk))
        phrases.append(text)
        used += person_used
    return Sentence(key, _sentence(key, writer.lang, {**values, "persons": "; ".join(phrases)}, len(group)), used)


def _sources_of(claims: dict[int, Claim]) -> dict[int, SourceInfo]:
    return {
        c.source_id: SourceInfo(
            c.source_id,
            str(c.source),
            None if c.source.date is None else c.source.date.isoformat(),
            c.source.publisher,
            c.source.url,
        )
        for c in claims.values()
    }


def draft_statement(event: Event, lang: str, user: Viewer) -> Draft:
    """The fact paragraphs of a statement about ``event`` in ``lang``, as ``user`` may see them."""
    check_language(lang)
    if event.date_latest is None:
        raise StatementError(f"event {event.pk} has no date: a statement needs one")
    writer = _Writer(lang, user)
    day = event.date_latest
    persons = _persons_of(event, day, user)
    writer.claims = _claims_of(_records_of(event, persons), user)

    date_text = lang_.format_date(day, lang)
    event_fact = writer.fact("event", event, f"{event.type} {event.date}")
    event_type = lang_.vocab_label("event_types", event.type, lang)
    values = {"date": date_text, "event_type": event_type}
    sentences: list[Sentence] = []
    if event.type in RELEASING:
        title = str(templates()["title"]["release"][lang]).format(date=date_text)
        sentences += _release_sentences(event, lang, date_text, event_fact, len(persons.named))
        if len(persons.named) > 0:
            sentences.append(
                _persons_sentence(writer, "released_named", persons.named, persons.release_events, values, event_fact)
            )
        if len(persons.held) > 0:
            sentences.append(_persons_sentence(writer, "still_held", persons.held, persons.deciding, values, None))
    else:
        title = str(templates()["title"]["other"][lang]).format(date=date_text, event_type=event_type)
        if len(persons.named) > 0:
            sentences.append(_persons_sentence(writer, "generic", persons.named, {}, values, event_fact))

    claim_ids = {c for s in sentences for f in s.facts for c in f.claims}
    claims = {c.pk: c for cs in writer.claims.values() for c in cs if c.pk in claim_ids}
    return Draft(
        event.pk,
        lang,
        title,
        sentences,
        _sources_of(claims),
        {c.pk: c.source_id for c in claims.values()},
        writer.names_to_check,
        {c.pk: c.quote for c in claims.values()},
    )


#: the words of a draft around its text, in its language
NOTE_WORDS = {
    "draft": {
        "en": "A draft from the registry: check and edit it before publishing.",
        "be": "Чарнавік з рэестра: праверце і адрэдагуйце яго перад публікацыяй.",
        "ru": "Черновик из реестра: проверьте и отредактируйте его перед публикацией.",
    },
    "notes": {"en": "Sources", "be": "Крыніцы", "ru": "Источники"},
    "no_source": {
        "en": "No accepted claim of a source supports this yet: check it.",
        "be": "Пакуль ніводная прынятая выснова крыніцы гэтага не пацвярджае: праверце.",
        "ru": "Пока ни одно принятое утверждение источника этого не подтверждает: проверьте.",
    },
    "names_to_check": {
        "en": "Names to check: {names} — the registry has no English form of these names; "
        "the form shown is derived. Add the right spelling as a name variant.",
        "be": "Імёны праверыць: {names} — у рэестры няма беларускай формы гэтых імёнаў; "
        "паказаная форма вытворная. Дадайце правільнае напісанне як варыянт імя.",
        "ru": "Проверить имена: {names} — в реестре нет русской формы этих имён; "
        "показанная форма выведена автоматически. Добавьте правильное написание как вариант имени.",
    },
    "to_check": {"en": "[TO CHECK]", "be": "[ПРАВЕРЫЦЬ]", "ru": "[ПРОВЕРИТЬ]"},
}


def note_word(key: str, lang: str, **values: str) -> str:
    return NOTE_WORDS[key][lang].format(**values)


def source_line(source: SourceInfo) -> str:
    """A source as a note names it: title, publisher, date (and its address, if any)."""
    parts = [source.title]
    if source.publisher and source.publisher not in source.title:
        parts.append(source.publisher)
    if source.date:
        parts.append(source.date)
    return ", ".join(p for p in parts if p) + (f" <{source.url}>" if source.url else "")


def to_markdown(draft: Draft) -> str:
    """The draft as Markdown: one paragraph per sentence group, each sentence followed by the
    numbers of its notes; each note a source with the quotes the sentences use
    (:meth:`Draft.notes`). Record and claim ids stay in the JSON twin."""
    lang = draft.lang
    lines = [
        f"<!-- Letapis statement draft, language {lang}. {note_word('draft', 'en')} -->",
        "",
        f"# {draft.title}",
        "",
    ]
    notes, markers = draft.notes()
    paragraph: list[str] = []
    for sentence, numbers in zip(draft.sentences, markers, strict=True):
        marker = f" **{note_word('to_check', lang)}**" if sentence.placeholder else ""
        refs = "".join(f"[^{n}]" for n in numbers) or f" *({note_word('no_source', lang)})*"
        paragraph.append(f"{sentence.text}{marker}{refs}")
        if sentence.key in ("destinations", "destinations_exile", "released_named", "still_held", "generic"):
            lines += [" ".join(paragraph), ""]
            paragraph = []
    if paragraph:
        lines += [" ".join(paragraph), ""]
    if draft.names_to_check:
        lines += [note_word("names_to_check", lang, names=", ".join(draft.names_to_check)), ""]
    if notes:
        lines += [f"## {note_word('notes', lang)}", ""]
    for note in notes:
        quoted = "; ".join(f"«{q}»" for q in note.quotes)
        lines.append(f"[^{note.number}]: {source_line(note.source)}" + (f": {quoted}" if quoted else ""))
    return "\n".join(lines) + "\n"


def to_pdf(draft: Draft) -> bytes:
    """The draft as PDF (:mod:`letapis.reports.pdf`'s fonts): the sentences with their note
    numbers, then the numbered notes with their quotes."""
    from letapis.pdfdoc import FONT, new_document

    lang = draft.lang
    pdf = new_document(draft.title, lang)
    pdf.set_font(FONT, "B", 15)
    pdf.multi_cell(0, 7, draft.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9)
    pdf.multi_cell(0, 5, note_word("draft", lang), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    notes, markers = draft.notes()
    pdf.set_font(FONT, "", 11)
    for sentence, numbers in zip(draft.sentences, markers, strict=True):
        refs = " " + "".join(f"[{n}]" for n in numbers) if numbers else f" ({note_word('no_source', lang)})"
        marker = f" {note_word('to_check', lang)}" if sentence.placeholder else ""
        pdf.multi_cell(0, 6, sentence.text + marker + refs, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    if draft.names_to_check:
        pdf.set_font(FONT, "", 9)
        pdf.multi_cell(0, 5, note_word("names_to_check", lang, names=", ".join(draft.names_to_check)))
        pdf.ln(2)
    if notes:
        pdf.set_font(FONT, "B", 12)
        pdf.multi_cell(0, 7, note_word("notes", lang), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 9)
    for note in notes:
        quoted = "; ".join(f"«{q}»" for q in note.quotes)
        text = f"{note.number}. {source_line(note.source)}" + (f": {quoted}" if quoted else "")
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    return bytes(pdf.output())
