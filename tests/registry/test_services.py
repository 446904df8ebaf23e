"""Services validate their input and never leave half a change behind."""

from __future__ import annotations

import pytest

from letapis.registry import services as s
from letapis.registry.models import Event, Person

pytestmark = pytest.mark.django_db


def test_a_person_needs_a_name() -> None:
    with pytest.raises(s.ServiceError, match="at least one name"):
        s.do_create_person(None, names=["  "])


def test_the_first_name_is_primary_and_the_display_name() -> None:
    p = s.do_create_person(None, names=["Алесь Бяляцкі", "Aleś Bialacki"])
    assert p.display_name == "Алесь Бяляцкі"
    assert p.names.get(is_primary=True).text == "Алесь Бяляцкі"


def test_adding_the_same_name_twice_keeps_one() -> None:
    p = s.do_create_person(None, names=["Maksim Znak"])
    s.do_add_name(None, p, "Maksim  Znak")
    assert p.names.count() == 1


@pytest.mark.parametrize("bad", ["2021-13", "2021-02-30", "yesterday", "2022/2021", "[2020]"])
def test_a_bad_partial_date_is_refused(bad: str) -> None:
    p = s.do_create_person(None, names=["A B"])
    with pytest.raises(s.ServiceError):
        s.do_create_event(None, type="detention", date=bad, victims=[p])
    assert Event.objects.count() == 0


def test_an_event_stores_its_date_bounds() -> None:
    e = s.do_create_event(None, type="release", date="2020-11")
    assert (str(e.date_earliest), str(e.date_latest)) == ("2020-11-01", "2020-11-30")


def test_unknown_codes_are_refused() -> None:
    p = s.do_create_person(None, names=["A B"])
    with pytest.raises(s.ServiceError, match="unknown event type"):
        s.do_create_event(None, type="party")
    with pytest.raises(s.ServiceError, match="unknown occupation"):
        s.do_add_occupation(None, p, "astronaut-poet")
    with pytest.raises(s.ServiceError, match="ISO 3166"):
        s.do_create_event(None, type="expulsion", destinations=["Lithuania"])


def test_counts_must_be_consistent() -> None:
    with pytest.raises(s.ServiceError, match="foreign nationals"):
        s.do_create_event(None, type="release", count=10, foreign_nationals=11)


def test_a_stale_update_is_a_conflict_and_changes_nothing() -> None:
    p = s.do_create_person(None, names=["A B"])
    version = p.version
    s.do_update_person(None, Person.objects.get(pk=p.pk), expected_version=version, gender="female")
    with pytest.raises(s.Conflict, match="reload"):
        s.do_update_person(None, Person.objects.get(pk=p.pk), expected_version=version, gender="male")
    assert Person.objects.get(pk=p.pk).gender == "female"


def test_a_source_is_stored_once_by_content(settings: object) -> None:
    first, created = s.do_create_source(None, data=b"statement", filename="a.txt", text="statement")
    again, created_again = s.do_create_source(None, data=b"statement", filename="b.txt", text="statement")
    assert created and not created_again and first.pk == again.pk


def test_a_claim_quote_must_be_in_the_source() -> None:
    text = "Maksim Znak was freed."
    source, _ = s.do_create_source(None, data=text.encode(), filename="a.txt", text=text)
    claim = s.do_record_claim(None, source, kind="status", value={"status": "released"}, quote="was freed")
    assert (claim.span_start, claim.span_end) == (12, 21)
    with pytest.raises(s.ServiceError, match="not in source"):
        s.do_record_claim(None, source, kind="status", value={}, quote="was detained")


def test_involvement_roles_are_the_vocabulary_codes() -> None:
    from letapis.registry.models import InvolvementRole
    from letapis.vocab import vocabulary

    assert set(InvolvementRole.values) == {term.code for term in vocabulary("involvement_roles")}
