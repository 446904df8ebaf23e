"""Authentication: tokens (created once by the CLI, stored as a hash, revocable) and sessions
(with CSRF on unsafe methods); roles decide who may write."""

from __future__ import annotations

import re
from typing import Any

import pytest
from click.testing import CliRunner
from django.test import Client

from letapis.api.models import ApiToken
from letapis.api.tokens import digest_of
from letapis.cli import main
from tests.helpers import verified

from .conftest import Api

pytestmark = pytest.mark.django_db


def _create(username: str) -> str:
    result = CliRunner().invoke(main, ["token", "create", username, "--name", "nightly export"])
    assert result.exit_code == 0, result.output
    found = re.search(r"^(lt_\S+)$", result.output, re.M)
    assert found is not None, result.output
    return found.group(1)


def test_the_cli_prints_a_token_once_and_stores_only_its_hash(viewer: Any) -> None:
    token = _create("viewer")
    stored = ApiToken.objects.get()
    assert stored.digest == digest_of(token) and token not in (stored.prefix, stored.digest, stored.name)
    assert token.startswith(stored.prefix) and len(token) > 40
    listed = CliRunner().invoke(main, ["token", "list"])
    assert stored.prefix in listed.output and token not in listed.output
    from letapis.audit.models import AuditEntry

    entry = AuditEntry.objects.get(action="api_token.create")
    assert token not in str(entry.after) and stored.digest not in str(entry.after)


def test_a_token_reads_internal_records_until_it_is_revoked(viewer: Any) -> None:
    from letapis.registry import services as s

    person = s.do_create_person(None, names=["Internal Person"], confidentiality="internal")
    token = _create("viewer")
    api = Api(token)
    assert api.get(f"persons/{person.pk}").status_code == 200
    assert Api().get(f"persons/{person.pk}").status_code == 404
    revoked = CliRunner().invoke(main, ["token", "revoke", token[:10]])
    assert revoked.exit_code == 0 and "Revoked" in revoked.output
    refused = api.get(f"persons/{person.pk}")
    assert refused.status_code == 401 and "revoked" in refused.data["detail"]


def test_a_wrong_token_is_refused_not_treated_as_anonymous(db: Any) -> None:
    response = Api("lt_not-a-real-token").get("persons")
    assert response.status_code == 401 and response.data["detail"]


def test_the_cli_refuses_unknown_users_and_tokens(db: Any) -> None:
    assert "no user named" in CliRunner().invoke(main, ["token", "create", "nobody"]).output
    assert "no active token" in CliRunner().invoke(main, ["token", "revoke", "lt_zzzzzzz"]).output


def test_a_browser_session_reads_and_must_send_csrf_to_write(demo: Any, editor: Any) -> None:
    from letapis.registry.models import Claim

    browser = verified(Client(enforce_csrf_checks=True), editor)
    assert browser.get("/api/v1/claims", {"state": "proposed"}).status_code == 200
    claim = Claim.objects.first()
    assert claim is not None
    refused = browser.post(f"/api/v1/claims/{claim.pk}/reject", "{}", content_type="application/json")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    browser.get("/api/v1/docs")  # sets the csrftoken cookie, as the docs page does
    csrf = browser.cookies["csrftoken"].value
    allowed = browser.post(
        f"/api/v1/claims/{claim.pk}/reject", "{}", content_type="application/json", headers={"X-CSRFToken": csrf}
    )
    assert allowed.status_code == 409  # the demo's claims are accepted already: past CSRF, a JSON conflict


def test_an_editor_session_without_the_second_factor_is_refused(demo: Any, editor: Any, viewer: Any) -> None:
    browser = Client()
    browser.force_login(editor)  # a session made without the code step of the login
    refused = browser.get("/api/v1/claims")
    assert refused.status_code == 401 and "second factor" in refused.json()["detail"]
    assert verified(Client(), editor).get("/api/v1/claims").status_code == 200
    reader = Client()
    reader.force_login(viewer)  # viewers need no second factor
    assert reader.get("/api/v1/claims").status_code == 200


def test_a_token_needs_no_csrf(demo: Any, editor: Any, as_user: Any) -> None:
    from letapis.registry.models import Claim

    claim = Claim.objects.first()
    assert claim is not None
    assert as_user(editor).post(f"claims/{claim.pk}/reject", {}).status_code == 409
