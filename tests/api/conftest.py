"""Fixtures of the API tests: users of every role, their tokens, and a JSON client."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

API = "/api/v1"


class Api:
    """A test client that sends a bearer token (or nothing) and reads JSON answers."""

    def __init__(self, token: str | None = None) -> None:
        self.client = Client()
        self.headers = {} if token is None else {"Authorization": f"Bearer {token}"}

    def call(self, method: str, path: str, body: Any = None, **params: Any) -> Any:
        url = path if path.startswith("/") else f"{API}/{path}"
        kwargs: dict[str, Any] = {"headers": self.headers}
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        elif params:
            kwargs["data"] = params
        response = getattr(self.client, method)(url, **kwargs)
        assert response["Content-Type"].startswith("application/json"), (
            url,
            response.status_code,
            response.content[:200],
        )
        response.data = response.json()
        return response

    def get(self, path: str, **params: Any) -> Any:
        return self.call("get", path, **params)

    def post(self, path: str, body: Any = None) -> Any:
        return self.call("post", path, {} if body is None else body)

    def patch(self, path: str, body: Any) -> Any:
        return self.call("patch", path, body)


@pytest.fixture
def make_user(django_user_model: Any) -> Callable[..., Any]:
    def make(username: str, role: str, confidential: bool = False) -> Any:
        return django_user_model.objects.create_user(
            username, password="x-long-password-9", role=role, sees_confidential=confidential
        )

    return make


def token_for(user: Any) -> str:
    from letapis.api.tokens import do_create_token

    return do_create_token(None, user, "tests")[1]


@pytest.fixture
def anon() -> Api:
    return Api()


@pytest.fixture
def as_user() -> Callable[[Any], Api]:
    return lambda user: Api(token_for(user))
