"""One definition of "held since" (issue 16): the person's page, the persons list, the API, the
exports, the monitoring report, the command line and the published site give the same day for
the same person — the start of the spell in custody (letapis.registry.status.since_of), not the
date of the latest sentence."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.test import Client

from letapis.cli import main
from letapis.registry import services
from letapis.registry.models import Person
from letapis.registry.status import since_of, status_since
from letapis.reports.exports import persons_table
from letapis.reports.monitoring import build_report
from letapis.reports.publish import publish
from letapis.reports.stats import spell_starts

pytestmark = pytest.mark.django_db

DAY = date(2025, 12, 14)
D = date


def test_since_is_the_first_day_of_the_last_run_of_one_status() -> None:
    held, released = "held", "released"
    assert since_of([]) is None
    assert since_of([(D(2021, 3, 25), held), (D(2023, 2, 8), held)]) == D(2021, 3, 25)
    assert since_of([(D(2020, 1, 1), held), (D(2021, 1, 1), released), (D(2022, 1, 1), held)]) == D(2022, 1, 1)
    assert since_of([(D(2025, 12, 13), released), (D(2025, 12, 14), released)]) == D(2025, 12, 13)


def every_answer(person: Person, tmp_path: Path) -> dict[str, str]:
    """The "held since" of ``person`` on DAY as each output gives it to the public."""
    pk, name, on = person.pk, person.display_name, DAY.isoformat()
    client = Client()
    api_detail = client.get(f"/api/v1/persons/{pk}", {"on": on}).json()
    api_list = client.get("/api/v1/persons", {"q": name, "on": on}).json()
    api_held = client.get("/api/v1/held", {"on": on, "limit": 500}).json()
    page = client.get(f"/persons/{pk}/", {"on": on}).content.decode()
    listing = client.get("/persons/", {"q": name, "on": on}).content.decode()
    export = next(r for r in persons_table(None, DAY) if r["id"] == pk)
    report = next(r for r in build_report(D(2025, 1, 1), DAY, "en", None).held if r.id == pk)
    cli = CliRunner().invoke(main, ["status", name, "--on", on], catch_exceptions=False).output
    publish(tmp_path / "site", DAY)
    site = (tmp_path / "site" / "en" / "persons" / f"{pk}.html").read_text(encoding="utf-8")
    site_index = (tmp_path / "site" / "en" / "index.html").read_text(encoding="utf-8")
    found = re.search(r"since (\d{4}-\d{2}-\d{2})", page)
    in_list = re.search(r"since (\d{4}-\d{2}-\d{2})", listing)
    in_cli = re.search(r"since (\d{4}-\d{2}-\d{2})", cli)
    return {
        "api person": api_detail["status"]["since"],
        "api persons list": next(r for r in api_list["results"] if r["id"] == pk)["status_since"],
        "api held": next(r for r in api_held["results"] if r["id"] == pk)["since"],
        "person page": "" if found is None else found.group(1),
        "persons list page": "" if in_list is None else in_list.group(1),
        "export": export["status_since"],
        "monitoring report": report.since,
        "cli status": "" if in_cli is None else in_cli.group(1),
        "site person page": site,
        "site index": site_index,
    }


def test_every_output_gives_the_same_held_since(demo: Any, tmp_path: Path) -> None:
    # detained on 25 March 2021, sentenced on 8 February 2023: held since the detention
    poczobut = Person.objects.get(display_name="Andrzej Poczobut")
    services.do_create_event(None, type="transfer", date="2024-05-02", victims=[poczobut])
    answers = every_answer(poczobut, tmp_path)
    assert "25 March 2021" in answers.pop("site person page")
    assert "25 March 2021" in answers.pop("site index")
    assert answers.pop("monitoring report") == "25 March 2021"
    assert answers == {key: "2021-03-25" for key in answers}
    assert status_since([poczobut.pk], DAY, levels=("public",)) == {poczobut.pk: D(2021, 3, 25)}
    assert spell_starts(DAY, None)[poczobut.pk] == D(2021, 3, 25)


def test_a_new_detention_after_a_release_starts_a_new_spell(demo: Any) -> None:
    person = services.do_create_person(None, names=["Ales Spell"], confidentiality="public", publishable=True)
    for kind, when in (("detention", "2020-01-10"), ("release", "2022-01-10"), ("detention", "2024-03")):
        services.do_create_event(None, type=kind, date=when, victims=[person])
    services.do_create_event(None, type="sentence", date="2024-09-01", victims=[person])
    detail = Client().get(f"/api/v1/persons/{person.pk}", {"on": DAY.isoformat()}).json()
    assert detail["status"]["since"] == "2024-03-31"  # a partial date counts from its last day
    assert status_since([person.pk], DAY, levels=("public",)) == {person.pk: D(2024, 3, 31)}
