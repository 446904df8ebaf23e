"""Pages of following: Places of detention and the letter sheet."""

from __future__ import annotations

from typing import Any

urlpatterns: list[Any] = []
