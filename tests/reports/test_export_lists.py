"""Exports a spreadsheet user can use: labels beside codes, typed cells, sources, the persons
list's filters, and a clear 400 for a filter that cannot be used (issue 17)."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from letapis.registry.models import Claim, Confidentiality, Event, Organisation, Person, Place, Source
from letapis.reports import exports
from letapis.reports.stats import held_count

DAY = date(2024, 6, 1)


def _team() -> Any:
    from letapis.accounts.models import User

    return User(username="t", is_superuser=True, sees_confidential=True, is_active=True)


def _rows(client: Client, url: str) -> list[dict[str, str]]:
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    text = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(
    ("lang", "occupation", "role"),
    [("en", "Literary scholar", "member"), ("be", "Літаратуразнаўца", "сябра"), ("ru", "Литературовед", "член")],
)
def test_labels_in_the_chosen_language_stand_beside_the_codes(demo: Any, lang: str, occupation: str, role: str) -> None:
    rows = exports.persons_table(None, DAY, lang=lang)
    scholar = next(r for r in rows if "literary_scholar" in r["occupations"].split("; "))
    codes, labels = scholar["occupations"].split("; "), scholar["occupations_label"].split("; ")
    assert len(codes) == len(labels) and labels[codes.index("literary_scholar")].casefold() == occupation.casefold()
    assert scholar["memberships"] == f"PEN Belarus ({role})"
    assert "@" not in "".join(r["memberships"] for r in rows)
    held = next(r for r in rows if r["status"] == "held")
    assert held["status_label"] not in ("", "held") or lang == "en"


def test_the_web_export_follows_the_interface_language_and_lang(demo: Any, client: Client) -> None:
    client.cookies["django_language"] = "be"
    rows = _rows(client, "/reports/export/csv/")
    assert any("Літаратуразнаўца".casefold() in r["occupations_label"].casefold() for r in rows)
    rows = _rows(client, "/reports/export/csv/?lang=ru")
    assert any("Литературовед".casefold() in r["occupations_label"].casefold() for r in rows)


def test_xlsx_cells_are_typed_dates_and_numbers(demo: Any) -> None:
    rows = exports.persons_table(None, DAY)
    columns = exports.columns_of(rows, None)
    sheet = load_workbook(io.BytesIO(exports.to_xlsx(rows, columns))).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    by_name = {row[header.index("name")].value: row for row in sheet.iter_rows(min_row=2)}
    bialacki = by_name["Aleś Bialacki"]
    cell = bialacki[header.index("id")]
    assert cell.data_type == "n" and isinstance(cell.value, int)
    release = bialacki[header.index("release_date")]
    assert release.is_date and release.value.date() == date(2025, 12, 13) and release.number_format == "yyyy-mm-dd"
    months = [r[header.index("sentence_months")] for r in by_name.values() if r[header.index("sentence_months")].value]
    assert months and all(c.data_type == "n" for c in months)
    names = bialacki[header.index("name")]
    assert names.data_type == "s"


def test_a_partial_date_stays_text_in_xlsx() -> None:
    sheet = load_workbook(io.BytesIO(exports.to_xlsx([{"birth_date": "1962-09"}], ["birth_date"]))).active
    assert sheet is not None and sheet["A2"].value == "1962-09" and sheet["A2"].data_type == "s"


def test_the_sources_column_lists_what_the_audience_may_see(demo: Any) -> None:
    person = Person.objects.get(display_name="Aleś Bialacki")
    public = next(r for r in exports.persons_table(None, DAY) if r["id"] == person.pk)
    assert public["sources"] != ""
    secret = Source.objects.create(
        sha256="f" * 64,
        filename="letter.pdf",
        title="A letter from the colony",
        publisher="family",
        confidentiality=Confidentiality.CONFIDENTIAL,
    )
    Claim.objects.create(
        source=secret,
        kind="occupation",
        value={"occupation": "writer"},
        quote="he writes",
        person=person,
        state="accepted",
        confidentiality=Confidentiality.CONFIDENTIAL,
    )
    again = next(r for r in exports.persons_table(None, DAY) if r["id"] == person.pk)
    assert again["sources"] == public["sources"] and "letter" not in again["sources"]
    team = next(r for r in exports.persons_table(_team(), DAY) if r["id"] == person.pk)
    assert "A letter from the colony — family" in team["sources"].split("\n")
    lines = team["sources"].split("\n")
    assert len(lines) == len(set(lines))  # each source once


def test_held_on_a_day_is_the_held_list(demo: Any, client: Client) -> None:
    everyone = _rows(client, "/reports/export/csv/?on=2024-06-01")
    held = _rows(client, "/reports/export/csv/?list=held&on=2024-06-01")
    assert 0 < len(held) < len(everyone)
    assert {r["status"] for r in held} == {"held"}
    assert len(held) == held_count(DAY, None).count
    earlier = _rows(client, "/reports/export/csv/?list=held&on=2020-06-01")
    assert len(earlier) != len(held)


def test_occupation_organisation_and_place_filters_match_the_persons_list(demo: Any, client: Client) -> None:
    pen = Organisation.objects.get(name="PEN Belarus")
    place = Place.objects.create(name="SIZO No. 1, Minsk (test)", kind="sizo", country="BY", confidentiality="public")
    detentions = Event.objects.filter(type="detention", confidentiality="public").order_by("id")[:2]
    Event.objects.filter(pk__in=[e.pk for e in detentions]).update(place=place)
    for query in ("occupation=writer", f"organisation={pen.pk}", f"place={place.pk}", "occupation=writer&list=held"):
        rows = _rows(client, f"/reports/export/csv/?on=2024-06-01&{query}")
        listed = client.get(f"/api/v1/persons?on=2024-06-01&limit=500&{query.replace('list=held', 'status=held')}")
        assert listed.status_code == 200
        assert sorted(int(r["id"]) for r in rows) == sorted(p["id"] for p in listed.json()["results"]), query
        assert 0 < len(rows) < Person.objects.count(), query


def test_filtered_rows_honour_the_filters_for_the_cli_too(demo: Any) -> None:
    filters, day = exports.read_filters({"list": "held", "on": "2024-06-01", "occupation": "journalist"})
    rows = exports.filtered_rows(None, filters, day)
    assert rows and all("journalist" in r["occupations"].split("; ") and r["status"] == "held" for r in rows)


@pytest.mark.parametrize(
    "query",
    ["on=yesterday", "list=some", "occupation=astronaut", "organisation=x", "lang=de", "list=held&status=released"],
)
def test_a_bad_filter_answers_400_with_the_page_and_a_message(demo: Any, client: Client, query: str) -> None:
    response = client.get(f"/reports/export/xlsx/?{query}")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="export-error"' in page and 'data-testid="export-form"' in page
    assert client.get(f"/reports/export/?fmt=csv&{query}").status_code == 400


def test_json_refuses_filters_rather_than_ignoring_them(demo: Any, client: Client) -> None:
    response = client.get("/reports/export/json/?list=held&on=2024-06-01")
    assert response.status_code == 400 and "whole registry" in response.content.decode()


def test_the_export_page_sends_a_good_form_on_to_the_download(demo: Any, client: Client) -> None:
    page = client.get("/reports/export/")
    assert page.status_code == 200 and 'data-testid="export-form"' in page.content.decode()
    response = client.get("/reports/export/?list=held&on=2024-06-01&occupation=writer&fmt=xlsx&lang=be")
    assert response.status_code == 302
    assert response["Location"].startswith("/reports/export/xlsx/?") and "occupation=writer" in response["Location"]
    download = client.get(response["Location"])
    assert download.status_code == 200 and download["Content-Disposition"].endswith('held-2024-06-01.xlsx"')


def test_an_exported_list_imports_back_with_its_memberships(demo: Any) -> None:
    from letapis.reports.imports import Mapping, run_import

    rows = exports.persons_table(None, DAY, lang="be")
    data = exports.to_csv(rows, exports.columns_of(rows, None)).encode()
    report = run_import(data, "persons.csv", Mapping.default(), commit=False, actor=None)
    text = str(report.__dict__)
    assert "not understood" not in text
