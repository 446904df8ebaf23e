"""Every error is JSON with a message and a 4xx code: bad dates, unknown ids, bad JSON, wrong
types, unknown paths, wrong methods — never an HTML page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("method", "url", "body", "status"),
    [
        ("get", "/api/v1/held?on=2025-13-45", None, 422),
        ("get", "/api/v1/held?on=yesterday", None, 422),
        ("get", "/api/v1/persons?limit=0", None, 422),
        ("get", "/api/v1/persons?limit=abc", None, 422),
        ("get", "/api/v1/persons?status=arrested", None, 422),
        ("get", "/api/v1/persons/0", None, 422),
        ("get", "/api/v1/persons/99999999999999999999999", None, 422),
        ("get", "/api/v1/persons/not-a-number", None, 422),
        ("get", "/api/v1/persons/424242", None, 404),
        ("get", "/api/v1/events/424242", None, 404),
        ("get", "/api/v1/sources/424242", None, 404),
        ("get", "/api/v1/claims/424242", None, 404),
        ("get", "/api/v1/organisations/424242", None, 404),
        ("get", "/api/v1/no/such/path", None, 404),
        ("delete", "/api/v1/persons", None, 405),
        ("post", "/api/v1/claims", "{not json", 400),
        ("post", "/api/v1/claims", '{"source_id": "one"}', 422),
        ("post", "/api/v1/claims", "[]", 422),
        ("get", "/api/v1/persons?q=%00", None, 200),
    ],
)
def test_errors_are_json_with_a_message(method: str, url: str, body: str | None, status: int, editor: Any) -> None:
    from letapis.api.tokens import do_create_token

    token = do_create_token(None, editor)[1]
    client = Client()
    kwargs: dict[str, Any] = {"headers": {"Authorization": f"Bearer {token}"}}
    if body is not None:
        kwargs.update(data=body, content_type="application/json")
    response = getattr(client, method)(url, **kwargs)
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    if status >= 400:
        assert isinstance(response.json()["detail"], str) and response.json()["detail"] != ""


def test_the_schema_lists_the_endpoints(db: Any) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    paths = set(schema["paths"])
    for path in [
        "/api/v1/persons",
        "/api/v1/persons/{person_id}",
        "/api/v1/events",
        "/api/v1/events/{event_id}",
        "/api/v1/organisations",
        "/api/v1/sources",
        "/api/v1/sources/{source_id}",
        "/api/v1/claims",
        "/api/v1/claims/{claim_id}/accept",
        "/api/v1/claims/{claim_id}/reject",
        "/api/v1/held",
        "/api/v1/search",
        "/api/v1/stats/held",
        "/api/v1/stats/series",
    ]:
        assert path in paths
    assert "BearerToken" in schema["components"]["securitySchemes"]
    assert Client().get("/api/v1/docs").status_code == 200


def test_an_unexpected_error_is_a_json_500_and_is_logged(
    db: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from letapis.api import held

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(held, "caller", broken)
    response = Client(raise_request_exception=False).get("/api/v1/held")
    assert response.status_code == 500 and response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "internal error: it was logged"}
    assert "the database went away" not in response.content.decode()
    assert any("API error on GET /api/v1/held" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("method", ["put", "delete", "post"])
def test_a_method_not_allowed_is_a_json_405(db: Any, method: str) -> None:
    response = getattr(Client(), method)("/api/v1/persons/1")
    assert response.status_code == 405 and response.json()["detail"]


def test_a_session_reads_as_its_user_and_anonymous_callers_read_public_records(db: Any, viewer: Any) -> None:
    from letapis.registry import services as s

    person = s.do_create_person(None, names=["Session Person"], confidentiality="internal")
    browser = Client()
    assert browser.get(f"/api/v1/persons/{person.pk}").status_code == 404
    browser.force_login(viewer)
    assert browser.get(f"/api/v1/persons/{person.pk}").json()["name"] == "Session Person"
