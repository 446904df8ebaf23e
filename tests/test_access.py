"""The access helpers: the join condition on a related person selects exactly the records whose
person :func:`~letapis.access.visible_persons` lets the caller see."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from letapis import access
from letapis.registry import services as s
from letapis.registry.models import Involvement, NameVariant, Person
from letapis.registry.services.merge import do_merge_persons


@pytest.fixture
def registry(demo: Any, editor: Any) -> None:
    """The demo, plus a person of every level, an unpublishable one and a merged one, each a
    victim of one event."""
    event = s.do_create_event(editor, type="detention", date="2025-03-01")
    made = []
    for name, level, publishable in [
        ("Тэст Публічны", "public", True),
        ("Тэст Непублічны", "public", False),
        ("Тэст Унутраны", "internal", True),
        ("Тэст Канфідэнцыйны", "confidential", True),
        ("Тэст Дубль", "public", True),
    ]:
        person = s.do_create_person(editor, names=[name], confidentiality=level, publishable=publishable)
        s.do_add_involvement(editor, event, person=person, role="victim")
        made.append(person)
    do_merge_persons(editor, made[0], made[-1])


@pytest.mark.parametrize("who", ["anonymous", "viewer", "confidant", "editor"])
def test_the_join_condition_selects_what_the_subquery_selects(registry: None, who: str, request: Any) -> None:
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    for model in (Involvement, NameVariant):
        joined = set(model.objects.filter(access.visible_person_q(user)).values_list("pk", flat=True))
        subquery = set(model.objects.filter(person__in=access.visible_persons(user)).values_list("pk", flat=True))
        assert joined == subquery
        assert joined  # the check is not vacuous


def test_it_hides_merged_unpublishable_and_higher_levels(registry: None, viewer: Any, confidant: Any) -> None:
    def names(user: Any) -> set[str]:
        rows = Involvement.objects.filter(access.visible_person_q(user), person__display_name__startswith="Тэст")
        return set(rows.values_list("person__display_name", flat=True))

    assert names(AnonymousUser()) == {"Тэст Публічны"}
    assert names(viewer) == {"Тэст Публічны", "Тэст Непублічны", "Тэст Унутраны"}
    assert names(confidant) == {"Тэст Публічны", "Тэст Непублічны", "Тэст Унутраны", "Тэст Канфідэнцыйны"}
    assert Person.objects.filter(display_name="Тэст Дубль", merged_into__isnull=False).exists()


def test_confidential_records_open_only_with_the_grant_for_superusers_too(db: Any, django_user_model: Any) -> None:
    make = django_user_model.objects.create_user
    superuser = make("root", password="x-long-password-7", role="admin", is_staff=True, is_superuser=True)
    granted = make("root2", password="x-long-password-8", role="admin", is_superuser=True, sees_confidential=True)
    viewer = make("plain", password="x-long-password-9", role="viewer", sees_confidential=True)
    assert access.levels_for(superuser) == access.TEAM
    assert access.levels_for(granted) == access.EVERYTHING
    assert access.levels_for(viewer) == access.EVERYTHING
    superuser.is_active = False
    assert access.levels_for(superuser) == access.PUBLIC_ONLY
