"""Expensive anonymous pages: the monitoring report is cached per parameters and registry state,
and its renders run in a limited number of slots."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from letapis.registry import services as s
from letapis.reports import monitoring
from letapis.reports.throttle import render_slot

from .conftest import verified

PDF = "/reports/monitoring/?from=2025-01-01&to=2025-12-31&format=pdf"


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the reports built."""
    calls: list[int] = []
    real = monitoring.build_report

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(monitoring, "build_report", counted)
    return calls


def test_the_anonymous_pdf_is_made_once_until_the_registry_changes(
    demo: Any, client: Client, builds: list[int]
) -> None:
    first, second = client.get(PDF), client.get(PDF)
    assert first.status_code == second.status_code == 200 and first.content == second.content
    assert first.content.startswith(b"%PDF") and len(builds) == 1
    assert client.get(PDF + "&lang=be").status_code == 200 and len(builds) == 2
    s.do_create_person(None, names=["Nowy Čałaviek"], confidentiality="public", publishable=True)
    assert client.get(PDF).status_code == 200 and len(builds) == 3


def test_the_teams_report_is_not_cached(demo: Any, editor: Any, builds: list[int]) -> None:
    team = verified(editor)
    assert team.get(PDF).status_code == 200 and team.get(PDF).status_code == 200 and len(builds) == 2


def test_an_anonymous_render_when_every_slot_is_taken_is_a_503(demo: Any, client: Client, builds: list[int]) -> None:
    with render_slot(1):
        answer = client.get(PDF)
    assert answer.status_code == 503 and answer["Retry-After"] == "5" and builds == []
    assert "retry in a few seconds" in answer.content.decode()
    assert client.get(PDF).status_code == 200  # the slot is free again
