"""Accounts: argon2 hashes, login in two steps for editors and admins, lockout, sessions."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP

from letapis.accounts import totp
from letapis.accounts.models import EncryptedTOTPDevice as TOTPDevice
from letapis.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def code_of(device: TOTPDevice, shift: int = 0) -> str:
    """The code the user's app shows now (``shift`` steps later)."""
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    generator.time = generator.time + shift * device.step
    return f"{generator.token():0{device.digits}d}"


def password_step(client: Client, username: str, password: str, next_url: str = "") -> Any:
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post("/login/", data)


def test_it_hashes_passwords_with_argon2(viewer: Any) -> None:
    assert viewer.password.startswith("argon2")


def test_it_logs_a_viewer_in_with_the_password_alone(client: Client, viewer: Any) -> None:
    answer = password_step(client, "viewer", "x-long-password-2")
    assert answer.status_code == 302 and answer["Location"] == "/"
    assert client.session[SESSION_KEY] == str(viewer.pk)


def test_it_refuses_a_wrong_password(client: Client, viewer: Any) -> None:
    answer = password_step(client, "viewer", "wrong-password")
    assert answer.status_code == 200
    assert SESSION_KEY not in client.session
    assert b"errors" in answer.content


def test_it_asks_an_editor_for_a_code_before_logging_in(client: Client, editor: Any) -> None:
    device = totp.do_setup_totp(None, editor)
    answer = password_step(client, "editor", "x-long-password-1")
    assert answer["Location"] == "/login/code/"
    assert SESSION_KEY not in client.session  # the password alone logs nobody in
    assert b">Log in<" in client.get("/").content
    wrong = client.post("/login/code/", {"code": "000000" if code_of(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and SESSION_KEY not in client.session
    # django-otp makes the next try wait a second after a failure; let it pass
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=timezone.now() - timedelta(seconds=5))
    right = client.post("/login/code/", {"code": code_of(device)})
    assert right.status_code == 302
    assert client.session[SESSION_KEY] == str(editor.pk)
    page = client.get("/")
    assert page.wsgi_request.user.is_verified()


def test_an_editor_without_a_device_sets_one_up_at_the_first_login(client: Client, editor: Any) -> None:
    password_step(client, "editor", "x-long-password-1")
    assert client.get("/login/code/")["Location"] == "/login/enrol/"
    page = client.get("/login/enrol/")
    assert page.status_code == 200
    assert b"<svg" in page.content and b"otpauth://totp/" in page.content
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert client.get("/login/enrol/").context["otpauth_uri"] == totp.otpauth_uri(device)  # stable on reload
    answer = client.post("/login/enrol/", {"code": code_of(device)})
    assert answer.status_code == 302
    assert client.session[SESSION_KEY] == str(editor.pk)
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEntry.objects.filter(action="totp.confirm").exists()


def test_the_pending_login_expires(client: Client, editor: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    totp.do_setup_totp(None, editor)
    password_step(client, "editor", "x-long-password-1")
    session = client.session
    session["letapis_2fa_pending"]["at"] -= 3600
    session.save()
    assert client.get("/login/code/")["Location"] == "/login/"


def test_wrong_codes_are_throttled(client: Client, editor: Any) -> None:
    device = totp.do_setup_totp(None, editor)
    password_step(client, "editor", "x-long-password-1")
    for _ in range(3):
        client.post("/login/code/", {"code": "12345x"})
        client.post("/login/code/", {"code": "999999" if code_of(device) != "999999" else "888888"})
    answer = client.post("/login/code/", {"code": code_of(device)})
    assert SESSION_KEY not in client.session
    assert "Too many wrong codes" in answer.content.decode()


def test_it_locks_a_username_out_after_five_wrong_passwords(client: Client, viewer: Any) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        password_step(client, "viewer", "wrong-password")
    answer = password_step(client, "viewer", "x-long-password-2")
    assert answer.status_code == 429
    assert "Login locked" in answer.content.decode()
    assert SESSION_KEY not in client.session


def test_behind_the_proxy_wrong_passwords_lock_the_address_they_came_from_not_the_account(viewer: Any) -> None:
    """Through the documented TLS proxy (peer 127.0.0.1, the client in X-Forwarded-For), a
    stranger guessing the password locks only the stranger's address."""
    stranger = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.66")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        password_step(stranger, "viewer", "wrong-password")
    assert password_step(stranger, "viewer", "x-long-password-2").status_code == 429
    owner = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    answer = password_step(owner, "viewer", "x-long-password-2")
    assert answer.status_code == 302 and owner.session[SESSION_KEY] == str(viewer.pk)


def test_a_client_cannot_escape_the_lockout_by_forging_x_forwarded_for(viewer: Any) -> None:
    """A client that reaches the server directly (not through a trusted proxy) stays at its own
    address whatever X-Forwarded-For it sends."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        forger = Client(REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR=f"192.0.2.{n + 1}")
        password_step(forger, "viewer", "wrong-password")
    forger = Client(REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert password_step(forger, "viewer", "x-long-password-2").status_code == 429
    from axes.models import AccessAttempt

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.66"]


def test_it_redirects_only_to_this_site_after_login(client: Client, viewer: Any) -> None:
    assert password_step(client, "viewer", "x-long-password-2", "https://evil.example/")["Location"] == "/"
    client.logout()
    assert password_step(client, "viewer", "x-long-password-2", "/persons/")["Location"] == "/persons/"


def test_logout_needs_a_post(client: Client, viewer: Any) -> None:
    client.force_login(viewer)
    assert client.get("/logout/").status_code == 405
    assert client.post("/logout/").status_code == 302
    assert SESSION_KEY not in client.session


def test_sessions_expire() -> None:
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


def test_the_admin_login_is_the_two_step_login(client: Client) -> None:
    answer = client.get("/admin/login/?next=/admin/")
    assert answer.status_code == 302 and answer["Location"].startswith("/login/")


def test_a_viewer_may_add_a_device_on_the_set_up_page(client: Client, viewer: Any) -> None:
    client.force_login(viewer)
    page = client.post("/account/two-factor/", {"action": "start"})
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=viewer, confirmed=False)
    done = client.post("/account/two-factor/", {"action": "confirm", "code": code_of(device)})
    assert done.status_code == 302
    assert totp.has_device(viewer)
    client.logout()
    assert password_step(client, "viewer", "x-long-password-2")["Location"] == "/login/code/"


def test_changing_a_device_needs_a_session_verified_with_the_current_one(client: Client, viewer: Any) -> None:
    totp.do_setup_totp(None, viewer)
    client.force_login(viewer)  # not verified with the device
    assert client.post("/account/two-factor/", {"action": "start"})["Location"] == "/"
    assert not TOTPDevice.objects.filter(user=viewer, confirmed=False).exists()


def test_the_uri_names_the_issuer_and_the_user(editor: Any) -> None:
    uri = totp.otpauth_uri(totp.do_setup_totp(None, editor))
    assert re.match(r"otpauth://totp/Letapis%3Aeditor\?secret=[A-Z2-7]+", uri)
    assert "issuer=Letapis" in uri
