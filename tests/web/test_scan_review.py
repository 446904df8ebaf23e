"""The review of a scan: the page images beside the recognised text, the claim's words boxed on
the image and marked in the text, page by page; the page images for the team only; the pages on
the source page. The OCR's files are made up from the text here (tests/web/scan_helpers.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from letapis.registry.models import Claim, Source
from letapis.review.ingest import do_ingest
from tests.review.conftest import FakeResult, person
from tests.web.review_helpers import login, make_user
from tests.web.scan_helpers import attach_scan

pytestmark = pytest.mark.django_db

STATEMENT = (
    "Minsk, 3 March 2026.\n"
    "The court in Minsk sentenced the poet Ales Novik to five years in a colony.\n"
    "His wife Hanna Novik said he was held in the pre-trial prison on Valadarskaha street.\n"
    "The journalist Ihar Lavrenau was released on 1 March 2026.\n"
    "Human-rights defenders call both of them political prisoners.\n"
)


@pytest.fixture
def scanned(monkeypatch: pytest.MonkeyPatch) -> Source:
    """The statement as a source with three proposed persons, and its OCR in two pages (the
    second person on page 2, the word "Valadarskaha" read with little confidence)."""

    def result(text: str) -> FakeResult:
        return FakeResult(
            persons=[
                person(text, "Ales Novik", status="held", roles=["poet"]),
                person(text, "Hanna Novik"),
                person(text, "Ihar Lavrenau", status="released"),
            ]
        )

    monkeypatch.setattr("letapis.review.ingest.run_extractor", lambda text, **kwargs: result(text))
    source = do_ingest(None, STATEMENT.encode(), "statement.txt", confidentiality="internal").source
    attach_scan(source, 2, low=("Valadarskaha",))
    return source


def person_claim(source: Source, name: str) -> Claim:
    return next(c for c in source.claims.filter(kind="person") if c.value.get("name") == name)


def boxes_of(html: str, claim: Claim) -> list[str]:
    return re.findall(
        rf'<a class="box claim [^"]*" href="#claim-\d+" tabindex="-1" aria-hidden="true" '
        rf'data-claims="[^"]*\b{claim.pk}\b[^"]*"',
        html,
    )


def test_the_review_page_shows_the_pages_with_the_claims_words_boxed(scanned: Source, viewer: Any) -> None:
    html = login(Client(), viewer).get(f"/review/sources/{scanned.pk}/").content.decode()
    novik, lavrenau = person_claim(scanned, "Ales Novik"), person_claim(scanned, "Ihar Lavrenau")
    # both pages, with their images, and the page list to move between them
    assert html.count('<figure class="scan-page') == 2
    assert f'src="/sources/{scanned.pk}/pages/1.png"' in html and f'src="/sources/{scanned.pk}/pages/2.png"' in html
    assert 'href="#scan-page-2" data-page="2"' in html
    # "Ales Novik": two words, two boxes, placed in percent of the image
    assert len(boxes_of(html, novik)) == 2
    assert re.search(r'style="left:[\d.]+%;top:[\d.]+%;width:[\d.]+%;height:[\d.]+%"', html)
    # the first proposed claim's page is shown first; each claim's card says its page
    assert 'data-first="1"' in html
    assert re.search(rf'id="claim-{novik.pk}" tabindex="-1" data-state="proposed"[^>]* data-scan-page="1"', html)
    assert re.search(rf'id="claim-{lavrenau.pk}" tabindex="-1" data-state="proposed"[^>]* data-scan-page="2"', html)
    # and the same claim is marked in the recognised text
    assert re.search(rf'<mark class="claim proposed[^"]*" data-claim="\d+" data-claims="[^"]*\b{novik.pk}\b', html)
    assert "The recognised text" in html


def test_doubtful_words_and_pages_are_marked(scanned: Source, viewer: Any) -> None:
    html = login(Client(), viewer).get(f"/review/sources/{scanned.pk}/").content.decode()
    assert '<span class="box low"' in html and 'title="Valadarskaha · 40%"' in html
    assert "1 doubtful word is boxed with dots." in html
    assert re.search(r"OCR confidence \d+%", html)


def test_the_claim_page_shows_the_page_holding_the_claim(scanned: Source, viewer: Any) -> None:
    lavrenau = person_claim(scanned, "Ihar Lavrenau")
    html = login(Client(), viewer).get(f"/review/claims/{lavrenau.pk}/").content.decode()
    assert '<section class="scan single"' in html and f'src="/sources/{scanned.pk}/pages/2.png"' in html
    assert "/pages/1.png" not in html
    assert len(boxes_of(html, lavrenau)) == 2 and len(re.findall(r'class="box claim', html)) == 2


def test_the_page_images_are_for_the_team_who_may_see_the_source(
    scanned: Source, viewer: Any, django_user_model: Any
) -> None:
    url = f"/sources/{scanned.pk}/pages/1.png"
    answer = login(Client(), viewer).get(url)
    assert answer.status_code == 200 and answer["Content-Type"] == "image/png"
    assert answer.content.startswith(b"\x89PNG") and answer["Cache-Control"].startswith("private")
    assert login(Client(), viewer).get(f"/sources/{scanned.pk}/pages/3.png").status_code == 404
    assert Client().get(url).status_code == 302  # anonymous: to the login page
    Source.objects.filter(pk=scanned.pk).update(confidentiality="confidential")
    assert login(Client(), viewer).get(url).status_code == 404  # not theirs to know of
    granted = make_user(django_user_model, "granted", "viewer", confidential=True)
    assert login(Client(), granted).get(url).status_code == 200


def test_the_source_page_lists_the_pages_for_the_team(scanned: Source, viewer: Any) -> None:
    html = login(Client(), viewer).get(f"/sources/{scanned.pk}/").content.decode()
    assert "The scan: 2 pages" in html and html.count('<img src="/sources/') == 2
    Source.objects.filter(pk=scanned.pk).update(confidentiality="public")
    html = Client().get(f"/sources/{scanned.pk}/").content.decode()
    assert "The scan" not in html and "/pages/" not in html


def test_a_source_that_was_not_scanned_has_no_scan(monkeypatch: pytest.MonkeyPatch, viewer: Any) -> None:
    monkeypatch.setattr(
        "letapis.review.ingest.run_extractor", lambda text, **kwargs: FakeResult([person(text, "Ales Novik")])
    )
    source = do_ingest(None, STATEMENT.encode(), "statement.txt").source
    html = login(Client(), viewer).get(f"/review/sources/{source.pk}/").content.decode()
    assert 'class="scan' not in html and "The document" in html
    assert login(Client(), viewer).get(f"/sources/{source.pk}/pages/1.png").status_code == 404


def test_the_scan_reads_in_belarusian(scanned: Source, viewer: Any) -> None:
    client = login(Client(), viewer)
    client.post("/i18n/setlang/", {"language": "be", "next": "/"})
    html = client.get(f"/review/sources/{scanned.pk}/").content.decode()
    assert "Старонка 1 з 2" in html and "Распазнаны тэкст" in html
