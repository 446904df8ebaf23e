"""Creating, checking and revoking API tokens (audited, like every other change).

A token is ``lt_`` followed by 43 URL-safe random characters (256 bits). It is looked up by its
SHA-256: a fast hash is enough for a secret of that strength, and it keeps every request cheap.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from letapis.accounts.actor import Actor
from letapis.api.models import ApiToken
from letapis.audit.log import record, snapshot

if TYPE_CHECKING:
    from letapis.accounts.models import User

TOKEN_PREFIX = "lt_"
#: How often ``last_used_at`` is written at most (no write on every request).
_TOUCH_EVERY = timedelta(minutes=5)


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _public(token: ApiToken) -> dict[str, Any]:
    return {k: v for k, v in snapshot(token).items() if k != "digest"}


@transaction.atomic
def do_create_token(actor: Actor, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new token for ``user``; returns the record and the token text (shown once)."""
    if not user.is_active:
        raise ValueError(f"user {user.get_username()} is not active")
    text = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name.strip()[:100], prefix=text[:10], digest=digest_of(text))
    record(actor, "api_token.create", token, after=_public(token))
    return token, text


@transaction.atomic
def do_revoke_token(actor: Actor, token: ApiToken) -> ApiToken:
    """Revoke a token: it stops working at once."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    before = _public(token)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(actor, "api_token.revoke", token, before=before, after=_public(token))
    return token


def user_for_token(text: str) -> Any:
    """The active user a live token belongs to, or ``None``."""
    if not text.startswith(TOKEN_PREFIX) or len(text) > 100:
        return None
    token = ApiToken.objects.select_related("user").filter(digest=digest_of(text), revoked_at__isnull=True).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > _TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
