"""Merging two records of one person keeps everything of both, and undoing it is exact."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import transaction

from letapis.access import EVERYTHING
from letapis.audit.log import record, snapshot
from letapis.audit.verify import verify
from letapis.registry import services as s
from letapis.registry.lookup import find_persons
from letapis.registry.models import (
    Claim,
    CriminalCase,
    ExternalId,
    Honour,
    Involvement,
    Membership,
    NameKey,
    NameVariant,
    Note,
    Occupation,
    Person,
    StatusSpan,
)
from letapis.registry.services.merge import do_merge_persons, do_unmerge_persons
from letapis.registry.status import status_on

pytestmark = pytest.mark.django_db


def _external_id(person: Person, scheme: str, value: str) -> ExternalId:
    with transaction.atomic():
        ext = ExternalId.objects.create(person=person, scheme=scheme, value=value)
        record(None, "externalid.add", ext, after=snapshot(ext))
    return ext


@pytest.fixture
def two_records() -> tuple[Person, Person]:
    """One writer entered twice: as Алесь Бяляцкі (kept) and, from a press report, as Ales Byalyatski."""
    keep = s.do_create_person(
        None, names=["Алесь Бяляцкі", "Aleś Bialacki"], confidentiality="public", publishable=True, gender="male"
    )
    other = s.do_create_person(None, names=["Ales Byalyatski", "Aleś Bialacki"], birth_date="1962-09-25")
    s.do_add_occupation(None, keep, "human_rights_defender")
    s.do_add_occupation(None, other, "human_rights_defender")  # the same occupation: stays on other
    s.do_add_occupation(None, other, "writer")
    s.do_add_honour(None, other, text="Nobel Peace Prize", year="2022")
    pen = s.do_create_organisation(None, "PEN Belarus", kind="pen_centre")
    s.do_add_membership(None, other, pen, role="member")
    _external_id(other, "wikidata", "Q2292170")
    judge = s.do_create_person(None, names=["Лола Збродава"])
    detention = s.do_create_event(None, type="detention", date="2021-07-14", victims=[other])
    release = s.do_create_event(None, type="release", date="2025-12-13", victims=[other])
    s.do_create_criminal_case(None, other, articles=["228"], judge=judge, sentence_event=detention)
    s.do_create_criminal_case(None, keep, articles=["342"], judge=other)  # other as a judge: moves too
    s.do_add_note(None, person=other, text="Lawyer: ask the family first.")
    source, _ = s.do_create_source(
        None, data=b"Ales Byalyatski was released.", filename="r.txt", text="Ales Byalyatski was released."
    )
    s.do_record_claim(
        None, source, kind="person", value={"name": "Ales Byalyatski"}, person=other, supports=other, state="accepted"
    )
    s.do_record_claim(
        None, source, kind="event", value={"type": "release"}, person=other, event=release, state="accepted"
    )
    return keep, other


def _ownership() -> dict[str, list[tuple[Any, ...]]]:
    """Every row that points at a person, with where it points: the registry's shape."""
    return {
        "names": sorted(NameVariant.objects.values_list("pk", "person_id", "text", "is_primary")),
        "keys": sorted(NameKey.objects.values_list("variant_id", "person_id", "key")),
        "occupations": sorted(Occupation.objects.values_list("pk", "person_id", "code")),
        "honours": sorted(Honour.objects.values_list("pk", "person_id")),
        "memberships": sorted(Membership.objects.values_list("pk", "person_id")),
        "external_ids": sorted(ExternalId.objects.values_list("pk", "person_id")),
        "involvements": sorted(Involvement.objects.values_list("pk", "person_id", "event_id")),
        "cases": sorted(CriminalCase.objects.values_list("pk", "person_id", "judge_id")),
        "notes": sorted(Note.objects.values_list("pk", "person_id")),
        "claims": sorted(Claim.objects.values_list("pk", "person_id", "record_type", "record_id")),
        "spans": sorted(StatusSpan.objects.values_list("person_id", "level", "status", "since", "until", "event_id")),
        "persons": sorted(
            Person.objects.values_list(
                "pk", "display_name", "gender", "birth_date", "confidentiality", "publishable", "merged_into_id"
            )
        ),
    }


def test_it_keeps_every_name_and_fact_of_both(two_records: tuple[Person, Person]) -> None:
    keep, other = two_records
    result = do_merge_persons(None, keep, other)
    keep.refresh_from_db()
    other.refresh_from_db()
    assert other.merged_into_id == keep.pk
    assert set(keep.names.values_list("text", flat=True)) == {"Алесь Бяляцкі", "Aleś Bialacki", "Ales Byalyatski"}
    assert keep.names.get(is_primary=True).text == "Алесь Бяляцкі"
    assert keep.display_name == "Алесь Бяляцкі"
    assert set(other.names.values_list("text", flat=True)) == {"Ales Byalyatski", "Aleś Bialacki"}  # unchanged
    assert set(keep.occupations.values_list("code", flat=True)) == {"human_rights_defender", "writer"}
    assert other.occupations.get().code == "human_rights_defender"  # the duplicate stays
    assert result.stayed["occupations"] == 1
    assert keep.honours.get().text == "Nobel Peace Prize"
    assert keep.memberships.get().organisation.name == "PEN Belarus"
    assert keep.external_ids.get().value == "Q2292170"
    assert keep.involvements.count() == 2
    assert keep.criminal_cases.count() == 2
    assert CriminalCase.objects.get(articles=["342"]).judge_id == keep.pk
    assert keep.notes.count() == 1
    assert keep.claims.count() == 2
    assert Claim.objects.get(kind="person").record_id == keep.pk  # the claim behind the record follows it
    assert (keep.birth_date, keep.gender) == ("1962-09-25", "male")
    # the stricter access of the two: other was internal and not publishable
    assert (keep.confidentiality, keep.publishable) == ("internal", False)
    assert result.keep_changes["publishable"] == (True, False)


def test_the_kept_person_has_the_status_of_the_merged_events(two_records: tuple[Person, Person]) -> None:
    keep, other = two_records
    assert status_on(keep, date(2022, 1, 1), levels=EVERYTHING).status == "not_prisoner"
    do_merge_persons(None, keep, other)
    assert status_on(keep, date(2022, 1, 1), levels=EVERYTHING).status == "held"
    assert StatusSpan.objects.filter(person=keep, status="held").exists()
    assert not StatusSpan.objects.filter(person=other).exists()


def test_search_finds_only_the_kept_person(two_records: tuple[Person, Person]) -> None:
    keep, other = two_records
    do_merge_persons(None, keep, other)
    assert [c.person.pk for c in find_persons("Ales Byalyatski")] == [keep.pk]


def test_the_audit_log_verifies_after_merge_and_undo(two_records: tuple[Person, Person]) -> None:
    keep, other = two_records
    assert verify().ok
    result = do_merge_persons(None, keep, other)
    report = verify()
    assert report.ok, [str(p) for p in report.problems]
    do_unmerge_persons(None, result.merge_id)
    report = verify()
    assert report.ok, [str(p) for p in report.problems]


def test_undo_restores_the_registry_exactly(two_records: tuple[Person, Person]) -> None:
    keep, other = two_records
    before = _ownership()
    result = do_merge_persons(None, keep, other)
    assert _ownership() != before
    undone = do_unmerge_persons(None, result.merge_id)
    assert _ownership() == before
    assert undone.moved["involvements"] == 2
    assert status_on(other, date(2022, 1, 1), levels=EVERYTHING).status == "held"
    assert status_on(keep, date(2022, 1, 1), levels=EVERYTHING).status == "not_prisoner"


def test_a_merge_is_undone_once(two_records: tuple[Person, Person]) -> None:
    keep, other = two_records
    result = do_merge_persons(None, keep, other)
    do_unmerge_persons(None, result.merge_id)
    with pytest.raises(s.ServiceError, match="undone already"):
        do_unmerge_persons(None, result.merge_id)
    with pytest.raises(s.ServiceError, match="no merge"):
        do_unmerge_persons(None, 10**9)


def test_merge_and_undo_again_after_an_undo(two_records: tuple[Person, Person]) -> None:
    keep, other = two_records
    before = _ownership()
    first = do_merge_persons(None, keep, other)
    do_unmerge_persons(None, first.merge_id)
    second = do_merge_persons(None, Person.objects.get(pk=keep.pk), Person.objects.get(pk=other.pk))
    do_unmerge_persons(None, second.merge_id)
    assert _ownership() == before
    assert verify().ok


def test_it_refuses_nonsense(two_records: tuple[Person, Person]) -> None:
    keep, other = two_records
    with pytest.raises(s.ServiceError, match="into itself"):
        do_merge_persons(None, keep, keep)
    do_merge_persons(None, keep, other)
    third = s.do_create_person(None, names=["Алесь Бяляцкі"])
    with pytest.raises(s.ServiceError, match="merged into person"):
        do_merge_persons(None, other, third)
    with pytest.raises(s.ServiceError, match="merged into person"):
        do_merge_persons(None, third, other)


def test_undo_waits_for_a_later_merge_of_the_kept_person(two_records: tuple[Person, Person]) -> None:
    keep, other = two_records
    first = do_merge_persons(None, keep, other)
    third = s.do_create_person(None, names=["Ales Bialiatski"])
    second = do_merge_persons(None, third, Person.objects.get(pk=keep.pk))
    with pytest.raises(s.ServiceError, match=f"merge {second.merge_id}.*undo that merge first"):
        do_unmerge_persons(None, first.merge_id)
    do_unmerge_persons(None, second.merge_id)
    do_unmerge_persons(None, first.merge_id)
    assert verify().ok


def test_a_failed_merge_changes_nothing(two_records: tuple[Person, Person], monkeypatch: pytest.MonkeyPatch) -> None:
    keep, other = two_records
    before = _ownership()

    def broken(person_ids: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("letapis.registry.services.merge.refresh_spans", broken)
    with pytest.raises(RuntimeError):
        do_merge_persons(None, keep, other)
    assert _ownership() == before
    assert verify().ok
