"""Who may open which page: the access decorators every view declares itself with.

- :func:`public` — anyone; the view shows records as :func:`letapis.access.levels_for`
  lets the caller see them (anonymous visitors: public records of publishable persons). An
  anonymous answer may be cached; any other is ``no-store`` (:class:`NoStoreMiddleware`).
- :func:`anyone` — anyone, no registry data: the login and account pages; never cached.
- :func:`role_required` — signed-in users of a role or above (viewer < researcher < editor <
  admin, see :mod:`letapis.accounts.models`), with the second factor when their role needs one,
  and with ``grant=True`` the confidential grant too.

Each decorator marks the view with an :class:`~letapis.access.marks.Access`
(``view.letapis_access``, kept through ``functools.wraps``) and the request with it when the view
runs; ``tests/web/test_access_decorators.py`` walks every URL pattern and fails for a view
without one. The API's operations declare
themselves the same way (:mod:`letapis.api.auth`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, Protocol, cast

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import add_never_cache_headers

from letapis.access.marks import ANYONE, ATTR, PUBLIC, Access

if TYPE_CHECKING:
    from letapis.accounts.models import User

View = Callable[..., HttpResponseBase]


class Decorator(Protocol):
    """A view decorator that keeps the view's own signature."""

    def __call__[V: View](self, view: V) -> V: ...


def _marked[V: View](view: V, access: Access, check: Callable[[HttpRequest], HttpResponse | None] | None = None) -> V:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not hasattr(request, ATTR):  # the outermost declaration is the view's
            setattr(request, ATTR, access)
        refused = None if check is None else check(request)
        return refused if refused is not None else view(request, *args, **kwargs)

    setattr(wrapped, ATTR, access)
    return cast("V", wrapped)  # wraps() keeps the view's name, signature and documentation


def public[V: View](view: V) -> V:
    """Anyone may open the page; it shows records as the caller's levels allow."""
    return _marked(view, PUBLIC)


def anyone[V: View](view: V) -> V:
    """Anyone may open the page (login, logout, account set-up); it shows no registry data."""
    return _marked(view, ANYONE)


def role_required(role: str, *, grant: bool = False) -> Decorator:
    """Anonymous visitors are sent to the login page; signed-in users below ``role`` (or without
    the confidential grant when ``grant``) get 403; a session that should have passed the second
    factor and did not is sent to the login page."""
    from letapis.access import EVERYTHING, levels_for

    def check(request: HttpRequest) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user.has_role(role):
            raise PermissionDenied(f"This page needs the {role} role.")
        if grant and levels_for(user) != EVERYTHING:
            raise PermissionDenied("This page needs the confidential grant.")
        if not second_factor_ok(request):
            return redirect_to_login(request.get_full_path())
        return None

    def decorator[V: View](view: V) -> V:
        return _marked(view, Access("role", role=role, grant=grant), check)

    return decorator


def cacheable(request: HttpRequest) -> bool:
    """Whether an answer may be kept by a browser or a proxy: a public view's, to an anonymous
    caller (no session user, no ``Authorization`` header) — nothing else."""
    user = getattr(request, "user", None)
    return (
        getattr(request, ATTR, None) == PUBLIC
        and not (user is not None and user.is_authenticated)
        and "HTTP_AUTHORIZATION" not in request.META
    )


class NoStoreMiddleware:
    """``Cache-Control: no-store`` (Django's never-cache headers) on every answer that is not a
    public view's answer to an anonymous caller: any answer to a signed-in session or a bearer
    token, every login and account page, the admin, errors before a view ran."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not cacheable(request):
            add_never_cache_headers(response)
        return response


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
    return bool(user.is_authenticated and user.has_role(role) and second_factor_ok(request))


def signed_in_user(request: HttpRequest) -> User:
    """The signed-in user of a view behind :func:`role_required` (which sends anonymous
    visitors to the login page before the view runs)."""
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied("This page needs a login.")
    return user


def user_or_none(request: HttpRequest) -> User | None:
    """The signed-in user, or ``None`` for an anonymous visitor (as the services expect)."""
    return request.user if request.user.is_authenticated else None
