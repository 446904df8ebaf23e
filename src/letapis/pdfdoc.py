"""A PDF document set in DejaVu Sans with fpdf2, for the reports, the letter sheets and the
custody records.

DejaVu Sans is the TrueType font matplotlib ships inside its wheel (``matplotlib/mpl-data/fonts/ttf``),
embedded as a subset: Cyrillic and Łacinka (ł ŭ ś ć ž) render and extract as text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

FONT = "DejaVu"


@cache
def font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def new_document(title: str, lang: str) -> Any:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(16, 16, 16)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_font(FONT, "", str(font_dir() / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(font_dir() / "DejaVuSans-Bold.ttf"))
    pdf.set_title(title)
    pdf.set_lang(lang)
    pdf.set_creator("Letapis")
    pdf.set_producer("Letapis (fpdf2)")
    pdf.add_page()
    return pdf
