"""Alerts: a monitor follows a person, a place, an occupation or an organisation, and hears of
every fact about them that a reviewer accepts — in an in-app inbox and, if asked, by email.

:func:`notify_accepted` runs once the transaction that accepted a claim has committed (the
review app's :data:`~letapis.review.signals.claim_accepted` signal, connected in
:mod:`letapis.following.apps`). A claim is *about* a subscription's target when the target is

- ``person``: the claim's person, or a person taking part (as victim) in the claim's event;
- ``place``: the place of the claim's event;
- ``occupation``: an occupation of one of those persons;
- ``organisation``: an organisation one of those persons is a member of, one taking part in the
  claim's event, or the organisation the claim supports.

Each of these links is read with the subscriber's levels (:mod:`letapis.access`), and
the subscriber must see the claim itself (its level, its source's, its person and its event):
a confidential claim, or an ordinary claim reached only through a confidential membership or
place, never reaches a user without the grant — neither an inbox item nor an email. Users of
the same levels see the same links, so the links are read once per tier.

The inbox keeps only references (:class:`~letapis.following.models.InboxItem`); its page and the
API render each item when read, through the access rules of that moment (:func:`inbox_rows`),
so that an item whose claim was since made confidential, or undone, is no longer shown.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from letapis import access
from letapis import claims as claim_values
from letapis.accounts.actor import Actor, Viewer
from letapis.audit.log import record
from letapis.registry.models import (
    Claim,
    ClaimState,
    Involvement,
    InvolvementRole,
    Membership,
    Occupation,
    Organisation,
)
from letapis.registry.services import ServiceError
from letapis.vocab import vocabulary

from .models import InboxItem, Subscription, SubscriptionTarget

if TYPE_CHECKING:
    from letapis.accounts.models import User

log = logging.getLogger(__name__)

#: Reads every level: the candidate subscriptions of a claim, before each subscriber's levels.
#: A stand-in, not a user (typed Any): the access rule reads its attributes as a user's.
_EVERY_LEVEL: Any = SimpleNamespace(is_authenticated=True, is_active=True, sees_confidential=True)

TARGETS = tuple(SubscriptionTarget.values)


# ---------------------------------------------------------------------------------------------
# Subscriptions


def _signed_in(actor: Actor) -> Any:
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise ServiceError("following needs a signed-in user")
    return actor


def target_label(user: Viewer, target: str, target_id: int | None, target_code: str, lang: str = "en") -> str | None:
    """What a subscription follows, named as ``user`` may see it (``None``: they may not see it)."""
    from letapis import language as lang_
    from letapis.registry.queries import names_in

    if target == SubscriptionTarget.OCCUPATION:
        term = vocabulary("occupations").get(target_code)
        return None if term is None else lang_.vocab_label("occupations", target_code, lang)
    if target_id is None:
        return None
    if target == SubscriptionTarget.PERSON:
        if not access.visible_persons(user).filter(pk=target_id).exists():
            return None
        return names_in([target_id], lang, user)[target_id]
    if target == SubscriptionTarget.PLACE:
        return access.visible_places(user).filter(pk=target_id).values_list("name", flat=True).first()
    if target == SubscriptionTarget.ORGANISATION:
        return access.visible(user, Organisation.objects.filter(pk=target_id)).values_list("name", flat=True).first()
    return None


def _checked_target(actor: Actor, target: str, target_id: int | None, target_code: str) -> tuple[int | None, str]:
    """The target's id and code as stored; refused when ``actor`` may not see it (as if it did
    not exist) or it is not given the way its kind needs."""
    if target not in TARGETS:
        raise ServiceError(f"unknown target {target!r}: use {', '.join(TARGETS)}")
    if target == SubscriptionTarget.OCCUPATION:
        code = (target_code or "").strip()
        if vocabulary("occupations").get(code) is None:
            term = vocabulary("occupations").lookup(code) if code else None
            if term is None:
                raise ServiceError(f"unknown occupation {code!r}: use a code of the occupations vocabulary")
            code = term.code
        return None, code
    if target_id is None:
        raise ServiceError(f"following a {target} needs its id")
    if target_label(actor, target, target_id, "") is None:
        raise ServiceError(f"no {target} {target_id}")
    return int(target_id), ""


def _snapshot(sub: Subscription) -> dict[str, Any]:
    """The audit's view of a subscription; a person or an organisation under the keys the audit
    page hides from those who may not see them."""
    data: dict[str, Any] = {
        "user_id": sub.user_id,
        "target": sub.target,
        "target_id": sub.target_id,
        "target_code": sub.target_code,
        "email": sub.email,
    }
    if sub.target == SubscriptionTarget.PERSON:
        data["person_id"] = sub.target_id
    elif sub.target == SubscriptionTarget.ORGANISATION:
        data["organisation_id"] = sub.target_id
    return data


@transaction.atomic
def do_subscribe(
    actor: Actor,
    target: str,
    *,
    target_id: int | None = None,
    target_code: str = "",
    email: bool = False,
) -> Subscription:
    """Follow ``target`` (a person, place or organisation by id; an occupation by code).
    Following it again changes only whether alerts also come by email."""
    user = _signed_in(actor)
    target_id, target_code = _checked_target(user, target, target_id, target_code)
    sub, created = Subscription.objects.select_for_update().get_or_create(
        user=user, target=target, target_id=target_id, target_code=target_code, defaults={"email": email}
    )
    if created:
        record(user, "subscription.create", sub, after=_snapshot(sub), object_repr=f"{target} alert")
    elif sub.email != email:
        before = _snapshot(sub)
        sub.email = email
        sub.save(update_fields=["email"])
        record(user, "subscription.update", sub, before=before, after=_snapshot(sub), object_repr=f"{target} alert")
    return sub


@transaction.atomic
def do_unsubscribe(
    actor: Actor,
    subscription_id: int | None = None,
    *,
    target: str | None = None,
    target_id: int | None = None,
    target_code: str = "",
) -> bool:
    """Stop following: the actor's subscription ``subscription_id``, or the one of ``target``.
    Another user's subscription is refused as if it did not exist. Their inbox items stay."""
    user = _signed_in(actor)
    mine = Subscription.objects.filter(user=user)
    if subscription_id is not None:
        sub = mine.filter(pk=subscription_id).first()
    elif target is not None:
        sub = mine.filter(target=target, target_id=target_id, target_code=target_code or "").first()
    else:
        raise ServiceError("say which subscription to remove: its id, or its target")
    if sub is None:
        raise ServiceError(f"no subscription {subscription_id if subscription_id is not None else target}")
    record(user, "subscription.delete", sub, before=_snapshot(sub), object_repr=f"{sub.target} alert")
    sub.delete()
    return True


def subscriptions_of(user: User, lang: str = "en") -> list[dict[str, Any]]:
    """The user's subscriptions, each with its target named as the user may see it now."""
    rows = []
    for sub in Subscription.objects.filter(user=user).order_by("target", "id"):
        label = target_label(user, sub.target, sub.target_id, sub.target_code, lang)
        rows.append(
            {
                "id": sub.pk,
                "target": sub.target,
                "target_id": sub.target_id,
                "target_code": sub.target_code,
                "label": label,
                "email": sub.email,
                "created_at": sub.created_at.isoformat(),
            }
        )
    return rows


def is_following(user: User, target: str, target_id: int | None = None, target_code: str = "") -> Subscription | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return Subscription.objects.filter(user=user, target=target, target_id=target_id, target_code=target_code).first()


# ---------------------------------------------------------------------------------------------
# What a claim is about, as one tier sees it


@dataclass(frozen=True)
class About:
    """The targets a claim is about, as one tier sees them, and whether it sees the claim."""

    visible: bool
    targets: frozenset[tuple[str, Any]]


def about(claim: Claim, user: Viewer) -> About:
    """What ``claim`` is about, read with ``user``'s levels (see the module's docstring)."""
    levels = access.levels_for(user)
    visible = user is _EVERY_LEVEL or access.visible_claims(user).filter(pk=claim.pk).exists()
    if not visible:
        return About(False, frozenset())
    targets: set[tuple[str, Any]] = set()
    persons: set[int] = set()
    shown = access.visible_persons(user)
    if claim.person_id is not None and shown.filter(pk=claim.person_id).exists():
        persons.add(claim.person_id)
    record_id = claim.record_id
    if claim.record_type == "registry.person" and record_id is not None and shown.filter(pk=record_id).exists():
        persons.add(int(record_id))
    event = claim.event
    if event is not None and access.visible_events(user).filter(pk=event.pk).exists():
        parties = Involvement.objects.filter(event=event, confidentiality__in=levels)
        victims = parties.filter(access.visible_person_q(user), role=InvolvementRole.VICTIM)
        persons.update(victims.values_list("person_id", flat=True))
        place = access.place_shown(user, event.place)
        if place is not None:
            targets.add((SubscriptionTarget.PLACE, place.pk))
        organisations = parties.filter(organisation__isnull=False, organisation__confidentiality__in=levels)
        targets.update(
            (SubscriptionTarget.ORGANISATION, o) for o in organisations.values_list("organisation_id", flat=True)
        )
    if claim.record_type in ("registry.organisation", "registry.membership") and claim.record_id is not None:
        if claim.record_type == "registry.organisation":
            org = access.visible(user, Organisation.objects.filter(pk=claim.record_id)).first()
        else:
            membership = access.visible(user, Membership.objects.filter(pk=claim.record_id)).first()
            org = None if membership is None else membership.organisation
            if org is not None and org.confidentiality not in levels:
                org = None
        if org is not None:
            targets.add((SubscriptionTarget.ORGANISATION, org.pk))
    targets.update((SubscriptionTarget.PERSON, p) for p in persons)
    occupations = access.visible(user, Occupation.objects.filter(person_id__in=persons))
    targets.update((SubscriptionTarget.OCCUPATION, c) for c in occupations.values_list("code", flat=True))
    memberships = access.visible_memberships(user, Membership.objects.filter(person_id__in=persons))
    targets.update((SubscriptionTarget.ORGANISATION, o) for o in memberships.values_list("organisation_id", flat=True))
    return About(True, frozenset(targets))


def _key(sub: Subscription) -> tuple[str, Any]:
    return (sub.target, sub.target_code if sub.target == SubscriptionTarget.OCCUPATION else sub.target_id)


def _matching(targets: frozenset[tuple[str, Any]]) -> Q:
    condition = Q(pk__in=[])
    by_kind: dict[str, list[Any]] = defaultdict(list)
    for kind, value in targets:
        by_kind[kind].append(value)
    for kind, values in by_kind.items():
        if kind == SubscriptionTarget.OCCUPATION:
            condition |= Q(target=kind, target_code__in=values)
        else:
            condition |= Q(target=kind, target_id__in=values)
    return condition


# ---------------------------------------------------------------------------------------------
# Notify


def notify_accepted(claim: Claim) -> list[InboxItem]:
    """Alert the subscribers a newly accepted ``claim`` is about, each as they may see it: an
    inbox item, and an email when one of their matching subscriptions asks for it."""
    if not Subscription.objects.exists():
        return []
    claim = Claim.objects.select_related("event__place", "source", "person").get(pk=claim.pk)
    if claim.state != ClaimState.ACCEPTED:
        return []
    everything = about(claim, _EVERY_LEVEL)
    if not everything.targets:
        return []
    candidates = list(
        Subscription.objects.filter(_matching(everything.targets), user__is_active=True)
        .select_related("user")
        .order_by("user_id", "id")
    )
    by_tier: dict[tuple[str, ...], About] = {}
    created: list[InboxItem] = []
    subs_of: dict[int, list[Subscription]] = defaultdict(list)
    for sub in candidates:
        subs_of[sub.user_id].append(sub)
    for user_subs in subs_of.values():
        user = user_subs[0].user
        levels = access.levels_for(user)
        if levels not in by_tier:
            by_tier[levels] = about(claim, user)
        seen = by_tier[levels]
        if not seen.visible:
            continue
        matched = [s for s in user_subs if _key(s) in seen.targets]
        if not matched:
            continue
        item, new = InboxItem.objects.get_or_create(user=user, claim=claim, defaults={"subscription": matched[0]})
        if not new:
            continue
        created.append(item)
        if any(s.email for s in matched) and user.email:
            try:
                send_alert_email(item)
            except Exception:  # a mail server down must not lose the inbox item
                log.exception("alert email to user %s about claim %s failed", user.pk, claim.pk)
    return created


def on_claim_accepted(sender: Any, claim: Claim, **kwargs: Any) -> None:
    """The receiver of :data:`letapis.review.signals.claim_accepted`."""
    notify_accepted(claim)


# ---------------------------------------------------------------------------------------------
# Reading the inbox


def inbox_items(user: User) -> QuerySet[InboxItem]:
    """The user's inbox items whose claim they may see now (still accepted), unread first."""
    claims = access.visible_claims(user).filter(state=ClaimState.ACCEPTED)
    return (
        InboxItem.objects.filter(user=user, claim__in=claims)
        .select_related("claim__source", "claim__event__place", "subscription")
        .order_by(F("read_at").asc(nulls_first=True), "-created_at", "-id")
    )


def inbox_rows(user: User, items: list[InboxItem], lang: str = "en") -> list[dict[str, Any]]:
    """Each item as ``user`` may see it now: the claim's kind, quote and source, its person and
    event and the subscription that matched. ``items`` come from :func:`inbox_items`."""
    from letapis import language as lang_
    from letapis.registry.queries import names_in

    person_ids = {i.claim.person_id for i in items if i.claim.person_id is not None}
    names = names_in(person_ids, lang, user) if person_ids else {}
    rows = []
    for item in items:
        claim = item.claim
        event = claim.event
        place = None if event is None else access.place_shown(user, event.place)
        sub = item.subscription
        rows.append(
            {
                "id": item.pk,
                "created_at": item.created_at.isoformat(),
                "read_at": None if item.read_at is None else item.read_at.isoformat(),
                "created": item.created_at.strftime("%Y-%m-%d %H:%M"),
                "claim_id": claim.pk,
                "kind": claim.kind,
                "summary": _summary(claim, lang),
                "quote": claim.quote,
                "source": {
                    "id": claim.source_id,
                    "title": str(claim.source),
                    "date": None if claim.source.date is None else claim.source.date.isoformat(),
                },
                "person": None
                if claim.person_id is None
                else {"id": claim.person_id, "name": names.get(claim.person_id, "")},
                "event": None
                if event is None
                else {
                    "id": event.pk,
                    "type": event.type,
                    "type_label": lang_.vocab_label("event_types", event.type, lang),
                    "date": event.date,
                    "place": None if place is None else {"id": place.pk, "name": place.name},
                },
                "subscription": None
                if sub is None
                else {
                    "id": sub.pk,
                    "target": sub.target,
                    "label": target_label(user, sub.target, sub.target_id, sub.target_code, lang),
                },
            }
        )
    return rows


def _summary(claim: Claim, lang: str) -> str:
    """The fact a claim states, in a few words of ``lang`` (its quote says the rest): an
    occupation, a membership, an honour, a status; "" for the others."""
    from letapis import language as lang_

    match claim_values.parse_value(claim.kind, claim.value):
        case claim_values.OccupationValue(occupation=code, label=words):
            vocab, text = "occupations", code or words
        case claim_values.HonourValue(honour=code):
            vocab, text = "honours", code
        case claim_values.StatusValue(status=status):
            vocab, text = "statuses", status
        case claim_values.MembershipValue(organisation=organisation, role=role) if organisation:
            role = role or "member"
            term = vocabulary("membership_roles").get(role) or vocabulary("membership_roles").lookup(role)
            label = role if term is None else lang_.vocab_label("membership_roles", term.code, lang)
            return f"{organisation} ({label})"
        case _:
            return ""
    term = vocabulary(vocab).get(text) or vocabulary(vocab).lookup(text)
    return text if term is None else lang_.vocab_label(vocab, term.code, lang)


def unread_count(user: User) -> int:
    return inbox_items(user).filter(read_at__isnull=True).count()


@transaction.atomic
def do_mark_read(actor: Actor, item_ids: list[int] | None = None) -> int:
    """Mark the actor's inbox items ``item_ids`` read (all of them when ``None``); returns how many."""
    user = _signed_in(actor)
    items = InboxItem.objects.filter(user=user, read_at__isnull=True)
    if item_ids is not None:
        items = items.filter(pk__in=item_ids)
    ids = list(items.values_list("pk", flat=True))
    if ids:
        InboxItem.objects.filter(pk__in=ids).update(read_at=timezone.now())
        record(
            user,
            "inbox.read",
            object_type="following.inboxitem",
            object_id=",".join(map(str, ids))[:200],
            object_repr=f"{len(ids)} alerts read",
        )
    return len(ids)


# ---------------------------------------------------------------------------------------------
# Email


def send_alert_email(item: InboxItem) -> None:
    """Mail one alert to its user: text and HTML, saying only what that user may see."""
    from django.conf import settings
    from django.core.mail import EmailMultiAlternatives
    from django.template.loader import render_to_string
    from django.utils import translation
    from django.utils.translation import gettext

    from letapis.following.digest import site_url

    user = item.user
    rows = inbox_rows(user, list(inbox_items(user).filter(pk=item.pk)))
    if not rows:
        return  # they may no longer see it
    lang = settings.LANGUAGE_CODE
    with translation.override(lang):
        context = {"row": rows[0], "site": site_url().rstrip("/")}
        subject = gettext("Letapis alert: a new fact about %(what)s") % {
            "what": (rows[0]["subscription"] or {}).get("label") or gettext("what you follow")
        }
        text = render_to_string("following/alert_email.txt", context)
        html = render_to_string("following/alert_email.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [user.email])
    message.attach_alternative(html, "text/html")
    message.send()


__all__ = [
    "About",
    "about",
    "do_mark_read",
    "do_subscribe",
    "do_unsubscribe",
    "inbox_items",
    "inbox_rows",
    "notify_accepted",
    "subscriptions_of",
]
