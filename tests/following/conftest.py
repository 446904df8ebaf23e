"""The demo registry with the data of following a term (places, transfers, invented histories)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def following_demo(db: Any) -> Any:
    from letapis.registry.demo import load_demo

    return load_demo(following=True)
