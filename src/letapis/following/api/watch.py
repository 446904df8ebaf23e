"""API operations of following: Watch lists: due for release, overdue, silent, birthdays; the dashboard panel."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["following"])
