"""What the registry registers with the audit log (:mod:`letapis.audit.registration`).

Every row of the registry's models must be explained by audit entries, but for the derived data
rebuilt from audited records (name keys, status spans). A person's ``display_name`` and
``name_key`` and a name's ``is_primary`` are kept in step by the services with the person's
names rather than with entries of their own; :func:`check_person_names` checks them against
those names. Who may read which entry is :func:`letapis.access.hidden_audit_keys`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from letapis import access
from letapis.audit.registration import AuditedApp, audit_app, hide_entries
from letapis.names.collation import sort_key
from letapis.registry.models import NameVariant, Person

#: Persons are read this many at a time.
BATCH = 2000


def check_person_names(problem: Callable[[str, str], None], limit: int) -> None:
    """Each person's ``display_name`` is the text of its one primary name (persons without names
    are skipped), and its ``name_key`` is the sort key of that name (letapis.names.collation)."""
    found = 0
    last = 0
    while found < limit:
        persons = list(
            Person.objects.filter(id__gt=last).order_by("id").values_list("id", "display_name", "name_key")[:BATCH]
        )
        if len(persons) == 0:
            return
        last = persons[-1][0]
        primaries: dict[int, list[str]] = defaultdict(list)
        named: set[int] = set()
        for person_id, text, primary in NameVariant.objects.filter(person_id__in=[p[0] for p in persons]).values_list(
            "person_id", "text", "is_primary"
        ):
            named.add(person_id)
            if primary:
                primaries[person_id].append(text)
        for person_id, display, key in persons:
            texts = primaries.get(person_id, [])
            if person_id in named and texts != [display]:
                shown = "none" if len(texts) == 0 else ", ".join(repr(t) for t in texts)
                problem(
                    "derived",
                    f"registry.person {person_id} is shown as {display!r} but its primary name is "
                    f"{shown}: changed behind the services' back",
                )
                found += 1
            elif key != sort_key(display)[:400]:  # one problem a person: a changed name has a stale key
                problem("derived", f"registry.person {person_id} has a name_key that is not its name's")
                found += 1


def register() -> None:
    """Register the registry with the audit log (from ``RegistryConfig.ready``)."""
    audit_app(
        AuditedApp(
            label="registry",
            not_audited=frozenset({"registry.namekey", "registry.statusspan"}),
            derived={
                # the primary name's text, and its alphabetical sort key (check_person_names)
                "registry.person": frozenset({"display_name", "name_key"}),
                "registry.namevariant": frozenset({"is_primary"}),  # one primary per person
            },
            check_derived=check_person_names,
        )
    )
    hide_entries(access.hidden_audit_keys)
