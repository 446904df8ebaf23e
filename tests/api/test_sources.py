"""/sources: documents with their text and claims, for those who may read them."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from letapis.registry import services as s
from letapis.registry.models import Source
from letapis.review.jobs import run_worker
from tests.api.conftest import Api, token_for

pytestmark = pytest.mark.django_db


def test_a_public_source_has_its_text_and_accepted_claims(demo: Any, anon: Any) -> None:
    listed = anon.get("sources")
    assert listed.data["count"] == 1 and "text" not in listed.data["results"][0]
    source = anon.get(f"sources/{listed.data['results'][0]['id']}").data
    assert source["text"].startswith("Letapis demo data")
    assert source["claims"] and all(c["state"] == "accepted" for c in source["claims"])
    quote = source["claims"][0]
    assert source["text"][quote["span_start"] : quote["span_end"]] == quote["quote"]


def test_sources_are_filtered_by_text_language_and_date(demo: Any, anon: Any) -> None:
    assert anon.get("sources", q="Lithuania").data["count"] == 1
    assert anon.get("sources", q="no such words here").data["count"] == 0
    assert anon.get("sources", language="be").data["count"] == 0
    assert anon.get("sources", **{"from": "2025-12-15"}).data["count"] == 0


def test_internal_and_confidential_sources_by_role(
    db: Any, anon: Any, viewer: Any, confidant: Any, as_user: Any
) -> None:
    internal = s.do_create_source(None, data=b"team", filename="a.txt", text="team", confidentiality="internal")[0]
    secret = s.do_create_source(None, data=b"secret", filename="b.txt", text="secret", confidentiality="confidential")[
        0
    ]
    assert anon.get(f"sources/{internal.pk}").status_code == 404
    assert as_user(viewer).get(f"sources/{internal.pk}").data["text"] == "team"
    assert as_user(viewer).get(f"sources/{secret.pk}").status_code == 404
    assert as_user(confidant).get(f"sources/{secret.pk}").data["text"] == "secret"


def test_a_document_is_added_with_its_title_and_address(make_user: Any) -> None:
    api = Api(token_for(make_user("reader", "researcher")))
    news = "Minsk, 3 March 2025. The poet Ivan Prykład was detained at his home.\n".encode()
    fields = {"title": "A poet detained", "url": "https://example.org/news/3", "language": "en"}
    added = api.client.post(
        "/api/v1/sources", {**fields, "file": SimpleUploadedFile("news.txt", news)}, headers=api.headers
    )
    assert added.status_code == 202 and run_worker(idle_exit=True) == 1
    source = Source.objects.get()
    assert (source.title, source.url, source.language) == ("A poet detained", "https://example.org/news/3", "en")
    refused = api.client.post(
        "/api/v1/sources",
        {"url": "javascript:alert(1)", "file": SimpleUploadedFile("b.txt", news + b"2")},
        headers=api.headers,
    )
    assert refused.status_code in (400, 422) and Source.objects.count() == 1
