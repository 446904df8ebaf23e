"""The demo registry, written by the project (see ``demo.yaml`` beside this file).

:func:`load_demo` goes through the services like any other data entry, so the demo also has its
audit log, and every fact is an accepted claim quoting the demo summary (its source).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from letapis.accounts.actor import Actor
from letapis.registry import services as s
from letapis.registry import spans
from letapis.registry.models import (
    ClaimState,
    Confidentiality,
    CriminalCase,
    Event,
    Organisation,
    Person,
    Place,
    Source,
)
from letapis.vocab import vocabulary
from letapis.vocab.codes import EventType

DEMO_FILE = Path(__file__).with_name("demo.yaml")


@cache
def demo_spec() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
    return data


def demo_text() -> str:
    """The demo summary: its heading and every person's paragraph."""
    spec = demo_spec()
    paragraphs = [spec["source"]["heading"].strip()]
    paragraphs += [" ".join(p["paragraph"].split()) for p in spec["persons"]]
    return "\n\n".join(paragraphs) + "\n"


def _code(vocab_name: str, label: str) -> str:
    term = vocabulary(vocab_name).lookup(label)
    if term is None:
        raise ValueError(f"demo.yaml: {label!r} is not in the {vocab_name} vocabulary")
    return term.code


def is_loaded() -> bool:
    return Source.objects.filter(filename=demo_spec()["source"]["filename"]).exists()


@transaction.atomic
@spans.deferred()  # each person's status spans computed once, at the end, not on every event
def load_demo(actor: Actor = None, *, following: bool = False) -> Source:
    """Load the demo registry (once: a second call returns the existing source). With
    ``following`` also the data of following a term (:func:`load_following`): the places of
    detention, the transfers of the statement's persons and the invented histories — what
    ``letapis demo`` loads; the statement alone is what most tests count on."""
    source = _load_statement(actor)
    if following and not following_loaded():
        load_following(actor)
    return source


def following_loaded() -> bool:
    return Source.objects.filter(filename=demo_spec()["invented"]["source"]["filename"]).exists()


def load_following(actor: Actor = None) -> None:
    """Places of detention with their addresses and regimes, the transfers of the statement's
    persons to the colonies where they serve their terms (claims of the demo summary), and the
    invented histories (:func:`_load_invented`)."""
    spec = demo_spec()
    source = Source.objects.get(filename=spec["source"]["filename"])
    places = _load_places(actor, spec.get("places", []))
    for entry in spec["persons"]:
        if not entry.get("transfers"):
            continue
        primary = next(n["text"] for n in entry["names"] if n.get("primary"))
        person = Person.objects.get(display_name=primary, merged_into__isnull=True)
        quote = " ".join(entry["paragraph"].split())
        for transfer in entry["transfers"]:
            moved = s.do_create_event(
                actor,
                type=EventType.TRANSFER,
                date=str(transfer["date"]),
                place=places[transfer["place"]],
                victims=[person],
            )
            s.do_record_claim(
                actor,
                source,
                kind="event",
                value={"type": EventType.TRANSFER, "date": moved.date, "place": transfer["place"]},
                quote=quote,
                proposer="demo",
                state=ClaimState.ACCEPTED,
                confidentiality=Confidentiality.PUBLIC,
                person=person,
                event=moved,
                supports=moved,
            )
    _load_invented(actor, spec["invented"], places)


def _received(actor: Actor, source: Source, meta: dict[str, Any]) -> None:
    """The custody step of a demo source: it came with the demo data, from its publisher."""
    from letapis.custody.services import do_record_received

    do_record_received(actor, source, how="demo", origin=str(meta.get("publisher") or ""))


def _demo_source(actor: Actor, text: str, meta: dict[str, Any]) -> tuple[Source, bool]:
    """A public source of the demo's, from its text and the metadata of its spec."""
    return s.do_create_source(
        actor,
        data=text.encode("utf-8"),
        filename=meta["filename"],
        text=text,
        title=meta["title"],
        publisher=meta["publisher"],
        date=date.fromisoformat(str(meta["date"])),
        language=meta["language"],
        reliability=meta["reliability"],
        confidentiality=Confidentiality.PUBLIC,
    )


def _public_person(actor: Actor, entry: dict[str, Any], **details: Any) -> tuple[Person, list[s.NameInput], str]:
    """A public, publishable person of the demo from its spec entry (``details``: more fields of
    :func:`~letapis.registry.services.do_create_person`), its names and the paragraph quoted
    for its claims."""
    names = [s.NameInput(n["text"], n.get("form"), bool(n.get("primary", False))) for n in entry["names"]]
    person = s.do_create_person(
        actor,
        names=names,
        gender=entry.get("gender", ""),
        confidentiality=Confidentiality.PUBLIC,
        publishable=True,
        **details,
    )
    return person, names, " ".join(entry["paragraph"].split())


def _load_statement(actor: Actor) -> Source:
    """The persons of the statement, the organisations and the release of 13 December 2025."""
    spec = demo_spec()
    meta = spec["source"]
    text = demo_text()
    source, created = _demo_source(actor, text, meta)
    if not created:
        return source
    _received(actor, source, meta)

    def claim(kind: str, value: dict[str, Any], quote: str, **links: Any) -> None:
        s.do_record_claim(
            actor,
            source,
            kind=kind,
            value=value,
            quote=quote,
            proposer="demo",
            state=ClaimState.ACCEPTED,
            confidentiality=Confidentiality.PUBLIC,
            **links,
        )

    organisations: dict[str, Organisation] = {}
    for org in spec["organisations"]:
        organisations[org["name"]] = s.do_create_organisation(
            actor,
            org["name"],
            kind=org["kind"],
            aliases=org.get("aliases", []),
            country=org.get("country", ""),
            confidentiality=Confidentiality.PUBLIC,
        )

    rel = spec["release"]
    release = s.do_create_event(
        actor,
        type=EventType.RELEASE,
        date=str(rel["date"]),
        count=rel["count"],
        foreign_nationals=rel["foreign_nationals"],
        destinations=rel["destinations"],
        forced_exile=rel["forced_exile"],
        description=rel["description"],
    )
    claim(
        "event",
        {
            "type": EventType.RELEASE,
            "date": str(rel["date"]),
            "count": rel["count"],
            "foreign_nationals": rel["foreign_nationals"],
            "destinations": rel["destinations"],
            "forced_exile": rel["forced_exile"],
        },
        rel["quote"],
        event=release,
        supports=release,
    )

    persons: dict[str, Person] = {}
    for entry in spec["persons"]:
        person, names, quote = _public_person(actor, entry, nationalities=entry.get("nationalities", []))
        persons[person.display_name] = person
        claim("person", {"names": [n.text for n in names]}, quote, person=person, supports=person)
        for label in entry.get("occupations", []):
            occupation = s.do_add_occupation(actor, person, _code("occupations", label))
            claim("occupation", {"occupation": occupation.code}, quote, person=person, supports=occupation)
        for label in entry.get("honours", []):
            honour = s.do_add_honour(actor, person, code=_code("honours", label))
            claim("honour", {"honour": honour.code}, quote, person=person, supports=honour)
        for m in entry.get("memberships", []):
            membership = s.do_add_membership(
                actor, person, organisations[m["organisation"]], role=_code("membership_roles", m["role"])
            )
            claim(
                "membership",
                {"organisation": m["organisation"], "role": membership.role},
                quote,
                person=person,
                supports=membership,
            )
        if "detention" in entry:
            detention = s.do_create_event(
                actor, type=EventType.DETENTION, date=str(entry["detention"]), victims=[person]
            )
            claim(
                "event",
                {"type": EventType.DETENTION, "date": detention.date},
                quote,
                person=person,
                event=detention,
                supports=detention,
            )
        if "sentence" in entry:
            sentence = entry["sentence"]
            event = s.do_create_event(actor, type=EventType.SENTENCE, date=str(sentence["date"]), victims=[person])
            case = s.do_create_criminal_case(
                actor,
                person,
                articles=sentence["articles"],
                sentence_months=sentence["months"],
                sentence_date=str(sentence["date"]),
                sentence_event=event,
                sentence_kind=sentence.get("kind", ""),
            )
            claim(
                "criminal_case",
                {"articles": case.articles, "months": case.sentence_months, "date": case.sentence_date},
                quote,
                person=person,
                event=event,
                supports=case,
            )
        if entry.get("released", False):
            freed = s.do_create_event(
                actor,
                type=EventType.RELEASE,
                date=str(rel["date"]),
                parent=release,
                forced_exile=rel["forced_exile"],
                victims=[person],
            )
            claim(
                "event",
                {"type": EventType.RELEASE, "date": freed.date, "parent": release.pk},
                quote,
                person=person,
                event=freed,
                supports=freed,
            )
        for note in entry.get("notes", []):
            s.do_add_note(actor, text=note["text"], person=person, confidentiality=note["confidentiality"])

    for note in spec.get("internal_notes", []):
        s.do_add_note(actor, text=note["text"], person=persons[note["person"]], confidentiality=note["confidentiality"])
    return source


def _load_places(actor: Actor, entries: list[dict[str, Any]]) -> dict[str, Place]:
    """The places of detention, with their numbers, regimes, postal addresses and the team's
    note on writing (set beside the place service, which names and classifies a place)."""
    places: dict[str, Place] = {}
    for entry in entries:
        place = s.do_create_place(
            actor,
            entry["name"],
            kind=entry["kind"],
            country=entry.get("country", "BY"),
            aliases=entry.get("aliases", []),
            confidentiality=Confidentiality.PUBLIC,
        )
        details = {
            "number": str(entry.get("number", "")),
            "regime": entry.get("regime", ""),
            "postal_address": entry.get("postal_address", ""),
            "letter_rules": entry.get("letter_rules", ""),
        }
        if entry.get("regime"):
            _code("sentence_regimes", entry["regime"])  # fails the load on an unknown regime
        if any(getattr(place, field) != value for field, value in details.items()):
            place = s.do_update_place(actor, place, **details)
        places[place.name] = place
    return places


def invented_text(spec: dict[str, Any]) -> str:
    """The text of the invented histories' source: its heading and each paragraph."""
    paragraphs = [spec["source"]["heading"].strip()]
    paragraphs += [" ".join(p["paragraph"].split()) for p in spec["persons"]]
    return "\n\n".join(paragraphs) + "\n"


def _load_invented(actor: Actor, spec: dict[str, Any], places: dict[str, Place]) -> None:
    """The invented histories (no real person) that show how a term is followed: events with
    their places, cases, term changes and contacts, each an accepted claim of their own source."""
    from letapis.following import services as following

    meta = spec["source"]
    text = invented_text(spec)
    source, created = _demo_source(actor, text, meta)
    if created:
        _received(actor, source, meta)
    for entry in spec["persons"]:
        occupations = [_code("occupations", label) for label in entry.get("occupations", [])]
        person, names, quote = _public_person(actor, entry, occupations=occupations)

        def claim(kind: str, value: dict[str, Any], supports: Any, event: Event | None = None) -> None:
            s.do_record_claim(
                actor,
                source,
                kind=kind,
                value=value,
                quote=quote,  # noqa: B023  (used at once, in this iteration)
                proposer="demo",
                state=ClaimState.ACCEPTED,
                confidentiality=Confidentiality.PUBLIC,
                person=person,  # noqa: B023
                event=event,
                supports=supports,
            )

        claim("person", {"names": [n.text for n in names]}, person)
        case: CriminalCase | None = None
        for item in entry["events"]:
            when = str(item["date"])
            place = places[item["place"]] if "place" in item else None
            if item["type"] in (EventType.LETTER, EventType.LAWYER_VISIT, EventType.FAMILY_VISIT):
                event = following.do_record_contact(actor, person, type=item["type"], date=when)
            else:
                event = s.do_create_event(actor, type=item["type"], date=when, place=place, victims=[person])
            claim("event", {"type": item["type"], "date": when}, event, event)
            if "case" in item:
                case = s.do_create_criminal_case(
                    actor,
                    person,
                    articles=item["case"].get("articles", []),
                    sentence_kind=item["case"].get("kind", ""),
                    sentence_months=item["case"]["months"],
                    sentence_date=when,
                    sentence_event=event,
                )
                claim("criminal_case", {"months": case.sentence_months, "date": when}, case, event)
            if "term_change" in item:
                if case is None:
                    raise ValueError(f"demo.yaml: a term change of {person} before any sentence")
                change = following.do_add_term_change(
                    actor,
                    case,
                    kind=item["term_change"]["kind"],
                    months=item["term_change"].get("months", 0),
                    days=item["term_change"].get("days", 0),
                    date=when,
                    event=event,
                )
                claim(
                    "criminal_case", {"term_change": change.kind, "months": change.months, "date": when}, change, event
                )


def release_event() -> Event | None:
    """The collective release of the demo data."""
    return Event.objects.filter(type=EventType.RELEASE, date="2025-12-13", parent__isnull=True).first()
