"""Every view and every API operation declares its access with the shared decorators
(:mod:`letapis.web.access`, :mod:`letapis.api.auth`), and every answer but a public page's to an
anonymous visitor says ``Cache-Control: no-store``.

How the walk treats what is not ours: the URL patterns of the Django admin (namespace ``admin``)
are the admin site's, whose ``admin_view`` refuses anyone not active staff and whose ModelAdmins
check the model permissions and the user's levels (:class:`letapis.registry.admin.WithinLevels`);
the API's URL patterns are django-ninja's dispatchers, so the API is walked by its operations
instead; the API's schema and docs pages describe the API and show no registry data.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from letapis.access.marks import ATTR, PUBLIC, Access, access_of
from letapis.api.main import api
from letapis.web.access import public, role_required
from tests.test_access_walk import client_for

#: URL names answered by django-ninja itself, not by an operation: nothing of the registry.
NINJA_OWN = {"api-v1:api-root", "api-v1:openapi-json", "api-v1:openapi-view"}


def _views(patterns: list[Any], namespace: str = "") -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}:{p.namespace}" if namespace and p.namespace else (p.namespace or namespace)
            found += _views(p.url_patterns, ns)
        elif isinstance(p, URLPattern):
            name = p.name or f"?{p.pattern}"
            found.append((f"{namespace}:{name}" if namespace else name, p.callback))
    return found


def test_every_url_patterns_view_declares_its_access() -> None:
    views = _views(get_resolver().url_patterns)
    assert len(views) > 30
    undeclared = sorted(
        name
        for name, view in views
        if access_of(view) is None
        and not name.startswith("admin:")  # the admin site's own permission check
        and not name.startswith("api-v1:")  # walked by operation below
    )
    hint = ""
    if "reports:import" in undeclared:
        hint = " (reports:import: import_view still uses login_required and a hand-written role check; issue 14 leak 7)"
    assert undeclared == [], f"views without public, anyone or role_required (letapis.web.access): {undeclared}{hint}"
    ninja = {name for name, _ in views if name.startswith("api-v1:")}
    assert ninja >= NINJA_OWN  # the exemption names real routes; the rest are operations, walked below


def _operations(router: Any) -> list[Any]:
    ops = [op for view in router.path_operations.values() for op in view.operations]
    for _, child in getattr(router, "_routers", []):
        ops += _operations(child)
    return ops


def test_every_api_operation_declares_its_access() -> None:
    ops = [op for _, router in api._routers for op in _operations(router)]
    assert len(ops) > 10
    undeclared = sorted(op.view_func.__name__ for op in ops if access_of(op.view_func) is None)
    assert undeclared == [], f"API operations without public_operation or role_operation: {undeclared}"
    writes = {op.view_func.__name__: access_of(op.view_func) for op in ops if set(op.methods) - {"GET"}}
    assert writes and all(a is not None and a.kind == "role" for a in writes.values()), writes


def test_the_decorators_mark_the_view_and_the_request(rf: Any) -> None:
    @public
    def page(request: Any) -> Any:
        return getattr(request, ATTR)

    assert access_of(page) == PUBLIC
    assert page(rf.get("/")) == PUBLIC
    assert access_of(role_required("admin", grant=True)(page)) == Access("role", role="admin", grant=True)


@pytest.mark.django_db
def test_role_required_with_the_grant_refuses_an_admin_without_it(rf: Any, django_user_model: Any) -> None:
    from django.core.exceptions import PermissionDenied

    view = role_required("viewer", grant=True)(lambda request: "opened")
    request = rf.get("/")
    request.user = django_user_model.objects.create_user("v", password="x-long-password-1", role="viewer")
    with pytest.raises(PermissionDenied):
        view(request)
    request.user.sees_confidential = True
    assert view(request) == "opened"


# ---------------------------------------------------------------------------------------------
# Cache-Control


def _no_store(answer: Any) -> bool:
    return "no-store" in answer.get("Cache-Control", "")


@pytest.mark.django_db
def test_a_signed_in_answer_is_no_store_and_a_public_anonymous_one_is_not(demo: Any, viewer: Any) -> None:
    anonymous = Client()
    for url in ("/", "/persons/", "/events/", "/api/v1/persons", "/reports/stats/"):
        answer = anonymous.get(url)
        assert answer.status_code == 200, url
        assert not _no_store(answer), url
    signed_in = client_for(viewer)
    for url in ("/", "/persons/", "/api/v1/persons", "/review/", "/reports/stats/"):
        answer = signed_in.get(url)
        assert answer.status_code == 200, url
        assert _no_store(answer), url
    for url in ("/login/", "/admin/", "/review/"):  # login pages; a refusal to an anonymous visitor
        assert _no_store(anonymous.get(url)), url


@pytest.mark.django_db
def test_an_answer_to_a_bearer_token_is_no_store(viewer: Any) -> None:
    from letapis.api.tokens import do_create_token

    _, token = do_create_token(None, viewer, "t")
    answer = Client().get("/api/v1/persons", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert answer.status_code == 200
    assert _no_store(answer)
