"""The generator behind ``letapis dev synth``: an invented registry of any size, fast.

Persons get Belarusian names (a given name of the names core's families, a surname from
``data.yaml``) in the forms a monitor meets — native Cyrillic, Łacinka, passport, Russian — each
a NameVariant with the names core's search text and blocking keys, as the services would store
them. Their histories run over 2010–2026: searches, detentions, charges, trials, sentences
(with a criminal case, a court and a judge), transfers between facilities, releases at the end
of a term, pardons, collective releases and expulsions abroad, deaths in custody, re-arrests
(some at the prison gate, the same day), and events that change no status (health alerts,
punishment cells…, and the contacts of those held: letters, lawyers' and family visits). Some
terms are extended by a new sentence in custody (a TermChange "added"), some end with no release
recorded; many persons have a full birth date — what the watch lists of
:mod:`letapis.following.watch` need to be realistic at scale. Every status-changing event is
supported by an accepted Claim quoting a line of a synthetic Source.

Rows go in by bulk inserts with ids allocated here (COPY on PostgreSQL, ``executemany`` on
SQLite), in one transaction, in batches of persons; the status spans are rebuilt at the end
(:func:`letapis.registry.spans.rebuild_all_spans`). The services are bypassed for the bulk rows
(one audit entry records the whole load), but the few organisations, places and sources go
through them.
"""

from __future__ import annotations

import calendar
import json
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from letapis.audit.log import record
from letapis.names.collation import sort_key
from letapis.names.forms import be_word_to_ru
from letapis.names.given import families
from letapis.names.translit import be_to_lacinka, be_to_national, be_to_passport, ru_to_latin
from letapis.registry import services
from letapis.registry.models import (
    Claim,
    ClaimKind,
    ClaimState,
    CriminalCase,
    Event,
    ExternalId,
    Involvement,
    InvolvementRole,
    Membership,
    NameForm,
    NameKey,
    NameVariant,
    Occupation,
    Person,
    Source,
    TermChange,
)
from letapis.registry.naming import name_facts
from letapis.registry.spans import rebuild_all_spans
from letapis.vocab.codes import EventType

#: The publisher of every synthetic source; the mark of a synthetic registry.
PUBLISHER = "letapis dev synth (synthetic data, not a real document)"
#: The external-id scheme every synthetic person carries (``synthetic:<person id>``).
SCHEME = "synthetic"

START = date(2010, 1, 1)
END = date(2026, 11, 20)  # fixed, so that a seed gives the same registry on any day

#: Persons generated and written per batch (bounds the memory of a large run).
BATCH = 5000
#: Claim lines per synthetic source.
LINES_PER_SOURCE = 400

_DATA = Path(__file__).with_name("data.yaml")

_OCCUPATIONS = (
    ["writer", "poet", "journalist", "journalist", "journalist", "human_rights_defender", "civic_activist"] * 3
    + ["translator", "musician", "artist", "teacher", "university_lecturer", "student", "blogger", "editor"] * 2
    + ["historian", "philosopher", "photographer", "actor", "theatre_director", "film_director", "singer"]
    + ["publisher", "literary_scholar", "linguist", "designer", "architect", "doctor", "programmer", "worker"]
    + ["entrepreneur", "engineer", "lawyer", "politician", "trade_unionist", "pensioner", "priest", "volunteer"]
)
_ROLES = ["member"] * 8 + ["board_member", "founder", "chair", "volunteer", "employee", "coordinator"]
_ARTICLES = ["342", "361-1", "361-4", "130", "369", "368", "361-3", "293", "356", "411", "203-1", "191"]
_REGIMES = ["general_regime_colony"] * 5 + ["reinforced_regime_colony"] * 3 + ["strict_regime_colony", "prison"]
_MONTHS = [12, 18, 24, 24, 30, 36, 36, 42, 48, 60, 72, 84, 96, 108, 120, 132, 144, 180]
_IN_CUSTODY = [
    EventType.HEALTH_ALERT,
    EventType.PUNISHMENT_CELL,
    EventType.INCOMMUNICADO,
    EventType.HUNGER_STRIKE,
    EventType.NEW_CHARGE_IN_CUSTODY,
]
#: Contacts with the outside while held (event types with ``contact: true``), letters the most.
_CONTACTS = [EventType.LETTER] * 5 + [EventType.LAWYER_VISIT] * 3 + [EventType.FAMILY_VISIT] * 2
#: Share of the in-custody events that are contacts (the watch lists' "silent" needs both kinds).
_CONTACT_SHARE = 0.6
#: Share of terms whose end passes with no release recorded (the "overdue" watch list).
_NOT_RELEASED = 0.03
#: Share of sentences extended later by a new sentence in custody (a TermChange "added").
_EXTENDED = 0.05
_ADDED_MONTHS = [6, 12, 12, 18, 24, 36]
#: What a career over its event budget keeps first (lower first): the status and the term.
_KEEP = {
    EventType.DETENTION: 0,
    EventType.SENTENCE: 0,
    EventType.RELEASE: 0,
    EventType.PARDON: 0,
    EventType.EXPULSION: 0,
    EventType.DEATH_IN_CUSTODY: 0,
    EventType.NEW_CHARGE_IN_CUSTODY: 1,
    EventType.TRANSFER: 2,
}
_AT_LARGE = [
    EventType.SEARCH,
    EventType.INTERROGATION,
    EventType.ADMINISTRATIVE_ARREST,
    EventType.DESIGNATION_EXTREMIST,
]
_YEARS = {y: w for y, w in zip(range(2010, 2027), [3, 5, 3, 2, 2, 2, 2, 3, 3, 4, 25, 30, 18, 12, 9, 6, 4], strict=True)}
#: Collective releases and expulsions (date, type, destinations).
_COLLECTIVE = [
    ("2024-07-03", EventType.PARDON, []),
    ("2024-08-16", EventType.PARDON, []),
    ("2024-09-16", EventType.PARDON, []),
    ("2024-11-08", EventType.PARDON, []),
    ("2025-01-29", EventType.PARDON, []),
    ("2025-04-26", EventType.RELEASE, []),
    ("2025-06-21", EventType.EXPULSION, ["LT"]),
    ("2025-09-11", EventType.EXPULSION, ["LT"]),
    ("2025-12-13", EventType.EXPULSION, ["LT", "UA"]),
    ("2026-03-19", EventType.EXPULSION, ["PL"]),
    ("2026-06-30", EventType.RELEASE, []),
    ("2026-09-17", EventType.EXPULSION, ["LT"]),
]
_VERBS = {
    EventType.DETENTION: "was detained",
    EventType.SENTENCE: "was sentenced",
    EventType.TRANSFER: "was transferred",
    EventType.RELEASE: "was released",
    EventType.PARDON: "was pardoned and released",
    EventType.EXPULSION: "was released and expelled abroad",
    EventType.DEATH_IN_CUSTODY: "died in custody",
}


class SynthError(Exception):
    """The synthetic registry cannot be generated here (e.g. the database holds real data)."""


@dataclass
class SynthResult:
    persons: int = 0
    events: int = 0
    involvements: int = 0
    names: int = 0
    name_keys: int = 0
    claims: int = 0
    sources: int = 0
    cases: int = 0
    term_changes: int = 0
    spans: int = 0
    follow_ups: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def is_synthetic() -> bool:
    """Does this database hold a synthetic registry?"""
    return Source.objects.filter(publisher=PUBLISHER).exists()


def _check_empty(force: bool) -> None:
    real = Person.objects.exclude(external_ids__scheme=SCHEME).count()
    if real and not force:
        raise SynthError(
            f"the registry holds {real} persons that are not synthetic: letapis dev synth does not mix invented "
            "records with real ones (use a fresh database, or --force)"
        )
    synthetic = Person.objects.filter(external_ids__scheme=SCHEME).count()
    if synthetic and not force:
        raise SynthError(
            f"the registry holds a synthetic registry already ({synthetic} persons): use a fresh database, "
            "or --force to add to it"
        )


# ---------------------------------------------------------------------------------------------
# Bulk writing


class _Writer:
    """Inserts rows of plain tuples: COPY on PostgreSQL, executemany on SQLite."""

    def __init__(self) -> None:
        self.pg = connection.vendor == "postgresql"
        self.now = connection.ops.adapt_datetimefield_value(timezone.now())

    def insert(self, model: type[models.Model], fields: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        meta = model._meta
        columns = [str(meta.get_field(name).column) for name in fields]  # type: ignore[union-attr]  # concrete fields
        rest = [f for f in meta.concrete_fields if f.column not in columns and not f.primary_key]
        if rest:  # fields added since this was written: their defaults, as the ORM would store them
            columns += [str(f.column) for f in rest]
            defaults = tuple(self._default(f) for f in rest)
            rows = [row + defaults for row in rows]
        quote = connection.ops.quote_name
        table = quote(meta.db_table)
        names = ", ".join(quote(c) for c in columns)
        with connection.cursor() as cursor:
            if self.pg:
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)

    @staticmethod
    def _default(f: models.Field[Any, Any]) -> Any:
        value = f.get_default()
        if isinstance(f, models.JSONField):
            return json.dumps(value)
        if isinstance(f, models.DateTimeField) and (f.auto_now or f.auto_now_add):
            value = timezone.now()
        return f.get_db_prep_save(value, connection)

    def reset_sequences(self, model_list: Sequence[type[models.Model]]) -> None:
        if not self.pg:
            return  # SQLite's rowid continues from the largest id
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(model_list)):
                cursor.execute(sql)


def _next_id(model: type[models.Model]) -> int:
    return int(model._default_manager.aggregate(m=Max("id"))["m"] or 0) + 1


# ---------------------------------------------------------------------------------------------
# Names


@dataclass(frozen=True)
class _Given:
    be: str
    sex: str


@lru_cache(maxsize=1)
def _given_names() -> tuple[list[_Given], list[_Given]]:
    men: list[_Given] = []
    women: list[_Given] = []
    for fam in families().values():
        be = fam.forms.get("be", ())
        if not be or not fam.forms.get("ru") or fam.sex not in ("m", "f"):
            continue
        for form in be[:2]:
            (men if fam.sex == "m" else women).append(_Given(form, fam.sex))
    return men, women


def _load_data() -> dict[str, Any]:
    return dict(yaml.safe_load(_DATA.read_text(encoding="utf-8")))


#: (form key, NameForm): the forms every person gets besides the native one, and some more.
_FORMS = (("lacinka", NameForm.LACINKA), ("passport", NameForm.PASSPORT), ("ru", NameForm.RUSSIAN))
_MORE_FORMS = (("national", NameForm.NATIONAL), ("ru_press", NameForm.RUSSIAN_LATIN))


@lru_cache(maxsize=20_000)
def _word_forms(word: str) -> dict[str, str]:
    """The forms of one word of a Belarusian name, as :func:`letapis.names.all_forms` derives
    them word by word (a given name through its family: Алесь → Алесь, Аляксандр → Александр)."""
    ru = be_word_to_ru(word)
    return {
        "lacinka": be_to_lacinka(word),
        "national": be_to_national(word),
        "passport": be_to_passport(word),
        "ru": ru,
        "ru_press": ru_to_latin(ru, "press"),
    }


def _zipf(count: int, exponent: float = 0.9) -> list[float]:
    """Cumulative weights of a Zipf-like distribution: a few very common names, a long tail."""
    total = 0.0
    cumulative = []
    for rank in range(1, count + 1):
        total += 1.0 / rank**exponent
        cumulative.append(total)
    return cumulative


@lru_cache(maxsize=200_000)
def _facts(text: str, form: str) -> tuple[str, str, str, str, tuple[str, ...]]:
    facts = name_facts(text, form)
    return text, facts.script, facts.language, facts.search_text, tuple(sorted(facts.keys))


# ---------------------------------------------------------------------------------------------
# The generator


@dataclass
class _Places:
    temporary: list[int]
    sizo: list[int]
    colonies: list[int]
    prisons: list[int]
    names: dict[int, str]


class _Generator:
    def __init__(self, persons: int, events: int, seed: int, progress: Callable[[str], None]) -> None:
        self.n_persons = persons
        self.n_events = events
        self.rng = random.Random(seed)
        self.seed = seed
        self.progress = progress
        self.data = _load_data()
        self.writer = _Writer()
        self.result = SynthResult()
        self.source_no = Source.objects.filter(publisher=PUBLISHER).count()
        men, women = _given_names()
        self.given = (list(men), list(women))
        self.rng.shuffle(self.given[0])
        self.rng.shuffle(self.given[1])
        self.given_weights = {"m": _zipf(len(men)), "f": _zipf(len(women))}
        self.roots = self.data["surname_roots"].split()
        self.rng.shuffle(self.roots)
        self.root_weights = _zipf(len(self.roots), 0.7)

    # -- fixed records, through the services -------------------------------------------------

    def _organisations(self) -> tuple[list[int], list[int]]:
        courts: list[int] = []
        others: list[int] = []
        for kind, org_names in self.data["organisations"].items():
            for name in org_names:
                org = services.do_create_organisation(
                    None, name=name, kind=kind, country="BY", confidentiality="public"
                )
                (courts if kind == "court" else others).append(org.pk)
        return courts, others

    def _places(self) -> _Places:
        result = _Places([], [], [], [], {})
        colony_no = 1
        for i, town in enumerate(self.data["towns"]):
            city = services.do_create_place(None, town, kind="city", country="BY", confidentiality="public")
            specs = [
                (f"ІЧУ, {town} (synthetic)", "temporary_detention_facility", result.temporary),
                (f"СІЗА, {town} (synthetic)", "sizo", result.sizo),
                (f"Калонія № {colony_no}, {town} (synthetic)", "penal_colony", result.colonies),
            ]
            colony_no += 1
            if i % 4 == 0:
                specs.append((f"Турма, {town} (synthetic)", "prison", result.prisons))
            for name, kind, bucket in specs:
                place = services.do_create_place(
                    None, name, kind=kind, country="BY", parent=city, confidentiality="public"
                )
                bucket.append(place.pk)
                result.names[place.pk] = name
        return result

    def _collective(self) -> list[tuple[date, str, list[str], int]]:
        result: list[tuple[date, str, list[str], int]] = []
        for text, kind, destinations in _COLLECTIVE:
            event = services.do_create_event(
                None,
                type=kind,
                date=text,
                description="Synthetic collective release (invented).",
                destinations=destinations,
                forced_exile=kind == EventType.EXPULSION,
            )
            result.append((date.fromisoformat(text), kind, destinations, event.pk))
        return result

    # -- persons -------------------------------------------------------------------------------

    def _name(self, sex: str) -> tuple[str, str]:
        """A given name and a surname; common ones are common (namesakes happen, as in life)."""
        men, women = self.given
        pool = men if sex == "m" else women
        given = self.rng.choices(pool, cum_weights=self.given_weights[sex])[0]
        root = self.rng.choices(self.roots, cum_weights=self.root_weights)[0]
        ending = self.rng.choice(self.data["surname_endings"])
        if sex == "f":
            ending = self.data["feminine_endings"].get(ending, ending)
        return given.be, f"{root}{ending}"

    def _variants(self, given: str, surname: str) -> list[tuple[str, str, bool]]:
        """(text, form, primary) of a person's names, the native one first."""
        native = f"{given} {surname}"
        first, last = _word_forms(given), _word_forms(surname)
        chosen = [(native, str(NameForm.NATIVE), True)]
        wanted = list(_FORMS) + [f for f in _MORE_FORMS if self.rng.random() < 0.3]
        seen = {native}
        for key, form in wanted:
            text = f"{first[key]} {last[key]}"
            if text not in seen:
                seen.add(text)
                chosen.append((text, str(form), False))
        return chosen

    def _budgets(self, prisoners: int) -> list[int]:
        """Events per person: at least one each, the rest spread at random (mean events/persons)."""
        budgets = [1] * prisoners
        spare = max(0, self.n_events - prisoners - len(_COLLECTIVE))
        picks = self.rng.choices(range(prisoners), k=spare) if prisoners else []
        for i in picks:
            budgets[i] += 1
        return budgets

    def _day(self, low: date, high: date) -> date:
        span = (high - low).days
        return low + timedelta(days=self.rng.randint(0, max(0, span)))

    def _start(self) -> date:
        year = self.rng.choices(list(_YEARS), weights=list(_YEARS.values()))[0]
        return self._day(date(year, 1, 1), min(date(year, 12, 31), END))

    def _career(self, budget: int, places: _Places, collective: list[tuple[date, str, list[str], int]]) -> list[Any]:
        """One person's events: (type, day, sequence, place id, extra) in time order."""
        rng = self.rng
        out: list[Any] = []
        if rng.random() < 0.08:  # never detained: searches and interrogations only
            return sorted(
                ((rng.choice(_AT_LARGE), self._start(), 0, None, None) for _ in range(budget)), key=lambda e: e[1]
            )
        day = self._start()
        sequence = 0
        held: list[tuple[date, date]] = []
        while day <= END and len(out) < budget:
            town = rng.randrange(len(places.temporary))
            if rng.random() < 0.3:
                out.append((EventType.SEARCH, day, 0, None, None))
            out.append((EventType.DETENTION, day, sequence, places.temporary[town], None))
            began = day
            charge = day + timedelta(days=rng.randint(2, 30))
            out.append((EventType.CHARGE, charge, 0, places.sizo[town], None))
            if rng.random() < 0.05:  # released before any trial
                released = charge + timedelta(days=rng.randint(20, 200))
                if released > END:
                    held.append((began, END))
                    break
                out.append((EventType.RELEASE, released, 0, places.sizo[town], None))
                held.append((began, released))
            else:
                trial = charge + timedelta(days=rng.randint(30, 240))
                out.append((EventType.TRIAL, trial, 0, None, None))
                sentenced = trial if rng.random() < 0.6 else trial + timedelta(days=rng.randint(1, 14))
                months = rng.choice(_MONTHS)
                case = (months, rng.choice(_REGIMES), sorted(set(rng.sample(_ARTICLES, rng.randint(1, 3)))))
                out.append((EventType.SENTENCE, sentenced, 0, None, case))
                term_end = began + timedelta(days=int(months * 30.44))
                if rng.random() < _EXTENDED and sentenced + timedelta(days=60) < min(term_end, END):
                    # a new sentence in custody ("disobedience" to the colony): the term is longer
                    added = rng.choice(_ADDED_MONTHS)
                    extended = self._day(sentenced + timedelta(days=60), min(term_end, END))
                    out.append((EventType.NEW_CHARGE_IN_CUSTODY, extended, 0, None, added))
                    term_end += timedelta(days=int(added * 30.44))
                colony = rng.choice(places.colonies + places.prisons)
                for _ in range(rng.randint(0, 3)):
                    moved = self._day(sentenced + timedelta(days=20), min(term_end, END))
                    out.append(
                        (EventType.TRANSFER, moved, 0, rng.choice([colony, places.sizo[town], *places.colonies]), None)
                    )
                if rng.random() < 0.004:
                    died = self._day(sentenced + timedelta(days=30), min(term_end, END))
                    out.append((EventType.DEATH_IN_CUSTODY, died, 0, colony, None))
                    held.append((began, died))
                    break
                kind: str
                kind, released, extra = EventType.RELEASE, term_end, None
                early = [c for c in collective if sentenced + timedelta(days=30) < c[0] < term_end]
                if early and rng.random() < 0.35:
                    released, kind, destinations, parent = rng.choice(early)
                    extra = (parent, destinations)
                elif rng.random() < 0.08:
                    kind, released = EventType.PARDON, self._day(sentenced + timedelta(days=180), term_end)
                if released > END or (kind == EventType.RELEASE and rng.random() < _NOT_RELEASED):
                    held.append((began, END))  # still held, or the term ended with no release recorded
                    break
                out.append((kind, released, 0, colony, extra))
                held.append((began, released))
                if kind == EventType.EXPULSION:
                    break
            if rng.random() >= 0.22:
                break
            last = out[-1][1]
            if rng.random() < 0.1:  # detained again at the gate, the same day
                day, sequence = last, 1
            else:
                day, sequence = last + timedelta(days=rng.randint(60, 1500)), 0
        out.sort(key=lambda e: (e[1], e[2]))
        if len(out) > budget:
            # over budget: keep what decides the status and the term (a release dropped would
            # leave the person held for ever, overdue), then transfers, then the rest, in time
            kept = sorted(range(len(out)), key=lambda i: (_KEEP.get(out[i][0], 4), i))[:budget]
            out = [out[i] for i in sorted(kept)]
        while len(out) < budget:  # events that change no status
            if held and rng.random() < 0.7:
                low, high = rng.choice(held)
                kinds = _CONTACTS if rng.random() < _CONTACT_SHARE else _IN_CUSTODY
                out.append((rng.choice(kinds), self._day(low + timedelta(days=1), high), 0, None, None))
            else:
                out.append((rng.choice(_AT_LARGE), self._start(), 0, None, None))
        out.sort(key=lambda e: (e[1], e[2]))
        return out

    def _date_text(self, kind: str, day: date) -> tuple[str, str | None, str]:
        """A partial date as monitors write them: mostly the day, sometimes only the month."""
        r = self.rng.random()
        if r < 0.93:
            iso = day.isoformat()
            return iso, iso, iso
        if r < 0.98:
            last = calendar.monthrange(day.year, day.month)[1]
            return (
                f"{day.year}-{day.month:02d}",
                date(day.year, day.month, 1).isoformat(),
                day.replace(day=last).isoformat(),
            )
        if r < 0.995 or kind in _VERBS:
            return f"[..{day.isoformat()}]", None, day.isoformat()
        return str(day.year), f"{day.year}-01-01", f"{day.year}-12-31"

    def run(self) -> SynthResult:
        t0 = time.monotonic()
        courts, others = self._organisations()
        places = self._places()
        collective = self._collective()
        judges_n = max(5, self.n_persons // 500)
        prisoners = max(0, self.n_persons - judges_n)
        budgets = self._budgets(prisoners)
        self.result.events += len(collective)
        ids: dict[type[models.Model], int] = {m: _next_id(m) for m in (Person, NameVariant, Event, CriminalCase)}
        children: dict[int, int] = {c[3]: 0 for c in collective}

        judge_ids = self._write_persons(judges_n, ids, others, judges=True, budgets=[], places=places, collective=[])
        self.result.seconds["setup"] = time.monotonic() - t0
        done = 0
        while done < prisoners:
            size = min(BATCH, prisoners - done)
            self._write_persons(
                size,
                ids,
                others,
                judges=False,
                budgets=budgets[done : done + size],
                places=places,
                collective=collective,
                courts=courts,
                judge_ids=judge_ids,
                children=children,
            )
            done += size
            self.progress(f"{done + judges_n} persons, {self.result.events} events ({time.monotonic() - t0:.0f} s)")
        for event_id, count in children.items():
            extra = self.rng.randint(0, 20)
            Event.objects.filter(pk=event_id).update(count=count + extra, foreign_nationals=min(extra, 5) or None)
        self.writer.reset_sequences(
            [
                Person,
                NameVariant,
                NameKey,
                ExternalId,
                Occupation,
                Membership,
                Event,
                Involvement,
                CriminalCase,
                Claim,
                TermChange,
            ]
        )
        self.result.seconds["rows"] = time.monotonic() - t0 - self.result.seconds["setup"]
        t1 = time.monotonic()
        self.result.spans = rebuild_all_spans()
        self.result.seconds["spans"] = time.monotonic() - t1
        t2 = time.monotonic()
        from letapis.following.refresh import rebuild_all_follow_ups  # after the spans: same records

        self.result.follow_ups = rebuild_all_follow_ups()
        self.result.seconds["follow_ups"] = time.monotonic() - t2
        record(
            None,
            "synth.generate",
            object_type="registry.synthetic",
            object_id=str(self.seed),
            object_repr=f"synthetic registry, seed {self.seed}",
            after={"persons": self.result.persons, "events": self.result.events, "seed": self.seed},
        )
        self.result.seconds["total"] = time.monotonic() - t0
        return self.result

    def _write_persons(
        self,
        count: int,
        ids: dict[type[models.Model], int],
        organisations: list[int],
        *,
        judges: bool,
        budgets: list[int],
        places: _Places,
        collective: list[tuple[date, str, list[str], int]],
        courts: Sequence[int] = (),
        judge_ids: Sequence[int] = (),
        children: dict[int, int] | None = None,
    ) -> list[int]:
        rng = self.rng
        now = self.writer.now
        persons: list[tuple[Any, ...]] = []
        variants: list[tuple[Any, ...]] = []
        keys: list[tuple[Any, ...]] = []
        external: list[tuple[Any, ...]] = []
        occupations: list[tuple[Any, ...]] = []
        memberships: list[tuple[Any, ...]] = []
        events: list[tuple[Any, ...]] = []
        involvements: list[tuple[Any, ...]] = []
        cases: list[tuple[Any, ...]] = []
        changes: list[tuple[Any, ...]] = []
        lines: list[tuple[str, int, int, str, str]] = []  # (line, person, event, type, confidentiality)
        new_ids: list[int] = []
        for i in range(count):
            pid = ids[Person]
            ids[Person] += 1
            new_ids.append(pid)
            sex = rng.choice("mf")
            given, surname = self._name(sex)
            native = f"{given} {surname}"
            r = rng.random()
            level = "public" if judges or r < 0.85 else "internal" if r < 0.97 else "confidential"
            publishable = level == "public" and (judges or rng.random() < 0.9)
            r = rng.random()  # a full birth date for some (the birthdays watch list), a year for others
            birth = "" if r >= 0.7 else f"{rng.randint(1940, 2004)}"
            if r < 0.4:
                birth += f"-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            persons.append(
                (
                    pid,
                    native,
                    sort_key(native)[:400],
                    "male" if sex == "m" else "female",
                    birth,
                    '["BY"]',
                    level,
                    publishable,
                    1,
                    now,
                    now,
                )
            )
            for text, form, primary in self._variants(given, surname):
                text, script, language, search, name_keys = _facts(text, form)
                vid = ids[NameVariant]
                ids[NameVariant] += 1
                variants.append((vid, pid, text, script, language, form, primary, search, level))
                keys.extend((vid, pid, k) for k in name_keys)
            external.append((pid, SCHEME, str(pid), level))
            codes = ["judge"] if judges else sorted(set(rng.sample(_OCCUPATIONS, rng.choice([1, 1, 1, 2, 2, 3]))))
            occupations.extend((pid, code, "public") for code in codes)
            if not judges and rng.random() < 0.35:
                for org in rng.sample(organisations, rng.choice([1, 1, 2])):
                    start = str(rng.randint(1995, 2022))
                    memberships.append((pid, org, rng.choice(_ROLES), start, "", "public"))
            if judges:
                continue
            case_id = None  # the case of the latest sentence (a term change belongs to it)
            for kind, day, sequence, place, extra in self._career(budgets[i], places, collective):
                eid = ids[Event]
                ids[Event] += 1
                text, earliest, latest = self._date_text(kind, day)
                parent = None
                destinations = "[]"
                if kind in (EventType.PARDON, EventType.RELEASE, EventType.EXPULSION) and extra is not None:
                    parent, dest = extra
                    destinations = json.dumps(dest)
                    assert children is not None
                    children[parent] += 1
                r = rng.random()
                elevel = "public" if r < 0.95 else "internal" if r < 0.99 else "confidential"
                description = f"Synthetic {kind.replace('_', ' ')} (invented)."
                events.append(
                    (eid, kind, text, earliest, latest, sequence, place, description, None, None, destinations,
                     kind == EventType.EXPULSION, parent, elevel, 1, now)
                )  # fmt: skip
                involvements.append((eid, pid, InvolvementRole.VICTIM.value, "public"))
                if kind == EventType.SENTENCE:
                    months, regime, articles = extra
                    judge = rng.choice(judge_ids)
                    involvements.append((eid, judge, InvolvementRole.JUDGE.value, "public"))
                    case_id = ids[CriminalCase]
                    ids[CriminalCase] += 1
                    cases.append(
                        (case_id, pid, json.dumps(articles), f"SYN-{eid}", rng.choice(courts), judge, regime, months,
                         text, eid, "public")
                    )  # fmt: skip
                elif kind == EventType.NEW_CHARGE_IN_CUSTODY and extra is not None and case_id is not None:
                    changes.append((case_id, "added", extra, 0, text, eid, elevel))
                if kind in _VERBS:
                    where = f" ({places.names[place]})" if place is not None else ""
                    lines.append((f"{native} {_VERBS[kind]}: {text}{where}.", pid, eid, kind, elevel))
        w = self.writer
        w.insert(
            Person,
            ["id", "display_name", "name_key", "gender", "birth_date", "nationalities", "confidentiality",
             "publishable", "version", "created_at", "updated_at"],
            persons,
        )  # fmt: skip
        w.insert(
            NameVariant,
            ["id", "person", "text", "script", "language", "form", "is_primary", "search_text", "confidentiality"],
            variants,
        )
        w.insert(NameKey, ["variant", "person", "key"], keys)
        w.insert(ExternalId, ["person", "scheme", "value", "confidentiality"], external)
        w.insert(Occupation, ["person", "code", "confidentiality"], occupations)
        w.insert(Membership, ["person", "organisation", "role", "start", "end", "confidentiality"], memberships)
        w.insert(
            Event,
            ["id", "type", "date", "date_earliest", "date_latest", "sequence", "place", "description", "count",
             "foreign_nationals", "destinations", "forced_exile", "parent", "confidentiality", "version", "created_at"],
            events,
        )  # fmt: skip
        w.insert(Involvement, ["event", "person", "role", "confidentiality"], involvements)
        w.insert(
            CriminalCase,
            ["id", "person", "articles", "case_number", "court", "judge", "sentence_kind", "sentence_months",
             "sentence_date", "sentence_event", "confidentiality"],
            cases,
        )  # fmt: skip
        w.insert(TermChange, ["case", "kind", "months", "days", "date", "event", "confidentiality"], changes)
        self._write_claims(lines)
        res = self.result
        res.persons += count
        res.events += len(events)
        res.involvements += len(involvements)
        res.names += len(variants)
        res.name_keys += len(keys)
        res.cases += len(cases)
        res.term_changes += len(changes)
        return new_ids

    def _write_claims(self, lines: list[tuple[str, int, int, str, str]]) -> None:
        """A synthetic source for every :data:`LINES_PER_SOURCE` lines, an accepted claim per line."""
        now = self.writer.now
        claims: list[tuple[Any, ...]] = []
        for start in range(0, len(lines), LINES_PER_SOURCE):
            chunk = lines[start : start + LINES_PER_SOURCE]
            self.source_no += 1
            header = (
                f"Synthetic bulletin {self.source_no} — generated by letapis dev synth (seed {self.seed}). "
                "Every name and fact below is invented.\n"
            )
            offsets: list[tuple[int, int]] = []
            text = header
            parts = [header]
            pos = len(header)
            for line, *_ in chunk:
                offsets.append((pos, pos + len(line)))
                parts.append(line + "\n")
                pos += len(line) + 1
            text = "".join(parts)
            source, _ = services.do_create_source(
                None,
                data=text.encode("utf-8"),
                filename=f"synthetic-bulletin-{self.source_no}.txt",
                text=text,
                title=f"Synthetic bulletin {self.source_no}",
                publisher=PUBLISHER,
                language="en",
                reliability="low",
                confidentiality="public",
            )
            self.result.sources += 1
            for (line, pid, eid, kind, level), (a, b) in zip(chunk, offsets, strict=True):
                value = json.dumps({"type": kind, "person_id": pid})
                claims.append(
                    (source.pk, ClaimKind.EVENT.value, value, a, b, line, "synthetic", 1.0, ClaimState.ACCEPTED.value,
                     now, level, pid, eid, "registry.event", eid, 1, now)
                )  # fmt: skip
        self.writer.insert(
            Claim,
            ["source", "kind", "value", "span_start", "span_end", "quote", "proposer", "confidence", "state",
             "reviewed_at", "confidentiality", "person", "event", "record_type", "record_id", "version", "created_at"],
            claims,
        )  # fmt: skip
        self.result.claims += len(claims)


def generate(
    persons: int, events: int, *, seed: int = 1, force: bool = False, progress: Callable[[str], None] | None = None
) -> SynthResult:
    """Generate a synthetic registry of ``persons`` persons and about ``events`` events, in one
    transaction; refuses a registry that holds persons unless ``force``."""
    if persons < 1:
        raise SynthError("--persons must be at least 1")
    if events < 0:
        raise SynthError("--events cannot be negative")
    with transaction.atomic():
        _check_empty(force)
        return _Generator(persons, events, seed, progress or (lambda _: None)).run()
