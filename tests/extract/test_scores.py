"""The acceptance figures of the extractor on the seed and on the project's own sets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEED, SHARED
from tests.extract.scoring import score

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def seed() -> dict[str, Any]:
    return score(SHARED / "eval" / "seed-gold.json", SEED.parent)


def test_the_seed_meets_the_acceptance_figures(seed: dict[str, Any]) -> None:
    assert seed["documents"] == 1
    assert seed["person_recall"] == 1.0, seed["misses"]
    assert seed["person_precision"] == 1.0, seed["misses"]
    assert seed["status_acc"] == 1.0, seed["misses"]
    assert seed["role_f1"] >= 0.95, seed["misses"]
    assert seed["event_recall"] == 1.0, seed["misses"]


def test_the_dev_set_meets_the_acceptance_figures() -> None:
    dev = score(HERE / "dev" / "gold.json", HERE / "dev")
    assert dev["documents"] == 12
    assert dev["person_recall"] >= 0.9, dev["misses"]
    assert dev["status_acc"] >= 0.9, dev["misses"]


def test_the_in_process_score_agrees_with_the_scorer_format(seed: dict[str, Any]) -> None:
    # the scorer reads names from "name", "name_latin" and "names": the seed's Łacinka gold
    # aliases are matched through name_latin of English-press spellings too
    assert seed["misses"] == []


def test_the_held_out_set_meets_the_acceptance_figures() -> None:
    # written with its gold before the extractor was first run on it (see docs/extract.md for the
    # figures before and after the general fixes it prompted)
    holdout = score(HERE / "holdout" / "gold.json", HERE / "holdout")
    assert holdout["documents"] >= 15
    assert holdout["person_recall"] >= 0.9, holdout["misses"]
    assert holdout["status_acc"] >= 0.9, holdout["misses"]
