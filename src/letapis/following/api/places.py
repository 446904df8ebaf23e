"""API operations of following: Places of detention and the letter sheet."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["following"])
