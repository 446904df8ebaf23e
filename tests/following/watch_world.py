"""A small registry for the watch lists, with hand-checked answers on :data:`D`.

Follow-up rows (``FollowUp``) are written here per tier as the refresh would write them from
the records each tier reads (:func:`follow`); the tests that run the refresh itself are in
``test_watch_refresh.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from letapis.following.models import FollowUp
from letapis.registry import services as s
from letapis.registry.models import ClaimState, Event, Person, Place, Source

D = date(2026, 6, 1)
ALL = ("public", "internal", "confidential")
TEAM = ("internal", "confidential")

TEXT = (
    "Ann Due was sentenced to two years. Bob Overdue was detained in 2020. "
    "Ann Due wrote a letter in May. Gus Birthday was detained on 1 May 2026."
)


def person(name: str, *, level: str = "public", publishable: bool = True, birth: str = "") -> Person:
    return s.do_create_person(None, names=[name], confidentiality=level, publishable=publishable, birth_date=birth)


def event(kind: str, day: str, who: Person, *, level: str = "public", place: Place | None = None) -> Event:
    return s.do_create_event(None, type=kind, date=day, victims=[who], confidentiality=level, place=place)


def follow(who: Person, tiers: tuple[str, ...] = ALL, **fields: Any) -> None:
    """The follow-up rows of ``who`` in ``tiers`` (what the refresh derives from the records
    each of those tiers reads)."""
    for tier in tiers:
        FollowUp.objects.update_or_create(person=who, level=tier, defaults=fields)


@dataclass
class World:
    source: Source
    colony: Place
    persons: dict[str, Person] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)


def build() -> World:
    source = s.do_create_source(
        None, data=TEXT.encode(), filename="watch.txt", text=TEXT, title="Watch statement", confidentiality="public"
    )[0]
    colony = s.do_create_place(None, "Penal colony No. 2", kind="penal_colony", country="BY", confidentiality="public")
    w = World(source, colony)

    # Ann: sentenced, the term ends on 20 June 2026 (due within 30 days); wrote on 20 May
    ann = w.persons["ann"] = person("Ann Due", birth="1980-07-10")
    event("detention", "2024-01-10", ann)
    sentence = w.events["ann_sentence"] = event("sentence", "2024-06-01", ann, place=colony)
    letter = w.events["ann_letter"] = event("letter", "2026-05-20", ann)
    s.do_record_claim(
        None, source, kind="event", value={"type": "sentence"}, quote="Ann Due was sentenced to two years.",
        state=ClaimState.ACCEPTED, person=ann, event=sentence, supports=sentence,
    )  # fmt: skip
    s.do_record_claim(
        None, source, kind="event", value={"type": "letter"}, quote="Ann Due wrote a letter in May.",
        state=ClaimState.ACCEPTED, person=ann, event=letter, supports=letter,
    )  # fmt: skip
    case = s.do_create_criminal_case(
        None, ann, sentence_months=24, sentence_date="2024-06-01", sentence_event=sentence, confidentiality="public"
    )
    follow(
        ann, case=case, end_earliest=date(2026, 6, 20), end_latest=date(2026, 6, 20), place=colony,
        place_since=date(2024, 6, 1), place_event=sentence, last_contact=date(2026, 5, 20), contact_event=letter,
    )  # fmt: skip

    # Bob: held since 2020, the term ended on 1 March 2026 (overdue 92 days); no contact at all
    bob = w.persons["bob"] = person("Bob Overdue")
    w.events["bob_detention"] = event("detention", "2020-01-01", bob)
    follow(bob, end_earliest=date(2026, 2, 1), end_latest=date(2026, 3, 1))

    # Cid: released; a stale follow-up row must not put him on any list
    cid = w.persons["cid"] = person("Cid Released", birth="1970-06-05")
    event("detention", "2020-01-01", cid)
    event("release", "2025-01-01", cid)
    follow(cid, end_earliest=date(2025, 1, 1), end_latest=date(2025, 1, 1))

    # Dee: an internal person, due within 90 days (15 July … 15 August 2026): the team's only
    dee = w.persons["dee"] = person("Dee Internal", level="internal", birth="1990-06-03")
    event("detention", "2025-01-01", dee)
    follow(dee, TEAM, end_earliest=date(2026, 7, 15), end_latest=date(2026, 8, 15))

    # Eve: public but not publishable, born on 5 June: never on the birthday list
    eve = w.persons["eve"] = person("Eve Unpublished", publishable=False, birth="1991-06-05")
    event("detention", "2026-04-01", eve)

    # Fay: born in June 1985 (a month, not a day): no birthday to list
    fay = w.persons["fay"] = person("Fay Month", birth="1985-06")
    event("detention", "2026-04-01", fay)

    # Gus: birthday today (1 June), detained a month ago: not silent
    gus = w.persons["gus"] = person("Gus Birthday", birth="1975-06-01")
    w.events["gus_detention"] = event("detention", "2026-05-01", gus)

    # Hal: held since 2023, wrote in March 2026 (72 days before D): silent for 60, not for 90
    hal = w.persons["hal"] = person("Hal Quiet", birth="2000-02-29")
    event("detention", "2023-03-01", hal)
    hal_letter = event("letter", "2026-03-21", hal)
    follow(hal, last_contact=date(2026, 3, 21), contact_event=hal_letter)
    return w
