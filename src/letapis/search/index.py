"""Keeping the search index in step with sources and claims.

Signals on save and delete (:func:`connect`): every path that saves a source or a claim through
the ORM — ingest, review, the admin, imports — reindexes it, in the same transaction. Bulk
writes (``bulk_create``, ``QuerySet.update``) send no signal: after one, ``letapis search
reindex`` (:func:`do_reindex`) rebuilds the index from scratch. Deleting is left to the
database: an entry cascades with its source or claim (and on SQLite the FTS5 triggers follow).

What is indexed: a source's title, publisher and text; a claim's quote and the words of its
value (names, codes, places). Never a note: notes are encrypted at rest (:mod:`letapis.crypto`),
and an index of their words would be their text in clear beside the ciphertext.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save

from letapis.accounts.actor import Actor
from letapis.search.text import index_columns

#: Rows written per batch by a rebuild.
BATCH = 1000


def value_words(value: Any) -> Iterator[str]:
    """The strings in a claim's value (a JSON object), depth first."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from value_words(item)
    elif isinstance(value, list):
        for item in value:
            yield from value_words(item)


def source_columns(source: Any) -> tuple[str, str]:
    return index_columns(source.title, source.publisher, source.text)


def claim_columns(claim: Any) -> tuple[str, str]:
    return index_columns(claim.quote, " ".join(value_words(claim.value)))


def _models() -> tuple[Any, Any]:
    from letapis.search.models import SearchEntry, SearchText

    return SearchEntry, SearchText


def _write(entry: Any, text_model: Any, terms: str, folded: str) -> None:
    text_model.objects.update_or_create(entry_id=entry.pk, defaults={"terms": terms, "folded": folded})


def index_source(source: Any) -> None:
    entry_model, text_model = _models()
    entry, _ = entry_model.objects.get_or_create(kind="source", source_id=source.pk)
    _write(entry, text_model, *source_columns(source))


def index_claim(claim: Any) -> None:
    entry_model, text_model = _models()
    entry, _ = entry_model.objects.update_or_create(
        claim_id=claim.pk, defaults={"kind": "claim", "source_id": claim.source_id}
    )
    _write(entry, text_model, *claim_columns(claim))


def _on_source_saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        index_source(instance)


def _on_claim_saved(sender: Any, instance: Any, raw: bool = False, update_fields: Any = None, **kwargs: Any) -> None:
    if raw:
        return
    if update_fields is not None and not ({"quote", "value", "source"} & set(update_fields)):
        return  # a review (state, reviewer, links): the indexed words did not change
    index_claim(instance)


def connect() -> None:
    from letapis.registry.models import Claim, Source

    post_save.connect(_on_source_saved, sender=Source, dispatch_uid="search-source")
    post_save.connect(_on_claim_saved, sender=Claim, dispatch_uid="search-claim")


def rebuild_with(entry_model: Any, text_model: Any, source_model: Any, claim_model: Any) -> tuple[int, int]:
    """Empty the index and index every source and claim again; ``(sources, claims)``. Takes the
    models as arguments so that a migration can run it with its historical ones."""
    text_model.objects.all().delete()
    entry_model.objects.all().delete()
    batch: list[tuple[Any, tuple[str, str]]] = []

    def flush() -> None:
        entries = entry_model.objects.bulk_create([entry for entry, _ in batch])
        text_model.objects.bulk_create(
            [
                text_model(entry_id=e.pk, terms=cols[0], folded=cols[1])
                for e, (_, cols) in zip(entries, batch, strict=True)
            ]
        )
        batch.clear()

    sources = 0
    for source in source_model.objects.only("id", "title", "publisher", "text").order_by("id").iterator(BATCH):
        batch.append((entry_model(kind="source", source_id=source.pk), source_columns(source)))
        sources += 1
        if len(batch) >= BATCH:
            flush()
    flush()
    claims = 0
    for claim in claim_model.objects.only("id", "source_id", "quote", "value").order_by("id").iterator(BATCH):
        batch.append((entry_model(kind="claim", source_id=claim.source_id, claim_id=claim.pk), claim_columns(claim)))
        claims += 1
        if len(batch) >= BATCH:
            flush()
    flush()
    return sources, claims


def do_reindex(actor: Actor = None) -> tuple[int, int]:
    """Rebuild the whole index atomically (``letapis search reindex``); audited. Returns the
    numbers of sources and claims indexed."""
    from letapis.audit.log import record
    from letapis.registry.models import Claim, Source

    with transaction.atomic():
        counts = rebuild_with(*_models(), Source, Claim)
        record(
            actor,
            "search.reindex",
            object_type="search.index",
            object_id="all",
            after={"sources": counts[0], "claims": counts[1]},
        )
    return counts
