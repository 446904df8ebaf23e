"""The source page: the text with its claims marked at their spans, and who may see it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from letapis.registry.models import Claim
from letapis.registry.services import do_create_person, do_create_source, do_record_claim
from letapis.web.review.highlight import Span, highlight
from tests.web.review_helpers import ingest_seed, login, make_user

pytestmark = pytest.mark.django_db

TEXT = 'Note <b>&</b> "quoted": Aleś Bialacki was released on 13 December.'


def _source(confidentiality: str = "public", text: str = TEXT, name: str = "note.txt") -> Any:
    source, _ = do_create_source(
        None, data=text.encode(), filename=name, text=text, title=name, confidentiality=confidentiality
    )
    return source


def _claim(source: Any, quote: str, *, state: str = "proposed", kind: str = "person", **kw: Any) -> Claim:
    start = source.text.index(quote)
    return do_record_claim(
        None,
        source,
        kind=kind,
        value=kw.pop("value", {"name": quote}),
        span=(start, start + len(quote)),
        state=state,
        proposer="test",
        **kw,
    )


def test_it_marks_each_claim_at_its_span_in_escaped_text(client: Client, viewer: Any) -> None:
    source = _source("internal")
    name = _claim(source, "Aleś Bialacki")
    event = _claim(source, "released on 13 December", kind="event", value={"type": "release", "date": "2025-12-13"})
    page = login(client, viewer).get(f"/sources/{source.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Note &lt;b&gt;&amp;&lt;/b&gt; &quot;quoted&quot;: " in html  # the text is escaped, not markup
    assert "<b>&</b>" not in html
    assert (
        f'<mark class="claim proposed" data-claim="{name.pk}" data-claims="{name.pk}" '
        f'title="#{name.pk} proposed: Aleś Bialacki">'
        f'<a href="#claim-{name.pk}">Aleś Bialacki</a></mark> was '
    ) in html
    assert f'data-claim="{event.pk}"' in html and f'<a href="#claim-{event.pk}">released on 13 December</a>' in html
    assert f'id="claim-{name.pk}"' in html  # the list the marks link to
    assert f"/review/claims/{name.pk}/" in html  # and from there to the claim, for the team


def test_overlapping_spans_mark_the_innermost_claim_and_name_both() -> None:
    text = "abc Aleś Bialacki def"
    spans = [Span(1, 0, len(text), "accepted", "all of it"), Span(2, 4, 17, "rejected", "<name>")]
    html = str(highlight(text, spans))
    assert html.startswith(
        '<mark class="claim accepted" data-claim="1" data-claims="1" title="#1 accepted: all of it">'
        '<a href="#claim-1">abc '
    )
    assert (
        '<mark class="claim rejected overlap" data-claim="2" data-claims="1 2" '
        'title="#1 accepted: all of it; #2 rejected: &lt;name&gt;">'
        '<a href="#claim-2">Aleś Bialacki</a></mark>'
    ) in html
    assert html.endswith('<a href="#claim-1"> def</a></mark>')


def test_spans_outside_the_text_are_ignored_and_the_text_kept_whole() -> None:
    html = str(highlight("a<b", [Span(1, 2, 99, "proposed", ""), Span(2, 1, 1, "proposed", "")]))
    assert html == "a&lt;b"


def test_anonymous_visitors_see_public_sources_with_accepted_claims_only(client: Client) -> None:
    person = do_create_person(None, names=["Aleś Bialacki"], confidentiality="public", publishable=True)
    source = _source("public")
    accepted = _claim(source, "Aleś Bialacki", state="accepted", person=person, supports=person)
    proposed = _claim(source, "released on 13 December", kind="event", value={"type": "release"})
    page = client.get(f"/sources/{source.pk}/")
    assert page.status_code == 200
    assert f'data-claim="{accepted.pk}"' in page.content.decode()
    assert f'data-claim="{proposed.pk}"' not in page.content.decode()
    assert b"/review/claims/" not in page.content  # no links into the team's pages
    assert b"SHA-256" not in page.content


def test_anonymous_visitors_do_not_see_internal_or_confidential_sources(client: Client) -> None:
    for level in ("internal", "confidential"):
        source = _source(level, text=f"{level} text MARKER-{level}", name=f"{level}.txt")
        page = client.get(f"/sources/{source.pk}/")
        assert page.status_code == 404
        assert b"MARKER" not in page.content


def test_a_confidential_source_is_shown_only_to_those_granted_it(
    client: Client, viewer: Any, confidant: Any, editor: Any
) -> None:
    source = _source("confidential", text="A letter from prison, MARKER-SECRET.")
    for user in (viewer, editor):
        page = login(Client(), user).get(f"/sources/{source.pk}/")
        assert page.status_code == 404
        assert b"MARKER-SECRET" not in page.content
    assert login(client, confidant).get(f"/sources/{source.pk}/").status_code == 200


def test_a_confidential_claim_of_an_internal_source_is_not_marked_for_the_team(
    client: Client, viewer: Any, confidant: Any
) -> None:
    source = _source("internal")
    secret = _claim(source, "Aleś Bialacki", confidentiality="confidential", value={"name": "CLAIM-MARKER"})
    html = login(client, viewer).get(f"/sources/{source.pk}/").content.decode()
    assert f'data-claim="{secret.pk}"' not in html and "CLAIM-MARKER" not in html
    html = login(Client(), confidant).get(f"/sources/{source.pk}/").content.decode()
    assert f'data-claim="{secret.pk}"' in html and "CLAIM-MARKER" in html


def test_the_seed_statement_is_marked_with_all_its_claims(client: Client, django_user_model: Any) -> None:
    user = make_user(django_user_model, "reader", "viewer")
    result = ingest_seed()
    html = login(client, user).get(f"/sources/{result.source.pk}/").content.decode()
    placed = [c for c in result.claims if c.span_start is not None]
    assert len(placed) > 20
    for claim in placed:  # each claim is marked (or overlapped by a shorter one) and listed
        assert f'id="claim-{claim.pk}"' in html
        assert f"#{claim.pk} proposed" in html


def test_an_unknown_source_is_404(client: Client) -> None:
    assert client.get("/sources/999999/").status_code == 404
