"""History in words: each audit entry said in a sentence of the page's language ("occupation
*writer* added from source 12 by anna"), with its changes field by field for the diff shown on
demand.

The entries come from :mod:`letapis.read.history` (a person's or an event's history, as the
caller may see it) or from the audit page; a value naming another record (a place, a court, a
source) is shown only when the caller may see that record (:func:`letapis.read.history.shown_links`),
else as if it were empty.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from letapis.accounts.actor import Viewer
from letapis.audit.history import Change
from letapis.audit.models import AuditEntry
from letapis.read.history import Step, shown_links
from letapis.web import common
from letapis.web.naming import FORM_LABELS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

#: Field names in words; a field not listed is shown by its name.
FIELD_LABELS: dict[str, StrOrPromise] = {
    "text": gettext_lazy("text"),
    "form": gettext_lazy("form"),
    "is_primary": gettext_lazy("primary"),
    "code": gettext_lazy("code"),
    "year": gettext_lazy("year"),
    "role": gettext_lazy("role"),
    "start": gettext_lazy("start"),
    "end": gettext_lazy("end"),
    "type": gettext_lazy("type"),
    "date": gettext_lazy("date"),
    "place_id": gettext_lazy("place"),
    "description": gettext_lazy("description"),
    "count": gettext_lazy("count"),
    "foreign_nationals": gettext_lazy("foreign nationals"),
    "destinations": gettext_lazy("destinations"),
    "forced_exile": gettext_lazy("forced exile"),
    "confidentiality": gettext_lazy("confidentiality"),
    "gender": gettext_lazy("gender"),
    "birth_date": gettext_lazy("birth date"),
    "nationalities": gettext_lazy("nationalities"),
    "publishable": gettext_lazy("may appear in public outputs"),
    "contacts": gettext_lazy("contacts"),
    "display_name": gettext_lazy("name"),
    "person_id": gettext_lazy("person"),
    "event_id": gettext_lazy("event"),
    "organisation_id": gettext_lazy("organisation"),
    "articles": gettext_lazy("articles"),
    "case_number": gettext_lazy("case number"),
    "court_id": gettext_lazy("court"),
    "judge_id": gettext_lazy("judge"),
    "sentence_kind": gettext_lazy("regime"),
    "sentence_months": gettext_lazy("term in months"),
    "sentence_date": gettext_lazy("sentence date"),
    "reason": gettext_lazy("reason"),
}

#: The vocabulary of a field's codes, by record type (``None``: any type).
VOCABULARY_OF: dict[tuple[str | None, str], str] = {
    ("registry.occupation", "code"): "occupations",
    ("registry.honour", "code"): "honours",
    ("registry.membership", "role"): "membership_roles",
    ("registry.involvement", "role"): "involvement_roles",
    ("registry.event", "type"): "event_types",
    ("registry.organisation", "kind"): "organisation_kinds",
    ("registry.place", "kind"): "place_kinds",
    ("registry.place", "regime"): "sentence_regimes",
    (None, "sentence_kind"): "sentence_regimes",
}
#: Fields that point to another record (their values are ids).
LINK_FIELDS = frozenset(
    {"person_id", "judge_id", "organisation_id", "court_id", "place_id", "event_id", "sentence_event_id", "parent_id"}
)
#: Keys of an entry that are no field of its record (what a removal or a primary name says beside).
NOT_FIELDS = frozenset({"reason", "replaces"})


def _em(value: Any) -> SafeString:
    return format_html("<em>{}</em>", value)


def _said(template: str, **values: Any) -> SafeString:
    """``template`` (translated, plain text) with its ``%(name)s`` replaced by ``values``, each
    escaped unless already safe."""
    return mark_safe(escape(template) % {k: conditional_escape(v) for k, v in values.items()})  # noqa: S308 — all escaped


class Words:
    """Says the entries of one page: knows the names of the linked records the caller may see."""

    def __init__(self, steps: Iterable[Step], user: Viewer) -> None:
        self.steps = list(steps)
        self.links = shown_links(self.steps, user)
        self.states = _states(self.steps)
        from letapis.web.persons import GENDER_LABELS, LEVEL_LABELS

        self.levels = LEVEL_LABELS
        self.genders = GENDER_LABELS

    def value(self, object_type: str, field: str, value: Any) -> str:
        """A field's value in words ("—" for nothing, or for a record the caller may not see)."""
        if value is None or value == "" or value == []:
            return "—"
        if field in LINK_FIELDS:
            return self.links.get((field, value), "—") if isinstance(value, int) else "—"
        if field == "confidentiality":
            return str(self.levels.get(value, value))
        if field == "gender":
            return str(self.genders.get(value, value))
        if field == "form":
            return str(FORM_LABELS.get(value, value))
        vocab = VOCABULARY_OF.get((object_type, field)) or VOCABULARY_OF.get((None, field))
        if vocab is not None and isinstance(value, str):
            return common.label(vocab, value)
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return str(value)

    def subject(self, entry: AuditEntry, state: Mapping[str, Any]) -> SafeString:
        """What the entry is about, in words: "occupation *writer*"."""
        kind = entry.object_type
        get = state.get
        if kind == "registry.person":  # by the name shown now: an older one may be hidden since
            shown = self.links.get(("person_id", int(entry.object_id)), "—") if entry.object_id.isdigit() else "—"
            return _said(_("person %(name)s"), name=_em(shown))
        if kind == "registry.namevariant":
            return _said(_("name %(name)s"), name=_em(get("text", entry.object_repr)))
        if kind == "registry.occupation":
            return _said(_("occupation %(label)s"), label=_em(self.value(kind, "code", get("code"))))
        if kind == "registry.honour":
            label = self.value(kind, "code", get("code")) if get("code") else get("text", "")
            return _said(_("honour %(label)s"), label=_em(label))
        if kind == "registry.membership":
            return _said(
                _("membership: %(role)s of %(organisation)s"),
                role=_em(self.value(kind, "role", get("role"))),
                organisation=_em(self.value(kind, "organisation_id", get("organisation_id"))),
            )
        if kind == "registry.note":
            return _said(_("a note"))
        if kind == "registry.externalid":
            return _said(_("identifier %(id)s"), id=_em(f"{get('scheme', '')}:{get('value', '')}"))
        if kind == "registry.involvement":
            return _said(
                _("%(person)s as %(role)s in %(event)s"),
                person=_em(self.value(kind, "person_id", get("person_id"))),
                role=self.value(kind, "role", get("role")),
                event=_em(self.value(kind, "event_id", get("event_id"))),
            )
        if kind == "registry.criminalcase":
            label = ", ".join(get("articles") or []) or get("case_number") or entry.object_id
            return _said(_("criminal case %(label)s"), label=_em(label))
        if kind == "registry.event":
            label = f"{self.value(kind, 'type', get('type'))} {get('date') or ''}".strip()
            return _said(_("event %(label)s"), label=_em(label))
        return _said("%(type)s %(id)s", type=type_label(entry.object_type), id=entry.object_id)

    def sentence(self, step: Step) -> SafeString:
        """The entry in a sentence of the page's language."""
        entry = step.entry
        state = self.states.get(entry.pk, {})
        what = self.subject(entry, state)
        who = _em(entry.actor_label)
        verb = entry.action.rsplit(".", 1)[-1]
        after = entry.after if isinstance(entry.after, dict) else {}
        before = entry.before if isinstance(entry.before, dict) else {}
        if verb in ("create", "add", "record"):
            if step.sources:
                listed = ", ".join(str(pk) for pk in step.sources)
                return _said(_("%(what)s added from source %(sources)s by %(who)s"), what=what, sources=listed, who=who)
            return _said(_("%(what)s added by %(who)s"), what=what, who=who)
        if verb == "delete":
            if after.get("reason"):
                return _said(_("%(what)s removed by %(who)s: %(reason)s"), what=what, who=who, reason=after["reason"])
            return _said(_("%(what)s removed by %(who)s"), what=what, who=who)
        if verb == "primary":
            replaces = after.get("replaces")
            old = self.links.get(("name", replaces)) if isinstance(replaces, int) else None
            new = _em(state.get("text", entry.object_repr))
            if old is None:
                return _said(_("%(new)s made the primary name by %(who)s"), new=new, who=who)
            return _said(_("primary name changed from %(old)s to %(new)s by %(who)s"), old=_em(old), new=new, who=who)
        if verb == "confidentiality":
            return _said(
                _("%(what)s: confidentiality changed from %(old)s to %(new)s by %(who)s"),
                what=what,
                old=self.value(entry.object_type, "confidentiality", before.get("confidentiality")),
                new=self.value(entry.object_type, "confidentiality", after.get("confidentiality")),
                who=who,
            )
        if verb in ("merge", "unmerge"):
            return _said(_("%(what)s moved by a merge of persons, by %(who)s"), what=what, who=who)
        if verb == "update":
            fields = [c for c in self.changes(step) if c["field"] not in NOT_FIELDS]
            if len(fields) == 1:
                return _said(
                    _("%(field)s of %(what)s changed from %(old)s to %(new)s by %(who)s"),
                    field=fields[0]["label"],
                    what=what,
                    old=_em(fields[0]["before"]),
                    new=_em(fields[0]["after"]),
                    who=who,
                )
            listed = ", ".join(str(c["label"]) for c in fields)
            return _said(_("%(what)s changed by %(who)s: %(fields)s"), what=what, who=who, fields=listed)
        return _said(_("%(what)s: %(action)s by %(who)s"), what=what, action=entry.action, who=who)

    def changes(self, step: Step) -> list[dict[str, Any]]:
        """The changes of an entry in words: field label, before, after (a change only to records
        the caller may not see is left out)."""
        kind = step.entry.object_type
        out = []
        for change in step.changes:
            if change.field in NOT_FIELDS and change.field != "reason":
                continue
            old, new = self.value(kind, change.field, change.before), self.value(kind, change.field, change.after)
            if old == new:
                continue
            out.append(
                {
                    "field": change.field,
                    "label": FIELD_LABELS.get(change.field, change.field.replace("_", " ")),
                    "before": old if step.entry.before is not None else "",
                    "after": new,
                }
            )
        return out

    def rows(self) -> list[dict[str, Any]]:
        """Each step as the history template shows it."""
        return [
            {"entry": step.entry, "sentence": self.sentence(step), "changes": self.changes(step)} for step in self.steps
        ]


def type_label(object_type: str) -> str:
    """A record type in words: its model's name ("TOTP device"), else the type as logged."""
    from django.apps import apps

    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type


def _states(steps: list[Step]) -> dict[int, dict[str, Any]]:
    """For each entry, the state of its record as its entries up to it tell (a removal: the
    state it removed), so that a level change or a removal can name what it was about."""
    states: dict[int, dict[str, Any]] = {}
    folded: dict[tuple[str, str], dict[str, Any]] = {}
    for step in sorted(steps, key=lambda s: s.entry.pk):
        entry = step.entry
        key = (entry.object_type, entry.object_id)
        state = folded.setdefault(key, {})
        for side in (entry.before, entry.after):
            if isinstance(side, dict):
                state.update({k: v for k, v in side.items() if k not in ("reason", "replaces")})
        states[entry.pk] = dict(state)
    return states


def primary_names(steps: Iterable[Step]) -> dict[tuple[str, int], str]:
    """The texts of the names the steps show, by ``("name", id)``: what a change of the primary
    name says it replaced (only a name whose entries the caller may read)."""
    found: dict[tuple[str, int], str] = {}
    for step in steps:
        if step.entry.object_type == "registry.namevariant" and step.entry.object_id.isdigit():
            for side in (step.entry.before, step.entry.after):
                if isinstance(side, dict) and isinstance(side.get("text"), str):
                    found[("name", int(step.entry.object_id))] = side["text"]
    return found


def history_rows(steps: Iterable[Step], user: Viewer) -> list[dict[str, Any]]:
    """The steps of a history in words, newest first."""
    words = Words(steps, user)
    words.links.update(primary_names(words.steps))  # ("name", id) beside the fields' keys
    return words.rows()


__all__ = ["Change", "Words", "history_rows", "type_label"]
