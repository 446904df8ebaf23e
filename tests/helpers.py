"""Small builders that tests in several folders share."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.test import Client

from letapis.registry import services
from letapis.registry.models import Claim


def claim_of(text: str, value: dict[str, Any], *, day: date, kind: str = "event", level: str = "public") -> Claim:
    """A proposed claim of ``kind`` whose quote is ``text``, the whole of a source of ``level``
    dated ``day`` (one source for each text)."""
    source, _ = services.do_create_source(
        None,
        data=text.encode(),
        filename=f"{abs(hash(text))}.txt",
        text=text,
        title=f"Report: {text[:20]}",
        date=day,
        confidentiality=level,
    )
    return services.do_record_claim(None, source, kind=kind, value=value, quote=text)


def partial_date(day: date, precision: str) -> str:
    """``day`` as the registry writes a partial date (EDTF) at ``precision``: ``year``,
    ``month``, ``before`` (on or before the day) or, anything else, the day itself."""
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{day.year}-{day.month:02d}"
    if precision == "before":
        return f"[..{day.isoformat()}]"
    return day.isoformat()


def verified(client: Client, user: Any) -> Client:
    """``client`` logged in as ``user`` as after both login steps: with a confirmed TOTP device
    of theirs verified in the session."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client
