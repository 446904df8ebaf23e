"""Merging two person records that are one person, and undoing it exactly.

:func:`do_merge_persons` makes ``merge`` a part of ``keep``:

* every **name** of ``merge`` is added to ``keep`` (not primary; a name ``keep`` has already is
  not added twice). The names of ``merge`` stay on its own record too, so that the record still
  reads as it did and the claims about its names still point at them;
* every **occupation, honour, membership, external id, involvement** (and so every event),
  **criminal case** (as the accused or as the judge), **note** and **claim** of ``merge`` is
  moved to ``keep``. An occupation or a membership ``keep`` has already (same code; same
  organisation and role) stays on ``merge``: the registry allows one of each per person;
* ``keep`` takes what ``merge`` knows and ``keep`` does not (gender, birth date), every
  nationality of both, the stricter confidentiality of the two, and is publishable only if both
  were (publishing is a safety decision; the merge never widens it);
* ``merge`` points at ``keep`` (``merged_into``): lists, search and lookups leave it out, and the
  review queue refuses to link claims to it;
* the status spans of both are recomputed, and every change is written to the audit log: one
  entry per moved row, and one ``person.merge`` entry whose id is the **merge id** and whose
  ``after`` holds the list of what moved (the manifest).

:func:`do_unmerge_persons` reads that manifest and puts every row back where it was, removes the
names it added, restores ``keep``'s fields and clears ``merged_into`` — each change again with its
audit entry — so that ``letapis audit verify`` finds the registry intact after both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction

from letapis import access
from letapis.accounts.actor import Actor
from letapis.audit.log import record, snapshot
from letapis.audit.models import AuditEntry
from letapis.registry.models import (
    Claim,
    Confidentiality,
    CriminalCase,
    ExternalId,
    Honour,
    Involvement,
    Membership,
    NameKey,
    NameVariant,
    Note,
    Occupation,
    Person,
)
from letapis.registry.services.common import ServiceError, bump
from letapis.registry.services.persons import do_add_name
from letapis.registry.spans import refresh_spans

MERGE_ACTION = "person.merge"
UNMERGE_ACTION = "person.unmerge"

_STRICTNESS = {Confidentiality.PUBLIC: 0, Confidentiality.INTERNAL: 1, Confidentiality.CONFIDENTIAL: 2}


@dataclass(frozen=True)
class _Movable:
    """One kind of row that moves from ``merge`` to ``keep`` through one foreign key."""

    key: str  # the manifest's name for it
    model: type[models.Model]
    field: str  # the foreign key to Person
    unique_with: tuple[str, ...] = ()  # with ``field``, a unique constraint: duplicates stay

    def rows(self, person: Person) -> models.QuerySet[Any]:
        return self.model._default_manager.filter(**{self.field: person}).order_by("pk")


MOVABLE: tuple[_Movable, ...] = (
    _Movable("occupations", Occupation, "person", ("code",)),
    _Movable("honours", Honour, "person"),
    _Movable("memberships", Membership, "person", ("organisation_id", "role")),
    _Movable("external_ids", ExternalId, "person"),
    _Movable("involvements", Involvement, "person"),
    _Movable("criminal_cases", CriminalCase, "person"),
    _Movable("judged_cases", CriminalCase, "judge"),
    _Movable("notes", Note, "person"),
    _Movable("claims", Claim, "person"),
)


@dataclass(frozen=True)
class MergeResult:
    """What a merge (or its undo) did, for the caller to show."""

    merge_id: int
    keep: Person
    other: Person
    names_added: int
    moved: dict[str, int]
    stayed: dict[str, int]
    keep_changes: dict[str, tuple[Any, Any]]

    def summary(self) -> str:
        moved = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in self.moved.items() if n > 0) or "nothing else"
        text = f"names added: {self.names_added}; moved: {moved}"
        stayed = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in self.stayed.items() if n > 0)
        if stayed != "":
            text += f"; already on #{self.keep.pk}, left on #{self.other.pk}: {stayed}"
        return text


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _locked(person: Person) -> Person:
    return Person.objects.select_for_update().get(pk=person.pk)


def _levels(actor: Actor) -> tuple[str, ...]:
    return access.EVERYTHING if actor is None else access.levels_for(actor)


def _in_sight(actor: Actor, person: Person) -> None:
    """Refuse a person ``actor`` may not see, with the answer given for no such person (merged
    persons included: their own level decides)."""
    if person.confidentiality not in _levels(actor) or (
        actor is not None and access.is_public_only(actor) and not person.publishable
    ):
        raise ServiceError(f"no person {person.pk}")


def _shown_count(actor: Actor, model: type[models.Model], pks: Sequence[int]) -> int:
    """How many of the rows ``pks`` ``actor`` may see: what a merge tells them it moved."""
    return model._default_manager.filter(pk__in=list(pks), confidentiality__in=_levels(actor)).count()


def _move(
    actor: Actor,
    movable: _Movable,
    pks: Sequence[int],
    source: Person,
    target: Person,
    action: str,
    follow: Sequence[int] = (),
) -> int:
    """Point the rows ``pks`` of ``movable`` from ``source`` at ``target``, one audit entry each;
    the claims ``follow`` (which support the person record ``source`` itself) point their
    ``record_id`` at ``target`` too."""
    attname = f"{movable.field}_id"
    rows = list(movable.model._default_manager.filter(pk__in=list(pks)).order_by("pk"))
    following = {pk for pk in follow} if movable.model is Claim else set()
    for row in rows:
        before: dict[str, Any] = {attname: source.pk}
        after: dict[str, Any] = {attname: target.pk}
        if row.pk in following:
            before["record_id"], after["record_id"] = source.pk, target.pk
        record(actor, action, row, before=before, after=after)
    movable.model._default_manager.filter(pk__in=[row.pk for row in rows]).update(**{attname: target.pk})
    if len(following) > 0:
        Claim.objects.filter(pk__in=following).update(record_id=target.pk)
    return len(rows)


@transaction.atomic
def do_merge_persons(actor: Actor, keep: Person, merge: Person) -> MergeResult:
    """Merge the person ``merge`` into ``keep`` (see the module's description); returns what
    was done, with the merge id that :func:`do_unmerge_persons` takes."""
    if keep.pk == merge.pk:
        raise ServiceError("a person cannot be merged into itself")
    keep, merge = _locked(keep), _locked(merge)
    for person in (keep, merge):
        _in_sight(actor, person)
    for person in (keep, merge):
        if person.merged_into_id is not None:
            raise ServiceError(
                f"person {person.pk} ({person.display_name}) was merged into person {person.merged_into_id} already"
            )
    bump(keep, None)
    bump(merge, None)

    # names: added to keep, kept on merge
    keep_texts = set(NameVariant.objects.filter(person=keep).values_list("text", flat=True))
    added: list[int] = []
    for variant in NameVariant.objects.filter(person=merge).order_by("-is_primary", "pk"):
        if variant.text not in keep_texts:
            # never more open than it was: a name of a stricter person keeps that person's level
            level = access.strictest(variant.confidentiality, merge.confidentiality)
            added.append(do_add_name(actor, keep, variant.text, form=variant.form, confidentiality=level).pk)
            keep_texts.add(variant.text)

    # rows that move
    moved: dict[str, list[int]] = {}
    stayed: dict[str, int] = {}
    follow: list[int] = []  # claims that support the record of ``merge`` itself
    for movable in MOVABLE:
        taken: set[tuple[Any, ...]] = set()
        if movable.unique_with:
            taken = set(movable.rows(keep).values_list(*movable.unique_with))
        pks: list[int] = []
        left = 0
        for pk, *values in movable.rows(merge).values_list("pk", *movable.unique_with):
            if movable.unique_with and tuple(values) in taken:
                left += 1
            else:
                pks.append(pk)
        if movable.model is Claim:
            follow = list(
                Claim.objects.filter(pk__in=pks, record_type=_label(Person), record_id=merge.pk).values_list(
                    "pk", flat=True
                )
            )
        _move(actor, movable, pks, merge, keep, f"{movable.model._meta.model_name}.merge", follow)
        moved[movable.key] = pks
        stayed[movable.key] = left

    # keep's own fields
    before = snapshot(keep)
    changes: dict[str, Any] = {}
    if keep.gender == "" and merge.gender != "":
        changes["gender"] = merge.gender
    if keep.birth_date == "" and merge.birth_date != "":
        changes["birth_date"] = merge.birth_date
    nationalities = list(keep.nationalities) + [c for c in merge.nationalities if c not in keep.nationalities]
    if nationalities != list(keep.nationalities):
        changes["nationalities"] = nationalities
    if _STRICTNESS.get(merge.confidentiality, 2) > _STRICTNESS.get(keep.confidentiality, 2):
        changes["confidentiality"] = merge.confidentiality
    if keep.publishable and not merge.publishable:
        changes["publishable"] = False
    for field, value in changes.items():
        setattr(keep, field, value)
    keep.save(update_fields=[*changes, "version", "updated_at"])
    if len(changes) > 0:
        record(
            actor,
            "person.update",
            keep,
            before={f: before[f] for f in changes},
            after={f: snapshot(keep)[f] for f in changes},
        )

    merge.merged_into = keep
    merge.save(update_fields=["merged_into", "version", "updated_at"])
    manifest = {
        "keep": keep.pk,
        "names_added": added,
        "moved": moved,
        "claims_following": follow,
        "keep_before": {f: before[f] for f in changes},
    }
    entry = record(
        actor,
        MERGE_ACTION,
        merge,
        before={"merged_into_id": None},
        after={"merged_into_id": keep.pk, "merge": manifest},
        object_repr=f"{merge.display_name} → {keep.display_name}",
    )
    refresh_spans([keep.pk, merge.pk])
    by_key = {m.key: m.model for m in MOVABLE}
    return MergeResult(
        entry.pk,
        keep,
        merge,
        _shown_count(actor, NameVariant, added),
        {k: _shown_count(actor, by_key[k], v) for k, v in moved.items()},
        stayed,
        {f: (before[f], getattr(keep, f)) for f in changes},
    )


def merge_entry(merge_id: int) -> AuditEntry:
    """The audit entry of the merge ``merge_id``, or a :class:`ServiceError`."""
    entry = AuditEntry.objects.filter(pk=merge_id, action=MERGE_ACTION).first()
    if entry is None:
        raise ServiceError(f"there is no merge {merge_id}: give the merge id that letapis merge printed")
    return entry


def undo_entry(merge_id: int) -> AuditEntry | None:
    """The entry that undid the merge ``merge_id``, if it was undone."""
    for entry in AuditEntry.objects.filter(action=UNMERGE_ACTION).order_by("-id").iterator():
        if isinstance(entry.after, dict) and entry.after.get("unmerge") == merge_id:
            return entry
    return None


@transaction.atomic
def do_unmerge_persons(actor: Actor, merge_id: int) -> MergeResult:
    """Undo the merge ``merge_id`` exactly: every moved row goes back, the added names are
    removed, ``keep``'s fields are restored and ``merged_into`` is cleared.

    Refused when it was undone already, when ``keep`` was merged into a third person since (undo
    that merge first), or when a moved row was given to yet another person since; rows deleted
    since are not restored (their deletion is in the audit log)."""
    entry = merge_entry(merge_id)
    manifest = entry.after.get("merge") if isinstance(entry.after, dict) else None
    if not isinstance(manifest, dict):
        raise ServiceError(f"merge {merge_id} has no list of what moved: it cannot be undone")
    if undo_entry(merge_id) is not None:
        raise ServiceError(f"merge {merge_id} was undone already")
    other = Person.objects.select_for_update().filter(pk=int(entry.object_id)).first()
    keep = Person.objects.select_for_update().filter(pk=int(manifest["keep"])).first()
    if other is None or keep is None:
        raise ServiceError(f"a person of merge {merge_id} was deleted since: it cannot be undone")
    _in_sight(actor, other)
    _in_sight(actor, keep)
    if other.merged_into_id != keep.pk:
        raise ServiceError(f"person {other.pk} is no longer merged into person {keep.pk}: nothing to undo")
    if keep.merged_into_id is not None:
        later = (
            AuditEntry.objects.filter(action=MERGE_ACTION, object_id=str(keep.pk), id__gt=merge_id)
            .values_list("pk", flat=True)
            .last()
        )
        raise ServiceError(
            f"person {keep.pk} was merged into person {keep.merged_into_id} since"
            + (f" (merge {later})" if later is not None else "")
            + ": undo that merge first"
        )
    moved: dict[str, list[int]] = manifest.get("moved", {})
    # check everything before changing anything
    for movable in MOVABLE:
        pks = moved.get(movable.key, [])
        elsewhere = (
            movable.model._default_manager.filter(pk__in=pks).exclude(**{f"{movable.field}_id": keep.pk}).count()
        )
        if elsewhere > 0:
            raise ServiceError(
                f"{elsewhere} of the {movable.key.replace('_', ' ')} moved by merge {merge_id} belong to another "
                "person since: move them back to the kept person first"
            )
    added = list(NameVariant.objects.filter(pk__in=manifest.get("names_added", []), person=keep))
    if any(v.is_primary for v in added):
        raise ServiceError(
            f"a name added by merge {merge_id} is now the primary name of person {keep.pk}: "
            "make one of its own names primary first"
        )
    bump(keep, None)
    bump(other, None)

    back: dict[str, int] = {}
    for movable in MOVABLE:
        pks = moved.get(movable.key, [])
        follow = manifest.get("claims_following", []) if movable.model is Claim else []
        _move(actor, movable, pks, keep, other, f"{movable.model._meta.model_name}.unmerge", follow)
        back[movable.key] = _shown_count(actor, movable.model, pks)
    for variant in added:
        record(actor, "name.delete", variant, before=snapshot(variant))
        NameKey.objects.filter(variant=variant).delete()
        variant.delete()

    restore: dict[str, Any] = manifest.get("keep_before", {})
    before = snapshot(keep)
    for field, value in restore.items():
        setattr(keep, field, value)
    keep.save(update_fields=[*restore, "version", "updated_at"])
    if len(restore) > 0:
        record(actor, "person.update", keep, before={f: before[f] for f in restore}, after=dict(restore))

    other.merged_into = None
    other.save(update_fields=["merged_into", "version", "updated_at"])
    undo = record(
        actor,
        UNMERGE_ACTION,
        other,
        before={"merged_into_id": keep.pk},
        after={"merged_into_id": None, "unmerge": merge_id},
        object_repr=f"{other.display_name} ← {keep.display_name}",
    )
    refresh_spans([keep.pk, other.pk])
    return MergeResult(
        undo.pk,
        keep,
        other,
        -_shown_count(actor, NameVariant, [v.pk for v in added]),
        back,
        {},
        {f: (before[f], restore[f]) for f in restore},
    )
