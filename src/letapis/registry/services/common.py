"""What every registry service shares: its errors, the checks of its input against the
vocabularies and the levels, and the version guard against lost updates."""

from __future__ import annotations

from typing import Any

from letapis import access, edtf
from letapis.accounts.actor import Actor
from letapis.audit.log import record, snapshot
from letapis.registry.models import Confidentiality, Event, Person
from letapis.vocab import vocabulary


class ServiceError(ValueError):
    """Input a service refuses, with a message fit for the user."""


class Conflict(ServiceError):
    """The record changed since the caller read it: reload and redo."""


def check_code(vocab_name: str, code: str, what: str) -> str:
    if code not in vocabulary(vocab_name):
        known = ", ".join(sorted(vocabulary(vocab_name).codes())[:12])
        raise ServiceError(f"unknown {what} {code!r} (known: {known}, …)")
    return code


def check_confidentiality(level: str) -> str:
    if level not in Confidentiality.values:
        raise ServiceError(f"unknown confidentiality {level!r}: use public, internal or confidential")
    return level


def level_of(person: Person, level: str | None) -> str:
    """The level of a record about ``person``: the one given, else the person's own (a fact
    about a person is never more open than the person unless someone says so)."""
    return check_confidentiality(person.confidentiality if level is None else level)


def check_level_change(actor: Actor, what: str, old: str, new: str) -> None:
    """Refuse a change of level that only someone with the confidential grant may make:
    lowering a level (a record shown to more people), or any change from or to
    ``confidential``. ``actor`` ``None`` is the system itself (set-up, demo data)."""
    if new == old or actor is None:
        return
    if (access.is_stricter(old, new) or Confidentiality.CONFIDENTIAL in (old, new)) and not access.has_grant(actor):
        raise ServiceError(f"only a user with the confidential grant may change {what} from {old} to {new}")


def check_country(code: str) -> str:
    if len(code) != 2 or not code.isalpha() or not code.isupper():
        raise ServiceError(f"{code!r} is not an ISO 3166 alpha-2 country code such as BY, LT, UA")
    return code


def partial_date(text: str) -> edtf.PartialDate | None:
    """The partial date ``text`` means (``None`` when it is empty), or a :class:`ServiceError`."""
    if len(text) > 40 and text.strip() != "":
        raise ServiceError(f"{text[:40]!r}… is not a partial date: a date is at most 40 characters")
    try:
        return edtf.parse_optional(text)
    except edtf.InvalidDate as exc:
        raise ServiceError(str(exc)) from exc


def checked_text(value: str, what: str, limit: int | None = None) -> str:
    """``value`` unchanged, or a :class:`ServiceError` naming ``what`` when it cannot be stored
    as text: a NUL character (PostgreSQL refuses it), a lone surrogate (not Unicode text; JSON
    can carry one), or more than ``limit`` characters. Everything else — markup, quotes,
    direction overrides, zero-width and combining characters, emoji — is kept exactly as given:
    it is escaped where it is shown, never altered where it is stored."""
    if "\x00" in value:
        raise ServiceError(f"{what} contains a NUL character: remove it")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ServiceError(f"{what} is not valid Unicode text (character {exc.start + 1} is a lone surrogate)") from exc
    if limit is not None and len(value) > limit:
        raise ServiceError(f"{what} is limited to {limit} characters ({len(value)} given)")
    return value


def checked_data(value: Any, what: str) -> Any:
    """:func:`checked_text` on every string (key or value) inside JSON-like ``value``."""
    if isinstance(value, str):
        return checked_text(value, what)
    if isinstance(value, dict):
        for key, item in value.items():
            checked_data(str(key), what)
            checked_data(item, what)
    elif isinstance(value, list | tuple):
        for item in value:
            checked_data(item, what)
    return value


def bump(obj: Person | Event, expected_version: int | None) -> None:
    """Check the caller's version and raise it by one, atomically (no lost update).

    The row is locked (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite writes one at a time) until
    the caller's transaction ends, so two editors who read the same version cannot both pass:
    the second waits for the first, then sees the new version and gets :class:`Conflict`.
    ``expected_version`` ``None`` means the version of the object the caller holds (the one it
    read), so a caller that forgets to pass it still cannot overwrite a change it has not seen.
    """
    model = type(obj)
    expected = obj.version if expected_version is None else expected_version
    current = model.objects.select_for_update().only("version").get(pk=obj.pk).version
    if expected != current:
        raise Conflict(
            f"{model._meta.verbose_name} {obj.pk} was changed by someone else "
            f"(version {current}, you edited version {expected}): reload and redo your change"
        )
    obj.version = current + 1


def save_changes(actor: Actor, action: str, current: Any, changed: dict[str, Any]) -> None:
    """Set ``changed`` on ``current`` (a row the caller locked), save those fields and write the
    audit entry ``action`` with the states before and after; the caller holds the transaction."""
    before = snapshot(current)
    for field, value in changed.items():
        setattr(current, field, value)
    current.save(update_fields=list(changed))
    record(actor, action, current, before=before, after=snapshot(current))


def delete_audited(actor: Actor, action: str, obj: Any, after: dict[str, Any] | None = None) -> None:
    """Delete ``obj`` (and what cascades with it) and write the audit entry ``action`` with its
    last state (and ``after``: what the deletion says beside, such as a reason)."""
    before = snapshot(obj)
    label, pk, text = obj._meta.label_lower, str(obj.pk), str(obj)
    obj.delete()
    record(actor, action, object_type=label, object_id=pk, object_repr=text, before=before, after=after)
