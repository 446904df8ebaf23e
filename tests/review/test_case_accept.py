"""An accepted verdict gives its person a criminal case: the term, the article and the regime
the source states, shown on the person's page and counted in the sentence lengths."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from letapis.read.persons import person_detail
from letapis.registry import services as registry
from letapis.registry.models import Claim, ClaimKind, CriminalCase, Event, Organisation, Person
from letapis.registry.services import ServiceError
from letapis.registry.services.cases import article_text
from letapis.reports import stats
from letapis.review.ingest import do_ingest
from letapis.review.services import accept_all_of_source, do_accept_claim, do_undo_review

pytestmark = pytest.mark.django_db

TEXT = (
    "3 March 2025\n\n"
    "The Minsk District Court sentenced the poet Ales Karaliou to three years in a general regime colony "
    "under Article 342 part 1 of the Criminal Code. He was detained in October 2024.\n"
)


def _accept_text(editor: Any, text: str = TEXT) -> Person:
    source = do_ingest(editor, text.encode(), "verdict.txt", confidentiality="public", language="en").source
    refused = [(claim.kind, why) for claim, why in accept_all_of_source(editor, source.pk) if why is not None]
    assert refused == []
    return Person.objects.get(display_name="Ales Karaliou")


def test_an_accepted_verdict_gives_the_person_a_case(editor: Any) -> None:
    person = _accept_text(editor)
    [case] = CriminalCase.objects.filter(person=person)
    verdict = Event.objects.get(type="sentence")
    assert case.sentence_months == 36
    assert case.articles == ["342 part 1"]
    assert case.sentence_kind == "general_regime_colony"
    assert case.sentence_event == verdict
    assert case.sentence_date == verdict.date
    shown = person_detail(person, editor, timezone.localdate())["cases"]
    assert [(c["sentence_months"], c["articles"]) for c in shown] == [(36, ["342 part 1"])]
    assert shown[0]["sources"] != []  # the verdict's sentence, as the source says it


def test_the_three_years_count_in_the_sentence_lengths(editor: Any) -> None:
    person = _accept_text(editor)
    groups = {s.code: s.person_ids for s in stats.breakdown(timezone.localdate(), editor, "sentence_length")}
    assert person.pk in groups["2y_to_5y"]
    assert person.pk not in groups.get("unknown", ())
    terms = {s.code: s.person_ids for s in stats.breakdown(timezone.localdate(), editor, "sentence_term")}
    assert terms["36"] == (person.pk,)


def test_undoing_the_verdict_removes_its_case(editor: Any) -> None:
    person = _accept_text(editor)
    claim = Claim.objects.get(kind=ClaimKind.EVENT, event__type="sentence")
    for resting in Claim.objects.filter(event=claim.event).exclude(pk=claim.pk).order_by("-pk"):
        do_undo_review(editor, resting)  # the status the verdict decides, first
    assert CriminalCase.objects.filter(person=person).exists()
    do_undo_review(editor, Claim.objects.get(pk=claim.pk))
    assert not CriminalCase.objects.filter(person=person).exists()


def test_a_case_claim_fills_what_the_case_lacks(editor: Any) -> None:
    person = _accept_text(editor)
    source = Claim.objects.filter(kind=ClaimKind.EVENT).first().source  # type: ignore[union-attr]
    claim = registry.do_record_claim(
        editor,
        source,
        kind=ClaimKind.CRIMINAL_CASE,
        value={
            "court": "Minsk District Court",
            "judge": "Ivan Judge",
            "term_months": 36,
            "date": Event.objects.get(type="sentence").date,
            "appeal_date": "2025-05",
            "articles": ["342 part 1", "130"],
        },
        person=person,
    )
    do_accept_claim(editor, claim)
    [case] = CriminalCase.objects.filter(person=person)
    assert case.court is not None and case.court.kind == "court"
    assert (case.judge_name, case.appeal_date, case.articles) == ("Ivan Judge", "2025-05", ["342 part 1", "130"])


def _case_claim(editor: Any, value: dict[str, Any]) -> tuple[Person, Claim]:
    """An internal person, and a proposed case claim about them of an internal source."""
    person = registry.do_create_person(editor, names=["Hanna Sialiuk"], confidentiality="internal")
    text = "A court gave her two years."
    source, _ = registry.do_create_source(
        editor, data=text.encode(), filename="note.txt", text=text, confidentiality="internal"
    )
    claim = registry.do_record_claim(editor, source, kind=ClaimKind.CRIMINAL_CASE, value=value, person=person)
    return person, claim


def test_a_case_claim_about_a_person_without_a_verdict_makes_a_case(editor: Any) -> None:
    person, claim = _case_claim(
        editor, {"term_months": 24, "regime": "general regime", "court": "Kastryčnicki District Court"}
    )
    do_accept_claim(editor, claim)
    [case] = CriminalCase.objects.filter(person=person)
    assert (case.sentence_months, case.sentence_kind, case.confidentiality) == (24, "general_regime_colony", "internal")
    assert Organisation.objects.get(name="Kastryčnicki District Court").confidentiality == "internal"
    do_undo_review(editor, Claim.objects.get(pk=claim.pk))
    assert not CriminalCase.objects.filter(person=person).exists()
    assert not Organisation.objects.filter(name="Kastryčnicki District Court").exists()


def test_a_case_claim_with_an_unknown_regime_is_refused(editor: Any) -> None:
    _, claim = _case_claim(editor, {"regime": "holiday camp"})
    with pytest.raises(ServiceError, match="not a sentence regime"):
        do_accept_claim(editor, claim)


def test_an_article_is_stored_with_its_part_and_written_in_each_language() -> None:
    stored = registry.checked_articles(["342.1", "342 ч. 2", "361¹", " 130 ", "342 part 1"])
    assert stored == ["342 part 1", "342 part 2", "361-1", "130"]
    assert [article_text("342 part 1", lang) for lang in ("en", "be", "ru")] == ["342 part 1", "342 ч. 1", "342 ч. 1"]
    assert article_text("361-1", "be") == "361-1"
    with pytest.raises(ServiceError, match="not a Criminal Code article"):
        registry.checked_articles(["art. 342"])
