"""Fixtures of the web tests: users of every role, and a client logged in with both factors."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client


@pytest.fixture
def researcher(django_user_model: Any) -> Any:
    return django_user_model.objects.create_user("researcher", password="x-long-password-4", role="researcher")


@pytest.fixture
def admin_user(django_user_model: Any) -> Any:
    return django_user_model.objects.create_user(
        "boss", password="x-long-password-5", role="admin", is_staff=True, is_superuser=True, sees_confidential=True
    )


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client
