"""``GET /api/v1/search``: full-text hits among the sources, with snippets and named persons."""

from __future__ import annotations

from typing import Any

from django.test import Client


def get(client: Client, **params: Any) -> Any:
    return client.get("/api/v1/search", params)


def test_it_answers_sources_with_snippets_and_persons(corpus: dict[str, Any]) -> None:
    response = get(Client(), q="Bialacki")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"q", "persons", "organisations", "events", "sources", "sources_count"}
    hit = next(s for s in body["sources"] if s["id"] == corpus["nobel"].pk)
    assert "<mark>Бяляцкі</mark>" in hit["snippet"]
    assert hit["persons"] == [
        {"id": corpus["bialacki"].pk, "name": "Алесь Бяляцкі", "url": f"/api/v1/persons/{corpus['bialacki'].pk}"}
    ]
    assert body["sources_count"] == len(body["sources"]) == 2


def test_the_public_never_sees_a_confidential_source_or_its_count(corpus: dict[str, Any]) -> None:
    body = get(Client(), q="Гарбузовы").json()
    assert body["sources"] == [] and body["sources_count"] == 0


def test_filters_and_paging(corpus: dict[str, Any]) -> None:
    body = get(Client(), q="Nobel", language="en").json()
    assert [s["id"] for s in body["sources"]] == [corpus["english"].pk]
    body = get(Client(), q="Nobel", **{"from": "2025-01-01"}).json()
    assert [s["id"] for s in body["sources"]] == [corpus["nobel"].pk]
    body = get(Client(), q="Nobel", limit=1, offset=1).json()
    assert len(body["sources"]) == 1 and body["sources_count"] == 2


def test_bad_parameters_are_json_4xx(corpus: dict[str, Any]) -> None:
    for params in ({"q": "-only"}, {"q": "Nobel", "from": "soon"}, {"q": "Nobel", "offset": -1}, {}):
        response = get(Client(), **params)
        assert 400 <= response.status_code < 500, params
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["detail"]
