"""Who is calling: a token, a browser session, or nobody.

Every operation accepts the three in this order. A bearer token that is unknown or revoked is
refused (401) rather than treated as anonymous, so that a script with a bad token finds out.
A session is checked for CSRF on unsafe methods (403 without the ``X-CSRFToken`` header), as the
pages' forms are, and an editor's or admin's session must have passed the second factor (401).
Anonymous callers may read what may be published; the operations that change anything ask for a
role. Every operation declares its access with a decorator placed under the router's:
:func:`public_operation` (anyone; records as the caller may see them) or
:func:`role_operation` (a role, checked before the operation runs, with :func:`require_role`) —
the same :class:`letapis.access.marks.Access` marks as the pages', checked by
``tests/web/test_access_decorators.py``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.utils import check_csrf

from letapis.access.marks import ATTR, PUBLIC, Access
from letapis.accounts.totp import needs_two_factor
from letapis.api.tokens import user_for_token

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


class BearerToken(HttpBearer):
    """``Authorization: Bearer lt_…`` — a token made with ``letapis token create USER``."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token.strip())
        if user is None:
            raise HttpError(401, "the token is unknown or revoked: create one with `letapis token create USER`")
        request.user = user
        return user


class SessionCookie(APIKeyCookie):
    """The browser's session (logged in on the site); CSRF is checked on unsafe methods."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)  # so that the docs page sends the CSRF token with its requests

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)  # CSRF is checked below, for a logged-in session only

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if needs_two_factor(user) and not bool(getattr(user, "is_verified", lambda: False)()):
            # the login page makes such sessions only after the code; refuse one made another way
            raise HttpError(401, "this session did not pass the second factor: log in again with your code")
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise HttpError(403, "CSRF check failed: send the X-CSRFToken header with session authentication")
        return user


def anonymous(request: HttpRequest) -> Any:
    """Nobody logged in: reads only what may be published."""
    return AnonymousUser()


AUTH: list[Callable[[HttpRequest], Any]] = [BearerToken(), SessionCookie(), anonymous]


def caller(request: HttpRequest) -> Any:
    """The user behind the request, or ``None`` for an anonymous caller (as the queries expect)."""
    user = getattr(request, "auth", None)
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user


def require_role(request: HttpRequest, role: str, doing: str) -> Any:
    """The calling user when it has ``role`` (or above); else 401 (nobody) or 403."""
    user = caller(request)
    if user is None:
        raise HttpError(401, f"{doing} needs a login or a token (Authorization: Bearer …)")
    if not user.has_role(role):
        raise HttpError(403, f"{doing} needs the {role} role; {user.get_username()} is a {user.role}")
    return user


def _operation(func: Callable[..., Any], access: Access, check: Callable[[HttpRequest], Any] | None) -> Any:
    @wraps(func)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not hasattr(request, ATTR):  # a page calling an operation keeps its own declaration
            setattr(request, ATTR, access)
        if check is not None:
            check(request)
        return func(request, *args, **kwargs)

    # ninja reads the parameters' types from the signature; resolved here, in the operation's
    # module, since the wrapper's globals are this module's
    wrapped.__signature__ = inspect.signature(func, eval_str=True)  # type: ignore[attr-defined]  # read by inspect
    setattr(wrapped, ATTR, access)
    return wrapped


def public_operation(func: Callable[..., Any]) -> Any:
    """Anyone may call the operation; it answers with what the caller may see (:func:`caller`)."""
    return _operation(func, PUBLIC, None)


def role_operation(role: str, doing: str) -> Callable[[Callable[..., Any]], Any]:
    """Only callers with ``role`` (or above): 401 for nobody, 403 below it (:func:`require_role`)."""

    def decorator(func: Callable[..., Any]) -> Any:
        return _operation(func, Access("role", role=role), lambda request: require_role(request, role, doing))

    return decorator
