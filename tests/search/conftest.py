"""A small set of sources for the search tests: public, internal and confidential, in be/ru/en."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from letapis.registry.models import Claim, ClaimState, Confidentiality, Person, Source


def make_source(text: str, *, title: str = "", level: str = Confidentiality.PUBLIC, **kw: Any) -> Source:
    from letapis.registry.services import do_create_source

    source, _ = do_create_source(
        None,
        data=(title + text + level).encode(),
        filename="s.txt",
        text=text,
        title=title,
        confidentiality=level,
        **kw,
    )
    return source


@pytest.fixture
def corpus(db: Any) -> dict[str, Any]:
    bialacki = Person.objects.create(display_name="Алесь Бяляцкі", confidentiality="public", publishable=True)
    secret_person = Person.objects.create(display_name="Тайны Сведка", confidentiality="confidential")
    nobel = make_source(
        "Алесь Бяляцкі, лаўрэат Нобелеўскай прэміі міру 2022 года, застаецца ў калоніі.",
        title="Заява ПЭН",
        publisher="PEN Belarus",
        language="be",
        date=date(2025, 12, 14),
    )
    english = make_source(
        "Ales Bialiatski, the Nobel Peace Prize laureate, remains in prison.",
        title="Statement",
        publisher="Viasna",
        language="en",
        date=date(2024, 3, 1),
    )
    russian = make_source(
        "Марию Колесникову перевели в другую колонию; адвокат не допущен.",
        title="Новости",
        publisher="Наша Ніва",
        language="ru",
        date=date(2023, 6, 5),
    )
    secret = make_source(
        "Гарбузовы пасеў у Магілёве: сведка бачыў абшук.",
        title="Ліст",
        level=Confidentiality.CONFIDENTIAL,
        language="be",
        date=date(2025, 1, 1),
    )
    Claim.objects.create(
        source=nobel,
        kind="person",
        value={"name": "Алесь Бяляцкі"},
        quote="Алесь Бяляцкі",
        proposer="user:test",
        state=ClaimState.ACCEPTED,
        confidentiality="public",
        person=bialacki,
    )
    Claim.objects.create(
        source=nobel,
        kind="person",
        value={"name": "Тайны Сведка"},
        quote="Гарбузовы сведка",
        proposer="user:test",
        confidentiality="confidential",
        person=secret_person,
    )
    return {"nobel": nobel, "english": english, "russian": russian, "secret": secret, "bialacki": bialacki}
