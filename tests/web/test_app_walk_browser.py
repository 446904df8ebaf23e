"""The acceptance walk of issue 17 ("one application"), in Debian's Chromium (headless, Playwright).

A monitor (an editor, logged in with a password and a TOTP code) opens every page the menus
reach — the header's menu, the pages linked from the hubs (reports, exports, search, following)
and one record of each kind — in English, Belarusian and Russian at 390 px (a phone), and in
English at 1280 px. Every page must:

- answer in the app's shell (the header with the menu), not a bare error page;
- not scroll sideways (``document.scrollingElement.scrollWidth > innerWidth``);
- show no raw vocabulary key (a snake_case word in the visible text);
- on be/ru pages, show no English sentence of the catalogue that has a translation (the
  sentinels are the catalogue's own msgids), and in Belarusian no classical-orthography marker
  in the interface's own words (menu, headings, labels, buttons).

Files (exports: CSV, XLSX, JSON, PDF) are fetched, not rendered: they must answer 200. One
browser and one tab serve the whole walk. Screenshots of representative pages go to
artifacts/screenshots/walk/ (docs/img/ holds the chosen ones).

A second, browser-free test holds the catalogues complete: every msgid has a be and a ru
translation.
"""

from __future__ import annotations

import gettext
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from letapis.accounts import totp
from letapis.web.orthography import is_classical
from tests.browser_helpers import DESKTOP, PASSWORD, PHONE, log_in, new_tab
from tests.conftest import REPO

SHOTS = REPO / "artifacts" / "screenshots" / "walk"
LOCALE = REPO / "src" / "letapis" / "web" / "locale"

#: Hubs: pages whose own links (inside <main>) are part of the walk, besides the header menu.
HUBS = ("/reports/", "/search/", "/following/", "/review/")
#: Never followed: they change state, leave the app, or are per-record pages beyond the first.
SKIP = re.compile(r"^/(logout|i18n|admin|api/|account/|static/|media/)|[?&]format=json|/letters\.pdf")
#: A page of a record: one of each kind is enough (their template is the same).
RECORD = re.compile(r"^/([a-z-]+/)+\d+/")
RAW_KEY = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")

VISIBLE_TEXT = """(selector) => {
  const skip = new Set(["SCRIPT", "STYLE", "CODE", "PRE", "KBD", "SAMP", "TEXTAREA", "NOSCRIPT", "TEMPLATE"]);
  const root = document.querySelector(selector);
  if (!root) return "";
  const out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    let shown = true;
    for (let e = node.parentElement; e && e !== root.parentElement; e = e.parentElement) {
      if (skip.has(e.tagName) || e.classList.contains("visually-hidden")) { shown = false; break; }
    }
    if (shown) out.push(node.textContent);
  }
  return out.join(" ").replace(/\\s+/g, " ");
}"""

#: The elements that stick out on the right, deepest first: what makes a page scroll sideways.
WIDEST = """() => {
  const out = [];
  for (const e of document.querySelectorAll("body *")) {
    if (e.getBoundingClientRect().right > window.innerWidth + 1 && ![...e.children].some(
        c => c.getBoundingClientRect().right > window.innerWidth + 1)) {
      out.push(e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ")[0] : "")
               + " «" + (e.textContent || "").trim().slice(0, 30) + "»");
    }
  }
  return out.slice(0, 4);
}"""


def _catalogue(lang: str) -> dict[str, str]:
    with (LOCALE / lang / "LC_MESSAGES" / "django.mo").open("rb") as f:
        return {k: v for k, v in gettext.GNUTranslations(f)._catalog.items() if isinstance(k, str) and k}  # type: ignore[attr-defined]


def _sentinels(lang: str) -> list[str]:
    """English sentences of the catalogue that have a translation: on a be/ru page, untranslated."""
    return sorted(
        {
            msgid
            for msgid, text in _catalogue(lang).items()
            if text != msgid and len(msgid.split()) >= 3 and not re.search(r"[%{<]", msgid) and len(msgid) >= 16
        }
    )


def _po_entries(path: Path) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) of a .po file; plural entries give their first msgstr."""
    entries: list[tuple[str, str, bool]] = []
    msgid = msgstr = None
    fuzzy = False
    field = None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgid "):
            msgid, field = line[7:-1], "id"
        elif line.startswith(("msgstr ", "msgstr[0] ")):
            msgstr, field = line.split(" ", 1)[1][1:-1], "str"
        elif line.startswith('"') and field == "id" and msgid is not None:
            msgid += line[1:-1]
        elif line.startswith('"') and field == "str" and msgstr is not None:
            msgstr += line[1:-1]
        elif not line.strip():
            if msgid and msgstr is not None:
                entries.append((msgid, msgstr, fuzzy))
            msgid = msgstr = None
            fuzzy, field = False, None
    return entries


def test_every_catalogue_string_has_its_translation() -> None:
    for lang in ("be", "ru"):
        missing = [
            msgid
            for msgid, text, fuzzy in _po_entries(LOCALE / lang / "LC_MESSAGES" / "django.po")
            if fuzzy or not text
        ]
        assert missing == [], (lang, missing[:20])


def test_every_string_of_the_code_and_templates_is_in_the_catalogue(
    tmp_path: Path, monkeypatch: Any, settings: Any
) -> None:
    """makemessages over a copy of the sources finds no string the catalogues do not translate
    (a {% translate %} added without its be/ru entry would show English on a be/ru page)."""
    from django.core.management import call_command

    copy = tmp_path / "letapis"
    shutil.copytree(REPO / "src" / "letapis", copy, ignore=shutil.ignore_patterns("__pycache__", "locale_django"))
    monkeypatch.chdir(copy)
    # makemessages writes into LOCALE_PATHS too: point them at the copy, never at the sources
    settings.LOCALE_PATHS = [copy / "web" / "locale"]
    call_command("makemessages", locale=["be", "ru"], no_wrap=True, no_location=True, verbosity=0)
    for lang in ("be", "ru"):
        entries = _po_entries(copy / "web" / "locale" / lang / "LC_MESSAGES" / "django.po")
        missing = [msgid for msgid, text, fuzzy in entries if fuzzy or not text]
        assert missing == [], (lang, missing[:20])


@pytest.fixture
def tab(chromium: Any) -> Any:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return new_tab(chromium, PHONE)


def _links(page: Any, selector: str) -> list[str]:
    hrefs: list[str] = page.eval_on_selector_all(selector, "els => els.map(e => e.getAttribute('href'))")
    return [h for h in hrefs if h]


def _walk(page: Any, base: str, statuses: dict[str, int]) -> tuple[list[str], list[str]]:
    """The pages (paths with their queries) and the files the menus reach, in English."""
    pages: list[str] = []
    files: list[str] = []
    kinds: set[str] = set()
    shapes: set[tuple[str, tuple[str, ...]]] = set()

    def add(href: str, here: str) -> bool:
        url = urljoin(here, href)
        parts = urlsplit(url)
        if parts.netloc != urlsplit(base).netloc or parts.scheme not in ("http", "https"):
            return False
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if SKIP.search(path) or path in pages or path in files:
            return False
        shape = (parts.path, tuple(sorted({k.split("=")[0] for k in parts.query.split("&") if k})))
        if shape in shapes:  # the same page with other values (each occupation of the held list)
            return False
        shapes.add(shape)
        if match := RECORD.match(parts.path):
            if match.group(1) in kinds:
                return False
            kinds.add(match.group(1))
        # a page or a file (an export, a CSV of a list)? The answer's type says, not the URL
        answer = page.request.get(base + path)
        if "text/html" not in answer.headers.get("content-type", ""):
            files.append(path)
            statuses[path] = answer.status
            return False
        pages.append(path)
        return True

    page.goto(f"{base}/")
    for href in _links(page, "header.top nav a"):
        add(href, page.url)
    for href in _links(page, "main a"):  # the dashboard's own links (a person, the held list)
        add(href, page.url)
    done = 0
    while done < len(pages):  # the menu's pages and the hubs' pages, and what their links reach
        path = pages[done]
        done += 1
        if path.startswith(HUBS) or path.split("?")[0].rstrip("/").count("/") == 1:
            page.goto(base + path)
            for href in _links(page, "main a"):
                add(href, page.url)
    search = page.locator("header input[type=search]")
    if search.count():  # the header's search box, when the app has one
        page.goto(f"{base}/")
        search.first.fill("Бяляцкі")
        search.first.press("Enter")
        page.wait_for_load_state()
        add(page.url, page.url)
    return pages, files


def _check(page: Any, base: str, path: str, lang: str, sentinels: list[str]) -> list[str]:
    problems: list[str] = []
    answer = page.goto(base + path)
    where = f"{lang} {page.viewport_size['width']}px {path}"
    if answer is None or answer.status >= 400:
        problems.append(f"{where}: answered {None if answer is None else answer.status}")
    if page.locator("header.top nav").count() == 0:
        problems.append(f"{where}: a bare page (no app header)")
        return problems
    wide = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    if wide[0] > wide[1]:
        culprits = page.evaluate(WIDEST)
        problems.append(f"{where}: scrolls sideways ({wide[0]} > {wide[1]} px: {culprits})")
    text = page.evaluate(VISIBLE_TEXT, "body")
    keys = sorted(set(RAW_KEY.findall(text)))
    if keys:
        problems.append(f"{where}: raw keys {keys[:8]}")
    if lang != "en":
        english = [s for s in sentinels if s in text]
        if english:
            problems.append(f"{where}: untranslated {english[:5]}")
    if lang == "be":
        chrome = " ".join(
            page.eval_on_selector_all(
                "header, h1, h2, h3, th, label, button, summary, nav", "els => els.map(e => e.innerText)"
            )
        )
        classical = sorted({w for w in re.findall(r"\w+", chrome) if is_classical(w)})
        if classical:
            problems.append(f"{where}: classical orthography {classical[:8]}")
    return problems


SCREENSHOTS = {  # path → name: the representative pages docs/web.md shows
    "/": "dashboard",
    "/persons/": "persons",
}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_page_from_the_menus_in_three_languages_on_a_phone(
    tab: Any, live_server: Any, django_user_model: Any
) -> None:
    from letapis.registry.demo import load_demo

    load_demo(following=True)
    monitor = django_user_model.objects.create_user(
        "monitor", password=PASSWORD, role="editor", is_staff=True, sees_confidential=True
    )
    device = totp.do_setup_totp(None, monitor)
    base = live_server.url
    page = tab
    page.set_viewport_size(DESKTOP)
    log_in(page, base, monitor.username, device=device)
    statuses: dict[str, int] = {}
    pages, files = _walk(page, base, statuses)
    assert len(pages) >= 10, pages  # the menus reach the registry, following, review, reports
    print(f"walk: {len(pages)} pages, {len(files)} files:", *pages, *files, sep="\n  ")

    problems: list[str] = []
    for path in files:  # exports and other files: they answer, in the monitor's session
        if statuses[path] != 200:
            problems.append(f"file {path}: answered {statuses[path]}")

    for path in pages:  # desktop, English
        problems += _check(page, base, path, "en", [])
    page.goto(f"{base}/")
    page.screenshot(path=str(SHOTS / "dashboard-desktop.png"), full_page=False)
    page.goto(f"{base}/persons/")
    page.screenshot(path=str(SHOTS / "persons-desktop.png"), full_page=False)

    page.set_viewport_size(PHONE)
    for lang in ("en", "be", "ru"):
        page.context.add_cookies([{"name": "django_language", "value": lang, "url": base}])
        page.goto(f"{base}/")
        expect(page.locator("html")).to_have_attribute("lang", lang)
        sentinels = _sentinels(lang) if lang != "en" else []
        for path in pages:
            problems += _check(page, base, path, lang, sentinels)
        for path, name in SCREENSHOTS.items():
            page.goto(base + path)
            page.screenshot(path=str(SHOTS / f"{name}-phone-{lang}.png"), full_page=False)

    # the error pages: in the app's shell, in the language chosen
    for lang, heading in (("en", "Page not found"), ("be", "Старонка не знойдзена"), ("ru", "Страница не найдена")):
        page.context.add_cookies([{"name": "django_language", "value": lang, "url": base}])
        answer = page.goto(f"{base}/persons/999999/")
        assert answer is not None and answer.status == 404
        expect(page.locator("h1")).to_have_text(heading)
        assert page.locator("header.top nav").count() == 1
    page.screenshot(path=str(SHOTS / "error-404-phone-ru.png"), full_page=False)

    assert problems == [], "\n".join(problems)


#: The most of a phone's first screen (844 px high) the header may take: one row for the name,
#: the menu's button and the language, one for the search box.
HEADER_MAX_PHONE = 120


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_header_folds_its_menu_on_a_phone(tab: Any, live_server: Any, django_user_model: Any) -> None:
    """At 390 px the menu, the account and the names' choice fold into one button; the language
    switch and the search stay in sight. At 1280 px the menu is open without a click."""
    monitor = django_user_model.objects.create_user("monitor", password=PASSWORD, role="editor", is_staff=True)
    device = totp.do_setup_totp(None, monitor)
    base = live_server.url
    page = tab
    log_in(page, base, monitor.username, device=device)
    for lang, menu in (("en", "Menu"), ("be", "Меню"), ("ru", "Меню")):
        page.context.add_cookies([{"name": "django_language", "value": lang, "url": base}])
        page.goto(f"{base}/persons/")
        height = page.evaluate("() => document.querySelector('header.top').getBoundingClientRect().height")
        assert height <= HEADER_MAX_PHONE, f"{lang}: the header is {height} px high"
        expect(page.locator("#lang-select")).to_be_in_viewport()
        expect(page.locator("#site-q")).to_be_in_viewport()
        expect(page.locator("header.top nav")).to_be_hidden()
        page.locator("header.top details.menu > summary").click()
        expect(page.locator("header.top details.menu > summary")).to_contain_text(menu)
        expect(page.locator("header.top nav a").first).to_be_visible()
        expect(page.locator("header.top .account button")).to_be_visible()  # Log out
        wide = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
        assert wide[0] <= wide[1], f"{lang}: the open menu scrolls sideways"
        page.screenshot(path=str(SHOTS / f"header-phone-{lang}-open.png"), full_page=False)
    page.goto(f"{base}/persons/")
    page.screenshot(path=str(SHOTS / "header-phone-ru.png"), full_page=False)
    # the language switch works from the folded header
    page.select_option("#lang-select", "be")
    page.locator("form.lang button").click()
    expect(page.locator("html")).to_have_attribute("lang", "be")

    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/persons/")
    expect(page.locator("header.top nav a").first).to_be_visible()
    expect(page.locator("header.top details.menu > summary")).to_be_hidden()
