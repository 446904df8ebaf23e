"""Corrections by hand: facts removed, names fixed and made primary, memberships and notes
corrected, and facts typed in that cite their source; each audited, the log verified after."""

from __future__ import annotations

from typing import Any

import pytest

from letapis.audit.models import AuditEntry
from letapis.audit.verify import verify
from letapis.registry import services as s
from letapis.registry.models import Claim, ClaimState, Membership, NameKey, NameVariant, Occupation, Person

pytestmark = pytest.mark.django_db

TEXT = "Hanna Probe, a poet and translator, was detained in Minsk on 3 May 2021."


def _source(level: str = "internal") -> Any:
    source, _ = s.do_create_source(
        None, data=TEXT.encode() + level.encode(), filename="probe.txt", text=TEXT, confidentiality=level
    )
    return source


def _person() -> Person:
    return s.do_create_person(None, names=["Hanna Probe", "Ганна Проба"], occupations=["poet", "accountant"])


def _actions(obj: Any) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_a_removed_occupation_is_gone_and_its_entry_keeps_it() -> None:
    person = _person()
    wrong = person.occupations.get(code="accountant")
    s.do_remove(None, wrong, "the extractor misread the statement")
    assert list(person.occupations.values_list("code", flat=True)) == ["poet"]
    entry = AuditEntry.objects.get(action="occupation.delete")
    assert entry.before["code"] == "accountant" and entry.after == {"reason": "the extractor misread the statement"}
    assert verify().ok


def test_the_primary_name_and_the_last_name_stay() -> None:
    person = _person()
    primary = person.names.get(is_primary=True)
    with pytest.raises(s.ServiceError, match="primary name"):
        s.do_remove(None, primary)
    other = person.names.get(is_primary=False)
    s.do_remove(None, other)
    assert not NameKey.objects.filter(variant_id=other.pk).exists()
    single = s.do_create_person(None, names=["Only Name"])
    with pytest.raises(s.ServiceError):
        s.do_remove(None, single.names.get())
    assert verify().ok


def test_another_name_becomes_primary_and_the_person_is_shown_by_it() -> None:
    person = _person()
    cyrillic = person.names.get(text="Ганна Проба")
    s.do_set_primary_name(None, cyrillic)
    person.refresh_from_db()
    assert person.display_name == "Ганна Проба"
    assert list(person.names.filter(is_primary=True).values_list("text", flat=True)) == ["Ганна Проба"]
    entry = AuditEntry.objects.get(action="name.primary")
    old = NameVariant.objects.get(text="Hanna Probe")
    assert entry.after == {"is_primary": True, "replaces": old.pk}
    s.do_remove(None, old)  # no longer primary: it may go
    assert verify().ok


def test_a_name_stricter_than_its_person_is_not_made_primary() -> None:
    person = s.do_create_person(None, names=["Open Name"], confidentiality="public")
    hidden = s.do_add_name(None, person, "Hidden Name", confidentiality="confidential")
    with pytest.raises(s.ServiceError, match="cannot be the primary name"):
        s.do_set_primary_name(None, hidden)
    person.refresh_from_db()
    assert person.display_name == "Open Name"


def test_a_corrected_name_has_its_keys_and_the_persons_name_follows() -> None:
    person = _person()
    primary = person.names.get(is_primary=True)
    s.do_update_name(None, primary, text="Hanna Proba", form="passport")
    person.refresh_from_db()
    primary.refresh_from_db()
    assert person.display_name == "Hanna Proba" and primary.form == "passport" and primary.search_text == "hanna proba"
    assert NameKey.objects.filter(variant=primary).exists()
    with pytest.raises(s.ServiceError, match="already has the name"):
        s.do_update_name(None, primary, text="Ганна Проба")
    assert _actions(primary) == ["name.add", "name.update"]
    assert verify().ok


def test_a_membership_and_a_note_are_corrected() -> None:
    person = _person()
    pen = s.do_create_organisation(None, "PEN Probe", kind="pen_centre")
    membership = s.do_add_membership(None, person, pen, start="2019")
    s.do_update_membership(None, membership, role="honorary_member", start="2018", end="")
    assert Membership.objects.get().role == "honorary_member" and Membership.objects.get().start == "2018"
    with pytest.raises(s.ServiceError, match="partial date|not a"):
        s.do_update_membership(None, membership, role="member", start="spring", end="")
    note = s.do_add_note(None, text="first words", person=person)
    s.do_update_note(None, note, text="better words")
    note.refresh_from_db()
    assert note.text == "better words"
    assert _actions(note) == ["note.add", "note.update"]
    assert verify().ok


def test_a_fact_typed_by_hand_cites_its_source_and_quote() -> None:
    person = _person()
    source = _source()
    occupation = s.do_cited(
        None, s.Citation(source, "a poet and translator"), lambda: s.do_add_occupation(None, person, "translator")
    )
    claim = Claim.objects.get(record_type="registry.occupation", record_id=occupation.pk)
    assert claim.state == ClaimState.ACCEPTED and claim.source == source and claim.person == person
    assert claim.quote == "a poet and translator" and claim.span_start == TEXT.index("a poet")
    assert claim.confidentiality == "internal"  # the strictest of the source's and the occupation's


def test_a_quote_not_in_the_source_undoes_the_fact() -> None:
    person = _person()
    source = _source()
    with pytest.raises(s.ServiceError, match="is not in source"):
        s.do_cited(None, s.Citation(source, "words it never said"), lambda: s.do_add_occupation(None, person, "writer"))
    assert not Occupation.objects.filter(code="writer").exists()


def test_a_source_the_editor_may_not_read_is_not_cited(django_user_model: Any) -> None:
    editor = django_user_model.objects.create_user("ed", password="x-long-password-0", role="editor")
    person = _person()
    secret = _source("confidential")
    with pytest.raises(s.ServiceError, match="no source"):
        s.do_cited(editor, s.Citation(secret), lambda: s.do_add_occupation(editor, person, "writer"))
    assert not Occupation.objects.filter(code="writer").exists()


def test_an_involvement_is_removed_and_the_status_follows() -> None:
    person = _person()
    event = s.do_create_event(None, type="detention", date="2021-05-03", victims=[person])
    from letapis.registry.status import status_on

    levels = ("public", "internal", "confidential")
    assert status_on(person, event.date_latest, levels=levels).status == "held"
    s.do_remove(None, event.involvements.get())
    assert status_on(person, event.date_latest, levels=levels).status != "held"
    assert verify().ok


def test_a_person_or_an_event_is_not_removed_here() -> None:
    person = _person()
    with pytest.raises(s.ServiceError, match="not removed here"):
        s.do_remove(None, person)
