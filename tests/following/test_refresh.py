"""Follow-ups: per-tier rows kept in step with cases, term changes, events and places."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from letapis.following import services as fs
from letapis.following.models import FollowUp
from letapis.following.refresh import rebuild_all_follow_ups, refresh_follow_ups
from letapis.registry import services as s
from letapis.registry import spans
from letapis.registry.models import Person, Place
from letapis.registry.services import ServiceError

pytestmark = pytest.mark.django_db

D = date.fromisoformat
FIELDS = (
    "person_id",
    "level",
    "case_id",
    "custody_start",
    "end_earliest",
    "end_latest",
    "reasoning",
    "place_id",
    "place_since",
    "place_event_id",
    "last_contact",
    "contact_event_id",
)


def rows(*levels: str) -> list[dict[str, Any]]:
    qs = FollowUp.objects.order_by("person_id", "level")
    if levels:
        qs = qs.filter(level__in=levels)
    return list(qs.values(*FIELDS))


def row(person: Person, level: str = "public") -> FollowUp:
    return FollowUp.objects.get(person=person, level=level)


def colony(name: str = "Penal colony No. 4, Homiel", level: str = "public") -> Place:
    return s.do_create_place(None, name, kind="penal_colony", country="BY", confidentiality=level)


@pytest.fixture
def prisoner() -> Person:
    """Detained 10 August 2021, sentenced 15 February 2022 to three years, sent to a colony."""
    p = s.do_create_person(None, names=["Hanna Prykład"], confidentiality="public", publishable=True)
    sizo = s.do_create_place(None, "SIZO No. 1, Minsk", kind="sizo", confidentiality="public")
    s.do_create_event(None, type="detention", date="2021-08-10", place=sizo, victims=[p])
    sentence = s.do_create_event(None, type="sentence", date="2022-02-15", victims=[p])
    s.do_create_criminal_case(
        None,
        p,
        sentence_kind="general_regime_colony",
        sentence_months=36,
        sentence_date="2022-02-15",
        sentence_event=sentence,
    )
    s.do_create_event(None, type="transfer", date="2022-04", place=colony(), victims=[p])
    return p


def test_the_follow_up_follows_the_services_in_every_tier(prisoner: Person) -> None:
    for level in ("public", "internal", "confidential"):
        r = row(prisoner, level)
        assert (r.custody_start, r.end_earliest, r.end_latest) == (D("2021-08-10"), D("2024-08-10"), D("2024-08-10"))
        assert r.place.name == "Penal colony No. 4, Homiel" and r.place_since == D("2022-04-30")
        assert r.last_contact is None
    case = prisoner.criminal_cases.get()
    fs.do_add_term_change(None, case, kind="added", months=12, date="2024-06-20")
    assert row(prisoner).end_latest == D("2025-08-10")
    letter = fs.do_record_contact(None, prisoner, type="letter", date="2025-03-02")
    assert (row(prisoner).last_contact, row(prisoner).contact_event_id) == (D("2025-03-02"), letter.pk)
    s.do_update_event(None, letter, date="2025-03-09")
    assert row(prisoner).last_contact == D("2025-03-09")


def test_a_refresh_equals_a_rebuild(prisoner: Person) -> None:
    fs.do_add_term_change(None, prisoner.criminal_cases.get(), kind="added", months=12, date="2024-06-20")
    fs.do_record_contact(None, prisoner, type="family_visit", date="2025-05", confidentiality="internal")
    kept = rows()
    rebuild_all_follow_ups()
    assert rows() == kept
    FollowUp.objects.all().delete()
    refresh_follow_ups([prisoner.pk])
    assert rows() == kept


def test_confidential_records_change_nothing_the_public_and_the_team_see(prisoner: Person) -> None:
    outside = rows("public", "internal")
    hidden_colony = colony("Prison No. 8, Žodzina", level="confidential")
    s.do_create_event(None, type="transfer", date="2024-01-10", place=hidden_colony, victims=[prisoner])
    public_colony = colony("Penal colony No. 9, Horki")
    transfer = s.do_create_event(
        None, type="transfer", date="2024-02-01", place=public_colony, confidentiality="confidential"
    )
    s.do_add_involvement(None, transfer, person=prisoner)
    case = prisoner.criminal_cases.get()
    fs.do_add_term_change(None, case, kind="added", months=18, date="2024-06", confidentiality="confidential")
    fs.do_record_contact(None, prisoner, type="lawyer_visit", date="2025-01-15", confidentiality="confidential")
    later = s.do_create_event(
        None, type="sentence", date="2024-09-01", victims=[prisoner], confidentiality="confidential"
    )
    s.do_create_criminal_case(
        None,
        prisoner,
        sentence_months=24,
        sentence_date="2024-09-01",
        sentence_event=later,
        confidentiality="confidential",
    )
    assert rows("public", "internal") == outside
    secret = row(prisoner, "confidential")
    assert secret.place == public_colony and secret.place_since == D("2024-02-01")
    assert secret.end_latest == D("2028-02-10")  # 10 August 2024, 18 months added, a 2-year sentence added
    assert secret.last_contact == D("2025-01-15")
    # an internal contact is the team's, not the public's
    fs.do_record_contact(None, prisoner, type="letter", date="2025-02-01", confidentiality="internal")
    assert row(prisoner, "public").last_contact is None and row(prisoner, "internal").last_contact == D("2025-02-01")


def test_a_place_made_confidential_leaves_the_public_tier(prisoner: Person) -> None:
    place = row(prisoner).place
    s.do_set_confidentiality(None, place, "confidential", reason="kept inside")
    assert row(prisoner, "public").place.name == "SIZO No. 1, Minsk"
    assert row(prisoner, "confidential").place == place


def test_a_re_arrest_and_a_death(prisoner: Person) -> None:
    s.do_create_event(None, type="release", date="2024-08-10", victims=[prisoner])
    assert row(prisoner).end_latest == D("2024-08-10")  # the term as it was served
    s.do_create_event(None, type="detention", date="2025-01-20", victims=[prisoner])
    assert row(prisoner).case_id is None and row(prisoner).end_latest is None  # afresh: no verdict yet
    assert row(prisoner).place_id is None  # not at the colony of the last term: not known yet
    again = s.do_create_event(None, type="sentence", date="2025-06-02", victims=[prisoner])
    case = s.do_create_criminal_case(
        None, prisoner, sentence_months=30, sentence_date="2025-06-02", sentence_event=again
    )
    assert (row(prisoner).case_id, row(prisoner).custody_start) == (case.pk, D("2025-01-20"))
    assert row(prisoner).end_latest == D("2027-07-20")
    s.do_create_event(None, type="death_in_custody", date="2026-03-01", victims=[prisoner])
    assert row(prisoner).end_latest == D("2027-07-20")  # kept; the person is not held: never due
    case.delete()
    assert row(prisoner).case_id is None


def test_a_bulk_load_refreshes_each_person_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[int]] = []

    def counting(ids: Any) -> None:
        calls.append(sorted(ids))
        refresh_follow_ups(ids)

    monkeypatch.setattr(spans, "_refresh_hooks", [counting])
    with spans.deferred():
        p = s.do_create_person(None, names=["Ihar Uzor"], confidentiality="public")
        s.do_create_event(None, type="detention", date="2023-05-16", victims=[p])
        case = s.do_create_criminal_case(None, p, sentence_months=24, sentence_date="2023-11-20")
        fs.do_add_term_change(None, case, kind="reduced", months=3, date="2024-02")
        fs.do_record_contact(None, p, type="letter", date="2024-03-01")
        assert calls == [] and not FollowUp.objects.exists()
    assert calls == [[p.pk]]
    assert row(p).end_latest == D("2025-02-16") and row(p).last_contact == D("2024-03-01")


def test_a_person_can_be_deleted_with_their_records(prisoner: Person) -> None:
    fs.do_record_contact(None, prisoner, type="letter", date="2025-03-02")
    prisoner.delete()
    assert not FollowUp.objects.exists()


def test_term_changes_and_contacts_are_checked() -> None:
    p = s.do_create_person(None, names=["Maksim Zrazok"], confidentiality="internal")
    case = s.do_create_criminal_case(None, p, sentence_months=24, sentence_date="2023-11-20")
    for bad in (
        {"kind": "doubled", "months": 1},
        {"kind": "added"},
        {"kind": "added", "months": -1},
        {"kind": "added", "months": 1, "date": "soon"},
        {"kind": "added", "months": 1, "confidentiality": "secret"},
    ):
        with pytest.raises(ServiceError):
            fs.do_add_term_change(None, case, **bad)
    change = fs.do_add_term_change(None, case, kind="amnesty", days=90, date="2024")
    assert change.confidentiality == "internal"  # the case's level
    with pytest.raises(ServiceError):
        fs.do_record_contact(None, p, type="detention", date="2024-01-01")
    with pytest.raises(ServiceError):
        fs.do_record_contact(None, p, type="letter", date="")
    visit = fs.do_record_contact(None, p, type="lawyer_visit", date="2024-01")
    assert visit.confidentiality == "internal" and visit.involvements.get().person == p


def test_records_moved_to_another_person_or_case_refresh_both(prisoner: Person) -> None:
    other = s.do_create_person(None, names=["Ihar Uzor"], confidentiality="public")
    s.do_create_event(None, type="detention", date="2023-05-16", victims=[other])
    theirs = s.do_create_criminal_case(None, other, sentence_months=24, sentence_date="2023-11-20")
    letter = fs.do_record_contact(None, prisoner, type="letter", date="2025-03-02")
    involvement = letter.involvements.get()
    involvement.person = other
    involvement.save()  # as the admin does
    assert row(prisoner).last_contact is None and row(other).last_contact == D("2025-03-02")
    change = fs.do_add_term_change(None, prisoner.criminal_cases.get(), kind="added", months=12, date="2024-06")
    assert row(prisoner).end_latest == D("2025-08-10")
    change.case = theirs
    change.save()
    assert row(prisoner).end_latest == D("2024-08-10") and row(other).end_latest == D("2026-05-16")
