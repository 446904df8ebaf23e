"""TOTP devices with their secret encrypted at rest: the new model, and every device of
django-otp's ``otp_totp.TOTPDevice`` (secret in clear) moved into it and deleted there.

Sessions verified with a moved device are no longer verified: their users enter a code again.
"""

from typing import Any

import django.db.models.deletion
import django_otp.plugins.otp_totp.models
from django.conf import settings
from django.db import migrations, models

import letapis.crypto

FIELDS = (
    "user_id",
    "name",
    "confirmed",
    "throttling_failure_timestamp",
    "throttling_failure_count",
    "created_at",
    "last_used_at",
    "key",
    "step",
    "t0",
    "digits",
    "tolerance",
    "drift",
    "last_t",
)


def _move(source: Any, target: Any) -> None:
    for device in source.objects.order_by("pk"):
        moved = target(**{name: getattr(device, name) for name in FIELDS})
        moved.save()
        # created_at is auto_now_add: keep the original date
        target.objects.filter(pk=moved.pk).update(created_at=device.created_at)
        device.delete()


def encrypt_devices(apps: Any, schema_editor: Any) -> None:
    _move(apps.get_model("otp_totp", "TOTPDevice"), apps.get_model("accounts", "EncryptedTOTPDevice"))


def decrypt_devices(apps: Any, schema_editor: Any) -> None:
    _move(apps.get_model("accounts", "EncryptedTOTPDevice"), apps.get_model("otp_totp", "TOTPDevice"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [
        migrations.CreateModel(
            name="EncryptedTOTPDevice",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(help_text="The human-readable name of this device.", max_length=64)),
                ("confirmed", models.BooleanField(default=True, help_text="Is this device ready for use?")),
                (
                    "throttling_failure_timestamp",
                    models.DateTimeField(
                        blank=True,
                        default=None,
                        help_text="A timestamp of the last failed verification attempt. Null if last attempt succeeded.",
                        null=True,
                    ),
                ),
                (
                    "throttling_failure_count",
                    models.PositiveIntegerField(default=0, help_text="Number of successive failed attempts."),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        auto_now_add=True,
                        help_text="The date and time when this device was initially created in the system.",
                        null=True,
                    ),
                ),
                (
                    "last_used_at",
                    models.DateTimeField(
                        blank=True, help_text="The most recent date and time this device was used.", null=True
                    ),
                ),
                (
                    "key",
                    letapis.crypto.EncryptedTextField(
                        default=django_otp.plugins.otp_totp.models.default_key,
                        help_text="A hex-encoded secret key of up to 40 bytes, encrypted at rest.",
                        validators=[django_otp.plugins.otp_totp.models.key_validator],
                    ),
                ),
                ("step", models.PositiveSmallIntegerField(default=30, help_text="The time step in seconds.")),
                ("t0", models.BigIntegerField(default=0, help_text="The Unix time at which to begin counting steps.")),
                (
                    "digits",
                    models.PositiveSmallIntegerField(
                        choices=[(6, 6), (8, 8)], default=6, help_text="The number of digits to expect in a token."
                    ),
                ),
                (
                    "tolerance",
                    models.PositiveSmallIntegerField(
                        default=1, help_text="The number of time steps in the past or future to allow."
                    ),
                ),
                (
                    "drift",
                    models.SmallIntegerField(
                        default=0, help_text="The number of time steps the prover is known to deviate from our clock."
                    ),
                ),
                (
                    "last_t",
                    models.BigIntegerField(
                        default=-1,
                        help_text="The t value of the latest verified token. The next token must be at a higher time step.",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        help_text="The user that this device belongs to.",
                        on_delete=django.db.models.deletion.CASCADE,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "TOTP device (encrypted)",
                "abstract": False,
            },
        ),
        migrations.RunPython(encrypt_devices, decrypt_devices),
    ]
