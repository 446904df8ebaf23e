"""API operations of following: The weekly digest, subscriptions and the inbox."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["following"])
