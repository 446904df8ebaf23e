"""Dedupe and merge see only what the caller may see (issue 14): a hidden person or name form
neither makes nor joins a duplicate pair, a hidden person cannot be merged by someone who may
not see them, and a merge keeps every name form at least as strict as it was."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from letapis import access
from letapis.cli import main
from letapis.registry import services as s
from letapis.registry.dedupe import duplicate_pairs
from letapis.registry.models import NameVariant, Person
from letapis.registry.services.merge import do_merge_persons, do_unmerge_persons


def _pairs(user: Any) -> set[frozenset[int]]:
    report = duplicate_pairs(persons=access.visible_persons(user), levels=access.levels_for(user))
    return {frozenset({p.first.pk, p.second.pk}) for p in report.pairs}


@pytest.mark.django_db
def test_dedupe_does_not_see_hidden_persons_or_name_forms(editor: Any, confidant: Any) -> None:
    ales = s.do_create_person(None, names=["Ales Bialiatski"], confidentiality="internal")
    hidden = s.do_create_person(None, names=["Ales Byalyatski"], confidentiality="confidential")
    alias = s.do_create_person(None, names=["Aleh Viasna"], confidentiality="internal")
    s.do_add_name(None, alias, "Aleś Bialacki", confidentiality="confidential")
    assert _pairs(editor) == set()
    assert _pairs(confidant) == {
        frozenset({ales.pk, hidden.pk}),
        frozenset({ales.pk, alias.pk}),
        frozenset({hidden.pk, alias.pk}),
    }


@pytest.mark.django_db
def test_the_public_dedupe_report_does_not_pair_on_a_hidden_name_form(monkeypatch: pytest.MonkeyPatch) -> None:
    s.do_create_person(None, names=["Ales Bialiatski"], confidentiality="public", publishable=True)
    other = s.do_create_person(None, names=["Aleh Viasna"], confidentiality="public", publishable=True)
    s.do_add_name(None, other, "Ales Byalyatski", confidentiality="internal")
    monkeypatch.setenv("LETAPIS_CLI_PUBLIC", "1")
    result = CliRunner().invoke(main, ["dedupe", "--report", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["pairs"] == []


@pytest.mark.django_db
def test_a_hidden_person_cannot_be_merged_by_someone_who_may_not_see_them(editor: Any, confidant: Any) -> None:
    keep = s.do_create_person(None, names=["Ales Bialiatski"], confidentiality="internal")
    hidden = s.do_create_person(None, names=["Ales Byalyatski"], confidentiality="confidential")
    for first, second in ((keep, hidden), (hidden, keep)):
        with pytest.raises(s.ServiceError, match=f"^no person {hidden.pk}$"):
            do_merge_persons(editor, first, second)
    assert Person.objects.get(pk=hidden.pk).merged_into_id is None
    merged = do_merge_persons(confidant, keep, hidden)
    with pytest.raises(s.ServiceError, match=f"^no person {hidden.pk}$"):
        do_unmerge_persons(editor, merged.merge_id)


@pytest.mark.django_db
def test_a_merge_keeps_name_forms_as_strict_as_they_were(editor: Any) -> None:
    keep = s.do_create_person(None, names=["Ales Bialiatski"], confidentiality="public", publishable=True)
    other = s.do_create_person(None, names=["Ales Byalyatski"], confidentiality="public", publishable=True)
    s.do_add_name(None, other, "Ales Viasnovy", confidentiality="internal")
    s.do_add_note(None, text="where his family lives", person=other, confidentiality="confidential")
    result = do_merge_persons(editor, keep, other)
    levels = dict(NameVariant.objects.filter(person=keep).values_list("text", "confidentiality"))
    assert levels == {"Ales Bialiatski": "public", "Ales Byalyatski": "public", "Ales Viasnovy": "internal"}
    # what the editor is told moved counts only what they may see
    assert result.moved["notes"] == 0
