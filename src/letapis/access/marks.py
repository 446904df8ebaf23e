"""The marks a page or an API operation carries: who may call it.

A view declares itself with a decorator of :mod:`letapis.web.access` (pages) or
:mod:`letapis.api.auth` (API operations); both set an :class:`Access` on the view (and on the
request when it runs), which ``tests/web/test_access_decorators.py`` reads for every URL. The
marks live here, below both, so that neither the pages nor the API imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: The attribute that carries a view's (or an API operation's) :class:`Access`.
ATTR = "letapis_access"


@dataclass(frozen=True)
class Access:
    """Who may call a view: ``kind`` is ``public``, ``anyone`` or ``role``; ``role`` the least
    role (with the second factor when the user's role needs one); ``grant`` the confidential grant."""

    kind: str
    role: str | None = None
    grant: bool = False


PUBLIC = Access("public")
ANYONE = Access("anyone")


def access_of(view: Any) -> Access | None:
    """The access a view or API operation declared, or ``None`` when it declared none."""
    found = getattr(view, ATTR, None)
    return found if isinstance(found, Access) else None
