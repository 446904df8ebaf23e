"""Charts with matplotlib (Agg backend, nothing shown on screen): SVG for pages, PNG for PDF.

Every chart is accessible: it has a title, labelled axes, an SVG ``<title>`` and ``<desc>``
(``role="img"``), and it travels with its data as a table (:attr:`Chart.columns`,
:attr:`Chart.rows`) that pages and reports print beside it. Text in SVG stays text, so screen
readers and search find it; fonts are DejaVu Sans (shipped with matplotlib, with Cyrillic and
Łacinka).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from html import escape
from typing import Any

PALETTE = ("#1f4e79", "#c0504d", "#4f8a3c", "#8064a2", "#d98c1f", "#3c9bb0")


@cache
def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update(
        {
            "font.family": "DejaVu Sans",
            "svg.fonttype": "none",
            # labels are data (names, places): a "$" is a dollar sign, never TeX math to parse
            "text.parse_math": False,
            "svg.hashsalt": "letapis",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "font.size": 10,
        }
    )
    import matplotlib.pyplot as plt

    return plt


@dataclass
class Chart:
    """A chart and its data: ``rows`` of values under ``columns`` (the first column labels)."""

    key: str
    title: str
    description: str
    columns: list[str]
    rows: list[list[Any]]
    kind: str  # line, bars, hbars
    x_label: str = ""
    y_label: str = ""
    series: list[str] = field(default_factory=list)  # names of the value columns drawn
    svg_text: str = ""  # filled by renderers that inline the SVG

    def _figure(self) -> Any:
        plt = _pyplot()
        labels = [str(r[0]) for r in self.rows]
        values = [[float(r[i]) for r in self.rows] for i in range(1, len(self.columns))]
        height = 3.4 if self.kind != "hbars" else max(2.2, 0.38 * len(labels) + 1.2)
        fig, ax = plt.subplots(figsize=(7.2, height), dpi=110)
        if self.kind == "line":
            ax.plot(range(len(labels)), values[0], marker="o", color=PALETTE[0])
            ax.set_ylim(bottom=0)
            step = max(1, len(labels) // 12)
            ax.set_xticks(range(0, len(labels), step), labels[::step], rotation=45, ha="right")
        elif self.kind == "bars":
            width = 0.8 / max(1, len(values))
            for i, column in enumerate(values):
                ax.bar(
                    [x + i * width for x in range(len(labels))],
                    column,
                    width=width,
                    color=PALETTE[i % len(PALETTE)],
                    label=self.columns[i + 1],
                )
            step = max(1, len(labels) // 12)
            ax.set_xticks(
                [x + 0.4 - width / 2 for x in range(0, len(labels), step)], labels[::step], rotation=45, ha="right"
            )
            ax.legend(frameon=False, fontsize=8, ncols=min(3, len(values)))
        else:
            ax.barh(range(len(labels)), values[0], color=PALETTE[0])
            ax.set_yticks(range(len(labels)), labels)
            ax.invert_yaxis()
        ax.yaxis.get_major_locator().set_params(integer=True) if self.kind != "hbars" else (
            ax.xaxis.get_major_locator().set_params(integer=True)
        )
        ax.set_title(self.title)
        ax.set_xlabel(self.x_label)
        ax.set_ylabel(self.y_label)
        fig.tight_layout()
        return fig

    def svg(self) -> str:
        """The chart as an SVG element with ``<title>`` and ``<desc>`` (no XML prolog)."""
        plt = _pyplot()
        fig = self._figure()
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "Letapis"})
        plt.close(fig)
        text = buffer.getvalue()
        text = text[text.index("<svg") :]
        ident = f"chart-{self.key}"
        text = re.sub(
            r"<svg ([^>]*)>",
            lambda m: (
                f'<svg {m.group(1)} role="img" aria-labelledby="{ident}-title {ident}-desc">'
                f'<title id="{ident}-title">{escape(self.title)}</title>'
                f'<desc id="{ident}-desc">{escape(self.description)}</desc>'
            ),
            text,
            count=1,
        )
        return text

    def png(self) -> bytes:
        plt = _pyplot()
        fig = self._figure()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", metadata={"Software": "Letapis"})
        plt.close(fig)
        return buffer.getvalue()


def line(
    key: str, title: str, description: str, x_label: str, y_label: str, points: Sequence[tuple[str, int]]
) -> Chart:
    return Chart(key, title, description, [x_label, y_label], [[x, y] for x, y in points], "line", x_label, y_label)


def bars(
    key: str,
    title: str,
    description: str,
    x_label: str,
    y_label: str,
    series: Sequence[str],
    rows: Sequence[Sequence[Any]],
) -> Chart:
    return Chart(
        key, title, description, [x_label, *series], [list(r) for r in rows], "bars", x_label, y_label, list(series)
    )


def hbars(
    key: str, title: str, description: str, x_label: str, y_label: str, points: Sequence[tuple[str, int]]
) -> Chart:
    return Chart(key, title, description, [y_label, x_label], [[x, y] for x, y in points], "hbars", x_label, y_label)
