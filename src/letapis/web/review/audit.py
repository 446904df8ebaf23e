"""The audit page (admins): recent entries, a filter by object, one record's history, and the
check of the chain and the records (:func:`letapis.audit.verify.verify`).

Entries keep what changed, and a change to a confidential record holds confidential values: an
admin without the confidential grant (superusers included) sees such an entry's who/when/what,
but not its object's name nor its before/after (:func:`letapis.access.hidden_audit_keys`).
"""

from __future__ import annotations

import re
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from letapis import access
from letapis.accounts.actor import Viewer
from letapis.audit.models import AuditEntry
from letapis.audit.verify import history, verify
from letapis.read.history import described
from letapis.registry.models import Confidentiality, Person
from letapis.web import common
from letapis.web.access import role_required, user_or_none
from letapis.web.history import history_rows, type_label

PER_PAGE = 50


def _rows(user: Viewer, entries: list[AuditEntry]) -> list[dict[str, Any]]:
    """Each entry in words, with its changes for the diff on demand; an entry about a record the
    user may not read says only who did what when."""
    hidden = access.hidden_audit_keys(user, entries)
    readable = [e for e in entries if (e.object_type, e.object_id) not in hidden]
    said = {row["entry"].pk: row for row in history_rows(described(readable, user), user)}
    rows = []
    for entry in entries:
        row = said.get(entry.pk)
        rows.append(
            {
                "entry": entry,
                "secret": row is None,
                "type": type_label(entry.object_type),
                "repr": _("(confidential)") if row is None else "",  # the sentence names it
                "sentence": None if row is None else row["sentence"],
                "changes": [] if row is None else row["changes"],
            }
        )
    return rows


@require_GET
@role_required("admin")
def audit(request: HttpRequest) -> HttpResponse:
    """Recent entries, newest first; ``type`` and ``id`` narrow to one record (its history,
    oldest first), ``actor`` and ``action`` to who and what."""
    user = user_or_none(request)
    object_type = request.GET.get("type", "").strip()[:80]
    object_id = request.GET.get("id", "").strip()[:64]
    actor = request.GET.get("actor", "").strip()[:150]
    action = request.GET.get("action", "").strip()[:80]
    one_record = object_type != "" and object_id != ""
    if one_record:
        entries: Any = history(object_type, object_id)
    else:
        entries = AuditEntry.objects.order_by("-id")
        if object_type != "":
            entries = entries.filter(object_type=object_type)
        if object_id != "":
            entries = entries.filter(object_id=object_id)
        if actor != "":
            entries = entries.filter(actor_label=actor)
        if action != "":
            entries = entries.filter(action__startswith=action)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    types = list(AuditEntry.objects.order_by("object_type").values_list("object_type", flat=True).distinct())
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "web/review/audit.html",
        {
            "rows": _rows(user, list(page.object_list)),
            "page": page,
            "pager": common.pager(request, page),
            "types": [(t, type_label(t)) for t in types],
            "filters": {"type": object_type, "id": object_id, "actor": actor, "action": action},
            "one_record": one_record,
            "query": params.urlencode(),
        },
    )


@require_POST
@role_required("admin")
def audit_verify(request: HttpRequest) -> HttpResponse:
    """Check the hash chain and every audited record against it; show what does not fit."""
    report = verify(limit=50)
    problems = [(p.kind, p.text) for p in report.problems]
    if Confidentiality.CONFIDENTIAL not in access.levels_for(user_or_none(request)):
        problems = [(kind, _hide_names(kind, text)) for kind, text in problems]
    return render(request, "web/review/audit_verify.html", {"report": report, "problems": problems})


_DERIVED_PERSON = re.compile(r"registry\.person (\d+) is shown as")


def _hide_names(kind: str, text: str) -> str:
    """A ``derived`` problem quotes a person's names: hidden when the person is confidential."""
    found = _DERIVED_PERSON.match(text) if kind == "derived" else None
    if found is None:
        return text
    if not Person.objects.filter(pk=int(found.group(1)), confidentiality=Confidentiality.CONFIDENTIAL).exists():
        return text
    return _("registry.person %(id)s: the name shown differs from its primary name (confidential: names hidden)") % {
        "id": found.group(1)
    }
