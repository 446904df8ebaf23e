"""The audit log records every service call, chained by hash."""

from __future__ import annotations

import pytest

from letapis.audit.log import GENESIS, entry_hash, record
from letapis.audit.models import AuditEntry
from letapis.registry import services as s

pytestmark = pytest.mark.django_db


def test_it_records_every_service_call(editor: object) -> None:
    p = s.do_create_person(editor, names=["Максім Знак", "Maksim Znak"], occupations=["lawyer"])
    org = s.do_create_organisation(editor, "PEN Belarus", kind="pen_centre")
    s.do_add_membership(editor, p, org)
    e = s.do_create_event(editor, type="detention", date="2020-09-09", victims=[p])
    s.do_add_note(editor, text="internal remark", person=p)
    s.do_update_person(editor, p, publishable=True)
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert actions == [
        "person.create",
        "name.add",
        "name.add",
        "occupation.add",
        "organisation.create",
        "membership.add",
        "event.create",
        "involvement.add",
        "note.add",
        "person.update",
    ]
    assert set(AuditEntry.objects.values_list("actor_label", flat=True)) == {"editor"}
    update = AuditEntry.objects.get(action="person.update")
    assert update.before is not None and update.after is not None
    assert update.before["publishable"] is False and update.after["publishable"] is True
    assert AuditEntry.objects.get(action="event.create").object_id == str(e.pk)


def test_entries_are_chained_by_hash() -> None:
    s.do_create_person(None, names=["A B"])
    s.do_create_person(None, names=["C D"])
    entries = list(AuditEntry.objects.order_by("id"))
    assert entries[0].prev_hash == GENESIS
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.prev_hash == before.hash
    for entry in entries:
        assert entry.hash == entry_hash(
            entry.prev_hash,
            entry.at.isoformat(),
            entry.actor_label,
            entry.action,
            entry.object_type,
            entry.object_id,
            entry.before,
            entry.after,
        )


def test_a_failed_service_call_leaves_no_entry_and_no_record() -> None:
    with pytest.raises(s.ServiceError):
        s.do_create_person(None, names=["A Person"], occupations=["no_such_occupation"])
    assert AuditEntry.objects.count() == 0
    from letapis.registry.models import Person

    assert Person.objects.count() == 0


@pytest.mark.django_db(transaction=True)  # outside the test's own atomic block
def test_record_outside_a_transaction_is_refused() -> None:
    with pytest.raises(RuntimeError):
        record(None, "x", object_type="t", object_id="1")
