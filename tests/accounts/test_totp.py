"""TOTP secrets are encrypted at rest: the database row holds no clear secret, codes still work,
and devices made before (django-otp's model, secret in clear) are moved and encrypted."""

from __future__ import annotations

import base64
import importlib
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django_otp.oath import TOTP

from letapis.accounts import totp

pytestmark = pytest.mark.django_db


def code_of(device: Any) -> str:
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{generator.token():0{device.digits}d}"


def raw_rows(device: Any) -> list[tuple[Any, ...]]:
    """The device's row as the database holds it, every column."""
    table = connection.ops.quote_name(type(device)._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [device.pk])  # noqa: S608 — a model's table
        return list(cursor.fetchall())


def test_the_database_row_holds_no_clear_secret(editor: Any) -> None:
    device = totp.do_setup_totp(None, editor)
    hex_key = device.key
    b32_key = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    assert len(hex_key) == 40
    (row,) = raw_rows(device)
    stored = " ".join(str(value) for value in row)
    assert hex_key not in stored and hex_key.upper() not in stored
    assert b32_key not in stored
    assert "enc1:" in stored  # sealed with the field key


def test_a_device_read_back_from_the_database_verifies_its_codes(editor: Any) -> None:
    made = totp.do_setup_totp(None, editor)
    device = totp.confirmed_device(editor)
    assert device is not None and device.pk == made.pk
    assert device.key == made.key  # decrypted on reading
    assert device.verify_token(code_of(device))
    assert totp.otpauth_uri(device).startswith("otpauth://totp/Letapis%3Aeditor?secret=")


def test_devices_made_before_are_moved_and_encrypted(editor: Any) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice as ClearTOTPDevice

    migration = importlib.import_module("letapis.accounts.migrations.0002_encrypted_totp")
    old = ClearTOTPDevice.objects.create(user=editor, name="authenticator", confirmed=True, drift=1)
    migration.encrypt_devices(apps, None)
    assert not ClearTOTPDevice.objects.exists()
    device = totp.confirmed_device(editor)
    assert device is not None and device.key == old.key and device.drift == 1
    assert old.key not in " ".join(str(value) for value in raw_rows(device)[0])
    assert device.verify_token(code_of(device))
