"""The second factor: TOTP devices (authenticator apps) through django-otp.

Editors and admins must log in with a code from their device (:func:`needs_two_factor`); viewers
and researchers may add one. A device is set up in two steps so that a typo in the app never
locks anybody out: :func:`do_start_totp` makes an unconfirmed device whose ``otpauth://`` URI
the user scans, :func:`do_confirm_totp` checks a first code from it and makes it the user's only
device. An administrator can also make a confirmed device from the command line
(``letapis totp setup USER``, :func:`do_setup_totp`) and hand its URI to the user.

A device's secret is encrypted at rest with the field key (:class:`EncryptedTOTPDevice`): a copy
of the database alone does not give anybody's codes.

Wrong codes are throttled by django-otp itself (each failure doubles the wait before the next
try); wrong passwords by django-axes (see ``AXES_*`` in the settings).
"""

from __future__ import annotations

import segno
from django.db import transaction
from django_otp import devices_for_user

from letapis.accounts.actor import Actor, Viewer
from letapis.accounts.models import EncryptedTOTPDevice, User
from letapis.audit.log import record

DEVICE_NAME = "authenticator"


class TwoFactorError(ValueError):
    """A refused step of the set-up, with a message fit for the user."""


def needs_two_factor(user: Viewer) -> bool:
    """Editors and admins (and Django staff or superusers) must log in with a code."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_superuser or user.is_staff or user.has_role("editor"))


def confirmed_device(user: User) -> EncryptedTOTPDevice | None:
    """The user's confirmed TOTP device, if any."""
    device: EncryptedTOTPDevice | None = (  # the model derives from django-otp's untyped Device
        EncryptedTOTPDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()
    )
    return device


def has_device(user: User) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def _audit(actor: Actor, action: str, device: EncryptedTOTPDevice) -> None:
    # never the key: only which user, which device
    record(
        actor,
        action,
        object_type="otp_totp.totpdevice",
        object_id=str(device.pk),
        object_repr=f"TOTP device of {device.user.get_username()}",
        after={"user": device.user_id, "name": device.name, "confirmed": device.confirmed},
    )


@transaction.atomic
def do_start_totp(actor: Actor, user: User) -> EncryptedTOTPDevice:
    """A new unconfirmed device for ``user`` (earlier unconfirmed ones are dropped); the
    confirmed device, if any, keeps working until the new one is confirmed."""
    EncryptedTOTPDevice.objects.filter(user=user, confirmed=False).delete()
    device: EncryptedTOTPDevice = EncryptedTOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def do_confirm_totp(actor: Actor, device: EncryptedTOTPDevice, token: str) -> EncryptedTOTPDevice:
    """Confirm ``device`` with a code from it; it becomes the user's only device."""
    code = "".join(token.split())
    if not code.isdigit() or len(code) != device.digits:
        raise TwoFactorError(f"enter the {device.digits}-digit code shown by your authenticator app")
    if device.confirmed:
        raise TwoFactorError("this device is already confirmed")
    if not device.verify_token(code):
        raise TwoFactorError("the code is wrong or has expired: enter the current code")
    EncryptedTOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    _audit(actor, "totp.confirm", device)
    return device


@transaction.atomic
def do_setup_totp(actor: Actor, user: User) -> EncryptedTOTPDevice:
    """A confirmed device for ``user`` replacing any other (for administrators: the URI is then
    handed to the user, who adds it to an authenticator app)."""
    EncryptedTOTPDevice.objects.filter(user=user).delete()
    device: EncryptedTOTPDevice = EncryptedTOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
    _audit(actor, "totp.setup", device)
    return device


@transaction.atomic
def do_remove_totp(actor: Actor, user: User) -> int:
    """Remove every device of ``user`` (a lost phone); returns how many there were."""
    devices = list(EncryptedTOTPDevice.objects.filter(user=user))
    for device in devices:
        _audit(actor, "totp.remove", device)
    EncryptedTOTPDevice.objects.filter(pk__in=[d.pk for d in devices]).delete()
    return len(devices)


def otpauth_uri(device: EncryptedTOTPDevice) -> str:
    """The ``otpauth://totp/…`` URI an authenticator app reads (it holds the secret)."""
    return str(device.config_url)


def secret_text(device: EncryptedTOTPDevice) -> str:
    """The secret in base32, grouped by four, for typing into an app by hand."""
    import base64

    text = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_svg(uri: str) -> str:
    """A QR code of ``uri`` as an inline SVG element (no XML declaration, scales with CSS)."""
    qr = segno.make(uri, error="m")
    return str(qr.svg_inline(scale=4, dark="#1b1f24", light="#ffffff", omitsize=True))
