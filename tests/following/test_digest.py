"""The weekly digest (issue 19): the week of 8–14 December 2025 on the demo registry, partial
dates, verdicts and transfers, the renderings (page, Markdown, API, CLI, email) and the
confidentiality rule (a record a tier may not see changes nothing in its digest)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from click.testing import CliRunner
from django.core import mail
from django.test import Client

from letapis.cli import main
from letapis.following import digest as digests
from letapis.registry import services as s

WEEK = date(2025, 12, 8)
RELEASED = ["Aleś Bialacki", "Maksim Znak", "Siarhiej Paŭłavicki", "Pavieł Sieviaryniec", "Alaksandr Fiaduta"]


def section(d: digests.Digest, key: str) -> digests.DigestSection:
    return next(x for x in d.sections if x.key == key)


def test_the_week_is_monday_to_sunday() -> None:
    assert digests.week_of(date(2025, 12, 14)) == (date(2025, 12, 8), date(2025, 12, 14))
    assert digests.week_of(date(2025, 12, 8)) == (date(2025, 12, 8), date(2025, 12, 14))
    with pytest.raises(digests.WeekOutOfRange):
        digests.week_of(date(9999, 12, 31))


@pytest.mark.django_db
def test_the_digest_of_8_to_14_december_2025_lists_the_release_of_13_december(demo: Any) -> None:
    for day in (WEEK, date(2025, 12, 11), date(2025, 12, 14)):
        d = digests.build_digest(day, None)
        releases = section(d, "releases")
        assert releases.count == 1
        item = releases.items[0]
        assert (item.date, item.count, item.foreign_nationals) == ("2025-12-13", 123, 13)
        assert item.destinations == ["UA", "LT"] and item.destinations_text == "to Ukraine and Lithuania"
        assert item.forced_exile
        assert sorted(p.name for p in item.persons) == sorted(RELEASED)
        assert len(item.events) == 1 + len(RELEASED)  # the individual releases are shown within it
        assert item.sources and any("123 political prisoners" in r["quote"] for r in item.sources)
        # the detentions "[..2025-12-12]" may have happened any day before: in no week's digest
        assert section(d, "arrests").count == 0
        assert d.start == WEEK and d.end == date(2025, 12, 14)
    assert all(not x.items for x in digests.build_digest(date(2025, 12, 1), None).sections)


@pytest.mark.django_db
def test_the_digest_in_belarusian_names_the_persons_in_belarusian(demo: Any) -> None:
    item = section(digests.build_digest(WEEK, None, "be"), "releases").items[0]
    assert "Алесь Бяляцкі" in [p.name for p in item.persons]
    assert item.destinations_text == "ва Украіну і Літву"


@pytest.mark.django_db
def test_partial_dates_count_in_a_week_only_when_their_whole_range_lies_in_it() -> None:
    person = s.do_create_person(None, names=["Partial Person"], confidentiality="public", publishable=True)
    inside = s.do_create_event(None, type="detention", date="2025-12-09/2025-12-11", victims=[person])
    for text in ("2025-12", "2025-12-12/2025-12-16", "[..2025-12-10]", "[2025-12-10..]", "2025"):
        s.do_create_event(None, type="detention", date=text, victims=[person])
    arrests = section(digests.build_digest(WEEK, None), "arrests")
    assert [i.event_id for i in arrests.items] == [inside.pk]
    assert arrests.items[0].day == "2025-12-09/2025-12-11"


@pytest.mark.django_db
def test_verdicts_carry_term_and_regime_and_transfers_their_place() -> None:
    person = s.do_create_person(None, names=["Verdict Person"], confidentiality="public", publishable=True)
    verdict = s.do_create_event(None, type="sentence", date="2025-12-10", victims=[person])
    s.do_create_criminal_case(
        None,
        person,
        articles=["342"],
        sentence_months=99,
        sentence_kind="reinforced_regime_colony",
        sentence_event=verdict,
        confidentiality="public",
    )
    colony = s.do_create_place(None, "Penal colony No. 4, Homiel", kind="penal_colony", confidentiality="public")
    secret = s.do_create_place(None, "A secret place", kind="penal_colony", confidentiality="confidential")
    s.do_create_event(None, type="transfer", date="2025-12-11", place=colony, victims=[person])
    s.do_create_event(None, type="transfer", date="2025-12-12", place=secret, victims=[person])
    d = digests.build_digest(WEEK, None)
    (v,) = section(d, "verdicts").items[0].verdicts
    assert (v.months, v.term, v.regime_label, v.articles) == (
        99,
        "8 years 3 months",
        "reinforced regime colony",
        ["342"],
    )
    places = [i.place for i in section(d, "transfers").items]
    assert places == [{"id": colony.pk, "name": colony.name}, None]  # a place the public may not see: none


@pytest.mark.django_db
def test_deaths_and_expulsions_have_their_sections() -> None:
    person = s.do_create_person(None, names=["Some One"], confidentiality="public", publishable=True)
    other = s.do_create_person(None, names=["Other One"], confidentiality="public", publishable=True)
    s.do_create_event(None, type="expulsion", date="2025-12-09", destinations=["LT"], victims=[person])
    s.do_create_event(None, type="death_in_custody", date="2025-12-13", victims=[other])
    d = digests.build_digest(WEEK, None)
    assert [p.name for p in section(d, "expulsions").items[0].persons] == ["Some One"]
    assert [p.name for p in section(d, "deaths").items[0].persons] == ["Other One"]


def _with_hidden_records(demo: Any) -> None:
    """A confidential arrest, an internal arrest of a public person, a confidential individual
    release within the public collective one and a confidential person's release: in the week."""
    from letapis.registry.demo import release_event

    public = s.do_create_person(None, names=["Hidden Arrest"], confidentiality="public", publishable=True)
    s.do_create_event(None, type="detention", date="2025-12-10", victims=[public], confidentiality="confidential")
    s.do_create_event(None, type="detention", date="2025-12-11", victims=[public], confidentiality="internal")
    secret = s.do_create_person(None, names=["Secret Person"], confidentiality="confidential", publishable=True)
    s.do_create_event(None, type="release", date="2025-12-13", parent=release_event(), victims=[secret])
    quiet = s.do_create_person(None, names=["Quiet Release"], confidentiality="public", publishable=True)
    s.do_create_event(
        None, type="release", date="2025-12-13", parent=release_event(), victims=[quiet], confidentiality="confidential"
    )


@pytest.mark.django_db
def test_records_a_tier_may_not_see_change_nothing_in_its_digest(demo: Any, viewer: Any, confidant: Any) -> None:
    before = {
        who: digests.digest_json(digests.build_digest(WEEK, user)) for who, user in (("public", None), ("team", viewer))
    }
    _with_hidden_records(demo)
    public = digests.digest_json(digests.build_digest(WEEK, None))
    assert public == before["public"]
    team = digests.build_digest(WEEK, viewer)
    arrests = section(team, "arrests")
    assert arrests.count == 1 and arrests.items[0].persons[0].name == "Hidden Arrest"  # the internal one only
    without_internal = digests.digest_json(team)
    without_internal["sections"][0] = before["team"]["sections"][0]
    assert without_internal == before["team"]  # releases: the same count, the same persons
    everything = digests.build_digest(WEEK, confidant)
    assert section(everything, "arrests").count == 2
    names = [p.name for p in section(everything, "releases").items[0].persons]
    assert "Secret Person" in names and "Quiet Release" in names
    assert section(everything, "releases").items[0].count == 123  # the sources' number, for every tier


@pytest.mark.django_db
def test_the_page_the_markdown_and_the_json(demo: Any, client: Client) -> None:
    page = client.get("/following/digest/?week=2025-12-08")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Weekly digest, 8 December 2025 – 14 December 2025" in text
    assert "123 persons" in text and "to Ukraine and Lithuania" in text and "Aleś Bialacki" in text
    md = client.get("/following/digest/?week=2025-12-10&format=md")
    assert md["Content-Type"].startswith("text/markdown")
    body = md.content.decode()
    assert body.startswith("# Weekly digest, 8 December 2025 – 14 December 2025")
    assert "## Releases (1)" in body and "of them 13 foreign nationals" in body
    assert "[Maksim Znak](http://testserver/persons/" in body
    api = client.get("/api/v1/digest?week=2025-12-14").json()
    releases = next(x for x in api["sections"] if x["key"] == "releases")
    assert api["week_start"] == "2025-12-08" and releases["items"][0]["count"] == 123
    assert len(releases["items"][0]["persons"]) == 5
    assert client.get("/following/digest/?week=nonsense").status_code == 200  # this week, with a message
    assert client.get("/api/v1/digest?week=9999-12-31").status_code == 400
    for edge in ("0001-01-01", "0001-01-07", "9999-12-20", "9999-12-26"):  # the calendar's first and last weeks
        assert client.get(f"/following/digest/?week={edge}").status_code == 200
        assert client.get(f"/api/v1/digest?week={edge}").status_code == 200


@pytest.mark.django_db
def test_the_page_in_belarusian(demo: Any, client: Client) -> None:
    client.post("/i18n/setlang/", {"language": "be", "next": "/"})
    text = client.get("/following/digest/?week=2025-12-08").content.decode()
    assert "Вызваленні" in text and "Алесь Бяляцкі" in text


@pytest.mark.django_db
def test_the_command_prints_markdown_and_html(demo: Any) -> None:
    run = CliRunner().invoke(
        main, ["following", "digest", "--week", "2025-12-08", "--markdown"], catch_exceptions=False
    )
    assert run.exit_code == 0, run.output
    assert "## Releases (1)" in run.output and "Pavieł Sieviaryniec" in run.output
    html = CliRunner().invoke(main, ["following", "digest", "--week", "2025-12-08"], catch_exceptions=False)
    assert html.output.startswith("<!doctype html>") and "123 persons" in html.output
    bad = CliRunner().invoke(main, ["following", "digest", "--week", "2025-12-08", "alice"])
    assert bad.exit_code != 0 and "only with --email" in bad.output


@pytest.mark.django_db
def test_each_recipient_gets_the_digest_of_their_own_tier(demo: Any, django_user_model: Any) -> None:
    team = django_user_model.objects.create_user("team", email="team@example.org", role="viewer")
    grant = django_user_model.objects.create_user(
        "grant", email="grant@example.org", role="viewer", sees_confidential=True
    )
    django_user_model.objects.create_user("nomail", role="viewer")
    _with_hidden_records(demo)
    mail.outbox.clear()
    run = CliRunner().invoke(
        main, ["following", "digest", "--week", "2025-12-08", "--email-all"], catch_exceptions=False
    )
    assert run.exit_code == 0, run.output
    assert "Mailed grant <grant@example.org> the confidential digest" in run.output
    by_to = {m.to[0]: m for m in mail.outbox}
    assert set(by_to) == {"team@example.org", "grant@example.org"}
    for address, message in by_to.items():
        assert message.subject == "Weekly digest, 8 December 2025 – 14 December 2025"
        html, kind = message.alternatives[0]
        assert kind == "text/html" and "123 persons" in html and "123 persons" in message.body
        for part in (message.body, html):
            assert ("Secret Person" in part) == (address == "grant@example.org")
            assert ("Quiet Release" in part) == (address == "grant@example.org")
            assert "Hidden Arrest" in part  # the internal arrest: both read internal records
    assert team.email and grant.email
    mail.outbox.clear()
    one = CliRunner().invoke(main, ["following", "digest", "--week", "2025-12-08", "--email", "team"])
    assert one.exit_code == 0 and [m.to for m in mail.outbox] == [["team@example.org"]]
    nobody = CliRunner().invoke(main, ["following", "digest", "--email", "nomail"])
    assert nobody.exit_code != 0 and "no email address" in nobody.output


@pytest.mark.django_db
def test_send_digests_builds_each_email_for_its_recipient(demo: Any, viewer: Any, confidant: Any) -> None:
    viewer.email, confidant.email = "v@example.org", "c@example.org"
    _with_hidden_records(demo)
    sent = digests.send_digests(WEEK, [viewer, confidant], "ru")
    assert [(x.username, x.tier) for x in sent] == [("viewer", "internal"), ("confidant", "confidential")]
    assert len(mail.outbox) == 2
    assert "в Украину и Литву" in mail.outbox[0].body
    assert "Secret Person" not in mail.outbox[0].body and "Secret Person" in mail.outbox[1].body
    assert json.dumps(digests.digest_json(digests.build_digest(WEEK, viewer)))  # JSON-ready


@pytest.mark.django_db
def test_the_digest_ends_with_the_watch_lists_of_its_sunday(viewer: Any) -> None:
    from letapis.following import watch
    from tests.following import watch_world

    watch_world.build()
    sunday = date(2026, 6, 7)
    for user in (None, viewer):
        d = digests.build_digest(date(2026, 6, 3), user)
        assert d.watch is not None
        lists = {w["key"]: w for w in d.watch}
        assert list(lists) == ["due", "overdue", "silent"]
        for key, w in lists.items():
            expected = watch.watch_list(key, sunday, user, w["days"])
            assert w["on"] == "2026-06-07" and w["count"] == len(expected)
            assert [p["id"] for p in w["persons"]] == [e["id"] for e in expected]  # the tier's own lists
        assert "Ann Due" in {p["name"] for p in lists["due"]["persons"]}
        assert "Bob Overdue" in {p["name"] for p in lists["overdue"]["persons"]}
    markdown = digests.render_markdown(d)
    assert "### Due for release (" in markdown and "[Ann Due](/persons/" in markdown
    assert "Dee Internal" not in digests.render_markdown(digests.build_digest(date(2026, 6, 3), None))


@pytest.mark.django_db
def test_the_digest_reads_a_fixed_number_of_queries(demo: Any, viewer: Any) -> None:
    """More events, persons, verdicts and sources in the week cost no more queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            digests.render_markdown(digests.build_digest(WEEK, viewer))
        return len(captured)

    place = s.do_create_place(None, "Colony No. 9", kind="penal_colony", confidentiality="public")

    def week_of_many(count: int, start: int) -> None:
        for i in range(start, start + count):
            person = s.do_create_person(None, names=[f"Many {i}"], confidentiality="public", publishable=True)
            s.do_create_event(None, type="detention", date="2025-12-09", victims=[person], place=place)
            verdict = s.do_create_event(None, type="sentence", date="2025-12-10", victims=[person])
            s.do_create_criminal_case(
                None, person, sentence_months=12 + i, sentence_event=verdict, confidentiality="public"
            )
            s.do_create_event(None, type="transfer", date="2025-12-11", victims=[person], place=place)

    week_of_many(1, 0)
    before = queries()
    week_of_many(12, 1)
    assert queries() == before
