"""Two editors at once: the second gets a clear conflict, nothing is lost or duplicated.

On PostgreSQL each editor is a real client: a thread with its own database connection, both
reading the record, then meeting at a barrier so that their writes collide. SQLite lets one
writer at a time, so there the same steps run one after the other (both read, then both write),
which is the same collision as far as the version check can tell.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.db import connection, connections, transaction

from letapis.audit.models import AuditEntry
from letapis.registry import services as s
from letapis.registry.models import Claim, Event, NameVariant, Person, Source
from letapis.review.models import ReviewAction
from letapis.review.services import do_accept_claim

pytestmark = pytest.mark.django_db(transaction=True)

#: (read, write): ``read`` runs before the barrier and returns what ``write`` gets.
Editor = tuple[Callable[[], Any], Callable[[Any], Any]]


def collide(*editors: Editor) -> list[Any]:
    """Run the editors together; each outcome is the write's result or the exception it raised."""
    outcomes: list[Any] = [None] * len(editors)
    if connection.vendor != "postgresql":
        read = [r() for r, _ in editors]
        for i, (_, write) in enumerate(editors):
            try:
                outcomes[i] = write(read[i])
            except Exception as exc:  # noqa: BLE001 — the outcome under test
                outcomes[i] = exc
        return outcomes
    barrier = threading.Barrier(len(editors), timeout=30)

    def run(i: int, editor: Editor) -> None:
        try:
            seen = editor[0]()
            barrier.wait()
            outcomes[i] = editor[1](seen)
        except Exception as exc:  # noqa: BLE001 — the outcome under test
            outcomes[i] = exc
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(i, e)) for i, e in enumerate(editors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not any(t.is_alive() for t in threads), "an editor is still waiting: a deadlock"
    return outcomes


def split(outcomes: list[Any]) -> tuple[list[Any], list[Exception]]:
    return [o for o in outcomes if not isinstance(o, Exception)], [o for o in outcomes if isinstance(o, Exception)]


@pytest.fixture
def editors(django_user_model: Any) -> tuple[Any, Any]:
    return (
        django_user_model.objects.create_user("anna", password="x-long-password-1", role="editor"),
        django_user_model.objects.create_user("boris", password="x-long-password-2", role="editor"),
    )


def test_it_runs_on_the_database_of_the_suite() -> None:
    """The PostgreSQL run of the suite runs the threaded collisions (no skip)."""
    assert connection.vendor in {"postgresql", "sqlite"}


def test_two_editors_of_one_person_the_second_gets_a_conflict_and_redoes(editors: tuple[Any, Any]) -> None:
    anna, boris = editors
    person = s.do_create_person(None, names=["Ihar Ilyash"])

    def read() -> Person:
        return Person.objects.get(pk=person.pk)

    outcomes = collide(
        (read, lambda p: s.do_update_person(anna, p, gender="male")),
        (read, lambda p: s.do_update_person(boris, p, birth_date="1978")),
    )
    done, failed = split(outcomes)
    assert len(done) == 1 and len(failed) == 1
    assert isinstance(failed[0], s.Conflict)
    assert "changed by someone else" in str(failed[0]) and "reload and redo" in str(failed[0])
    loser = boris if isinstance(outcomes[1], s.Conflict) else anna
    redo = {"birth_date": "1978"} if loser is boris else {"gender": "male"}
    s.do_update_person(loser, Person.objects.get(pk=person.pk), **redo)  # reload, redo: accepted

    final = Person.objects.get(pk=person.pk)
    assert (final.gender, final.birth_date, final.version) == ("male", "1978", 3)
    updates = AuditEntry.objects.filter(action="person.update", object_id=str(person.pk)).order_by("id")
    assert [e.after["version"] for e in updates] == [2, 3]
    assert {e.actor_label for e in updates} == {"anna", "boris"}


def test_many_editors_of_one_person_lose_nothing() -> None:
    """Five editors each add a nationality, retrying on conflict: all five are there at the end."""
    person = s.do_create_person(None, names=["Maryja Kalesnikava"])
    countries = ["BY", "LT", "PL", "UA", "DE"]

    def editor(code: str) -> Editor:
        def write(_: Any) -> int:
            for attempt in range(20):
                current = Person.objects.get(pk=person.pk)
                try:
                    s.do_update_person(None, current, nationalities=[*current.nationalities, code])
                    return attempt
                except s.Conflict:
                    continue
            raise AssertionError(f"{code}: still conflicting after 20 attempts")

        return (lambda: None, write)

    outcomes = collide(*(editor(c) for c in countries))
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    final = Person.objects.get(pk=person.pk)
    assert sorted(final.nationalities) == sorted(countries)
    assert final.version == 1 + len(countries)
    if connection.vendor == "postgresql":
        assert sum(outcomes) >= 1  # they did collide: at least one had to redo


def test_two_editors_of_one_event_the_second_gets_a_conflict() -> None:
    event = s.do_create_event(None, type="release", date="2025-12-13", count=123)

    def read() -> Event:
        return Event.objects.get(pk=event.pk)

    outcomes = collide(
        (read, lambda e: s.do_update_event(None, e, count=124)),
        (read, lambda e: s.do_update_event(None, e, description="with 13 foreign nationals", foreign_nationals=13)),
    )
    done, failed = split(outcomes)
    assert len(done) == 1 and len(failed) == 1 and isinstance(failed[0], s.Conflict)
    final = Event.objects.get(pk=event.pk)
    assert final.version == 2
    assert (final.count, final.foreign_nationals) in {(124, None), (123, 13)}


TEXT = "Among those released is the poet Ryhor Novy."


def _person_claim(name: str, n: int) -> Claim:
    text = f"{TEXT} ({n})"
    source, _ = s.do_create_source(None, data=text.encode(), filename=f"{n}.txt", text=text, date=date(2025, 12, 14))
    return s.do_record_claim(
        None,
        source,
        kind="person",
        value={"name": name, "name_latin": name, "names": [], "candidate": None},
        quote=name,
        proposer="extractor:test",
    )


def test_two_reviewers_accepting_one_claim_exactly_one_wins(editors: tuple[Any, Any]) -> None:
    anna, boris = editors
    claim = _person_claim("Ryhor Novy", 1)

    def read() -> Claim:
        return Claim.objects.get(pk=claim.pk)

    outcomes = collide((read, lambda c: do_accept_claim(anna, c)), (read, lambda c: do_accept_claim(boris, c)))
    done, failed = split(outcomes)
    assert len(done) == 1 and len(failed) == 1
    assert isinstance(failed[0], s.Conflict) and "accepted already by" in str(failed[0])
    assert Person.objects.filter(display_name="Ryhor Novy").count() == 1
    assert NameVariant.objects.filter(text="Ryhor Novy").count() == 1
    assert ReviewAction.objects.filter(claim_id=claim.pk).count() == 1
    assert AuditEntry.objects.filter(action="claim.accept", object_id=str(claim.pk)).count() == 1
    assert Claim.objects.get(pk=claim.pk).version == 2


def test_two_reviewers_accepting_two_claims_of_one_new_person_make_one_person(editors: tuple[Any, Any]) -> None:
    anna, boris = editors
    first, second = _person_claim("Ryhor Novy", 1), _person_claim("Ryhor Novy", 2)

    outcomes = collide(
        (lambda: Claim.objects.get(pk=first.pk), lambda c: do_accept_claim(anna, c)),
        (lambda: Claim.objects.get(pk=second.pk), lambda c: do_accept_claim(boris, c)),
    )
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    assert Person.objects.filter(display_name="Ryhor Novy").count() == 1
    people = set(Claim.objects.filter(pk__in=[first.pk, second.pk]).values_list("person_id", flat=True))
    assert len(people) == 1


def test_the_source_of_a_claim_is_stored_once_when_two_ingest_it(editors: tuple[Any, Any]) -> None:
    """Two monitors uploading the same statement at once: one source (its sha-256 is unique)."""
    outcomes = collide(
        *(
            (lambda: None, lambda _: s.do_create_source(None, data=b"same statement", filename="a.txt", text="x"))
            for _ in range(2)
        )
    )
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    assert Source.objects.count() == 1
    assert {source.pk for source, _ in outcomes} == {Source.objects.get().pk}
    assert sorted(created for _, created in outcomes) == [False, True]


def test_the_admin_form_refuses_to_save_over_a_newer_version() -> None:
    from letapis.registry.admin import PersonForm

    person = s.do_create_person(None, names=["Ihar Ilyash"])
    stale = Person.objects.get(pk=person.pk)
    s.do_update_person(None, Person.objects.get(pk=person.pk), gender="male")  # someone else, meanwhile
    data = {
        "display_name": stale.display_name,
        "gender": "",
        "birth_date": "1978",
        "nationalities": "[]",
        "confidentiality": stale.confidentiality,
        "version": stale.version,
    }
    # the admin runs each change request in one transaction (its check locks the row until the save)
    with transaction.atomic():
        form = PersonForm(data=data, instance=stale)
        assert not form.is_valid()
    assert "Someone else changed this record" in str(form.non_field_errors())
    fresh = Person.objects.get(pk=person.pk)
    with transaction.atomic():
        assert PersonForm(data={**data, "gender": "male", "version": fresh.version}, instance=fresh).is_valid()


def test_two_admins_saving_one_person_the_second_is_told_to_reload(admin_client: Any) -> None:
    """Through the admin's own change view: the stale save is refused with the message, the
    first save stays."""
    person = s.do_create_person(None, names=["Ihar Ilyash"])
    url = f"/admin/registry/person/{person.pk}/change/"
    page = admin_client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        **{k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields},
        "nationalities": "[]",
    }
    for inline in page.context["inline_admin_formsets"]:  # the name inline is left as it is (empty)
        prefix = inline.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    s.do_update_person(None, Person.objects.get(pk=person.pk), gender="female")  # another editor, meanwhile
    answer = admin_client.post(url, {**data, "birth_date": "1978"})
    assert answer.status_code == 200  # the form again, not a redirect
    assert "Someone else changed this record" in answer.content.decode()
    final = Person.objects.get(pk=person.pk)
    assert (final.gender, final.birth_date, final.version) == ("female", "", 2)
