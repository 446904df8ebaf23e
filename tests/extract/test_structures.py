"""The extractor on the project's own structure set (issue 15), scored with the shared scorer.

tests/extract/structures/ holds texts written in our words that reproduce the structures of real
statements (tests/extract/studied/*.yaml), with gold per language: ``dev/`` is tuned on, ``holdout/``
is only measured. The floors below are the extractor's figures at the last measure (first when the
set was added, then after the first round of names and clauses work); work on the extractor raises
them (a floor is never lowered to make a change pass). docs/extract.md gives the figures.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.extract.scoring import score

STRUCTURES = Path(__file__).parent / "structures"
LANGUAGES = ("en", "ru", "be")
FIGURES = ("person_recall", "person_precision", "status_acc", "role_f1", "event_recall", "event_person_recall")

# (split, language) -> floors in the order of FIGURES: the figures of main at 02bc790, after the
# first round of names and clauses work, events raised after the events reading of issue 15 (the
# set's own first figures are in docs/extract.md)
FLOORS: dict[tuple[str, str], tuple[float, ...]] = {
    # roles raised after the role reading of issue 15 (the *-51/*-52 role texts included), status
    # after the status reading (lists after "N of them", relative clauses, in absentia verbs,
    # non-custodial verdicts); with the status texts *-53 (dev) and *-54 (holdout) added, whose
    # gold was committed before the extractor read them (f17a032; *-55/*-56 in 4d33437): dev en roles 0.91 → 0.84 is
    # that set change (en-53's gold gives the five defendants no "volunteer" role, the extractor
    # gives it to four of them and to a relative), the older dev en texts still give 0.912
    # events raised after the second event reading (the *-57 event texts included, gold committed
    # before any run in f12784e)
    ("dev", "en"): (1.00, 1.00, 1.00, 0.85, 0.95, 0.95),
    ("dev", "ru"): (1.00, 1.00, 1.00, 1.00, 1.00, 1.00),
    # roles 0.90 → 0.92 with be-59/be-61 and the rebuilt Belarusian real set's fixes
    ("dev", "be"): (1.00, 1.00, 1.00, 0.92, 1.00, 1.00),
    # status 0.87 → 0.84: not a change of the extractor but of the set, en-52 (a directory whose
    # lines "…: civic activist; released on …" and a "remain in custody" group the status reading
    # does not yet follow) was added with the role texts; the older texts still give 0.878
    ("holdout", "en"): (1.00, 1.00, 0.90, 0.88, 0.86, 0.86),
    # status 0.82 → 0.81 with ru-54; its "Жена Статкевича Марина Адамович", once read as "Марина
    # Статкевича" (persons 0.97), is two persons since the relative's genitive is kept apart
    # raised after the Russian reading of 7 December (dash lists, verdict datives, releases in
    # other words, awaited releases, transfers) with ru-58/60/62 added, gold committed before
    # any run; main before it gave 0.803 / 0.943 / 0.812 / 0.688 on the 16 texts
    ("holdout", "ru"): (1.00, 1.00, 0.93, 0.94, 0.93, 0.93),
    # with the four Łacinka texts (be-23 … be-26): holdout be was 1.00 / 0.87 / 0.87 on persons
    # and events before they were added; read without the orthography layer they give 0.971,
    # 0.657, 0.909, 0.818, 0.818
    # status 0.88 → 0.87 and roles 0.98 → 0.96 with be-56 (Łacinka, gold committed before any run
    # in 4d33437): a medical leave told as "adpuścili na dziesiać dzion pa stanie zdaroŭja" and
    # "piensijanera" are not read; the older texts still give 0.886 and 0.980
    # be-60 (Łacinka, gold committed before any run) read in full: 0.98 / 0.94 / 0.88 / 0.88
    ("holdout", "be"): (0.98, 1.00, 0.94, 0.96, 0.88, 0.88),
}


@cache
def _figures(split: str, lang: str) -> dict[str, Any]:
    return score(STRUCTURES / split / f"gold-{lang}.json", STRUCTURES / split)


def test_the_set_is_large_enough_and_every_text_has_its_gold() -> None:
    per_language = dict.fromkeys(LANGUAGES, 0)
    for split in ("dev", "holdout"):
        texts = {p.name for p in (STRUCTURES / split).glob("*.txt")}
        gold: set[str] = set()
        for lang in LANGUAGES:
            docs = json.loads((STRUCTURES / split / f"gold-{lang}.json").read_text(encoding="utf-8"))["docs"]
            assert all(d["language"] == lang and name.startswith(f"{lang}-") for name, d in docs.items())
            gold |= set(docs)
            per_language[lang] += len(docs)
        assert texts == gold, texts ^ gold
    assert sum(per_language.values()) >= 60
    assert min(per_language.values()) >= 20, per_language


@pytest.mark.parametrize(("split", "lang"), sorted(FLOORS))
def test_the_extractor_keeps_its_floors_on_the_structure_set(split: str, lang: str) -> None:
    figures = _figures(split, lang)
    below = {
        name: (round(figures[name], 3), floor)
        for name, floor in zip(FIGURES, FLOORS[(split, lang)], strict=True)
        if figures[name] + 1e-9 < floor
    }
    assert not below, (below, figures["misses"])
