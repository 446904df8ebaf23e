"""Who acts and who reads, as types for the services and the read functions.

A service takes an :data:`Actor`: a user, or ``None`` for the system (the demo loader, imports,
background work and commands run without an operator), which the audit log records as such.
A read takes a :data:`Viewer`: a user, the anonymous visitor of a page (``request.user`` before
login) or ``None``, both of which read what the public reads.

The aliases are lazy (``type`` statements), so importing them loads no model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from letapis.accounts.models import User

__all__ = ["Actor", "Viewer"]

type Actor = User | None
type Viewer = User | AnonymousUser | None
