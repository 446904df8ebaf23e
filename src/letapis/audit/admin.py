from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path

from letapis.access.levels import EVERYTHING, levels_for
from letapis.audit.history import changes
from letapis.audit.models import AuditEntry, ReadRecord
from letapis.audit.registration import hidden_entries
from letapis.audit.verify import history
from letapis.readonly_admin import ReadOnlyAdmin


class _GrantedOnly(ReadOnlyAdmin):
    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        """The raw log (names and before/after values of every record) only for those granted
        confidential records (the superuser flag is no grant); the others read the history of the
        records they may see (:meth:`AuditEntryAdmin.record_history_view`) and the web audit
        page, which hides confidential ones."""
        return super().has_view_permission(request, obj) and levels_for(request.user) == EVERYTHING


@admin.register(AuditEntry)
class AuditEntryAdmin(_GrantedOnly):
    """Read-only: the audit log is appended by the services and never edited."""

    list_display = ("id", "at", "actor_label", "action", "object_type", "object_id", "object_repr")
    list_filter = ("action", "object_type")
    search_fields = ("object_repr", "actor_label", "object_id")

    def get_urls(self) -> list[URLPattern]:
        own = [
            path(
                "record/<str:object_type>/<str:object_id>/",
                self.admin_site.admin_view(self.record_history_view),
                name="audit_auditentry_record",
            )
        ]
        return own + super().get_urls()

    def record_history_view(self, request: HttpRequest, object_type: str, object_id: str) -> HttpResponse:
        """The history of any record (also of one deleted since), from the audit log."""
        if not ReadOnlyAdmin.has_view_permission(self, request):  # the staff permission, without the grant
            raise PermissionDenied
        entries = history(object_type, object_id)
        if len(entries) == 0:
            raise Http404(f"{object_type} {object_id} has no audit entry")
        # a record of a level the user does not read — now, or in any entry, or through the
        # person, event or source it belongs to (even when it is deleted) — is refused whole
        if hidden_entries(request.user, entries):
            raise PermissionDenied
        rows: list[dict[str, Any]] = [{"entry": e, "changes": changes(e)} for e in entries]
        context = {
            **self.admin_site.each_context(request),
            "title": f"History of {object_type} {object_id}",
            "subtitle": entries[-1].object_repr,
            "object_type": object_type,
            "object_id": object_id,
            "rows": rows,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/audit/record_history.html", context)


@admin.register(ReadRecord)
class ReadRecordAdmin(_GrantedOnly):
    """The read audit: who opened which confidential record or export, and when; read-only, for
    staff holding the confidential grant (the superuser flag is no grant)."""

    list_display = ("at", "user_label", "object_type", "object_id", "how")
    list_filter = ("object_type", "how", "user_label")
    search_fields = ("=object_id", "user_label")
    date_hierarchy = "at"

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)
