"""Import of existing lists (CSV or XLSX) into the registry, through a column mapping.

1. **Read** the file: XLSX with openpyxl (the first sheet, or the mapping's ``sheet``); CSV in
   UTF-8, CP1251 or KOI8-R (detected by :func:`letapis.documents.text.decode_text`), with ``,``,
   ``;`` or a tab as the delimiter.
2. **Map** columns to Letapis fields (:data:`FIELDS`) with a :class:`Mapping`, a small YAML or
   JSON file saved for reuse (``columns: {name: "ФИО", birth_date: "Дата рождения", …}``). Without
   one the :meth:`Mapping.default` reads Letapis' own export columns.
3. **Dry run** (the default): each row is matched against the persons the caller may see
   (:func:`letapis.access.visible_persons`) through the names core
   (:func:`letapis.registry.lookup.find_persons`), and reported as ``new``, ``match`` (with the
   matcher's reasons), ``ambiguous`` (two persons are equally close: nothing is done) or
   ``invalid``. For a match, values the registry already holds differently (birth date, gender,
   a status it contradicts) are **conflicts**: reported, never written. Facts the registry lacks
   (a new spelling of the name, an occupation, a membership) are **additions**. Conflicts and
   additions are read from what the caller may see: for them the persons, events and facts they
   may not see do not exist, and a commit never writes to a person they may not see.
4. **Commit** (``commit=True``): in one transaction, the file is stored as a
   :class:`~letapis.registry.models.Source` (once, by its sha-256), new persons and additions are
   created through the registry's services, and every fact is recorded as an accepted Claim
   quoting its row, proposed by ``import:<file name>``. Importing the same file again matches
   every person and creates nothing.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone

from letapis import access, edtf
from letapis.accounts.actor import Actor, Viewer
from letapis.registry import services as s
from letapis.registry.models import ClaimState, Confidentiality, Event, Organisation, Person
from letapis.reports.exports import NAME_COLUMNS, NAME_FORMS
from letapis.vocab.codes import EventType, Status

#: Letapis fields an imported column may fill.
FIELDS = (
    *NAME_COLUMNS,
    "gender",
    "birth_date",
    "nationalities",
    "occupations",
    "memberships",
    "detention_date",
    "sentence_date",
    "sentence_months",
    "articles",
    "sentence_regime",
    "court",
    "judge",
    "appeal_date",
    "release_date",
    "status",
    "publishable",
)
SEPARATORS = (";", "|", "\n")
MAX_ROWS = 50_000
#: the longest name the registry stores (``NameVariant.text``, ``Organisation.name``)
MAX_NAME = 300


#: a membership as exports write it: "PEN Belarus (member)", the role's label in any language
_LABELLED_MEMBERSHIP = re.compile(r"(?P<organisation>.+?)\s*\((?P<role>[^()]+)\)")


class ImportError_(ValueError):
    """The file or the mapping cannot be used (a message for the user)."""


@dataclass
class Mapping:
    """Which column holds which field, and how to read the file."""

    columns: dict[str, str]
    sheet: str | None = None
    confidentiality: str = Confidentiality.INTERNAL.value
    publishable: bool = False
    language: str = ""

    @classmethod
    def default(cls) -> Mapping:
        """Letapis' own export columns (see :data:`letapis.reports.exports.PERSON_COLUMNS`)."""
        return cls({f: f for f in FIELDS})

    @classmethod
    def load(cls, path: Path) -> Mapping:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ImportError_(f"cannot read the mapping {path}: {exc}") from exc
        return cls.parse(text, str(path))

    @classmethod
    def parse(cls, text: str, path: str = "the mapping") -> Mapping:
        """A mapping from its YAML (or JSON) text; :class:`ImportError_` when it is not one."""
        try:
            raw = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ImportError_(f"cannot read {path}: {exc}") from exc
        if not isinstance(raw, dict) or not isinstance(raw.get("columns"), dict):
            raise ImportError_(f"{path}: a mapping needs `columns:`, e.g. columns: {{name: Name}}")
        unknown = set(raw["columns"]) - set(FIELDS)
        if unknown:
            raise ImportError_(f"{path}: unknown fields {', '.join(sorted(unknown))}; known: {', '.join(FIELDS)}")
        if "name" not in raw["columns"]:
            raise ImportError_(f"{path}: the mapping must say which column holds `name`")
        level = str(raw.get("confidentiality", Confidentiality.INTERNAL))
        if level not in Confidentiality.values:
            raise ImportError_(f"{path}: confidentiality must be public, internal or confidential")
        return cls(
            {str(k): str(v) for k, v in raw["columns"].items()},
            raw.get("sheet"),
            level,
            bool(raw.get("publishable", False)),
            str(raw.get("language", "")),
        )

    def dump(self) -> str:
        """The mapping as YAML, to save and reuse."""
        data: dict[str, Any] = {
            "columns": self.columns,
            "confidentiality": str(self.confidentiality),
            "publishable": self.publishable,
        }
        if self.sheet is not None:
            data["sheet"] = self.sheet
        if self.language:
            data["language"] = self.language
        return "# Letapis import mapping: Letapis field → column header in the file\n" + yaml.safe_dump(
            data, allow_unicode=True, sort_keys=False
        )


@dataclass
class RowResult:
    line: int
    name: str
    outcome: str  # new, match, ambiguous, invalid
    person_id: int | None = None
    matched_name: str = ""
    reason: str = ""
    conflicts: list[str] = field(default_factory=list)
    additions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    file: str
    committed: bool
    rows: list[RowResult]
    source_id: int | None = None
    created_persons: int = 0
    created_facts: int = 0

    def counts(self) -> dict[str, int]:
        result = {"new": 0, "match": 0, "ambiguous": 0, "invalid": 0, "conflicts": 0}
        for row in self.rows:
            result[row.outcome] += 1
            result["conflicts"] += len(row.conflicts)
        return result

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "counts": self.counts()}


# ---------------------------------------------------------------------------------------------
# Reading


#: the most an XLSX workbook may unpack to (a small zip can expand to gigabytes)
MAX_XLSX_UNPACKED = 200 * 1024 * 1024


def check_table_file(data: bytes, filename: str) -> str:
    """``"xlsx"`` or ``"csv"``, decided by the content (the extension must agree), or an
    :class:`ImportError_` naming the file: empty, over ``LETAPIS_MAX_UPLOAD_MB``, of another kind
    than its name says, or neither a table nor text."""
    from letapis.documents.errors import DocumentError
    from letapis.documents.read import check_size, kind_name, sniff_kind
    from letapis.review.conf import max_upload_bytes

    try:
        check_size(len(data), filename, max_bytes=max_upload_bytes())
    except DocumentError as exc:
        raise ImportError_(str(exc)) from exc
    suffix = Path(filename).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        expected = "xlsx"
    elif suffix in (".csv", ".tsv", ".txt"):
        expected = "csv"
    else:
        raise ImportError_(f"{filename}: import reads .csv and .xlsx files")
    sniffed = sniff_kind(data)
    kind = {"an Excel workbook": "xlsx", "text": "csv"}.get(sniffed)
    if kind is None:
        looks = kind_name(data, sniffed)
        raise ImportError_(f"{filename} is not a CSV or XLSX file: it looks like {looks}")
    if kind != expected:
        says = "an XLSX workbook" if expected == "xlsx" else "a CSV file"
        raise ImportError_(f"{filename} is not {says}: it looks like {'text' if kind == 'csv' else 'an XLSX workbook'}")
    return kind


def read_table(data: bytes, filename: str, sheet: str | None = None) -> tuple[list[str], list[list[str]], str]:
    """Headers, rows (as text) and the text form of the file (what claims quote)."""
    if check_table_file(data, filename) == "xlsx":
        rows = _read_xlsx(data, filename, sheet)
    else:
        rows = _read_csv(data, filename)
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if len(rows) == 0:
        raise ImportError_(f"{filename} is empty")
    if len(rows) > MAX_ROWS + 1:
        raise ImportError_(f"{filename} has {len(rows) - 1} rows; import at most {MAX_ROWS} at once")
    headers = [h.strip() for h in rows[0]]
    body = [r + [""] * (len(headers) - len(r)) for r in rows[1:]]
    text = "\n".join("\t".join(c.replace("\t", " ").replace("\n", " ") for c in r) for r in [headers, *body]) + "\n"
    return headers, body, text


def _read_csv(data: bytes, filename: str) -> list[list[str]]:
    from letapis.documents.errors import DocumentError
    from letapis.documents.text import decode_text

    try:
        text = decode_text(data, filename).text
    except DocumentError as exc:
        raise ImportError_(str(exc)) from exc
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    from letapis.spreadsheets import unneutralise

    return [[unneutralise(cell) for cell in row] for row in csv.reader(io.StringIO(text), dialect)]


def _read_xlsx(data: bytes, filename: str, sheet: str | None) -> list[list[str]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ImportError_(f"{filename} is not a readable XLSX workbook: {exc}") from exc
    if unpacked > MAX_XLSX_UNPACKED:
        raise ImportError_(f"{filename} unpacks to {unpacked // (1024 * 1024)} MB: workbooks over 200 MB are refused")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise ImportError_(f"{filename} is not a readable XLSX workbook: {exc}") from exc
    if sheet is not None and sheet not in workbook.sheetnames:
        raise ImportError_(f"{filename} has no sheet {sheet!r} (sheets: {', '.join(workbook.sheetnames)})")
    worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
    rows = []
    for values in worksheet.iter_rows(values_only=True):
        rows.append([_cell_text(v) for v in values])
    workbook.close()
    return rows


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    from letapis.spreadsheets import unneutralise

    return unneutralise(text)


def _split(value: str) -> list[str]:
    for separator in SEPARATORS:
        if separator in value:
            return [v.strip() for v in value.split(separator) if v.strip() != ""]
    return [value.strip()] if value.strip() != "" else []


# ---------------------------------------------------------------------------------------------
# Planning a row


@dataclass
class _Plan:
    """What a row would create: validated values."""

    names: list[tuple[str, str | None]]
    gender: str = ""
    birth_date: str = ""
    nationalities: list[str] = field(default_factory=list)
    occupations: list[str] = field(default_factory=list)
    memberships: list[tuple[str, str]] = field(default_factory=list)  # (role, organisation name)
    detention_date: str = ""
    sentence_date: str = ""
    sentence_months: int | None = None
    articles: list[str] = field(default_factory=list)
    sentence_regime: str = ""
    court: str = ""
    judge: str = ""
    appeal_date: str = ""
    release_date: str = ""
    status: str = ""
    publishable: bool | None = None


def _valid_date(value: str, what: str, warnings: list[str]) -> str:
    value = value.strip()
    try:
        edtf.parse_optional(value)
    except edtf.InvalidDate:
        warnings.append(f"{what} {value!r} is not a date (YYYY, YYYY-MM, YYYY-MM-DD): left out")
        return ""
    return value


def _plan(values: dict[str, str], mapping: Mapping, warnings: list[str]) -> _Plan:
    from letapis.vocab import vocabulary

    names: list[tuple[str, str | None]] = [(values.get("name", "").strip(), None)]
    for column, name_form in NAME_FORMS.items():
        text = values.get(column, "").strip()
        if text != "":
            names.append((text, name_form))
    names += [(n, None) for n in _split(values.get("other_names", ""))]
    forms: dict[str, str | None] = {}  # one entry per spelling; a known form wins over none
    for text, form in names:
        text = " ".join(text.split())
        if text != "" and forms.get(text) is None:
            forms[text] = form
    plan = _Plan(names=list(forms.items()))
    gender = values.get("gender", "").strip().lower()
    genders = {
        "m": "male",
        "male": "male",
        "м": "male",
        "муж": "male",
        "f": "female",
        "female": "female",
        "ж": "female",
        "жен": "female",
        "other": "other",
    }
    if gender != "":
        if gender in genders:
            plan.gender = genders[gender]
        else:
            warnings.append(f"gender {gender!r} not understood: left out")
    plan.birth_date = _valid_date(values.get("birth_date", ""), "birth date", warnings)
    for code in _split(values.get("nationalities", "")):
        if len(code) == 2 and code.isalpha():
            plan.nationalities.append(code.upper())
        else:
            warnings.append(f"nationality {code!r} is not an ISO 3166 code: left out")
    occupations = vocabulary("occupations")
    for label in _split(values.get("occupations", "")):
        term = occupations.get(label) or occupations.lookup(label)
        if term is None:
            warnings.append(f"occupation {label!r} is not in the vocabulary: left out")
        elif term.code not in plan.occupations:
            plan.occupations.append(term.code)
    roles = vocabulary("membership_roles")
    for item in _split(values.get("memberships", "")):
        role_text, sep, organisation = item.partition("@")
        labelled = _LABELLED_MEMBERSHIP.fullmatch(item.strip())
        if sep == "" and labelled is not None and roles.lookup(labelled["role"]) is not None:
            organisation, role_text = labelled["organisation"], labelled["role"]  # as exports write it
        elif sep == "":
            role_text, organisation = "member", item
        term = roles.get(role_text.strip()) or roles.lookup(role_text.strip())
        if term is None or organisation.strip() == "":
            warnings.append(
                f"membership {item!r} not understood (write Organisation (role) or role@organisation): left out"
            )
        else:
            plan.memberships.append((term.code, organisation.strip()))
    plan.detention_date = _valid_date(values.get("detention_date", ""), "detention date", warnings)
    plan.sentence_date = _valid_date(values.get("sentence_date", ""), "sentence date", warnings)
    plan.release_date = _valid_date(values.get("release_date", ""), "release date", warnings)
    months = values.get("sentence_months", "").strip()
    if months != "":
        if months.isdigit() and 0 < int(months) <= 360:
            plan.sentence_months = int(months)
        else:
            warnings.append(f"sentence months {months!r} is not a number of months: left out")
    plan.articles = _split(values.get("articles", ""))
    regime = values.get("sentence_regime", "").strip()
    if regime != "":
        term = vocabulary("sentence_regimes").get(regime) or vocabulary("sentence_regimes").lookup(regime)
        if term is None:
            warnings.append(f"sentence regime {regime!r} is not in the vocabulary: left out")
        else:
            plan.sentence_regime = term.code
    plan.court = " ".join(values.get("court", "").split())[:MAX_NAME]
    plan.judge = " ".join(values.get("judge", "").split())[:MAX_NAME]
    plan.appeal_date = _valid_date(values.get("appeal_date", ""), "appeal date", warnings)
    plan.status = values.get("status", "").strip().lower()
    publishable = values.get("publishable", "").strip().lower()
    if publishable in ("yes", "true", "1", "так", "да"):
        plan.publishable = True
    elif publishable in ("no", "false", "0", "не", "нет"):
        plan.publishable = False
    return plan


def _too_long(plan: _Plan, warnings: list[str]) -> bool:
    """Whether a name of the row is longer than the registry stores (the row is then left out);
    an organisation's name that is too long leaves out only its membership."""
    long = [text for text, _ in plan.names if len(text) > MAX_NAME]
    for role, organisation in list(plan.memberships):
        if len(organisation) > MAX_NAME:
            warnings.append(
                f"membership of an organisation named in {len(organisation)} characters (at most {MAX_NAME}): left out"
            )
            plan.memberships.remove((role, organisation))
    if long:
        warnings.append(f"a name of {len(long[0])} characters: names are limited to {MAX_NAME}; row left out")
    return bool(long)


def _visible_status(person: Person, day: date, user: Viewer) -> str:
    """The status of ``person`` on ``day`` from the events ``user`` may see: the status they
    would read if the others did not exist."""
    from letapis.registry.status import status_on

    return status_on(person, day, levels=access.levels_for(user)).status


def _known(person: Person, user: Viewer) -> tuple[set[str], set[str], set[tuple[str, str]]]:
    """The names, occupations and memberships of ``person`` that ``user`` may see."""

    names = set(access.visible_names(user, person.names.all()).values_list("text", flat=True))
    occupations = set(access.visible(user, person.occupations.all()).values_list("code", flat=True))
    memberships = set(
        access.visible_memberships(user, person.memberships.all()).values_list("role", "organisation__name")
    )
    return names, occupations, memberships


def _compare(person: Person, plan: _Plan, today: date, user: Viewer = None) -> tuple[list[str], list[str]]:
    """Conflicts (the registry says otherwise: never overwritten) and additions of a match, as
    ``user`` sees the person."""
    conflicts: list[str] = []
    if plan.birth_date and person.birth_date and plan.birth_date != person.birth_date:
        conflicts.append(f"birth date: file {plan.birth_date}, registry {person.birth_date}")
    if plan.gender and person.gender and plan.gender != person.gender:
        conflicts.append(f"gender: file {plan.gender}, registry {person.gender}")
    if plan.status in tuple(Status):
        registry = _visible_status(person, today, user)
        if registry != plan.status:
            conflicts.append(f"status: file {plan.status}, registry {registry} on {today.isoformat()}")
    known_names, known_occupations, known_memberships = _known(person, user)
    additions = [f"name {t!r}" for t, _ in plan.names if " ".join(t.split()) not in known_names]
    additions += [f"occupation {c}" for c in plan.occupations if c not in known_occupations]
    additions += [f"membership {r} of {o}" for r, o in plan.memberships if (r, o) not in known_memberships]
    return conflicts, additions


# ---------------------------------------------------------------------------------------------
# Running


def run_import(
    data: bytes,
    filename: str,
    mapping: Mapping | None = None,
    *,
    commit: bool = False,
    actor: Actor = None,
    today: date | None = None,
) -> ImportReport:
    """Dry-run (default) or commit the import of a CSV/XLSX file; see the module's docstring.

    Rows are matched, compared and written as ``actor`` sees the registry (``None``: what may
    be published). The mapping's level must be one ``actor`` may read: nobody imports records
    they could not see afterwards."""
    from letapis import access
    from letapis.registry.lookup import find_persons

    mapping = Mapping.default() if mapping is None else mapping
    if getattr(actor, "pk", None) is not None and mapping.confidentiality not in access.levels_for(actor):
        raise ImportError_(f"you may not import {mapping.confidentiality} records: you could not read them")
    scope = access.visible_persons(actor)
    today = timezone.localdate() if today is None else today
    headers, body, text = read_table(data, filename, mapping.sheet)
    missing = [h for f, h in mapping.columns.items() if h not in headers and f == "name"]
    if missing:
        raise ImportError_(f"{filename}: no column {missing[0]!r} for the names (columns: {', '.join(headers)})")
    index = {f: headers.index(h) for f, h in mapping.columns.items() if h in headers}
    lines = text.splitlines()
    plans: list[tuple[RowResult, _Plan | None, Person | None]] = []
    for number, row in enumerate(body, start=2):
        values = {f: row[i] if i < len(row) else "" for f, i in index.items()}
        name = values.get("name", "").strip()
        result = RowResult(number, name, "invalid")
        if name == "":
            result.warnings.append("no name: row left out")
            plans.append((result, None, None))
            continue
        plan = _plan(values, mapping, result.warnings)
        if _too_long(plan, result.warnings):
            plans.append((result, None, None))
            continue
        candidates = [c for c in find_persons(name, limit=3, persons=scope) if c.is_match]
        if len(candidates) == 0:
            result.outcome = "new"
            plans.append((result, plan, None))
            continue
        if len(candidates) > 1 and candidates[0].score - candidates[1].score < 0.02:
            result.outcome = "ambiguous"
            result.reason = "; ".join(f"{c.person.pk}: {c.person.display_name} ({c.reason})" for c in candidates)
            plans.append((result, plan, None))
            continue
        best = candidates[0]
        result.outcome, result.person_id, result.matched_name, result.reason = (
            "match",
            best.person.pk,
            best.person.display_name,
            best.reason,
        )
        result.conflicts, result.additions = _compare(best.person, plan, today, actor)
        plans.append((result, plan, best.person))
    report = ImportReport(filename, False, [r for r, _, _ in plans])
    if commit:
        with transaction.atomic():
            _commit(report, plans, data, filename, text, lines, mapping, actor)
        report.committed = True
    return report


def _commit(
    report: ImportReport,
    plans: Sequence[tuple[RowResult, _Plan | None, Person | None]],
    data: bytes,
    filename: str,
    text: str,
    lines: list[str],
    mapping: Mapping,
    actor: Actor,
) -> None:
    source, created = s.do_create_source(
        actor,
        data=data,
        filename=Path(filename).name,
        text=text,
        title=f"Imported list: {Path(filename).name}",
        media_type="text/csv"
        if filename.lower().endswith(".csv")
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        language=mapping.language,
        confidentiality=mapping.confidentiality,
    )
    if created:
        from letapis.custody.services import do_record_received

        do_record_received(actor, source, how="import")
    report.source_id = source.pk
    proposer = f"import:{Path(filename).name}"[:100]

    def claim(kind: str, value: dict[str, Any], line: int, person: Person, supports: Any, event: Any = None) -> None:
        quote = lines[line - 1]
        start = sum(len(x) + 1 for x in lines[: line - 1])
        s.do_record_claim(
            actor,
            source,
            kind=kind,
            value=value,
            span=(start, start + len(quote)),
            proposer=proposer,
            state=ClaimState.ACCEPTED,
            person=person,
            event=event,
            supports=supports,
            confidentiality=mapping.confidentiality,
        )
        report.created_facts += 1

    for result, plan, person in plans:
        if plan is None or result.outcome in ("ambiguous", "invalid"):
            continue
        if person is None:
            person = s.do_create_person(
                actor,
                names=[s.NameInput(t, f) for t, f in plan.names],
                gender=plan.gender,
                birth_date=plan.birth_date,
                nationalities=plan.nationalities,
                confidentiality=mapping.confidentiality,
                publishable=mapping.publishable if plan.publishable is None else plan.publishable,
            )
            result.person_id = person.pk
            report.created_persons += 1
            claim("person", {"names": [t for t, _ in plan.names]}, result.line, person, person)
            _add_events(
                actor,
                person,
                plan,
                lambda kind, value, rec, ev=None, p=person, ln=result.line: claim(kind, value, ln, p, rec, ev),
            )
        else:
            known = set(person.names.values_list("text", flat=True))
            for text_, form in plan.names:
                if " ".join(text_.split()) not in known:
                    variant = s.do_add_name(actor, person, text_, form=form)
                    claim("name", {"name": variant.text}, result.line, person, variant)
        known_occupations = set(person.occupations.values_list("code", flat=True))
        for code in plan.occupations:
            if code not in known_occupations:
                occupation = s.do_add_occupation(actor, person, code)
                claim("occupation", {"occupation": code}, result.line, person, occupation)
        known_memberships = set(person.memberships.values_list("role", "organisation__name"))
        for role, name in plan.memberships:
            if (role, name) in known_memberships:
                continue
            organisation = Organisation.objects.filter(name=name).first() or s.do_create_organisation(
                actor, name, kind="ngo"
            )
            membership = s.do_add_membership(actor, person, organisation, role=role)
            claim("membership", {"organisation": name, "role": role}, result.line, person, membership)


def _add_events(actor: Actor, person: Person, plan: _Plan, claim: Any) -> None:
    """Detention, sentence and release of a new person, as the row gives them."""
    if plan.detention_date:
        event = s.do_create_event(actor, type=EventType.DETENTION, date=plan.detention_date, victims=[person])
        claim("event", {"type": EventType.DETENTION, "date": plan.detention_date}, event, event)
    if plan.sentence_date or plan.sentence_months is not None or plan.articles or plan.sentence_regime:
        sentence: Event | None = None
        if plan.sentence_date:
            sentence = s.do_create_event(actor, type=EventType.SENTENCE, date=plan.sentence_date, victims=[person])
        case = s.do_create_criminal_case(
            actor,
            person,
            articles=plan.articles,
            sentence_kind=plan.sentence_regime,
            sentence_months=plan.sentence_months,
            sentence_date=plan.sentence_date,
            appeal_date=plan.appeal_date,
            court_name=plan.court,
            judge_name=plan.judge,
            sentence_event=sentence,
        )
        claim("criminal_case", s.case_value(case), case, sentence)
    if plan.release_date:
        event = s.do_create_event(actor, type=EventType.RELEASE, date=plan.release_date, victims=[person])
        claim("event", {"type": EventType.RELEASE, "date": plan.release_date}, event, event)


def report_text(report: ImportReport) -> str:
    """The import report for people: a summary line, then one line per row that needs a look."""
    counts = report.counts()
    head = ("Imported" if report.committed else "Dry run (nothing written; add --commit to import)") + (
        f" {report.file}: {counts['new']} new, {counts['match']} matched, {counts['ambiguous']} ambiguous, "
        f"{counts['invalid']} invalid, {counts['conflicts']} conflicts"
    )
    if report.committed:
        head += (
            f"; created {report.created_persons} persons and {report.created_facts} claims (source {report.source_id})"
        )
    lines = [head]
    for row in report.rows:
        detail = f"  row {row.line}: {row.name or '(no name)'} — {row.outcome}"
        if row.outcome == "match":
            detail += f" → {row.person_id} {row.matched_name} ({' '.join(row.reason.split())})"
        elif row.outcome == "ambiguous":
            detail += f": {row.reason}"
        lines.append(detail)
        lines += [f"    conflict (not written): {c}" for c in row.conflicts]
        lines += [f"    adds: {a}" for a in row.additions]
        lines += [f"    warning: {w}" for w in row.warnings]
    return "\n".join(lines) + "\n"


def report_json(report: ImportReport) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
