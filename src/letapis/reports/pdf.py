"""The monitoring report as PDF, with fpdf2 (pure Python, installs from PyPI alone).

Text is set in DejaVu Sans, the TrueType font matplotlib ships inside its wheel
(``matplotlib/mpl-data/fonts/ttf``), embedded as a subset: Cyrillic and Łacinka (ł ŭ ś ć ž)
render and extract as text. Charts are PNG images with their data tables printed below them;
each number links to the list of persons behind it, later in the document.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from letapis.pdfdoc import FONT, new_document

if TYPE_CHECKING:
    from letapis.reports.monitoring import ReportData

#: the most characters of one table cell (the narrowest column still fits on a page)
TABLE_CELL_LIMIT = 400


def _cut(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _heading(pdf: Any, text: str, size: int = 14) -> None:
    if pdf.get_y() > pdf.h - 50:
        pdf.add_page()
    pdf.ln(3)
    pdf.set_font(FONT, "B", size)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    pdf.set_font(FONT, "", 10)


def _para(pdf: Any, text: str, size: float = 10) -> None:
    pdf.set_font(FONT, "", size)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")


def _table(
    pdf: Any, header: list[str], rows: list[list[str]], widths: list[float], links: list[Any] | None = None
) -> None:
    pdf.set_font(FONT, "B", 9)
    with pdf.table(
        col_widths=widths,
        text_align="LEFT",
        line_height=5,
        first_row_as_headings=True,
        borders_layout="HORIZONTAL_LINES",
        width=sum(widths),
    ) as table:
        head = table.row()
        for cell in header:
            head.cell(cell)
        pdf.set_font(FONT, "", 9)
        for i, values in enumerate(rows):
            row = table.row()
            for j, value in enumerate(values):
                link = links[i] if links is not None and j == len(values) - 1 else None
                # a table row must fit on one page: a very long value (a name or a place of
                # thousands of characters) is cut rather than failing the whole report
                row.cell(_cut(value, TABLE_CELL_LIMIT), link=link)
    pdf.ln(2)


def report_pdf(data: ReportData) -> bytes:
    """The monitoring report as PDF bytes."""
    w = data.words
    pdf = new_document(data.title, data.lang)
    links = {n.key: pdf.add_link() for n in data.behind}
    person_links = {pid: pdf.add_link() for pid in data.names}
    pdf.set_font(FONT, "B", 18)
    pdf.multi_cell(0, 9, data.title, new_x="LMARGIN", new_y="NEXT")
    _para(pdf, w["generated"] + (" " + w["public_only"] if data.public else ""), 9)

    _heading(pdf, w["numbers"])
    _table(
        pdf,
        ["", w["count"]],
        [[n.label, str(n.count)] for n in data.numbers],
        [120, 30],
        [links.get(n.key) for n in data.numbers],
    )

    _heading(pdf, w["charts"])
    for chart in data.charts:
        if pdf.get_y() > pdf.h - 110:
            pdf.add_page()
        pdf.image(io.BytesIO(chart.png()), w=170, alt_text=f"{chart.title}. {chart.description}")
        pdf.set_font(FONT, "B", 9)
        pdf.multi_cell(0, 5, f"{w['data_table']}: {chart.title}", new_x="LMARGIN", new_y="NEXT")
        values = len(chart.columns) - 1
        first = 60 if chart.kind == "hbars" else 30
        _table(
            pdf,
            chart.columns,
            [[str(v) for v in row] for row in chart.rows],
            [first] + [min(30, (170 - first) / max(1, values))] * values,
        )

    _heading(pdf, w["breakdowns"])
    for title, rows in data.breakdowns:
        _heading(pdf, title, 11)
        _table(
            pdf,
            [title, w["count"]],
            [[n.label, str(n.count)] for n in rows],
            [120, 30],
            [links.get(n.key) for n in rows],
        )

    _heading(pdf, w["events"])
    if not data.events:
        _para(pdf, w["no_events"])
    for event in data.events:
        pdf.set_font(FONT, "B", 10)
        pdf.multi_cell(
            0,
            5,
            f"{event.date} — {event.type}" + (f" ({event.count})" if event.count is not None else ""),
            new_x="LMARGIN",
            new_y="NEXT",
        )
        if event.persons:
            _para(pdf, f"{w['persons_col']}: " + ", ".join(name for _, name in event.persons), 9)
        for ref in event.sources[:3]:
            _para(pdf, f"{ref['title']}: «{_cut(ref['quote'])}»", 8)
        pdf.ln(1)

    _heading(pdf, w["held_list"])
    _table(
        pdf,
        [w["name"], w["occupations"], w["since"]],
        [[r.name, r.occupations, r.since] for r in data.held],
        [55, 80, 35],
    )

    _heading(pdf, w["behind"])
    for number, people in data.behind_people:
        pdf.set_link(links[number.key], page=pdf.page, y=pdf.get_y())
        _para(pdf, f"{number.full_label} ({number.count}): " + ", ".join(name for _, name in people), 9)

    _heading(pdf, w["persons"])
    for pid, name, refs in data.people:
        pdf.set_link(person_links[pid], page=pdf.page, y=pdf.get_y())
        pdf.set_font(FONT, "B", 9)
        pdf.multi_cell(0, 5, name, new_x="LMARGIN", new_y="NEXT")
        for ref in refs[:2]:
            _para(pdf, f"{ref['title']}: «{_cut(ref['quote'])}»", 8)

    _heading(pdf, w["method"])
    _para(pdf, w["method_text"], 9)
    return bytes(pdf.output())
