"""Why the names matcher thinks two names may be one person, in a sentence of the page's
language: "Same surname and first name, patronymic missing on one side".

The matcher (:func:`letapis.names.why`) explains a score part by part (surname, given name,
patronymic, sex) in its own terms; this module words that for a reviewer. Its verdict is a
likelihood, never "different people": a candidate below the matcher's threshold may still be
the right person (an initial, a missing patronymic), and the reviewer decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from letapis import names as names_core
from letapis.names.parse import InvalidName, readings


@dataclass(frozen=True)
class MatchWords:
    """A candidate's score, how likely it is, and why, in words."""

    score: float
    verdict: str
    reasons: str

    @property
    def score_text(self) -> str:
        return f"{self.score:.2f}"


def verdict(score: float) -> str:
    if score >= names_core.MATCH_THRESHOLD:
        return _("likely the same person")
    if score >= 0.5:
        return _("possibly the same person")
    return _("a weak match")


def _surname(how: str) -> str:
    if how == "same spelling key":
        return _("same surname")
    if how == "same stem, different ending":
        return _("same surname with another ending")
    if how.startswith("same up to regular correspondences"):
        return _("same surname in another spelling")
    if how.startswith("same consonants"):
        return _("similar surname (the same consonants)")
    if how.startswith("close spelling"):
        return _("surname spelled alike")
    if how.startswith("one half of a double surname"):
        return _("one half of a double surname is the same")
    return _("different surname")


def _given(how: str, similarity: float) -> str:
    if how.startswith("same given name") or how == "same spelling key":
        return _("same first name")
    if how.startswith("same up to regular correspondences"):
        return _("same first name in another spelling")
    if how == "same initial":
        return _("same initial")
    if how == "initial matches":
        return _("the initial fits the first name")
    if how in ("different initials", "initial does not match"):
        return _("the initials differ")
    if how.startswith("spelling similarity") and similarity >= 0.5:
        return _("similar first name")
    return _("different first name")


def _has_patronymic(text: str) -> bool:
    try:
        return any(reading.patronymic is not None for reading in readings(text))
    except InvalidName:
        return False


def reasons(explanation: names_core.MatchExplanation) -> str:
    """The matcher's explanation as one sentence."""
    if len(explanation.parts) == 0:
        return _("nothing to compare") if explanation.score == 0 else ""
    same: list[str] = []
    other: list[str] = []
    by_role = {part.role: part for part in explanation.parts}
    surname, given, patronymic = by_role.get("surname"), by_role.get("given"), by_role.get("patronymic")
    surname_words = None if surname is None else _surname(surname.how)
    given_words = None if given is None else _given(given.how, given.similarity)
    if surname_words == _("same surname") and given_words == _("same first name"):
        if patronymic is not None and patronymic.similarity >= 0.75:
            same.append(_("same surname, first name and patronymic"))
            patronymic = None
        else:
            same.append(_("same surname and first name"))
    else:
        other += [w for w in (surname_words, given_words) if w is not None]
    if given is None and surname is not None:
        other.append(_("first name missing on one side"))
    if patronymic is not None:
        other.append(_("same patronymic") if patronymic.similarity >= 0.75 else _("different patronymic"))
    elif "patronymic" not in by_role and _has_patronymic(explanation.a) != _has_patronymic(explanation.b):
        other.append(_("patronymic missing on one side"))
    if "sex" in by_role:
        other.append(_("a woman's name and a man's"))
    elif any(note.startswith("the surname is in a man's form") for note in explanation.notes):
        other.append(_("the surname is a man's on one side and a woman's on the other"))
    words = ", ".join(same + other)
    return words[:1].upper() + words[1:]


def match_words(query: str, forms: Iterable[str]) -> MatchWords | None:
    """How ``query`` matches the best of a person's name ``forms`` (those the reviewer may
    see), in words; ``None`` without a form."""
    best: names_core.MatchExplanation | None = None
    for text in forms:
        explanation = names_core.why(query, text)
        if best is None or explanation.score > best.score:
            best = explanation
    if best is None:
        return None
    return MatchWords(best.score, verdict(best.score), reasons(best))
