"""Users and their roles.

Roles grow: a ``viewer`` reads internal data; a ``researcher`` also uploads sources and proposes
claims; an ``editor`` also accepts and rejects claims and edits the registry; an ``admin`` also
manages users and settings. Confidential records are shown only to users with
``sees_confidential``, whatever their role.

Their second factor is an :class:`EncryptedTOTPDevice` (an authenticator app), its secret encrypted at rest.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django_otp.models import Device, ThrottlingMixin, TimestampMixin
from django_otp.plugins.otp_totp.models import TOTPDevice as ClearTOTPDevice
from django_otp.plugins.otp_totp.models import default_key, key_validator

from letapis.crypto import EncryptedTextField


class Role(models.TextChoices):
    VIEWER = "viewer", "viewer"
    RESEARCHER = "researcher", "researcher"
    EDITOR = "editor", "editor"
    ADMIN = "admin", "admin"


ROLE_ORDER = [Role.VIEWER, Role.RESEARCHER, Role.EDITOR, Role.ADMIN]


# django-otp's Device is untyped (Any), so the plugin cannot find the reverse manager of the
# encrypted device's ``user``: nothing reads ``user.encryptedtotpdevice_set``
class User(AbstractUser):  # type: ignore[django-manager-missing]  # see above
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.VIEWER)
    sees_confidential = models.BooleanField(default=False, help_text="May read records marked confidential.")

    def has_role(self, role: str) -> bool:
        """True when the user's role is ``role`` or above it."""
        if not self.is_active:
            return False
        if self.is_superuser:
            return True
        return ROLE_ORDER.index(Role(self.role)) >= ROLE_ORDER.index(Role(role))


class EncryptedTOTPDevice(TimestampMixin, ThrottlingMixin, Device):  # type: ignore[misc]  # django-otp: untyped
    """An authenticator-app (TOTP) device whose secret is encrypted at rest with the field key.

    django-otp's own ``otp_totp.TOTPDevice`` keeps the secret in clear in its ``key`` column, so
    a copy of the database would let anyone make the codes of every editor and admin. This
    model has the same fields and behaviour (its methods are django-otp's), but ``key`` (the hex
    secret) is an :class:`~letapis.crypto.EncryptedTextField`: sealed with ``LETAPIS_FIELD_KEY``,
    which is kept outside the database and its backups. Every device of Letapis is one of these
    (:mod:`letapis.accounts.totp`); migration ``0002_encrypted_totp`` moved the older ones here.
    """

    key = EncryptedTextField(
        default=default_key,
        validators=[key_validator],
        help_text="A hex-encoded secret key of up to 40 bytes, encrypted at rest.",
    )
    step = models.PositiveSmallIntegerField(default=30, help_text="The time step in seconds.")
    t0 = models.BigIntegerField(default=0, help_text="The Unix time at which to begin counting steps.")
    digits = models.PositiveSmallIntegerField(
        choices=[(6, 6), (8, 8)], default=6, help_text="The number of digits to expect in a token."
    )
    tolerance = models.PositiveSmallIntegerField(
        default=1, help_text="The number of time steps in the past or future to allow."
    )
    drift = models.SmallIntegerField(
        default=0, help_text="The number of time steps the prover is known to deviate from our clock."
    )
    last_t = models.BigIntegerField(
        default=-1,
        help_text="The t value of the latest verified token. The next token must be at a higher time step.",
    )

    class Meta(Device.Meta):  # type: ignore[misc]  # django-otp's Device.Meta is untyped (Any)
        verbose_name = "TOTP device (encrypted)"

    # the behaviour of django-otp's TOTP device, unchanged: it reads ``self.key`` (plain here)
    bin_key = ClearTOTPDevice.bin_key
    verify_token = ClearTOTPDevice.verify_token
    get_throttle_factor = ClearTOTPDevice.get_throttle_factor
    config_url = ClearTOTPDevice.config_url
    _read_str_from_settings = ClearTOTPDevice._read_str_from_settings
