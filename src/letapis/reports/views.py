"""Pages of the reports app: numbers, statement drafts, monitoring reports, exports, imports.

Views validate their input and answer 400 on a bad value; the work is done by the same
functions as the command line, as the request's user may see the registry (an anonymous visitor
sees what may be published). Every page has a JSON twin (``?format=json``) where data is shown.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING, Any

from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from letapis import access
from letapis.audit.reads import record_export
from letapis.language import LANGUAGES
from letapis.reports import exports, pages, stats
from letapis.reports.throttle import Busy, cached_public
from letapis.web import common
from letapis.web.access import public, role_required, signed_in_user

if TYPE_CHECKING:
    from letapis.accounts.models import User


def _user(request: HttpRequest) -> Any:
    user = request.user
    return user if user.is_authenticated else None


#: the days a report may be asked for: the registry holds no event outside them
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2100, 12, 31)


class BadParameter(ValueError):
    """A parameter of a report page is missing or wrong; the message is in the page's language."""


def _day(value: str | None, default: date | None = None, lang: str = "en") -> date:
    if value is None or value == "":
        if default is None:
            raise BadParameter(pages.word("pages.need_date", lang))
        return default
    try:
        day = date.fromisoformat(value)
    except ValueError as exc:
        raise BadParameter(pages.word("pages.not_a_date", lang, value=value)) from exc
    if not FIRST_DAY <= day <= LAST_DAY:
        raise BadParameter(pages.word("pages.out_of_range", lang, value=value, first=FIRST_DAY, last=LAST_DAY))
    return day


def _lang(request: HttpRequest) -> str:
    """The report's language: ``?lang=`` when given (a Russian report from an English
    interface), else the interface language the user chose (session, cookie or browser)."""
    lang = request.GET.get("lang", "") or common.lang()
    if lang not in LANGUAGES:
        raise BadParameter(pages.word("pages.bad_lang", common.lang()))
    return lang


def _page_lang(request: HttpRequest) -> str:
    """The report's language, or the interface's when ``?lang=`` is wrong (for the error page)."""
    lang = request.GET.get("lang", "")
    return lang if lang in LANGUAGES else common.lang()


@require_GET
@public
def hub_view(request: HttpRequest) -> HttpResponse:
    """Every output of the registry on one page, as the user may reach them."""
    lang = _page_lang(request)
    user = _user(request)
    today = timezone.localdate()
    return render(
        request,
        "reports/hub.html",
        {
            "lang": lang,
            "w": pages.page_words(lang),
            "today": today,
            "period": pages.default_period(today),
            "events": pages.statement_events(user, lang),
            "can_import": bool(user is not None and user.has_role("editor")),
        },
    )


@require_GET
@public
def stats_view(request: HttpRequest) -> HttpResponse:
    """Those held on a day with their groups; each number links to its persons, each person to
    their page (JSON twin: ``?format=json``)."""
    lang = _page_lang(request)
    try:
        lang = _lang(request)
        day = _day(request.GET.get("on"), timezone.localdate(), lang)
    except BadParameter as exc:
        if request.GET.get("format") == "json":
            return json_error(str(exc))
        return _error_page(request, "reports/stats.html", lang, str(exc), {"day": request.GET.get("on", "")})
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
    groups["time_served"] = stats.time_served_buckets(day, user)
    keep = {"lang": lang} if request.GET.get("lang") else {}
    context = pages.stats_context(day, lang, user, held, groups, keep)
    return render(request, "reports/stats.html", context)


@require_GET
@public
def stat_persons_view(request: HttpRequest) -> HttpResponse:
    """The persons behind one number of a report: ``?on=DAY&by=GROUP&code=CODE`` (those held on
    a day, in a group) or ``?from=DAY&to=DAY&by=movement&code=TYPE`` (a movement of a period)."""
    lang = _page_lang(request)
    try:
        lang = _lang(request)
        number = pages.find_number(request.GET, lang, _user(request), _day)
    except BadParameter as exc:
        return _error_page(request, "reports/persons.html", lang, str(exc), {})
    paged = common.page_of(request, len(set(number.person_ids)))
    rows = pages.named_page(number.person_ids, lang, _user(request), paged.number, paged.size)
    named_text = pages.word("pages.named", lang, count=paged.count)
    context = {"lang": lang, "w": pages.page_words(lang), "number": number, "rows": rows, "page": paged}
    context["named_text"] = named_text
    return render(request, "reports/persons.html", context)


def _error_page(
    request: HttpRequest, template: str, lang: str, message: str, extra: dict[str, Any], status: int = 400
) -> HttpResponse:
    """The page itself with its form and ``message``, answered with ``status`` (400: a bad
    parameter). A Markdown or PDF download asked with a bad parameter is answered so too: a
    browser follows those links, and the page says what to change where it can be changed."""
    context = {"lang": lang, "w": pages.page_words(lang), "error": message, **extra}
    return render(request, template, context, status=status)


def json_error(message: str, status: int = 400) -> JsonResponse:
    """The error of a JSON twin, shaped as the API's (``{"detail": …}``), with its status."""
    return JsonResponse({"detail": message}, status=status, json_dumps_params={"ensure_ascii": False})


@require_GET
@public
def statement_view(request: HttpRequest, spec: str) -> HttpResponse:
    """The statement draft for an event: sentences with their sources' quotes and numbered
    notes (``?format=md|pdf``; the fact links by id in ``?format=json``)."""
    from letapis.reports.statement import (
        EventNotFound,
        StatementError,
        draft_statement,
        resolve_event,
        to_markdown,
        to_pdf,
    )

    lang = _page_lang(request)
    fmt = request.GET.get("format", "html")
    try:
        lang = _lang(request)
        if fmt not in ("html", "json", "md", "pdf"):
            raise BadParameter(pages.word("pages.bad_format", lang))
        draft = draft_statement(resolve_event(spec, _user(request)), lang, _user(request))
    except (ValueError, StatementError) as exc:
        status = 404 if isinstance(exc, EventNotFound) else 400
        if fmt == "json":
            return json_error(str(exc), status)
        return _error_page(request, "reports/statement.html", lang, str(exc), {"spec": spec}, status)
    if fmt == "json":
        return JsonResponse(draft.to_dict(), json_dumps_params={"ensure_ascii": False})
    if fmt == "md":
        return HttpResponse(to_markdown(draft), content_type="text/markdown; charset=utf-8")
    if fmt == "pdf":
        response = HttpResponse(to_pdf(draft), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="statement-{draft.event_id}-{lang}.pdf"'
        return response
    notes, markers = draft.notes()
    context = {
        "lang": lang,
        "w": pages.page_words(lang),
        "draft": draft,
        "spec": spec,
        "sentences": list(zip(draft.sentences, markers, strict=True)),
        "notes": notes,
        "names_to_check": ", ".join(draft.names_to_check),
        "languages": pages.language_names(lang),
    }
    return render(request, "reports/statement.html", context)


@require_GET
@public
def monitoring_view(request: HttpRequest) -> HttpResponse:
    """The monitoring report: ``?from=…&to=…&lang=…&format=html|pdf|md``. As a page it shows in
    the application with its period picker; without any date it shows the last month. Anonymous
    answers are cached and their renders limited (:mod:`letapis.reports.throttle`)."""
    from letapis.reports.monitoring import build_report, render_body
    from letapis.reports.monitoring import render as render_report

    lang = _page_lang(request)
    fmt = request.GET.get("format", "html")
    given = {k: request.GET.get(k, "") for k in ("from", "to")}
    try:
        lang = _lang(request)
        if fmt not in ("html", "pdf", "md"):
            raise BadParameter(pages.word("pages.bad_format", lang))
        if fmt == "html" and given["from"] == "" and given["to"] == "":
            start, end = pages.default_period(timezone.localdate())
        else:
            start, end = _day(given["from"], lang=lang), _day(given["to"], lang=lang)
        if end < start:
            raise BadParameter(pages.word("pages.end_before_start", lang))
    except BadParameter as exc:
        extra = {"given": given, "languages": pages.language_names(lang)}
        return _error_page(request, "reports/monitoring_page.html", lang, str(exc), extra)
    user = _user(request)

    def make() -> str | bytes:
        data = build_report(start, end, lang, user)
        return render_body(data) if fmt == "html" else render_report(data, fmt)

    if user is None:  # anonymous: cached, and rendered in a limited number of slots
        try:
            content = cached_public(("monitoring", start, end, lang, fmt), make)
        except Busy:
            busy = HttpResponse(
                "Another report is being made: retry in a few seconds.",
                status=503,
                content_type="text/plain; charset=utf-8",
            )
            busy["Retry-After"] = "5"
            return busy
    else:
        content = make()
    if fmt == "pdf":
        assert isinstance(content, bytes)
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="monitoring-{start}-{end}-{lang}.pdf"'
        return response
    if fmt == "md":
        return HttpResponse(content, content_type="text/markdown; charset=utf-8")
    context = {
        "lang": lang,
        "w": pages.page_words(lang),
        "given": {"from": start.isoformat(), "to": end.isoformat()},
        "body": content,
        "languages": pages.language_names(lang),
    }
    return render(request, "reports/monitoring_page.html", context)


EXPORT_TYPES = {
    "csv": ("text/csv; charset=utf-8", "persons.csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "persons.xlsx"),
    "json": ("application/json", "registry.json"),
    "ftm": ("application/x-ndjson", "registry.ftm.json"),
}


#: what the export page offers, in its order (the format decides the download's URL)
FORMATS = ("xlsx", "csv", "json", "ftm")


def _export_lang(request: HttpRequest) -> str:
    """The labels' language: ``?lang=``, else the interface's."""
    from letapis.web.common import lang as interface_lang

    lang = request.GET.get("lang") or interface_lang()
    if lang not in LANGUAGES:
        raise exports.ExportError(gettext("The language of the labels must be en, be or ru."))
    return lang


def _export_page(request: HttpRequest, error: str = "", status: int = 200) -> HttpResponse:
    """The export form in the app's shell: list, day, filters, format, language; an error the
    export met is shown above it (with ``status`` 400)."""
    from letapis.web.persons import filter_options, level_choices

    user = _user(request)
    given = {k: request.GET[k] for k in (*exports.FILTER_KEYS, "list", "lang", "fmt", "public") if request.GET.get(k)}
    context = {
        "given": given,
        "error": error,
        "options": filter_options(user, given),
        "levels": level_choices(user) if not access.is_public_only(user) else [],
        "formats": FORMATS,
        "languages": LANGUAGES,
        "lang": given.get("lang") or _interface_lang(),
    }
    return render(request, "reports/export.html", context, status=status)


def _interface_lang() -> str:
    from letapis.web.common import lang

    return lang()


@require_GET
@public
def export_page(request: HttpRequest) -> HttpResponse:
    """``/reports/export/``: the form; submitted (``?fmt=…``) it checks the filters and sends
    the browser on to the download (:func:`export_view`), or shows the form with the message."""
    from urllib.parse import urlencode

    from django.shortcuts import redirect
    from django.urls import reverse

    fmt = request.GET.get("fmt", "")
    if fmt == "":
        return _export_page(request)
    try:
        if fmt not in FORMATS:
            raise exports.ExportError(gettext("The format must be xlsx, csv, json or ftm."))
        _export_lang(request)
        exports.read_filters(request.GET)
        _whole_registry_only(request, fmt)
    except exports.ExportError as exc:
        return _export_page(request, str(exc), 400)
    params = {k: v for k, v in request.GET.items() if k != "fmt" and v != ""}
    return redirect(reverse("reports:export", args=[fmt]) + ("?" + urlencode(params) if params else ""))


def _whole_registry_only(request: HttpRequest, fmt: str) -> None:
    """JSON and FollowTheMoney hold the whole registry: a filter given with them is refused
    rather than silently ignored."""
    if fmt in ("json", "ftm"):
        given = [k for k in (*exports.FILTER_KEYS, "list") if request.GET.get(k, "") not in ("", "persons")]
        if given:
            raise exports.ExportError(
                gettext("JSON and FollowTheMoney hold the whole registry: the filters apply to XLSX and CSV.")
            )


@require_GET
@public
def export_view(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """Download an export; ``?public=1`` restricts it to what may be published (anonymous
    visitors always get that). CSV and XLSX take the persons list's filters (``list=held``,
    ``on``, ``occupation``, ``organisation``, ``place``…) and ``lang`` for the labels; a value
    that cannot be used answers 400 with the export page and its message."""
    if fmt not in EXPORT_TYPES:
        return _export_page(request, gettext("The format must be xlsx, csv, json or ftm."), 400)
    user = None if request.GET.get("public") == "1" else _user(request)
    content_type, filename = EXPORT_TYPES[fmt]
    try:
        lang = _export_lang(request)
        if fmt in ("csv", "xlsx"):
            filters, day = exports.read_filters(request.GET)
            rows = exports.filtered_rows(user, filters, day, lang)
            columns = exports.columns_of(rows, user)
            which = request.GET.get("list") or "persons"
            filename = f"{which}-{day.isoformat()}.{fmt}"
            body: bytes = (
                exports.to_csv(rows, columns).encode("utf-8-sig")
                if fmt == "csv"
                else exports.to_xlsx(rows, columns, which)
            )
        else:  # the registry, with its sources: a custody step for each (letapis.custody)
            _whole_registry_only(request, fmt)
            body = exports.do_export_registry(_user(request), user, fmt, how="web").body
    except exports.ExportError as exc:
        return _export_page(request, str(exc), 400)
    if "confidential" in access.levels_for(user):
        record_export(user, fmt)
    return FileResponse(io.BytesIO(body), content_type=content_type, as_attachment=True, filename=filename)


#: how long a dry run may be committed after it was shown
IMPORT_TOKEN_MAX_AGE = 24 * 3600
IMPORT_TOKEN_SALT = "letapis.reports.import"


def _mapping_digest(mapping: Any) -> str:
    # of the mapping as read, not of its text: a browser sends a textarea back with CRLF
    return hashlib.sha256(mapping.dump().encode("utf-8")).hexdigest()


def import_token(user: User, digest: str, filename: str, mapping: Any) -> str:
    """A signed token naming the file of a dry run, its mapping and the user who ran it: the
    commit reads only the file this user uploaded for this dry run."""
    from django.core import signing

    spec_digest = _mapping_digest(mapping)
    return signing.dumps({"u": user.pk, "sha": digest, "f": filename, "m": spec_digest}, salt=IMPORT_TOKEN_SALT)


def _token_upload(user: User, token: str, mapping: Any) -> tuple[str, str]:
    """The sha-256 and file name of the dry run ``token`` names, or an ``ImportError_`` that
    says nothing of any stored file."""
    from django.core import signing

    from letapis.reports.imports import ImportError_

    try:
        data = signing.loads(token, salt=IMPORT_TOKEN_SALT, max_age=IMPORT_TOKEN_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ImportError_("this dry run is more than a day old: upload the file again") from exc
    except signing.BadSignature as exc:
        raise ImportError_("the file of the dry run is missing: upload it again") from exc
    if not isinstance(data, dict) or data.get("u") != user.pk:
        raise ImportError_("the file of the dry run is missing: upload it again")
    if data.get("m") != _mapping_digest(mapping):
        raise ImportError_("the mapping changed since the dry run: run the dry run again")
    return str(data.get("sha")), str(data.get("f"))


@role_required("editor")
@require_http_methods(["GET", "POST"])
def import_view(request: HttpRequest) -> HttpResponse:
    """Upload a list, choose or write a mapping, see the dry run, then commit it.

    The uploaded file is kept in the content-addressed source store between the dry run and
    the commit; the commit form carries a signed token naming that file, the mapping and the
    user (:func:`import_token`), so the commit imports exactly the file this user checked and
    no other stored file."""
    from letapis.registry import storage
    from letapis.registry.services import ServiceError
    from letapis.reports.imports import ImportError_, Mapping, check_table_file, run_import
    from letapis.reports.models import ImportMapping
    from letapis.review.conf import max_upload_bytes

    context: dict[str, Any] = {"mappings": ImportMapping.objects.all(), "spec": Mapping.default().dump()}
    if request.method == "GET":
        return render(request, "reports/import.html", context)
    action = request.POST.get("action", "dry-run")
    spec = request.POST.get("spec", "")
    saved = request.POST.get("mapping", "")
    if saved != "":
        chosen = ImportMapping.objects.filter(pk=int(saved) if saved.isdigit() else 0).first()
        if chosen is None:  # the page again, with a message (issue 17: no bare error lines)
            context["error"] = gettext("There is no such saved mapping: choose one from the list.")
            return render(request, "reports/import.html", context, status=400)
        spec = chosen.spec
    context["spec"] = spec
    try:
        mapping = Mapping.parse(spec) if spec.strip() != "" else Mapping.default()
        if action == "commit":
            digest, filename = _token_upload(signed_in_user(request), request.POST.get("upload", ""), mapping)
            try:
                data = storage.read(digest)
            except (OSError, ValueError) as exc:
                raise ImportError_("the file of the dry run is missing: upload it again") from exc
        else:
            upload = request.FILES.get("file")
            if upload is None:
                context["error"] = gettext("Choose a CSV or XLSX file.")
                return render(request, "reports/import.html", context, status=400)
            filename = upload.name or "list.csv"
            if (upload.size or 0) > max_upload_bytes():  # refused before it is read into memory
                raise ImportError_(
                    f"{filename} is {(upload.size or 0) // (1024 * 1024)} MB: files larger than "
                    f"{max_upload_bytes() // (1024 * 1024)} MB are refused"
                )
            data = upload.read()
            check_table_file(data, filename)  # by content, before anything is stored
            digest = storage.store(data)
        report = run_import(data, filename, mapping, commit=action == "commit", actor=signed_in_user(request))
    except (ImportError_, ServiceError) as exc:
        context["error"] = str(exc)
        return render(request, "reports/import.html", context, status=400)
    name = request.POST.get("save_as", "").strip()
    if name != "":
        ImportMapping.objects.update_or_create(
            name=name[:100], defaults={"spec": mapping.dump(), "created_by": _user(request)}
        )
    context.update(
        {
            "report": report,
            "counts": report.counts(),
            "upload": import_token(signed_in_user(request), digest, filename, mapping),
            "filename": filename,
        }
    )
    return render(request, "reports/import.html", context)
