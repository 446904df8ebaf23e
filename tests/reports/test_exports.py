"""Exports respect the caller's access and neutralise formulas."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from openpyxl import load_workbook

from letapis.registry import services as s
from letapis.registry.models import Person
from letapis.reports import exports


def test_csv_neutralises_cells_a_spreadsheet_would_run(db: Any) -> None:
    s.do_create_person(None, names=['=HYPERLINK("http://evil")', "-2+3"], publishable=True)
    rows = exports.persons_table(_team())
    text = exports.to_csv(rows, exports.columns_of(rows, _team()))
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert '\'=HYPERLINK("http://evil")' in cells
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)


def _team() -> Any:
    from letapis.accounts.models import User

    return User(username="t", is_superuser=True, sees_confidential=True, is_active=True)


def test_the_public_export_holds_only_publishable_persons_and_no_confidentiality(demo: Any) -> None:
    s.do_update_person(None, Person.objects.get(display_name="Vacłaŭ Areška"), publishable=False)
    rows = exports.persons_table(None)
    names = {r["name"] for r in rows}
    assert "Vacłaŭ Areška" not in names and "Aleś Bialacki" in names
    assert "confidentiality" not in exports.columns_of(rows, None)
    team = exports.persons_table(_team())
    assert "Vacłaŭ Areška" in {r["name"] for r in team} and "confidentiality" in team[0]


def test_the_persons_table_takes_a_fixed_number_of_queries(demo: Any, django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(13):
        rows = exports.persons_table(None)
    bialacki = next(r for r in rows if r["name"] == "Aleś Bialacki")
    assert bialacki["name_native"] == "Алесь Бяляцкі" and bialacki["status"] in ("released", "held")
    assert bialacki["memberships"] == "PEN Belarus (member)" and bialacki["release_date"] == "2025-12-13"


def test_xlsx_round_trips_every_row_as_text(demo: Any) -> None:
    rows = exports.persons_table(None)
    columns = exports.columns_of(rows, None)
    sheet = load_workbook(io.BytesIO(exports.to_xlsx(rows, columns))).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == columns and len(values) == len(rows) + 1


def test_registry_json_for_the_public_leaves_out_internal_notes(demo: Any) -> None:
    text = json.dumps(exports.registry_json(None), ensure_ascii=False)
    assert "Family contact" not in text and "private channel" not in text
    assert "Habilitated Doctor" in text  # a public note stays
    team = json.dumps(exports.registry_json(_team()), ensure_ascii=False)
    assert "Family contact" in team and "private channel" in team


def test_ftm_entities_follow_the_schema(demo: Any) -> None:
    from followthemoney import model

    entities = exports.ftm_entities(None)
    schemata = {e["schema"] for e in entities}
    assert {"Person", "Organization", "Membership", "Event", "Documentation"} <= schemata
    for entity in entities:
        proxy = model.get_proxy(entity)  # raises on an unknown schema or property
        assert proxy.id is not None
    bialacki = next(e for e in entities if e["schema"] == "Person" and "Aleś Bialacki" in e["properties"]["name"])
    assert "Алесь Бяляцкі" in bialacki["properties"]["alias"]
    release = next(e for e in entities if e["schema"] == "Event" and e["properties"].get("summary") == ["count: 123"])
    assert set(release["properties"]["country"]) == {"ua", "lt"}
