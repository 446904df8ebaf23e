"""Template context for every page: what the user's role allows, the names switch."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from letapis.accounts.models import ROLE_ORDER
from letapis.web.naming import CHOICES, names_choice


def web(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "user_can": {
            str(role): bool(user is not None and user.is_authenticated and user.has_role(role)) for role in ROLE_ORDER
        },
        "names_choice": names_choice(request),
        "names_choices": [(code, label) for code, (label, _forms) in CHOICES.items()],
    }
