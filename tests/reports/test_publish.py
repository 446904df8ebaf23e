"""The static public site: public records of publishable persons only, and it works from disk."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from letapis.registry import services as s
from letapis.registry.models import Person
from letapis.reports.publish import publish

DAY = date(2025, 12, 14)


def _seed_secrets() -> list[str]:
    """Unique markers in every kind of record that must stay inside."""
    markers = [
        f"SECRET-MARKER-{kind}-7f3a"
        for kind in (
            "internal-note",
            "confidential-note",
            "hidden-person",
            "internal-person",
            "internal-claim",
            "internal-source",
            "confidential-source-text",
            "internal-occupation-note",
            "internal-event",
        )
    ]
    areska = Person.objects.get(display_name="Vacłaŭ Areška")
    s.do_add_note(None, text=markers[0], person=areska, confidentiality="internal")
    s.do_add_note(None, text=markers[1], person=areska, confidentiality="confidential")
    hidden = s.do_create_person(None, names=[markers[2]], confidentiality="public", publishable=False)
    internal = s.do_create_person(None, names=[markers[3]], confidentiality="internal", publishable=True)
    for person in (hidden, internal):
        s.do_create_event(None, type="detention", date="2025-01-10", victims=[person])
    source, _ = s.do_create_source(
        None,
        data=markers[6].encode(),
        filename="secret.txt",
        text=markers[6],
        title=markers[5],
        confidentiality="internal",
    )
    s.do_record_claim(
        None,
        source,
        kind="attribute",
        value={"note": markers[4]},
        quote=markers[6],
        state="accepted",
        person=areska,
        confidentiality="internal",
    )
    public_source, _ = s.do_create_source(
        None,
        data=b"public text",
        filename="public.txt",
        text="public text",
        title="A public source",
        confidentiality="public",
    )
    s.do_record_claim(
        None,
        public_source,
        kind="attribute",
        value={"x": markers[4]},
        quote="public text",
        state="accepted",
        person=areska,
        confidentiality="internal",
    )
    s.do_add_note(
        None, text=markers[7], person=Person.objects.get(display_name="Aleś Bialacki"), confidentiality="internal"
    )
    s.do_create_event(
        None, type="detention", date="2025-11-02", description=markers[8], confidentiality="internal", victims=[areska]
    )
    quiet = s.do_create_person(None, names=["Quiet Person"], confidentiality="public", publishable=True)
    s.do_create_event(None, type="detention", date="1999-03-07", confidentiality="internal", victims=[quiet])
    markers += ["1999-03-07", "7 March 1999", "7 сакавіка 1999", "1999-03"]
    return markers


def test_the_site_holds_no_internal_or_confidential_value(demo: Any, tmp_path: Path) -> None:
    markers = _seed_secrets()
    out = tmp_path / "site"
    publish(out, DAY)
    files = [p for p in out.rglob("*") if p.is_file()]
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        for marker in markers:
            assert marker not in text, (marker, path)
        assert "Family contact" not in text and "private channel" not in text, path
        assert '"confidentiality"' not in text, path


def test_the_site_links_only_to_its_own_files(demo: Any, tmp_path: Path) -> None:
    out = tmp_path / "site"
    counts = publish(out, DAY)
    assert counts["held"] == 5
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for link in re.findall(r'(?:href|src)="([^"#]*)', html):
            if link == "":  # an anchor in the page itself
                continue
            assert not re.match(r"^[a-z]+:|^//", link), (page, link)  # no external request
            assert (page.parent / link).resolve().is_file(), (page, link)
    held = json.loads((out / "data" / "held.json").read_text(encoding="utf-8"))
    assert held["count"] == 5
    index = (out / "be" / "index.html").read_text(encoding="utf-8")
    assert "Кацярына Андрэева" in index and "Алесь Бяляцкі" not in index
    assert "15 лістапада 2020 года" in index  # held since: the start of the spell, not the sentence


def test_publish_refuses_a_folder_that_is_not_a_site(tmp_path: Path, db: Any) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        publish(tmp_path, DAY)
    assert (tmp_path / "notes.txt").exists()


@pytest.mark.browser
def test_the_list_filters_in_the_page_opened_from_disk(demo: Any, tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    out = tmp_path / "site"
    publish(out, DAY)
    url = (out / "en" / "index.html").as_uri() + "#q=poet"
    dom = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert '<span id="shown">1</span>' in dom
    visible = re.findall(r'<tr data-search="[^"]*" data-occupations="[^"]*">(.*?)</tr>', dom)
    assert len(visible) == 1 and "Ivašyn" in visible[0]
