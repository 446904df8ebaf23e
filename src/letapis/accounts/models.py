"""Users and their roles.

Roles grow: a ``viewer`` reads internal data; a ``researcher`` also uploads sources and proposes
claims; an ``editor`` also accepts and rejects claims and edits the registry; an ``admin`` also
manages users and settings. Confidential records are shown only to users with
``sees_confidential``, whatever their role.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    VIEWER = "viewer", "viewer"
    RESEARCHER = "researcher", "researcher"
    EDITOR = "editor", "editor"
    ADMIN = "admin", "admin"


ROLE_ORDER = [Role.VIEWER, Role.RESEARCHER, Role.EDITOR, Role.ADMIN]


class User(AbstractUser):
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.VIEWER)
    sees_confidential = models.BooleanField(default=False, help_text="May read records marked confidential.")

    def has_role(self, role: str) -> bool:
        """True when the user's role is ``role`` or above it."""
        if not self.is_active:
            return False
        if self.is_superuser:
            return True
        return ROLE_ORDER.index(Role(self.role)) >= ROLE_ORDER.index(Role(role))
