"""Security settings: `check --deploy` is clean in production settings, every answer carries the
CSP and the other headers, the admin and the API docs page work under the CSP, every form has
its CSRF token."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from letapis.registry import services as s

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "letapis.settings",
    "DEBUG": "0",
    "LETAPIS_HTTPS": "1",
    "ALLOWED_HOSTS": "letapis.example.org",
    "DATABASE_URL": "",
}


def _check_deploy(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "SECRET_KEY_FILE", "LETAPIS_HTTPS")}
    full.update({"LETAPIS_DATA_DIR": str(tmp_path), **env})
    command = [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"]
    return subprocess.run(command, env=full, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_in_production_settings(tmp_path: Path) -> None:
    done = _check_deploy(tmp_path, **PRODUCTION, SECRET_KEY=secrets.token_urlsafe(50))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_check_deploy_names_what_is_missing_without_tls(tmp_path: Path) -> None:
    """The check is real: served without LETAPIS_HTTPS, it asks for secure cookies and HSTS."""
    env = {**PRODUCTION, "LETAPIS_HTTPS": "0", "SECRET_KEY": secrets.token_urlsafe(50)}
    done = _check_deploy(tmp_path, **env)
    assert done.returncode != 0
    for code in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert code in done.stderr + done.stdout


def test_production_settings_make_cookies_secure_and_http_only(tmp_path: Path) -> None:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_HTTPONLY, "
        "s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_AGE <= 8 * 3600)"
    )
    env = {**os.environ, **PRODUCTION, "LETAPIS_DATA_DIR": str(tmp_path), "SECRET_KEY": secrets.token_urlsafe(50)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["True"] * 7, done.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/healthz", "/api/v1/persons", "/api/v1/docs", "/login/", "/no-such-page/"])
def test_every_answer_carries_the_security_headers(client: Client, url: str) -> None:
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert re.search(r"script-src 'self'( 'nonce-[\w+/=-]+')?;", policy), policy  # the nonce when a page used it
    assert "unsafe-eval" not in policy and "unsafe-inline" not in policy.split("style-src")[0]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def _scripts_allowed(page: str, nonce: str | None) -> None:
    """Every script of ``page`` runs under the policy: from this site, or inline with the nonce,
    or a JSON data block; and no inline event handler."""
    for attributes, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", page, re.S):
        src = re.search(r'src="([^"]+)"', attributes)
        if src is not None:
            assert src.group(1).startswith("/"), src.group(1)  # same origin
            if src.group(1).startswith("/static/"):
                path = src.group(1).split("?")[0].removeprefix("/static/")
                assert finders.find(path) is not None, f"{path} is not a static file of the site"
        elif 'type="application/json"' not in attributes and body.strip() != "":
            assert nonce is not None and f'nonce="{nonce}"' in attributes, attributes
    assert not re.search(r"<[^>]+\son[a-z]+=", page), "an inline event handler: blocked by the CSP"
    assert "javascript:" not in page


def _nonce(response: Any) -> str | None:
    found = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    return None if found is None else found.group(1)


@pytest.mark.django_db
def test_the_api_docs_page_works_under_the_csp(client: Client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "swagger-ui" in page
    _scripts_allowed(page, _nonce(response))
    assert client.get("/api/v1/openapi.json").status_code == 200  # what the page fetches (connect-src 'self')


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/registry/person/",
        "/admin/registry/person/add/",
        "/admin/registry/person/{pk}/change/",
        "/admin/registry/event/add/",
    ],
)
def test_the_admin_works_under_the_csp(admin_client: Client, url: str) -> None:
    person = s.do_create_person(None, names=["Ihar Ilyash"])
    response = admin_client.get(url.format(pk=person.pk))
    assert response.status_code == 200
    _scripts_allowed(response.content.decode(), _nonce(response))


FORM_PAGES = ["/login/", "/admin/registry/person/add/", "/reports/import/", "/admin/registry/person/{pk}/change/"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", FORM_PAGES)
def test_every_post_form_carries_its_csrf_token(admin_client: Client, admin_user: Any, url: str) -> None:
    from tests.reports.conftest import verified

    person = s.do_create_person(None, names=["Ihar Ilyash"])
    client = verified(admin_user) if url.startswith("/reports/") else admin_client  # a page of two-step login
    page = client.get(url.format(pk=person.pk)).content.decode()
    forms = re.findall(r"<form\b[^>]*method=\"post\"[^>]*>(.*?)</form>", page, re.S | re.I)
    assert forms, f"{url} has no form"
    for form in forms:
        assert 'name="csrfmiddlewaretoken"' in form


@pytest.mark.django_db
def test_a_post_without_the_token_is_refused() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_chromium_draws_the_api_docs_and_the_admin_login_with_no_csp_violation(live_server: Any) -> None:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    done = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=8000",
            "--dump-dom",
            f"{live_server.url}/api/v1/docs",
        ],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert "Content Security Policy" not in done.stderr, done.stderr[-2000:]
    assert "Letapis API" in done.stdout and "/persons" in done.stdout  # swagger-ui ran and drew the operations
