"""The persons list costs a fixed number of queries, whatever the number of persons and rows."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from letapis.registry.synth.generate import generate

pytestmark = pytest.mark.django_db

MAX_QUERIES_ANONYMOUS = 11  # count, page, names, occupations, status days, name forms, organisations, places,
# the places of detention of the held rows (one query for the page), +1, +1 (a held list may count apart)
MAX_QUERIES_SIGNED_IN = MAX_QUERIES_ANONYMOUS + 2  # the session and the user


@pytest.fixture
def registry() -> None:
    generate(120, 500, seed=3)


@pytest.mark.parametrize(
    "query",
    ["", "?status=held&on=2024-06-01", "?occupation=journalist&sort=-updated", "?event_type=detention&from=2015-01-01"],
)
def test_the_persons_list_has_a_fixed_query_count(
    client: Client, registry: None, viewer: Any, django_assert_max_num_queries: Any, query: str
) -> None:
    with django_assert_max_num_queries(MAX_QUERIES_ANONYMOUS):
        page = client.get("/persons/" + query)
    assert page.status_code == 200
    assert page.context["rows"], query
    client.force_login(viewer)
    with django_assert_max_num_queries(MAX_QUERIES_SIGNED_IN):
        page = client.get("/persons/" + query + ("&" if query else "?") + "page=2")
    assert page.status_code in (200, 302)  # a list of one page sends page=2 to its last page


def test_a_name_search_adds_only_the_lookups(
    client: Client, registry: None, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(MAX_QUERIES_ANONYMOUS + 3):
        page = client.get("/persons/", {"q": "Алесь"})
    assert page.status_code == 200
