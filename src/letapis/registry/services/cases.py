"""Criminal cases: articles, court, judge, sentence (term and regime), dates of the verdict and
of the appeal — created and changed here only, each change with its audit entry and, when the
caller names one, the source (and quote) that says so, recorded as an accepted claim."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from letapis import access
from letapis.accounts.actor import Actor
from letapis.audit.log import record, snapshot
from letapis.registry.models import ClaimKind, ClaimState, CriminalCase, Event, Organisation, Person, Source
from letapis.registry.services.claims import do_record_claim
from letapis.registry.services.common import (
    ServiceError,
    check_code,
    check_confidentiality,
    check_level_change,
    checked_text,
    level_of,
    partial_date,
)
from letapis.registry.services.organisations import do_create_organisation

#: The fields of a case :func:`do_update_criminal_case` changes (``court_name``: the court by
#: its name, found or created by :func:`court_named`; ``""``: none).
CASE_EDITABLE = (
    "articles",
    "case_number",
    "court",
    "court_name",
    "judge",
    "judge_name",
    "sentence_kind",
    "sentence_months",
    "sentence_date",
    "appeal_date",
    "sentence_event",
    "confidentiality",
)

#: The longest term a case may give, in months (the Criminal Code's longest fixed term is 25
#: years; 30 leaves room for cumulative sentences).
MAX_TERM_MONTHS = 12 * 30

# "342", "342 part 1", "342.1", "361-1", "361-1 part 2", "361¹": the article, then its part
_ARTICLE = re.compile(r"^(?P<code>\d{1,3}(?:-\d)?)(?:(?:\.| (?:part|ч\.?|частка|часть) ?)(?P<part>\d{1,2}))?$")


def article_code(text: str) -> str:
    """The vocabulary code of an article as stored (``"342 part 1"`` → ``"342"``)."""
    found = _ARTICLE.match(" ".join(text.split()).replace("¹", "-1").replace("²", "-2"))
    return text.strip() if found is None else found.group("code")


#: How an article's part is written in each language: "342 part 1", "342 ч. 1".
PART_WORDS = {"en": "part", "be": "ч.", "ru": "ч."}


def article_text(article: str, lang: str) -> str:
    """An article as stored ("342 part 1") written in ``lang`` ("342 ч. 1")."""
    found = _ARTICLE.match(article)
    if found is None or found.group("part") is None:
        return article
    return f"{found.group('code')} {PART_WORDS.get(lang, 'part')} {found.group('part')}"


def checked_articles(articles: Iterable[str]) -> list[str]:
    """``articles`` cleaned (white space, ``361¹`` as ``361-1``, a part as ``"342 part 1"``),
    each checked against the Criminal Code articles vocabulary, without repeats."""
    out: list[str] = []
    for raw in articles:
        text = " ".join(raw.split()).replace("¹", "-1").replace("²", "-2")
        if text == "":
            continue
        found = _ARTICLE.match(text)
        if found is None:
            raise ServiceError(f"{raw!r} is not a Criminal Code article: write it as 342, 361-1 or 342 part 1")
        code, part = found.group("code"), found.group("part")
        check_code("criminal_code_articles", code, "Criminal Code article")
        clean = code if part is None else f"{code} part {part}"
        if clean not in out:
            out.append(clean)
    return out


def _check_term(months: int | None) -> int | None:
    if months is not None and not 0 < months <= MAX_TERM_MONTHS:
        raise ServiceError(f"a term is given in months, between 1 and {MAX_TERM_MONTHS}")
    return months


def court_named(actor: Actor, name: str, *, confidentiality: str) -> tuple[Organisation, bool]:
    """The court called ``name`` (or with it as an alias) among the organisations ``actor`` may
    see, else a new organisation of kind ``court`` at ``confidentiality``; and whether it is
    new. A name taken by an organisation ``actor`` may not see is refused without saying so."""
    clean = " ".join(name.split())
    if clean == "":
        raise ServiceError("a court needs a name")
    checked_text(clean, "a court's name", 300)
    levels = access.EVERYTHING if actor is None else access.levels_for(actor)
    sight = Organisation.objects.filter(confidentiality__in=levels)
    found = sight.filter(name__iexact=clean).first()
    if found is not None:
        return found, False
    folded = clean.casefold()
    for organisation in sight.filter(kind="court"):  # courts are few; aliases are a JSON list
        if any(folded == alias.casefold() for alias in organisation.aliases):
            return organisation, False
    if Organisation.objects.filter(name__iexact=clean).exists():
        raise ServiceError(f"no court named {clean!r} that you may use: ask someone with the grant")
    return do_create_organisation(actor, clean, kind="court", confidentiality=confidentiality), True


def _cite(actor: Actor, case: CriminalCase, source: Source | None, quote: str, value: dict[str, Any]) -> None:
    """Record ``source`` (one ``actor`` may see) as saying ``value`` of ``case``: an accepted
    claim, as the review leaves one, so the case lists it among its sources."""
    if source is None:
        if quote.strip() != "":
            raise ServiceError("a quote needs its source")
        return
    if actor is not None and not access.visible_sources(actor).filter(pk=source.pk).exists():
        raise ServiceError(f"no source {source.pk}")
    do_record_claim(
        actor,
        source,
        kind=ClaimKind.CRIMINAL_CASE,
        value=value,
        quote=quote.strip(),
        state=ClaimState.ACCEPTED,
        person=case.person,
        event=case.sentence_event,
        supports=case,
        confidentiality=access.strictest(source.confidentiality, case.confidentiality),
    )


def case_value(case: CriminalCase) -> dict[str, Any]:
    """What a case says, as the value of a ``criminal_case`` claim (:class:`letapis.claims.CaseValue`)."""
    value: dict[str, Any] = {
        "articles": list(case.articles),
        "court": "" if case.court is None else case.court.name,
        "judge": case.judge.display_name if case.judge is not None else case.judge_name,
        "term_months": case.sentence_months,
        "regime": case.sentence_kind,
        "date": case.sentence_date,
        "appeal_date": case.appeal_date,
        "case_number": case.case_number,
    }
    return {key: item for key, item in value.items() if item not in (None, "", [])}


@transaction.atomic
def do_create_criminal_case(
    actor: Actor,
    person: Person,
    *,
    articles: Iterable[str] = (),
    case_number: str = "",
    court: Organisation | None = None,
    court_name: str = "",
    judge: Person | None = None,
    judge_name: str = "",
    sentence_kind: str = "",
    sentence_months: int | None = None,
    sentence_date: str = "",
    appeal_date: str = "",
    sentence_event: Event | None = None,
    confidentiality: str | None = None,
    source: Source | None = None,
    quote: str = "",
) -> CriminalCase:
    """Add a criminal case (its level defaults to the person's); ``court_name`` names its court
    when ``court`` is not given (:func:`court_named`); ``source`` and ``quote``, when given,
    cite what says so."""
    article_list = checked_articles(articles)
    checked_text(case_number, "a case number", 100)
    checked_text(judge_name, "a judge's name", 300)
    if sentence_kind != "":
        check_code("sentence_regimes", sentence_kind, "sentence regime")
    _check_term(sentence_months)
    partial_date(sentence_date)
    partial_date(appeal_date)
    level = level_of(person, confidentiality)
    if court is None and court_name.strip() != "":
        court, _ = court_named(actor, court_name, confidentiality=level)
    case = CriminalCase.objects.create(
        person=person,
        articles=article_list,
        case_number=case_number,
        court=court,
        judge=judge,
        judge_name=" ".join(judge_name.split()),
        sentence_kind=sentence_kind,
        sentence_months=sentence_months,
        sentence_date=sentence_date.strip(),
        appeal_date=appeal_date.strip(),
        sentence_event=sentence_event,
        confidentiality=level,
    )
    record(actor, "criminal_case.create", case, after=snapshot(case))
    _cite(actor, case, source, quote, case_value(case))
    return case


@transaction.atomic
def do_update_criminal_case(
    actor: Actor, case: CriminalCase, *, source: Source | None = None, quote: str = "", **changes: Any
) -> CriminalCase:
    """Change fields of :data:`CASE_EDITABLE` of ``case``; ``source`` and ``quote``, when given,
    cite what says so (the claim holds the fields changed). The case's row is locked for the
    change, so two editors' changes apply one after the other."""
    unknown = set(changes).difference(CASE_EDITABLE)
    if unknown:
        raise ServiceError(f"cannot change {', '.join(sorted(unknown))} of a criminal case here")
    current = CriminalCase.objects.select_for_update().get(pk=case.pk)
    if "court_name" in changes:
        name = changes.pop("court_name")
        level = changes.get("confidentiality", current.confidentiality)
        changes["court"] = None if name.strip() == "" else court_named(actor, name, confidentiality=level)[0]
    if "articles" in changes:
        changes["articles"] = checked_articles(changes["articles"])
    if "case_number" in changes:
        checked_text(changes["case_number"], "a case number", 100)
    if "judge_name" in changes:
        changes["judge_name"] = " ".join(checked_text(changes["judge_name"], "a judge's name", 300).split())
    if changes.get("sentence_kind", "") != "":
        check_code("sentence_regimes", changes["sentence_kind"], "sentence regime")
    if "sentence_months" in changes:
        _check_term(changes["sentence_months"])
    for field in ("sentence_date", "appeal_date"):
        if field in changes:
            changes[field] = changes[field].strip()
            partial_date(changes[field])
    if "confidentiality" in changes:
        check_confidentiality(changes["confidentiality"])
        check_level_change(actor, f"criminal case {case.pk}", current.confidentiality, changes["confidentiality"])
    changed = {field: value for field, value in changes.items() if getattr(current, field) != value}
    if not changed and source is None:
        return current
    before = snapshot(current)
    for field, value in changed.items():
        setattr(current, field, value)
    if changed:
        current.save(update_fields=list(changed))
        record(actor, "criminal_case.update", current, before=before, after=snapshot(current))
    _cite(actor, current, source, quote, case_value(current))
    return current
