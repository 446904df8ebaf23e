"""The server's error pages (400, 403, 404, 500) in the application's style and language.

Django's own handlers render ``400.html``, ``403.html`` and ``404.html`` (these templates, with the
request: the header, the menu and the language switch are there). A 500 is different: the error
may be the database or the session, so ``server_error`` renders ``500.html`` without the request
and its context processors (no user, no database query), only the language already chosen.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseServerError
from django.template import loader
from django.utils.translation import get_language


def server_error(request: HttpRequest) -> HttpResponseServerError:
    """The 500 page: a plain template, no database, no request user (``handler500``)."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"LANGUAGE_CODE": get_language() or "en"}))
