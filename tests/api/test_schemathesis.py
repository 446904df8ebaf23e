"""schemathesis against the API's own OpenAPI schema, in-process through the WSGI application.

For every operation it sends a bounded number of generated requests — valid ones (positive)
and ones that break the schema (negative) — as an anonymous caller and as an editor with a
token, on the demo registry. No answer may be a 5xx, and every error must be JSON with a
message (``{"detail": "…"}``). Valid requests must also be answered as the schema says (the
status code is one it declares, and a 2xx body fits its response schema).

``LETAPIS_SCHEMATHESIS_EXAMPLES`` raises the number of examples per operation (default 8) for
a longer run by hand.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

EXAMPLES = int(os.environ.get("LETAPIS_SCHEMATHESIS_EXAMPLES", "8"))
#: The API's operations: the registry's 20 (with a claim's edit and settling a contradicted claim), following's watch
#: lists (5), digest, subscriptions and inbox (5), places and the letter sheet (3).
OPERATIONS = 20 + 5 + 5 + 3 + 2  # + 2: a source's file and adding one (custody)


@pytest.fixture
def wsgi(settings: Any) -> Iterator[Any]:
    """The real WSGI application, answering within the test's transaction (as Django's test
    client does, the connection is not closed at the end of each request)."""
    settings.ALLOWED_HOSTS = ["*"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _use_existing_records(case: Any) -> None:
    from letapis.registry.models import Claim, Event, Organisation, Person, Source

    models = {"person_id": Person, "event_id": Event, "organisation_id": Organisation, "source_id": Source}
    models["claim_id"] = Claim
    for name, value in (case.path_parameters or {}).items():
        if name in models:
            first = models[name].objects.order_by("pk").values_list("pk", flat=True).first()
            case.path_parameters[name] = value if first is None else first


def _check_answer(case: Any, response: Any, positive: bool) -> None:
    where = f"{case.method} {case.formatted_path} {case.query or ''} {case.body!r:.200}"
    assert response.status_code < 500, f"{where}: {response.status_code} {response.content[:300]!r}"
    if response.status_code >= 400:
        content_type = response.headers.get("content-type", [""])[0]
        assert content_type.startswith("application/json"), f"{where}: {content_type} {response.content[:200]!r}"
        detail = json.loads(response.content).get("detail")
        assert isinstance(detail, str) and detail.strip() != "", f"{where}: no message in {response.content[:200]!r}"
    if positive:
        case.validate_response(response, checks=[status_code_conformance, response_schema_conformance])


def _runner(operation: Any, mode: GenerationMode, headers: dict[str, str], counts: dict[str, int]) -> Any:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        if mode == GenerationMode.POSITIVE and counts["requests"] % 2 == 0:
            _use_existing_records(case)  # else nearly every generated id is a 404
        response = case.call(headers=headers)
        counts["requests"] += 1
        key = f"{mode.value} {response.status_code}"
        counts[key] = counts.get(key, 0) + 1
        _check_answer(case, response, positive=mode == GenerationMode.POSITIVE)

    return run


def _fuzz(wsgi: Any, headers: dict[str, str]) -> dict[str, int]:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi)
    # no generated Authorization header or session cookie: the caller is the one given here
    # (a random token is a 401, tested in test_auth)
    schema.config.generation.update(with_security_parameters=False)
    counts: dict[str, int] = {"operations": 0, "requests": 0}
    for result in schema.get_all_operations():
        operation = result.ok()
        counts["operations"] += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _runner(operation, mode, headers, counts)()
    print(f"schemathesis {dict(sorted(counts.items()))}")
    return counts


@pytest.mark.django_db
def test_anonymous_callers_get_no_server_error_and_json_errors(demo: Any, wsgi: Any) -> None:
    counts = _fuzz(wsgi, {})
    assert counts["operations"] == OPERATIONS and counts["requests"] >= OPERATIONS * 2


@pytest.mark.django_db
def test_an_editor_token_gets_no_server_error_and_json_errors(demo: Any, wsgi: Any, editor: Any) -> None:
    from letapis.api.tokens import do_create_token

    token = do_create_token(None, editor, "schemathesis")[1]
    counts = _fuzz(wsgi, {"Authorization": f"Bearer {token}"})
    assert counts["operations"] == OPERATIONS and counts["requests"] >= OPERATIONS * 2
