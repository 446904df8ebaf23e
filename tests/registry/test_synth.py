"""The synthetic registry (letapis dev synth): marked, refuses real data, spans agree with status_on."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest
from click.testing import CliRunner

from letapis.access import EVERYTHING
from letapis.cli import main
from letapis.registry import services as s
from letapis.registry.models import (
    Claim,
    ClaimState,
    CriminalCase,
    Event,
    ExternalId,
    NameKey,
    NameVariant,
    Person,
    Source,
    StatusSpan,
)
from letapis.registry.spans import rebuild_all_spans
from letapis.registry.status import held_on, status_on
from letapis.registry.synth import PUBLISHER, SCHEME, SynthError, generate, is_synthetic

pytestmark = pytest.mark.django_db


@pytest.fixture
def small() -> Any:
    return generate(300, 3000, seed=7)


def test_small_registry_has_the_sizes_asked_and_every_kind_of_record(small: Any) -> None:
    assert Person.objects.count() == 300 == small.persons
    assert Event.objects.count() == small.events
    assert abs(small.events - 3000) <= 20  # the collective events come on top of the persons' own
    assert set(Event.objects.values_list("type", flat=True)) >= {
        "detention",
        "charge",
        "trial",
        "sentence",
        "transfer",
        "release",
        "expulsion",
        "search",
        "health_alert",
    }
    assert CriminalCase.objects.filter(sentence_event__type="sentence").count() == small.cases > 0
    assert Claim.objects.filter(state=ClaimState.ACCEPTED).count() == small.claims > 0
    assert StatusSpan.objects.count() == small.spans > 0
    assert Event.objects.filter(parent__isnull=False).exists()  # members of collective releases


def test_names_come_in_every_form_with_keys_like_the_services_store(small: Any) -> None:
    forms = set(NameVariant.objects.values_list("form", flat=True))
    assert {"native", "lacinka", "passport", "russian"} <= forms
    person = Person.objects.order_by("id")[10]
    native = person.names.get(is_primary=True)
    assert native.form == "native" and native.script == "Cyrl" and person.display_name == native.text
    assert person.names.filter(form="lacinka", script="Latn").exists()
    # a name added through the service gets the same keys as the generator stored
    other = s.do_create_person(None, names=[native.text])
    stored = set(NameKey.objects.filter(variant=native).values_list("key", flat=True))
    assert stored == set(NameKey.objects.filter(person=other).values_list("key", flat=True))


def test_everything_is_marked_synthetic(small: Any) -> None:
    assert is_synthetic()
    assert ExternalId.objects.filter(scheme=SCHEME).count() == Person.objects.count()
    assert set(Source.objects.values_list("publisher", flat=True)) == {PUBLISHER}
    claim = Claim.objects.select_related("source").first()
    assert claim is not None and claim.source.text[claim.span_start : claim.span_end] == claim.quote


def test_spans_agree_with_status_on_for_sampled_persons_and_days(small: Any) -> None:
    rng = random.Random(3)
    victims = list(Person.objects.filter(involvements__role="victim").distinct().order_by("id"))
    days = [date(2010, 1, 1) + timedelta(days=rng.randint(0, 6200)) for _ in range(12)] + [date(2026, 11, 20)]
    for day in days:
        held = set(held_on(day, levels=EVERYTHING).values_list("id", flat=True))
        for person in rng.sample(victims, 25):
            truth = status_on(person, day, levels=EVERYTHING)
            assert (person.pk in held) == (truth.status == "held"), (person.pk, day)
            span = StatusSpan.objects.filter(person=person, level="confidential", since__lte=day, until__gt=day).first()
            assert (span.status if span else "not_prisoner") == truth.status, (person.pk, day)
            assert (span.event_id if span else None) == (truth.event.pk if truth.event else None)
    assert held_on(date(2026, 11, 20), levels=EVERYTHING).exists()  # some are held at the end


def test_rebuild_gives_the_same_spans(small: Any) -> None:
    before = set(StatusSpan.objects.values_list("person_id", "level", "status", "since", "until", "event_id"))
    assert rebuild_all_spans() == len(before)
    assert set(StatusSpan.objects.values_list("person_id", "level", "status", "since", "until", "event_id")) == before


def test_same_seed_same_registry() -> None:
    generate(40, 300, seed=5)
    generate(40, 300, seed=5, force=True)
    persons = list(Person.objects.order_by("id"))
    first, second = persons[:40], persons[40:]

    def history(p: Person) -> list[tuple[str, str]]:
        return list(Event.objects.filter(involvements__person=p).order_by("id").values_list("type", "date"))

    assert [p.display_name for p in first] == [p.display_name for p in second]
    assert [history(p) for p in first] == [history(p) for p in second]


def test_refuses_a_registry_with_real_persons() -> None:
    s.do_create_person(None, names=["Алесь Бяляцкі"])
    with pytest.raises(SynthError, match="1 persons that are not synthetic"):
        generate(10, 50)
    assert Person.objects.count() == 1


def test_refuses_a_second_run_unless_forced() -> None:
    generate(10, 50, seed=1)
    with pytest.raises(SynthError, match="synthetic registry already"):
        generate(10, 50, seed=2)
    generate(10, 50, seed=2, force=True)
    assert Person.objects.count() == 20


def test_cli_synth_and_spans_rebuild() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["dev", "synth", "--persons", "30", "--events", "200", "--no-migrate"])
    assert result.exit_code == 0, result.output
    assert "30 persons" in result.output and "status spans" in result.output
    again = runner.invoke(main, ["dev", "synth", "--persons", "30", "--events", "200", "--no-migrate"])
    assert again.exit_code == 1 and "Error: the registry holds a synthetic registry already" in again.output
    rebuilt = runner.invoke(main, ["dev", "spans", "--rebuild"])
    assert rebuilt.exit_code == 0 and f"Rebuilt {StatusSpan.objects.count()} status spans" in rebuilt.output
