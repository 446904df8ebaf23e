"""/sources: documents with their text and claims, for those who may read them."""

from __future__ import annotations

from typing import Any

import pytest

from letapis.registry import services as s

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
