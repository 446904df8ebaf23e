"""Pages of the reports app: numbers, statement drafts, monitoring reports, exports, imports.

Views validate their input and answer 400 on a bad value; the work is done by the same
functions as the command line, as the request's user may see the registry (an anonymous visitor
sees what may be published). Every page has a JSON twin (``?format=json``) where data is shown.
"""

from __future__ import annotations

import io
import json
from dataclasses import asdict
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from letapis.audit.reads import record_export
from letapis.registry import access
from letapis.reports import exports, stats
from letapis.reports.language import LANGUAGES
from letapis.web.access import public


def _user(request: HttpRequest) -> Any:
    user = request.user
    return user if user.is_authenticated else None


def _day(value: str | None, default: date | None = None) -> date:
    if value is None or value == "":
        if default is None:
            raise ValueError("a date is needed (YYYY-MM-DD)")
        return default
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a date: use YYYY-MM-DD") from exc


def _lang(request: HttpRequest) -> str:
    lang = request.GET.get("lang", "en")
    if lang not in LANGUAGES:
        raise ValueError("lang must be en, be or ru")
    return lang


@require_GET
@public
def stats_view(request: HttpRequest) -> HttpResponse:
    """Those held on a day with their groups; each number lists its persons."""
    from letapis.reports.monitoring import names_in, stat_label

    try:
        day, lang = _day(request.GET.get("on"), date.today()), _lang(request)
    except ValueError as exc:
        return HttpResponseBadRequest(str(exc))
    user = _user(request)
    held = stats.held_count(day, user)
    groups = {by: stats.breakdown(day, user, by) for by in stats.BREAKDOWNS}
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "on": day.isoformat(),
                "held": asdict(held),
                "breakdowns": {k: [asdict(s) for s in v] for k, v in groups.items()},
            },
            json_dumps_params={"ensure_ascii": False},
        )
    names = names_in(set(held.person_ids), lang)
    rows = [(by, [(stat_label(s, lang), s) for s in v]) for by, v in groups.items()]
    return render(
        request, "reports/stats.html", {"day": day, "held": held, "groups": rows, "names": names, "lang": lang}
    )


@require_GET
@public
def statement_view(request: HttpRequest, spec: str) -> HttpResponse:
    """The statement draft for an event, with its fact links (JSON twin: ``?format=json``)."""
    from letapis.reports.statement import StatementError, draft_statement, resolve_event, to_markdown

    try:
        lang = _lang(request)
        draft = draft_statement(resolve_event(spec, _user(request)), lang, _user(request))
    except (ValueError, StatementError) as exc:
        return HttpResponseBadRequest(str(exc))
    if request.GET.get("format") == "json":
        return JsonResponse(draft.to_dict(), json_dumps_params={"ensure_ascii": False})
    return render(request, "reports/statement.html", {"draft": draft, "markdown": to_markdown(draft), "lang": lang})


@require_GET
@public
def monitoring_view(request: HttpRequest) -> HttpResponse:
    """The monitoring report: ``?from=…&to=…&lang=…&format=html|pdf|md``."""
    from letapis.reports.monitoring import build_report
    from letapis.reports.monitoring import render as render_report

    try:
        start, end, lang = _day(request.GET.get("from")), _day(request.GET.get("to")), _lang(request)
    except ValueError as exc:
        return HttpResponseBadRequest(str(exc))
    fmt = request.GET.get("format", "html")
    if fmt not in ("html", "pdf", "md") or end < start:
        return HttpResponseBadRequest("format is html, pdf or md, and `to` is not before `from`")
    content = render_report(build_report(start, end, lang, _user(request)), fmt)
    if fmt == "pdf":
        assert isinstance(content, bytes)
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="monitoring-{start}-{end}-{lang}.pdf"'
        return response
    return HttpResponse(
        content, content_type="text/html; charset=utf-8" if fmt == "html" else "text/markdown; charset=utf-8"
    )


EXPORT_TYPES = {
    "csv": ("text/csv; charset=utf-8", "persons.csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "persons.xlsx"),
    "json": ("application/json", "registry.json"),
    "ftm": ("application/x-ndjson", "registry.ftm.json"),
}


@require_GET
@public
def export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    """Download an export; ``?public=1`` restricts it to what may be published (anonymous
    visitors always get that)."""
    if fmt not in EXPORT_TYPES:
        return HttpResponseBadRequest("export csv, xlsx, json or ftm")
    user = None if request.GET.get("public") == "1" else _user(request)
    if fmt in ("csv", "xlsx"):
        rows = exports.persons_table(user)
        columns = exports.columns_of(rows, user)
        body: bytes = (
            exports.to_csv(rows, columns).encode("utf-8-sig") if fmt == "csv" else exports.to_xlsx(rows, columns)
        )
    elif fmt == "json":
        body = json.dumps(exports.registry_json(user), ensure_ascii=False).encode("utf-8")
    else:
        body = exports.to_ftm_lines(exports.ftm_entities(user)).encode("utf-8")
    if "confidential" in access.levels_for(user):
        record_export(user, fmt)
    content_type, filename = EXPORT_TYPES[fmt]
    return FileResponse(io.BytesIO(body), content_type=content_type, as_attachment=True, filename=filename)


@login_required
@require_http_methods(["GET", "POST"])
def import_view(request: HttpRequest) -> HttpResponse:
    """Upload a list, choose or write a mapping, see the dry run, then commit it.

    The uploaded file is kept in the content-addressed source store between the dry run and
    the commit (by its sha-256), so the commit imports exactly the file that was checked."""
    from letapis.registry import storage
    from letapis.reports.imports import ImportError_, Mapping, check_table_file, run_import
    from letapis.reports.models import ImportMapping
    from letapis.review.conf import max_upload_bytes

    if not request.user.has_role("editor"):  # type: ignore[union-attr]
        return HttpResponse("Importing needs an editor's role.", status=403)
    context: dict[str, Any] = {"mappings": ImportMapping.objects.all(), "spec": Mapping.default().dump()}
    if request.method == "GET":
        return render(request, "reports/import.html", context)
    action = request.POST.get("action", "dry-run")
    spec = request.POST.get("spec", "")
    saved = request.POST.get("mapping", "")
    if saved != "":
        chosen = ImportMapping.objects.filter(pk=int(saved) if saved.isdigit() else 0).first()
        if chosen is None:
            return HttpResponseBadRequest("no such saved mapping")
        spec = chosen.spec
    context["spec"] = spec
    try:
        mapping = Mapping.parse(spec) if spec.strip() != "" else Mapping.default()
        if action == "commit":
            digest, filename = request.POST.get("sha256", ""), request.POST.get("filename", "")
            if len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest) or filename == "":
                return HttpResponseBadRequest("the file of the dry run is missing: upload it again")
            data = storage.read(digest)
        else:
            upload = request.FILES.get("file")
            if upload is None:
                return HttpResponseBadRequest("choose a CSV or XLSX file")
            filename = upload.name or "list.csv"
            if (upload.size or 0) > max_upload_bytes():  # refused before it is read into memory
                raise ImportError_(
                    f"{filename} is {(upload.size or 0) // (1024 * 1024)} MB: files larger than "
                    f"{max_upload_bytes() // (1024 * 1024)} MB are refused"
                )
            data = upload.read()
            check_table_file(data, filename)  # by content, before anything is stored
            digest = storage.store(data)
        report = run_import(data, filename, mapping, commit=action == "commit", actor=request.user)
    except ImportError_ as exc:
        context["error"] = str(exc)
        return render(request, "reports/import.html", context, status=400)
    name = request.POST.get("save_as", "").strip()
    if name != "":
        ImportMapping.objects.update_or_create(
            name=name[:100], defaults={"spec": mapping.dump(), "created_by": request.user}
        )
    context.update({"report": report, "counts": report.counts(), "sha256": digest, "filename": filename})
    return render(request, "reports/import.html", context)
