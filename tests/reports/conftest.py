"""Fixtures of the reports tests: signed-in clients as after both login steps."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client


def verified(user: Any) -> Client:
    """A client logged in as ``user`` after both login steps (a verified TOTP device in the
    session), as the shared access rules require of editors."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def editor_client(editor: Any) -> Client:
    return verified(editor)
