"""Pages of following: The weekly digest, subscriptions and the inbox."""

from __future__ import annotations

from typing import Any

urlpatterns: list[Any] = []
