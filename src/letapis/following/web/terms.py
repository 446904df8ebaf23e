"""Pages of following: Expected end of term: the person's term section."""

from __future__ import annotations

from typing import Any

urlpatterns: list[Any] = []
