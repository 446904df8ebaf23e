"""What a claim proposes, in one line of the user's language (vocabulary labels in be/ru/en)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from letapis import claims
from letapis.vocab import vocabulary

KIND_LABELS = {
    "person": gettext_lazy("person"),
    "name": gettext_lazy("name"),
    "occupation": gettext_lazy("occupation"),
    "membership": gettext_lazy("membership"),
    "honour": gettext_lazy("honour"),
    "status": gettext_lazy("status"),
    "event": gettext_lazy("event"),
    "involvement": gettext_lazy("involvement"),
    "criminal_case": gettext_lazy("criminal case"),
    "attribute": gettext_lazy("attribute"),
}

STATE_LABELS = {
    "proposed": gettext_lazy("proposed"),
    "accepted": gettext_lazy("accepted"),
    "rejected": gettext_lazy("rejected"),
}

RELIABILITY_LABELS = {
    "high": gettext_lazy("high"),
    "medium": gettext_lazy("medium"),
    "low": gettext_lazy("low"),
    "unknown": gettext_lazy("unknown"),
}

#: Keys of a claim's value that the reviewer does not edit (links kept by the ingest).
HIDDEN_KEYS = frozenset({"person_claim", "candidates", "candidate"})


def _lang() -> str:
    code = (get_language() or "en").split("-")[0]
    return code if code in ("en", "be", "ru") else "en"


def term_label(vocab: str, code: Any) -> str:
    """The label of ``code`` in ``vocab`` in the user's language, or the code itself."""
    if not isinstance(code, str) or code == "":
        return "" if code is None else str(code)
    term = vocabulary(vocab).get(code)
    return code if term is None else term.label(_lang())


def summary(kind: str, value: dict[str, Any]) -> str:
    """One line saying what a claim of ``kind`` with ``value`` proposes."""
    match claims.parse_value(kind, value):
        case claims.PersonValue(name=name):
            return name
        case claims.OccupationValue(person_name=who, occupation=code, label=words):
            label = term_label("occupations", code) if code in vocabulary("occupations") else None
            return f"{who}: {label or words or code}"
        case claims.MembershipValue(person_name=who, role=role, organisation=organisation):
            return _("%(who)s: %(role)s of %(organisation)s") % {
                "who": who,
                "role": term_label("membership_roles", role),
                "organisation": organisation,
            }
        case claims.HonourValue(person_name=who, honour=code, text=words):
            return f"{who}: {words or term_label('honours', code)}"
        case claims.StatusValue(person_name=who, status=status, date=day):
            return _("%(who)s: %(status)s on %(day)s") % {
                "who": who,
                "status": term_label("statuses", status),
                "day": day or _("the source's date"),
            }
        case claims.EventValue() as event:
            parts = [term_label("event_types", event.type), event.date or _("no date")]
            if event.count is not None:
                parts.append(_("%(count)s persons") % {"count": event.count})
            if event.persons:
                parts.append(", ".join(event.persons[:3]) + ("…" if len(event.persons) > 3 else ""))
            return " · ".join(p for p in parts if p != "")
    from letapis.web.review.claim_forms import value_rows  # which reads this module's HIDDEN_KEYS

    said = "; ".join(f"{label}: {words}" for label, words in value_rows(kind, value))
    return said if len(said) <= 200 else said[:199] + "…"


def source_labels(source: Any) -> dict[str, str]:
    """A source's confidentiality and reliability in the user's language."""
    return {
        "confidentiality": term_label("confidentiality", source.confidentiality),
        "reliability": str(RELIABILITY_LABELS.get(source.reliability, source.reliability)),
    }
