"""The extractor's figures on the web: the page that computes them and the dashboard card that
shows the last ones, each for the viewer's own audience tier."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.review.evaluation_helpers import make_decisions
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_figures_folder(settings: Any, tmp_path: Any) -> None:
    """Each test keeps the extractor's figures in a folder of its own."""
    settings.EXTRACT_EVAL_DIR = tmp_path / "extract-eval"


@pytest.fixture
def decided(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    return make_decisions(monkeypatch)


def test_the_page_computes_the_figures_and_the_dashboard_shows_them(decided: dict[str, Any], viewer: Any) -> None:
    client = logged_in(viewer)
    before = client.get("/").content.decode()
    assert 'data-testid="extraction"' in before and "Compute the figures" in before
    page = client.get("/extraction/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "8 reviewed claims from 1 sources" in html and 'data-testid="extraction-figures"' in html
    assert 'data-label="Recall">0.000<' in html  # the lost occupation
    after = client.get("/").content.decode()
    assert "6 of 7 accepted facts found again" in after and "1 of 1 rejected proposals made again" in after


def test_a_confidant_counts_the_confidential_source_and_a_viewer_does_not(
    decided: dict[str, Any], viewer: Any, confidant: Any
) -> None:
    confidant_client, viewer_client = logged_in(confidant), logged_in(viewer)
    assert "9 reviewed claims from 2 sources" in confidant_client.get("/extraction/").content.decode()
    assert "7 of 8 accepted facts found again" in confidant_client.get("/").content.decode()
    dashboard = viewer_client.get("/").content.decode()  # the confidant's figures are not the viewer's
    assert "7 of 8" not in dashboard and "Compute the figures" in dashboard
    assert "8 reviewed claims from 1 sources" in viewer_client.get("/extraction/").content.decode()
    assert "6 of 7 accepted facts found again" in viewer_client.get("/").content.decode()


def test_visitors_neither_see_nor_compute_the_figures(decided: dict[str, Any]) -> None:
    anonymous = Client()
    assert 'data-testid="extraction"' not in anonymous.get("/").content.decode()
    answer = anonymous.get("/extraction/")
    assert answer.status_code == 302 and "/login/" in answer["Location"]


def test_the_page_reads_in_belarusian(decided: dict[str, Any], viewer: Any) -> None:
    client = logged_in(viewer)
    html = client.get("/extraction/", HTTP_ACCEPT_LANGUAGE="be").content.decode()
    assert "Аўтаматычнае чытанне" in html and "Паўната" in html
