"""Errors are JSON, always: ``{"detail": "what went wrong"}`` with a 4xx code.

The API's own exception handlers cover what the operations raise (a service refusing input is
400, a version conflict 409, an unknown id 404, input of the wrong shape 422 with the fields in
``errors``). :class:`JsonErrorsMiddleware` covers what happens outside them under ``/api/``: a
path that does not exist, a method not allowed, a body Django refuses, and (should it happen) an
unexpected exception, which is logged and answered with a JSON 500 rather than an HTML page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from letapis.read.records import NotFound, Refused
from letapis.registry.services import Conflict, ServiceError

if TYPE_CHECKING:
    from ninja.main import ExcHandler

logger = logging.getLogger("letapis.api")

API_PREFIX = "/api/"


def _location(error: dict[str, Any]) -> str:
    return ".".join(str(part) for part in error.get("loc", ()) if part not in ("query", "body", "path", "payload"))


def validation_message(errors: list[dict[str, Any]]) -> str:
    """One line naming each field in error, e.g. ``on: Input should be a valid date``."""
    parts = []
    for error in errors[:5]:
        where = _location(error)
        parts.append(f"{where}: {error.get('msg', 'invalid')}" if where else str(error.get("msg", "invalid")))
    return "invalid input: " + "; ".join(parts)


def install_handlers(api: NinjaAPI) -> None:
    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors]
        return api.create_response(request, {"detail": validation_message(exc.errors), "errors": errors}, status=422)

    def on_conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc)}, status=409)

    def on_service_error(request: HttpRequest, exc: ServiceError) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc)}, status=400)

    def on_refused(request: HttpRequest, exc: Refused) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc)}, status=400)

    def on_not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc)}, status=404)

    def on_missing(request: HttpRequest, exc: ObjectDoesNotExist) -> HttpResponse:
        return api.create_response(request, {"detail": "not found"}, status=404)

    def on_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc) or "permission denied"}, status=403)

    def on_anything(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error on %s %s", request.method, request.path, exc_info=exc)
        return api.create_response(request, {"detail": "internal error: it was logged"}, status=500)

    def handle[E: Exception](exc_class: type[E], handler: Callable[[HttpRequest, E], HttpResponse]) -> None:
        # ninja declares a handler as taking the exception or its class; it is given the exception
        api.add_exception_handler(exc_class, cast("ExcHandler[E]", handler))

    handle(ValidationError, on_validation)
    handle(Conflict, on_conflict)
    handle(ServiceError, on_service_error)
    handle(Refused, on_refused)  # a filter the read layer cannot use
    handle(NotFound, on_not_found)
    handle(ObjectDoesNotExist, on_missing)
    handle(PermissionDenied, on_denied)
    handle(Exception, on_anything)


def _is_json(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").split(";")[0].strip() in ("application/json", "application/problem+json")


def _message(response: HttpResponse) -> str:
    reason = HTTPStatus(response.status_code).phrase if response.status_code in HTTPStatus._value2member_map_ else ""
    if response.status_code == 404:
        return "no such API path: see /api/v1/openapi.json"
    if response.status_code == 405:
        allowed = response.get("Allow", "")
        return f"method not allowed here (allowed: {allowed})" if allowed else "method not allowed here"
    body = b"" if getattr(response, "streaming", False) else response.content
    text = body.decode("utf-8", "replace").strip()
    if text and len(text) < 200 and "<" not in text:
        return text
    return reason.lower() or f"error {response.status_code}"


class JsonErrorsMiddleware:
    """Under ``/api/``, turn any error response that is not JSON into ``{"detail": …}``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX) or response.status_code < 400 or _is_json(response):
            return response
        replaced = JsonResponse({"detail": _message(response)}, status=response.status_code)
        for header in ("Allow", "Retry-After", "WWW-Authenticate"):
            if header in response:
                replaced[header] = response[header]
        return replaced

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not request.path.startswith(API_PREFIX):
            return None
        logger.exception("API error on %s %s", request.method, request.path, exc_info=exception)
        return JsonResponse({"detail": "internal error: it was logged"}, status=500)
