"""What the tests of the review pages share: users of each role, logged in as the site would
(with the second factor verified for editors and admins), and the seed statement ingested."""

from __future__ import annotations

from typing import Any

from django.test import Client

from tests.conftest import SEED
from tests.helpers import verified

PASSWORD = "x-long-password-9"


def make_user(django_user_model: Any, name: str, role: str, *, confidential: bool = False) -> Any:
    return django_user_model.objects.create_user(name, password=PASSWORD, role=role, sees_confidential=confidential)


def login(client: Client, user: Any) -> Client:
    """Log ``user`` in; editors and admins also with a verified TOTP device (as after both steps
    of the login page), so the pages see ``request.user.is_verified()``."""
    from letapis.accounts.totp import needs_two_factor

    if needs_two_factor(user):
        return verified(client, user)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def ingest_seed(actor: Any = None, *, confidentiality: str = "internal", filename: str | None = None) -> Any:
    from letapis.review.ingest import do_ingest

    data = SEED.read_bytes()
    if filename is not None:  # another file: other bytes
        data += f"\n\n{filename}\n".encode()
    return do_ingest(actor, data, filename or SEED.name, confidentiality=confidentiality)
