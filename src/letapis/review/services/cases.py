"""Accepting what a claim says of a criminal case: a ``criminal_case`` claim, or the case part of
a sentence event claim (its term, article, regime, court and judge). The case is the person's
case of that sentence when the registry has one (what it lacks is filled in), else a new one."""

from __future__ import annotations

from typing import Any

from letapis import access, claims
from letapis.accounts.actor import Actor
from letapis.registry import services as registry
from letapis.registry.models import Claim, CriminalCase, Event, Involvement, Person
from letapis.registry.services import ServiceError
from letapis.review.proposals import EXTRACTED_REGIMES
from letapis.review.services.common import Created, fact_level, levels_of
from letapis.vocab import vocabulary
from letapis.vocab.codes import EventType

#: The event types that are a verdict: accepting one for a person gives them a case.
VERDICT_TYPES = (EventType.SENTENCE, EventType.SENTENCE_IN_ABSENTIA)


def _regime(claim: Claim, text: str) -> str:
    """The regime code ``text`` means (a code or a form of the sentence regimes), or ``""``."""
    if text.strip() == "":
        return ""
    regimes = vocabulary("sentence_regimes")
    term = regimes.get(EXTRACTED_REGIMES.get(text, text)) or regimes.lookup(text)
    if term is None:
        raise ServiceError(f"claim {claim.pk}: {text!r} is not a sentence regime: edit the claim")
    return term.code


def _verdict_of(actor: Actor, person: Person, day: str | None) -> Event | None:
    """The person's verdict event of ``day`` among those ``actor`` may see (``None`` without a day)."""
    if day is None or day.strip() == "":
        return None
    found = (
        Involvement.objects.filter(
            person=person,
            event__type__in=VERDICT_TYPES,
            event__date=day.strip(),
            event__confidentiality__in=levels_of(actor),
            confidentiality__in=levels_of(actor),
        )
        .select_related("event")
        .order_by("event_id")
        .first()
    )
    return None if found is None else found.event


def _existing_case(actor: Actor, person: Person, event: Event | None, day: str | None) -> CriminalCase | None:
    """The person's case (one ``actor`` may see) of the verdict ``event``, else of the verdict
    dated ``day``, else (neither given) their only case."""
    sight = CriminalCase.objects.filter(person=person, confidentiality__in=levels_of(actor)).order_by("id")
    if event is not None:
        found = sight.filter(sentence_event=event).first()
        if found is not None:
            return found
    if day is not None and day.strip() != "":
        return sight.filter(sentence_date=day.strip()).first()
    if event is not None:
        return None
    only = list(sight[:2])
    return only[0] if len(only) == 1 else None  # an undated case claim: the person's one case, if one


def record_case(
    actor: Actor,
    claim: Claim,
    person: Person,
    value: claims.CaseValue,
    created: Created,
    *,
    event: Event | None = None,
) -> CriminalCase:
    """The case ``value`` describes of ``person`` (one ``actor`` may see), found or created at
    the claim's level; an existing case gets the fields it lacks, never loses one it has."""
    level = fact_level(claim)
    regime = _regime(claim, value.regime)
    articles = registry.checked_articles(value.articles)
    event = event or _verdict_of(actor, person, value.date)
    day = value.date if value.date is not None else ("" if event is None else event.date)
    court = None
    if value.court.strip() != "":
        court, new = registry.court_named(actor, value.court, confidentiality=level)
        if new:
            created.add(court)
    case = _existing_case(actor, person, event, day)
    if case is None:
        case = registry.do_create_criminal_case(
            actor,
            person,
            articles=articles,
            case_number=value.case_number,
            court=court,
            judge_name=value.judge,
            sentence_kind=regime,
            sentence_months=value.term_months,
            sentence_date=day,
            appeal_date=value.appeal_date or "",
            sentence_event=event,
            confidentiality=access.strictest(level, person.confidentiality),
        )
        created.add(case)
        return case
    lacking: dict[str, Any] = {}
    wanted: dict[str, Any] = {
        "case_number": value.case_number,
        "court": court,
        "judge_name": value.judge if case.judge_id is None else "",
        "sentence_kind": regime,
        "sentence_months": value.term_months,
        "sentence_date": day,
        "appeal_date": value.appeal_date or "",
        "sentence_event": event,
    }
    for field, new in wanted.items():
        if new not in (None, "") and getattr(case, field) in (None, ""):
            lacking[field] = new
    more = [a for a in articles if a not in case.articles]
    if more:
        lacking["articles"] = [*case.articles, *more]
    if lacking:
        registry.do_update_criminal_case(actor, case, **lacking)
        case.refresh_from_db()
    return case
