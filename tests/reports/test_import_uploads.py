"""Imported files are checked by content, not by name, and by size, before anything is stored."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from letapis.reports import exports, imports
from letapis.reports.imports import ImportError_, check_table_file, read_table

CSV = exports.to_csv([{"name": "Aleś Bialacki"}], ["name"]).encode()
XLSX = exports.to_xlsx([{"name": "Aleś Bialacki"}], ["name"])
PDF = b"%PDF-1.7\n" + b"x" * 200
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (PDF, "list.csv", "list.csv is not a CSV or XLSX file: it looks like a PDF"),
        (PNG, "list.xlsx", "list.xlsx is not a CSV or XLSX file: it looks like a PNG image"),
        (XLSX, "list.csv", "list.csv is not a CSV file: it looks like an XLSX workbook"),
        (CSV, "list.xlsx", "list.xlsx is not an XLSX workbook: it looks like text"),
        (CSV, "list.exe", "list.exe: import reads .csv and .xlsx files"),
        (b"", "list.csv", "list.csv is empty"),
    ],
)
def test_a_file_is_judged_by_its_content(data: bytes, name: str, message: str) -> None:
    with pytest.raises(ImportError_) as caught:
        read_table(data, name)
    assert str(caught.value) == message


def test_the_right_kinds_are_read() -> None:
    assert check_table_file(CSV, "list.csv") == "csv" and check_table_file(XLSX, "list.xlsx") == "xlsx"
    assert read_table(XLSX, "list.xlsx")[1] == [["Aleś Bialacki"]]


def test_a_file_over_the_limit_is_refused(settings: Any) -> None:
    settings.LETAPIS_MAX_UPLOAD_MB = 1
    with pytest.raises(ImportError_, match="big.csv is 2.0 MB: files larger than 1.0 MB are refused"):
        read_table(b"name\n" + b"a" * (2 * 1024 * 1024), "big.csv")


def test_a_workbook_that_unpacks_to_too_much_is_refused(monkeypatch: Any) -> None:
    monkeypatch.setattr(imports, "MAX_XLSX_UNPACKED", 1024 * 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (3 * 1024 * 1024))  # compresses to a few KB
    with pytest.raises(ImportError_, match="unpacks to 3 MB"):
        read_table(buffer.getvalue(), "bomb.xlsx")


def test_the_web_import_refuses_by_content_and_stores_nothing(db: Any, editor_client: Client, settings: Any) -> None:
    client = editor_client
    upload = io.BytesIO(PNG)
    upload.name = "list.csv"
    answer = client.post("/reports/import/", {"action": "dry-run", "file": upload, "spec": ""})
    assert answer.status_code == 400
    assert "list.csv is not a CSV or XLSX file: it looks like a PNG image" in answer.content.decode()
    stored = Path(settings.SOURCES_DIR)
    assert not stored.exists() or not any(p.is_file() for p in stored.rglob("*"))


def test_the_web_import_refuses_a_large_file_before_reading_it(db: Any, editor_client: Client, settings: Any) -> None:
    settings.LETAPIS_MAX_UPLOAD_MB = 1
    client = editor_client
    upload = io.BytesIO(b"name\n" + b"a" * (3 * 1024 * 1024))
    upload.name = "big.csv"
    answer = client.post("/reports/import/", {"action": "dry-run", "file": upload, "spec": ""})
    assert answer.status_code == 400 and "files larger than 1 MB are refused" in answer.content.decode()
