"""The monitoring report for a period, in English, Belarusian or Russian from the same data.

:func:`build_report` gathers everything (numbers with the persons behind them, breakdowns,
charts, the events of the period with their persons and sources, the list of those held at the
end) as the caller may see it; :func:`render` writes it as HTML (one self-contained page,
charts inline as SVG), Markdown, or PDF (:mod:`letapis.reports.pdf`).

Charts cover the 24 months up to the end of the period, so that a one-month report shows the
trend it belongs to.
"""

from __future__ import annotations

import string
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.db.models import Q
from django.utils import timezone

from letapis import access
from letapis import language as lang_
from letapis.accounts.actor import Viewer
from letapis.language import LANGUAGES, check_language
from letapis.names.collation import sort_key
from letapis.registry.models import Event, Involvement, InvolvementRole
from letapis.registry.queries import SourceRef, claims_supporting, held_list, names_in
from letapis.reports import charts, stats

CHART_MONTHS = 24
DATA = Path(__file__).with_name("data")  # report.yaml: the report's words
ASSETS = Path(__file__).with_name("static_site")  # the published site's CSS and script


@cache
def report_css() -> str:
    """The report's style rules, one file for the standalone HTML report and the public site."""
    return (ASSETS / "report.css").read_text(encoding="utf-8")


@cache
def words() -> dict[str, Any]:
    """The validated content of ``data/report.yaml``."""
    data: dict[str, Any] = yaml.safe_load((DATA / "report.yaml").read_text(encoding="utf-8"))

    def check(node: Any, where: str) -> None:
        if isinstance(node, dict) and set(node) == set(LANGUAGES):
            return
        if not isinstance(node, dict):
            raise lang_.LanguageDataError(f"report.yaml: {where} needs en, be and ru")
        for key, value in node.items():
            check(value, f"{where}.{key}")

    check(data, "report")
    return data


def word(key: str, lang: str, **values: Any) -> str:
    node: Any = words()
    for part in key.split("."):
        node = node[part]
    return str(node[lang]).format(**values)


def report_words(lang: str, day: str) -> dict[str, str]:
    """Every word of the top level of ``report.yaml`` in ``lang`` that takes no value but a
    ``{date}`` (given as ``day``): the words of a report's templates (their ``w``)."""
    found: dict[str, str] = {}
    for key, node in words().items():
        if set(node) != set(LANGUAGES):
            continue  # a group (``by``, ``pages``…): its words are asked for by their keys
        text = str(node[lang])
        if {name for _, name, _, _ in string.Formatter().parse(text) if name} <= {"date"}:
            found[key] = text.format(date=day)
    return found


@dataclass
class Number:
    """A number in the report, with the anchor of its persons' list."""

    label: str
    count: int
    key: str
    person_ids: tuple[int, ...]
    group: str = ""  # the breakdown it belongs to ("Nationality"), for labels out of their table

    @property
    def full_label(self) -> str:
        return self.label if self.group == "" else f"{self.group}: {self.label}"


@dataclass
class EventRow:
    id: int
    date: str
    type: str
    count: int | None
    description: str
    persons: list[tuple[int, str]]
    sources: list[SourceRef]


@dataclass
class HeldRow:
    id: int
    name: str
    occupations: str
    since: str
    sources: list[SourceRef]


@dataclass
class ReportData:
    lang: str
    start: date
    end: date
    public: bool
    title: str
    numbers: list[Number]
    breakdowns: list[tuple[str, list[Number]]]
    charts: list[charts.Chart]
    events: list[EventRow]
    held: list[HeldRow]
    names: dict[int, str]
    person_sources: dict[int, list[SourceRef]]
    words: dict[str, str] = field(default_factory=dict)

    @property
    def behind(self) -> list[Number]:
        """Every number with persons behind it, once."""
        seen: dict[str, Number] = {}
        for number in self.numbers + [n for _, rows in self.breakdowns for n in rows]:
            if number.person_ids:
                seen.setdefault(number.key, number)
        return list(seen.values())

    @property
    def behind_people(self) -> list[tuple[Number, list[tuple[int, str]]]]:
        return [(n, [(p, self.names[p]) for p in n.person_ids]) for n in self.behind]

    @property
    def people(self) -> list[tuple[int, str, list[SourceRef]]]:
        """Every person the report names, by name, with their sources."""
        order = sorted(self.names, key=lambda p: self.names[p])
        return [(p, self.names[p], self.person_sources.get(p, [])) for p in order]


def stat_label(stat: stats.Stat, lang: str) -> str:
    unknown = word("unknown", lang)
    if stat.code == "unknown":
        return unknown
    if stat.kind == "occupation":
        return lang_.vocab_label("occupations", stat.code, lang)
    if stat.kind == "gender":
        return lang_.gender_label(stat.code, lang)
    if stat.kind == "nationality":
        return lang_.country_name(stat.code, lang)
    if stat.kind == "article":
        return f"{stat.code} — {lang_.vocab_label('criminal_code_articles', stat.code, lang)}"
    if stat.kind in ("sentence_length", "time_served"):
        return word(f"buckets.{stat.code}", lang)
    if stat.kind == "sentence_term":
        return lang_.term_phrase(int(stat.code), lang)
    if stat.kind == "movement":
        return word(f"movement_types.{stat.code}", lang)
    return stat.label or stat.code


def _number(stat: stats.Stat, lang: str, label: str | None = None) -> Number:
    return Number(label if label is not None else stat_label(stat, lang), stat.count, stat.key, stat.person_ids)


def first_of_month(day: date, months_back: int) -> date:
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def _events(start: date, end: date, user: Viewer, lang: str) -> tuple[list[EventRow], set[int]]:
    """Events of the period (an event contained in another is shown within it)."""
    visible = access.visible_events(user, Event.objects.filter(date_latest__gte=start, date_latest__lte=end))
    events = list(visible.order_by("date_latest", "sequence", "id"))
    ids = {e.pk for e in events}
    heads = [e for e in events if e.parent_id not in ids]
    involvements = access.visible(
        user,
        Involvement.objects.filter(Q(event_id__in=ids), access.visible_person_q(user), role=InvolvementRole.VICTIM),
    ).values_list("event_id", "event__parent_id", "person_id")
    persons: dict[int, list[int]] = defaultdict(list)
    for event_id, parent_id, person_id in involvements:
        head = parent_id if parent_id in ids else event_id
        if person_id not in persons[head]:
            persons[head].append(person_id)
    sources = claims_supporting(ids, user)
    children: dict[int, list[int]] = defaultdict(list)
    for event in events:
        if event.parent_id in ids:
            children[event.parent_id].append(event.pk)
    all_persons = {p for ps in persons.values() for p in ps}
    names = names_in(all_persons, lang, user)
    rows = []
    for event in heads:
        refs: list[SourceRef] = []
        for eid in [event.pk, *children[event.pk]]:
            refs += [r for r in sources.get(eid, []) if r["claim_id"] not in {x["claim_id"] for x in refs}]
        rows.append(
            EventRow(
                event.pk,
                # as known: "on or before 12 December 2025", "November 2021"
                lang_.format_partial(event.date, lang)
                if event.date
                else (lang_.format_date(event.date_latest, lang) if event.date_latest else ""),
                lang_.vocab_label("event_types", event.type, lang),
                event.count,
                event.description,
                sorted(((p, names[p]) for p in persons[event.pk]), key=lambda x: x[1]),
                refs,
            )
        )
    return rows, all_persons


def build_report(start: date, end: date, lang: str, user: Viewer) -> ReportData:
    """Everything the monitoring report for ``start``…``end`` shows, as ``user`` may see it."""
    check_language(lang)
    fmt = lang_.format_date
    held_start = stats.held_count(start, user)
    held_end = stats.held_count(end, user)
    moves = stats.movements(start, end, user)
    numbers = [
        _number(held_start, lang, word("held_on", lang, date=fmt(start, lang))),
        _number(held_end, lang, word("held_on", lang, date=fmt(end, lang))),
        *[_number(moves[t], lang) for t in stats.MOVEMENT_TYPES],
    ]
    numbers[0].key, numbers[1].key = "held-start", "held-end"
    breakdowns = []
    for by in stats.BREAKDOWNS:
        rows = [_number(s, lang) for s in stats.breakdown(end, user, by)]
        breakdowns.append((word(f"by.{by}", lang), rows))
    breakdowns.append((word("by.time_served", lang), [_number(s, lang) for s in stats.time_served_buckets(end, user)]))
    for group, rows in breakdowns:
        for number in rows:
            number.group = group

    window_start = first_of_month(end, CHART_MONTHS - 1)
    series = stats.held_series(window_start, end, user)
    per_month = stats.movements_by_month(window_start, end, user)
    span = {"start": lang_.format_month(window_start, lang), "end": lang_.format_month(end, lang)}
    month_label = word("month", lang)
    occupation_rows = breakdowns[0][1]
    chart_list = [
        charts.line(
            "held",
            word("chart_held", lang),
            word("chart_held_desc", lang, **span),
            month_label,
            word("persons_axis", lang),
            [(p.day.strftime("%Y-%m"), p.count) for p in series],
        ),
        charts.bars(
            "movements",
            word("chart_movements", lang),
            word("chart_movements_desc", lang, **span),
            month_label,
            word("count", lang),
            [word(f"movement_types.{t}", lang) for t in stats.MOVEMENT_TYPES],
            [[m.month.strftime("%Y-%m"), *[m.by_type[t].count for t in stats.MOVEMENT_TYPES]] for m in per_month],
        ),
        charts.hbars(
            "occupations",
            word("chart_occupations", lang, date=fmt(end, lang)),
            word("chart_occupations_desc", lang, date=fmt(end, lang)),
            word("persons_axis", lang),
            word("occupation_axis", lang),
            [(n.label, n.count) for n in occupation_rows],
        ),
    ]

    events, event_persons = _events(start, end, user, lang)
    held_rows = held_list(end, user)
    behind_ids = {p for n in numbers for p in n.person_ids} | {
        p for _, rows in breakdowns for n in rows for p in n.person_ids
    }
    everyone = behind_ids | event_persons | {r["id"] for r in held_rows}
    names = names_in(everyone, lang, user)
    starts = stats.spell_starts(end, user)
    held = [
        HeldRow(
            r["id"],
            names[r["id"]],
            ", ".join(lang_.vocab_label("occupations", c, lang) for c in r["occupations"]),
            fmt(starts[r["id"]], lang) if r["id"] in starts else word("unknown", lang),
            r["sources"],
        )
        for r in held_rows
    ]
    held.sort(key=lambda r: (sort_key(r.name), r.id))
    title = word("title", lang, start=fmt(start, lang), end=fmt(end, lang))
    return ReportData(
        lang,
        start,
        end,
        access.is_public_only(user),
        title,
        numbers,
        breakdowns,
        chart_list,
        events,
        held,
        names,
        stats.person_sources(everyone, user),
        report_words(lang, fmt(end, lang))
        | {"generated": word("generated", lang, date=fmt(timezone.localdate(), lang))},
    )


def render_body(data: ReportData) -> str:
    """The report's sections as HTML to place in the application's page (persons link to their
    pages there, numbers to the lists of their persons within the report)."""
    from django.template.loader import render_to_string

    for chart in data.charts:
        chart.svg_text = chart.svg()
    return render_to_string("reports/_monitoring_body.html", {"r": data, "w": data.words, "in_app": True})


def render(data: ReportData, fmt: str) -> str | bytes:
    """The report as ``html`` (str), ``md`` (str) or ``pdf`` (bytes)."""
    if fmt == "html":
        from django.template.loader import render_to_string

        for chart in data.charts:
            chart.svg_text = chart.svg()
        context = {"r": data, "w": data.words, "css": report_css()}
        return render_to_string("reports/monitoring.html", context)
    if fmt == "md":
        return to_markdown(data)
    if fmt == "pdf":
        from letapis.reports.pdf import report_pdf

        return report_pdf(data)
    raise ValueError(f"unknown format {fmt!r}: use html, md or pdf")


def _sources_md(refs: list[SourceRef]) -> str:
    return "; ".join(f"[{r['title']}{', ' + r['date'] if r['date'] else ''}] «{r['quote'][:140]}»" for r in refs)


def to_markdown(data: ReportData) -> str:
    w = data.words
    out = [f"# {data.title}", "", w["generated"], ""]
    if data.public:
        out += [w["public_only"], ""]
    out += [f"## {w['numbers']}", "", f"| | {w['count']} |", "| --- | ---: |"]
    out += [f"| {n.label} | [{n.count}](#{n.key}) |" for n in data.numbers]
    out += ["", f"## {w['breakdowns']}", ""]
    for title, rows in data.breakdowns:
        out += [f"### {title}", "", f"| {title} | {w['count']} |", "| --- | ---: |"]
        out += [f"| {n.label} | [{n.count}](#{n.key}) |" for n in rows] + [""]
    out += [f"## {w['charts']}", ""]
    for chart in data.charts:
        out += [
            f"### {chart.title}",
            "",
            chart.description,
            "",
            "| " + " | ".join(chart.columns) + " |",
            "|" + " --- |" * len(chart.columns),
        ]
        out += ["| " + " | ".join(str(v) for v in row) + " |" for row in chart.rows] + [""]
    out += [f"## {w['events']}", ""]
    if not data.events:
        out += [w["no_events"], ""]
    for event in data.events:
        head = f"- **{event.date}** — {event.type}" + (f" ({event.count})" if event.count is not None else "")
        people = ", ".join(f"[{name}](#p{pid})" for pid, name in event.persons)
        out += [head + (f": {people}" if people else "")]
        if event.sources:
            out += [f"  - {w['sources']}: {_sources_md(event.sources)}"]
    out += [
        "",
        f"## {w['held_list']}",
        "",
        f"| {w['name']} | {w['occupations']} | {w['since']} |",
        "| --- | --- | --- |",
    ]
    out += [f"| [{r.name}](#p{r.id}) | {r.occupations} | {r.since} |" for r in data.held]
    out += ["", f"## {w['behind']}", ""]
    for number in data.behind:
        people = ", ".join(f"[{data.names[p]}](#p{p})" for p in number.person_ids)
        out += [f'- <a id="{number.key}"></a>{number.full_label} ({number.count}): {people}']
    out += ["", f"## {w['persons']}", ""]
    for pid in sorted(data.names, key=lambda p: data.names[p]):
        out += [f'- <a id="p{pid}"></a>**{data.names[pid]}**: {_sources_md(data.person_sources.get(pid, []))}']
    out += ["", f"## {w['method']}", "", w["method_text"], ""]
    return "\n".join(out)
