"""The watch lists on the demo registry, checked by hand against docs/following.md#terms's ends."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from letapis.following import watch

pytestmark = pytest.mark.django_db


def listed(name: str, day: date, user: Any, days: int) -> list[tuple[str, int]]:
    return [(e["name"], e["days"]) for e in watch.watch_list(name, day, user, days)]


def test_due_for_release_in_the_demo(following_demo: Any, viewer: Any) -> None:
    for user in (None, viewer):
        # Hanna Prykład: 3 years from her detention of 10 August 2021, a year added → 10 August 2025
        assert listed("due", date(2025, 7, 1), user, 90) == [("Hanna Prykład", 40)]
        assert listed("due", date(2025, 7, 1), user, 30) == []
        # Ihar Uzor: credit at 1.5 days a day, a verdict of "2023-11" → 6 … 21 February 2025
        rows = list(watch.due(date(2024, 12, 1), user, 90))
        assert [(e["name"], e["days"], e["end_earliest"], e["end_latest"]) for e in rows] == [
            ("Ihar Uzor", 67, "2025-02-06", "2025-02-21")
        ]
        assert rows[0]["place"] is not None and rows[0]["place"]["name"] == "SIZO No. 1, Minsk"


def test_silent_in_the_demo(following_demo: Any) -> None:
    # after the release of 13 December 2025: those still held, none heard from since custody
    # began (the verdict of "2022-09", the transfer of "2022-12" and of "2023-12")
    assert listed("silent", date(2025, 12, 14), None, 60) == [
        ("Dzianis Ivašyn", 1171),
        ("Kaciaryna Andrejeva", 1079),
        ("Andrzej Poczobut", 714),
    ]
    # Hanna Prykład's family visit of "2025-05" counts from 31 May: silent for 30 days on 1 July, not 31
    assert ("Hanna Prykład", 31) in listed("silent", date(2025, 7, 1), None, 30)
    assert "Hanna Prykład" not in [n for n, _ in listed("silent", date(2025, 7, 1), None, 31)]


def test_overdue_in_the_demo(following_demo: Any, viewer: Any, confidant: Any) -> None:
    for user in (None, viewer, confidant):
        # Hanna Prykład's term ended on 10 August 2025 (a year added for "disobedience"); she
        # was released on 1 October 2025: overdue from 11 August to 30 September
        assert listed("overdue", date(2025, 8, 10), user, 0) == []
        assert listed("overdue", date(2025, 8, 11), user, 0) == [("Hanna Prykład", 1)]
        assert listed("overdue", date(2025, 9, 1), user, 0) == [("Hanna Prykład", 22)]
        assert listed("overdue", date(2025, 9, 1), user, 30) == []
        assert listed("overdue", date(2025, 9, 30), user, 0) == [("Hanna Prykład", 51)]
        assert listed("overdue", date(2025, 10, 1), user, 0) == []
        # Ihar Uzor was released on the last day his term could end; Maksim Zrazok died in custody
        for day in (date(2025, 2, 21), date(2025, 3, 1), date(2027, 6, 2), date(2025, 12, 14)):
            assert listed("overdue", day, user, 0) == []
