"""Import of existing lists: mapping, dry run, matches, conflicts, one transaction, round trip."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from letapis.registry.models import Claim, Person, Source
from letapis.reports import exports
from letapis.reports.imports import ImportError_, Mapping, run_import


def _team() -> Any:
    from letapis.accounts.models import User

    return User(username="t", is_superuser=True, sees_confidential=True, is_active=True)


def _wipe_registry() -> None:
    """An empty database: the demo's records removed (claims first, they protect sources)."""
    from letapis.registry.models import Event, Organisation

    Claim.objects.all().delete()
    Source.objects.all().delete()
    Person.objects.all().delete()
    Event.objects.filter(parent__isnull=False).delete()
    Event.objects.all().delete()
    Organisation.objects.all().delete()


def test_the_xlsx_round_trip_recreates_every_person_then_matches_them(demo: Any) -> None:
    from letapis.registry import services as s
    from letapis.registry.models import CriminalCase

    case = CriminalCase.objects.exclude(sentence_kind="").order_by("id").first()
    assert case is not None
    s.do_update_criminal_case(None, case, court_name="Minsk City Court", judge_name="Ivan Judge", appeal_date="2022-05")
    rows = exports.persons_table(_team())
    workbook = exports.to_xlsx(rows, exports.columns_of(rows, _team()))
    before = {r["name"]: r for r in rows}
    _wipe_registry()
    assert Person.objects.count() == 0

    dry = run_import(workbook, "registry.xlsx", actor=_team())
    assert dry.counts()["new"] == len(rows) and Person.objects.count() == 0

    done = run_import(workbook, "registry.xlsx", commit=True, actor=_team())
    assert done.created_persons == len(rows)
    after = {r["name"]: r for r in exports.persons_table(_team())}
    assert set(after) == set(before)
    assert "Minsk City Court" in {r["court"] for r in after.values()}
    for name, row in before.items():
        for column in (
            "name_native",
            "name_lacinka",
            "occupations",
            "memberships",
            "detention_date",
            "sentence_months",
            "articles",
            "sentence_regime",
            "court",
            "judge",
            "appeal_date",
            "release_date",
            "status",
        ):
            assert after[name][column] == row[column], (name, column)
    source = Source.objects.get(pk=done.source_id)
    assert Claim.objects.filter(source=source, proposer="import:registry.xlsx").count() == done.created_facts

    again = run_import(workbook, "registry.xlsx", commit=True, actor=_team())  # as the team sees it
    assert again.counts()["match"] == len(rows)
    assert again.created_persons == 0 and again.created_facts == 0
    assert all(r.additions == [] and r.conflicts == [] for r in again.rows)
    assert Person.objects.count() == len(rows)


def test_a_csv_in_cp1251_with_a_saved_mapping_reports_matches_and_conflicts(demo: Any, tmp_path: Path) -> None:
    text = (
        "ФИО;Дата рождения;Профессия;Статус\n"
        "Алесь Беляцкий;1962-09-25;правозащитник;held\nИван Новиков;1980;поэт;held\n"
    )
    mapping_file = tmp_path / "viasna.yaml"
    mapping_file.write_text(
        "columns: {name: ФИО, birth_date: Дата рождения, occupations: Профессия, status: Статус}\n", encoding="utf-8"
    )
    bialacki = Person.objects.get(display_name="Aleś Bialacki")
    bialacki.birth_date = "1962-09-26"
    bialacki.save(update_fields=["birth_date"])

    report = run_import(text.encode("cp1251"), "viasna.csv", Mapping.load(mapping_file))
    first, second = report.rows
    assert first.outcome == "match" and first.person_id == bialacki.pk and first.reason != ""
    assert any("birth date" in c for c in first.conflicts)
    assert any(c.startswith("status: file held, registry released") for c in first.conflicts)
    assert second.outcome == "new"

    run_import(text.encode("cp1251"), "viasna.csv", Mapping.load(mapping_file), commit=True)
    bialacki.refresh_from_db()
    assert bialacki.birth_date == "1962-09-26"  # never overwritten
    novikov = Person.objects.get(display_name="Иван Новиков")
    assert list(novikov.occupations.values_list("code", flat=True)) == ["poet"]
    assert novikov.confidentiality == "internal" and not novikov.publishable


def test_a_failing_commit_leaves_nothing_behind(demo: Any, monkeypatch: Any) -> None:
    from letapis.reports import imports

    persons, sources = Person.objects.count(), Source.objects.count()
    original = imports.s.do_add_occupation

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("disk full")

    monkeypatch.setattr(imports.s, "do_add_occupation", boom)
    with pytest.raises(RuntimeError):
        run_import(b"name,occupations\nNowy Czlowiek,poet\n", "list.csv", commit=True)
    monkeypatch.setattr(imports.s, "do_add_occupation", original)
    assert Person.objects.count() == persons and Source.objects.count() == sources


def test_it_refuses_bad_files_and_mappings(db: Any, tmp_path: Path) -> None:
    with pytest.raises(ImportError_, match="reads .csv and .xlsx"):
        run_import(b"x", "list.pdf")
    with pytest.raises(ImportError_, match="no column 'name'"):
        run_import(b"a,b\n1,2\n", "list.csv")
    bad = tmp_path / "m.yaml"
    bad.write_text("columns: {surname: X}\n", encoding="utf-8")
    with pytest.raises(ImportError_, match="unknown fields surname"):
        Mapping.load(bad)
    with pytest.raises(ImportError_, match="not an XLSX workbook: it looks like text"):
        run_import(b"not a zip", "list.xlsx")
