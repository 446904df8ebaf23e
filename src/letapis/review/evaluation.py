"""How well the extractor reads a team's own material: its proposals today against the claims
editors accepted (as proposed or edited) and rejected.

For every source the viewer may read that has decided claims they may see, the extractor reads
the source's text again (with the date and language stored on the source), and its proposals are
compared with those decisions kind by kind. An accepted claim is a fact the extractor should
propose: found or missed. A rejected claim is a proposal it should no longer make: repeated or
avoided. Claims an editor entered by hand count as facts too: they are what the extractor
missed. The figures per kind and per language are what ``letapis extract eval`` prints and the
dashboard shows; both read them through :func:`extraction_figures`, so that a viewer's figures
come only from the sources and claims that viewer may see (a confidential decision moves no
number a team member or the public reads). The last figures of each audience tier are kept in
a file of the data folder (``EXTRACT_EVAL_DIR``, default ``DATA_DIR/extract-eval``) with the state
of the decisions they were computed on, so that the CLI and every server process share them:
:func:`extraction_figures` computes again only when that state changed, and
:func:`latest_figures` (the dashboard) reads them without computing.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Count, Max
from django.utils import timezone

from letapis import access
from letapis.accounts.actor import Viewer
from letapis.names import name_keys
from letapis.registry.models import Claim, ClaimState, Source
from letapis.review.models import ReviewAction, ReviewDecision
from letapis.review.proposals import proposals_from

#: The claim kinds the extractor proposes, in the order the figures are printed.
KINDS = ("person", "status", "occupation", "membership", "honour", "event")
LANGUAGES = ("en", "be", "ru")


@dataclass
class Tally:
    """Decisions of one kind and what the extractor does with them today."""

    accepted: int = 0  # facts: accepted claims (as proposed or edited) and claims entered by hand
    edited: int = 0  # of which an editor changed the value before accepting
    found: int = 0  # facts the extractor proposes today
    rejected: int = 0  # proposals editors rejected
    repeated: int = 0  # of which the extractor still proposes today

    def add(self, other: Tally) -> None:
        for name in ("accepted", "edited", "found", "rejected", "repeated"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def recall(self) -> float | None:
        """Share of the accepted facts the extractor proposes (None: no accepted fact)."""
        return None if self.accepted == 0 else self.found / self.accepted

    @property
    def precision(self) -> float | None:
        """Of its proposals that editors decided, the share that was right (None: none decided)."""
        decided = self.found + self.repeated
        return None if decided == 0 else self.found / decided

    @property
    def avoided(self) -> float | None:
        """Share of the rejected proposals the extractor no longer makes (None: none rejected)."""
        return None if self.rejected == 0 else (self.rejected - self.repeated) / self.rejected

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "recall": self.recall, "precision": self.precision, "avoided": self.avoided}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Tally:
        return cls(
            **{name: int(data.get(name) or 0) for name in ("accepted", "edited", "found", "rejected", "repeated")}
        )


@dataclass
class Figures:
    """The extractor's figures on the decisions one audience may see."""

    sources: int = 0
    claims: int = 0
    tier: str = ""
    extractor: str = ""
    computed_at: datetime | None = None
    by_kind: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in KINDS})
    by_language: dict[str, dict[str, Tally]] = field(default_factory=dict)

    @property
    def total(self) -> Tally:
        out = Tally()
        for tally in self.by_kind.values():
            out.add(tally)
        return out

    def add(self, language: str, tallies: Mapping[str, Tally]) -> None:
        per_language = self.by_language.setdefault(language, {k: Tally() for k in KINDS})
        for kind, tally in tallies.items():
            self.by_kind[kind].add(tally)
            per_language[kind].add(tally)

    def to_dict(self) -> dict[str, Any]:
        return {
            "sources": self.sources,
            "claims": self.claims,
            "tier": self.tier,
            "extractor": self.extractor,
            "computed_at": None if self.computed_at is None else self.computed_at.isoformat(),
            "total": self.total.to_dict(),
            "by_kind": {k: t.to_dict() for k, t in self.by_kind.items()},
            "by_language": {
                lang: {k: t.to_dict() for k, t in kinds.items()} for lang, kinds in sorted(self.by_language.items())
            },
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Figures:
        at = data.get("computed_at")
        return cls(
            sources=int(data.get("sources") or 0),
            claims=int(data.get("claims") or 0),
            tier=str(data.get("tier") or ""),
            extractor=str(data.get("extractor") or ""),
            computed_at=None if not at else datetime.fromisoformat(str(at)),
            by_kind={k: Tally.from_dict((data.get("by_kind") or {}).get(k) or {}) for k in KINDS},
            by_language={
                str(lang): {k: Tally.from_dict(kinds.get(k) or {}) for k in KINDS}
                for lang, kinds in (data.get("by_language") or {}).items()
            },
        )


@dataclass(frozen=True)
class Decision:
    """A decided claim as the comparison needs it."""

    kind: str
    value: Mapping[str, Any]
    accepted: bool
    edited: bool = False


# ---------------------------------------------------------------------------------------------
# Comparison (no database)


def _keys(names: Iterable[Any]) -> frozenset[str]:
    out: set[str] = set()
    for name in names:
        if isinstance(name, Mapping):
            name = name.get("name") or name.get("text")
        if isinstance(name, str) and name.strip():
            out |= name_keys(name)
    return frozenset(out)


def _same_person(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two sets of name keys name the same person: they share a given name and surname, or,
    when one side is a surname alone, the surname."""
    full_a = {k for k in a if k.startswith("p:")}
    full_b = {k for k in b if k.startswith("p:")}
    if full_a and full_b:
        return bool(full_a & full_b)
    return bool({k for k in a if k.startswith("s:")} & {k for k in b if k.startswith("s:")})


def _person_keys(kind: str, value: Mapping[str, Any]) -> frozenset[str]:
    if kind == "person":
        return _keys([value.get("name"), value.get("name_latin"), *(value.get("names") or [])])
    return _keys([value.get("person_name")])


def _text(value: Any) -> str:
    return " ".join(str(value or "").casefold().split())


def _attribute(kind: str, value: Mapping[str, Any]) -> tuple[str, ...]:
    """What a claim says about its person, beyond the person."""
    if kind == "status":
        return (_text(value.get("status")),)
    if kind == "occupation":
        return (_text(value.get("occupation") or value.get("label")),)
    if kind == "membership":
        return (_text(value.get("organisation") or value.get("organization")), _text(value.get("role")))
    if kind == "honour":
        return (_text(value.get("honour") or value.get("text")),)
    return ()


def _same_event(decided: Mapping[str, Any], proposed: Mapping[str, Any]) -> bool:
    """A proposed event matches a decided one: the same type, and the same date and count where
    the decision gives them; where both name persons, at least one in common."""
    if _text(decided.get("type")) != _text(proposed.get("type")):
        return False
    for name in ("date", "count"):
        if decided.get(name) not in (None, "") and decided.get(name) != proposed.get(name):
            return False
    wanted, named = _keys(decided.get("persons") or []), _keys(proposed.get("persons") or [])
    return not (wanted and named) or _same_person(wanted, named)


def _matches(kind: str, decided: Mapping[str, Any], proposed: Mapping[str, Any]) -> bool:
    if kind == "event":
        return _same_event(decided, proposed)
    if kind != "person" and _attribute(kind, decided) != _attribute(kind, proposed):
        return False
    return _same_person(_person_keys(kind, decided), _person_keys(kind, proposed))


def compare(proposals: Sequence[tuple[str, Mapping[str, Any]]], decisions: Sequence[Decision]) -> dict[str, Tally]:
    """Tallies per kind of one source: ``proposals`` are the extractor's (kind, value) today,
    ``decisions`` the claims editors decided. Each proposal stands for at most one accepted fact
    (two accepted persons are not both found by one proposed name); a rejected claim is repeated
    when any proposal matches it."""
    tallies = {kind: Tally() for kind in KINDS}
    used: set[int] = set()
    for decision in sorted(decisions, key=lambda d: not d.accepted):  # facts take their proposals first
        tally = tallies.get(decision.kind)
        if tally is None:
            continue
        hits = [
            i
            for i, (kind, value) in enumerate(proposals)
            if kind == decision.kind and _matches(kind, decision.value, value)
        ]
        if decision.accepted:
            tally.accepted += 1
            tally.edited += decision.edited
            free = [i for i in hits if i not in used]
            if free:
                used.add(free[0])
                tally.found += 1
        else:
            tally.rejected += 1
            tally.repeated += bool(hits)
    return tallies


# ---------------------------------------------------------------------------------------------
# Reading the registry


def _extractor_version() -> str:
    from letapis.review.ingest import extractor_version

    return extractor_version()


def _decided_claims(user: Viewer) -> Any:
    """The decided claims of the kinds the extractor proposes that ``user`` may see."""
    claims = Claim.objects.filter(state__in=(ClaimState.ACCEPTED, ClaimState.REJECTED), kind__in=KINDS)
    return access.visible_claims(user, claims)


def _edited(claims: Sequence[Claim]) -> set[int]:
    """The accepted claims whose value an editor changed before accepting."""
    actions = ReviewAction.objects.filter(
        claim__in=[c.pk for c in claims if c.state == ClaimState.ACCEPTED],
        decision=ReviewDecision.ACCEPT,
        undone_at__isnull=True,
    ).values_list("claim_id", "before")
    values = {c.pk: c.value for c in claims}
    ignore = {"person_claim", "candidates"}

    def core(value: Any) -> dict[str, Any]:
        return {k: v for k, v in (value or {}).items() if k not in ignore}

    return {claim_id for claim_id, before in actions if core((before or {}).get("value")) != core(values[claim_id])}


def _run(source: Source) -> Any:
    from letapis.extract import extract

    language = source.language if source.language in LANGUAGES else None
    return extract(source.text, document_date=source.date, language=language)


def fingerprint(user: Viewer) -> str:
    """The state of the decisions ``user`` may see (count, last claim, last review) and the
    extractor's version: cached figures are valid while it stays the same."""
    row = _decided_claims(user).aggregate(n=Count("id"), last=Max("id"), at=Max("reviewed_at"))
    at = row["at"].isoformat() if row["at"] is not None else "-"
    return f"{_extractor_version()}:{row['n']}:{row['last'] or 0}:{at}"


def _store() -> Path:
    return Path(getattr(settings, "EXTRACT_EVAL_DIR", None) or Path(settings.DATA_DIR) / "extract-eval")


def _read(tier: str) -> tuple[Figures, str] | None:
    """The figures last kept for ``tier`` and the state they were computed on."""
    try:
        data = json.loads((_store() / f"{tier}.json").read_text(encoding="utf-8"))
        return Figures.from_dict(data["figures"]), str(data["state"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _keep(tier: str, state: str, figures: Figures) -> None:
    """Keep ``figures`` for ``tier`` (written whole, then renamed: a reader never sees half)."""
    folder = _store()
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=folder, prefix=f".{tier}-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump({"state": state, "figures": figures.to_dict()}, out, ensure_ascii=False)
    os.replace(name, folder / f"{tier}.json")


def extraction_figures(user: Viewer, *, use_cache: bool = True) -> Figures:
    """The extractor's figures on the decisions ``user`` may see (None: the public), per kind and
    per language: the ones kept for the user's audience tier when the decisions have not changed
    since (unless ``use_cache`` is false), else computed and kept."""
    tier = access.tier_for(user)
    state = fingerprint(user)
    kept = _read(tier) if use_cache else None
    if kept is not None and kept[1] == state:
        return kept[0]
    figures = Figures(tier=tier, extractor=_extractor_version())
    claims = list(_decided_claims(user).select_related("source").order_by("source_id", "id"))
    edited = _edited(claims)
    readable = set(
        access.visible_sources(user, Source.objects.filter(pk__in={c.source_id for c in claims})).values_list(
            "pk", flat=True
        )
    )
    by_source: dict[int, list[Claim]] = {}
    for claim in claims:
        if claim.source_id in readable and claim.source.text.strip():
            by_source.setdefault(claim.source_id, []).append(claim)
    for source_claims in by_source.values():
        source = source_claims[0].source
        result = _run(source)
        proposals = [(p.kind, p.value.to_json()) for p in proposals_from(result, source.text)]
        decisions = [
            Decision(c.kind, c.value, accepted=c.state == ClaimState.ACCEPTED, edited=c.pk in edited)
            for c in source_claims
        ]
        language = source.language if source.language in LANGUAGES else result.to_dict()["document"]["language"]
        figures.add(str(language or "?"), compare(proposals, decisions))
        figures.sources += 1
        figures.claims += len(decisions)
    figures.computed_at = timezone.now()
    _keep(tier, state, figures)
    return figures


def latest_figures(user: Viewer) -> tuple[Figures | None, bool]:
    """The figures last kept for ``user``'s audience tier, without computing, and whether the
    decisions changed since (a stale answer is still shown, marked)."""
    kept = _read(access.tier_for(user))
    if kept is None:
        return None, False
    return kept[0], kept[1] != fingerprint(user)


__all__ = ["KINDS", "Decision", "Figures", "Tally", "compare", "extraction_figures", "fingerprint", "latest_figures"]
