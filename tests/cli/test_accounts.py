"""``letapis totp …`` and ``letapis unlock``, run in-process."""

from __future__ import annotations

import re
from typing import Any

import pytest
from axes.models import AccessAttempt
from click.testing import CliRunner

from letapis.accounts.models import EncryptedTOTPDevice as TOTPDevice
from letapis.cli import main

pytestmark = pytest.mark.django_db


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_totp_setup_prints_the_uri_of_a_confirmed_device(editor: Any) -> None:
    result = run("totp", "setup", "editor")
    assert result.exit_code == 0, result.output
    uri = re.search(r"otpauth://totp/\S+", result.output)
    assert uri is not None
    device = TOTPDevice.objects.get(user=editor)
    assert device.confirmed
    assert run("totp", "setup", "editor").exit_code == 0
    assert TOTPDevice.objects.filter(user=editor).count() == 1  # the old device is gone


def test_totp_status_shows_who_still_needs_a_device(editor: Any, viewer: Any) -> None:
    output = run("totp", "status").output
    assert "editor" in output and "NO DEVICE" in output
    assert "viewer" not in output
    run("totp", "setup", "editor")
    assert "device set up" in run("totp", "status").output


def test_totp_remove_and_unknown_users(editor: Any) -> None:
    run("totp", "setup", "editor")
    assert "Removed 1 device" in run("totp", "remove", "editor").output
    result = run("totp", "setup", "nobody")
    assert result.exit_code == 1 and "no user named 'nobody'" in result.output


def test_unlock_lifts_a_lockout(viewer: Any) -> None:
    AccessAttempt.objects.create(username="viewer", ip_address="127.0.0.1", failures_since_start=9, user_agent="x")
    assert "1 lockout record" in run("unlock", "viewer").output
    assert not AccessAttempt.objects.exists()
