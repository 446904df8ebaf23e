"""API operations of following: Expected end of term: the person's term section."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["following"])
