"""The public site's person page: each kind of fact in its own place, each source once with its
quotes, and nothing that would not be there if the non-public records did not exist (issue 17)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from letapis.registry import services as s
from letapis.registry.models import Organisation, Person
from letapis.reports.publish import publish

DAY = date(2025, 12, 14)


def _section(html: str, name: str) -> str:
    found = re.search(rf'<section data-section="{name}">(.*?)</section>', html, re.S)
    return "" if found is None else found.group(1)


def _page(out: Path, lang: str, person: Person) -> str:
    return (out / lang / "persons" / f"{person.pk}.html").read_text(encoding="utf-8")


def test_each_kind_of_fact_has_its_own_place(demo: Any, tmp_path: Path) -> None:
    publish(tmp_path / "site", DAY)
    bialacki = Person.objects.get(display_name="Aleś Bialacki")
    html = _page(tmp_path / "site", "en", bialacki)
    occupations = re.search(r'<dd data-section="occupations">(.*?)</dd>', html, re.S)
    assert occupations is not None and "writer" in occupations.group(1).casefold()
    assert "PEN" not in occupations.group(1) and "342" not in occupations.group(1)
    assert "PEN Belarus (member)" in _section(html, "memberships")
    assert "Nobel" in _section(html, "honours")
    cases = _section(html, "cases")
    assert "342" in cases and "228" in cases and "10 years" in cases  # a term of 120 months
    assert "Expelled to Ukraine and Lithuania" in _section(html, "exile")
    be = _page(tmp_path / "site", "be", bialacki)
    assert "PEN Belarus (сябра)" in _section(be, "memberships")
    assert "Украіну" in _section(be, "exile")
    assert "10 гадоў" in _section(be, "cases")


def test_each_source_is_listed_once_with_its_quotes_under_it(demo: Any, tmp_path: Path) -> None:
    publish(tmp_path / "site", DAY)
    bialacki = Person.objects.get(display_name="Aleś Bialacki")
    sources = _section(_page(tmp_path / "site", "en", bialacki), "sources")
    titles = re.findall(r"<cite>(.*?)</cite>", sources)
    assert titles and len(titles) == len(set(titles))
    quotes = re.findall(r'<li class="quote">(.*?)</li>', sources)
    assert len(quotes) >= len(titles)


def _hide_more(person: Person) -> None:
    """Records of every kind in the new sections, none of them public."""
    secret = s.do_create_organisation(None, "Secret Circle 7f3a", kind="pen_centre", confidentiality="internal")
    s.do_add_membership(None, person, secret, confidentiality="internal")
    s.do_add_membership(None, person, Organisation.objects.get(name="PEN America"), confidentiality="confidential")
    s.do_add_honour(None, person, text="Secret Prize 7f3a", confidentiality="internal")
    s.do_create_event(
        None,
        type="expulsion",
        date="2025-12-01",
        destinations=["PL"],
        forced_exile=True,
        confidentiality="internal",
        victims=[person],
    )
    source, _ = s.do_create_source(
        None,
        data=b"inside 7f3a",
        filename="inside.txt",
        text="inside 7f3a",
        title="Inside 7f3a",
        confidentiality="internal",
    )
    s.do_record_claim(
        None, source, kind="attribute", value={"x": 1}, quote="inside 7f3a", state="accepted", person=person
    )


def test_the_sections_are_what_they_would_be_without_the_hidden_records(demo: Any, tmp_path: Path) -> None:
    before = tmp_path / "before"
    publish(before, DAY)
    _hide_more(Person.objects.get(display_name="Aleś Bialacki"))
    after = tmp_path / "after"
    publish(after, DAY)
    files = sorted(p.relative_to(before) for p in before.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(after) for p in after.rglob("*") if p.is_file())
    for name in files:
        assert (before / name).read_bytes() == (after / name).read_bytes(), name


def test_a_partial_date_reads_as_the_app_writes_it(demo: Any, tmp_path: Path) -> None:
    """An event known only as "on or before" a day, or by its month, is not shown as a plain
    day on the person's page: the qualifier is the fact (the same words as the app's pages)."""
    bialacki = Person.objects.get(display_name="Aleś Bialacki")
    s.do_create_event(None, type="transfer", date="[..2025-12-12]", confidentiality="public", victims=[bialacki])
    s.do_create_event(None, type="health_alert", date="2021-11", confidentiality="public", victims=[bialacki])
    publish(tmp_path / "site", DAY)
    events = _section(_page(tmp_path / "site", "en", bialacki), "events")
    assert "<td>on or before 12 December 2025</td>" in events
    assert "<td>November 2021</td>" in events and "30 November 2021" not in events
    be = _section(_page(tmp_path / "site", "be", bialacki), "events")
    assert "не пазней за 12 снежня 2025" in be
    ru = _section(_page(tmp_path / "site", "ru", bialacki), "events")
    assert "не позднее 12 декабря 2025" in ru
