"""The custody record of a source: what a lawyer prints.

One structure (:func:`custody_record`) read by the HTML page, the PDF (:func:`record_pdf`) and
``letapis custody``: the original (name, sha-256, size, type), each time it was received (when,
by whom, how, from whom), each derived file (kind, page, sha-256, size, tool and version,
settings, date, the hash it was made from), each export, publication and download, and the
original's camera metadata (time, device, GPS). Hashes are given in full.

The caller has decided that the user may read the record
(:func:`letapis.access.custody_sources`); the metadata is at the source's level, so
whoever may read the record may read it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from letapis.accounts.actor import Viewer
from letapis.custody.models import CustodyAction, CustodyEvent, DerivedFile
from letapis.custody.services import received_metadata
from letapis.registry.models import Source

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

#: Actions of a source leaving the system.
RELEASES = (CustodyAction.EXPORTED, CustodyAction.PUBLISHED, CustodyAction.DOWNLOADED)


def _who(user: Viewer, how: str = "") -> str:
    """The user's name; a step of the command line without one is the server's operator's."""
    if user is not None:
        return str(user.get_username())
    return _("operator") if how == "cli" else "—"


def _when(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S %Z")


@dataclass(frozen=True)
class Received:
    at: str
    by: str
    how: str
    origin: str
    filename: str


@dataclass(frozen=True)
class DerivedRow:
    kind: str
    page: int | None
    sha256: str
    size: int
    media_type: str
    tool: str
    settings: str
    at: str
    by: str
    from_sha256: str


@dataclass(frozen=True)
class Release:
    action: str
    at: str
    by: str
    how: str
    what: str
    sha256: str


@dataclass(frozen=True)
class Exif:
    """The camera metadata worth reading; ``gps`` is ``"lat, lon (alt m)"`` or ``""``."""

    datetime: str = ""
    device: str = ""
    software: str = ""
    gps: str = ""
    latitude: float | None = None
    longitude: float | None = None

    def __bool__(self) -> bool:
        return any((self.datetime, self.device, self.software, self.gps))


@dataclass(frozen=True)
class CustodyRecord:
    source: Source
    received: list[Received]
    derived: list[DerivedRow]
    releases: list[Release]
    exif: Exif
    generated: str
    metadata: dict[str, Any] = field(default_factory=dict)


def _exif(metadata: dict[str, Any]) -> Exif:
    raw = metadata.get("exif")
    if not isinstance(raw, dict):
        return Exif()
    device = " ".join(str(raw.get(k) or "").strip() for k in ("make", "model")).strip()
    found = raw.get("gps")
    gps = found if isinstance(found, dict) else {}
    lat, lon, alt = gps.get("latitude"), gps.get("longitude"), gps.get("altitude")
    where = ""
    if isinstance(lat, int | float) and isinstance(lon, int | float):
        where = f"{lat:.6f}, {lon:.6f}" + (f" ({alt:.0f} m)" if isinstance(alt, int | float) else "")
    taken = str(raw.get("datetime") or "")
    if re.match(r"^\d{4}:\d{2}:\d{2}\b", taken):  # EXIF writes the date with colons
        taken = taken[:10].replace(":", "-") + taken[10:]
    return Exif(
        datetime=taken,
        device=device,
        software=str(raw.get("software") or ""),
        gps=where,
        latitude=float(lat) if isinstance(lat, int | float) else None,
        longitude=float(lon) if isinstance(lon, int | float) else None,
    )


def _settings(values: dict[str, Any]) -> str:
    return json.dumps(values, ensure_ascii=False, sort_keys=True) if values else ""


def custody_record(source: Source) -> CustodyRecord:
    """The custody record of ``source`` (a handful of queries)."""
    events = list(CustodyEvent.objects.filter(source=source).select_related("actor").order_by("at", "id"))
    files = list(DerivedFile.objects.filter(source=source).select_related("derived_from", "created_by"))
    files.sort(key=lambda f: (f.created_at, f.kind, f.page or 0, f.pk))
    received = [
        Received(_when(e.at), _who(e.actor, e.how), e.how, e.origin, str(e.detail.get("filename") or source.filename))
        for e in events
        if e.action == CustodyAction.RECEIVED
    ]
    derived = [
        DerivedRow(
            kind=f.kind,
            page=f.page,
            sha256=f.sha256,
            size=f.size,
            media_type=f.media_type,
            tool=f"{f.tool} {f.tool_version}".strip(),
            settings=_settings(f.settings),
            at=_when(f.created_at),
            by=_who(f.created_by),
            from_sha256=f.derived_from.sha256 if f.derived_from is not None else source.sha256,
        )
        for f in files
    ]
    releases = [
        Release(
            action=e.action,
            at=_when(e.at),
            by=_who(e.actor, e.how),
            how=e.how,
            what=" · ".join(str(e.detail[k]) for k in ("name", "format", "copy") if e.detail.get(k)),
            sha256=str(e.detail.get("sha256") or ""),
        )
        for e in events
        if e.action in RELEASES
    ]
    metadata = received_metadata(source)
    return CustodyRecord(
        source=source,
        received=received,
        derived=derived,
        releases=releases,
        exif=_exif(metadata),
        generated=_when(timezone.now()),
        metadata=metadata,
    )


def action_label(action: str) -> StrOrPromise:
    labels: dict[str, StrOrPromise] = {
        CustodyAction.RECEIVED: _("received"),
        CustodyAction.DERIVED: _("derived"),
        CustodyAction.EXPORTED: _("exported"),
        CustodyAction.PUBLISHED: _("published"),
        CustodyAction.DOWNLOADED: _("downloaded"),
    }
    return labels.get(action, action)


def record_pdf(record: CustodyRecord, lang: str = "en") -> bytes:
    """The record as a PDF (fpdf2, DejaVu Sans like the reports; hashes in DejaVu Sans Mono)."""
    from letapis.pdfdoc import FONT, font_dir, new_document

    source = record.source
    pdf = new_document(_("Custody record of source %(id)s") % {"id": source.pk}, lang)
    pdf.add_font("DejaVuMono", "", str(font_dir() / "DejaVuSansMono.ttf"))
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def heading(text: str) -> None:
        if pdf.get_y() > pdf.h - 45:
            pdf.add_page()
        pdf.ln(3)
        pdf.set_font(FONT, "B", 12)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    def line(label: str, value: str, *, mono: bool = False) -> None:
        pdf.set_font(FONT, "B", 9)
        pdf.cell(42, 5, label)
        pdf.set_font("DejaVuMono" if mono else FONT, "", 8 if mono else 9)
        pdf.multi_cell(width - 42, 5, value or "—", new_x="LMARGIN", new_y="NEXT")

    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(0, 8, _("Custody record of source %(id)s") % {"id": source.pk}, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    pdf.multi_cell(0, 5, str(source), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    pdf.set_font(FONT, "", 8)
    pdf.multi_cell(
        0, 4, _("Generated %(when)s by Letapis.") % {"when": record.generated}, new_x="LMARGIN", new_y="NEXT"
    )

    heading(_("The original (evidentiary copy)"))
    line(_("File name"), source.filename)
    line("SHA-256", source.sha256, mono=True)
    line(_("Size"), _("%(n)s bytes") % {"n": f"{source.size:,}"})
    line(_("Media type"), source.media_type)
    line(_("Confidentiality"), source.confidentiality)
    for received in record.received:
        heading(_("Received"))
        line(_("When"), received.at)
        line(_("By"), received.by)
        line(_("How"), received.how)
        line(_("From whom"), received.origin)
        line(_("File name"), received.filename)

    if record.exif:
        heading(_("Camera metadata of the original"))
        line(_("Taken"), record.exif.datetime)
        line(_("Device"), record.exif.device)
        line(_("Software"), record.exif.software)
        line("GPS", record.exif.gps)

    heading(_("Derived files (working copies)"))
    if not record.derived:
        line("", _("None."))
    for i, row in enumerate(record.derived, start=1):
        pdf.set_font(FONT, "B", 9)
        page = f" · {_('page')} {row.page}" if row.page is not None else ""
        pdf.multi_cell(
            0, 5, f"{i}. {row.kind}{page} · {row.media_type} · {row.size:,} B", new_x="LMARGIN", new_y="NEXT"
        )
        line("SHA-256", row.sha256, mono=True)
        line(_("Made from"), row.from_sha256, mono=True)
        line(_("Tool"), row.tool)
        if row.settings:
            line(_("Settings"), row.settings, mono=True)
        line(_("Made"), f"{row.at} · {row.by}")
        pdf.ln(1)

    heading(_("Exports, publications and downloads"))
    if not record.releases:
        line("", _("None."))
    for release in record.releases:
        line(str(action_label(release.action)), f"{release.at} · {release.by} · {release.how} · {release.what}")
        if release.sha256:
            line("SHA-256", release.sha256, mono=True)
    return bytes(pdf.output())
