"""Pages of following: Watch lists: due for release, overdue, silent, birthdays; the dashboard panel."""

from __future__ import annotations

from typing import Any

urlpatterns: list[Any] = []
