"""Accepting claims of a hidden source, and matching against hidden persons.

A fact accepted from a claim takes the strictest of the claim's and its source's level, so a
confidential source adds nothing the public or the team without the grant can see (leak 2 of
issue 14). Matching sees only the persons the caller may see: a viewer is not shown a hidden
candidate, and an editor without the grant never writes to a hidden person (leak 4).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from letapis.audit.models import AuditEntry
from letapis.registry import services as s
from letapis.registry.models import Claim, Honour, Membership, NameVariant, Organisation, Person
from letapis.reports.publish import publish
from letapis.review.services import do_accept_claim
from tests.api.conftest import Api, token_for

pytestmark = pytest.mark.django_db

DAY = date(2026, 1, 10)
SECRET_TEXT = (
    "Ales Bialiatski, called Ales Viasnovy by his friends, holds the Quiet Lantern Prize "
    "and is a member of the Hidden PEN Circle."
)


@pytest.fixture
def grant_editor(django_user_model: Any) -> Any:
    return django_user_model.objects.create_user(
        "granted", password="x-long-password-7", role="editor", sees_confidential=True
    )


@pytest.fixture
def public_person(db: Any) -> Person:
    """A public, publishable person held since 2021 (so the static site lists them)."""
    person = s.do_create_person(None, names=["Ales Bialiatski"], confidentiality="public", publishable=True)
    s.do_create_event(None, type="detention", date="2021-07-14", confidentiality="public", victims=[person])
    return person


def _source(text: str, level: str) -> Any:
    return s.do_create_source(
        None, data=text.encode(), filename=f"{level}.txt", text=text, confidentiality=level, date=DAY
    )[0]


def _claim(source: Any, kind: str, value: dict[str, Any], **links: Any) -> Claim:
    return s.do_record_claim(None, source, kind=kind, value=value, proposer="extractor:test", **links)


@pytest.fixture
def accepted_secrets(public_person: Person, grant_editor: Any) -> dict[str, Any]:
    """A confidential source's person, honour and membership claims about the public person,
    accepted by an editor with the grant."""
    source = _source(SECRET_TEXT, "confidential")
    person_claim = _claim(
        source,
        "person",
        {"name": "Ales Bialiatski", "names": ["Ales Viasnovy"], "candidate": public_person.pk},
        quote="Ales Bialiatski",
    )
    do_accept_claim(grant_editor, person_claim)
    honour = _claim(source, "honour", {"person_claim": person_claim.pk, "text": "Quiet Lantern Prize"})
    do_accept_claim(grant_editor, honour)
    membership = _claim(source, "membership", {"person_claim": person_claim.pk, "organisation": "Hidden PEN Circle"})
    do_accept_claim(grant_editor, membership)
    return {"person": public_person, "source": source}


SECRETS = ("Viasnovy", "Quiet Lantern", "Hidden PEN Circle")


# ---------------------------------------------------------------------------------------------
# Leak 2: accepted from a confidential source


def test_facts_accepted_from_a_confidential_source_are_confidential(accepted_secrets: dict[str, Any]) -> None:
    person = accepted_secrets["person"]
    assert NameVariant.objects.get(person=person, text="Ales Viasnovy").confidentiality == "confidential"
    assert Honour.objects.get(person=person).confidentiality == "confidential"
    assert Membership.objects.get(person=person).confidentiality == "confidential"
    assert Organisation.objects.get(name="Hidden PEN Circle").confidentiality == "confidential"
    person.refresh_from_db()
    assert person.display_name == "Ales Bialiatski" and person.confidentiality == "public"


def test_a_claim_more_open_than_its_source_still_takes_the_sources_level(
    public_person: Person, grant_editor: Any
) -> None:
    source = _source(SECRET_TEXT, "confidential")
    claim = s.do_record_claim(
        None,
        source,
        kind="person",
        value={"name": "Ales Bialiatski", "names": ["Ales Viasnovy"], "candidate": public_person.pk},
        confidentiality="public",
    )
    do_accept_claim(grant_editor, claim)
    assert NameVariant.objects.get(text="Ales Viasnovy").confidentiality == "confidential"


@pytest.mark.parametrize("who", ["anonymous", "viewer", "editor"])
def test_the_api_shows_nothing_accepted_from_a_confidential_source(
    accepted_secrets: dict[str, Any], who: str, viewer: Any, editor: Any
) -> None:
    api = Api() if who == "anonymous" else Api(token_for(viewer if who == "viewer" else editor))
    person = accepted_secrets["person"]
    detail = api.get(f"persons/{person.pk}")
    assert detail.status_code == 200
    listed = api.get("persons")
    found = api.get("persons", q="Ales Viasnovy")
    search = api.get("search", q="Ales Viasnovy")
    organisations = api.get("organisations")
    for answer in (detail, listed, organisations):
        text = json.dumps(answer.data, ensure_ascii=False)
        assert not any(secret in text for secret in SECRETS), (who, text)
    # the query is echoed (and quoted in the reasons); no person is matched on the hidden form
    assert all(c["matched"] != "Ales Viasnovy" for c in search.data["persons"])
    rest = {k: v for k, v in search.data.items() if k not in ("q", "persons")}
    assert not any(secret in json.dumps(rest, ensure_ascii=False) for secret in SECRETS)
    assert all(r["id"] != person.pk for r in found.data["results"]) or found.data["count"] == 0


def test_someone_with_the_grant_sees_what_was_accepted(accepted_secrets: dict[str, Any], grant_editor: Any) -> None:
    api = Api(token_for(grant_editor))
    text = json.dumps(api.get(f"persons/{accepted_secrets['person'].pk}").data, ensure_ascii=False)
    assert all(secret in text for secret in SECRETS)
    found = api.get("search", q="Ales Viasnovy").data["persons"]
    assert [c["id"] for c in found] == [accepted_secrets["person"].pk]


def test_the_static_site_shows_nothing_accepted_from_a_confidential_source(
    accepted_secrets: dict[str, Any], tmp_path: Path
) -> None:
    out = tmp_path / "site"
    publish(out, DAY)
    index = (out / "en" / "index.html").read_text(encoding="utf-8")
    assert "Ales Bialiatski" in index  # the person is listed, held
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json"):
            text = path.read_text(encoding="utf-8")
            assert not any(secret in text for secret in SECRETS), path


# ---------------------------------------------------------------------------------------------
# Leak 4: candidates and matching


@pytest.fixture
def hidden_person(db: Any) -> Person:
    return s.do_create_person(None, names=["Maryna Zolatava"], confidentiality="confidential")


def _person_claim(source: Any, hidden: Person, *, candidate: bool = True) -> Claim:
    value: dict[str, Any] = {"name": "Maryna Zolatava"}
    if candidate:
        value["candidate"] = hidden.pk
        value["candidates"] = [[hidden.pk, 0.98, "0.980 → same person: Maryna Zolatava ~ Maryna Zolatava"]]
    return _claim(source, "person", value)


def test_a_viewer_is_not_shown_a_hidden_candidate(hidden_person: Person, viewer: Any) -> None:
    claim = _person_claim(_source("Maryna Zolatava was detained.", "internal"), hidden_person)
    listed = Api(token_for(viewer)).get("claims")
    assert listed.status_code == 200
    (shown,) = [c for c in listed.data["results"] if c["id"] == claim.pk]
    assert shown["value"]["candidate"] is None and shown["value"]["candidates"] == []
    one = Api(token_for(viewer)).get(f"claims/{claim.pk}").data
    assert one["value"]["candidate"] is None and one["value"]["candidates"] == []


def test_someone_with_the_grant_is_shown_the_candidate(hidden_person: Person, confidant: Any) -> None:
    claim = _person_claim(_source("Maryna Zolatava was detained.", "internal"), hidden_person)
    shown = Api(token_for(confidant)).get(f"claims/{claim.pk}").data
    assert shown["value"]["candidate"] == hidden_person.pk
    assert [c[0] for c in shown["value"]["candidates"]] == [hidden_person.pk]


def test_a_candidate_is_rescored_on_the_name_forms_the_caller_sees(public_person: Person, viewer: Any) -> None:
    s.do_add_name(None, public_person, "Ales Viasnovy", confidentiality="confidential")
    source = _source("Ales Viasnovy was detained.", "internal")
    claim = _claim(
        source,
        "person",
        {
            "name": "Ales Viasnovy",
            "candidate": public_person.pk,
            "candidates": [[public_person.pk, 1.0, "1.000 → same person: Ales Viasnovy ~ Ales Viasnovy"]],
        },
    )
    shown = Api(token_for(viewer)).get(f"claims/{claim.pk}").data["value"]
    # the stored reason quotes the hidden form; what is left is scored on "Ales Bialiatski"
    assert all("Viasnovy ~ Ales Viasnovy" not in str(c) for c in shown["candidates"])


@pytest.mark.parametrize("candidate", [True, False], ids=["candidate", "name-match"])
def test_an_editor_without_the_grant_never_writes_to_a_hidden_person(
    hidden_person: Person, editor: Any, candidate: bool
) -> None:
    source = _source("Maryna Zolatava, a teacher, was detained.", "internal")
    claim = _person_claim(source, hidden_person, candidate=candidate)
    done = do_accept_claim(editor, claim)
    assert done.person_id != hidden_person.pk
    assert Person.objects.get(pk=done.person_id).confidentiality == "internal"
    assert list(hidden_person.names.values_list("text", flat=True)) == ["Maryna Zolatava"]
    occupation = _claim(source, "occupation", {"person_claim": claim.pk, "occupation": "teacher"})
    do_accept_claim(editor, occupation)
    assert not hidden_person.occupations.exists()


def test_with_the_grant_the_candidate_is_the_hidden_person(hidden_person: Person, grant_editor: Any) -> None:
    claim = _person_claim(_source("Maryna Zolatava was detained.", "internal"), hidden_person)
    assert do_accept_claim(grant_editor, claim).person_id == hidden_person.pk


def test_linking_to_a_hidden_person_is_answered_as_for_no_such_person(hidden_person: Person, editor: Any) -> None:
    source = _source("Maryna Zolatava was detained.", "internal")
    api = Api(token_for(editor))
    first, second = _person_claim(source, hidden_person), _person_claim(source, hidden_person)
    hidden = api.post(f"claims/{first.pk}/accept", {"person_id": hidden_person.pk, "version": first.version})
    missing_id = hidden_person.pk + 1000
    missing = api.post(f"claims/{second.pk}/accept", {"person_id": missing_id, "version": second.version})
    assert hidden.status_code == missing.status_code == 404
    assert hidden.data["detail"].replace(str(hidden_person.pk), "N") == missing.data["detail"].replace(
        str(missing_id), "N"
    )
    with pytest.raises(s.ServiceError, match=f"^no person {hidden_person.pk}$"):
        do_accept_claim(editor, _person_claim(source, hidden_person), person=hidden_person)
    assert not Claim.objects.filter(person=hidden_person).exists()


def test_a_claim_about_a_hidden_person_accepted_by_another_is_refused(
    hidden_person: Person, editor: Any, grant_editor: Any
) -> None:
    source = _source("Maryna Zolatava, a teacher, was detained.", "internal")
    person_claim = _person_claim(source, hidden_person)
    do_accept_claim(grant_editor, person_claim)
    occupation = _claim(source, "occupation", {"person_claim": person_claim.pk, "occupation": "teacher"})
    with pytest.raises(s.ServiceError, match=f"^no person {hidden_person.pk}$"):
        do_accept_claim(editor, occupation)
    assert not hidden_person.occupations.exists()


def test_an_organisation_hidden_from_the_actor_is_not_reused(
    public_person: Person, editor: Any, grant_editor: Any
) -> None:
    s.do_create_organisation(None, "Hidden PEN Circle", kind="pen_centre", confidentiality="confidential")
    source = _source("Ales Bialiatski is a member of the Hidden PEN Circle.", "internal")
    person_claim = _claim(source, "person", {"name": "Ales Bialiatski", "candidate": public_person.pk})
    do_accept_claim(editor, person_claim)
    membership = _claim(source, "membership", {"person_claim": person_claim.pk, "organisation": "Hidden PEN Circle"})
    with pytest.raises(s.ServiceError, match="no organisation named"):
        do_accept_claim(editor, membership)
    assert not Membership.objects.exists()


# ---------------------------------------------------------------------------------------------
# Levels: lowering is the grant's, and audited


def test_lowering_a_level_without_the_grant_is_refused(public_person: Person, editor: Any, grant_editor: Any) -> None:
    internal = s.do_create_person(None, names=["Ihar Ilyash"], confidentiality="internal")
    with pytest.raises(s.ServiceError, match="confidential grant"):
        s.do_set_confidentiality(editor, internal, "public", "it was in the news")
    with pytest.raises(s.ServiceError, match="confidential grant"):
        s.do_update_person(editor, internal, confidentiality="public")
    with pytest.raises(s.ServiceError, match="confidential grant"):
        s.do_set_confidentiality(editor, internal.names.get(), "confidential", "")
    internal.refresh_from_db()
    assert internal.confidentiality == "internal"
    s.do_set_confidentiality(editor, public_person, "internal")  # raising below confidential: any editor

    with pytest.raises(s.ServiceError, match="say why"):
        s.do_set_confidentiality(grant_editor, internal.names.get(), "public", "")
    s.do_set_confidentiality(grant_editor, internal, "public", "published by the family")
    internal.refresh_from_db()
    assert internal.confidentiality == "public"
    entry = AuditEntry.objects.filter(action="person.confidentiality", object_id=str(internal.pk)).get()
    assert entry.before == {"confidentiality": "internal"}
    assert entry.after == {"confidentiality": "public", "reason": "published by the family"}


def test_a_primary_name_is_never_stricter_than_its_person(public_person: Person, grant_editor: Any) -> None:
    primary = public_person.names.get()
    with pytest.raises(s.ServiceError, match="primary name"):
        s.do_set_confidentiality(grant_editor, primary, "confidential", "a threat")
    with pytest.raises(s.ServiceError, match="primary name"):
        s.do_add_name(None, public_person, "Ales Viasnovy", is_primary=True, confidentiality="internal")
    hidden = s.do_create_person(None, names=["Maryna Zolatava", "Marina Zolotova"], confidentiality="confidential")
    s.do_set_confidentiality(grant_editor, hidden, "public", "the family asked")
    levels = dict(hidden.names.values_list("text", "confidentiality"))
    assert levels == {"Maryna Zolatava": "public", "Marina Zolotova": "confidential"}  # the primary follows
