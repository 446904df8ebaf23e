"""A small registry for the watch lists, with hand-checked answers on :data:`D`.

Only records are written here, through the services: the follow-up rows (expected end, place
now, last contact) are derived by :mod:`letapis.following.refresh`, kept in step by its
signals, as in the running registry. Terms count from the detention (day for day credit):
detention + months.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from letapis.registry import services as s
from letapis.registry.models import ClaimState, Event, Person, Place, Source

D = date(2026, 6, 1)

TEXT = (
    "Ann Due was sentenced to two years. Bob Overdue was detained in 2020. "
    "Ann Due wrote a letter in May. Gus Birthday was detained on 1 May 2026."
)


def person(name: str, *, level: str = "public", publishable: bool = True, birth: str = "") -> Person:
    return s.do_create_person(None, names=[name], confidentiality=level, publishable=publishable, birth_date=birth)


def event(kind: str, day: str, who: Person, *, level: str = "public", place: Place | None = None) -> Event:
    return s.do_create_event(None, type=kind, date=day, victims=[who], confidentiality=level, place=place)


def case(who: Person, sentence: Event, months: int, *, level: str = "public") -> Any:
    return s.do_create_criminal_case(
        None, who, sentence_months=months, sentence_date=sentence.date, sentence_event=sentence, confidentiality=level
    )


@dataclass
class World:
    source: Source
    colony: Place
    persons: dict[str, Person] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    cases: dict[str, Any] = field(default_factory=dict)


def build() -> World:
    source = s.do_create_source(
        None, data=TEXT.encode(), filename="watch.txt", text=TEXT, title="Watch statement", confidentiality="public"
    )[0]
    colony = s.do_create_place(None, "Penal colony No. 2", kind="penal_colony", country="BY", confidentiality="public")
    w = World(source, colony)

    # Ann: detained 20 June 2024, two years: the term ends on 20 June 2026 (due within 30 days);
    # in the colony since the verdict; wrote on 20 May
    ann = w.persons["ann"] = person("Ann Due", birth="1980-07-10")
    event("detention", "2024-06-20", ann)
    sentence = w.events["ann_sentence"] = event("sentence", "2025-01-10", ann, place=colony)
    letter = w.events["ann_letter"] = event("letter", "2026-05-20", ann)
    s.do_record_claim(
        None, source, kind="event", value={"type": "sentence"}, quote="Ann Due was sentenced to two years.",
        state=ClaimState.ACCEPTED, person=ann, event=sentence, supports=sentence,
    )  # fmt: skip
    s.do_record_claim(
        None, source, kind="event", value={"type": "letter"}, quote="Ann Due wrote a letter in May.",
        state=ClaimState.ACCEPTED, person=ann, event=letter, supports=letter,
    )  # fmt: skip
    w.cases["ann"] = case(ann, sentence, 24)

    # Bob: detained 1 January 2020, 74 months: the term ended on 1 March 2026 (overdue 92 days);
    # no contact at all
    bob = w.persons["bob"] = person("Bob Overdue")
    w.events["bob_detention"] = event("detention", "2020-01-01", bob)
    case(bob, event("sentence", "2020-06-01", bob), 74)

    # Cid: three years from 1 January 2020, released at its end: on no list
    cid = w.persons["cid"] = person("Cid Released", birth="1970-06-05")
    event("detention", "2020-01-01", cid)
    case(cid, event("sentence", "2020-02-01", cid), 36)
    event("release", "2023-01-01", cid)

    # Dee: an internal person, detained in August 2024 (the month alone), two years: the term ends
    # 1 … 31 August 2026 (due within 61 days of 1 June, not 60): the team's only
    dee = w.persons["dee"] = person("Dee Internal", level="internal", birth="1990-06-03")
    event("detention", "2024-08", dee)
    case(dee, event("sentence", "2025-01-10", dee), 24)

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
    event("letter", "2026-03-21", hal)
    return w
