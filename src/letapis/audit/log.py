"""Writing the audit log.

:func:`record` appends one entry inside the caller's transaction (the services are atomic, so an
entry exists exactly when its change does). :func:`snapshot` turns a model instance into the JSON
kept as ``before`` / ``after``.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from letapis.accounts.actor import Actor
from letapis.audit.models import AuditEntry, AuditHead
from letapis.crypto import EncryptedTextField, audit_digest

GENESIS = "0" * 64


def _default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def canonical(value: Any) -> str:
    """The JSON text that is hashed: sorted keys, no spaces, dates as ISO text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default)


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The concrete field values of ``obj`` (foreign keys as ids), JSON-ready; a field encrypted at
    rest as a keyed digest (:func:`letapis.crypto.audit_digest`), so that the log never holds its text."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if isinstance(field, EncryptedTextField):  # never the text: a keyed digest of it
            value = audit_digest("" if value is None else str(value))
        data[field.attname] = json.loads(canonical(value))
    return data


def entry_hash(
    prev_hash: str,
    at: str,
    actor_label: str,
    action: str,
    object_type: str,
    object_id: str,
    before: Any,
    after: Any,
) -> str:
    payload = canonical([prev_hash, at, actor_label, action, object_type, object_id, before, after])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def actor_label_of(actor: Actor) -> str:
    if actor is None:
        return "system"
    return str(actor.get_username())


def record(
    actor: Actor,
    action: str,
    obj: models.Model | None = None,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    object_repr: str | None = None,
) -> AuditEntry:
    """Append one entry. Must run inside a transaction (the service's)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record() must be called inside a transaction")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr if object_repr is not None else str(obj)[:300]
    if object_type is None or object_id is None:
        raise ValueError("record() needs an object or object_type and object_id")
    head = AuditHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        head = AuditHead.objects.create(pk=1, last_hash=GENESIS, count=0)
    at = timezone.now()
    label = actor_label_of(actor)
    before_json = json.loads(canonical(before)) if before is not None else None
    after_json = json.loads(canonical(after)) if after is not None else None
    digest = entry_hash(head.last_hash, at.isoformat(), label, action, object_type, object_id, before_json, after_json)
    entry = AuditEntry.objects.create(
        at=at,
        actor=actor if actor is not None and actor.pk is not None else None,
        actor_label=label,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=(object_repr or "")[:300],
        before=before_json,
        after=after_json,
        prev_hash=head.last_hash,
        hash=digest,
    )
    head.last_hash = digest
    head.count += 1
    head.save(update_fields=["last_hash", "count"])
    return entry
