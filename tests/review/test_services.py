"""Accept, edit-then-accept, reject and undo: the registry gains facts once, and undo is exact."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from letapis.access import EVERYTHING
from letapis.audit.models import AuditEntry
from letapis.registry import services as s
from letapis.registry.models import Claim, Event, Membership, NameVariant, Occupation, Person, Source
from letapis.registry.status import status_on
from letapis.review.models import ReviewAction
from letapis.review.services import Conflict, ServiceError, do_accept_claim, do_reject_claim, do_undo_review
from tests.review.conftest import COLLECTIVE_RELEASE

pytestmark = pytest.mark.django_db

TEXT = (
    "On 13 December, 123 political prisoners, including 13 foreign nationals, were released. "
    "Among those released is the poet Ryhor Novy. The musician Dzmitryj Hałavač is still held. "
    "The translator Siarhiej Paŭłavicki was freed.\n"
)


@pytest.fixture
def source(db: Any) -> Source:
    created, _ = s.do_create_source(
        None, data=TEXT.encode(), filename="t.txt", text=TEXT, date=date(2025, 12, 14), language="en"
    )
    return created


def claim(source: Source, kind: str, value: dict[str, Any], quote: str = "") -> Claim:
    return s.do_record_claim(None, source, kind=kind, value=value, quote=quote, proposer="extractor:test")


def person_claim(source: Source, name: str, **extra: Any) -> Claim:
    return claim(
        source,
        "person",
        {"name": name, "name_latin": extra.pop("name_latin", name), "names": [], "candidate": None, **extra},
        name,
    )


def registry_counts() -> tuple[int, ...]:
    return (
        Person.objects.count(),
        NameVariant.objects.count(),
        Occupation.objects.count(),
        Membership.objects.count(),
        Event.objects.count(),
    )


def test_it_creates_a_new_person_with_every_name_form(source: Source, editor: Any) -> None:
    c = person_claim(source, "Ryhor Novy", names=["Рыгор Новы"])
    done = do_accept_claim(editor, c)
    assert done.state == "accepted" and done.reviewer == editor and done.reviewed_at is not None
    assert done.person is not None and done.record_type == "registry.person" and done.record_id == done.person.pk
    assert sorted(n.text for n in done.person.names.all()) == ["Ryhor Novy", "Рыгор Новы"]
    assert done.person.confidentiality == source.confidentiality
    assert done.version == 2


def test_it_matches_an_existing_person_instead_of_duplicating(demo: Any, editor: Any, source: Source) -> None:
    before = registry_counts()
    c = person_claim(source, "Dzmitryj Hałavač")
    done = do_accept_claim(editor, c)
    assert done.person is not None and done.person.display_name == "Dzmitryj Hałavač"
    assert registry_counts() == before
    assert ReviewAction.objects.get(claim=done).created == []


def test_it_links_to_the_person_the_reviewer_names_and_keeps_the_spelling(
    demo: Any, editor: Any, source: Source
) -> None:
    znak = Person.objects.get(display_name="Maksim Znak")
    c = person_claim(source, "Ryhor Novy")
    done = do_accept_claim(editor, c, person=znak)
    assert done.person == znak
    assert znak.names.filter(text="Ryhor Novy").exists()
    do_undo_review(editor, done)
    assert not znak.names.filter(text="Ryhor Novy").exists()


def test_an_occupation_needs_its_person_accepted_first(source: Source, editor: Any) -> None:
    p = person_claim(source, "Ryhor Novy")
    job = claim(source, "occupation", {"person_name": "Ryhor Novy", "occupation": "poet", "person_claim": p.pk})
    with pytest.raises(ServiceError, match=f"person claim {p.pk} is not accepted yet"):
        do_accept_claim(editor, job)
    do_accept_claim(editor, p)
    done = do_accept_claim(editor, job)
    occupation = Occupation.objects.get(pk=done.record_id)
    assert (occupation.person_id, occupation.code) == (done.person_id, "poet")


def test_edit_then_accept_keeps_the_original_for_undo(source: Source, editor: Any) -> None:
    p = do_accept_claim(editor, person_claim(source, "Ryhor Novy"))
    c = claim(
        source, "occupation", {"person_name": "Ryhor Novy", "occupation": "xylophone tuner", "person_claim": p.pk}
    )
    with pytest.raises(ServiceError, match="not in the occupations vocabulary"):
        do_accept_claim(editor, c)
    done = do_accept_claim(editor, c, edits={"occupation": "poet"})
    assert done.value["occupation"] == "poet"
    assert Occupation.objects.filter(person=p.person, code="poet").exists()
    undone = do_undo_review(editor, done)
    assert undone.value["occupation"] == "xylophone tuner" and undone.state == "proposed"
    assert not Occupation.objects.filter(person=p.person).exists()


def test_accepting_known_facts_adds_claims_not_records(demo: Any, editor: Any, source: Source) -> None:
    p = do_accept_claim(editor, person_claim(source, "Dzmitryj Hałavač"))
    before = registry_counts()
    occupation = do_accept_claim(
        editor,
        claim(
            source, "occupation", {"person_name": "Dzmitryj Hałavač", "occupation": "musician", "person_claim": p.pk}
        ),
    )
    status = do_accept_claim(
        editor,
        claim(
            source,
            "status",
            {"person_name": "Dzmitryj Hałavač", "status": "held", "date": "2025-12-14", "person_claim": p.pk},
        ),
    )
    assert registry_counts() == before
    assert Occupation.objects.get(pk=occupation.record_id).code == "musician"
    deciding = status_on(p.person, date(2025, 12, 14), levels=EVERYTHING).event
    assert deciding is not None and status.event == deciding and status.record_id == deciding.pk


def test_a_release_joins_the_collective_release_of_the_document(editor: Any, source: Source) -> None:
    novy = s.do_create_person(None, names=["Ryhor Novy"])
    s.do_create_event(None, type="detention", date="2021-05-01", victims=[novy])
    p = do_accept_claim(editor, person_claim(source, "Ryhor Novy"))
    release = do_accept_claim(
        editor,
        claim(
            source,
            "event",
            dict(COLLECTIVE_RELEASE),  # a copy: the claim keeps it
            "123 political prisoners",
        ),
    )
    collective = Event.objects.get(pk=release.record_id)
    assert (collective.count, collective.destinations, collective.forced_exile) == (123, ["UA", "LT"], True)
    status = do_accept_claim(
        editor,
        claim(
            source,
            "status",
            {"person_name": "Ryhor Novy", "status": "released", "date": "2025-12-14", "person_claim": p.pk},
        ),
    )
    own = Event.objects.get(pk=status.record_id)
    assert (own.type, own.date, own.parent_id) == ("release", "2025-12-13", collective.pk)
    result = status_on(novy, date(2025, 12, 14), levels=EVERYTHING)
    assert result.status == "released" and result.exiled
    assert status_on(novy, date(2025, 12, 12), levels=EVERYTHING).status == "held"


def test_held_creates_a_detention_only_when_not_held(editor: Any, source: Source) -> None:
    p = do_accept_claim(editor, person_claim(source, "Ryhor Novy"))
    held = claim(
        source, "status", {"person_name": "Ryhor Novy", "status": "held", "date": "2025-12-14", "person_claim": p.pk}
    )
    done = do_accept_claim(editor, held)
    detention = Event.objects.get(pk=done.record_id)
    assert (detention.type, detention.date) == ("detention", "[..2025-12-14]")
    assert status_on(p.person, date(2025, 12, 14), levels=EVERYTHING).status == "held"
    again = claim(source, "status", {"person_name": "Ryhor Novy", "status": "held", "person_claim": p.pk})
    before = registry_counts()
    assert do_accept_claim(editor, again).record_id == detention.pk  # no date: the source's date
    assert registry_counts() == before


def test_an_event_already_in_the_registry_is_not_duplicated(demo: Any, editor: Any, source: Source) -> None:
    before = registry_counts()
    done = do_accept_claim(
        editor,
        claim(
            source,
            "event",
            dict(COLLECTIVE_RELEASE),  # a copy: the claim keeps it
        ),
    )
    assert registry_counts() == before
    from letapis.registry.demo import release_event

    assert done.event == release_event()


def test_reject_and_undo_reject(source: Source, editor: Any) -> None:
    c = person_claim(source, "Ryhor Novy")
    rejected = do_reject_claim(editor, c, "not a person")
    assert rejected.state == "rejected" and ReviewAction.objects.get(claim=c).reason == "not a person"
    with pytest.raises(ServiceError, match="rejected already"):
        do_accept_claim(editor, rejected)
    assert do_undo_review(editor, rejected).state == "proposed"
    assert Person.objects.count() == 0


def test_undo_removes_exactly_what_the_accept_created(source: Source, editor: Any) -> None:
    before = registry_counts()
    p = do_accept_claim(editor, person_claim(source, "Ryhor Novy"))
    held = do_accept_claim(
        editor, claim(source, "status", {"person_name": "Ryhor Novy", "status": "held", "person_claim": p.pk})
    )
    undone = do_undo_review(editor, p)  # the status accepted about him since goes first
    assert Claim.objects.get(pk=held.pk).state == "proposed"
    assert registry_counts() == before
    assert (undone.state, undone.person_id, undone.record_id, undone.reviewer_id) == ("proposed", None, None, None)
    actions = [e.action for e in AuditEntry.objects.order_by("id")]
    assert actions.count("claim.undo") == 2 and "person.delete" in actions and "event.delete" in actions


def test_undo_refuses_when_the_registry_grew_on_the_created_record(source: Source, editor: Any) -> None:
    p = do_accept_claim(editor, person_claim(source, "Ryhor Novy"))
    s.do_add_occupation(editor, p.person, "poet")
    with pytest.raises(ServiceError, match="was added to it since"):
        do_undo_review(editor, p)
    assert Person.objects.filter(pk=p.person_id).exists()


def test_a_stale_version_is_a_conflict(source: Source, editor: Any) -> None:
    c = person_claim(source, "Ryhor Novy")
    do_reject_claim(editor, c, expected_version=1)
    do_undo_review(editor, c)
    with pytest.raises(Conflict, match="changed by someone else"):
        do_accept_claim(editor, c, expected_version=1)
    assert Person.objects.count() == 0


def test_a_viewer_may_not_review(source: Source, viewer: Any) -> None:
    c = person_claim(source, "Ryhor Novy")
    with pytest.raises(ServiceError, match="editor"):
        do_accept_claim(viewer, c)
    with pytest.raises(ServiceError, match="editor"):
        do_reject_claim(viewer, c)
    c.refresh_from_db()
    assert c.state == "proposed"
