"""The review, upload and audit pages are translated: every string, and a page read in be/ru."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.web.review_helpers import ingest_seed, login
from tests.web.test_languages import entries


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_every_string_of_the_review_pages_is_translated(lang: str) -> None:
    ours = [(msgid, strs) for refs, msgid, strs in entries(lang) if msgid and any("review" in r for r in refs)]
    assert len(ours) > 140
    assert [msgid for msgid, strs in ours if not strs or any(s == "" for s in strs)] == []


@pytest.mark.django_db
def test_the_review_queue_reads_in_belarusian_and_russian(client: Client, editor: Any) -> None:
    seed = ingest_seed()
    login(client, editor)
    client.post("/i18n/setlang/", {"language": "be", "next": "/review/"})
    page = client.get(f"/review/sources/{seed.source.pk}/").content.decode()
    assert "Прыняць" in page and "Адхіліць" in page and "прапанавана" in page
    assert "Я прачытаў(-ла) крыніцу і яе сцвярджэнні" in page
    assert "вызвалены" in page or "пад вартай" in page  # statuses from the vocabulary, in Belarusian
    client.post("/i18n/setlang/", {"language": "ru", "next": "/review/"})
    page = client.get("/review/").content.decode()
    assert "<h1>Очередь проверки</h1>" in page and "ждут решения" in page
