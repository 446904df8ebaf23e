"""Criminal cases: articles, court, judge and sentence."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from letapis.accounts.actor import Actor
from letapis.audit.log import record, snapshot
from letapis.registry.models import CriminalCase, Event, Organisation, Person
from letapis.registry.services.common import ServiceError, check_code, checked_text, level_of, partial_date


@transaction.atomic
def do_create_criminal_case(
    actor: Actor,
    person: Person,
    *,
    articles: Iterable[str] = (),
    case_number: str = "",
    court: Organisation | None = None,
    judge: Person | None = None,
    sentence_kind: str = "",
    sentence_months: int | None = None,
    sentence_date: str = "",
    sentence_event: Event | None = None,
    confidentiality: str | None = None,
) -> CriminalCase:
    """Add a criminal case (its level defaults to the person's)."""
    article_list = [a.strip() for a in articles if a.strip() != ""]
    checked_text(case_number, "a case number", 100)
    for article in article_list:
        check_code("criminal_code_articles", article.split(".")[0], "Criminal Code article")
    if sentence_kind != "":
        check_code("sentence_regimes", sentence_kind, "sentence regime")
    if sentence_months is not None and not 0 < sentence_months <= 12 * 30:
        raise ServiceError("a sentence is given in months, between 1 and 360")
    partial_date(sentence_date)
    case = CriminalCase.objects.create(
        person=person,
        articles=article_list,
        case_number=case_number,
        court=court,
        judge=judge,
        sentence_kind=sentence_kind,
        sentence_months=sentence_months,
        sentence_date=sentence_date,
        sentence_event=sentence_event,
        confidentiality=level_of(person, confidentiality),
    )
    record(actor, "criminal_case.create", case, after=snapshot(case))
    return case
