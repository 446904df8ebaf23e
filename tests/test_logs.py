"""A 500 is logged with its traceback, to stderr and to the log file in the data folder, without
the request's body or cookies; the log file is readable by the owner only."""

from __future__ import annotations

import io
import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path

from letapis.logs import PrivateFileHandler


def broken_view(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("the disk went away")


urlpatterns = [path("broken/", broken_view)]


def handler_of(kind: type[logging.Handler]) -> Any:
    found = [h for h in logging.getLogger("django.request").handlers if type(h) is kind]
    assert len(found) == 1, f"django.request has no {kind.__name__}: {logging.getLogger('django.request').handlers}"
    return found[0]


@pytest.fixture
def stderr_log() -> Iterator[io.StringIO]:
    """What the stderr handler of the settings writes, for this test."""
    handler = handler_of(logging.StreamHandler)
    captured = io.StringIO()
    previous = handler.setStream(captured)
    try:
        yield captured
    finally:
        handler.setStream(previous)


@pytest.mark.urls(__name__)
def test_a_500_is_logged_with_its_traceback(caplog: pytest.LogCaptureFixture, stderr_log: io.StringIO) -> None:
    log_file = Path(handler_of(PrivateFileHandler).baseFilename)
    before = log_file.stat().st_size if log_file.exists() else 0
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "cookie-that-must-not-be-logged"
    answer = client.post("/broken/", {"note": "body-that-must-not-be-logged"})
    assert answer.status_code == 500

    record = next(r for r in caplog.records if r.name == "django.request" and r.levelno == logging.ERROR)
    assert record.exc_info is not None and record.exc_info[0] is RuntimeError
    with log_file.open(encoding="utf-8") as fh:
        fh.seek(before)
        written = fh.read()
    for text in (written, stderr_log.getvalue()):
        assert "Internal Server Error: /broken/" in text
        assert "Traceback (most recent call last)" in text and "RuntimeError: the disk went away" in text
        assert "cookie-that-must-not-be-logged" not in text and "body-that-must-not-be-logged" not in text
    assert stat.S_IMODE(os.stat(log_file).st_mode) == 0o600


def test_the_log_file_is_created_readable_by_the_owner_only(tmp_path: Path) -> None:
    handler = PrivateFileHandler(tmp_path / "letapis.log", delay=True)
    handler.emit(logging.LogRecord("letapis", logging.WARNING, __file__, 1, "a warning", None, None))
    handler.close()
    assert stat.S_IMODE(os.stat(tmp_path / "letapis.log").st_mode) == 0o600
    assert "a warning" in (tmp_path / "letapis.log").read_text(encoding="utf-8")
