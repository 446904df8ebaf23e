"""Codes of the vocabularies as constants (generated from the YAML files: do not edit).

Regenerate with ``python -m letapis.vocab --write-codes`` (see :mod:`letapis.vocab.generate`).
"""

from __future__ import annotations

from enum import StrEnum


class EventType(StrEnum):
    """The codes of ``event_types.yaml``."""

    DETENTION = "detention"
    CHARGE = "charge"
    TRIAL = "trial"
    TRIAL_IN_ABSENTIA = "trial_in_absentia"
    SENTENCE_IN_ABSENTIA = "sentence_in_absentia"
    SENTENCE = "sentence"
    TRANSFER = "transfer"
    PARDON = "pardon"
    RELEASE = "release"
    EXPULSION = "expulsion"
    DEATH_IN_CUSTODY = "death_in_custody"
    HEALTH_ALERT = "health_alert"
    HUNGER_STRIKE = "hunger_strike"
    INCOMMUNICADO = "incommunicado"
    PUNISHMENT_CELL = "punishment_cell"
    ILL_TREATMENT = "ill_treatment"
    NEW_CHARGE_IN_CUSTODY = "new_charge_in_custody"
    ADMINISTRATIVE_ARREST = "administrative_arrest"
    SEARCH = "search"
    INTERROGATION = "interrogation"
    DESIGNATION_EXTREMIST = "designation_extremist"
    EXTREMIST_MATERIALS = "extremist_materials"
    BAN = "ban"
    LIQUIDATION = "liquidation"
    BLOCKING = "blocking"
    CONFISCATION = "confiscation"
    DISMISSAL = "dismissal"
    TRAVEL_BAN = "travel_ban"
    HOUSE_ARREST = "house_arrest"
    THREAT = "threat"
    DISAPPEARANCE = "disappearance"
    LETTER = "letter"
    LAWYER_VISIT = "lawyer_visit"
    FAMILY_VISIT = "family_visit"


class Status(StrEnum):
    """The codes of ``statuses.yaml``."""

    HELD = "held"
    RELEASED = "released"
    DIED = "died"
    NOT_PRISONER = "not_prisoner"
