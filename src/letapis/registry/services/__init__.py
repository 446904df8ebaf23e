"""The services that change the registry.

Every ``do_*`` function runs in one transaction, checks its input against the vocabularies,
and writes one audit entry per record it changes (:func:`letapis.audit.log.record`). The admin,
the CLI, the API and the web pages all call these; nothing else writes registry records.

``actor`` is the acting user, or ``None`` for the system itself (set-up, demo data).

One module per kind of record; this package is their public interface, so callers write
``from letapis.registry import services`` and ``services.do_create_person(...)``.
"""

from __future__ import annotations

from letapis.registry.services.cases import (
    CASE_EDITABLE,
    case_value,
    checked_articles,
    court_named,
    do_create_criminal_case,
    do_update_criminal_case,
)
from letapis.registry.services.claims import do_record_claim
from letapis.registry.services.common import Conflict, ServiceError, checked_data, checked_text, partial_date
from letapis.registry.services.corrections import (
    REMOVABLE,
    Citation,
    do_cite,
    do_cited,
    do_remove,
    do_set_primary_name,
    do_update_membership,
    do_update_name,
    do_update_note,
)
from letapis.registry.services.events import EVENT_EDITABLE, do_add_involvement, do_create_event, do_update_event
from letapis.registry.services.levels import LEVELLED, do_set_confidentiality
from letapis.registry.services.notes import do_add_note
from letapis.registry.services.organisations import do_add_membership, do_create_organisation
from letapis.registry.services.persons import (
    PERSON_EDITABLE,
    NameInput,
    do_add_honour,
    do_add_name,
    do_add_occupation,
    do_create_person,
    do_update_person,
    refresh_name_facts,
)
from letapis.registry.services.places import PLACE_EDITABLE, detention_kinds, do_create_place, do_update_place
from letapis.registry.services.sources import do_create_source

__all__ = [
    "CASE_EDITABLE",
    "REMOVABLE",
    "Citation",
    "do_cite",
    "do_cited",
    "do_remove",
    "do_set_primary_name",
    "do_update_membership",
    "do_update_name",
    "do_update_note",
    "EVENT_EDITABLE",
    "LEVELLED",
    "PERSON_EDITABLE",
    "PLACE_EDITABLE",
    "Conflict",
    "NameInput",
    "ServiceError",
    "case_value",
    "checked_articles",
    "checked_data",
    "checked_text",
    "court_named",
    "detention_kinds",
    "do_add_honour",
    "do_add_involvement",
    "do_add_membership",
    "do_add_name",
    "do_add_note",
    "do_add_occupation",
    "do_create_criminal_case",
    "do_create_event",
    "do_create_organisation",
    "do_create_person",
    "do_create_place",
    "do_create_source",
    "do_record_claim",
    "do_set_confidentiality",
    "do_update_criminal_case",
    "do_update_event",
    "do_update_person",
    "do_update_place",
    "partial_date",
    "refresh_name_facts",
]
