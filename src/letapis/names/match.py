"""Decide whether two written names are the same person: :func:`score` and :func:`why`.

The matcher compares roles, not strings:

- **Surname** — the fine keys (:mod:`letapis.names.keys`) of the surnames, with the gender ending
  set aside (Ціханоўскі / Tsikhanouskaya share the stem ``tiXanavsk``); equal skeletons (which
  survive akanye, yakanye and every romanisation) count almost as equal; a double surname
  matches either half.
- **Given name** — by family (:mod:`letapis.names.given`): Алесь = Aliaksandr, Кацярына =
  Екатерина = Katarzyna. Two *known* families that differ are strong evidence of two people
  (Viktar Babaryka ≠ Eduard Babaryka). An initial matches a name that starts with it.
- **Patronymic** — compared only when both names have one; different patronymics lower the score.
- **Sex** — from the given-name family or the surname ending (-ская/-ski, -ава/-аў, -іна/-ін):
  a woman's and a man's name with different given names are two people (brother and sister).

``score`` is in [0, 1]; names with ``score >= MATCH_THRESHOLD`` are the same person.
Input that is not a name scores 0.0, and :func:`why` says why; neither raises.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from rapidfuzz.distance import Levenshtein

from letapis.names.given import families, family_sex
from letapis.names.keys import loose, part_keys, skeleton
from letapis.names.parse import InvalidName, ParsedName, Part, readings

__all__ = ["MATCH_THRESHOLD", "MatchExplanation", "PartMatch", "compare_parsed", "score", "why"]

#: Decision threshold: score(a, b) >= MATCH_THRESHOLD means "same person". Chosen on the
#: development pairs (tests/names/data/dev_pairs.tsv); see docs/names.md for the figures.
MATCH_THRESHOLD = 0.75

# (ending of a fine key, what replaces it in the stem, sex)
_SURNAME_ENDINGS = (
    ("ska", "sk", "f"),
    ("ski", "sk", "m"),
    ("tska", "tsk", "f"),
    ("ava", "av", "f"),
    ("eva", "ev", "f"),
    ("ina", "in", "f"),
    ("av", "av", "m"),
    ("ev", "ev", "m"),
    ("in", "in", "m"),
)


@dataclass(frozen=True)
class PartMatch:
    """How one role of the two names compared."""

    role: str  # "surname", "given", "patronymic", "sex"
    a: str
    b: str
    similarity: float
    how: str

    def __str__(self) -> str:
        return f"{self.role}: {self.a!r} ~ {self.b!r} = {self.similarity:.2f} ({self.how})"


@dataclass(frozen=True)
class MatchExplanation:
    """The score of two names, the decision and how each part matched."""

    a: str
    b: str
    score: float
    decision: bool
    parts: tuple[PartMatch, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    def __str__(self) -> str:
        verdict = "same person" if self.decision else "different people"
        lines = [f"{self.score:.3f} → {verdict} (threshold {MATCH_THRESHOLD})"]
        lines += [f"  {p}" for p in self.parts]
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)


@lru_cache(maxsize=262144)
def surname_stem(key: str) -> tuple[str, str | None]:
    """A fine key without its gender ending, and the sex the ending shows (or None)."""
    for ending, replacement, sex in _SURNAME_ENDINGS:
        if key.endswith(ending) and len(key) > len(ending) + 2:
            return key[: -len(ending)] + replacement, sex
    return key, None


def _key_similarity(x: str, y: str) -> float:
    if x == y:
        return 1.0
    return float(Levenshtein.normalized_similarity(x, y))


def _skeleton_of(x: str) -> str:
    return skeleton(x)


@lru_cache(maxsize=262144)
def _surname_pair(kx: str, ky: str) -> tuple[float, str]:
    sx, _ = surname_stem(kx)
    sy, _ = surname_stem(ky)
    if kx == ky:
        return 1.0, "same spelling key"
    if sx == sy:
        return 0.97, "same stem, different ending"
    r = _key_similarity(sx, sy)
    if loose(kx) == loose(ky) or loose(sx) == loose(sy):
        return 0.95 + 0.03 * r, "same up to regular correspondences (е/я, lost diacritics)"
    if _skeleton_of(sx) == _skeleton_of(sy):
        return 0.72, "same consonants, other vowels (not enough alone)"
    if r >= 0.85:
        return 0.7, "close spelling (not enough alone)"
    return r * 0.8, "different surnames"


def surname_similarity(x: Part, y: Part) -> tuple[float, str]:
    """Similarity of two surname parts and how it was reached."""
    best = (0.0, "different surnames")
    for kx in x.keys:
        for ky in y.keys:
            cand = _surname_pair(kx, ky)
            if cand[0] > best[0]:
                best = cand
    if len(x.subparts) > 0 or len(y.subparts) > 0:
        xs = x.subparts if len(x.subparts) > 0 else (x,)
        ys = y.subparts if len(y.subparts) > 0 else (y,)
        if len(xs) != len(ys) or best[0] < 0.9:
            for px in xs:
                for py in ys:
                    sim, how = surname_similarity(px, py) if (px, py) != (x, y) else (0.0, "")
                    sim *= 0.95
                    if sim > best[0]:
                        best = (sim, f"one half of a double surname: {how}")
    return best


@cache
def _family_initials(ident: str) -> frozenset[str]:
    fam = families()[ident]
    out: set[str] = set()
    for lang in ("be", "ru", "uk", "pl", "en", "lt"):
        for form in fam.forms.get(lang, ()):
            out |= {_initial_class(k[0]) for k in part_keys(form) if k != ""}
    return frozenset(out)


def _initial_class(letter: str) -> str:
    if letter in "yieju":
        return "i" if letter != "u" else "u"
    if letter in "hX":
        return "h"
    return letter


def initials_of(part: Part) -> frozenset[str]:
    out = {_initial_class(k[0]) for k in part.keys if k != ""}
    for ident in part.families:
        out |= _family_initials(ident)
    return frozenset(out)


def given_similarity(x: Part, y: Part) -> tuple[float, str]:
    """Similarity of two given names (or initials) and how it was reached."""
    if x.initial or y.initial:
        if x.initial and y.initial:
            same = len(initials_of(x) & initials_of(y)) > 0
            return (0.8, "same initial") if same else (0.0, "different initials")
        full, init = (y, x) if x.initial else (x, y)
        if len(initials_of(init) & initials_of(full)) > 0:
            return 0.85, "initial matches"
        return 0.0, "initial does not match"
    if len(x.families) > 0 and len(y.families) > 0:
        common = x.families & y.families
        if len(common) > 0:
            return 1.0, f"same given name ({'/'.join(sorted(common))})"
        return 0.0, "different given names"
    best = 0.0
    for kx in x.keys:
        for ky in y.keys:
            best = max(best, _key_similarity(kx, ky))
    if best == 1.0:
        return 1.0, "same spelling key"
    if any(loose(a) == loose(b) for a in x.keys for b in y.keys):
        return 0.9 + 0.1 * best, "same up to regular correspondences (unknown given name)"
    return best * 0.6, "spelling similarity (unknown given name)"


def _sex(name: ParsedName) -> tuple[str | None, str]:
    for g in name.given:
        if not g.initial and len(g.families) > 0:
            sex = family_sex(g.families)
            if sex is not None:
                return sex, "given name"
    for s in name.surname:
        for k in s.keys:
            _, sex = surname_stem(k)
            if sex is not None:
                return sex, "surname ending"
    return None, ""


def _best_pair(
    xs: tuple[Part, ...], ys: tuple[Part, ...], similarity: Callable[[Part, Part], tuple[float, str]]
) -> tuple[float, str, Part, Part] | None:
    """The most similar pair of parts, one of ``xs`` and one of ``ys`` (the first of equals)."""
    best: tuple[float, str, Part, Part] | None = None
    for x in xs:
        for y in ys:
            sim, how = similarity(x, y)
            if best is None or sim > best[0]:
                best = (sim, how, x, y)
    return best


def _best_given(xs: tuple[Part, ...], ys: tuple[Part, ...]) -> tuple[float, str, Part, Part] | None:
    return _best_pair(xs, ys, given_similarity)


def _best_surname(xs: tuple[Part, ...], ys: tuple[Part, ...]) -> tuple[float, str, Part, Part] | None:
    return _best_pair(xs, ys, surname_similarity)


def compare_parsed(a: ParsedName, b: ParsedName) -> tuple[float, list[PartMatch], list[str]]:
    """Score one reading of each name; returns (score, part matches, notes)."""
    parts: list[PartMatch] = []
    notes: list[str] = []
    sur = _best_surname(a.surname, b.surname)
    giv = _best_given(a.given, b.given)
    if sur is None and giv is None:
        # one side is a lone given name, the other a lone surname
        return 0.0, parts, ["no comparable parts"]
    if sur is not None:
        parts.append(PartMatch("surname", sur[2].text, sur[3].text, sur[0], sur[1]))
    if giv is not None:
        parts.append(PartMatch("given", giv[2].text, giv[3].text, giv[0], giv[1]))
    if sur is None:
        assert giv is not None
        notes.append("only given names to compare")
        return min(giv[0], 1.0) * 0.5, parts, notes
    s = sur[0]
    if giv is None:
        notes.append("a given name is missing on one side")
        value = 0.65 * s
    else:
        g = giv[0]
        value = 0.55 * s + 0.45 * g
        if g == 0.0:
            value = min(value, 0.35)
            notes.append("given names differ")
        elif g < 0.7:
            value = min(value, 0.5)
            notes.append("given names are not the same")
        if s < 0.75:
            value = min(value, 0.6 * s)
    if giv is not None and giv[0] == 1.0:
        ends = {surname_stem(k)[1] for k in sur[2].keys} | {surname_stem(k)[1] for k in sur[3].keys}
        if {"m", "f"} <= ends:
            value *= 0.7  # Уладзімір Арлоў / Уладзімір Арлова: a typo, a case form or another person
            notes.append("the surname is in a man's form on one side and a woman's on the other")
    if a.patronymic is not None and b.patronymic is not None:
        pa, pb = a.patronymic, b.patronymic
        if pa.initial or pb.initial:
            psim, phow = given_similarity(pa, pb)
        else:
            psim = max(_key_similarity(x, y) for x in pa.keys for y in pb.keys)
            phow = "patronymic spelling"
        parts.append(PartMatch("patronymic", pa.text, pb.text, psim, phow))
        if psim < 0.75:
            value *= 0.6
            notes.append("patronymics differ")
    sex_a, why_a = _sex(a)
    sex_b, why_b = _sex(b)
    if sex_a is not None and sex_b is not None and sex_a != sex_b:
        parts.append(PartMatch("sex", sex_a, sex_b, 0.0, f"from {why_a} / {why_b}"))
        if giv is None or giv[0] < 1.0:
            value = min(value, 0.2)
            notes.append("a woman's and a man's name")
        else:
            value *= 0.85
            notes.append("surname endings of different sexes")
    return max(0.0, min(1.0, value)), parts, notes


def _invalid(text: str) -> str | None:
    try:
        readings(text)
    except InvalidName as exc:
        return str(exc)
    return None


@lru_cache(maxsize=65536)
def _explain(a: str, b: str) -> MatchExplanation:
    problems = [(label, _invalid(text)) for label, text in (("first", a), ("second", b))]
    bad = [f"the {label} name is not a name: {err}" for label, err in problems if err is not None]
    if len(bad) > 0:
        return MatchExplanation(a, b, 0.0, False, (), tuple(bad))
    best: tuple[float, list[PartMatch], list[str]] | None = None
    for ra in readings(a):
        for rb in readings(b):
            cand = compare_parsed(ra, rb)
            if best is None or cand[0] > best[0]:
                best = cand
    assert best is not None
    value = round(best[0], 4)
    return MatchExplanation(a, b, value, value >= MATCH_THRESHOLD, tuple(best[1]), tuple(best[2]))


def score(a: str, b: str) -> float:
    """How likely two names are the same person, in [0, 1]; 0.0 for input that is not a name."""
    if not isinstance(a, str) or not isinstance(b, str):
        return 0.0
    return _explain(a, b).score


def why(a: str, b: str) -> MatchExplanation:
    """The score with the decision and which parts matched how (printable)."""
    return _explain(str(a), str(b))
