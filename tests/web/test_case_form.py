"""A criminal case typed by hand: the form adds and corrects one through the services, with the
source and quote that say so; the person page shows it; only editors reach the form."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from letapis.audit.models import AuditEntry
from letapis.registry import services as s
from letapis.registry.models import Claim, ClaimState, CriminalCase, Organisation, Person, Source
from tests.helpers import verified
from tests.web.test_pages import text

pytestmark = pytest.mark.django_db

VERDICT = "On 14 May 2024 the Minsk City Court gave Mikola Dziadok five years and six months in a strict regime colony."


def _person_and_source() -> tuple[Person, Source]:
    person = s.do_create_person(None, names=["Mikola Dziadok"], confidentiality="internal")
    source, _ = s.do_create_source(
        None,
        data=VERDICT.encode(),
        filename="verdict.txt",
        text=VERDICT,
        title="Court news",
        confidentiality="internal",
    )
    return person, source


def _date(name: str, year: int | str, month: int | str = "", day: int | str = "") -> dict[str, Any]:
    """The inputs of a partial date field (qualifier, year, month, day)."""
    return {f"{name}_q": "", f"{name}_year": str(year), f"{name}_month": str(month), f"{name}_day": str(day)}


def _form(**changes: Any) -> dict[str, Any]:
    return {
        "articles": "342 part 1, 361-1",
        "case_number": "",
        "court": "Minsk City Court",
        "judge": "Ivan Judge",
        "term_years": "5",
        "term_months": "6",
        "regime": "strict_regime_colony",
        **_date("verdict_date", 2024, 5, 14),
        **_date("appeal_date", 2024, 8),
        "confidentiality": "internal",
        "source": "",
        "quote": "",
        **changes,
    }


def test_an_editor_adds_a_case_citing_its_source(client: Client, editor: Any) -> None:
    person, source = _person_and_source()
    verified(client, editor)
    assert 'data-testid="case-new"' in text(client.get(f"/persons/{person.pk}/"))
    assert client.get(f"/persons/{person.pk}/cases/new/").status_code == 200
    quote = "gave Mikola Dziadok five years and six months in a strict regime colony"
    answer = client.post(f"/persons/{person.pk}/cases/new/", _form(source=str(source.pk), quote=quote))
    assert answer.status_code == 302
    [case] = CriminalCase.objects.filter(person=person)
    assert (case.articles, case.sentence_months, case.sentence_kind) == (
        ["342 part 1", "361-1"],
        66,
        "strict_regime_colony",
    )
    assert (case.sentence_date, case.appeal_date, case.judge_name) == ("2024-05-14", "2024-08", "Ivan Judge")
    assert case.court == Organisation.objects.get(name="Minsk City Court", kind="court")
    [claim] = Claim.objects.filter(record_type="registry.criminalcase", record_id=case.pk)
    assert (claim.source, claim.quote, claim.state, claim.person) == (source, quote, ClaimState.ACCEPTED, person)
    assert AuditEntry.objects.filter(action="criminal_case.create").count() == 1
    page = text(client.get(f"/persons/{person.pk}/"))
    assert "5 years 6 months" in page and "Minsk City Court" in page and "Ivan Judge" in page
    assert quote in page  # the case cites its source


def test_an_editor_corrects_a_case(client: Client, editor: Any) -> None:
    person, _ = _person_and_source()
    case = s.do_create_criminal_case(None, person, articles=["342"], sentence_months=36, sentence_date="2024")
    verified(client, editor)
    form = client.get(f"/cases/{case.pk}/edit/").context["form"]
    assert (form.initial["term"], form.initial["articles"]) == (36, "342")
    assert 'value="3"' in text(client.get(f"/cases/{case.pk}/edit/"))  # 3 years
    answer = client.post(f"/cases/{case.pk}/edit/", _form(term_years="2", term_months="", court="", judge=""))
    assert answer.status_code == 302
    case.refresh_from_db()
    assert (case.sentence_months, case.court, case.judge_name) == (24, None, "")
    assert AuditEntry.objects.filter(action="criminal_case.update").count() == 1


def test_the_form_refuses_what_the_services_refuse(client: Client, editor: Any) -> None:
    person, source = _person_and_source()
    verified(client, editor)
    bad_article = client.post(f"/persons/{person.pk}/cases/new/", _form(articles="999"))
    assert bad_article.status_code == 400 and "Criminal Code article" in text(bad_article)
    bad_date = client.post(f"/persons/{person.pk}/cases/new/", _form(**_date("verdict_date", 2024, 2, 30)))
    assert bad_date.status_code == 400
    no_term = client.post(f"/persons/{person.pk}/cases/new/", _form(term_years="0", term_months="0"))
    assert no_term.status_code == 400
    stray_quote = client.post(
        f"/persons/{person.pk}/cases/new/", _form(source=str(source.pk), quote="words the source never said")
    )
    assert stray_quote.status_code == 400 and "not in source" in text(stray_quote)
    assert not CriminalCase.objects.exists()
    assert not Organisation.objects.filter(name="Minsk City Court").exists()  # nothing half-written


def test_it_needs_an_editor(client: Client, viewer: Any) -> None:
    person, _ = _person_and_source()
    case = s.do_create_criminal_case(None, person, articles=["342"])
    client.force_login(viewer)
    assert client.get(f"/persons/{person.pk}/cases/new/").status_code == 403
    assert client.post(f"/cases/{case.pk}/edit/", _form()).status_code == 403
    assert 'data-testid="case-edit"' not in text(client.get(f"/persons/{person.pk}/"))


def test_it_does_not_reach_a_case_the_editor_may_not_see(client: Client, editor: Any) -> None:
    person, source = _person_and_source()
    case = s.do_create_criminal_case(None, person, articles=["342"], confidentiality="confidential")
    secret, _ = s.do_create_source(
        None, data=b"secret", filename="s.txt", text="secret", confidentiality="confidential"
    )
    verified(client, editor)
    assert client.get(f"/cases/{case.pk}/edit/").status_code == 404
    refused = client.post(f"/persons/{person.pk}/cases/new/", _form(source=str(secret.pk)))
    assert refused.status_code == 400  # not among the choices: as if it did not exist
    assert CriminalCase.objects.filter(person=person).count() == 1
