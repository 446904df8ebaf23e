"""Sources: each document stored once by its sha-256, as the actor sees the sources."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction

from letapis.accounts.actor import Actor
from letapis.audit.log import record, snapshot
from letapis.registry import storage
from letapis.registry.models import Confidentiality, Source
from letapis.registry.services.common import ServiceError, check_confidentiality, checked_text


@transaction.atomic
def do_create_source(
    actor: Actor,
    *,
    data: bytes,
    filename: str,
    text: str,
    media_type: str = "text/plain",
    title: str = "",
    publisher: str = "",
    url: str = "",
    date: date | None = None,
    language: str = "",
    reliability: str = "unknown",
    confidentiality: str = Confidentiality.INTERNAL,
) -> tuple[Source, bool]:
    """Store a document once (by sha-256) as ``actor`` sees the sources; returns the source
    and whether it is new. A source with the same file that ``actor`` may see is returned as
    it is; one they may not see does not exist for them: the file becomes a source of its own
    at the level asked for (one per file and level), sharing the stored file."""
    from letapis.access import levels_for, same_file_sources

    for field, what in ((text, "a source's text"), (title, "a source's title"), (publisher, "a source's publisher")):
        checked_text(field, what)
    checked_text(filename, "a file name")
    checked_text(url, "a source's URL", 1000)
    checked_text(title, "a source's title", 500)
    if getattr(actor, "pk", None) is not None and confidentiality not in levels_for(actor):
        raise ServiceError(f"you may not store a {confidentiality} source: you could not read it")
    digest = storage.sha256_of(data)
    existing = same_file_sources(actor, digest).first()
    if existing is not None:
        return existing, False
    storage.store(data)
    try:
        with transaction.atomic():  # a savepoint: another monitor may be storing the same document
            source = _new_source(
                actor,
                data,
                digest,
                filename,
                text,
                media_type,
                title,
                publisher,
                url,
                date,
                language,
                reliability,
                confidentiality,
            )
    except IntegrityError:  # at the level asked for, which ``actor`` may read
        existing = Source.objects.filter(sha256=digest, confidentiality=confidentiality).first()
        if existing is None:
            raise
        return existing, False
    record(actor, "source.create", source, after={k: v for k, v in snapshot(source).items() if k != "text"})
    return source, True


def _new_source(
    actor: Actor,
    data: bytes,
    digest: str,
    filename: str,
    text: str,
    media_type: str,
    title: str,
    publisher: str,
    url: str,
    date: date | None,
    language: str,
    reliability: str,
    confidentiality: str,
) -> Source:
    return Source.objects.create(
        sha256=digest,
        filename=filename[:300],
        media_type=media_type,
        size=len(data),
        title=title[:500],
        publisher=publisher,
        url=url,
        date=date,
        language=language,
        reliability=reliability,
        confidentiality=check_confidentiality(confidentiality),
        text=text,
        created_by=actor if actor is not None and actor.pk is not None else None,
    )
