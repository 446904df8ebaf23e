"""What each vocabulary may hold beyond code, labels and forms.

Every term has ``code``, ``labels`` (en, be, ru) and may have ``forms`` and ``description``.
The keys a vocabulary adds are listed here with their type; any other key fails the load, so a
typo (``cultral: true``) cannot pass unnoticed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["COMMON_KEYS", "SCHEMAS", "VOCABULARY_NAMES", "Schema"]

#: Keys every term may have.
COMMON_KEYS = frozenset({"code", "labels", "forms", "description"})

#: Values of ``side`` in involvement_roles.yaml.
SIDES = ("victim", "perpetrator", "other")


@dataclass(frozen=True)
class Schema:
    """The extra keys of one vocabulary: key → expected type (``str | None`` is written as ``"status"``)."""

    extras: dict[str, str] = field(default_factory=dict)
    #: The English label must be lower case (occupations: "human rights defender").
    lower_case_en: bool = False
    #: Every term must say this key.
    required: frozenset[str] = frozenset()


#: Extra key types: "bool", "int", "number" (an int or a decimal above 0), "str", "status" (a code
#: of statuses.yaml or null), "side",
#: "feminine" (a mapping language → the feminine label, e.g. {be: пісьменніца, ru: писательница}).
SCHEMAS: dict[str, Schema] = {
    "occupations": Schema(extras={"cultural": "bool", "feminine": "feminine"}, lower_case_en=True),
    "event_types": Schema(
        extras={"status_effect": "status", "exile": "bool", "precedence": "int", "contact": "bool"},
        lower_case_en=True,
        required=frozenset({"status_effect"}),
    ),
    "statuses": Schema(lower_case_en=True, required=frozenset({"description"})),
    "honours": Schema(),
    "organisation_kinds": Schema(),
    "sentence_regimes": Schema(
        extras={"custodial": "bool", "custody_credit": "number"},
        lower_case_en=True,
        required=frozenset({"custodial"}),
    ),
    "place_kinds": Schema(extras={"detention": "bool"}, lower_case_en=True),
    "involvement_roles": Schema(extras={"side": "side"}, lower_case_en=True, required=frozenset({"side"})),
    "membership_roles": Schema(extras={"feminine": "feminine"}, lower_case_en=True),
    "confidentiality": Schema(lower_case_en=True, required=frozenset({"description"})),
    "criminal_code_articles": Schema(),
}

#: The names of the vocabularies, each one file ``<name>.yaml`` in this package.
VOCABULARY_NAMES: tuple[str, ...] = tuple(SCHEMAS)
