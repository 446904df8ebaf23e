"""Who may open which page: decorators for views by role.

Roles grow (viewer < researcher < editor < admin, see :mod:`letapis.accounts.models`). Pages that
show registry data to anonymous visitors must still filter through
:func:`letapis.registry.access.visible_persons` and friends.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

View = Callable[..., HttpResponse]


def role_required(role: str) -> Callable[[View], View]:
    """Anonymous visitors are sent to the login page; signed-in users below ``role`` get 403."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user.has_role(role):  # type: ignore[union-attr]
                raise PermissionDenied(f"This page needs the {role} role.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def user_or_none(request: HttpRequest) -> Any:
    """The signed-in user, or ``None`` for an anonymous visitor (as the services expect)."""
    return request.user if request.user.is_authenticated else None
