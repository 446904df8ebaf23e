"""The monitoring report renders to HTML, Markdown and PDF in three languages."""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

import pytest
from pypdf import PdfReader

from letapis.reports.monitoring import build_report, render

DECEMBER = (date(2025, 12, 1), date(2025, 12, 31))
TEXTS = {
    "en": [
        "Monitoring report, 1 December 2025 – 31 December 2025",
        "Dzmitryj Hałavač",
        "Vacłaŭ Areška",
        "Aleś Bialacki",
        "releases",
    ],
    "be": ["Маніторынгавы агляд, 1 снежня 2025 года", "Дзмітрый Галавач", "Вацлаў Арэшка", "вызваленні"],
    "ru": ["Мониторинговый обзор, 1 декабря 2025 года", "Екатерина Андреева", "освобождения"],
}


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("lang", ["en", "be", "ru"])
def test_it_renders_html_with_numbers_charts_events_and_the_held(demo: Any, lang: str) -> None:
    data = build_report(*DECEMBER, lang, None)
    html = str(render(data, "html"))
    for text in TEXTS[lang]:
        assert text in html, text
    assert html.count("<svg") == 3 and html.count('<title id="chart-') == 3 and "<desc id=" in html
    assert '<a class="n" href="#held-end">5</a>' in html
    assert 'id="held-end"' in html  # the list of persons behind the number
    released = next(n for n in data.numbers if n.key == "movement-release")
    assert released.count == 123 and len(released.person_ids) == 5
    assert len(data.held) == 5 and all(row.sources for row in data.held)


@pytest.mark.parametrize("lang", ["en", "be", "ru"])
def test_the_pdf_holds_cyrillic_and_lacinka_as_text(demo: Any, lang: str) -> None:
    pdf = render(build_report(*DECEMBER, lang, None), "pdf")
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF")
    text = _flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    for expected in TEXTS[lang]:
        assert _flat(expected) in text, expected


def test_markdown_links_each_number_to_its_persons(demo: Any) -> None:
    md = str(render(build_report(*DECEMBER, "en", None), "md"))
    assert "| Held on 31 December 2025 | [5](#held-end) |" in md
    line = next(x for x in md.splitlines() if 'id="held-end"' in x)
    assert "Kaciaryna Andrejeva" in line and "Aleś Bialacki" not in line


def test_the_public_report_leaves_out_unpublishable_persons_and_internal_notes(demo: Any) -> None:
    from letapis.registry import services as s
    from letapis.registry.models import Person

    s.do_update_person(None, Person.objects.get(display_name="Dzianis Ivašyn"), publishable=False)
    public = build_report(*DECEMBER, "en", None)
    html = str(render(public, "html"))
    assert "Ivašyn" not in html and "Family contact" not in html
    assert next(n for n in public.numbers if n.key == "held-end").count == 4


def test_the_report_takes_as_many_queries_for_many_persons_as_for_few(demo: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from letapis.registry import services as s

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            build_report(*DECEMBER, "en", None)
        return len(captured.captured_queries)

    few = queries()
    for i in range(15):
        person = s.do_create_person(
            None, names=[f"Test Person {i}"], confidentiality="public", publishable=True, occupations=["poet"]
        )
        s.do_create_event(None, type="detention", date=f"2025-12-{i + 1:02d}", victims=[person])
    assert queries() == few
