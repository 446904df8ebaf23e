"""The Django admin, for data entry by editors.

Every save and delete made here, of a record or of an inline, goes through the services
(:mod:`letapis.registry.services.records`), which check it as the other services check their
input and write the audit log in the same transaction; a refusal is shown as a message.
Every list, change page, search, inline, choice of a related record and delete
confirmation holds only what the user's levels let them read (:class:`WithinLevels`): the
superuser flag grants the admin's permissions, never confidential records.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import NestedObjects
from django.db import router, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from letapis import access
from letapis.accounts.actor import Actor
from letapis.registry import models as m
from letapis.registry.services import EVENT_EDITABLE, ServiceError, partial_date
from letapis.registry.services.records import do_delete_record, do_save_record
from letapis.vocab import vocabulary


def _vocab_choices(name: str) -> list[tuple[str, str]]:
    return [("", "—")] + [(t.code, t.label("en")) for t in vocabulary(name)]


def _actor(request: HttpRequest) -> Actor:
    """Who acts in the admin (signed in, as the admin site requires)."""
    return request.user if request.user.is_authenticated else None


class WithinLevels:
    """For a ModelAdmin or an inline: its records, and the related records offered in its forms,
    restricted to those the user may read (:func:`letapis.access.within_levels`)."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return access.within_levels(request.user, super().get_queryset(request))  # type: ignore[misc]  # a mixin

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]  # a mixin
        if field is not None and getattr(field, "queryset", None) is not None:
            field.queryset = access.within_levels(request.user, field.queryset)
        return field


class AuditedAdmin(WithinLevels, admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    """Writes an audit entry for every change, and for every inline change, made in the admin."""

    def history_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> HttpResponse:
        """The "History" button of a change page shows the record's audit log, not the admin's own."""
        label = self.model._meta.label_lower
        return HttpResponseRedirect(reverse("admin:audit_auditentry_record", args=[label, object_id]))

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> Any:
        """A delete that would take records the user may not read with it (a confidential note
        of a public person) is refused, and the confirmation page does not list them."""
        deleted, counts, needed, protected = super().get_deleted_objects(objs, request)
        collector = NestedObjects(using=router.db_for_write(self.model))
        collector.collect(list(objs))
        for model, instances in collector.model_objs.items():
            pks = [o.pk for o in instances]
            # django-stubs types the keys of model_objs as labels; they are the model classes
            manager = model._default_manager  # type: ignore[attr-defined]  # see above
            if access.within_levels(request.user, manager.filter(pk__in=pks)).count() < len(pks):
                return [], {}, {"records you may not read"}, []
        return deleted, counts, needed, protected

    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return _refusals_as_messages(self, request, super().changeform_view, *args, **kwargs)

    def delete_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return _refusals_as_messages(self, request, super().delete_view, *args, **kwargs)

    def changelist_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return _refusals_as_messages(self, request, super().changelist_view, *args, **kwargs)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        do_save_record(_actor(request), obj)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        do_delete_record(_actor(request), obj)

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            do_delete_record(_actor(request), obj)

    @transaction.atomic
    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            do_delete_record(_actor(request), obj)
        for obj in instances:
            do_save_record(_actor(request), obj)
        formset.save_m2m()


def _refusals_as_messages(
    admin_: admin.ModelAdmin[Any], request: HttpRequest, view: Any, *args: Any, **kwargs: Any
) -> HttpResponse:
    """Run an admin view; a :class:`ServiceError` from the services (the view's transaction is
    rolled back) becomes an error message on the page it came from."""
    try:
        response: HttpResponse = view(request, *args, **kwargs)
    except ServiceError as exc:
        admin_.message_user(request, str(exc), messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())
    return response


def _check_partial_date(value: str) -> str:
    try:
        partial_date(value)
    except ServiceError as exc:
        raise forms.ValidationError(str(exc)) from exc
    return value


class NameVariantInline(WithinLevels, admin.TabularInline):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    model = m.NameVariant
    fields = ("text", "form", "is_primary", "script", "language")
    readonly_fields = ("script", "language")
    extra = 1


class OccupationForm(forms.ModelForm):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    code = forms.ChoiceField(choices=lambda: _vocab_choices("occupations"))

    class Meta:
        model = m.Occupation
        fields = ("code", "confidentiality")


class OccupationInline(WithinLevels, admin.TabularInline):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    model = m.Occupation
    form = OccupationForm
    extra = 1


class MembershipInline(WithinLevels, admin.TabularInline):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    model = m.Membership
    extra = 0
    autocomplete_fields = ("organisation",)


class InvolvementInline(WithinLevels, admin.TabularInline):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    model = m.Involvement
    extra = 1
    autocomplete_fields = ("person", "organisation")


class PersonInvolvementInline(InvolvementInline):
    autocomplete_fields = ("event", "organisation")


class NoteInline(WithinLevels, admin.StackedInline):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    model = m.Note
    extra = 0
    fields = ("text", "confidentiality")


class HonourInline(WithinLevels, admin.TabularInline):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    model = m.Honour
    extra = 0


class VersionedForm(forms.ModelForm):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    """A change form that carries the version it was read at (a hidden field) and refuses to save
    over a newer one: two editors saving the same record, the second is told to reload instead of
    silently undoing the first's change. The admin runs the whole request in one transaction, so
    the row stays locked from this check to the save."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or self.cleaned_data  # a model form returns its data
        if self.instance.pk is not None:
            current = type(self.instance).objects.select_for_update().get(pk=self.instance.pk).version
            if cleaned.get("version") != current:
                raise forms.ValidationError(
                    f"Someone else changed this record while you edited it (version {current}, you edited "
                    f"version {cleaned.get('version')}). Open it again and redo your change.",
                    code="conflict",
                )
        return cleaned


class PersonForm(VersionedForm):
    class Meta:
        model = m.Person
        fields = ("display_name", "gender", "birth_date", "nationalities", "confidentiality", "publishable", "version")

    def clean_birth_date(self) -> str:
        return _check_partial_date(self.cleaned_data["birth_date"])


@admin.register(m.Person)
class PersonAdmin(AuditedAdmin):
    form = PersonForm
    list_display = ("display_name", "gender", "confidentiality", "publishable", "updated_at")
    list_filter = ("confidentiality", "publishable", "gender", "occupations__code")
    search_fields = ("display_name", "names__text", "names__search_text")
    inlines = [NameVariantInline, OccupationInline, MembershipInline, HonourInline, PersonInvolvementInline, NoteInline]


class EventForm(VersionedForm):
    type = forms.ChoiceField(choices=lambda: _vocab_choices("event_types"))

    class Meta:
        model = m.Event
        fields = ("version", *EVENT_EDITABLE, "parent")

    def clean_date(self) -> str:
        return _check_partial_date(self.cleaned_data["date"])


@admin.register(m.Event)
class EventAdmin(AuditedAdmin):
    form = EventForm
    list_display = ("type", "date", "place", "count", "parent", "confidentiality")
    list_filter = ("type", "confidentiality", "forced_exile")
    search_fields = ("description", "involvements__person__display_name", "date")
    date_hierarchy = "date_latest"
    inlines = [InvolvementInline, NoteInline]
    autocomplete_fields = ("place", "parent")


@admin.register(m.Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ("name", "kind", "country", "confidentiality")
    list_filter = ("kind", "country")
    search_fields = ("name",)


@admin.register(m.Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ("person", "organisation", "role", "start", "end")
    list_filter = ("role", ("organisation", admin.RelatedOnlyFieldListFilter))
    search_fields = ("person__display_name", "organisation__name")
    autocomplete_fields = ("person", "organisation")


@admin.register(m.Place)
class PlaceAdmin(AuditedAdmin):
    list_display = ("name", "kind", "country", "parent")
    list_filter = ("kind", "country")
    search_fields = ("name",)
    autocomplete_fields = ("parent",)


@admin.register(m.Involvement)
class InvolvementAdmin(AuditedAdmin):
    list_display = ("event", "person", "organisation", "role")
    list_filter = ("role", "event__type")
    search_fields = ("person__display_name", "organisation__name")
    autocomplete_fields = ("event", "person", "organisation")


class TermChangeInline(WithinLevels, admin.TabularInline):  # type: ignore[type-arg]  # generic only in django-stubs: not subscriptable at run time
    """Later changes of the term (a sentence added, a reduction, an amnesty): the expected end
    of the term follows them (letapis.following)."""

    model = m.TermChange
    extra = 0
    fields = ("kind", "months", "days", "date", "event", "confidentiality")
    autocomplete_fields = ("event",)


@admin.register(m.CriminalCase)
class CriminalCaseAdmin(AuditedAdmin):
    list_display = ("person", "case_number", "sentence_kind", "sentence_months", "sentence_date")
    list_filter = ("sentence_kind",)
    search_fields = ("person__display_name", "case_number")
    autocomplete_fields = ("person", "court", "judge", "sentence_event")
    inlines = [TermChangeInline]


@admin.register(m.NameVariant)
class NameVariantAdmin(AuditedAdmin):
    list_display = ("text", "person", "form", "script", "language", "is_primary")
    list_filter = ("form", "script", "language")
    search_fields = ("text", "search_text")
    autocomplete_fields = ("person",)


@admin.register(m.Occupation)
class OccupationAdmin(AuditedAdmin):
    form = OccupationForm
    list_display = ("person", "code", "confidentiality")
    list_filter = ("code",)
    search_fields = ("person__display_name", "code")


@admin.register(m.Honour)
class HonourAdmin(AuditedAdmin):
    list_display = ("person", "code", "text", "year")
    search_fields = ("person__display_name", "code", "text")


@admin.register(m.ExternalId)
class ExternalIdAdmin(AuditedAdmin):
    list_display = ("person", "scheme", "value")
    list_filter = ("scheme",)
    search_fields = ("value", "person__display_name")


@admin.register(m.Note)
class NoteAdmin(AuditedAdmin):
    list_display = ("__str__", "person", "event", "confidentiality", "created_at")
    list_filter = ("confidentiality",)
    search_fields = ("text",)


@admin.register(m.Source)
class SourceAdmin(AuditedAdmin):
    list_display = ("__str__", "date", "language", "publisher", "reliability", "confidentiality")
    list_filter = ("language", "reliability", "confidentiality")
    search_fields = ("title", "filename", "publisher", "sha256")
    readonly_fields = ("sha256", "size", "media_type", "filename", "text", "created_at", "created_by")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # sources come in through ingest, which stores the file once by its sha-256


@admin.register(m.Claim)
class ClaimAdmin(AuditedAdmin):
    list_display = ("kind", "source", "state", "person", "confidence", "proposer")
    list_filter = ("state", "kind", "confidentiality")
    search_fields = ("quote", "person__display_name")
    readonly_fields = ("source", "span_start", "span_end", "quote", "proposer", "created_at")
    autocomplete_fields = ("person", "event")
