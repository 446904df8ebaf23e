"""/persons: the list with the pages' filters, a person's page as JSON, edits with versions."""

from __future__ import annotations

from typing import Any

import pytest

from letapis.registry import services as s

pytestmark = pytest.mark.django_db


def _names(response: Any) -> list[str]:
    return [row["name"] for row in response.data["results"]]


def test_it_lists_persons_with_total_and_next_page(demo: Any, anon: Any) -> None:
    first = anon.get("persons", limit=3)
    assert first.status_code == 200
    assert first.data["count"] >= 10 and len(first.data["results"]) == 3
    assert first.data["next"].endswith("offset=3") and first.data["previous"] is None
    second = anon.get(first.data["next"].removeprefix("http://testserver"))
    assert second.data["offset"] == 3 and set(_names(first)).isdisjoint(_names(second))


def test_it_filters_by_status_on_a_day(demo: Any, anon: Any) -> None:
    held = anon.get("persons", status="held", on="2025-12-14")
    assert held.data["count"] == 5 and {r["status"] for r in held.data["results"]} == {"held"}
    released = anon.get("persons", status="released", on="2025-12-14")
    assert "Aleś Bialacki" in _names(released)
    before = anon.get("persons", status="held", on="2025-12-12")
    assert "Aleś Bialacki" in _names(before)


@pytest.mark.parametrize("day", ["2019-01-01", "2020-12-31", "2025-12-12", "2025-12-14"])
def test_each_status_filter_gives_exactly_the_persons_whose_row_says_that_status(
    demo: Any, viewer: Any, as_user: Any, day: str
) -> None:
    """The filter reads the status spans, each row its status annotation: the two must agree,
    and the four statuses must split the persons without overlap."""
    api = as_user(viewer)
    everyone = {r["id"]: r["status"] for r in api.get("persons", on=day, limit=200).data["results"]}
    assert everyone
    seen: set[int] = set()
    for status in ("held", "released", "died", "not_prisoner"):
        rows = api.get("persons", on=day, status=status, limit=200).data["results"]
        ids = {r["id"] for r in rows}
        assert ids == {pid for pid, s in everyone.items() if s == status}, status
        assert not ids & seen
        seen |= ids
    assert seen == set(everyone)


def test_it_filters_by_occupation_organisation_and_event_period(demo: Any, anon: Any) -> None:
    from letapis.registry.models import Organisation

    writers = anon.get("persons", occupation="writer")
    assert "Aleś Bialacki" in _names(writers) and all("writer" in r["occupations"] for r in writers.data["results"])
    pen = Organisation.objects.get(name="PEN Belarus")
    members = anon.get("persons", organisation=pen.pk)
    assert "Maksim Znak" in _names(members)
    detained_2021 = anon.get("persons", event_type="detention", **{"from": "2021-01-01", "to": "2021-12-31"})
    assert "Aleś Bialacki" in _names(detained_2021) and "Maksim Znak" not in _names(detained_2021)
    assert anon.get("persons", occupation="astronaut-of-nowhere").status_code == 400
    assert anon.get("persons", event_type="picnic").status_code == 400


@pytest.mark.parametrize("spelling", ["Бяляцкі", "Aleś Bialacki", "Ales Bialiatski", "Алесь Беляцкий", "bialacki"])
def test_it_finds_a_person_by_any_spelling(demo: Any, anon: Any, spelling: str) -> None:
    assert _names(anon.get("persons", q=spelling))[:1] == ["Aleś Bialacki"]


def test_a_person_has_names_status_with_its_source_sentence_events_and_cases(demo: Any, anon: Any) -> None:
    pid = anon.get("persons", q="Aleś Bialacki").data["results"][0]["id"]
    person = anon.get(f"persons/{pid}", on="2025-12-14").data
    assert {"Алесь Бяляцкі", "Ales Bialiatski"} <= {n["text"] for n in person["names"]}
    assert person["status"]["status"] == "released" and person["status"]["exiled"] is True
    assert person["status"]["sources"] and "freed on 13 December" in person["status"]["sources"][0]["quote"]
    assert [e["type"] for e in person["events"]] == ["detention", "sentence", "release"]
    assert all(e["sources"] for e in person["events"])
    assert person["cases"][0]["sentence_months"] == 120
    writer = next(o for o in person["occupations"] if o["code"] == "writer")
    assert writer["label"] == "writer" and writer["sources"][0]["source_id"] == demo.pk  # the fact's source
    assert person["memberships"][0]["organisation"] == "PEN Belarus"


def test_notes_are_shown_by_confidentiality(demo: Any, anon: Any, viewer: Any, confidant: Any, as_user: Any) -> None:
    person = s.do_create_person(None, names=["Test Person"], confidentiality="public", publishable=True)
    s.do_add_note(None, text="public note", person=person, confidentiality="public")
    s.do_add_note(None, text="team note", person=person, confidentiality="internal")
    s.do_add_note(None, text="secret note", person=person, confidentiality="confidential")

    def notes(api: Any) -> set[str]:
        return {n["text"] for n in api.get(f"persons/{person.pk}").data["notes"]}

    assert notes(anon) == {"public note"}
    assert notes(as_user(viewer)) == {"public note", "team note"}
    assert notes(as_user(confidant)) == {"public note", "team note", "secret note"}


def test_a_persons_events_and_deciding_event_are_shown_as_far_as_the_caller_may_see(
    demo: Any, anon: Any, viewer: Any, as_user: Any
) -> None:
    person = s.do_create_person(None, names=["Ihar Padziejny"], confidentiality="public", publishable=True)
    witness = s.do_create_person(None, names=["Jana Sviedka"], confidentiality="public", publishable=True)
    detention = s.do_create_event(None, type="detention", date="2024-03-01", victims=[person])
    quiet = s.do_create_event(None, type="search", date="2024-03-02")
    s.do_add_involvement(None, quiet, person=person, confidentiality="internal")
    sentence = s.do_create_event(None, type="sentence", date="2024-09-01", confidentiality="internal")
    s.do_add_involvement(None, sentence, person=person)
    shared = s.do_create_event(None, type="release", date="2025-01-10", victims=[witness])
    s.do_add_involvement(None, shared, person=person, confidentiality="internal")

    def page(api: Any, day: str) -> Any:
        return api.get(f"persons/{person.pk}", on=day).data

    public, team = page(anon, "2024-10-01"), page(as_user(viewer), "2024-10-01")
    assert [e["id"] for e in public["events"]] == [detention.pk]
    assert [e["id"] for e in team["events"]] == [detention.pk, quiet.pk, sentence.pk, shared.pk]
    # the status as each sees it: the public, from the detention alone (the sentence is hidden)
    assert public["status"]["status"] == "held" and public["status"]["event"]["id"] == detention.pk
    assert public["status"]["since"] == "2024-03-01"
    # the team's status is decided by the internal sentence; held since the detention all the same
    assert team["status"]["event"]["id"] == sentence.pk and team["status"]["since"] == "2024-03-01"
    # released by a public event in which the person's involvement is internal: not for the public
    later, later_team = page(anon, "2025-02-01"), page(as_user(viewer), "2025-02-01")
    assert later["status"]["status"] == "held" and later["status"]["event"]["id"] == detention.pk
    assert shared.pk not in [e["id"] for e in later["events"]]
    assert later_team["status"]["status"] == "released" and later_team["status"]["event"]["id"] == shared.pk


def test_persons_not_to_be_published_are_not_found_by_anonymous_callers(
    demo: Any, anon: Any, viewer: Any, as_user: Any
) -> None:
    hidden = s.do_create_person(None, names=["Hidden Prisoner"], confidentiality="public", publishable=False)
    assert anon.get(f"persons/{hidden.pk}").status_code == 404
    assert "Hidden Prisoner" not in _names(anon.get("persons", limit=500))
    assert as_user(viewer).get(f"persons/{hidden.pk}").status_code == 200


def test_an_editor_edits_a_person_and_a_stale_version_is_a_conflict(demo: Any, editor: Any, as_user: Any) -> None:
    api = as_user(editor)
    pid = api.get("persons", q="Maksim Znak").data["results"][0]["id"]
    version = api.get(f"persons/{pid}").data["version"]
    changed = api.patch(f"persons/{pid}", {"version": version, "birth_date": "1981"})
    assert changed.status_code == 200 and changed.data["birth_date"] == "1981"
    assert changed.data["version"] == version + 1
    stale = api.patch(f"persons/{pid}", {"version": version, "birth_date": "1982"})
    assert stale.status_code == 409 and "reload" in stale.data["detail"]
    assert api.get(f"persons/{pid}").data["birth_date"] == "1981"
    from letapis.audit.models import AuditEntry

    assert AuditEntry.objects.filter(action="person.update", actor=editor).count() == 1


def test_an_edit_without_its_version_is_refused_with_428(demo: Any, editor: Any, as_user: Any) -> None:
    api = as_user(editor)
    pid = api.get("persons", q="Maksim Znak").data["results"][0]["id"]
    before = api.get(f"persons/{pid}").data
    refused = api.patch(f"persons/{pid}", {"birth_date": "1981"})
    assert refused.status_code == 428
    assert "version" in refused.data["detail"] and f"GET /persons/{pid}" in refused.data["detail"]
    after = api.get(f"persons/{pid}").data
    assert after["birth_date"] == before["birth_date"] and after["version"] == before["version"]


def test_only_editors_edit_persons(demo: Any, anon: Any, viewer: Any, make_user: Any, as_user: Any) -> None:
    researcher = make_user("res", "researcher")
    pid = anon.get("persons", limit=1).data["results"][0]["id"]
    assert anon.patch(f"persons/{pid}", {"birth_date": "1970"}).status_code == 401
    assert as_user(viewer).patch(f"persons/{pid}", {"birth_date": "1970"}).status_code == 403
    assert as_user(researcher).patch(f"persons/{pid}", {"birth_date": "1970"}).status_code == 403


def test_bad_edits_are_refused_with_a_message(demo: Any, editor: Any, as_user: Any) -> None:
    api = as_user(editor)
    pid = api.get("persons", limit=1).data["results"][0]["id"]
    version = api.get(f"persons/{pid}").data["version"]
    bad_date = api.patch(f"persons/{pid}", {"version": version, "birth_date": "the sixties"})
    assert bad_date.status_code == 400 and bad_date.data["detail"]
    assert api.patch(f"persons/{pid}", {"version": version, "gender": "dragon"}).status_code == 422
    assert api.patch(f"persons/{pid}", {"version": version}).status_code == 400
