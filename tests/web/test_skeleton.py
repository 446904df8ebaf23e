"""The web app's frame: the dashboard renders, the language switch works."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_dashboard_renders_with_the_language_switch(client: Client) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert b'name="language"' in page.content


def test_switching_to_belarusian_sets_the_language(client: Client) -> None:
    answer = client.post("/i18n/setlang/", {"language": "be", "next": "/"})
    assert answer.status_code == 302
    assert client.get("/").content.startswith(b"<!doctype html>")
    assert b'lang="be"' in client.get("/").content
