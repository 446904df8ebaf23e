"""Claims: what a source says, with the quote and the span it says it in."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from letapis.accounts.actor import Actor
from letapis.audit.log import record, snapshot
from letapis.registry.models import Claim, ClaimKind, ClaimState, Event, Person, Source
from letapis.registry.services.common import ServiceError, check_confidentiality, checked_data, checked_text


@transaction.atomic
def do_record_claim(
    actor: Actor,
    source: Source,
    *,
    kind: str,
    value: dict[str, Any],
    quote: str = "",
    span: tuple[int, int] | None = None,
    proposer: str = "",
    confidence: float = 1.0,
    state: str = ClaimState.PROPOSED,
    person: Person | None = None,
    event: Event | None = None,
    supports: Any = None,
    confidentiality: str | None = None,
) -> Claim:
    """Record a claim from a source; ``span`` is found from ``quote`` when not given.

    With ``state="accepted"`` and ``supports`` (the record the claim stands behind) this is how
    facts entered from a known source (demo data, imports) keep their sources.
    """
    if kind not in ClaimKind.values:
        raise ServiceError(f"unknown claim kind {kind!r}")
    checked_data(value, "a claim's value")
    checked_text(quote, "a claim's quote")
    if span is None and quote != "":
        start = source.text.find(quote)
        if start < 0:
            raise ServiceError(f"the quote {quote[:60]!r} is not in source {source.pk}")
        span = (start, start + len(quote))
    if span is not None:
        start, end = span
        if not 0 <= start <= end <= len(source.text):
            raise ServiceError(f"span {span} is outside the source's text")
        quote = source.text[start:end]
    now = timezone.now()
    claim = Claim.objects.create(
        source=source,
        kind=kind,
        value=value,
        span_start=None if span is None else span[0],
        span_end=None if span is None else span[1],
        quote=quote,
        proposer=proposer or (f"user:{actor.get_username()}" if actor is not None else "system"),
        confidence=confidence,
        state=state,
        reviewer=actor if state != ClaimState.PROPOSED and actor is not None and actor.pk is not None else None,
        reviewed_at=now if state != ClaimState.PROPOSED else None,
        confidentiality=check_confidentiality(confidentiality or source.confidentiality),
        person=person,
        event=event,
        record_type="" if supports is None else supports._meta.label_lower,
        record_id=None if supports is None else supports.pk,
    )
    record(actor, "claim.record", claim, after=snapshot(claim))
    return claim
