"""The pages in Belarusian and Russian: every string of the registry pages and the login is
translated, and a page switched to Belarusian reads in Belarusian."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

LOCALE = Path(__file__).resolve().parents[2] / "src" / "letapis" / "web" / "locale"


def entries(lang: str) -> list[tuple[list[str], str, list[str]]]:
    """(source references, msgid, msgstrs) of every entry of a catalogue."""
    text = (LOCALE / lang / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    found = []
    for block in text.split("\n\n")[1:]:
        refs = [r for line in block.splitlines() if line.startswith("#:") for r in line[2:].split()]
        msgid = "".join(re.findall(r'"(.*)"', (re.search(r'^msgid ((?:".*"\n?)+)', block, re.M) or [""])[0]))
        strs = [
            "".join(re.findall(r'"(.*)"', m)) for m in re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block, re.M)
        ]
        found.append((refs, msgid, strs))
    return found


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_every_string_of_the_registry_pages_is_translated(lang: str) -> None:
    missing = [
        msgid
        for refs, msgid, strs in entries(lang)
        if msgid
        and any(not ("review/" in r or "review_" in r) for r in refs)
        and (not strs or any(s == "" for s in strs))
    ]
    assert missing == []
    assert (LOCALE / lang / "LC_MESSAGES" / "django.mo").stat().st_size > 0


@pytest.mark.django_db
def test_a_page_switched_to_belarusian_reads_in_belarusian(client: Client) -> None:
    client.post("/i18n/setlang/", {"language": "be", "next": "/persons/"})
    page = client.get("/persons/").content.decode()
    assert "<h1>Асобы</h1>" in page and "Імя або тэкст" in page
    client.post("/i18n/setlang/", {"language": "ru", "next": "/"})
    assert "Содержатся сегодня" in client.get("/").content.decode()


def test_the_projects_translations_win_over_djangos() -> None:
    """Where Django translates a string too, the interface says it in the project's words (one
    orthography): Django's Belarusian would say "Увайсьці" and "Прасеяць" (classical)."""
    from django.utils import translation

    with translation.override("be"):
        assert [translation.gettext(s) for s in ("Log in", "Filter")] == ["Увайсці", "Адфільтраваць"]
    with translation.override("ru"):
        assert translation.gettext("Filter") == "Отфильтровать"
