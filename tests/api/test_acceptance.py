"""The acceptance of the JSON API (issue 5), as `letapis serve` answers on the demo data: the schema
lists the endpoints, and ``/api/v1/held?on=2025-12-14`` gives anonymous callers public records of
publishable persons only, each traced to public sentences."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from letapis.registry import services as s
from letapis.registry.models import Claim, Event, Person, Source

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    ("get", "/api/v1/persons"),
    ("get", "/api/v1/persons/{person_id}"),
    ("patch", "/api/v1/persons/{person_id}"),
    ("get", "/api/v1/events"),
    ("get", "/api/v1/events/{event_id}"),
    ("get", "/api/v1/organisations"),
    ("get", "/api/v1/organisations/{organisation_id}"),
    ("get", "/api/v1/sources"),
    ("post", "/api/v1/sources"),
    ("get", "/api/v1/sources/{source_id}"),
    ("get", "/api/v1/sources/{source_id}/file"),
    ("get", "/api/v1/claims"),
    ("post", "/api/v1/claims"),
    ("get", "/api/v1/claims/{claim_id}"),
    ("post", "/api/v1/claims/{claim_id}/accept"),
    ("post", "/api/v1/claims/{claim_id}/reject"),
    ("post", "/api/v1/claims/{claim_id}/edit"),  # a proposed claim edited without deciding (issue 16)
    ("post", "/api/v1/claims/{claim_id}/settle"),  # a claim the registry contradicts (issue 16)
    ("get", "/api/v1/held"),
    ("get", "/api/v1/search"),
    ("get", "/api/v1/stats/held"),
    ("get", "/api/v1/stats/series"),
    # following each case (issue 19)
    ("get", "/api/v1/following"),
    ("get", "/api/v1/following/due"),
    ("get", "/api/v1/following/overdue"),
    ("get", "/api/v1/following/silent"),
    ("get", "/api/v1/following/birthdays"),
    ("get", "/api/v1/places"),
    ("get", "/api/v1/places/{place_id}"),
    ("get", "/api/v1/letters"),
    ("get", "/api/v1/digest"),
    ("get", "/api/v1/subscriptions"),
    ("post", "/api/v1/subscriptions"),
    ("delete", "/api/v1/subscriptions"),
    ("get", "/api/v1/inbox"),
}


def test_the_schema_lists_every_endpoint_of_the_issue(demo: Any) -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    schema = response.json()
    assert schema["openapi"].startswith("3.") and schema["info"]["version"] == "1"
    operations = {(method, path) for path, ops in schema["paths"].items() for method in ops}
    assert operations == ENDPOINTS


def test_held_on_the_day_of_the_statement_gives_anonymous_callers_public_records_only(demo: Any, viewer: Any) -> None:
    # beside the demo's public records: held persons the public may not see, and a public event
    # and a confidential source about a public person
    internal = s.do_create_person(None, names=["Internal Held"], confidentiality="internal", publishable=True)
    unpublished = s.do_create_person(None, names=["Unpublished Held"], confidentiality="public", publishable=False)
    secret = s.do_create_person(None, names=["Secret Held"], confidentiality="confidential", publishable=True)
    for person in (internal, unpublished, secret):
        s.do_create_event(None, type="detention", date="2025-06-01", victims=[person])
    text = "Secret letter: Andrzej Poczobut is held in Navapolack."
    letter = s.do_create_source(
        None, data=text.encode(), filename="letter.txt", text=text, confidentiality="confidential"
    )[0]
    s.do_record_claim(None, letter, kind="person", value={"name": "Andrzej Poczobut"}, quote="Andrzej Poczobut")

    response = Client().get("/api/v1/held", {"on": "2025-12-14", "limit": 500})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    held = response.json()
    assert held["on"] == "2025-12-14" and held["count"] == len(held["results"]) == 5
    ids = [row["id"] for row in held["results"]]
    assert Person.objects.filter(pk__in=ids, confidentiality="public", publishable=True).count() == 5
    assert not {internal.pk, unpublished.pk, secret.pk} & set(ids)
    for row in held["results"]:
        assert Event.objects.get(pk=row["event"]["id"]).confidentiality == "public"
        assert row["sources"], row["name"]
        for ref in row["sources"]:
            assert Source.objects.get(pk=ref["source_id"]).confidentiality == "public"
            assert Claim.objects.get(pk=ref["claim_id"]).confidentiality == "public"
    assert "Secret letter" not in response.content.decode()
    # the team sees the internal and the unpublished person too, not the confidential one
    team = Client()
    team.force_login(viewer)
    assert team.get("/api/v1/held", {"on": "2025-12-14"}).json()["count"] == 7
