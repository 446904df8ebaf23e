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
            if not second_factor_ok(request):
                return redirect_to_login(request.get_full_path())
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def second_factor_ok(request: HttpRequest) -> bool:
    """False for an editor or admin whose session was not verified with a TOTP code (the login
    page always verifies it; this guards against sessions made any other way)."""
    from letapis.accounts.totp import needs_two_factor

    user = request.user
    if not needs_two_factor(user):
        return True
    is_verified = getattr(user, "is_verified", None)
    return is_verified is not None and bool(is_verified())


def can(request: HttpRequest, role: str) -> bool:
    """May the signed-in user act with ``role`` on this request (role and second factor)?"""
    user = request.user
    return bool(user.is_authenticated and user.has_role(role) and second_factor_ok(request))  # type: ignore[union-attr]


def user_or_none(request: HttpRequest) -> Any:
    """The signed-in user, or ``None`` for an anonymous visitor (as the services expect)."""
    return request.user if request.user.is_authenticated else None
