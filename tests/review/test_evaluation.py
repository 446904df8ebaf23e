"""The extractor scored against the claims editors decided (letapis.review.evaluation), through
the service the CLI and the dashboard share; confidential decisions count only for those who
may see them."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from letapis.cli import main
from letapis.registry.models import Claim, ClaimState
from letapis.review.evaluation import Decision, compare, extraction_figures, latest_figures
from letapis.review.services import do_reject_claim
from tests.review.evaluation_helpers import make_decisions, today


def test_compare_counts_found_facts_and_repeated_rejections() -> None:
    decisions = [
        Decision("person", {"name": "Ryhor Novy"}, accepted=True),
        Decision("person", {"name": "Ala Staraja"}, accepted=True),
        Decision("status", {"person_name": "Ryhor Novy", "status": "released"}, accepted=True, edited=True),
        Decision("status", {"person_name": "Ivan Sudzdzia", "status": "released"}, accepted=False),
        Decision("occupation", {"person_name": "Ryhor Novy", "occupation": "poet"}, accepted=False),
        Decision("event", {"type": "release", "date": "2025-12-13", "count": 52}, accepted=True),
        Decision("event", {"type": "detention", "date": "2025-12-12"}, accepted=True),
    ]
    proposals = [
        ("person", {"name": "Рыгор Новы", "name_latin": "Ryhor Novy"}),  # another script, the same person
        ("status", {"person_name": "Рыгор Новы", "status": "released"}),
        ("status", {"person_name": "Ivan Sudzdzia", "status": "released"}),
        ("event", {"type": "release", "date": "2025-12-13", "count": 52}),
        ("event", {"type": "detention", "date": "2025-12-11"}),  # another day: not the accepted one
    ]
    tallies = compare(proposals, decisions)
    assert (tallies["person"].accepted, tallies["person"].found) == (2, 1)
    assert (tallies["status"].accepted, tallies["status"].edited, tallies["status"].found) == (1, 1, 1)
    assert (tallies["status"].rejected, tallies["status"].repeated) == (1, 1)
    assert (tallies["occupation"].rejected, tallies["occupation"].repeated, tallies["occupation"].avoided) == (
        1,
        0,
        1.0,
    )
    assert (tallies["event"].accepted, tallies["event"].found, tallies["event"].recall) == (2, 1, 0.5)
    assert tallies["status"].precision == 0.5 and tallies["honour"].recall is None


def test_one_proposal_does_not_find_two_accepted_persons() -> None:
    decisions = [
        Decision("person", {"name": "Ales Bialiatski"}, accepted=True),
        Decision("person", {"name": "Aleś Bialacki"}, accepted=True),
    ]
    assert compare([("person", {"name": "Алесь Бяляцкі"})], decisions)["person"].found == 1


@pytest.fixture(autouse=True)
def _own_figures_folder(settings: Any, tmp_path: Any) -> None:
    """Each test keeps the extractor's figures in a folder of its own."""
    settings.EXTRACT_EVAL_DIR = tmp_path / "extract-eval"


@pytest.fixture
def decided(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    return make_decisions(monkeypatch)


@pytest.mark.django_db
def test_the_figures_of_a_team_member_count_the_decisions_they_may_see(decided: dict[str, Any], viewer: Any) -> None:
    figures = extraction_figures(viewer)
    assert (figures.sources, figures.claims, figures.tier) == (1, 8, "internal")
    person, status = figures.by_kind["person"], figures.by_kind["status"]
    assert (person.accepted, person.found) == (3, 3)
    assert (status.accepted, status.edited, status.found) == (2, 1, 2)  # the edit to "released" is found today
    assert (status.rejected, status.repeated, status.precision) == (1, 1, 2 / 3)  # the judge is still "released"
    occupation = figures.by_kind["occupation"]
    assert (occupation.accepted, occupation.found, occupation.recall) == (1, 0, 0.0)  # Ala Staraja's role is lost
    assert (figures.by_kind["event"].accepted, figures.by_kind["event"].found) == (1, 1)
    assert set(figures.by_language) == {"en"}
    assert figures.by_language["en"]["status"].repeated == 1
    assert figures.total.accepted == 7 and figures.total.found == 6


@pytest.mark.django_db
def test_a_confidential_source_counts_only_for_those_who_may_see_it(decided: dict[str, Any], confidant: Any) -> None:
    team = extraction_figures(None)
    assert team.tier == "public" and team.claims == 0  # the public: no internal or confidential source
    seeing = extraction_figures(confidant)
    assert (seeing.sources, seeing.claims, seeing.tier) == (2, 9, "confidential")
    assert seeing.by_kind["person"].accepted == 4


@pytest.mark.django_db
def test_figures_are_cached_per_tier_until_a_decision_changes_them(
    decided: dict[str, Any], viewer: Any, confidant: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert latest_figures(viewer) == (None, False)
    first = extraction_figures(viewer)
    calls: list[int] = []
    monkeypatch.setattr("letapis.review.evaluation._run", lambda source: calls.append(source.pk) or today(source.text))
    assert extraction_figures(viewer) == first and calls == []  # cached
    assert latest_figures(viewer) == (first, False)
    assert latest_figures(confidant) == (None, False)  # another tier: not computed yet
    pending = Claim.objects.filter(state=ClaimState.PROPOSED, kind="occupation").first()
    assert pending is not None
    do_reject_claim(None, pending)
    shown, stale = latest_figures(viewer)
    assert shown == first and stale  # the last figures, marked as older than the decisions
    again = extraction_figures(viewer)
    assert calls and again.claims == first.claims + 1


@pytest.mark.django_db
def test_letapis_extract_eval_prints_the_figures(decided: dict[str, Any], viewer: Any) -> None:
    runner = CliRunner()
    out = runner.invoke(main, ["extract", "eval", "--json", "--level", "internal"], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert (data["sources"], data["claims"], data["tier"]) == (1, 8, "internal")
    shown, stale = latest_figures(viewer)  # kept for the team's tier: the dashboard shows them
    assert shown is not None and shown.to_dict() == data and not stale
    assert data["by_kind"]["status"]["repeated"] == 1 and data["by_language"]["en"]["person"]["found"] == 3
    everything = runner.invoke(main, ["extract", "eval"], catch_exceptions=False)
    assert everything.exit_code == 0
    assert "2 sources, 9 decided claims" in everything.stdout and "status" in everything.stdout
    public = runner.invoke(main, ["extract", "eval", "--level", "public"], catch_exceptions=False)
    assert "0 sources, 0 decided claims" in public.stdout and "No decided claims yet" in public.stdout
