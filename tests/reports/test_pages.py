"""The report pages inside the application: the hub, the pickers, the chosen language, numbers
that link to their persons, messages for a bad parameter, and confidentiality."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from letapis.registry import services as s
from letapis.registry.models import Person

from .conftest import verified

DAY = "2025-12-14"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _links(html: str) -> list[str]:
    """The links of the report's own part of a page (not the header's)."""
    part = html.split('<div class="report', 1)[1]
    return [unescape(h) for h in re.findall(r'href="([^"#]+)', part)]


def _text(html: str) -> str:
    """The words a reader sees in the report's part of a page."""
    return unescape(re.sub(r"<[^>]+>", " ", html.split('<div class="report', 1)[1]))


def _in(client: Client, lang: str) -> Client:
    """``client`` with ``lang`` chosen as the interface language, as the language switch does."""
    answer = client.post("/i18n/setlang/", {"language": lang, "next": "/"})
    assert answer.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == lang
    return client


def test_the_menu_opens_the_hub_which_links_every_output(demo: Any, editor: Any) -> None:
    client = verified(editor)
    home = client.get("/").content.decode()
    assert 'href="/reports/"' in home
    page = client.get("/reports/")
    html = page.content.decode()
    assert page.status_code == 200 and 'class="top"' in html  # in the application's shell
    for output in ("Statistics", "Charts", "Monitoring report", "Statement drafts", "Exports", "Import", "Publish"):
        assert f">{output}<" in html, output
    links = _links(html)
    for must in ("/reports/stats/", "/reports/monitoring/", "/reports/import/", "/reports/export/xlsx/"):
        assert must in links, must
    assert any(link.startswith("/reports/statement/") for link in links)
    for link in links:
        if link.startswith("/"):
            assert client.get(link).status_code == 200, link
    assert 'type="date"' in html and "<label" in html


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Statistics", "Sentence length", "Criminal Code article", "Held on 14 December 2025"]),
        ("be", ["Статыстыка", "Тэрмін пакарання", "Артыкул КК", "Пад вартай на 14 снежня 2025 года"]),
        ("ru", ["Статистика", "Срок наказания", "Статья УК", "Под стражей на 14 декабря 2025 года"]),
    ],
)
def test_report_pages_speak_the_language_the_user_chose(demo: Any, editor: Any, lang: str, words: list[str]) -> None:
    client = _in(verified(editor), lang)
    html = client.get(f"/reports/stats/?on={DAY}").content.decode()
    assert f'<html lang="{lang}">' in html
    for word in words:
        assert word in html, word
    for raw in ("sentence_length", "under_2y", "literary_scholar", "persons 6"):
        assert raw not in _text(html), raw
    hub = client.get("/reports/").content.decode()
    assert words[0] in hub
    monitoring = client.get("/reports/monitoring/?from=2025-12-01&to=2025-12-31").content.decode()
    assert {"en": "Monitoring report", "be": "Маніторынгавы агляд", "ru": "Мониторинговый обзор"}[lang] in monitoring
    # ?lang= still chooses the report's language, whatever the interface's
    assert "Статистика" in client.get(f"/reports/stats/?on={DAY}&lang=ru").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/reports/stats/?on=yesterday",
        "/reports/stats/?on=2025-13-45",
        "/reports/monitoring/?from=2025-12-01",
        "/reports/monitoring/?from=2025-12-31&to=2025-12-01",
        "/reports/monitoring/?from=2025-12-01&to=2025-12-31&lang=xx",
        "/reports/stats/persons/?on=2025-12-14&by=shoe_size&code=42",
        "/reports/statement/nonsense/",
    ],
)
def test_a_bad_parameter_answers_with_the_page_and_a_message(demo: Any, client: Client, url: str) -> None:
    answer = client.get(url)
    html = answer.content.decode()
    assert answer.status_code == 400
    assert 'class="top"' in html and 'role="alert"' in html  # the page in its shell, the message in it


@pytest.mark.parametrize(
    ("url", "status", "said"),
    [
        ("/reports/stats/?on=yesterday&format=json", 400, "yesterday” is not a date"),
        ("/reports/stats/?on=2025-12-14&lang=xx&format=json", 400, "en, be or ru"),
        ("/reports/statement/nonsense/?format=json", 400, "is not an event"),
        ("/reports/statement/999999/?format=json", 404, "no event with id 999999"),
        ("/reports/statement/release:2001-01-01/?format=json", 404, "no release event on 2001-01-01"),
        ("/reports/statement/release:2025-12-13/?format=json&lang=xx", 400, "en, be or ru"),
    ],
)
def test_a_json_twin_answers_a_bad_parameter_in_json(
    demo: Any, client: Client, url: str, status: int, said: str
) -> None:
    answer = client.get(url)
    assert answer.status_code == status
    assert answer["Content-Type"] == "application/json"
    assert said in answer.json()["detail"]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/reports/monitoring/?from=2025-12-01&format=pdf", 400),
        ("/reports/monitoring/?from=2025-12-31&to=2025-12-01&format=md", 400),
        ("/reports/monitoring/?from=2025-12-01&to=2025-12-31&format=docx", 400),
        ("/reports/statement/nonsense/?format=pdf", 400),
        ("/reports/statement/999999/?format=md", 404),
        ("/reports/statement/release:2025-12-13/?format=md&lang=xx", 400),
    ],
)
def test_a_file_asked_with_a_bad_parameter_answers_with_the_page(
    demo: Any, client: Client, url: str, status: int
) -> None:
    """A Markdown or PDF link followed with a parameter that cannot be used: the page with its
    form and the message, not a line of plain text nor a file."""
    answer = client.get(url)
    html = answer.content.decode()
    assert answer.status_code == status and answer["Content-Type"].startswith("text/html")
    assert 'class="top"' in html and 'role="alert"' in html


def test_a_bad_date_is_told_in_the_users_language(demo: Any, client: Client) -> None:
    html = _in(client, "be").get("/reports/stats/?on=yesterday").content.decode()
    assert "«yesterday» — не дата" in html and 'type="date"' in html


def test_every_number_links_to_a_list_of_as_many_persons(demo: Any, editor: Any) -> None:
    client = verified(editor)
    html = client.get(f"/reports/stats/?on={DAY}").content.decode()
    numbers = re.findall(r'<a href="([^"]+)">(\d+)</a>', html.split('<div class="report', 1)[1])
    assert len(numbers) > 10
    checked = 0
    for url, count in numbers:
        url = unescape(url)
        page = client.get(url)
        assert page.status_code == 200, url
        if url.startswith("/persons/"):  # the total: the registry's own list of those held that day
            assert page.context["page"].count == int(count), url
        else:  # a group: its persons, each linked to their page
            assert page.context["number"].count == int(count), url
            names = re.findall(r'<li><a href="/persons/\d+/">', page.content.decode())
            assert page.context["page"].count == len(page.context["number"].person_ids) == int(count), url
            assert len(names) == min(int(count), 50), url
        checked += 1
    assert checked == len(numbers)
    total = client.get(f"/reports/stats/?on={DAY}&format=json").json()["held"]["count"]
    listed = client.get(f"/reports/stats/persons/?on={DAY}&by=held&code={DAY}").context["page"].count
    assert listed == total


def test_persons_are_named_and_linked_never_numbered(demo: Any, client: Client) -> None:
    html = client.get(f"/reports/stats/?on={DAY}").content.decode()
    bialacki = Person.objects.get(display_name="Kaciaryna Andrejeva")
    assert f'<a href="/persons/{bialacki.pk}/">Kaciaryna Andrejeva</a>' in html
    assert not re.search(r"persons \d", _text(html))


def test_the_monitoring_page_says_on_or_before_and_links_persons(demo: Any, client: Client) -> None:
    html = client.get("/reports/monitoring/?from=2025-12-01&to=2025-12-31").content.decode()
    assert "on or before 12 December 2025" in html
    assert re.search(r'<a href="/persons/\d+/">', html)
    assert 'class="table-scroll"' in html and 'name="from"' in html and 'type="date"' in html
    ru = client.get("/reports/monitoring/?from=2025-12-01&to=2025-12-31&lang=ru").content.decode()
    assert "не позднее 12 декабря 2025 года" in ru
    assert client.get("/reports/monitoring/").status_code == 200  # no period: the last month


def test_the_statement_page_quotes_its_sources_with_numbered_notes(demo: Any, client: Client) -> None:
    html = client.get("/reports/statement/release:2025-12-13/?lang=ru").content.decode()
    assert '<sup><a href="#note-1"' in html and 'id="note-1"' in html
    assert re.search(r'<li id="note-1"><a href="/sources/\d+/">', html)
    assert "<blockquote>«" in html
    assert "claims" not in _text(html) and "Сергей Павлавицкий" in html
    md = client.get("/reports/statement/release:2025-12-13/?lang=ru&format=md")
    assert md.status_code == 200 and "[^1]: " in md.content.decode()
    pdf = client.get("/reports/statement/release:2025-12-13/?lang=ru&format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def _pages(client: Client) -> dict[str, str]:
    urls = [f"/reports/stats/?on={DAY}", "/reports/monitoring/?from=2025-12-01&to=2025-12-31", "/reports/"]
    urls += [f"/reports/stats/persons/?on={DAY}&by={by}&code=unknown" for by in ("gender", "place")]
    urls += [f"/reports/stats/persons/?on={DAY}&by=held&code={DAY}"]
    return {url: CSRF.sub("", client.get(url).content.decode()) for url in urls}


def test_a_confidential_record_leaves_a_viewers_pages_as_if_it_did_not_exist(demo: Any, viewer: Any) -> None:
    client = Client()
    client.force_login(viewer)
    before = _pages(client)
    secret = s.do_create_person(None, names=["Sakretny Viazień"], confidentiality="confidential", publishable=True)
    s.do_create_event(None, type="detention", date="2025-12-02", victims=[secret], confidentiality="confidential")
    public = Person.objects.get(display_name="Kaciaryna Andrejeva")
    s.do_create_event(None, type="release", date="2025-12-03", victims=[public], confidentiality="confidential")
    after = _pages(client)
    for url, html in before.items():
        assert after[url] == html, url


def test_a_long_list_reads_the_names_of_its_page_only(demo: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from letapis.reports import pages

    ids = tuple(Person.objects.values_list("id", flat=True))
    everyone = pages.named(ids, "en", None)
    monkeypatch.setattr(pages, "SORT_SHOWN_UP_TO", 2)
    first = pages.named_page(ids, "en", None, 1, 3)
    second = pages.named_page(ids, "en", None, 2, 3)
    assert len(first) == 3 and not {p for p, _ in first} & {p for p, _ in second}
    assert {p for p, _ in first} <= {p for p, _ in everyone}


def test_a_visitor_finds_the_reports_in_the_menu(demo: Any, client: Client) -> None:
    """The statistics and the monitoring report are public outputs (what may be published):
    the menu shows them to a visitor who is not logged in too."""
    assert 'href="/reports/"' in client.get("/").content.decode()
    hub = client.get("/reports/").content.decode()
    assert "/reports/import/" not in hub  # editors only
