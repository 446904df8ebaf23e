"""``/search/``: the page in the app's shell, with snippets, filters, pagination and names."""

from __future__ import annotations

from typing import Any

from django.test import Client


def test_the_header_has_the_search_box(db: Any) -> None:
    page = Client().get("/").content.decode()
    assert 'action="/search/"' in page and 'name="q"' in page


def test_it_shows_marked_snippets_and_linked_names(corpus: dict[str, Any]) -> None:
    response = Client().get("/search/", {"q": "Bialacki"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<mark>Бяляцкі</mark>" in page
    assert f'href="/persons/{corpus["bialacki"].pk}/"' in page
    assert f'href="/sources/{corpus["nobel"].pk}/"' in page


def test_a_confidential_source_is_not_shown(corpus: dict[str, Any], client: Client, editor: Any) -> None:
    client.force_login(editor)
    page = client.get("/search/", {"q": "Гарбузовы"}).content.decode()
    assert "Магілёве" not in page and "Nothing matches" in page


def test_filters_and_pages(corpus: dict[str, Any]) -> None:
    page = Client().get("/search/", {"q": "Nobel", "language": "en"}).content.decode()
    assert "Statement" in page and "Заява ПЭН" not in page
    page = Client().get("/search/", {"q": "Nobel", "page": "99"}).content.decode()
    assert "1–2 of 2" in page and "<mark>Nobel</mark>" in page  # past the last page: the last one


def test_bad_parameters_are_told_on_the_page(corpus: dict[str, Any]) -> None:
    response = Client().get("/search/", {"q": "Nobel", "from": "soon"})
    assert response.status_code == 200 and "is not a day" in response.content.decode()
    response = Client().get("/search/", {"q": "-only"})
    assert response.status_code == 200 and "at least one word" in response.content.decode()


def test_the_page_without_a_query_is_the_form(db: Any) -> None:
    response = Client().get("/search/")
    assert response.status_code == 200 and 'id="s-q"' in response.content.decode()
