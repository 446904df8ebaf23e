"""The custody record of a source (HTML to print, and PDF), and the download of its file.

Both are the team's: a signed-in viewer or above who may see the source
(:func:`letapis.access.custody_sources`); anyone else gets the login page or 404, as
for a source they may not see. The download is the untouched original for holders of the grant
(:func:`letapis.access.sees_originals`) and, for an image, the working copy without
its EXIF and GPS for everyone else; each download is a step of the record
(:func:`letapis.custody.services.do_download`).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from letapis import access
from letapis.audit.reads import record_read
from letapis.custody.record import action_label, custody_record, record_pdf
from letapis.custody.services import do_download
from letapis.registry.models import Source
from letapis.registry.services import ServiceError
from letapis.web.access import role_required, user_or_none
from letapis.web.review.describe import source_labels


def _read_source(request: HttpRequest, pk: int) -> tuple[Any, Source]:
    """The user and the source ``pk`` they asked for, its read recorded; 404 for a source they
    may not see (as one that does not exist)."""
    user = user_or_none(request)
    source = access.custody_sources(user).filter(pk=pk).first()
    if source is None:
        raise Http404(_("No such source."))
    record_read(user, source, "web")
    return user, source


@require_GET
@role_required("viewer")
def custody_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The record, as a page that prints on A4 (the navigation is not printed)."""
    user, source = _read_source(request, pk)
    record = custody_record(source)
    return render(
        request,
        "web/review/custody.html",
        {
            "source": source,
            "record": record,
            "labels": source_labels(source),
            "releases": [(action_label(r.action), r) for r in record.releases],
            "original": access.sees_originals(user),
        },
    )


@require_GET
@role_required("viewer")
def custody_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The record as a PDF."""
    user, source = _read_source(request, pk)
    body = record_pdf(custody_record(source), (get_language() or "en")[:2])
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="custody-source-{source.pk}.pdf"'
    return response


@require_GET
@role_required("viewer")
def source_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The source's file: the original for the grant's holders, else without metadata."""
    user, source = _read_source(request, pk)
    try:
        served = do_download(user, source, how="web")
    except ServiceError as exc:
        return HttpResponse(str(exc), status=409, content_type="text/plain; charset=utf-8")
    response = HttpResponse(served.data, content_type=served.media_type or "application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, served.filename) or "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    return response
