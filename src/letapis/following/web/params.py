"""The query parameters following's pages share (a day, a number of days, ids), read so that a
value that cannot be read is said on the page, in the reader's language, and the page is shown
for the default instead — never a silent fall-back, never an error page."""

from __future__ import annotations

import re
from datetime import date

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from letapis.web import common

_IDS = re.compile(r"^\s*\d+(\s*,\s*\d+)*\s*,?\s*$")


def day(request: HttpRequest, default: date, name: str = "on") -> date:
    """The day ``?on=`` asks for, or ``default`` (with a message when it cannot be read)."""
    text = request.GET.get(name, "")
    parsed = common.parse_day(text)
    if parsed is None and text.strip() != "":
        messages.error(request, _("“%(value)s” is not a date: use YYYY-MM-DD.") % {"value": text[:40]})
    return parsed or default


def days(request: HttpRequest, default: int, most: int) -> int:
    """The number of days ``?days=`` asks for (0 to ``most``), or ``default`` (with a message)."""
    text = request.GET.get("days", "").strip()
    if text.isdigit() and int(text) <= most:
        return int(text)
    if text != "":
        messages.error(
            request, _("“%(value)s” is not a number of days: use 0 to %(most)s.") % {"value": text[:40], "most": most}
        )
    return default


def ids(request: HttpRequest, name: str = "persons") -> str:
    """The ids ``?persons=`` lists, as given when they are numbers separated by commas, else
    none (with a message)."""
    text = request.GET.get(name, "")[:5000]
    if text.strip() == "" or _IDS.match(text):
        return text
    messages.error(
        request, _("“%(value)s” is not a list of ids: use numbers separated by commas.") % {"value": text[:40]}
    )
    return ""
