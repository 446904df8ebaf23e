"""Login in two steps, logout, and the two-factor set-up page.

The password step (Django's :class:`AuthenticationForm`, throttled by django-axes) does not log
anybody in when a second factor is due: it remembers the user in the session as *pending* for
a few minutes, and only the code step logs in — with :func:`django.contrib.auth.login` and
:func:`django_otp.login`, so the session is verified. A session of an editor or an admin
therefore exists only after both factors. An editor or admin without a device yet sets one up
during that first login (the enrol step); an administrator can make one beforehand with
``letapis totp setup USER``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from letapis.accounts import totp
from letapis.accounts.models import EncryptedTOTPDevice, User
from letapis.web.access import anyone, role_required, signed_in_user

PENDING = "letapis_2fa_pending"  # {"user": pk, "backend": str, "at": epoch seconds, "next": url}
PENDING_SECONDS = 300
ENROL_DEVICE = "letapis_2fa_enrol_device"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _pending_user(request: HttpRequest) -> tuple[User, dict[str, Any]] | HttpResponse:
    """The user who passed the password step a moment ago (and that step's data), or, when
    there is none, the way back to the password step with a word on why."""
    pending = request.session.get(PENDING)
    user = None
    if not isinstance(pending, dict) or time.time() - float(pending.get("at", 0)) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
    else:
        user = User.objects.filter(pk=pending.get("user", 0), is_active=True).first()
    if user is None or not isinstance(pending, dict):
        messages.info(request, _("Your login has expired: enter your password again."))
        return redirect("web:login")
    return user, pending


def _finish_login(
    request: HttpRequest, user: User, backend: str, device: EncryptedTOTPDevice | None, next_url: str
) -> HttpResponse:
    request.session.pop(PENDING, None)
    request.session.pop(ENROL_DEVICE, None)
    auth_login(request, user, backend=backend)
    if device is not None:
        otp_login(request, device)
    return HttpResponseRedirect(next_url)


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@anyone
def login_view(request: HttpRequest) -> HttpResponse:
    """Step one: username and password."""
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    form = AuthenticationForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        backend = getattr(user, "backend", "django.contrib.auth.backends.ModelBackend")
        if not totp.needs_two_factor(user) and not totp.has_device(user):
            return _finish_login(request, user, backend, None, next_url)
        request.session[PENDING] = {"user": user.pk, "backend": backend, "at": time.time(), "next": next_url}
        return redirect("web:login_code")
    return render(request, "web/accounts/login.html", {"form": form, "next": next_url})


def _second_step(
    view: Callable[[HttpRequest, User, dict[str, Any]], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """A view of the second step, open to anyone and never cached: ``view`` is given the user
    who passed the password step a moment ago and that step's data; without one the caller is
    sent back to the password step."""

    @csrf_protect
    @never_cache
    @anyone
    @wraps(view)
    def step(request: HttpRequest) -> HttpResponse:
        found = _pending_user(request)
        if isinstance(found, HttpResponse):
            return found
        user, pending = found
        return view(request, user, pending)

    return step


@_second_step
def login_code(request: HttpRequest, user: User, pending: dict[str, Any]) -> HttpResponse:
    """Step two: the code from the authenticator app."""
    device = totp.confirmed_device(user)
    if device is None:
        return redirect("web:login_enrol")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _data = device.verify_is_allowed()
        code = "".join(form.cleaned_data["code"].split())
        if not allowed:
            form.add_error("code", _("Too many wrong codes: wait a minute and try again."))
        elif device.verify_token(code):
            return _finish_login(request, user, pending["backend"], device, pending["next"])
        else:
            form.add_error("code", _("The code is wrong or has expired: enter the current code."))
    return render(request, "web/accounts/login_code.html", {"form": form, "pending_user": user})


def _enrol_device(request: HttpRequest, user: User) -> EncryptedTOTPDevice:
    """The unconfirmed device being set up in this session (made once, kept across reloads)."""
    device_id = request.session.get(ENROL_DEVICE)
    device: EncryptedTOTPDevice | None = (  # the model derives from django-otp's untyped Device
        EncryptedTOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first()
    )
    if device is None:
        device = totp.do_start_totp(user, user)
        request.session[ENROL_DEVICE] = device.pk
    return device


def _device_context(device: EncryptedTOTPDevice) -> dict[str, Any]:
    uri = totp.otpauth_uri(device)
    return {"otpauth_uri": uri, "qr_svg": totp.qr_svg(uri), "secret": totp.secret_text(device)}


@_second_step
def login_enrol(request: HttpRequest, user: User, pending: dict[str, Any]) -> HttpResponse:
    """Step two for an editor or admin without a device: set one up, then log in with it."""
    if totp.confirmed_device(user) is not None:
        return redirect("web:login_code")
    device = _enrol_device(request, user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            totp.do_confirm_totp(user, device, form.cleaned_data["code"])
        except totp.TwoFactorError:
            form.add_error("code", _("The code is wrong or has expired: enter the current code."))
        else:
            return _finish_login(request, user, pending["backend"], device, pending["next"])
    context = {"form": form, "pending_user": user, **_device_context(device)}
    return render(request, "web/accounts/login_enrol.html", context)


@role_required("viewer")
@csrf_protect
@never_cache
def two_factor(request: HttpRequest) -> HttpResponse:
    """Set up or replace one's own device. A user who has one must be logged in with it."""
    user = signed_in_user(request)
    current = totp.confirmed_device(user)
    if current is not None and not request.user.is_verified():  # type: ignore[union-attr]  # added by OTPMiddleware
        messages.error(request, _("Log in again with your current code to change your device."))
        return redirect("web:dashboard")
    device: EncryptedTOTPDevice | None = None
    form = CodeForm(request.POST or None) if request.POST.get("action") == "confirm" else CodeForm()
    if request.method == "POST" and request.POST.get("action") == "start":
        device = totp.do_start_totp(user, user)
        request.session[ENROL_DEVICE] = device.pk
    elif request.method == "POST" and request.POST.get("action") == "confirm":
        device = EncryptedTOTPDevice.objects.filter(
            pk=request.session.get(ENROL_DEVICE), user=user, confirmed=False
        ).first()
        if device is None:
            messages.error(request, _("Start the set-up again."))
            return redirect("web:two_factor")
        if form.is_valid():
            try:
                totp.do_confirm_totp(user, device, form.cleaned_data["code"])
            except totp.TwoFactorError:
                form.add_error("code", _("The code is wrong or has expired: enter the current code."))
            else:
                request.session.pop(ENROL_DEVICE, None)
                otp_login(request, device)
                messages.success(request, _("Your authenticator app is set up."))
                return redirect("web:two_factor")
    context: dict[str, Any] = {
        "form": form,
        "has_device": current is not None,
        "required": totp.needs_two_factor(user),
        "device": device,
    }
    if device is not None:
        context.update(_device_context(device))
    return render(request, "web/accounts/two_factor.html", context)


@require_POST
@csrf_protect
@anyone
def logout_view(request: HttpRequest) -> HttpResponse:
    auth_logout(request)
    return redirect("web:dashboard")
