"""An in-absentia verdict the extractor proposes is an event the registry takes."""

from __future__ import annotations

from typing import Any

import pytest

from letapis.registry.models import Event
from letapis.review.ingest import do_ingest
from letapis.review.services import accept_all_of_source
from letapis.vocab import vocabulary

pytestmark = pytest.mark.django_db

TEXT = (
    "14 May 2025\n\n"
    "A court in Minsk sentenced the exiled journalist Andrei Novik in absentia to ten years in prison. "
    "Novik has lived in Vilnius since 2021.\n"
)


def test_an_in_absentia_verdict_is_accepted_and_leaves_the_person_free(editor: Any) -> None:
    source = do_ingest(editor, TEXT.encode(), "absentia.txt", confidentiality="public", language="en").source
    refused = [(claim.kind, why) for claim, why in accept_all_of_source(editor, source.pk) if why is not None]
    assert refused == []
    event = Event.objects.get(type="sentence_in_absentia")
    assert vocabulary("event_types")["sentence_in_absentia"].extra["status_effect"] is None
    [person] = [i.person for i in event.involvements.all()]
    assert person.display_name == "Andrei Novik"
    assert not Event.objects.filter(type="sentence").exists()
