"""API tokens for scripts.

Only the SHA-256 of a token is stored: the token itself is printed once when it is created
(``letapis token create USER``) and cannot be read back. ``prefix`` (its first characters) names
a token in lists and on revocation without revealing it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True, help_text="What the token is for (a script's name).")
    prefix = models.CharField(max_length=16, db_index=True, help_text="The token's first characters, to name it.")
    digest = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the token (hex).")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        state = " (revoked)" if self.revoked_at is not None else ""
        return f"token {self.prefix}… of {self.user}{state}"
