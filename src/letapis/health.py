"""``/healthz``: the process answers (for a proxy's or a monitor's health probe, and the load
test's baseline). It touches neither the database nor the session, and says nothing about the
registry."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from letapis.web.access import anyone


@never_cache
@require_safe
@anyone
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
