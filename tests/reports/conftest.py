"""Fixtures of the reports tests: signed-in clients as after both login steps."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests import helpers


def verified(user: Any) -> Client:
    """A client logged in as ``user`` after both login steps (a verified TOTP device in the
    session), as the shared access rules require of editors."""
    return helpers.verified(Client(), user)


@pytest.fixture
def editor_client(editor: Any) -> Client:
    return verified(editor)
