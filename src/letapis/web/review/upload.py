"""Uploading documents: the ingest service behind a form.

The same checks as ``letapis ingest``: each file is refused with one line when it is empty, too
large (``LETAPIS_MAX_UPLOAD_MB``, checked before it is read), binary or damaged, and nothing of it
is stored; the others go on. One small file is ingested at once and the reviewer lands on its
claims — unless reading it takes longer than ``LETAPIS_UPLOAD_READ_SECONDS`` of CPU, or it needs
OCR (a photo, a scan: seconds a page), when it goes to the job queue like the others; so a request
never waits for a long read. Several files, or a large one, are only checked quickly (size,
extension, kind by their first bytes) and become background jobs (run beside ``letapis serve``,
or by ``letapis worker``), read there under the read limits; the reviewer follows them on the
progress page, which reloads itself every 2 seconds while any is unfinished, says where a running
one is ("reading page 3 of 50", "extracting the facts") and shows in one line why a file failed.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from letapis import access
from letapis.accounts.actor import Actor, Viewer
from letapis.documents import DocumentError, ReadLimitError
from letapis.documents.read import check_size
from letapis.registry.services import ServiceError
from letapis.review.conf import max_upload_bytes, upload_read_limits
from letapis.review.ingest import IngestResult, SourceDetails, do_ingest
from letapis.review.jobs import enqueue_ingest
from letapis.review.models import Job, JobState
from letapis.web.access import role_required, signed_in_user, user_or_none

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

    from letapis.accounts.models import User

#: One file up to this size is ingested while the reviewer waits; larger ones, and several
#: files, run in the background.
SYNC_MAX_BYTES = 512 * 1024

#: Files in one upload.
MAX_FILES = 50

CONFIDENTIALITY_LABELS = {
    "public": gettext_lazy("public"),
    "internal": gettext_lazy("internal (the team)"),
    "confidential": gettext_lazy("confidential"),
}


def _optional_text(label: StrOrPromise, max_length: int, help_text: StrOrPromise = "") -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=max_length, help_text=help_text)


class UploadForm(forms.Form):
    """What the uploader knows of the documents. A title and an address belong to one document:
    with several files they are refused (the files are uploaded one by one instead)."""

    title = _optional_text(gettext_lazy("Title"), 500, gettext_lazy("Empty: the document's own title, if it has one."))
    url = forms.URLField(
        label=gettext_lazy("Address (URL)"),
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text=gettext_lazy("Where the document was published."),
    )
    publisher = _optional_text(gettext_lazy("Publisher"), 300)
    date = forms.DateField(
        label=gettext_lazy("Date of the documents"),
        required=False,
        help_text=gettext_lazy("The day they were published; empty: found in the text."),
        # the browser's date picker shows the day in the reader's own format; its value is ISO
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language"),
        required=False,
        choices=[
            ("", gettext_lazy("detect")),
            ("be", "Беларуская"),
            ("ru", "Русский"),
            ("en", "English"),
        ],
    )
    confidentiality = forms.ChoiceField(label=gettext_lazy("Who may read them"), initial="internal")
    origin = _optional_text(
        gettext_lazy("Received from"),
        1000,
        gettext_lazy("Who gave you the files (kept in the custody record, at their confidentiality)."),
    )
    reliability = forms.ChoiceField(
        label=gettext_lazy("Reliability"),
        initial="unknown",
        choices=[
            ("unknown", gettext_lazy("unknown")),
            ("high", gettext_lazy("high")),
            ("medium", gettext_lazy("medium")),
            ("low", gettext_lazy("low")),
        ],
    )

    def __init__(self, *args: Any, user: Viewer = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # nobody marks a source more secret than they may read: they would lose it from sight
        field = self.fields["confidentiality"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(level, CONFIDENTIALITY_LABELS[level]) for level in access.levels_for(user)]


def _options(form: UploadForm) -> SourceDetails:
    data = form.cleaned_data
    day: date | None = data.get("date")
    return {
        "language": data.get("language") or None,
        "document_date": day,
        "confidentiality": data["confidentiality"],
        "publisher": (data.get("publisher") or "").strip(),
        "reliability": data["reliability"],
        "how": "upload",
        "origin": (data.get("origin") or "").strip(),
        "title": (data.get("title") or "").strip(),
        "url": (data.get("url") or "").strip(),
    }


def _read(upload: UploadedFile[Any], limit: int) -> bytes:
    """The file's bytes, refusing an empty or too large one before reading it."""
    name = upload.name or "the file"
    check_size(upload.size or 0, name, max_bytes=limit)
    upload.seek(0)
    return bytes(upload.read())


class _NeedsOCR(Exception):
    """The file has pages to read with OCR: seconds a page, so it is read in the background."""


def _no_ocr_now(done: int, total: int) -> None:
    raise _NeedsOCR(f"{total} pages to OCR")


def _ingest_now(user: Actor, upload: UploadedFile[Any], limit: int, options: SourceDetails) -> IngestResult | None:
    """Ingest ``upload`` while the uploader waits, or ``None`` when reading it takes longer than
    ``LETAPIS_UPLOAD_READ_SECONDS`` or needs OCR (a photo, a scan: the reader says so before it
    starts the first page): then the job queue reads it, under the full read limits, and the
    uploader follows its pages on the progress page."""
    try:
        data = _read(upload, limit)
        return do_ingest(
            user,
            data,
            upload.name or "upload",
            limits=upload_read_limits(),
            on_progress=_no_ocr_now,
            **options,
        )
    except _NeedsOCR:
        return None
    except ReadLimitError as exc:
        if exc.limit == "memory":  # the job's read would need as much: refused now
            raise
        return None


def _page(request: HttpRequest, form: UploadForm, errors: list[str], status: int = 200) -> HttpResponse:
    limit_mb = max_upload_bytes() // (1024 * 1024)
    return render(
        request,
        "web/review/upload.html",
        {"form": form, "errors": errors, "limit_mb": limit_mb, "max_files": MAX_FILES},
        status=status,
    )


@role_required("researcher")
def upload(request: HttpRequest) -> HttpResponse:
    """The upload form, and its handling (see the module's description)."""
    user = user_or_none(request)
    if request.method != "POST":
        return _page(request, UploadForm(user=user), [])
    form = UploadForm(request.POST, user=user)
    files = request.FILES.getlist("files")
    if not form.is_valid():
        return _page(request, form, [], status=400)
    if len(files) == 0:
        return _page(request, form, [_("Choose at least one file.")], status=400)
    if len(files) > MAX_FILES:
        return _page(request, form, [_("At most %(n)s files at a time.") % {"n": MAX_FILES}], status=400)
    if len(files) > 1 and (form.cleaned_data.get("title") or form.cleaned_data.get("url")):
        refused = _(
            "A title and an address belong to one document: upload these files one by one, or leave both empty."
        )
        return _page(request, form, [refused], status=400)
    options, limit = _options(form), max_upload_bytes()
    errors: list[str] = []
    result = None
    if len(files) == 1 and (files[0].size or 0) <= SYNC_MAX_BYTES:
        try:
            result = _ingest_now(user, files[0], limit, options)
        except (DocumentError, ServiceError) as exc:
            return _page(request, form, [str(exc)], status=400)
    if result is not None:
        if result.created:
            messages.success(
                request,
                _("%(name)s: source %(id)s, %(n)s proposed claims.")
                % {"name": files[0].name, "id": result.source.pk, "n": len(result.claims)},
            )
        else:
            messages.info(
                request,
                _("%(name)s was ingested before, as source %(id)s.") % {"name": files[0].name, "id": result.source.pk},
            )
        if access.visible_sources(user).filter(pk=result.source.pk).exists():
            return HttpResponseRedirect(reverse("web:review_source", args=[result.source.pk]))
        return HttpResponseRedirect(reverse("web:upload"))
    job_ids: list[int] = []
    for upload_file in files:
        name = upload_file.name or "upload"
        try:
            queued = enqueue_ingest(user, _read(upload_file, limit), name, **options)
        except (DocumentError, ServiceError) as exc:
            errors.append(str(exc))
            continue
        if queued.existing is not None:
            messages.info(
                request, _("%(name)s was ingested before, as source %(id)s.") % {"name": name, "id": queued.existing.pk}
            )
        elif queued.job is not None:
            job_ids.append(queued.job.pk)
    if len(job_ids) == 0 and len(errors) > 0:
        return _page(request, form, errors, status=400)
    for line in errors:
        messages.error(request, line)
    ids = ",".join(str(i) for i in job_ids)
    return HttpResponseRedirect(reverse("web:upload_status") + (f"?jobs={ids}" if ids else ""))


def _jobs_for(user: User) -> Any:
    jobs = Job.objects.filter(kind="ingest")
    if not user.has_role("admin"):
        jobs = jobs.filter(created_by=user)
    return jobs


@role_required("researcher")
def upload_status(request: HttpRequest) -> HttpResponse:
    """The progress of uploads: the jobs named in ``?jobs=1,2`` (else the user's last 20),
    reloading every 2 seconds while any is queued or running."""
    user = signed_in_user(request)
    raw = [part for part in request.GET.get("jobs", "").split(",") if part.strip().isdigit()][:MAX_FILES]
    jobs_qs = _jobs_for(user)
    if raw:
        jobs = list(jobs_qs.filter(pk__in=[int(p) for p in raw]).order_by("id"))
    else:
        jobs = list(jobs_qs.order_by("-id")[:20])
    source_ids = [j.result.get("source") for j in jobs if isinstance(j.result.get("source"), int)]
    visible = set(access.visible_sources(user).filter(pk__in=source_ids).values_list("pk", flat=True))
    rows = []
    for job in jobs:
        source_id = job.result.get("source")
        claims = job.result.get("claims")
        rows.append(
            {
                "job": job,
                "filename": job.payload.get("filename", ""),
                "source_id": source_id if source_id in visible else None,
                "claims": len(claims) if isinstance(claims, list) else None,
                "created": job.result.get("created"),
                "error": job.error.strip().splitlines()[0] if job.error.strip() else "",
            }
        )
    unfinished = sum(1 for j in jobs if j.state in (JobState.QUEUED, JobState.RUNNING))
    finished = len(jobs) - unfinished
    return render(
        request,
        "web/review/upload_status.html",
        {
            "rows": rows,
            "unfinished": unfinished,
            "finished": finished,
            "total": len(jobs),
            "ids": ",".join(raw),
        },
    )
