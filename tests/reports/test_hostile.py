"""Hostile names and texts through the outputs: CSV/XLSX never carry a live formula, JSON and
FollowTheMoney keep the text intact, PDFs and charts are made and hold the text, the static site
escapes it.

Records are stored through the services (as a monitor would enter them); the services refuse
only what cannot be stored as text (NUL, a lone surrogate) or is over a field's limit, with a
one-line message.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letapis.registry import services as s
from letapis.registry.models import Note, Person
from letapis.reports import charts, exports
from letapis.reports.monitoring import build_report
from letapis.reports.pdf import report_pdf
from letapis.reports.publish import publish
from tests.hostile import HOSTILE, SCRIPT, hostile_text, short_hostile_text

pytestmark = [
    pytest.mark.django_db,
    # glyphs DejaVu lacks (emoji, full-width forms) are drawn as blanks, with a warning each
    pytest.mark.filterwarnings("ignore:Glyph:UserWarning", "ignore::UserWarning:fpdf"),
]

DAY = date(2025, 12, 14)
NAME_LIMIT = 300


def _team() -> Any:
    from letapis.accounts.models import User

    return User(username="t", is_superuser=True, sees_confidential=True, is_active=True)


def _add_prisoner(name: str, note: str = "") -> Person:
    person = s.do_create_person(None, names=[name], confidentiality="public", publishable=True, occupations=["poet"])
    s.do_create_event(None, type="detention", date="2025-03-01", victims=[person], description=note[:10_000])
    if note.strip() != "":  # the service refuses an empty note (tested on its own)
        s.do_add_note(None, text=note, person=person, confidentiality="public")
    return person


def _stored_names() -> list[str]:
    return list(Person.objects.order_by("pk").values_list("display_name", flat=True))


def _check_spreadsheets(user: Any) -> None:
    rows = exports.persons_table(user, DAY)
    columns = exports.columns_of(rows, user)
    text = exports.to_csv(rows, columns)
    read = list(csv.reader(io.StringIO(text, newline="")))
    assert len(read) == len(rows) + 1
    for row, cells in zip(rows, read[1:], strict=True):
        for column, cell in zip(columns, cells, strict=True):
            assert not exports.is_formula_like(cell), (column, cell)
            assert exports.unneutralise(cell) == str(row.get(column, "")), column  # intact under the apostrophe

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(exports.to_xlsx(rows, columns))).active
    assert sheet is not None
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            assert cell.data_type != "f"
            assert cell.value is None or not exports.is_formula_like(str(cell.value))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(short_hostile_text(NAME_LIMIT), min_size=1, max_size=3), note=hostile_text(2000))
def test_exports_of_hostile_records_are_neutralised_and_intact(names: list[str], note: str) -> None:
    with transaction.atomic():
        for name in names:
            _add_prisoner(name, note)
        stored = _stored_names()
        _check_spreadsheets(None)
        _check_spreadsheets(_team())
        data = json.loads(json.dumps(exports.registry_json(None), ensure_ascii=False))
        assert sorted(p["name"] for p in data["persons"]) == sorted(stored)
        lines = exports.to_ftm_lines(exports.ftm_entities(None)).splitlines()
        assert all(isinstance(json.loads(line), dict) for line in lines)
        transaction.set_rollback(True)


def test_formulas_hidden_behind_spaces_and_invisible_characters_are_neutralised() -> None:
    for cell in ["=1+1", " =1+1", "\n=1+1", "\u200b=1+1", "\ufeff@SUM(A1)", "\u202e+1", "\uff1d1+1", "\t1", "\r1"]:
        assert exports.neutralise(cell) == "'" + cell
        assert exports.unneutralise(exports.neutralise(cell)) == cell
    for cell in ["Aleś", "1-2", "a=b", "'quoted", "", "2025-12-14"]:
        assert exports.neutralise(cell) == cell and exports.unneutralise(cell) == cell


def test_xlsx_takes_control_characters_as_their_visible_symbols() -> None:
    from openpyxl import load_workbook

    data = exports.to_xlsx([{"name": "bell\x07 escape\x1b end"}], ["name"])
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    assert sheet["A2"].value == "bell\u2407 escape\u241b end"


def test_the_storage_refuses_what_is_not_text_with_one_line(db: Any) -> None:
    for bad, message in [
        ("Ales\x00 Bialacki", "NUL character"),
        ("Ales \ud800Bialacki", "lone surrogate"),
        ("a" * 10_000, "limited to 300 characters"),
    ]:
        with pytest.raises(s.ServiceError, match=message) as caught:
            s.do_create_person(None, names=[bad])
        assert "\n" not in str(caught.value)
    assert Person.objects.count() == 0
    person = s.do_create_person(None, names=["Ales Bialacki"])
    with pytest.raises(s.ServiceError, match="NUL character"):
        s.do_add_note(None, text="x\x00y", person=person)
    long = ("<b>" + "Бяляцкі\u202e " * 1200)[:10_000]
    s.do_add_note(None, text=long, person=person)  # 10,000 characters of a note are kept as given
    assert Note.objects.get(person=person).text == long


def test_pdf_report_holds_hostile_names_and_does_not_fail(db: Any) -> None:
    from pypdf import PdfReader

    for i, text in enumerate(HOSTILE):
        name = text[:NAME_LIMIT] if text.strip() != "" else f"Name {i}"
        _add_prisoner(name, text)
    for lang in ("en", "be"):
        data = build_report(date(2025, 1, 1), DAY, lang, None)
        pdf = report_pdf(data)
        assert pdf.startswith(b"%PDF")
        words = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
        words = re.sub(r"\s+", "", words)
        assert re.sub(r"\s+", "", SCRIPT) in words  # the text survives, as text
        assert "onerror=alert(1)" in words


@settings(max_examples=15, deadline=None)
@given(label=hostile_text(120), title=hostile_text(200))
def test_charts_take_hostile_labels_and_titles(label: str, title: str) -> None:
    chart = charts.hbars("k", title, title, label, label, [(label, 3), ("Minsk", 1)])
    svg = chart.svg()
    assert svg.startswith("<svg")
    assert "<script" not in svg.lower()  # the SVG is inlined in pages: no markup from the data
    assert chart.png().startswith(b"\x89PNG")


def test_a_dollar_sign_in_a_label_is_a_dollar_sign_not_math() -> None:
    chart = charts.bars("k", "$x^$ and $\\frac{", "d", "$a_b$", "y", ["$s$"], [["$x^$", 1]])
    assert "$x^$" in chart.svg()
    assert chart.png().startswith(b"\x89PNG")


def test_the_static_site_escapes_hostile_names(db: Any, tmp_path: Path) -> None:
    for i, text in enumerate(HOSTILE):
        name = text[:NAME_LIMIT] if text.strip() != "" else f"Name {i}"
        _add_prisoner(name, text)
    out = tmp_path / "site"
    publish(out, DAY)
    pages = {p: p.read_text(encoding="utf-8") for p in out.rglob("*.html")}
    assert len(pages) > 3
    for path, page in pages.items():
        assert "<script>alert" not in page, path
        assert "<img src=x" not in page and "<svg onload" not in page, path
    index = pages[out / "en" / "index.html"]
    assert "&lt;script&gt;alert(" in index  # shown, escaped
    for path in out.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))  # the data files stay valid JSON
