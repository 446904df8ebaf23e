"""The value of each kind of claim, typed: what the extractor proposes, a reviewer edits and the
registry applies.

A claim's value is stored as a JSON object (``Claim.value``); values come from the extractor,
from reviewers' edits, from the API and from imports, so a stored value may lack a field or hold
one of the wrong type. :func:`parse_value` is the one place that reads such an object into the
dataclass of its kind: a missing, empty or mistyped field becomes the field's default, never an
error here (the service that applies the claim says what is missing). ``to_json()`` gives the
object stored for a value built here (a proposal), with the keys the registry and the API have
always seen.

This module knows no Django: the extractor's side (:mod:`letapis.review.proposals`), the review
services and the pages all share it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Literal, Protocol, Self

__all__ = [
    "DEPENDENT_KINDS",
    "AboutPerson",
    "Candidate",
    "CaseValue",
    "ClaimValue",
    "EventValue",
    "HonourValue",
    "JSONObject",
    "MembershipValue",
    "OccupationValue",
    "PersonValue",
    "StatusValue",
    "TypedKind",
    "StoredClaim",
    "candidate_id",
    "claim_value",
    "clean_name",
    "parse_value",
]

#: A claim's value as stored: a JSON object.
JSONObject = dict[str, object]

#: The kinds of claim with a typed value (the others keep their JSON object as given).
TypedKind = Literal["person", "occupation", "membership", "honour", "status", "event", "criminal_case"]

#: The kinds of claim that are about a person named by another claim of the same source.
DEPENDENT_KINDS: tuple[TypedKind, ...] = ("occupation", "membership", "honour", "status", "criminal_case")


def _text(raw: object) -> str:
    """A text field: ``""`` for a missing or empty one, else its text."""
    return str(raw) if raw else ""


def _optional_text(raw: object) -> str | None:
    return None if raw in (None, "") else str(raw)


def _int(raw: object) -> int | None:
    return raw if isinstance(raw, int) else None


def _texts(raw: object) -> tuple[str, ...]:
    return tuple(str(item) for item in raw) if isinstance(raw, list | tuple) else ()


def clean_name(text: str) -> str:
    """``text`` with its runs of white space made one space, and trimmed."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Candidate:
    """A registry person the extractor found a person claim's name may be: stored as
    ``[person_id, score, reason]`` (or, in older values, a mapping with those keys)."""

    person_id: int
    score: float
    reason: str

    def to_json(self) -> list[object]:
        return [self.person_id, self.score, self.reason]


def candidate_id(item: object) -> int | None:
    """The person id of a stored candidate, in either of its shapes; ``None`` for anything else."""
    if isinstance(item, Mapping):
        found = item.get("person_id")
    elif isinstance(item, list | tuple) and item:
        found = item[0]
    else:
        return None
    return found if isinstance(found, int) else None


def stored_candidates(raw: object) -> tuple[Candidate, ...]:
    """The stored candidates that name a person and a score (``[id, score, reason]`` or a
    mapping); any other item is left out."""
    found: list[Candidate] = []
    for item in raw if isinstance(raw, list | tuple) else ():
        if isinstance(item, Mapping):
            person_id, score, reason = item.get("person_id"), item.get("score"), item.get("reason")
        elif isinstance(item, list | tuple) and len(item) == 3:
            person_id, score, reason = item
        else:
            continue
        if isinstance(person_id, int) and isinstance(score, int | float):
            found.append(Candidate(person_id, float(score), _text(reason)))
    return tuple(found)


def _object(raw: object) -> Mapping[str, object]:
    return raw if isinstance(raw, Mapping) else {}


@dataclass(frozen=True, kw_only=True)
class PersonValue:
    """A person named in a source: the name as written, its Łacinka form, the other forms, and
    what the extractor matched in the registry (``candidate``, the best; ``candidates``)."""

    name: str = ""
    name_latin: str = ""
    names: tuple[str, ...] = ()
    candidate: int | None = None
    status: str | None = None
    candidates: tuple[Candidate, ...] = ()

    def forms(self) -> list[str]:
        """The distinct non-empty name forms, the name as written first."""
        forms: list[str] = []
        for text in (self.name, self.name_latin, *self.names):
            cleaned = clean_name(text)
            if cleaned != "" and cleaned not in forms:
                forms.append(cleaned)
        return forms

    @classmethod
    def from_json(cls, raw: object) -> Self:
        value = _object(raw)
        names = value.get("names")
        return cls(
            name=_text(value.get("name")),
            name_latin=_text(value.get("name_latin")),
            names=tuple(n for n in names if isinstance(n, str)) if isinstance(names, list | tuple) else (),
            candidate=_int(value.get("candidate")),
            status=_optional_text(value.get("status")),
            candidates=stored_candidates(value.get("candidates")),
        )

    def to_json(self) -> JSONObject:
        value: JSONObject = {
            "name": self.name,
            "name_latin": self.name_latin,
            "names": list(self.names),
            "candidate": self.candidate,
            "status": self.status,
        }
        if self.candidates:
            value["candidates"] = [c.to_json() for c in self.candidates]
        return value


@dataclass(frozen=True, kw_only=True)
class AboutPerson:
    """What every claim about a person holds: the name as the source wrote it, and the person
    claim of the same source that names them (its id), when there is one."""

    person_name: str = ""
    person_claim: int | None = None

    @classmethod
    def from_json(cls, raw: object) -> Self:
        """Its own fields are text: ``""`` when missing (``None`` for one whose default is ``None``)."""
        value = _object(raw)
        own = {
            f.name: _optional_text(value.get(f.name)) if f.default is None else _text(value.get(f.name))
            for f in fields(cls)
            if f.name not in _ABOUT_FIELDS
        }
        return cls(person_name=_text(value.get("person_name")), person_claim=_int(value.get("person_claim")), **own)

    def to_json(self) -> JSONObject:
        value: JSONObject = {"person_name": self.person_name}
        if self.person_claim is not None:
            value["person_claim"] = self.person_claim
        return value | {f.name: getattr(self, f.name) for f in fields(self) if f.name not in _ABOUT_FIELDS}


_ABOUT_FIELDS = frozenset({"person_name", "person_claim"})


@dataclass(frozen=True, kw_only=True)
class OccupationValue(AboutPerson):
    """``occupation``: a code of the occupations vocabulary when the label is known there;
    ``label``: the words of the source."""

    occupation: str = ""
    label: str = ""


@dataclass(frozen=True, kw_only=True)
class MembershipValue(AboutPerson):
    """``organisation``: its name as written; ``role``: a membership role code (or label)."""

    organisation: str = ""
    role: str = ""


@dataclass(frozen=True, kw_only=True)
class HonourValue(AboutPerson):
    """``honour``: a code of the honours vocabulary, or ``""``; ``text``: the words of the source."""

    honour: str = ""
    text: str = ""


@dataclass(frozen=True, kw_only=True)
class StatusValue(AboutPerson):
    """A person's status (``held``, ``released``…) on ``date`` (ISO; ``None``: the source's date)."""

    status: str = ""
    date: str | None = None


@dataclass(frozen=True, kw_only=True)
class EventValue:
    """An event a source reports: its type (a code of the event types), its date (EDTF), the
    counts of a collective one, and the persons it names, as written. A verdict's value may
    also say what :class:`CaseValue` says (its term, article, regime, court, judge): accepting
    it for one person records their case from it."""

    type: str = ""
    date: str | None = None
    count: int | None = None
    foreign_nationals: int | None = None
    destinations: tuple[str, ...] = ()
    forced_exile: bool = False
    persons: tuple[str, ...] = ()
    term_months: int | None = None
    article: str | None = None
    regime: str | None = None
    place: str | None = None

    @classmethod
    def from_json(cls, raw: object) -> Self:
        value = _object(raw)
        return cls(
            type=_text(value.get("type")),
            date=_optional_text(value.get("date")),
            count=_int(value.get("count")),
            foreign_nationals=_int(value.get("foreign_nationals")),
            destinations=_texts(value.get("destinations")),
            forced_exile=bool(value.get("forced_exile", False)),
            persons=_texts(value.get("persons")),
            term_months=_int(value.get("term_months")),
            article=_optional_text(value.get("article")),
            regime=_optional_text(value.get("regime")),
            place=_optional_text(value.get("place")),
        )

    def to_json(self) -> JSONObject:
        """The fields that say something (an empty or missing one is left out)."""
        fields: JSONObject = {
            "type": self.type,
            "date": self.date,
            "count": self.count,
            "foreign_nationals": self.foreign_nationals,
            "destinations": list(self.destinations),
            "forced_exile": self.forced_exile,
            "persons": list(self.persons),
            "term_months": self.term_months,
            "article": self.article,
            "regime": self.regime,
            "place": self.place,
        }
        return {key: item for key, item in fields.items() if item not in (None, [], "")}


@dataclass(frozen=True, kw_only=True)
class CaseValue(AboutPerson):
    """A person's criminal case (``criminal_case``): the Criminal Code ``articles`` ("342 part 1",
    "361-1"), the ``court`` and the ``judge`` as written, the term in months (``term_months``;
    older values say ``months``), the ``regime`` (a code of the sentence regimes), the dates
    (EDTF) of the verdict (``date``) and of the appeal (``appeal_date``), the ``case_number``.
    A value with ``term_change`` is a later change of the term (the demo's), not a case."""

    articles: tuple[str, ...] = ()
    court: str = ""
    judge: str = ""
    term_months: int | None = None
    regime: str = ""
    date: str | None = None
    appeal_date: str | None = None
    case_number: str = ""
    term_change: str = ""

    @classmethod
    def from_json(cls, raw: object) -> Self:
        value = _object(raw)
        articles = value.get("articles")
        one = value.get("article")  # a sentence event's single article
        months = _int(value.get("term_months"))
        return cls(
            person_name=_text(value.get("person_name")),
            person_claim=_int(value.get("person_claim")),
            articles=_texts(articles) if isinstance(articles, list | tuple) else (() if not one else (str(one),)),
            court=_text(value.get("court")),
            judge=_text(value.get("judge")),
            term_months=_int(value.get("months")) if months is None else months,
            regime=_text(value.get("regime")),
            date=_optional_text(value.get("date")),
            appeal_date=_optional_text(value.get("appeal_date")),
            case_number=_text(value.get("case_number")),
            term_change=_text(value.get("term_change")),
        )

    def to_json(self) -> JSONObject:
        """The fields that say something (an empty or missing one is left out)."""
        said = {f.name: getattr(self, f.name) for f in fields(self)}
        return {k: list(v) if isinstance(v, tuple) else v for k, v in said.items() if v not in (None, (), "")}


ClaimValue = PersonValue | OccupationValue | MembershipValue | HonourValue | StatusValue | EventValue | CaseValue

_PARSERS: dict[str, Callable[[object], ClaimValue]] = {
    "person": PersonValue.from_json,
    "occupation": OccupationValue.from_json,
    "membership": MembershipValue.from_json,
    "honour": HonourValue.from_json,
    "status": StatusValue.from_json,
    "event": EventValue.from_json,
    "criminal_case": CaseValue.from_json,
}


def parse_value(kind: str, raw: object) -> ClaimValue | None:
    """The typed value of a claim of ``kind`` stored as ``raw``; ``None`` for a kind without a
    typed value (``name``, ``attribute``…). Never raises: see the module's docstring."""
    parser = _PARSERS.get(kind)
    return None if parser is None else parser(raw)


class StoredClaim(Protocol):
    """A stored claim (``letapis.registry.models.Claim``), as far as its value is concerned."""

    @property
    def kind(self) -> str: ...

    @property
    def value(self) -> object: ...


def claim_value[V: AboutPerson | PersonValue | EventValue](claim: StoredClaim, cls: type[V]) -> V:
    """The typed value of ``claim``, which its kind makes a ``cls`` (the services that apply a
    claim are chosen by its kind); a :class:`TypeError` when it is not."""
    parsed = parse_value(claim.kind, claim.value)
    if not isinstance(parsed, cls):
        raise TypeError(f"a {claim.kind} claim has no {cls.__name__}")
    return parsed
