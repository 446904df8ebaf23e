"""Encryption at rest of the most sensitive fields (confidential notes, contacts).

A field declared as :class:`EncryptedTextField` is stored as a token
``enc1:<key id>:<base64url(nonce ‖ AES-256-GCM ciphertext ‖ tag)>``, so that a copy of the
database file (or a dump of it) alone does not reveal it. Python code reads and writes plain text:
the field encrypts when it writes to the database and decrypts when it reads.

The key is kept *outside* the database (``settings.FIELD_KEYS``, see
:func:`letapis.conf.field_keys_from_env`): ``LETAPIS_FIELD_KEY``, or ``LETAPIS_FIELD_KEY_FILE``,
or a key generated once into ``DATA_DIR/field_key``. A key file may hold several keys, one a line:
the first encrypts, every one decrypts (to change keys, put a new one first and re-save).

Limits, on purpose: an encrypted field cannot be searched or filtered by its content, and whether
it is empty is visible (an empty value is stored empty).

The audit log never holds the text of these fields: :func:`audit_digest` gives a keyed digest
(HMAC-SHA-256 under a key derived from the field key) that shows *that* a value changed and lets
``letapis audit verify`` check the row, without revealing it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
from functools import lru_cache
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.apps import apps
from django.conf import settings
from django.db import models

PREFIX = "enc1:"
DIGEST_PREFIX = "hmac-sha256:"
_AAD = b"letapis field v1"
_TOKEN = re.compile(r"^enc1:([0-9a-f]{8}):([A-Za-z0-9_-]+)$")


class FieldKeyError(ValueError):
    """A field key that is missing or wrong for a stored value."""


def parse_key(text: str) -> bytes:
    """A key as text: 32 bytes in base64url (what :func:`generate_key` writes)."""
    try:
        raw = base64.urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4))
    except (ValueError, TypeError) as exc:
        raise FieldKeyError("a field key must be 32 bytes in base64url (letapis keys generate it)") from exc
    if len(raw) != 32:
        raise FieldKeyError(f"a field key must be 32 bytes in base64url, not {len(raw)} bytes")
    return raw


def generate_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode("ascii").rstrip("=")


def key_id(key: bytes) -> str:
    """A short public name of a key (not a secret: a hash of it)."""
    return hashlib.sha256(b"letapis field key id" + key).hexdigest()[:8]


def _keys() -> list[bytes]:
    keys: list[bytes] = list(getattr(settings, "FIELD_KEYS", []))
    if len(keys) == 0:
        raise FieldKeyError("no field key is set: set LETAPIS_FIELD_KEY or LETAPIS_FIELD_KEY_FILE")
    return keys


def key_ids() -> list[str]:
    """The ids of the keys of this installation, the encrypting one first."""
    return [key_id(k) for k in _keys()]


@lru_cache(maxsize=16)
def _cipher(key: bytes) -> AESGCM:
    return AESGCM(key)


def _find(kid: str) -> bytes:
    for key in _keys():
        if key_id(key) == kid:
            return key
    raise FieldKeyError(
        f"a value is encrypted with field key {kid}, which this installation does not have "
        f"(it has {', '.join(key_ids())})"
    )


def seal(text: str) -> str:
    """Encrypt ``text`` with the first key; a fresh random nonce every time."""
    key = _keys()[0]
    nonce = os.urandom(12)
    sealed = _cipher(key).encrypt(nonce, text.encode("utf-8"), _AAD)
    return f"{PREFIX}{key_id(key)}:{base64.urlsafe_b64encode(nonce + sealed).decode('ascii').rstrip('=')}"


def is_token(value: Any) -> bool:
    return isinstance(value, str) and _TOKEN.match(value) is not None


def open_token(token: str) -> str:
    """Decrypt a token; :class:`FieldKeyError` when the key is missing or wrong, or the token damaged."""
    match = _TOKEN.match(token)
    if match is None:
        raise FieldKeyError("not an encrypted value")
    kid, body = match.groups()
    key = _find(kid)
    raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    try:
        return _cipher(key).decrypt(raw[:12], raw[12:], _AAD).decode("utf-8")
    except InvalidTag as exc:
        raise FieldKeyError(f"a value encrypted with field key {kid} does not open: it was changed or damaged") from exc


def _digest_key(key: bytes) -> bytes:
    return hmac.new(key, b"letapis audit digest", hashlib.sha256).digest()


def audit_digest(text: str, kid: str | None = None) -> str:
    """What the audit log keeps of an encrypted field: ``""`` for empty, else a keyed digest."""
    if text == "":
        return ""
    key = _keys()[0] if kid is None else _find(kid)
    mac = hmac.new(_digest_key(key), text.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"{DIGEST_PREFIX}{key_id(key)}:{mac}"


def audit_matches(logged: Any, text: str) -> bool:
    """Does the value an audit entry kept (a digest, or the text itself in entries written before
    the field was encrypted) describe ``text``?"""
    if isinstance(logged, str) and logged.startswith(DIGEST_PREFIX):
        kid = logged[len(DIGEST_PREFIX) :].split(":", 1)[0]
        try:
            return hmac.compare_digest(audit_digest(text, kid), logged)
        except FieldKeyError:
            return False
    return bool(logged == text)


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    """Text stored encrypted (AES-256-GCM); read and written as plain text in Python."""

    description = "Text encrypted at rest"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if is_token(value):
            return open_token(value)
        return value  # empty, or a row written before the field was encrypted

    def to_python(self, value: Any) -> Any:
        if is_token(value):  # e.g. a backup being loaded: the ciphertext of another installation
            return open_token(value)
        return super().to_python(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return seal(str(value))

    def value_to_string(self, obj: Any) -> str:
        """Serialised (backups, dumps) as ciphertext, never as text."""
        value = self.value_from_object(obj)
        return "" if value is None or value == "" else seal(str(value))


def encrypted_fields() -> dict[type[models.Model], list[str]]:
    """Every model with encrypted fields, and their names."""
    found: dict[type[models.Model], list[str]] = {}
    for model in apps.get_models():
        names = [f.attname for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if names:
            found[model] = names
    return found
